import { useCallback } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { FRAUD_TYPES } from '../indicators/i18n.ts';

// The dissuasion pages' strings, zh-CN first with English beside them (kept with the feature).
const zh = {
  board: '预警看板', inbox: '派出所待办', followups: '跟踪回访', detail: '预警详情',
  level: '等级', fraudTypes: '诈骗类型', status: '状态', unit: '责任单位', subject: '对象', countdown: '时限', openedAt: '生成时间', source: '来源',
  onlyOpen: '仅未结案', unrouted: '待人工分派', all: '全部', refresh: '刷新', live: '实时', bulkDispatch: '批量派发', dispatchTo: '派发至',
  dispatched: '已派发 {n} 条', selectUnit: '选择单位', newWarning: '人工录入预警', phone: '手机号', idNumber: '身份证号', name: '姓名', address: '住址',
  summary: '情况摘要', leads: '线索（每行一条）', create: '创建', created: '已创建预警', forwarded: '已转交负责单位处理', overdue: '已超时', none: '—',
  'timer.auto_contact': '自动联系', 'timer.call_result': '外呼结果', 'timer.sign': '签收', 'timer.visit': '见面',
  'timer.call_retry': '重拨', 'timer.review': '中心复核', 'timer.route': '人工分派', 'timer.feedback': '反馈',
  escalated: '已升级 {n} 次', unmask: '查看完整信息', masked: '已脱敏', showMasked: '恢复脱敏', mine: '只看我的',
  'via.resident_grid': '居民档案网格', 'via.resident_address': '居民档案住址', 'via.subject_address': '预警所附住址', 'via.phone_area': '号码归属地', 'via.bank_branch': '报告网点所在地',
  routeNone: '未找到', routeQueue: '无对应单位，转中心人工分派', caseIntake: '移交立案', 'intake.pending': '待立案', 'intake.taken': '已立案', 'intake.withdrawn': '已撤回',
  notifySettings: '通知设置', dutyOfficer: '值班民警', webhookUrl: '群机器人 Webhook', notifyHint: '值班民警按姓名接收本单位的预警通知；Webhook 为企业微信群机器人地址。',
  'action.sign': '签收', 'action.assign': '指派', 'action.start_visit': '开始走访', 'action.record_contact': '记录联系', 'action.close': '结案',
  'action.escalate': '升级', 'action.reopen': '重开', 'action.dispatch': '派发', done: '已完成',
  channel: '方式', reached: '已联系上', note: '备注', disposition: '处置结果', lossAvoided: '避免损失（元）', loss: '损失金额（元）', reason: '原因',
  checklist: '走访清单（四查看、三询问、一保护）',
  'ck.checkCalls': '查看通话记录', 'ck.checkMessages': '查看短信', 'ck.checkApps': '查看聊天与App', 'ck.checkTransfers': '查看转账记录',
  'ck.askCounterpart': '询问对方身份', 'ck.askMoney': '询问资金去向', 'ck.askTransferred': '询问是否已转账', 'ck.protectFunds': '保护资金（止付）',
  'ch.phone': '电话', 'ch.sms': '短信', 'ch.visit': '上门', 'ch.relative': '亲属', 'ch.other': '其他',
  'disp.dissuaded': '劝阻成功', 'disp.defrauded': '已被骗', 'disp.unreachable': '无法联系', 'disp.refused': '拒绝配合', 'disp.false_alarm': '误报', 'disp.merged': '已合并', mergedInto: '合并至',
  timeline: '处置时间线', ruleHits: '命中规则', attempts: '联系记录', tasks: '任务（双线并行）', talkingPoints: '劝阻话术', sms: '预警短信', relatives: '亲属电话',
  flags: '预警后被骗', flagText: '该对象在预警后 {days} 天被骗', leadsTitle: '线索', route: '分派依据', evidence: '证据',
  record: '回访记录', recordIt: '记录', due: '应回访', day: '第 {n} 天', assignee: '负责人', ok: '确定', cancel: '取消',
  'task.field': '实地', 'task.desk': '研判', markDone: '完成', areas: '片区分布',
  kpi: '预警后被骗（近30天）', kpiClosed: '已结案', openDetail: '详情', noItems: '暂无待办', saved: '已保存',
  'status.new': '新建', 'status.auto_contact': '自动联系中', 'status.dispatched': '已派发', 'status.signed': '已签收', 'status.contacting': '联系中',
  'status.visiting': '走访中', 'status.review': '中心复核', 'status.routing': '待人工分派', 'status.closed': '已结案', 'status.reopened': '已重开',
  'status.escalated': '已升级', // only in audit trails written before escalation became a level (migration 0008)
  'level.high': '高', 'level.medium': '中', 'level.low': '低',
  'source.engine': '模型', 'source.manual': '人工录入', 'source.upstream': '上级推送',
  'chan.voice': 'AI外呼', 'chan.sms': '短信', 'chan.webhook': '群机器人', 'chan.notify_unit': '通知单位', 'chan.notify_supervisor': '通知上级',
  'chan.notify_officer': '通知民警', 'chan.warned_then_defrauded': '预警后被骗通报', 'chan.phone': '电话', 'chan.visit': '上门', 'chan.relative': '亲属', 'chan.other': '其他',
  'out.queued': '呼叫中', 'out.answered_safe': '接听·按1安全', 'out.answered_help': '接听·按2求助', 'out.busy': '占线', 'out.no_answer': '无人接听', 'out.failed': '失败',
  'out.submitting': '提交中', 'out.submitted': '已提交', 'out.delivered': '已送达', 'out.undelivered': '未送达', 'out.sent': '已发送',
  'out.reached': '已联系上', 'out.not_reached': '未联系上', 'out.closed': '结案记录',
  'cmd.create': '生成预警', 'cmd.start_auto_contact': '开始自动联系', 'cmd.auto_contact_result': '外呼结果', 'cmd.dispatch': '派发', 'cmd.sign': '签收',
  'cmd.assign': '指派', 'cmd.start_visit': '开始走访', 'cmd.record_contact': '记录联系', 'cmd.close': '结案', 'cmd.escalate': '升级', 'cmd.reopen': '重开',
  'cmd.hand_over': '转人工', 'cmd.merge_into': '合并', 'cmd.retry_call': '重拨', 'out.timeout': '超时未回执',
  byTimer: '超时触发', refused: '被拒绝', assigned: '负责民警', signedBy: '签收人', result: '处置结果', notFound: '预警不存在或不在您的辖区',
  score: '分值', ruleManual: '人工录入', ruleUpstream: '上级推送', resultAt: '结果时间', subjectLabel: '回访对象', canNotOpen: '（预警由派出所办理）',
  chooseAssignee: '选择民警或网格员', onlyFalseAlarm: '签收前只能以“误报”结案', pending: '待处理', overdueShort: '逾期', dueIn: '{n} 天后',
  config: '时限设置', configTitle: '预警时限与回访设置', autoContactMin: '自动联系（分钟）', signMin: '签收（分钟）', visitMin: '见面（分钟）',
  retryMin: '重拨间隔（分钟，逐次加倍）', reviewMin: '中心复核（分钟）', routeMin: '人工分派（分钟）', feedbackMin: '走访后反馈（分钟）',
  followupDays: '回访天数（逗号分隔）', configSaved: '已保存为新版本', configVersion: '版本', updatedBy: '修改人',
  kpiByUnit: '按单位', inboxWaiting: '另有 {n} 条正在自动联系或由中心处理',
} as const;
export type WarnKey = keyof typeof zh;

