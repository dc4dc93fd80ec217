import { Type, type Static } from 'typebox';
import { ImportRow, PageNumber, PageSize } from './common.ts';
import { RuleHitView, WarningSummary } from './warnings.ts';

// The dissuasion workflow's API shapes: lifecycle actions on a warning, hand entry and upstream pushes,
// follow-up records, unit notification settings.

const Note = Type.String({ maxLength: 2000 });
const Amount = Type.Number({ minimum: 0, maximum: 1e12 });
export const DISPOSITIONS = ['dissuaded', 'defrauded', 'unreachable', 'refused', 'false_alarm'] as const;
export const DISPOSITION_NAMES: Record<(typeof DISPOSITIONS)[number], string> = {
  dissuaded: '劝阻成功',
  defrauded: '已被骗',
  unreachable: '无法联系',
  refused: '拒绝配合',
  false_alarm: '误报',
};
export const CONTACT_CHANNELS = ['phone', 'sms', 'visit', 'relative', 'other'] as const;
/** The lifecycle phases. Escalation (升级/督办) is a level shown beside the phase, not a phase of its own. */
export const STATUS_NAMES: Record<string, string> = {
  new: '新建',
  auto_contact: '自动联系中',
  review: '中心复核',
  routing: '待人工分派',
  dispatched: '已派发',
  signed: '已签收',
  contacting: '联系中',
  visiting: '走访中',
  closed: '已结案',
  reopened: '已重开',
};

/** 四查看、三询问、一保护, ticked during the visit and stored with its record. */
export const VisitChecklist = Type.Object(
  {
    checkCalls: Type.Optional(Type.Boolean()),
    checkMessages: Type.Optional(Type.Boolean()),
    checkApps: Type.Optional(Type.Boolean()),
    checkTransfers: Type.Optional(Type.Boolean()),
    askCounterpart: Type.Optional(Type.Boolean()),
    askMoney: Type.Optional(Type.Boolean()),
    askTransferred: Type.Optional(Type.Boolean()),
    protectFunds: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type VisitChecklist = Static<typeof VisitChecklist>;

const obj = <P extends Record<string, import('typebox').TSchema>>(p: P) =>
  Type.Object(p, { additionalProperties: false });
export const WarningAction = Type.Union([
  obj({ type: Type.Literal('sign') }),
  obj({ type: Type.Literal('assign'), userId: Type.String({ minLength: 1, maxLength: 64 }) }),
  obj({ type: Type.Literal('start_visit') }),
  obj({
    type: Type.Literal('record_contact'),
    channel: Type.Enum(CONTACT_CHANNELS),
    reached: Type.Boolean(),
    note: Type.Optional(Note),
    checklist: Type.Optional(VisitChecklist),
  }),
  obj({
    type: Type.Literal('close'),
    disposition: Type.Enum(DISPOSITIONS),
    lossAvoided: Type.Optional(Amount),
    loss: Type.Optional(Amount),
    note: Note,
    checklist: Type.Optional(VisitChecklist),
  }),
  obj({ type: Type.Literal('escalate'), reason: Type.String({ minLength: 1, maxLength: 500 }) }),
  obj({ type: Type.Literal('reopen'), reason: Type.String({ minLength: 1, maxLength: 500 }) }),
  obj({ type: Type.Literal('dispatch'), unitId: Type.String({ minLength: 1, maxLength: 64 }) }),
]);
export type WarningAction = Static<typeof WarningAction>;

export const BulkDispatch = obj({
  ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 200 }),
  unitId: Type.String({ minLength: 1, maxLength: 64 }),
});

