import { Type, type Static } from 'typebox';
import { PageQuery } from './common.ts';
import { ServerText } from './texts.ts';

export const LEVEL_VALUES = ['high', 'medium', 'low'] as const;
export const WarningLevel = Type.Enum(LEVEL_VALUES);
export type WarningLevel = Static<typeof WarningLevel>;
export const LEVEL_NAMES: Record<WarningLevel, string> = { high: '高', medium: '中', low: '低' };

export const WarningQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 32 })),
    level: Type.Optional(WarningLevel),
    type: Type.Optional(Type.String({ maxLength: 64, description: 'fraud type code' })),
    unitId: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    idNumber: Type.Optional(Type.String({ maxLength: 18 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    unmask: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type WarningQuery = Static<typeof WarningQuery>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const RuleHitView = Type.Object({
  ruleId: Type.String(),
  configVersion: Type.String(),
  fraudTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  score: Type.Number(),
  reason: Type.String(),
  /** the reason as a code and its facts, for the reader's language (absent on hits stored before it was kept) */
  text: Type.Optional(ServerText),
  eventIds: Type.Array(Type.String()),
  at: Type.String(),
});

export const WarningSummary = Type.Object({
  id: Type.String(),
  source: Type.String(),
  level: WarningLevel,
  levelName: Type.String(),
  score: Type.Number(),
  fraudTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  status: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  routed: Type.Boolean(),
  subject: Type.Object({
    name: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    idNumber: Nullable(Type.String()),
    account: Nullable(Type.String()),
    /** as given with the warning; masked down to the county unless unmasked */
    address: Nullable(Type.String()),
  }),
  masked: Type.Boolean(),
  summary: Nullable(Type.String()),
  /** the generated summary as codes (contract/texts.ts); null when a person wrote it or it has no codes */
  summaryText: Nullable(Type.Array(ServerText)),
  hitCount: Type.Integer(),
  openedAt: Type.String(),
  updatedAt: Type.String(),
  closedAt: Nullable(Type.String()),
});
export type WarningSummary = Static<typeof WarningSummary>;

export const EvidenceEvent = Type.Object({
  id: Type.String(),
  source: Type.String(),
  type: Type.String(),
  occurredAt: Type.String(),
  description: Type.String(),
});

export const WarningDetail = Type.Object({
  ...WarningSummary.properties,
  ruleHits: Type.Array(RuleHitView),
  evidence: Type.Array(EvidenceEvent),
  disposition: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export type WarningDetail = Static<typeof WarningDetail>;
