import { Type, type Static } from 'typebox';
import { MAX_PAGE, MAX_PAGE_SIZE } from './common.ts';

// Figures (stats): KPIs with 同比/环比, breakdowns, trends, the ranking (考评), drill-down, reports.

const obj = <T extends Parameters<typeof Type.Object>[0]>(p: T) => Type.Object(p, { additionalProperties: false });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai day)' });
const Num = Type.Union([Type.Number(), Type.Null()]);

export const PeriodQuery = {
  unitId: Type.Optional(Type.String({ maxLength: 64, description: "default: the caller's unit" })),
  from: Day,
  to: Day,
};
export const KpiQuery = obj(PeriodQuery);
export type KpiQuery = Static<typeof KpiQuery>;
export const Period = Type.Object({ from: Type.String(), to: Type.String() });

export const Kpi = Type.Object({
  key: Type.String(),
  value: Num,
  previousYear: Num,
  previousPeriod: Num,
  /** change in percent against previousYear (同比) and previousPeriod (环比); null when there is nothing to compare */
  yoy: Num,
  pop: Num,
  unit: Type.Enum(['count', 'yuan', 'percent', 'days', 'per10k']),
  /** a figure as it stands now (e.g. 两卡 measures in force), not a sum over the period: no 同比/环比 */
  snapshot: Type.Optional(Type.Boolean()),
});
export type Kpi = Static<typeof Kpi>;
export const KpiResponse = Type.Object({
  period: Period,
  compare: Type.Object({ yoy: Period, pop: Period }),
  unit: Type.Object({ id: Type.String(), name: Type.String() }),
  kpis: Type.Array(Kpi),
});
export type KpiResponse = Static<typeof KpiResponse>;

export const BREAKDOWN_DIMS = [
  'level',
  'source',
  'fraud_type',
  'age_band',
  'channel',
  'disposition',
  'kind',
  'topic',
  'outcome',
] as const;
export const BreakdownQuery = obj({
  ...PeriodQuery,
  metric: Type.String({ maxLength: 64 }),
  dim: Type.Enum(BREAKDOWN_DIMS),
});
export const Breakdown = Type.Object({
  metric: Type.String(),
  dim: Type.String(),
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      value: Type.Number(),
      /** fraud_type: the name in the catalogue in force (the published knowledge base's) */
      label: Type.Optional(Type.String()),
    }),
  ),
});
export type Breakdown = Static<typeof Breakdown>;

export const TrendQuery = obj({
  ...PeriodQuery,
  metrics: Type.String({ maxLength: 300, description: 'comma-separated metric names' }),
  bucket: Type.Optional(Type.Enum(['day', 'week', 'month'])),
});
export const Trend = Type.Object({
  bucket: Type.String(),
  series: Type.Array(
    Type.Object({
      metric: Type.String(),
      points: Type.Array(Type.Object({ bucket: Type.String(), value: Type.Number() })),
    }),
  ),
});
export type Trend = Static<typeof Trend>;

export const RankingQuery = obj(PeriodQuery);
export const Ranking = Type.Object({
  weights: Type.Record(Type.String(), Type.Number()),
  items: Type.Array(
    Type.Object({
      unitId: Type.String(),
      unitName: Type.String(),
      score: Type.Number(),
      rank: Type.Integer(),
      parts: Type.Record(Type.String(), Type.Number()),
      values: Type.Record(Type.String(), Num),
    }),
  ),
});
export type Ranking = Static<typeof Ranking>;
export const RankingWeights = obj({ weights: Type.Record(Type.String(), Type.Number()) });

export const DRILLABLE = [
  'warnings_opened',
  'warnings_high',
  'warnings_closed',
  'closed_in_time_rate',
  'face_to_face_rate',
  'dissuaded',
  'loss_avoided',
  'dissuasion_rate',
  'defrauded',
  'defrauded_loss',
] as const;
export const DrillQuery = obj({
  ...PeriodQuery,
  kpi: Type.Enum(DRILLABLE),
  dim: Type.Optional(Type.Enum(['level', 'source', 'fraud_type', 'age_band', 'disposition'])),
  key: Type.Optional(Type.String({ maxLength: 64 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })),
  unmask: Type.Optional(Type.Boolean()),
});
export type DrillQuery = Static<typeof DrillQuery>;
export const DrillRow = Type.Object({
  id: Type.String(),
  openedAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  level: Type.String(),
  source: Type.String(),
  status: Type.String(),
  unitName: Type.String(),
  fraudTypes: Type.Array(Type.String()),
  subjectName: Type.Union([Type.String(), Type.Null()]),
  subjectPhone: Type.Union([Type.String(), Type.Null()]),
  disposition: Type.Union([Type.String(), Type.Null()]),
  loss: Num,
  lossAvoided: Num,
});
export type DrillRow = Static<typeof DrillRow>;
export const DrillPage = Type.Object({
  items: Type.Array(DrillRow),
  total: Type.Integer(),
  /** the count stopped at `total`: there are more (the pages still reach them) */
  totalCapped: Type.Optional(Type.Boolean()),
});

export const ReportRequest = obj({
  unitId: Type.Optional(Type.String({ maxLength: 64 })),
  kind: Type.Enum(['weekly', 'monthly']),
  periodFrom: Day,
});
export const ReportSummary = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  kind: Type.String(),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
});
export const ReportList = Type.Object({ items: Type.Array(ReportSummary) });
export const ReportDoc = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  unit: Type.Object({ id: Type.String(), name: Type.String() }),
  period: Period,
  kpis: KpiResponse,
  trend: Trend,
  fraudTypes: Breakdown,
  ranking: Ranking,
  notable: Type.Array(DrillRow),
  createdAt: Type.String(),
});
export type ReportDoc = Static<typeof ReportDoc>;