const en: Record<WarnKey, string> = {
  board: 'Warning board', inbox: 'Station inbox', followups: 'Follow-ups', detail: 'Warning',
  level: 'Level', fraudTypes: 'Fraud types', status: 'Status', unit: 'Unit', subject: 'Subject', countdown: 'Deadline', openedAt: 'Opened', source: 'Source',
  onlyOpen: 'Open only', unrouted: 'Needs routing', all: 'All', refresh: 'Refresh', live: 'Live', bulkDispatch: 'Dispatch selected', dispatchTo: 'Dispatch to',
  dispatched: '{n} dispatched', selectUnit: 'Choose a unit', newWarning: 'Enter a warning', phone: 'Phone', idNumber: 'Resident ID', name: 'Name', address: 'Address',
  summary: 'Summary', leads: 'Leads (one per line)', create: 'Create', created: 'Warning created', forwarded: 'Passed on to the responsible unit', overdue: 'overdue', none: '—',
  'timer.auto_contact': 'Auto-contact', 'timer.call_result': 'Call result', 'timer.sign': 'Sign-for', 'timer.visit': 'Face-to-face',
  'timer.call_retry': 'Redial', 'timer.review': 'Centre review', 'timer.route': 'Manual routing', 'timer.feedback': 'Feedback',
  escalated: 'Escalated ×{n}', unmask: 'Show in full', masked: 'Masked', showMasked: 'Mask again', mine: 'Mine only',
  'via.resident_grid': 'Registry grid', 'via.resident_address': 'Registry address', 'via.subject_address': 'Address given', 'via.phone_area': 'Phone home area', 'via.bank_branch': 'Reporting branch area',
  routeNone: 'no match', routeQueue: 'No covering unit: centre routes by hand', caseIntake: 'Case hand-off', 'intake.pending': 'Pending', 'intake.taken': 'Case opened', 'intake.withdrawn': 'Withdrawn',
  notifySettings: 'Notifications', dutyOfficer: 'Duty officer', webhookUrl: 'Group robot webhook', notifyHint: 'The duty officer receives the unit\'s notices by name; the webhook is a WeCom group robot URL.',
  'action.sign': 'Sign for', 'action.assign': 'Assign', 'action.start_visit': 'Start visit', 'action.record_contact': 'Record contact', 'action.close': 'Close',
  'action.escalate': 'Escalate', 'action.reopen': 'Reopen', 'action.dispatch': 'Dispatch', done: 'Done',
  channel: 'Channel', reached: 'Reached', note: 'Note', disposition: 'Disposition', lossAvoided: 'Loss avoided (CNY)', loss: 'Loss (CNY)', reason: 'Reason',
  checklist: 'Visit checklist (4 checks, 3 questions, 1 protection)',
  'ck.checkCalls': 'Call log checked', 'ck.checkMessages': 'SMS checked', 'ck.checkApps': 'Chats and apps checked', 'ck.checkTransfers': 'Transfers checked',
  'ck.askCounterpart': 'Asked who the other party is', 'ck.askMoney': 'Asked where the money goes', 'ck.askTransferred': 'Asked whether money left', 'ck.protectFunds': 'Funds protected (stop-payment)',
  'ch.phone': 'Phone', 'ch.sms': 'SMS', 'ch.visit': 'Visit', 'ch.relative': 'Relative', 'ch.other': 'Other',
  'disp.dissuaded': 'Dissuaded', 'disp.defrauded': 'Already defrauded', 'disp.unreachable': 'Unreachable', 'disp.refused': 'Refused', 'disp.false_alarm': 'False alarm', 'disp.merged': 'Merged', mergedInto: 'Merged into',
  timeline: 'Timeline', ruleHits: 'Rule hits', attempts: 'Contact attempts', tasks: 'Tasks (field + desk)', talkingPoints: 'Talking points', sms: 'Warning SMS', relatives: 'Relatives',
  flags: 'Warned, then defrauded', flagText: 'Defrauded {days} days after the warning', leadsTitle: 'Leads', route: 'Routing', evidence: 'Evidence',
  record: 'Record', recordIt: 'Record', due: 'Due', day: 'Day {n}', assignee: 'Assignee', ok: 'OK', cancel: 'Cancel',
  'task.field': 'Field', 'task.desk': 'Desk', markDone: 'Done', areas: 'By area',
  kpi: 'Warned then defrauded (30 days)', kpiClosed: 'Closed', openDetail: 'Open', noItems: 'Nothing to do', saved: 'Saved',
  'status.new': 'New', 'status.auto_contact': 'Auto-contact', 'status.dispatched': 'Dispatched', 'status.signed': 'Signed for', 'status.contacting': 'Contacting',
  'status.visiting': 'Visiting', 'status.review': 'Centre review', 'status.routing': 'Needs routing', 'status.closed': 'Closed', 'status.reopened': 'Reopened',
  'status.escalated': 'Escalated',
  'level.high': 'High', 'level.medium': 'Medium', 'level.low': 'Low',
  'source.engine': 'Model', 'source.manual': 'Hand entry', 'source.upstream': 'Upstream',
  'chan.voice': 'AI call', 'chan.sms': 'SMS', 'chan.webhook': 'Group robot', 'chan.notify_unit': 'Unit notified', 'chan.notify_supervisor': 'Supervisor notified',
  'chan.notify_officer': 'Officer notified', 'chan.warned_then_defrauded': 'Warned-then-defrauded notice', 'chan.phone': 'Phone', 'chan.visit': 'Visit', 'chan.relative': 'Relative', 'chan.other': 'Other',
  'out.queued': 'Calling', 'out.answered_safe': 'Answered · 1 safe', 'out.answered_help': 'Answered · 2 help', 'out.busy': 'Busy', 'out.no_answer': 'No answer', 'out.failed': 'Failed',
  'out.submitting': 'Submitting', 'out.submitted': 'Submitted', 'out.delivered': 'Delivered', 'out.undelivered': 'Undelivered', 'out.sent': 'Sent',
  'out.reached': 'Reached', 'out.not_reached': 'Not reached', 'out.closed': 'Closing record',
  'cmd.create': 'Warning opened', 'cmd.start_auto_contact': 'Auto-contact started', 'cmd.auto_contact_result': 'Call result', 'cmd.dispatch': 'Dispatched', 'cmd.sign': 'Signed for',
  'cmd.assign': 'Assigned', 'cmd.start_visit': 'Visit started', 'cmd.record_contact': 'Contact recorded', 'cmd.close': 'Closed', 'cmd.escalate': 'Escalated', 'cmd.reopen': 'Reopened',
  'cmd.hand_over': 'Handed to a person', 'cmd.merge_into': 'Merged', 'cmd.retry_call': 'Redial', 'out.timeout': 'No callback (timed out)',
  byTimer: 'deadline passed', refused: 'refused', assigned: 'Assigned to', signedBy: 'Signed for by', result: 'Outcome', notFound: 'No such warning in your jurisdiction',
  score: 'score', ruleManual: 'Hand entry', ruleUpstream: 'Upstream push', resultAt: 'Result at', subjectLabel: 'Person', canNotOpen: '(held by the station)',
  chooseAssignee: 'Choose an officer or grid worker', onlyFalseAlarm: 'Before signing for it, a warning can only be closed as a false alarm', pending: 'Pending', overdueShort: 'overdue', dueIn: 'in {n} days',
  config: 'Time limits', configTitle: 'Time limits and follow-up days', autoContactMin: 'Auto-contact (min)', signMin: 'Sign-for (min)', visitMin: 'Face-to-face (min)',
  retryMin: 'Redial after (min, doubling)', reviewMin: 'Centre review (min)', routeMin: 'Manual routing (min)', feedbackMin: 'Feedback after visit (min)',
  followupDays: 'Follow-up days (comma separated)', configSaved: 'Saved as a new version', configVersion: 'Version', updatedBy: 'Changed by',
  kpiByUnit: 'By unit', inboxWaiting: '{n} more in automatic contact or with the centre',
};

