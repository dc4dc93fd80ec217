import { useCallback } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { systemText } from '../warnings/i18n.ts';
import {
  CASE_SOURCE_NAMES,
  CASE_STAGE_NAMES,
  SUSPECT_ROLE_NAMES,
  SUSPECT_STATUS_NAMES,
} from '../../../../contract/cases.ts';

// Strings of the case pages, zh-CN first with English beside them.
const zh = {
  title: '案件',
  newCase: '接警登记',
  caseNo: '案件编号',
  reportedAt: '报案时间',
  victim: '受害人',
  victimName: '姓名',
  victimPhone: '手机号',
  victimId: '身份证号',
  fraudTypes: '诈骗类型',
  loss: '损失金额（元）',
  summary: '简要案情',
  source: '报案来源',
  contactMethod: '联系方式',
  stage: '办案环节',
  unit: '办案单位',
  paid: '转账合计',
  payments: '转账记录（一级账户）',
  addPayment: '添加一笔转账',
  paste: '粘贴银行短信或流水，自动识别',
  pastePlaceholder:
    '例如：【中国工商银行】您尾号1234卡12月2日14:35网上银行支出30,000.00元…对方户名：王五，对方账户：6228…',
  parse: '识别',
  parsed: '已识别：{fields}',
  parsedNothing: '未识别到转账信息，请手工填写',
  paidAt: '转账时间',
  amount: '金额（元）',
  toAccount: '收款账户',
  toName: '收款户名',
  toBank: '收款银行/平台',
  fromAccount: '付款账户',
  channel: '转账方式',
  identifiers: '涉案号码/网址/App等',
  addIdentifier: '添加',
  kind: '类型',
  value: '内容',
  submit: '提交登记',
  created: '已登记案件 {no}',
  search: '编号/姓名/手机号',
  account: '涉案账户',
  all: '全部',
  countdown: '时限',
  overdue: '已超时',
  none: '无',
  chain: '办案流程',
  next: '下一步',
  reason: '理由',
  notFiledReason: '不予立案理由',
  threshold: '立案标准 ¥{n}',
  orders: '止付/冻结指令',
  ordersNone: '暂无指令',
  refunds: '返还（追赃挽损）',
  refundHeld: '止付/冻结在控',
  refundShare: '应返份额',
  refundPaid: '被害人转入',
  refundBasis: '依据',
  refundTraced: '可溯源',
  refundProRata: '按比例（公告期后）',
  refundNotBefore: '公告期至',
  refundPropose: '提出返还指令',
  refundReturned: '已返还到被害人',
  refundRecord: '登记已返还',
  refundNone: '暂无可返还资金',
  refundThisCase: '本案',
  refundOtherCase: '他案被害人',
  refundNotice: '按比例返还须经 {n} 天公告期',
  withdrawn: '本案已撤回：{reason}',
  evidence: '证据',
  upload: '上传证据',
  custodian: '保管人',
  transfer: '移交',
  suspects: '嫌疑人',
  addSuspect: '添加嫌疑人',
  role: '角色',
  status: '状态',
  warnings: '受害人预警记录',
  timeline: '时间线',
  unmask: '查看完整信息',
  purpose: '查看目的',
  luhn: '卡号校验位不符，请核对',
  bankFromBin: '按卡号识别：{bank}',
  required: '必填',
  addMore: '补录转账',
  save: '保存',
  back: '返回',
  bankOf: '开户行',
  more: '更多信息',
} as const;
export type CasesKey = keyof typeof zh;

