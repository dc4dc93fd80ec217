import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

// Precision prevention (精准宣防). `GET /api/v1/prevention/risk-groups?unitId=` is the contract of issue 13.

export const AGE_BAND_VALUES = ['under_18', '18_40', '41_65', 'over_65'] as const;

export const RiskGroupQuery = Type.Object({
  unitId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
}, { additionalProperties: false });

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