const Level = Type.Enum(['high', 'medium', 'low']);
/** A warning entered by hand (e.g. from a 96110 call) or pushed by the upstream centre. */
export const NewWarning = obj({
  level: Level,
  fraudTypes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 5 }),
  subject: obj({
    name: Type.Optional(Type.String({ maxLength: 50 })),
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    idNumber: Type.Optional(Type.String({ maxLength: 18 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  summary: Type.Optional(Type.String({ maxLength: 1000 })),
  leads: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
  reportingBranchId: Type.Optional(Type.String({ maxLength: 64 })),
  /** the upstream centre's own id, kept in the leads for reconciliation */
  externalId: Type.Optional(Type.String({ maxLength: 64 })),
});
export type NewWarning = Static<typeof NewWarning>;
export const UpstreamPush = obj({ items: Type.Array(NewWarning, { minItems: 1, maxItems: 1000 }) });

export const ImportReport = Type.Object({
  imported: Type.Integer(),
  rows: Type.Array(ImportRow),
});

/** `mine`: only the follow-ups assigned to the caller; `unmask` (personal:unmask + X-Purpose): the subject in full. */
export const FollowupQuery = obj({
  due: Type.Optional(Type.String({ format: 'date' })),
  all: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Type.Boolean()),
  unmask: Type.Optional(Type.Boolean()),
});
export const FollowupRecord = obj({ record: Type.String({ minLength: 1, maxLength: 2000 }) });
export const StatsQuery = obj({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) });
export const UnitSettings = obj({
  dutyUserId: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]),
  webhookUrl: Type.Union([Type.String({ pattern: '^https?://', maxLength: 500 }), Type.Null()]),
});
export type UnitSettingsBody = Static<typeof UnitSettings>;
export const BoardQuery = obj({
  status: Type.Optional(Type.String({ maxLength: 32 })),
  level: Type.Optional(Level),
  type: Type.Optional(Type.String({ maxLength: 64 })),
  unitId: Type.Optional(Type.String({ maxLength: 64 })),
  open: Type.Optional(Type.Boolean()),
  routed: Type.Optional(Type.Boolean()),
  page: Type.Optional(PageNumber()),
  pageSize: Type.Optional(PageSize()),
  /** the subjects in full (personal:unmask, with an X-Purpose header; the read is audited with it) */
  unmask: Type.Optional(Type.Boolean()),
});
export type BoardQuery = Static<typeof BoardQuery>;

/**
 * The centre's workflow configuration: time limits per level (milliseconds; see server/modules/dissuasion/sla.ts
 * for the fields and their checks) and the follow-up days after closing. Each save is a new version.
 */
export const DissuasionConfigBody = obj({
  levels: Type.Record(Type.String(), Type.Unknown()),
  followupDays: Type.Array(Type.Integer(), { maxItems: 50 }),
});
export type DissuasionConfigBody = Static<typeof DissuasionConfigBody>;

/**
 * A victim known outside the warning workflow (a case, a 96110 report): who, and when they were defrauded. Runs
 * the 预警后被骗 check against that person's earlier warnings. Idempotent by (source, reference).
 */
export const VICTIM_SOURCES = ['case', 'report_96110', 'other'] as const;
export const VictimReport = obj({
  source: Type.Enum(VICTIM_SOURCES),
  /** the case number, the 96110 call record id, … */
  reference: Type.String({ minLength: 1, maxLength: 64 }),
  subject: obj({
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    idNumber: Type.Optional(Type.String({ maxLength: 18 })),
  }),
  defraudedAt: Type.String({ format: 'date-time' }),
});
export type VictimReport = Static<typeof VictimReport>;

export const CaseIntakeQuery = obj({ status: Type.Optional(Type.Enum(['pending', 'taken', 'withdrawn'])) });
export const CaseIntakeTake = obj({ caseRef: Type.String({ minLength: 1, maxLength: 64 }) });

