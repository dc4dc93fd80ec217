import { useCallback } from 'react';
import { useI18n } from '../../i18n/index.tsx';

// Strings of the figures pages (dashboard, wall, reports, 96110 desk), zh-CN first with English beside them.
const zh = {
  title: '数据统计', wall: '大屏', export: '导出Excel', period: '统计期间', unit: '单位', thisMonth: '本月', thisWeek: '本周', thisYear: '今年', last30: '近30天',
  yoy: '同比', pop: '环比', prevYear: '去年同期', prevPeriod: '上期', noCompare: '无可比数据', trend: '趋势', breakdown: '分类', ranking: '考评排名',
  byFraudType: '按诈骗类型', byAgeBand: '按年龄段', byChannel: '按劝阻渠道', bySource: '按预警来源', byLevel: '按预警等级',
  drill: '明细', drillTitle: '明细：{kpi}', records: '共 {n} 条', score: '得分', rank: '名次', weights: '权重设置', saveWeights: '保存权重',
  reports: '周报/月报', weekly: '周报', monthly: '月报', generate: '生成', open: '打开', print: '打印 / 保存为PDF', notable: '典型案例（已脱敏）',
  noData: '暂无数据', refreshed: '更新于 {t}', back: '返回', day: '天', openWall: '打开大屏', generatedAt: '生成时间',
  'kpi.cases': '发案数', 'kpi.case_loss': '案件损失', 'kpi.warnings_opened': '预警数', 'kpi.warnings_high': '高风险预警', 'kpi.warnings_closed': '已反馈预警',
  'kpi.closed_in_time_rate': '按时处置率', 'kpi.face_to_face_rate': '高风险见面劝阻率', 'kpi.dissuaded': '劝阻人数', 'kpi.loss_avoided': '避免损失',
  'kpi.dissuasion_rate': '劝阻成功率', 'kpi.defrauded': '已被骗人数', 'kpi.defrauded_loss': '被骗损失', 'kpi.after_warning_victims': '预警后被骗',
  'kpi.days_since_after_warning_victim': '预警后被骗连续零发生', 'kpi.stopped_amount': '止付金额', 'kpi.frozen_amount': '冻结金额', 'kpi.returned_amount': '返还金额',
  'kpi.public_reports': '群众举报', 'kpi.desk_calls': '96110来电',
  'unit.count': '', 'unit.yuan': '元', 'unit.percent': '%', 'unit.days': '天',
  'age.u18': '未成年', 'age.18_29': '18-29岁', 'age.30_44': '30-44岁', 'age.45_59': '45-59岁', 'age.60p': '60岁以上', 'age.unknown': '未知',
  'channel.voice': 'AI外呼', 'channel.sms': '短信', 'channel.visit': '上门', 'channel.phone': '民警电话', 'channel.relative': '亲属', 'channel.notify': '通知',
  'source.engine': '模型预警', 'source.upstream': '上级推送', 'source.manual': '人工录入',
  'level.high': '高', 'level.medium': '中', 'level.low': '低',
  'metric.warnings_opened': '预警数', 'metric.dissuaded': '劝阻人数', 'metric.defrauded': '已被骗',
  desk: '96110 接听台', deskLog: '来电登记', caller: '来电号码', callerName: '来电人', topic: '来电类型', question: '咨询/举报内容', advice: '答复/劝阻要点',
  kind: '类别', value: '号码/网址/账号/App', fraudType: '诈骗类型', loss: '损失(元)', turnInto: '同时转为', none: '不转', save: '登记',
  'topic.consult': '咨询', 'topic.report': '举报', 'topic.victim': '报称被骗', 'topic.other': '其他',
  'turn.report': '举报线索（送研判引擎）', 'turn.warning': '预警', 'turn.case_intake': '受案请求（高风险预警）',
  'outcome.answered': '已解答', 'outcome.advised_stop_payment': '已建议止付', 'outcome.referred': '已转办', 'outcome.report': '已转举报', 'outcome.warning': '已转预警', 'outcome.case_intake': '已转受案',
  talkingPoints: '劝阻话术', saved: '已登记', at: '时间', operator: '接听人', outcome: '结果',
  'kind.phone': '电话号码', 'kind.url': '网址', 'kind.account': '银行账号', 'kind.app': 'App',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Statistics', wall: 'Wall', export: 'Export Excel', period: 'Period', unit: 'Unit', thisMonth: 'This month', thisWeek: 'This week', thisYear: 'This year', last30: 'Last 30 days',
  yoy: 'YoY', pop: 'PoP', prevYear: 'Last year', prevPeriod: 'Previous period', noCompare: 'no comparison', trend: 'Trend', breakdown: 'Breakdown', ranking: 'Ranking',
  byFraudType: 'By fraud type', byAgeBand: 'By age band', byChannel: 'By contact channel', bySource: 'By source', byLevel: 'By level',
  drill: 'Records', drillTitle: 'Records: {kpi}', records: '{n} records', score: 'Score', rank: 'Rank', weights: 'Weights', saveWeights: 'Save weights',
  reports: 'Weekly / monthly reports', weekly: 'Weekly', monthly: 'Monthly', generate: 'Generate', open: 'Open', print: 'Print / save as PDF', notable: 'Notable cases (de-identified)',
  noData: 'No data', refreshed: 'Updated {t}', back: 'Back', day: 'days', openWall: 'Open wall view', generatedAt: 'Generated',
  'kpi.cases': 'Cases', 'kpi.case_loss': 'Case losses', 'kpi.warnings_opened': 'Warnings', 'kpi.warnings_high': 'High warnings', 'kpi.warnings_closed': 'Warnings closed',
  'kpi.closed_in_time_rate': 'Handled in time', 'kpi.face_to_face_rate': 'Face-to-face rate (high)', 'kpi.dissuaded': 'Dissuaded', 'kpi.loss_avoided': 'Loss avoided',
  'kpi.dissuasion_rate': 'Dissuasion rate', 'kpi.defrauded': 'Defrauded', 'kpi.defrauded_loss': 'Loss (defrauded)', 'kpi.after_warning_victims': 'Defrauded after warning',
  'kpi.days_since_after_warning_victim': 'Days without defrauded-after-warning', 'kpi.stopped_amount': 'Stopped', 'kpi.frozen_amount': 'Frozen', 'kpi.returned_amount': 'Returned',
  'kpi.public_reports': 'Public reports', 'kpi.desk_calls': '96110 calls',
  'unit.count': '', 'unit.yuan': 'CNY', 'unit.percent': '%', 'unit.days': 'days',
  'age.u18': 'Minors', 'age.18_29': '18–29', 'age.30_44': '30–44', 'age.45_59': '45–59', 'age.60p': '60+', 'age.unknown': 'Unknown',
  'channel.voice': 'AI call', 'channel.sms': 'SMS', 'channel.visit': 'Visit', 'channel.phone': 'Officer call', 'channel.relative': 'Relative', 'channel.notify': 'Notification',
  'source.engine': 'Model', 'source.upstream': 'Upstream', 'source.manual': 'Manual',
  'level.high': 'High', 'level.medium': 'Medium', 'level.low': 'Low',
  'metric.warnings_opened': 'Warnings', 'metric.dissuaded': 'Dissuaded', 'metric.defrauded': 'Defrauded',
  desk: '96110 desk', deskLog: 'Log a call', caller: 'Caller number', callerName: 'Caller', topic: 'Call type', question: 'Question / report', advice: 'Advice given',
  kind: 'Kind', value: 'Number / URL / account / app', fraudType: 'Fraud type', loss: 'Loss (CNY)', turnInto: 'Also turn into', none: 'Nothing', save: 'Log',
  'topic.consult': 'Question', 'topic.report': 'Report', 'topic.victim': 'Defrauded', 'topic.other': 'Other',
  'turn.report': 'Report (to the engine)', 'turn.warning': 'Warning', 'turn.case_intake': 'Case intake (high warning)',
  'outcome.answered': 'Answered', 'outcome.advised_stop_payment': 'Advised stop-payment', 'outcome.referred': 'Referred', 'outcome.report': 'Reported', 'outcome.warning': 'Warning opened', 'outcome.case_intake': 'Case intake',
  talkingPoints: 'Talking points', saved: 'Logged', at: 'Time', operator: 'Operator', outcome: 'Outcome',
  'kind.phone': 'Phone', 'kind.url': 'URL', 'kind.account': 'Bank account', 'kind.app': 'App',
};

export function useStatsT() {
  const { lang } = useI18n();
  return useCallback((key: Key | string, vars?: Record<string, string | number>) => {
    const text: string = (lang === 'en-US' ? en : zh)[key as Key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m)) : text;
  }, [lang]);
}

/** A dimension value in the page's language, the raw key when unknown. */
export function useDimLabel() {
  const t = useStatsT();
  return useCallback((dim: string, key: string) => {
    const prefix = dim === 'age_band' ? 'age' : dim;
    const k = `${prefix}.${key}`;
    const v = t(k);
    return v === k ? key : v;
  }, [t]);
}
