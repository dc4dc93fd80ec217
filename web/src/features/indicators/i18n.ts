import { useCallback } from 'react';
import { useI18n } from '../../i18n/index.tsx';

// This page's strings, zh-CN first with English beside them; kept with the feature so the shared dictionary
// only carries the menu entries.
const zh = {
  title: '指标库',
  add: '新增指标',
  import: '批量导入',
  exportXlsx: '导出 Excel',
  exportCsv: '导出 CSV',
  kind: '类型',
  value: '值',
  rawValue: '原始值',
  list: '名单',
  reason: '原因',
  source: '来源',
  'source.builtin': '内置名单',
  'source.manual': '人工录入',
  'source.partner': '合作方',
  confidence: '置信度',
  validUntil: '有效期至',
  fraudType: '诈骗类型',
  updatedAt: '更新时间',
  search: '搜索值或原因',
  delete: '删除',
  deleteConfirm: '确定删除该指标？各引擎节点将在下一次同步时移除它。',
  deleted: '已删除',
  created: '已新增',
  updated: '已更新',
  check: '名单查询',
  checkPlaceholder: '输入号码、网址、包名…',
  checkBlocked: '在黑名单中',
  checkAllowed: '在白名单中（不会触发预警或关联）',
  checkNone: '不在名单中',
  checkInvalid: '不是有效的标识：{reason}',
  importHint:
    '上传 CSV 或 Excel（.xlsx）文件，首行为表头：类型、值、名单、原因、来源、置信度、有效期至、诈骗类型。任一行有误则整批不导入。',
  importDrop: '点击或拖拽文件到此处',
  importDone: '导入完成：共 {rows} 行，新增 {created}，更新 {updated}',
  importErrors: '文件有误，未导入任何数据。请修正以下行后重新上传：',
  template: '下载模板',
  row: '行号',
  field: '字段',
  problem: '问题',
  'list.block': '黑名单',
  'list.allow': '白名单',
  'kind.phone': '电话号码',
  'kind.account': '银行账户',
  'kind.domain': '域名',
  'kind.url': '网址',
  'kind.app_package': 'App包名',
  'kind.app_hash': 'App哈希',
  'kind.ip': 'IP地址',
  'kind.keyword': '关键词',
  required: '必填',
  close: '关闭',
} as const;

export type IndicatorKey = keyof typeof zh;

const en: Record<IndicatorKey, string> = {
  title: 'Indicators',
  add: 'Add indicator',
  import: 'Bulk import',
  exportXlsx: 'Export Excel',
  exportCsv: 'Export CSV',
  kind: 'Kind',
  value: 'Value',
  rawValue: 'As entered',
  list: 'List',
  reason: 'Reason',
  source: 'Source',
  'source.builtin': 'Built-in list',
  'source.manual': 'Entered by hand',
  'source.partner': 'Partner',
  confidence: 'Confidence',
  validUntil: 'Valid until',
  fraudType: 'Fraud type',
  updatedAt: 'Updated',
  search: 'Search value or reason',
  delete: 'Delete',
  deleteConfirm: 'Delete this indicator? Engine nodes drop it at their next sync.',
  deleted: 'Deleted',
  created: 'Added',
  updated: 'Updated',
  check: 'Check',
  checkPlaceholder: 'Number, URL, package…',
  checkBlocked: 'On the block list',
  checkAllowed: 'On the allow list (never raises or links)',
  checkNone: 'Not listed',
  checkInvalid: 'Not a valid identifier: {reason}',
  importHint:
    'Upload a CSV or Excel (.xlsx) file whose first row names the columns: kind, value, list, reason, source, confidence, validUntil, fraudType. Any bad row rejects the whole file.',
  importDrop: 'Click or drop a file here',
  importDone: 'Imported {rows} rows: {created} added, {updated} updated',
  importErrors: 'The file has errors; nothing was imported. Fix these rows and upload again:',
  template: 'Download template',
  row: 'Row',
  field: 'Field',
  problem: 'Problem',
  'list.block': 'Block',
  'list.allow': 'Allow',
  'kind.phone': 'Phone',
  'kind.account': 'Bank account',
  'kind.domain': 'Domain',
  'kind.url': 'URL',
  'kind.app_package': 'App package',
  'kind.app_hash': 'App hash',
  'kind.ip': 'IP address',
  'kind.keyword': 'Keyword',
  required: 'Required',
  close: 'Close',
};

export function useIndicatorT() {
  const { lang } = useI18n();
  return useCallback(
    (key: IndicatorKey, vars?: Record<string, string | number>) => {
      const text: string = lang === 'en-US' ? en[key] : zh[key];
      return vars ? text.replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m)) : text;
    },
    [lang],
  );
}

export const KINDS = ['phone', 'account', 'domain', 'url', 'app_package', 'app_hash', 'ip', 'keyword'] as const;

/**
 * Fraud-type codes of the catalogue (server/modules/fraud-types), for the selects and labels. The built-in names
 * until the catalogue in force (the published knowledge base, GET /api/v1/fraud-types) arrives after login:
 * `applyCatalogue` renames in place and appends new types, so every page reading this list follows the KB.
 */
export const FRAUD_TYPES: [string, string, string][] = [
  ['brushing_rebate', '刷单返利', 'Task / rebate scam'],
  ['fake_investment', '虚假网络投资理财', 'Fake online investment'],
  ['fake_shopping', '虚假购物服务', 'Fake shopping'],
  ['fake_customer_service', '冒充电商物流客服', 'Fake customer service'],
  ['fake_loan', '虚假贷款', 'Fake loan'],
  ['fake_credit', '虚假征信', 'Fake credit repair'],
  ['impersonate_acquaintance', '冒充领导熟人', 'Impersonating a boss or acquaintance'],
  ['impersonate_authority', '冒充公检法及政府机关', 'Impersonating police or officials'],
  ['online_romance', '网络婚恋交友', 'Online romance'],
  ['game_trade', '网络游戏产品虚假交易', 'Fake game trade'],
  ['ticket_refund', '机票退改签', 'Ticket refund'],
  ['sextortion', '裸聊敲诈', 'Sextortion'],
];

/** The catalogue in force replaces the built-in names (codes are stable; a type new in the KB is appended). */
export function applyCatalogue(items: readonly { code: string; name: string; nameEn: string }[]): void {
  for (const it of items) {
    const row = FRAUD_TYPES.find(([c]) => c === it.code);
    if (row) {
      row[1] = it.name;
      row[2] = it.nameEn || row[2];
    } else FRAUD_TYPES.push([it.code, it.name, it.nameEn || it.name]);
  }
}