// ── responses ───────────────────────────────────────────────────────────────────────────────────────────────
const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A lifecycle action: `ok` false = the state machine refused it (`status` null), nothing changed. */
export const ActionResult = Type.Object({ ok: Type.Boolean(), status: Nullable(Type.String()) });
export type ActionResult = Static<typeof ActionResult>;
export const OkResult = Type.Object({ ok: Type.Boolean() });
export type OkResult = Static<typeof OkResult>;
export const DispatchResults = Type.Object({
  results: Type.Array(Type.Object({ id: Type.String(), ok: Type.Boolean(), error: Type.Optional(Type.String()) })),
});
export type DispatchResults = Static<typeof DispatchResults>;
export const Assignees = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.String(), displayName: Type.String(), role: Type.String(), unitName: Type.String() }),
  ),
});
export type Assignees = Static<typeof Assignees>;
/** A warning entered by hand: 201 created, 200 joined an open one, 202 forwarded to the unit holding it. */
export const EnteredWarning = Type.Object({
  id: Nullable(Type.String()),
  created: Type.Boolean(),
  levelRaised: Type.Optional(Type.Boolean()),
  forwarded: Type.Optional(Type.Boolean()),
  forwardTo: Type.Optional(Type.String()),
});
export type EnteredWarning = Static<typeof EnteredWarning>;

const SlaAction = Type.Enum(['dispatch', 'retry', 'review']);
/** Time limits of one level in milliseconds (server/modules/dissuasion/sla.ts checks them). */
export const LevelSlaView = Type.Object({
  autoContactMs: Type.Integer(),
  callResultMs: Type.Integer(),
  signMs: Type.Integer(),
  visitMs: Type.Integer(),
  maxAutoAttempts: Type.Integer(),
  retryBackoffMs: Type.Optional(Type.Integer()),
  reviewMs: Type.Optional(Type.Integer()),
  routeMs: Type.Optional(Type.Integer()),
  feedbackMs: Type.Optional(Type.Integer()),
  onAutoContact: Type.Object({
    answered_safe: SlaAction,
    answered_help: SlaAction,
    busy: SlaAction,
    no_answer: SlaAction,
    failed: SlaAction,
  }),
});
export type LevelSlaView = Static<typeof LevelSlaView>;
export const DissuasionConfigView = Type.Object({
  sla: Type.Object({
    version: Type.String(),
    levels: Type.Object({ high: LevelSlaView, medium: LevelSlaView, low: LevelSlaView }),
  }),
  followup: Type.Object({ version: Type.String(), days: Type.Array(Type.Integer()) }),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
  updatedBy: Nullable(Type.String()),
});
export type DissuasionConfigView = Static<typeof DissuasionConfigView>;
export const UnitSettingsView = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  dutyUserId: Nullable(Type.String()),
  dutyUserName: Nullable(Type.String()),
  webhookUrl: Nullable(Type.String()),
  candidates: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String(), unitName: Type.String() })),
});
export type UnitSettingsView = Static<typeof UnitSettingsView>;
/** 预警后被骗 per unit over a period: warnings closed there, and those whose person was defrauded afterwards. */
export const WarnedThenDefraudedStats = Type.Object({
  from: Type.String(),
  to: Type.String(),
  total: Type.Integer(),
  units: Type.Array(
    Type.Object({
      unitId: Type.String(),
      unitName: Type.String(),
      warnedThenDefrauded: Type.Integer(),
      closed: Type.Integer(),
    }),
  ),
});
export type WarnedThenDefraudedStats = Static<typeof WarnedThenDefraudedStats>;

/** A running deadline of a warning (sla.ts `countdown`): due time in ms since the epoch, negative remaining = overdue. */
export const Countdown = Type.Object({
  timer: Type.String(),
  dueAt: Type.Number(),
  remainingMs: Type.Number(),
  overdue: Type.Boolean(),
});
export type Countdown = Static<typeof Countdown>;
/** A board row: the warning's summary, its deadlines, its escalation level and what the caller may do now. */
export const BoardItem = Type.Object({
  ...WarningSummary.properties,
  countdowns: Type.Array(Countdown),
  escalationLevel: Type.Integer(),
  allowedActions: Type.Array(Type.String()),
  closeDispositions: Type.Array(Type.String()),
});
export type BoardItem = Static<typeof BoardItem>;
export const BoardPage = Type.Object({
  items: Type.Array(BoardItem),
  total: Type.Integer(),
  now: Type.String({ format: 'date-time' }),
});
export type BoardPage = Static<typeof BoardPage>;

