// The audit log's codes in words: actions, the kinds of record, who acted, and the details' keys. Unknown codes
// (a new module's) still show as they are.
type Pair = readonly [zh: string, en: string];

export const AUDIT_ACTIONS: Record<string, Pair> = {
  create: ['新建', 'create'],
  update: ['修改', 'update'],
  delete: ['删除', 'delete'],
  view: ['查看', 'view'],
  viewed: ['查看', 'viewed'],
  view_unmasked: ['查看完整个人信息', 'view unmasked'],
  transition: ['流程变更', 'workflow step'],
  import: ['导入', 'import'],
  export: ['导出', 'export'],
  transferred: ['移交', 'transfer'],
  collected: ['采集', 'collect'],
  revoke: ['吊销', 'revoke'],
  open: ['打开', 'open'],
  login: ['登录', 'sign in'],
  login_failed: ['登录失败', 'failed sign-in'],
  logout: ['退出登录', 'sign out'],
  password_change: ['修改密码', 'password change'],
  reset_password: ['重置密码', 'password reset'],
  none: ['无', 'none'],
};

export const AUDIT_ENTITIES: Record<string, Pair> = {
  api_token: ['接口令牌', 'API token'],
  audit_log: ['审计日志', 'audit log'],
  card_entry: ['两卡名单', 'two-cards entry'],
  card_measure: ['两卡处置', 'two-cards measure'],
  case: ['案件', 'case'],
  case_evidence: ['案件证据', 'case evidence'],
  case_flow: ['资金流向', 'funds flow'],
  case_group: ['串并案', 'case group'],
  case_intake_request: ['立案移交', 'case intake'],
  case_link: ['案件关联', 'case link'],
  case_related: ['关联案件', 'related cases'],
  case_suspect: ['嫌疑人', 'suspect'],
  desk_call: ['96110 来电', '96110 call'],
  dissuasion_config: ['时限设置', 'time limits'],
  events: ['事件', 'events'],
  followup: ['回访', 'follow-up'],
  gangs: ['团伙', 'gangs'],
  graph_neighbourhood: ['关系图', 'graph'],
  indicator: ['涉诈名单', 'indicator'],
  knowledge: ['知识库', 'knowledge'],
  mule_handoff: ['涉诈账户移交', 'mule hand-off'],
  mules: ['涉诈账户', 'mule accounts'],
  order: ['止付冻结指令', 'order'],
  orders: ['止付冻结指令', 'orders'],
  order_bank_settings: ['银行对接设置', 'bank settings'],
  order_file: ['指令文书', 'order file'],
  order_refund: ['返还', 'refund'],
  order_totals: ['资金汇总', 'funds totals'],
  prevention_campaign: ['宣传活动', 'campaign'],
  prevention_door_tasks: ['上门宣传任务', 'door-to-door tasks'],
  prevention_talk: ['宣讲', 'talk'],
  prevention_talk_photo: ['宣讲照片', 'talk photo'],
  prevention_visit: ['上门宣传', 'visit'],
  prevention_volunteer: ['志愿者', 'volunteer'],
  prevention_volunteer_hours: ['志愿时长', 'volunteer hours'],
  public_report: ['群众举报', 'public report'],
  refund_plan: ['返还方案', 'refund plan'],
  resident: ['居民', 'resident'],
  return_board: ['劝返', 'returns'],
  return_contact: ['劝返联系', 'return contact'],
  return_person: ['劝返对象', 'return person'],
  review: ['复盘', 'review'],
  risk_groups: ['风险人群', 'risk groups'],
  rule_config: ['规则配置', 'rule config'],
  script_label: ['话术标注', 'script label'],
  script_model: ['话术模型', 'script model'],
  sms_optout: ['短信退订', 'SMS opt-out'],
  statement: ['流水', 'statement'],
  stats_drill: ['统计明细', 'stats drill-down'],
  stats_kpis: ['统计指标', 'KPIs'],
  stats_ranking: ['考评排名', 'ranking'],
  stats_report: ['统计报告', 'report'],
  unit: ['单位', 'unit'],
  unit_notification_settings: ['通知设置', 'notification settings'],
  user: ['用户', 'user'],
  victim_report: ['受害报告', 'victim report'],
  warning: ['预警', 'warning'],
  warning_report: ['预警报告', 'warning report'],
  warning_task: ['预警任务', 'warning task'],
};

const DETAIL_KEYS: Record<string, Pair> = {
  part: ['部分', 'part'],
  command: ['操作', 'command'],
  from: ['原状态', 'from'],
  to: ['新状态', 'to'],
  count: ['数量', 'count'],
  rows: ['行数', 'rows'],
  reason: ['原因', 'reason'],
  source: ['来源', 'source'],
  query: ['查询条件', 'query'],
  filter: ['筛选条件', 'filter'],
  caseId: ['案件', 'case'],
  warningId: ['预警', 'warning'],
  kind: ['类型', 'kind'],
  status: ['状态', 'status'],
  version: ['版本', 'version'],
  username: ['用户名', 'username'],
  name: ['名称', 'name'],
  amount: ['金额', 'amount'],
  unmasked: ['完整信息', 'unmasked'],
  accepted: ['接收', 'accepted'],
  duplicates: ['重复', 'duplicates'],
};

const pick = (pair: Pair | undefined, lang: string, raw: string) => (pair ? pair[lang === 'en-US' ? 1 : 0] : raw);
export const actionName = (code: string, lang: string) => pick(AUDIT_ACTIONS[code], lang, code);
export const entityName = (code: string, lang: string) => pick(AUDIT_ENTITIES[code], lang, code);

/** The actor in words: a person by name, a partner by its token's name, the platform as 系统. */
export function actorName(r: { actorKind: string; actorName: string | null }, lang: string): string {
  const en = lang === 'en-US';
  if (r.actorKind === 'system') return en ? 'System' : '系统';
  if (r.actorKind === 'token') return `${en ? 'API token' : '接口令牌'} ${r.actorName ?? ''}`.trim();
  return r.actorName ?? r.actorKind;
}

/** `{part: "workflow", count: 3}` → "部分：workflow · 数量：3"; nested values compact JSON. */
export function detailsText(details: Record<string, unknown> | null, lang: string): string {
  if (!details) return '—';
  const sep = lang === 'en-US' ? ': ' : '：';
  return Object.entries(details)
    .map(([k, v]) => {
      const value = v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      return `${pick(DETAIL_KEYS[k], lang, k)}${sep}${value}`;
    })
    .join(' · ');
}
