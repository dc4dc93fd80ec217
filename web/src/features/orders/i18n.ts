import { useCallback } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { OrderKindT, OrderStatusT } from '../../../../contract/orders.ts';

// Strings of the orders to banks (警银联动), zh-CN first with English beside them; every code is translated.
const zh = {
  listTitle: '止付冻结指令',
  inboxTitle: '银行待办指令',
  caseTitle: '案件 {id} 的指令',
  totals: '资金情况',
  stopped: '已止付',
  frozen: '已冻结',
  recovered: '已追回',
  returned: '已返还',
  open: '待银行反馈',
  kind: '类型',
  status: '状态',
  account: '账户',
  bank: '银行',
  amount: '金额',
  amountStopped: '止付/冻结金额',
  balance: '账户余额',
  reason: '原因',
  createdAt: '生成时间',
  timers: '时限',
  accountName: '户名',
  expiresAt: '有效期至',
  dueIn: '反馈时限',
  expiresIn: '有效期剩余',
  goldenPay: '黄金半小时（转账起）',
  goldenReport: '黄金半小时（报案起）',
  overdue: '已超时',
  escalated: '第 {n} 次催办',
  receive: '签收',
  executed: '已执行',
  partial: '部分执行',
  rejected: '拒绝',
  answerTitle: '反馈执行结果',
  submit: '提交',
  cancel: '取消',
  send: '发送',
  release: '解除',
  renew: '续期',
  done: '已提交',
  empty: '暂无待处理指令',
  emptyList: '暂无指令',
  reasonRequired: '拒绝时须填写原因',
  amountRequired: '部分执行时须填写已止付金额',
  caseId: '案件编号',
  filter: '查询',
  automatic: '自动',
  yuan: '元',
  fromUnit: '发起单位',
  liaisonTitle: '银行反诈专员可以做什么',
  liaisonIntro:
    '公安机关的紧急止付、冻结、调证、返还指令会即时送达本行待办。请在反馈时限内核对户名、账号、金额并反馈执行结果；超时未反馈的指令会自动催办。',
  liaisonInbox: '打开待办指令',
  liaisonList: '查看本行全部指令',
  liaisonReport: '发现可疑客户：在预警中一键上报',
  protectiveStop: '保护性止付',
  stopLimit: '该账户止付次数已达上限（最多 2 次）',
  accountHint: '请输入 10–30 位账号',
  bankHint: '不填则按卡号识别开户行',
} as const;
export type OrdersKey = keyof typeof zh;

const en: Record<OrdersKey, string> = {
  listTitle: 'Stop-payment and freeze orders',
  inboxTitle: 'Orders awaiting the bank',
  caseTitle: 'Orders of case {id}',
  totals: 'Money',
  stopped: 'Stopped',
  frozen: 'Frozen',
  recovered: 'Recovered',
  returned: 'Returned',
  open: 'Awaiting banks',
  kind: 'Kind',
  status: 'Status',
  account: 'Account',
  bank: 'Bank',
  amount: 'Amount',
  amountStopped: 'Amount held',
  balance: 'Balance',
  reason: 'Reason',
  createdAt: 'Created',
  timers: 'Deadlines',
  accountName: 'Account holder',
  expiresAt: 'Expires',
  dueIn: 'Answer due',
  expiresIn: 'Holds for',
  goldenPay: 'Golden half hour (payment)',
  goldenReport: 'Golden half hour (report)',
  overdue: 'overdue',
  escalated: 'reminder {n}',
  receive: 'Acknowledge',
  executed: 'Executed',
  partial: 'Partly executed',
  rejected: 'Reject',
  answerTitle: 'Report the result',
  submit: 'Submit',
  cancel: 'Cancel',
  send: 'Send',
  release: 'Release',
  renew: 'Renew',
  done: 'Submitted',
  empty: 'Nothing to do',
  emptyList: 'No orders',
  reasonRequired: 'A rejection needs a reason',
  amountRequired: 'A partial execution needs the amount held',
  caseId: 'Case id',
  filter: 'Search',
  automatic: 'auto',
  yuan: 'CNY',
  fromUnit: 'From',
  liaisonTitle: 'What a bank liaison can do here',
  liaisonIntro:
    'Police stop-payment, freeze, evidence and refund orders reach this bank’s inbox at once. Check name, account and amount and report the result within the time limit; unanswered orders are escalated automatically.',
  liaisonInbox: 'Open the inbox',
  liaisonList: 'All orders to this bank',
  liaisonReport: 'Suspicious customer: report it as a warning',
  protectiveStop: 'Protective stop',
  stopLimit: 'This account has reached its stop limit (2)',
  accountHint: 'An account has 10–30 digits',
  bankHint: 'Leave empty to find the bank from the card number',
};

const KIND: Record<OrderKindT, [string, string]> = {
  stop_payment: ['紧急止付', 'Stop payment'],
  freeze: ['冻结', 'Freeze'],
  evidence: ['调证', 'Evidence request'],
  refund: ['返还', 'Refund'],
  protective_stop: ['保护性止付', 'Protective stop'],
};
const STATUS: Record<OrderStatusT, [string, string]> = {
  draft: ['待发送', 'Draft'],
  sent: ['已发送', 'Sent'],
  received: ['银行已签收', 'Acknowledged'],
  executed: ['已执行', 'Executed'],
  partial: ['部分执行', 'Partly executed'],
  rejected: ['银行拒绝', 'Rejected'],
  refused: ['未发送（超限）', 'Refused (limit)'],
  cancelled: ['已撤销', 'Cancelled'],
  expired: ['已到期', 'Expired'],
  released: ['已解除', 'Released'],
  renewed: ['已续期', 'Renewed'],
};
const REASONS: Record<string, [string, string]> = {
  stop_limit_reached: ['该账户止付次数已达上限', 'Stop limit of the account reached'],
  bank_unresolved: ['未能确定收款银行', 'Receiving bank unknown'],
};
export const STATUS_COLOR: Record<OrderStatusT, string> = {
  draft: 'default',
  sent: 'processing',
  received: 'blue',
  executed: 'success',
  partial: 'gold',
  rejected: 'error',
  refused: 'error',
  cancelled: 'default',
  expired: 'default',
  released: 'default',
  renewed: 'purple',
};

export function useOrdersT() {
  const { lang } = useI18n();
  const i = lang === 'en-US' ? 1 : 0;
  const t = useCallback(
    (key: OrdersKey, vars?: Record<string, string | number>) => {
      const text: string = i ? en[key] : zh[key];
      return vars ? text.replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m)) : text;
    },
    [i],
  );
  const kind = useCallback((k: string) => KIND[k as OrderKindT]?.[i] ?? k, [i]);
  const status = useCallback((s: string) => STATUS[s as OrderStatusT]?.[i] ?? s, [i]);
  const reason = useCallback((r: string | null) => (r === null ? '' : (REASONS[r]?.[i] ?? r)), [i]);
  return { t, kind, status, reason };
}

/** 12:34 left / -0:45 overdue, for countdowns. */
export function formatLeft(ms: number, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const neg = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const body =
    h >= 48
      ? lang === 'en-US'
        ? `${Math.floor(h / 24)}d ${h % 24}h`
        : `${Math.floor(h / 24)}天${h % 24}时`
      : h
        ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
        : `${m}:${String(s).padStart(2, '0')}`;
  return neg ? `-${body}` : body;
}

export const yuan = (n: number | null) =>
  n === null ? '—' : `¥${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