export function useWarnT() {
  const { lang } = useI18n();
  return useCallback((key: WarnKey | string, vars?: Record<string, string | number>) => {
    const text: string = (lang === 'en-US' ? en : zh)[key as WarnKey] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m)) : text;
  }, [lang]);
}

/** Fraud type names in the page's language (the server sends the Chinese name). */
export function useFraudTypeName() {
  const { lang } = useI18n();
  return useCallback((f: { code: string; name: string }) => {
    if (lang !== 'en-US') return f.name;
    return FRAUD_TYPES.find(([c]) => c === f.code)?.[2] ?? f.name;
  }, [lang]);
}

/** Translated when known, else the raw value (a new channel or outcome still shows something). */
export function tOr(t: (k: string) => string, key: string, raw: string): string {
  const v = t(key);
  return v === key ? raw : v;
}

export const LEVEL_COLOR: Record<string, string> = { high: 'red', medium: 'orange', low: 'blue' };
export const STATUS_COLOR: Record<string, string> = {
  new: 'default', auto_contact: 'processing', review: 'orange', routing: 'magenta', dispatched: 'gold', signed: 'cyan', contacting: 'cyan', visiting: 'geekblue', closed: 'green', reopened: 'purple',
};
export const CHECKLIST_KEYS = ['checkCalls', 'checkMessages', 'checkApps', 'checkTransfers', 'askCounterpart', 'askMoney', 'askTransferred', 'protectFunds'] as const;

/** "12:34" or "-01:05" (overdue) from milliseconds; hours shown when needed. */
export function formatRemaining(ms: number): string {
  const neg = ms < 0; const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600); const m = Math.floor((s % 3600) / 60); const sec = s % 60;
  const body = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  return neg ? `-${body}` : body;
}
