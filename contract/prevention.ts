import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

// Precision prevention (精准宣防). `GET /api/v1/prevention/risk-groups?unitId=` is the contract of issue 13.

export const AGE_BAND_VALUES = ['under_18', '18_40', '41_65', 'over_65'] as const;

export const RiskGroupQuery = Type.Object(
  {
    unitId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const RiskGroup = Type.Object({
  fraudType: Type.String(),
  fraudTypeName: Type.String(),
  ageBand: Type.Enum(AGE_BAND_VALUES),
  occupation: Type.Optional(Type.String()),
  unitId: Type.String(),
  unitName: Type.String(),
  score: Type.Number(),
  rising: Type.Boolean(),
  counts: Type.Object({
    casesThisWeek: Type.Integer(),
    warningsThisWeek: Type.Integer(),
    casesPrevious4Weeks: Type.Integer(),
    warningsPrevious4Weeks: Type.Integer(),
    residents: Type.Integer(),
  }),
});
export type RiskGroup = Static<typeof RiskGroup>;

export const RiskGroups = Type.Object({ weekEnding: Type.String(), items: Type.Array(RiskGroup) });
export type RiskGroups = Static<typeof RiskGroups>;

export const NewCampaign = Type.Object(
  {
    unitId: Id,
    fraudType: Type.String({ minLength: 1, maxLength: 64 }),
    ageBand: Type.Enum(AGE_BAND_VALUES),
    occupation: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    text: Type.String({ minLength: 1, maxLength: 300, description: 'the SMS; no links; the opt-out is appended' }),
    holdoutShare: Type.Optional(Type.Number({ minimum: 0.05, maximum: 0.5, default: 0.2 })),
    dailyCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1000 })),
  },
  { additionalProperties: false },
);
export type NewCampaign = Static<typeof NewCampaign>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Arm = Type.Object({ people: Type.Integer(), victims: Type.Integer(), rate: Type.Number() });
export const CampaignSummary = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  fraudType: Type.String(),
  ageBand: Type.String(),
  occupation: Nullable(Type.String()),
  channel: Type.String(),
  text: Type.String(),
  launchedAt: Type.String(),
  launchedBy: Type.String(),
});
export const CampaignView = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  fraudType: Type.String(),
  ageBand: Type.String(),
  occupation: Nullable(Type.String()),
  text: Type.String(),
  launchedAt: Type.String(),
  launchedBy: Type.String(),
  dailyCap: Type.Integer(),
  holdoutShare: Type.Number(),
  coverage: Type.Array(
    Type.Object({
      unitId: Type.String(),
      unitName: Type.String(),
      target: Type.Integer(),
      reached: Type.Integer(),
      holdout: Type.Integer(),
    }),
  ),
  effect: Nullable(
    Type.Object({
      target: Arm,
      holdout: Arm,
      difference: Type.Number(),
      ci95: Type.Array(Type.Number(), {
        minItems: 2,
        maxItems: 2,
        description: '95% interval of the difference: [low, high]',
      }),
      significant: Type.Boolean(),
    }),
  ),
});
export type CampaignView = Static<typeof CampaignView>;
export const BatchResult = Type.Object({
  sent: Type.Integer(),
  failed: Type.Integer(),
  optedOut: Type.Integer(),
  noPhone: Type.Integer(),
});
export const OptOutBody = Type.Object(
  { phone: Type.String({ minLength: 3, maxLength: 32 }) },
  { additionalProperties: false },
);
