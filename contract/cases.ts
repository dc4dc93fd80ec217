import { Type, type Static } from 'typebox';
import { IsoDateTime, PageQuery } from './common.ts';

// Cases (案件): intake (接警), payments to first-level accounts (一级账户), identifiers, the case chain, evidence
// and suspects. `POST /api/v1/cases` keeps the body of issue 11 exactly; the optional fields after it are additions.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

export const CASE_SOURCES = ['call_96110', 'walk_in', 'online', 'warning', 'public_report'] as const;
export const CaseSource = Type.Enum(CASE_SOURCES);
export type CaseSource = Static<typeof CaseSource>;
export const CASE_SOURCE_NAMES: Record<CaseSource, string> = {
  call_96110: '96110来电',
  walk_in: '来所报案',
  online: '网上报案',
  warning: '预警已被骗',
  public_report: '群众举报',
};

export const CONTACT_METHODS = [
  'phone_call',
  'sms',
  'wechat',
  'qq',
  'app',
  'website',
  'dating_app',
  'game',
  'in_person',
  'other',
] as const;
export const ContactMethod = Type.Enum(CONTACT_METHODS);

export const PAYMENT_CHANNELS = [
  'bank_transfer',
  'mobile_banking',
  'atm',
  'counter',
  'alipay',
  'wechat_pay',
  'ecny',
  'crypto',
  'cash',
  'other',
] as const;
export const PaymentChannel = Type.Enum(PAYMENT_CHANNELS);

export const NewPayment = Type.Object(
  {
    paidAt: IsoDateTime,
    amount: Type.Number({ description: 'yuan, > 0' }),
    toAccount: Text(64),
    toName: Type.Optional(Text(100)),
    toBank: Type.Optional(Text(100, 0)),
    fromAccount: Type.Optional(Text(64)),
    channel: Type.Optional(PaymentChannel),
  },
  { additionalProperties: false },
);
export type NewPayment = Static<typeof NewPayment>;

export const NewCaseIdentifier = Type.Object(
  {
    kind: Text(32, 1),
    value: Text(500, 1),
  },
  { additionalProperties: false },
);

export const NewCase = Type.Object(
  {
    reportedAt: IsoDateTime,
    victim: Type.Object(
      {
        name: Text(100, 1),
        phone: Text(32, 1),
        idNumber: Type.Optional(Text(32)),
      },
      { additionalProperties: false },
    ),
    fraudTypes: Type.Array(Text(64, 1), { minItems: 1, maxItems: 10 }),
    loss: Type.Number({ description: 'yuan' }),
    summary: Text(5000),
    payments: Type.Array(NewPayment, { maxItems: 200 }),
    identifiers: Type.Optional(Type.Array(NewCaseIdentifier, { maxItems: 200 })),
    // additions (optional): where the report came from, how the victim was contacted, which unit owns the case
    source: Type.Optional(CaseSource),
    /** the report's own reference (96110 call id, online report number): one case per source + reference */
    reference: Type.Optional(Text(100, 1)),
    contactMethod: Type.Optional(ContactMethod),
    unitId: Type.Optional(Text(64, 1)),
    fromWarningId: Type.Optional(Text(64, 1)),
  },
  { additionalProperties: false },
);
export type NewCase = Static<typeof NewCase>;

export const CASE_STAGES = [
  'reported',
  'accepted',
  'filed',
  'not_filed',
  'investigating',
  'solved',
  'prosecuted',
  'closed',
] as const;
export const CaseStage = Type.Enum(CASE_STAGES);
export type CaseStage = Static<typeof CaseStage>;
export const CASE_STAGE_NAMES: Record<CaseStage, string> = {
  reported: '接警',
  accepted: '受理',
  filed: '立案',
  not_filed: '不予立案',
  investigating: '侦查',
  solved: '破案',
  prosecuted: '移送起诉',
  closed: '结案',
};

