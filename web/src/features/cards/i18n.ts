import { useCallback } from 'react';
import { useI18n } from '../../i18n/index.tsx';

// Strings of the 两卡 governance page, zh-CN first with English beside them.
const zh = {
  title: '两卡治理', entries: '涉诈两卡登记', measures: '惩戒措施', addressed: '待本单位执行', notices: '通知',
  kind: '类型', value: '卡号/号码', source: '来源', reason: '理由', unit: '登记单位', createdAt: '登记时间', evidence: '证据',
  restricted: '管控中', measureCount: '措施数', caseId: '关联案件', holderName: '持卡人', holderIdNumber: '持卡人身份证号',
  add: '登记', propose: '提请措施', measure: '措施', status: '状态', endsAt: '截止', partner: '执行单位', proposedBy: '提请人',
  years2: '2 年（出租出借两卡）', years3: '3 年（涉诈犯罪被判刑）', term: '期限', actions: '操作',
  confirm: '审核确认', reject: '不予采取', ack: '确认已执行', appeal: '登记申诉', decide: '申诉复核', release: '确认已解除',
  upheld: '维持', revoked: '撤销', appealRoute: '申诉途径', history: '流转记录',
  sEntries: '登记数', sControlled: '管控中两卡', sActive: '生效措施', sAwaitConfirm: '待审核', sAwaitExec: '待执行',
  sAppeals: '申诉待复核', sDecided: '申诉已复核', sRepeat: '重复惩戒对象', search: '卡号、号码或身份证号',
  needPerson: '措施须经提请人以外的民警审核确认后才生效', saved: '已保存', none: '暂无',
} as const;
export type CardsKey = keyof typeof zh;

const en: Record<CardsKey, string> = {
  title: 'Phone & bank cards (两卡)', entries: 'Registry', measures: 'Measures', addressed: 'To execute', notices: 'Notices',
  kind: 'Kind', value: 'Card / number', source: 'Source', reason: 'Reason', unit: 'Unit', createdAt: 'Registered', evidence: 'Evidence',
  restricted: 'Restricted', measureCount: 'Measures', caseId: 'Case', holderName: 'Holder', holderIdNumber: 'Holder ID',
  add: 'Register', propose: 'Propose measure', measure: 'Measure', status: 'Status', endsAt: 'Ends', partner: 'Executed by', proposedBy: 'Proposed by',
  years2: '2 years (card trading)', years3: '3 years (convicted)', term: 'Term', actions: 'Actions',
  confirm: 'Confirm', reject: 'Decline', ack: 'Executed', appeal: 'Record appeal', decide: 'Decide appeal', release: 'Lifted',
  upheld: 'Uphold', revoked: 'Revoke', appealRoute: 'Appeal route', history: 'History',
  sEntries: 'Entries', sControlled: 'Cards restricted', sActive: 'Measures in force', sAwaitConfirm: 'Awaiting confirmation', sAwaitExec: 'Awaiting execution',
  sAppeals: 'Appeals pending', sDecided: 'Appeals decided', sRepeat: 'Repeat offenders', search: 'Card, number or ID',
  needPerson: 'A measure takes effect only after an officer other than the proposer confirms it', saved: 'Saved', none: 'None',
};

export const CODES: Record<string, [string, string]> = {
  bank_account: ['银行账户', 'Bank account'], phone: ['电话卡', 'Phone card'],
  card_seller: ['卡农', 'Card seller'], card_dealer: ['卡商', 'Card dealer'], case_account: ['案件涉案账户', 'Case account'],
  mule: ['研判洗钱账户', 'Mule account'], warning_number: ['预警涉诈号码', 'Warning number'], partner_report: ['合作单位报送', 'Partner report'], analyst: ['民警登记', 'Officer'],
  stop_non_counter: ['停止非柜面业务', 'Stop non-counter services'], limit_functions: ['限制部分功能', 'Limit functions'],
  suspend_new_business: ['暂停新业务', 'No new services'], limit_new_lines: ['限制入网', 'No new phone lines'],
  proposed: ['待审核', 'Proposed'], rejected: ['不予采取', 'Declined'], in_force: ['已生效待执行', 'In force'], executed: ['已执行', 'Executed'],
  appealed: ['申诉中', 'Under appeal'], upheld: ['申诉维持', 'Upheld'], revoked: ['申诉撤销', 'Revoked'], released: ['已解除', 'Released'], expired: ['期满解除', 'Expired'],
  apply: ['执行', 'Apply'], lift: ['解除', 'Lift'],
};

export function useCardsT() {
  const { lang } = useI18n();
  const t = useCallback((key: CardsKey) => (lang === 'en-US' ? en[key] : zh[key]), [lang]);
  const code = useCallback((c: string) => CODES[c]?.[lang === 'en-US' ? 1 : 0] ?? c, [lang]);
  return { t, code, lang };
}
