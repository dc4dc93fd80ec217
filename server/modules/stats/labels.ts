// Chinese labels for exports (the web app has its own i18n files; the server writes Excel for officers).
export const KPI_LABELS: Record<string, string> = {
  cases: '发案数', case_loss: '案件损失(元)', warnings_opened: '预警数', warnings_high: '高风险预警', warnings_closed: '已反馈预警',
  closed_in_time_rate: '按时处置率%', face_to_face_rate: '高风险见面劝阻率%', dissuaded: '劝阻人数', loss_avoided: '避免损失(元)',
  dissuasion_rate: '劝阻成功率%', defrauded: '已被骗人数', defrauded_loss: '被骗损失(元)', after_warning_victims: '预警后被骗',
  days_since_after_warning_victim: '连续零发生天数', stopped_amount: '止付金额(元)', frozen_amount: '冻结金额(元)', returned_amount: '返还金额(元)',
  public_reports: '群众举报', desk_calls: '96110来电',
};
export const DRILL_COLUMNS = [
  { header: '预警编号', key: 'id', width: 38 }, { header: '单位', key: 'unitName', width: 18 }, { header: '等级', key: 'level', width: 8 },
  { header: '来源', key: 'source', width: 10 }, { header: '诈骗类型', key: 'fraudTypes', width: 24 }, { header: '对象', key: 'subjectName', width: 10 },
  { header: '电话', key: 'subjectPhone', width: 14 }, { header: '预警时间', key: 'openedAt', width: 22 }, { header: '反馈时间', key: 'closedAt', width: 22 },
  { header: '处置结果', key: 'disposition', width: 12 }, { header: '损失(元)', key: 'loss', width: 12 }, { header: '避免损失(元)', key: 'lossAvoided', width: 12 },
];
