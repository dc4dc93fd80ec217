import { Type, type Static } from 'typebox';
import { Id, IsoDateTime } from './common.ts';

// 两卡 governance: the registry and the Art. 31 measures. Route names and fields are the contract of issue 13.

export const ENTRY_KINDS = ['bank_account', 'phone'] as const;
export const ENTRY_SOURCES = ['card_seller', 'card_dealer', 'case_account', 'mule', 'warning_number', 'partner_report', 'analyst'] as const;
export const MEASURE_VALUES = ['stop_non_counter', 'limit_functions', 'suspend_new_business', 'limit_new_lines'] as const;
export const MEASURE_STATUS_VALUES = ['proposed', 'rejected', 'in_force', 'executed', 'appealed', 'upheld', 'revoked', 'released', 'expired'] as const;

const Text = (max = 500) => Type.String({ minLength: 1, maxLength: max });

export const NewCardEntry = Type.Object({
  kind: Type.Enum(ENTRY_KINDS),
  value: Type.String({ minLength: 1, maxLength: 40 }),
  reason: Text(),
  caseId: Type.Optional(Id),
  source: Type.Optional(Type.Enum(ENTRY_SOURCES)),
  holderName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  holderIdNumber: Type.Optional(Type.String({ minLength: 15, maxLength: 18 })),
  unitId: Type.Optional(Id),
}, { additionalProperties: false });
export type NewCardEntry = Static<typeof NewCardEntry>;

export const Evidence = Type.Object({
  at: Type.String(), by: Type.String(), kind: Type.String(), text: Type.String(),
  caseId: Type.Optional(Type.String()), warningId: Type.Optional(Type.String()),
});

export const CardEntry = Type.Object({
  id: Type.String(),
  kind: Type.Enum(ENTRY_KINDS),
  value: Type.String({ description: 'masked unless unmasked with a purpose' }),
  source: Type.String(),
  reason: Type.String(),
  caseId: Type.Union([Type.String(), Type.Null()]),
  holderName: Type.Union([Type.String(), Type.Null()]),
  holderIdNumber: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Array(Evidence),
  unitId: Type.String(),
  unitName: Type.String(),
  createdAt: Type.String(),
  /** the strongest status among its measures, null when none */
  restricted: Type.Boolean(),
  measures: Type.Integer(),
  masked: Type.Boolean(),
});
export type CardEntry = Static<typeof CardEntry>;

export const EntryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(Type.Enum(ENTRY_KINDS)),
  unmask: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });

export const NewMeasure = Type.Object({
  entryId: Id,
  measure: Type.Enum(MEASURE_VALUES),
  reason: Text(),
  endsAt: IsoDateTime,
  /** the bank or telecom unit to address; by default the one serving the entry's area */
  partnerUnitId: Type.Optional(Id),
}, { additionalProperties: false });
export type NewMeasure = Static<typeof NewMeasure>;

export const HistoryItem = Type.Object({ at: Type.String(), by: Type.String(), from: Type.Union([Type.String(), Type.Null()]), to: Type.String(), note: Type.Optional(Type.String()) });

export const Measure = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  entryKind: Type.Enum(ENTRY_KINDS),
  entryValue: Type.String(),
  measure: Type.Enum(MEASURE_VALUES),
  status: Type.Enum(MEASURE_STATUS_VALUES),
  restricts: Type.Boolean(),
  reason: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  partnerUnitId: Type.Union([Type.String(), Type.Null()]),
  partnerUnitName: Type.Union([Type.String(), Type.Null()]),
  proposedBy: Type.String(),
  proposedByName: Type.String(),
  proposedAt: Type.String(),
  confirmedBy: Type.Union([Type.String(), Type.Null()]),
  confirmedAt: Type.Union([Type.String(), Type.Null()]),
  ackAt: Type.Union([Type.String(), Type.Null()]),
  appealReason: Type.Union([Type.String(), Type.Null()]),
  appealedAt: Type.Union([Type.String(), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  appealRoute: Type.String(),
  history: Type.Array(HistoryItem),
});
export type Measure = Static<typeof Measure>;

export const MeasureQuery = Type.Object({
  entryId: Type.Optional(Id),
  status: Type.Optional(Type.Enum(MEASURE_STATUS_VALUES)),
  /** for a bank/telecom liaison: the measures addressed to their organisation */
  addressed: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const NoteBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const AppealBody = Type.Object({ reason: Text() }, { additionalProperties: false });
export const AppealDecision = Type.Object({ upheld: Type.Boolean(), reason: Text() }, { additionalProperties: false });

export const CardStats = Type.Object({
  entries: Type.Integer(),
  cardsControlled: Type.Integer(),
  measuresActive: Type.Integer(),
  awaitingConfirmation: Type.Integer(),
  awaitingExecution: Type.Integer(),
  appealsPending: Type.Integer(),
  appealsDecided: Type.Integer(),
  repeatOffenders: Type.Integer(),
  byMeasure: Type.Record(Type.String(), Type.Integer()),
});
export type CardStats = Static<typeof CardStats>;

export const Notice = Type.Object({
  id: Type.String(), measureId: Type.String(), kind: Type.String(), text: Type.String(), createdAt: Type.String(),
});
export type Notice = Static<typeof Notice>;