export const CaseQuery = Type.Object(
  {
    stage: Type.Optional(CaseStage),
    type: Type.Optional(Text(64, 1)),
    source: Type.Optional(CaseSource),
    unitId: Type.Optional(Text(64, 1)),
    q: Type.Optional(Text(100, 1)),
    account: Type.Optional(Text(64, 1)),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    unmask: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type CaseQuery = Static<typeof CaseQuery>;

export const PaymentView = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  paidAt: Type.String(),
  amount: Type.Number(),
  channel: Nullable(Type.String()),
  fromAccount: Nullable(Type.String()),
  toAccount: Type.String(),
  toAccountKey: Type.Optional(Type.String()),
  toName: Nullable(Type.String()),
  toBank: Nullable(Type.String()),
  /** Luhn failed on a card-length number: a warning, not a rejection */
  luhnWarning: Type.Boolean(),
});
export type PaymentView = Static<typeof PaymentView>;

export const CaseIdentifierView = Type.Object({ kind: Type.String(), key: Type.String(), value: Type.String() });

export const CaseSummary = Type.Object({
  id: Type.String(),
  caseNo: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  source: Type.String(),
  sourceName: Type.String(),
  reference: Nullable(Type.String()),
  reportedAt: Type.String(),
  stage: CaseStage,
  stageName: Type.String(),
  fraudTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  loss: Type.Number(),
  paid: Type.Number({ description: 'sum of the payments' }),
  paymentCount: Type.Integer(),
  victim: Type.Object({
    name: Type.String(),
    phone: Nullable(Type.String()),
    idNumber: Nullable(Type.String()),
    residentId: Nullable(Type.String()),
  }),
  contactMethod: Nullable(Type.String()),
  fromWarningId: Nullable(Type.String()),
  /** the warning that made this case was reopened (no longer 已被骗): the case is withdrawn, with the reason */
  withdrawn: Type.Optional(Nullable(Type.Object({ at: Type.String(), reason: Nullable(Type.String()) }))),
  masked: Type.Boolean(),
  createdAt: Type.String(),
});
export type CaseSummary = Static<typeof CaseSummary>;

export const ChainStep = Type.Object({
  id: Type.String(),
  stage: CaseStage,
  stageName: Type.String(),
  at: Type.String(),
  officerId: Nullable(Type.String()),
  officerName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const Countdown = Type.Object({
  /** the stage the countdown is for, and the next stage(s) it asks for */
  stage: CaseStage,
  next: Type.Array(CaseStage),
  dueAt: Type.String(),
  remainingMs: Type.Number(),
  overdue: Type.Boolean(),
});

/** An order of the orders module as the case shows it (the orders module owns it; GET /api/v1/orders?caseId=). */
export const CaseOrderView = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    status: Type.String(),
    account: Type.String(),
    bank: Nullable(Type.String()),
    amount: Nullable(Type.Number()),
    amountStopped: Type.Optional(Nullable(Type.Number())),
    createdAt: Type.String(),
    sentAt: Type.Optional(Nullable(Type.String())),
    expiresAt: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: true },
);
export type CaseOrderView = Static<typeof CaseOrderView>;