const en: Record<CasesKey, string> = {
  title: 'Cases',
  newCase: 'New case (intake)',
  caseNo: 'Case no.',
  reportedAt: 'Reported at',
  victim: 'Victim',
  victimName: 'Name',
  victimPhone: 'Mobile',
  victimId: 'Resident ID',
  fraudTypes: 'Fraud types',
  loss: 'Loss (yuan)',
  summary: 'Summary',
  source: 'Source',
  contactMethod: 'Contacted via',
  stage: 'Stage',
  unit: 'Unit',
  paid: 'Paid in total',
  payments: 'Payments (first-level accounts)',
  addPayment: 'Add a payment',
  paste: 'Paste a bank SMS or statement line to fill in',
  pastePlaceholder: 'e.g. the bank SMS of the transfer',
  parse: 'Read',
  parsed: 'Read: {fields}',
  parsedNothing: 'Nothing recognised: please type the payment',
  paidAt: 'Paid at',
  amount: 'Amount (yuan)',
  toAccount: 'To account',
  toName: 'Account holder',
  toBank: 'Bank / platform',
  fromAccount: 'From account',
  channel: 'Channel',
  identifiers: 'Numbers, URLs, apps…',
  addIdentifier: 'Add',
  kind: 'Kind',
  value: 'Value',
  submit: 'Record the case',
  created: 'Case {no} recorded',
  search: 'No. / name / mobile',
  account: 'Account',
  all: 'All',
  countdown: 'Time limit',
  overdue: 'Overdue',
  none: 'None',
  chain: 'Case chain',
  next: 'Next step',
  reason: 'Reason',
  notFiledReason: 'Reason for not filing',
  threshold: 'Filing threshold ¥{n}',
  orders: 'Stop / freeze orders',
  ordersNone: 'No orders yet',
  refunds: 'Refunds (返还)',
  refundHeld: 'Held by stops/freezes',
  refundShare: 'Share',
  refundPaid: 'Victim paid in',
  refundBasis: 'Basis',
  refundTraced: 'Traced',
  refundProRata: 'Pro rata (after notice)',
  refundNotBefore: 'Notice until',
  refundPropose: 'Propose refund orders',
  refundReturned: 'Returned to victim',
  refundRecord: 'Record returned',
  refundNone: 'No money held to refund',
  refundThisCase: 'This case',
  refundOtherCase: 'Victim of another case',
  refundNotice: 'Pro-rata refunds wait for a {n}-day notice period',
  withdrawn: 'This case was withdrawn: {reason}',
  evidence: 'Evidence',
  upload: 'Upload evidence',
  custodian: 'Custodian',
  transfer: 'Transfer',
  suspects: 'Suspects',
  addSuspect: 'Add suspect',
  role: 'Role',
  status: 'Status',
  warnings: "Victim's warnings",
  timeline: 'Timeline',
  unmask: 'Show full details',
  purpose: 'Purpose',
  luhn: 'Card check digit does not match: please check',
  bankFromBin: 'From the card number: {bank}',
  required: 'Required',
  addMore: 'Add payments',
  save: 'Save',
  back: 'Back',
  bankOf: 'Bank',
  more: 'More',
};

export function useCasesT() {
  const { lang } = useI18n();
  return useCallback(
    (key: CasesKey, vars?: Record<string, string | number>) => {
      const text: string = lang === 'en-US' ? en[key] : zh[key];
      return vars ? text.replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m)) : text;
    },
    [lang],
  );
}

