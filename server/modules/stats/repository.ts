import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { rowsOf } from '../warnings/index.ts';
import { statsDaily, statsOrderMoney, statsRankingConfig, statsReports } from './schema.ts';

export interface FactRow {
  unitId: string;
  day: string;
  metric: string;
  dim: string;
  key: string;
  value: number;
}
const CHUNK = 2000;

/** Replaces the roll-ups of `metrics` on days from..to with `facts` (the rebuild from source data). */
export async function replaceRange(
  tx: Db,
  from: string,
  to: string,
  metrics: string[],
  facts: FactRow[],
): Promise<void> {
  if (!metrics.length) return;
  await tx.execute(sql`delete from stats_daily where day between ${from}::date and ${to}::date
    and metric in (${sql.join(
      metrics.map((m) => sql`${m}`),
      sql`, `,
    )})`);
  for (let i = 0; i < facts.length; i += CHUNK) await tx.insert(statsDaily).values(facts.slice(i, i + CHUNK));
}

/** Adds `facts` to the roll-ups (an event subscriber's increments; negative values take back). */
export async function addFacts(tx: Db, facts: FactRow[]): Promise<void> {
  for (let i = 0; i < facts.length; i += CHUNK) {
    await tx
      .insert(statsDaily)
      .values(facts.slice(i, i + CHUNK))
      .onConflictDoUpdate({
        target: [statsDaily.unitId, statsDaily.day, statsDaily.metric, statsDaily.dim, statsDaily.key],
        set: { value: sql`stats_daily.value + excluded.value` },
      });
  }
}

const inScope = (unitPath: string) => sql`unit_id in (select id from units where path like ${unitPath + '%'})`;
const metricList = (metrics: string[]) =>
  sql.join(
    metrics.map((m) => sql`${m}`),
    sql`, `,
  );

export interface Sum {
  metric: string;
  dim: string;
  key: string;
  value: number;
}

/** Sums of the given metric × dim × key refs over the subtree, for several periods in one statement. */
export async function sumPeriods(
  db: Db,
  unitPath: string,
  periods: { from: string; to: string }[],
  refs: { metric: string; dim: string; key: string }[],
): Promise<Sum[][]> {
  if (!refs.length) return periods.map(() => []);
  const tuples = sql.join(
    refs.map((r) => sql`(${r.metric}, ${r.dim}, ${r.key})`),
    sql`, `,
  );
  const parts = periods.map(
    (p, i) => sql`
    select ${i}::int as p, metric, dim, key, sum(value) as value from stats_daily
    where (metric, dim, key) in (${tuples}) and day between ${p.from}::date and ${p.to}::date and ${inScope(unitPath)}
    group by metric, dim, key`,
  );
  const res = await db.execute(sql.join(parts, sql` union all `));
  const rows = rowsOf<{ p: number; metric: string; dim: string; key: string; value: number | string }>(res);
  return periods.map((_, i) =>
    rows
      .filter((r) => Number(r.p) === i)
      .map((r) => ({ metric: r.metric, dim: r.dim, key: r.key, value: Number(r.value) })),
  );
}

/** One metric broken down by one dimension. */
export async function breakdown(
  db: Db,
  unitPath: string,
  from: string,
  to: string,
  metric: string,
  dim: string,
): Promise<{ key: string; value: number }[]> {
  const res = await db.execute(sql`
    select key, sum(value) as value from stats_daily
    where metric = ${metric} and dim = ${dim} and day between ${from}::date and ${to}::date and ${inScope(unitPath)}
    group by key order by 2 desc`);
  return rowsOf<{ key: string; value: number }>(res).map((r) => ({ key: r.key, value: Number(r.value) }));
}

/** One metric's total per day / ISO week (Monday) / month. */
export async function trend(
  db: Db,
  unitPath: string,
  from: string,
  to: string,
  metrics: string[],
  bucket: 'day' | 'week' | 'month',
) {
  const res = await db.execute(sql`
    select metric, to_char(date_trunc(${bucket}, day::timestamp), 'YYYY-MM-DD') as bucket, sum(value) as value from stats_daily
    where metric in (${metricList(metrics)}) and dim = 'all' and day between ${from}::date and ${to}::date and ${inScope(unitPath)}
    group by 1, 2 order by 2`);
  return rowsOf<{ metric: string; bucket: string; value: number }>(res).map((r) => ({
    metric: r.metric,
    bucket: r.bucket,
    value: Number(r.value),
  }));
}

