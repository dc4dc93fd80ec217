import { bigint, date, doublePrecision, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// Daily roll-ups: one row per unit × day (Asia/Shanghai) × metric × dimension value. Dashboards sum these instead
// of scanning warnings and cases. Every row can be recomputed from the source modules (rollup.ts rebuilds a day
// range from their index.ts fact functions), so the table is a cache that may be dropped and rebuilt.
export const statsDaily = pgTable(
  'stats_daily',
  {
    unitId: text('unit_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    metric: text('metric').notNull(),
    /** 'all' (the total), or level | source | fraud_type | age_band | channel | disposition | kind | outcome */
    dim: text('dim').notNull(),
    key: text('key').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.day, t.metric, t.dim, t.key] }),
    // covering: dashboard sums are index-only scans (metric, dim, key, day range) with the unit and value at hand
    index('stats_daily_metric_day_idx').on(t.metric, t.dim, t.key, t.day, t.unitId, t.value),
  ],
);

/** 考评: the ranking's weights as the centre sets them; append-only, the newest row is in force. */
export const statsRankingConfig = pgTable('stats_ranking_config', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  weights: jsonb('weights').$type<Record<string, number>>().notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Generated weekly / monthly reports kept for download (the HTML snapshot; the browser prints it to PDF). */
export const statsReports = pgTable(
  'stats_reports',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id').notNull(),
    kind: text('kind').notNull(), // weekly | monthly
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    data: jsonb('data').$type<unknown>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stats_reports_unit_idx').on(t.unitId, t.periodFrom)],
);

/**
 * What each order last added to the money roll-ups (`order.updated` feeds them): a later status change of the same
 * order (a second answer, a release) adds only the difference, on the day and unit the amount was first counted.
 */
export const statsOrderMoney = pgTable('stats_order_money', {
  orderId: text('order_id').primaryKey(),
  unitId: text('unit_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  /** stop_payment (incl. protective stops) | freeze | refund */
  kind: text('kind').notNull(),
  amount: doublePrecision('amount').notNull(),
});