const EN_STAGES: Record<string, string> = {
  reported: 'Reported',
  accepted: 'Accepted',
  filed: 'Filed',
  not_filed: 'Not filed',
  investigating: 'Investigating',
  solved: 'Solved',
  prosecuted: 'Sent for prosecution',
  closed: 'Closed',
};
const EN_ROLES: Record<string, string> = {
  financier: 'Financier',
  operator: 'Operator',
  executor: 'Executor',
  card_dealer: 'Card dealer',
  card_seller: 'Card seller',
  cash_out: 'Cash-out',
  traffic: 'Traffic',
};
const EN_STATUS: Record<string, string> = {
  at_large: 'At large',
  caught: 'Caught',
  arrested: 'Arrested',
  prosecuted: 'Prosecuted',
};
const EN_SOURCES: Record<string, string> = {
  call_96110: '96110 call',
  walk_in: 'Walk-in',
  online: 'Online report',
  warning: 'Warning (defrauded)',
  public_report: 'Public report',
};
export const CHANNELS: Record<string, [string, string]> = {
  bank_transfer: ['银行转账', 'Bank transfer'],
  mobile_banking: ['手机/网上银行', 'Mobile/online banking'],
  atm: ['ATM', 'ATM'],
  counter: ['柜面', 'Counter'],
  alipay: ['支付宝', 'Alipay'],
  wechat_pay: ['微信支付', 'WeChat Pay'],
  ecny: ['数字人民币', 'e-CNY'],
  crypto: ['虚拟货币', 'Crypto'],
  cash: ['现金', 'Cash'],
  other: ['其他', 'Other'],
};
export const ID_KINDS: Record<string, [string, string]> = {
  phone: ['电话号码', 'Phone'],
  url: ['网址', 'URL'],
  app: ['App包名', 'App'],
  wechat: ['微信号', 'WeChat'],
  qq: ['QQ', 'QQ'],
  alipay: ['支付宝账号', 'Alipay'],
  imei: ['设备IMEI', 'IMEI'],
  wallet: ['虚拟币钱包', 'Wallet'],
  bank_account: ['银行账户', 'Bank account'],
  id_number: ['身份证号', 'Resident ID'],
  ip: ['IP地址', 'IP'],
  email: ['邮箱', 'E-mail'],
};
export const CONTACTS: Record<string, [string, string]> = {
  phone_call: ['电话', 'Phone call'],
  sms: ['短信', 'SMS'],
  wechat: ['微信', 'WeChat'],
  qq: ['QQ', 'QQ'],
  app: ['App', 'App'],
  website: ['网站', 'Website'],
  dating_app: ['婚恋交友平台', 'Dating app'],
  game: ['游戏', 'Game'],
  in_person: ['当面', 'In person'],
  other: ['其他', 'Other'],
};

export function useNames() {
  const { lang } = useI18n();
  const en = lang === 'en-US';
  return {
    stage: (s: string) => (en ? EN_STAGES[s] : CASE_STAGE_NAMES[s as keyof typeof CASE_STAGE_NAMES]) ?? s,
    role: (s: string) => (en ? EN_ROLES[s] : SUSPECT_ROLE_NAMES[s as keyof typeof SUSPECT_ROLE_NAMES]) ?? s,
    status: (s: string) => (en ? EN_STATUS[s] : SUSPECT_STATUS_NAMES[s as keyof typeof SUSPECT_STATUS_NAMES]) ?? s,
    source: (s: string) => (en ? EN_SOURCES[s] : CASE_SOURCE_NAMES[s as keyof typeof CASE_SOURCE_NAMES]) ?? s,
    pick: (m: Record<string, [string, string]>, k: string) => m[k]?.[en ? 1 : 0] ?? k,
  };
}

export function formatRemaining(ms: number): string {
  const neg = ms < 0;
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const body =
    d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}:${String(m).padStart(2, '0')}` : `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return neg ? `-${body}` : body;
}

// The case's time line as the server writes it (cases/service.ts getCase): a stage's Chinese name and the reason
// given, a payment's "转账 ¥…", a suspect's role and name; in the English UI the fixed words by the entry's kind.
// Names, accounts, file names and reasons people gave are left as written.
export function caseTimelineText(e: { kind: string; text: string }, lang: string): string {
  if (lang !== 'en-US') return e.text;
  if (e.kind.startsWith('stage.')) {
    const stage = e.kind.slice('stage.'.length);
    const zh = CASE_STAGE_NAMES[stage as keyof typeof CASE_STAGE_NAMES];
    if (!zh || !e.text.startsWith(zh) || !EN_STAGES[stage]) return e.text;
    const rest = e.text.slice(zh.length).replace(/^：/, '');
    return rest ? `${EN_STAGES[stage]}: ${systemText(rest, lang)}` : EN_STAGES[stage]!;
  }
  if (e.kind === 'payment') return e.text.replace(/^转账 (¥\S+) → /, 'Transfer $1 → ');
  if (e.kind === 'suspect') {
    const role = Object.entries(SUSPECT_ROLE_NAMES).find(([, zh]) => e.text.startsWith(`${zh} `));
    return role && EN_ROLES[role[0]] ? `${EN_ROLES[role[0]]}${e.text.slice(role[1].length)}` : e.text;
  }
  return e.text;
}