/** The person a warning or a follow-up is about: masked unless the caller unmasked (personal:unmask + X-Purpose). */
export const SubjectView = Type.Object({
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  address: Nullable(Type.String()),
  masked: Type.Boolean(),
});
export type SubjectView = Static<typeof SubjectView>;

/** Why a warning landed where it did: the routing steps tried, with the unit names resolved. */
export const RouteInfo = Type.Object({
  steps: Type.Array(
    Type.Object({
      via: Type.String(),
      key: Nullable(Type.String()),
      result: Nullable(Type.String()),
      keyName: Nullable(Type.String()),
      resultName: Nullable(Type.String()),
    }),
  ),
  /** where it was placed (absent on warnings routed before the unit was kept with the steps) */
  via: Type.Optional(Nullable(Type.String())),
  unitId: Type.Optional(Type.String()),
  routed: Type.Optional(Type.Boolean()),
});
export type RouteInfo = Static<typeof RouteInfo>;

/** One contact attempt (voice, SMS, …) and its receipt. */
export const Attempt = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  at: Type.String({ format: 'date-time' }),
  ok: Type.Boolean(),
  outcome: Type.String(),
  externalId: Nullable(Type.String()),
  detail: Nullable(Type.String()),
  record: Nullable(Type.Record(Type.String(), Type.Unknown())),
  resultAt: Nullable(Type.String({ format: 'date-time' })),
});
export type Attempt = Static<typeof Attempt>;

/** A task given to a unit (a visit, a check) with its checklist. */
export const Task = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  unitId: Type.String(),
  title: Type.String(),
  items: Type.Array(Type.String()),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  doneAt: Nullable(Type.String({ format: 'date-time' })),
});
export type Task = Static<typeof Task>;

/** A follow-up visit after closing (day N), as stored; the list adds the warning's facts. */
export const Followup = Type.Object({
  id: Type.String(),
  warningId: Type.String(),
  seq: Type.Integer(),
  day: Type.Integer(),
  dueAt: Type.String({ format: 'date-time' }),
  assigneeKind: Type.String(),
  assigneeId: Type.String(),
  unitId: Type.String(),
  doneAt: Nullable(Type.String({ format: 'date-time' })),
  record: Nullable(Type.String()),
  cancelled: Type.Boolean(),
  assigneeName: Nullable(Type.String()),
});
export type Followup = Static<typeof Followup>;
/** A row of the follow-up list: the visit plus the warning's level, types, person and closing. */
export const FollowupItem = Type.Object({
  ...Followup.properties,
  unitName: Type.String(),
  level: Type.String(),
  fraudTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  subject: SubjectView,
  disposition: Nullable(Type.String()),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  /** whether the caller may open the warning itself (a grid worker below the station may not) */
  canOpen: Type.Boolean(),
});
export type FollowupItem = Static<typeof FollowupItem>;
export const FollowupList = Type.Object({ items: Type.Array(FollowupItem) });
export type FollowupList = Static<typeof FollowupList>;

/** One step of the warning's history (the audit trail of its transitions). */
export const Transition = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    actor: Nullable(Type.String()),
    command: Type.String(),
    from: Nullable(Type.String()),
    to: Type.String(),
    ok: Type.Boolean(),
    reason: Type.Optional(Type.String()),
    timer: Type.Optional(Type.String()),
    args: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: true },
);
export type Transition = Static<typeof Transition>;