/** Totals per child unit of the unit at `parentPath` (each child's whole subtree), dim 'all' only. */
export async function sumsByChild(
  db: Db,
  parentPath: string,
  from: string,
  to: string,
  refs: { metric: string; dim: string; key: string }[],
): Promise<{ childId: string; metric: string; dim: string; key: string; value: number }[]> {
  if (!refs.length) return [];
  const part = parentPath.split('/').length; // '/a/b/' → 4 parts; the child id is part 4 of a descendant's path
  const res = await db.execute(sql`
    select split_part(u.path, '/', ${part}) as child_id, s.metric, s.dim, s.key, sum(s.value) as value
    from stats_daily s join units u on u.id = s.unit_id
    where (s.metric, s.dim, s.key) in (${sql.join(
      refs.map((r) => sql`(${r.metric}, ${r.dim}, ${r.key})`),
      sql`, `,
    )})
      and s.day between ${from}::date and ${to}::date and u.path like ${parentPath + '_%'}
    group by 1, 2, 3, 4`);
  return rowsOf<{ child_id: string; metric: string; dim: string; key: string; value: number }>(res).map((r) => ({
    childId: r.child_id,
    metric: r.metric,
    dim: r.dim,
    key: r.key,
    value: Number(r.value),
  }));
}

/** The last day on or before `until` with a non-zero value of `metric` in the subtree; and the first day with warnings (an index range, not a scan). */
export async function lastAndFirstDay(
  db: Db,
  unitPath: string,
  metric: string,
  until: string,
): Promise<{ last: string | null; first: string | null }> {
  const res = await db.execute(sql`
    select (select max(day)::text from stats_daily where metric = ${metric} and dim = 'all' and key = '' and value > 0 and day <= ${until}::date and ${inScope(unitPath)}) as last,
           (select min(day)::text from stats_daily where metric = 'warnings_opened' and dim = 'all' and key = '' and day <= ${until}::date) as first`);
  const r = rowsOf<{ last: string | null; first: string | null }>(res)[0];
  return { last: r?.last ?? null, first: r?.first ?? null };
}

export async function latestWeights(db: Db): Promise<Record<string, number> | null> {
  const rows = await db.select().from(statsRankingConfig).orderBy(desc(statsRankingConfig.seq)).limit(1);
  return rows[0]?.weights ?? null;
}
export async function insertWeights(db: Db, weights: Record<string, number>, by: string): Promise<void> {
  await db.insert(statsRankingConfig).values({ weights, createdBy: by });
}

export type ReportRow = typeof statsReports.$inferSelect;
/** A report regenerated for the same unit, kind and period replaces the earlier one. */
export async function replaceReport(db: Db, row: typeof statsReports.$inferInsert): Promise<void> {
  await db
    .insert(statsReports)
    .values(row)
    .onConflictDoUpdate({
      target: statsReports.id,
      set: { data: row.data, createdBy: row.createdBy, createdAt: row.createdAt },
    });
}
export async function findReport(db: Db, id: string): Promise<ReportRow | undefined> {
  return (await db.select().from(statsReports).where(eq(statsReports.id, id)).limit(1))[0];
}
export async function listReports(
  db: Db,
  unitPath: string,
  limit = 100,
): Promise<(ReportRow & { unitName: string })[]> {
  const res =
    await db.execute(sql`select r.id, r.unit_id, r.kind, r.period_from::text, r.period_to::text, r.created_by, r.created_at, u.name as unit_name
    from stats_reports r join units u on u.id = r.unit_id where u.path like ${unitPath + '%'} order by r.period_from desc, r.kind limit ${limit}`);
  return rowsOf<Record<string, string>>(res).map((r) => ({
    id: r.id!,
    unitId: r.unit_id!,
    kind: r.kind!,
    periodFrom: r.period_from!,
    periodTo: r.period_to!,
    data: null,
    createdBy: r.created_by!,
    createdAt: new Date(r.created_at!),
    unitName: r.unit_name!,
  }));
}

export type OrderMoneyRow = typeof statsOrderMoney.$inferSelect;
/** What an order last added to the money roll-ups, locked for the subscriber's transaction. */
export async function orderMoneyFor(tx: Db, orderId: string): Promise<OrderMoneyRow | undefined> {
  return (
    await tx.select().from(statsOrderMoney).where(eq(statsOrderMoney.orderId, orderId)).for('update').limit(1)
  )[0];
}
export async function putOrderMoney(tx: Db, row: OrderMoneyRow): Promise<void> {
  await tx
    .insert(statsOrderMoney)
    .values(row)
    .onConflictDoUpdate({ target: statsOrderMoney.orderId, set: { amount: row.amount } });
}
