import { useCallback } from 'react';
import { useI18n } from '../../i18n/index.tsx';

const zh = {
  title: '关系图谱',
  start: '起点',
  startPlaceholder: '案件编号、手机号或账号',
  kind: '类型',
  open: '查看',
  hops: '跳数',
  filter: '显示类型',
  from: '起始时间',
  expandHint: '点击节点展开；依次点击两个节点高亮最短路径',
  png: '导出 PNG',
  excel: '导出 Excel',
  suppressed: '未展开（{why}）',
  related: '串并案线索',
  confirm: '确认串并',
  reject: '排除',
  confirmed: '已串并',
  hopsLabel: '{n} 跳',
  flow: '资金流向',
  depth: '层级',
  rule: '分配规则',
  lifo: '后进先出',
  proportional: '按比例',
  nextAccounts: '待止付/冻结账户',
  makeOrders: '生成止付指令',
  makeFreeze: '生成冻结指令',
  ordersDone: '已生成 {n} 条指令',
  cashOut: '取现/出金',
  hub: '枢纽账户，未继续追踪',
  mules: '疑似跑分账户',
  score: '评分',
  reasons: '依据',
  none: '暂无数据',
  'type.case': '案件', 'type.warning': '预警', 'type.phone': '手机号', 'type.account': '账户', 'type.url': '网址', 'type.domain': '域名',
  'type.app': 'App', 'type.wechat': '微信', 'type.qq': 'QQ', 'type.alipay': '支付宝', 'type.imei': '设备', 'type.wallet': '钱包',
  'type.id_number': '身份证', 'type.ip': 'IP', 'type.other': '其他',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Link graph', start: 'Start', startPlaceholder: 'Case id, phone or account', kind: 'Kind', open: 'Open', hops: 'Hops',
  filter: 'Show', from: 'From', expandHint: 'Click a node to expand it; click two nodes to highlight the path', png: 'Export PNG',
  excel: 'Export Excel', suppressed: 'not expanded ({why})', related: 'Related cases', confirm: 'Confirm link', reject: 'Reject',
  confirmed: 'Linked', hopsLabel: '{n} hop(s)', flow: 'Money flow', depth: 'Levels', rule: 'Attribution', lifo: 'LIFO', proportional: 'Proportional',
  nextAccounts: 'Accounts to stop / freeze', makeOrders: 'Stop-payment orders', makeFreeze: 'Freeze orders', ordersDone: '{n} orders created',
  cashOut: 'Cash-out', hub: 'Hub account, not followed', mules: 'Suspected mule accounts', score: 'Score', reasons: 'Reasons', none: 'No data',
  'type.case': 'Case', 'type.warning': 'Warning', 'type.phone': 'Phone', 'type.account': 'Account', 'type.url': 'URL', 'type.domain': 'Domain',
  'type.app': 'App', 'type.wechat': 'WeChat', 'type.qq': 'QQ', 'type.alipay': 'Alipay', 'type.imei': 'Device', 'type.wallet': 'Wallet',
  'type.id_number': 'ID number', 'type.ip': 'IP', 'type.other': 'Other',
};
export function useGraphT() {
  const { lang } = useI18n();
  return useCallback((key: Key, vars?: Record<string, string | number>) => {
    const text: string = lang === 'en-US' ? en[key] : zh[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m)) : text;
  }, [lang]);
}
export const typeKey = (t: string) => `type.${t}` as Key;