/** How a warning was closed (a merge closes it too, `mergedInto` naming the warning kept). */
export const DispositionView = Type.Object(
  {
    disposition: Type.String(),
    label: Type.String(),
    lossAvoided: Type.Optional(Nullable(Type.Number())),
    loss: Type.Optional(Nullable(Type.Number())),
    note: Type.Optional(Type.String()),
    by: Type.Optional(Type.String()),
    at: Type.Optional(Type.String({ format: 'date-time' })),
    mergedInto: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type DispositionView = Static<typeof DispositionView>;

/** A case intake request left by a 已被骗 closure, as the warning shows it. */
export const CaseIntakeRef = Type.Object({
  id: Type.String(),
  status: Type.String(),
  loss: Type.Number(),
  requestedAt: Type.String({ format: 'date-time' }),
  caseRef: Nullable(Type.String()),
});

/** The warning's workflow: state, what the caller may do now, deadlines, history, contacts, tasks, follow-ups. */
export const WorkflowDetail = Type.Object({
  id: Type.String(),
  status: Type.String(),
  level: Type.String(),
  levelName: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  routed: Type.Boolean(),
  allowedActions: Type.Array(Type.String()),
  closeDispositions: Type.Array(Type.String()),
  assigneeName: Nullable(Type.String()),
  signedByName: Nullable(Type.String()),
  disposition: Nullable(DispositionView),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  countdowns: Type.Array(Countdown),
  autoContactAttempts: Type.Integer(),
  assigneeId: Nullable(Type.String()),
  signedBy: Nullable(Type.String()),
  signedAt: Nullable(Type.String({ format: 'date-time' })),
  escalation: Type.Object({
    level: Type.Integer(),
    at: Nullable(Type.String({ format: 'date-time' })),
    reason: Nullable(Type.String()),
  }),
  route: Nullable(RouteInfo),
  leads: Type.Array(Type.String()),
  transitions: Type.Array(Transition),
  attempts: Type.Array(Attempt),
  tasks: Type.Array(Task),
  followups: Type.Array(Followup),
  flags: Type.Array(
    Type.Object({
      kind: Type.String(),
      victimKind: Type.String(),
      victimId: Type.String(),
      at: Type.String({ format: 'date-time' }),
      daysAfterClose: Type.Integer(),
    }),
  ),
  caseIntakes: Type.Array(CaseIntakeRef),
  script: Type.Object({
    version: Type.String(),
    fraudType: Nullable(Type.String()),
    /** whom the texts speak to (registry age / occupation): elderly, student, finance_staff, … or general */
    audience: Type.String(),
    talkingPoints: Type.Array(Type.String()),
    voice: Type.Array(Type.String()),
    sms: Type.String(),
  }),
  subject: SubjectView,
  relatives: Type.Array(
    Type.Object({ name: Nullable(Type.String()), relation: Nullable(Type.String()), phone: Nullable(Type.String()) }),
  ),
  ruleHits: Type.Array(RuleHitView),
});
export type WorkflowDetail = Static<typeof WorkflowDetail>;

/** A victim reported (201): the report's id and the earlier warnings of that person now flagged 预警后被骗. */
export const VictimReported = Type.Object({
  id: Type.String(),
  flaggedWarnings: Type.Array(Type.String()),
  flaggedCount: Type.Integer(),
});
export type VictimReported = Static<typeof VictimReported>;

/** An intake request for the case module (a warning closed as 已被骗), the person masked. */
export const CaseIntake = Type.Object({
  id: Type.String(),
  warningId: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  disposition: Type.String(),
  loss: Type.Number(),
  lossAvoided: Nullable(Type.Number()),
  fraudTypes: Type.Array(Type.String()),
  status: Type.String(),
  requestedAt: Type.String({ format: 'date-time' }),
  caseRef: Nullable(Type.String()),
  takenAt: Nullable(Type.String({ format: 'date-time' })),
  withdrawnAt: Nullable(Type.String({ format: 'date-time' })),
  subject: Type.Object({
    name: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    idNumber: Nullable(Type.String()),
  }),
});
export type CaseIntake = Static<typeof CaseIntake>;
export const CaseIntakeList = Type.Object({ items: Type.Array(CaseIntake) });
export type CaseIntakeList = Static<typeof CaseIntakeList>;

/** A voice gateway callback: taken (or a duplicate of one taken), and whether the workflow applied its outcome. */
export const VoiceCallbackResult = Type.Object({
  ok: Type.Boolean(),
  duplicate: Type.Boolean(),
  applied: Type.Optional(Type.Boolean()),
});
