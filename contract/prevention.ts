import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

// Precision prevention (精准宣防). `GET /api/v1/prevention/risk-groups?unitId=` is the contract of issue 13.

export const AGE_BAND_VALUES = ['under_18', '18_40', '41_65', 'over_65'] as const;
export const CAMPAIGN_CHANNEL_VALUES = ['sms', 'wechat', 'door', 'talk'] as const;
export const VISIT_OUTCOME_VALUES = ['met', 'not_home', 'refused', 'moved'] as const;

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
    channels: Type.Optional(
      Type.Array(Type.Enum(CAMPAIGN_CHANNEL_VALUES), { minItems: 1, maxItems: 4, uniqueItems: true, default: ['sms'] }),
    ),
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
  channels: Type.Array(Type.String()),
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
  channels: Type.Array(Type.String()),
  coverage: Type.Array(
    Type.Object({
      unitId: Type.String(),
      unitName: Type.String(),
      target: Type.Integer(),
      reached: Type.Integer(),
      holdout: Type.Integer(),
    }),
  ),
  /** reached / targeted per grid × audience (age band, occupation), by SMS or a door-to-door visit that met them */
  coverageByAudience: Type.Array(
    Type.Object({
      unitId: Type.String(),
      unitName: Type.String(),
      ageBand: Type.String(),
      occupation: Type.String(),
      target: Type.Integer(),
      reached: Type.Integer(),
      bySms: Type.Integer(),
      byVisit: Type.Integer(),
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

export const VisitBody = Type.Object(
  {
    residentId: Id,
    outcome: Type.Enum(VISIT_OUTCOME_VALUES),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const DoorTaskQuery = Type.Object(
  { campaignId: Type.Optional(Id), unmask: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const NullableS = Type.Union([Type.String(), Type.Null()]);
export const DoorTasks = Type.Object({
  items: Type.Array(
    Type.Object({
      campaignId: Type.String(),
      residentId: Type.String(),
      unitId: Type.String(),
      unitName: Type.String(),
      fraudType: Type.String(),
      fraudTypeName: Type.String(),
      name: Type.String(),
      address: NullableS,
      phone: NullableS,
      lastOutcome: NullableS,
      lastVisitedAt: NullableS,
    }),
  ),
});
export const NewTalk = Type.Object(
  {
    unitId: Id,
    campaignId: Type.Optional(Id),
    title: Type.String({ minLength: 1, maxLength: 100 }),
    place: Type.String({ minLength: 1, maxLength: 200 }),
    heldAt: Type.String({ format: 'date-time' }),
    speakers: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 20 }),
    audience: Type.Optional(Type.String({ maxLength: 100 })),
    attendance: Type.Integer({ minimum: 0, maximum: 100_000 }),
  },
  { additionalProperties: false },
);
export const Talk = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  campaignId: NullableS,
  title: Type.String(),
  place: Type.String(),
  heldAt: Type.String(),
  speakers: Type.Array(Type.String()),
  audience: NullableS,
  attendance: Type.Integer(),
  photos: Type.Integer(),
});
export const NewVolunteer = Type.Object(
  {
    unitId: Id,
    name: Type.String({ minLength: 1, maxLength: 64 }),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 32 })),
  },
  { additionalProperties: false },
);
export const VolunteerHoursBody = Type.Object(
  {
    day: Type.String({ format: 'date' }),
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
    activity: Type.String({ minLength: 1, maxLength: 200 }),
    campaignId: Type.Optional(Id),
    talkId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const Volunteers = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      unitId: Type.String(),
      unitName: Type.String(),
      name: Type.String(),
      phone: NullableS,
      hours: Type.Number(),
    }),
  ),
  totalHours: Type.Number(),
});

export const DoorProgressQuery = Type.Object({ campaignId: Type.Optional(Id) }, { additionalProperties: false });
export const DoorProgress = Type.Object({
  /** per grid: targeted residents, visited at least once, met */
  grids: Type.Array(
    Type.Object({
      unitId: Type.String(),
      unitName: Type.String(),
      target: Type.Integer(),
      visited: Type.Integer(),
      met: Type.Integer(),
    }),
  ),
  /** per grid worker (the visitor) and grid: visits recorded, distinct residents, residents met */
  visitors: Type.Array(
    Type.Object({
      visitedBy: Type.String(),
      unitId: Type.String(),
      unitName: Type.String(),
      visits: Type.Integer(),
      residents: Type.Integer(),
      met: Type.Integer(),
      lastAt: Type.String(),
    }),
  ),
});
export type DoorProgress = Static<typeof DoorProgress>;
export const TalkPhotos = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), mime: Type.String(), size: Type.Integer() })),
});
export type Talk = Static<typeof Talk>;
export type DoorTasks = Static<typeof DoorTasks>;
export type Volunteers = Static<typeof Volunteers>;