export const EVIDENCE_KINDS = [
  'file',
  'screenshot',
  'chat_export',
  'device_image',
  'statement',
  'audio',
  'video',
  'other',
] as const;
export const EvidenceView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  mime: Nullable(Type.String()),
  size: Type.Integer(),
  sha256: Type.String(),
  description: Nullable(Type.String()),
  collectedAt: Type.String(),
  collectedBy: Type.String(),
  custodian: Type.String(),
  custody: Type.Array(
    Type.Object({
      action: Type.String(),
      at: Type.String(),
      actorName: Type.String(),
      toCustodian: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
});
export type EvidenceView = Static<typeof EvidenceView>;

/** An evidence file stored (201): its id, SHA-256 and size as received. */
export const EvidenceAdded = Type.Object({
  id: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  fileName: Type.String(),
});
export type EvidenceAdded = Static<typeof EvidenceAdded>;
/** The bank of a card or account number from its BIN (`ok` false: not an account number, `reason` says why). */
export const BankOfAccount = Type.Object({
  ok: Type.Boolean(),
  reason: Nullable(Type.String()),
  bank: Nullable(Type.String()),
  isCard: Type.Boolean(),
  luhnOk: Nullable(Type.Boolean()),
});
export type BankOfAccount = Static<typeof BankOfAccount>;

export const SUSPECT_ROLES = [
  'financier',
  'operator',
  'executor',
  'card_dealer',
  'card_seller',
  'cash_out',
  'traffic',
] as const;
export const SUSPECT_ROLE_NAMES: Record<(typeof SUSPECT_ROLES)[number], string> = {
  financier: '金主',
  operator: '操盘手',
  executor: '操作手',
  card_dealer: '卡商',
  card_seller: '卡农',
  cash_out: '取现人',
  traffic: '引流',
};
export const SUSPECT_STATUSES = ['at_large', 'caught', 'arrested', 'prosecuted'] as const;
export const SUSPECT_STATUS_NAMES: Record<(typeof SUSPECT_STATUSES)[number], string> = {
  at_large: '在逃',
  caught: '抓获',
  arrested: '逮捕',
  prosecuted: '起诉',
};
export const SuspectRole = Type.Enum(SUSPECT_ROLES);
export const SuspectStatus = Type.Enum(SUSPECT_STATUSES);

export const NewSuspect = Type.Object(
  {
    name: Text(100, 1),
    idNumber: Type.Optional(Text(32)),
    phone: Type.Optional(Text(32)),
    role: SuspectRole,
    status: Type.Optional(SuspectStatus),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export const SuspectUpdate = Type.Object(
  {
    status: SuspectStatus,
    at: Type.Optional(IsoDateTime),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export const SuspectView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumber: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  role: Type.String(),
  roleName: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  arrestedAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const TimelineEntry = Type.Object({
  at: Type.String(),
  kind: Type.String(),
  text: Type.String(),
  actorName: Nullable(Type.String()),
});

export const LinkedWarning = Type.Object({
  id: Type.String(),
  level: Type.String(),
  status: Type.String(),
  openedAt: Type.String(),
  fraudTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  summary: Type.String(),
  payments: Type.Array(PaymentView),
  identifiers: Type.Array(CaseIdentifierView),
  chain: Type.Array(ChainStep),
  countdown: Nullable(Countdown),
  /** what the actor may do next on the chain */
  nextStages: Type.Array(CaseStage),
  filingThreshold: Type.Number(),
  orders: Type.Array(CaseOrderView),
  evidence: Type.Array(EvidenceView),
  suspects: Type.Array(SuspectView),
  warnings: Type.Array(LinkedWarning),
  timeline: Type.Array(TimelineEntry),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const CaseCreated = Type.Object({
  ...CaseSummary.properties,
  payments: Type.Array(PaymentView),
  identifiers: Type.Array(CaseIdentifierView),
});

export const ChainAction = Type.Object(
  {
    to: CaseStage,
    at: Type.Optional(IsoDateTime),
    reason: Type.Optional(Text(2000)),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type ChainAction = Static<typeof ChainAction>;

export const NewEvidenceMeta = Type.Object(
  {
    kind: Type.Optional(Type.Enum(EVIDENCE_KINDS)),
    description: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export const EvidenceTransfer = Type.Object(
  {
    toCustodian: Text(100, 1),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);

export const CaseIntakeFromWarning = Type.Object(
  {
    intakeId: Text(64, 1),
  },
  { additionalProperties: false },
);

/** More of what the victim paid or what was involved, found after intake (publishes case.updated). */
export const CaseAdditions = Type.Object(
  {
    payments: Type.Optional(Type.Array(NewPayment, { maxItems: 200 })),
    identifiers: Type.Optional(Type.Array(NewCaseIdentifier, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type CaseAdditions = Static<typeof CaseAdditions>;
