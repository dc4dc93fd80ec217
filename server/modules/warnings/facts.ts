import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';

/** One count or sum for a unit on a day (Asia/Shanghai), by one dimension ('all' = the total): what stats rolls up. */
export interface DailyFact {
  unitId: string;
  day: string;
  metric: string;
  dim: string;
  key: string;
  value: number;
}

export const rowsOf = <T>(res: unknown): T[] => ((res as { rows?: unknown[] }).rows ?? (res as unknown[])) as T[];

/**
 * Age band of a person at `day` from the birth date in a resident ID (18- or 15-digit); 'unknown' without one.
 * The bands follow the centres' reports (minors, young adults, working age, the elderly).
 */
export const ageBandSql = (idCol: string, dayCol: string) =>
  sql.raw(`case
  when ${idCol} ~ '^[0-9]{17}[0-9Xx]$' then (case
    when extract(year from ${dayCol})::int - substr(${idCol}, 7, 4)::int < 18 then 'u18'
    when extract(year from ${dayCol})::int - substr(${idCol}, 7, 4)::int < 30 then '18_29'
    when extract(year from ${dayCol})::int - substr(${idCol}, 7, 4)::int < 45 then '30_44'
    when extract(year from ${dayCol})::int - substr(${idCol}, 7, 4)::int < 60 then '45_59'
    else '60p' end)
  when ${idCol} ~ '^[0-9]{15}$' then (case
    when extract(year from ${dayCol})::int - (1900 + substr(${idCol}, 7, 2)::int) < 60 then '45_59'
    else '60p' end)
  else 'unknown' end`);

/** Shanghai-day bounds as timestamps: [from 00:00, to+1 00:00). */
export const dayBounds = (from: string, to: string) => ({
  lo: sql`(${from}::date::timestamp at time zone 'Asia/Shanghai')`,
  hi: sql`((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`,
});

/**
 * Warnings opened per unit and day, by level, source, fraud type and age band (days `from`..`to` inclusive).
 * stats rebuilds its roll-ups from this; it reads the warning as it is now (the unit it is held by).
 */
export async function warningOpenedFacts(db: Db, from: string, to: string): Promise<DailyFact[]> {
  const { lo, hi } = dayBounds(from, to);
  const res = await db.execute(sql`
    with w as (
      select unit_id, (opened_at at time zone 'Asia/Shanghai')::date as day, level, source, fraud_types,
             ${ageBandSql('subject_id_number', "(opened_at at time zone 'Asia/Shanghai')")} as age
      from warnings where opened_at >= ${lo} and opened_at < ${hi})
    select unit_id, day::text, 'warnings_opened' as metric, 'all' as dim, '' as key, count(*)::float8 as value from w group by 1, 2
    union all select unit_id, day::text, 'warnings_opened', 'level', level, count(*) from w group by 1, 2, 5
    union all select unit_id, day::text, 'warnings_opened', 'source', source, count(*) from w group by 1, 2, 5
    union all select unit_id, day::text, 'warnings_opened', 'age_band', age, count(*) from w group by 1, 2, 5
    union all select unit_id, day::text, 'warnings_opened', 'fraud_type', ft->>'code', count(*)
      from w cross join lateral jsonb_array_elements(w.fraud_types) ft group by 1, 2, 5`);
  return rowsOf<{ unit_id: string; day: string; metric: string; dim: string; key: string; value: number }>(res).map(
    (r) => ({ unitId: r.unit_id, day: r.day, metric: r.metric, dim: r.dim, key: r.key ?? '', value: Number(r.value) }),
  );
}

/**
 * The closed warnings' own figures per unit and day of closing (Asia/Shanghai): closed by level and disposition, high
 * ones closed, dissuaded people (by age band and fraud type) and loss avoided, 已被骗 (by age band) and its loss.
 * The figures that need the workflow (in time, visited) are dissuasion's, from `closedWarnings` and its own rows.
 */
export async function warningClosedFacts(db: Db, from: string, to: string): Promise<DailyFact[]> {
  const { lo, hi } = dayBounds(from, to);
  const res = await db.execute(sql`
    with c as (
      select w.unit_id, (w.closed_at at time zone 'Asia/Shanghai')::date::text as day, w.level, w.fraud_types,
             ${ageBandSql('w.subject_id_number', "(w.closed_at at time zone 'Asia/Shanghai')")} as age,
             coalesce(w.disposition->>'disposition', 'unknown') as disp,
             coalesce((w.disposition->>'lossAvoided')::float8, 0) as avoided, coalesce((w.disposition->>'loss')::float8, 0) as loss
      from warnings w
      where w.status = 'closed' and w.closed_at >= ${lo} and w.closed_at < ${hi})
    select unit_id, day, 'warnings_closed' as metric, 'all' as dim, '' as key, count(*)::float8 as value from c group by 1, 2
    union all select unit_id, day, 'warnings_closed', 'level', level, count(*) from c group by 1, 2, 5
    union all select unit_id, day, 'warnings_closed', 'disposition', disp, count(*) from c group by 1, 2, 5
    union all select unit_id, day, 'high_closed', 'all', '', count(*) from c where level = 'high' group by 1, 2
    union all select unit_id, day, 'dissuaded', 'all', '', count(*) from c where disp = 'dissuaded' group by 1, 2
    union all select unit_id, day, 'dissuaded', 'age_band', age, count(*) from c where disp = 'dissuaded' group by 1, 2, 5
    union all select unit_id, day, 'dissuaded', 'fraud_type', ft->>'code', count(*)
      from c cross join lateral jsonb_array_elements(c.fraud_types) ft where disp = 'dissuaded' group by 1, 2, 5
    union all select unit_id, day, 'loss_avoided', 'all', '', sum(avoided) from c where avoided > 0 group by 1, 2
    union all select unit_id, day, 'defrauded', 'all', '', count(*) from c where disp = 'defrauded' group by 1, 2
    union all select unit_id, day, 'defrauded', 'age_band', age, count(*) from c where disp = 'defrauded' group by 1, 2, 5
    union all select unit_id, day, 'defrauded_loss', 'all', '', sum(loss) from c where loss > 0 group by 1, 2`);
  return rowsOf<{ unit_id: string; day: string; metric: string; dim: string; key: string; value: number }>(res).map(
    (r) => ({ unitId: r.unit_id, day: r.day, metric: r.metric, dim: r.dim, key: r.key ?? '', value: Number(r.value) }),
  );
}

/** A warning closed in a period, as the workflow's figures count it: the unit holding it and the day it closed. */
export interface ClosedWarning {
  id: string;
  unitId: string;
  /** the day of closing, Asia/Shanghai */
  day: string;
  level: string;
}

/** The warnings closed on days `from`..`to` (Asia/Shanghai), one row each. */
export async function closedWarnings(db: Db, from: string, to: string): Promise<ClosedWarning[]> {
  const { lo, hi } = dayBounds(from, to);
  const res = await db.execute(sql`
    select id, unit_id, (closed_at at time zone 'Asia/Shanghai')::date::text as day, level
    from warnings where status = 'closed' and closed_at >= ${lo} and closed_at < ${hi}`);
  return rowsOf<{ id: string; unit_id: string; day: string; level: string }>(res).map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    day: r.day,
    level: r.level,
  }));
}

/** The unit holding each of these warnings now (absent ids are left out). */
export async function unitsOfWarnings(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const res = await db.execute(sql`select id, unit_id from warnings where id = any(${textArray(ids)}::text[])`);
  return new Map(rowsOf<{ id: string; unit_id: string }>(res).map((r) => [r.id, r.unit_id]));
}

/** A PostgreSQL text[] literal (one parameter however many ids: a bound list would hit the parameter limit). */
export const textArray = (xs: readonly string[]): string =>
  '{' + xs.map((x) => '"' + x.replace(/["\\]/g, (c) => '\\' + c) + '"').join(',') + '}';

export interface BehindFilter {
  unitPath: string;
  from: string;
  to: string;
  /** which date puts the warning in the period: opening (warnings_opened) or closing (the dissuasion figures) */
  basis: 'opened' | 'closed';
  level?: string;
  source?: string;
  fraudType?: string;
  ageBand?: string;
  disposition?: string;
  /** only these warnings (e.g. those with a successful visit, from the dissuasion workflow) */
  onlyIds?: readonly string[];
  /** not these warnings (e.g. those a deadline escalated) */
  exceptIds?: readonly string[];
}
export interface BehindRow {
  id: string;
  openedAt: Date;
  closedAt: Date | null;
  level: string;
  source: string;
  status: string;
  unitId: string;
  unitName: string;
  fraudTypes: string[];
  subjectName: string | null;
  subjectPhone: string | null;
  disposition: string | null;
  loss: number | null;
  lossAvoided: number | null;
}

/** Drill-down counts stop here (the page still reaches every row by paging). */
export const DRILL_COUNT_CAP = 10_000;

/** The warnings behind a figure (drill-down): the same filters as the roll-up, scoped to a unit subtree. */
export async function warningsBehind(
  db: Db,
  f: BehindFilter,
  page: { limit: number; offset: number; countCap?: number },
): Promise<{ rows: BehindRow[]; total: number; totalCapped: boolean }> {
  const { lo, hi } = dayBounds(f.from, f.to);
  const at = f.basis === 'opened' ? sql`w.opened_at` : sql`w.closed_at`;
  const conds = [sql`u.path like ${f.unitPath + '%'}`, sql`${at} >= ${lo}`, sql`${at} < ${hi}`];
  if (f.basis === 'closed') conds.push(sql`w.status = 'closed'`);
  if (f.level) conds.push(sql`w.level = ${f.level}`);
  if (f.source) conds.push(sql`w.source = ${f.source}`);
  if (f.fraudType) conds.push(sql`w.fraud_types @> ${JSON.stringify([{ code: f.fraudType }])}::jsonb`);
  if (f.ageBand)
    conds.push(
      sql`${ageBandSql('w.subject_id_number', `(${f.basis === 'opened' ? 'w.opened_at' : 'w.closed_at'} at time zone 'Asia/Shanghai')`)} = ${f.ageBand}`,
    );
  if (f.disposition) conds.push(sql`w.disposition->>'disposition' = ${f.disposition}`);
  if (f.onlyIds) conds.push(sql`w.id = any(${textArray(f.onlyIds)}::text[])`);
  if (f.exceptIds?.length) conds.push(sql`not (w.id = any(${textArray(f.exceptIds)}::text[]))`);
  const where = sql.join(conds, sql` and `);
  const res = await db.execute(sql`
    select w.id, w.opened_at, w.closed_at, w.level, w.source, w.status, w.unit_id, u.name as unit_name, w.fraud_types,
           w.subject->>'name' as subject_name, w.subject_phone, w.disposition->>'disposition' as disposition,
           (w.disposition->>'loss')::float8 as loss, (w.disposition->>'lossAvoided')::float8 as loss_avoided
    from warnings w join units u on u.id = w.unit_id
    where ${where}
    order by ${at} desc, w.id limit ${page.limit} offset ${page.offset}`);
  // The page walks the time index backwards and stops after `limit` rows; the count stops at the cap (a year's
  // slice can be 100k+ warnings: counting them all was most of a 4.5 s drill-down), so a large total reads "cap+".
  const cap = Math.max(page.countCap ?? DRILL_COUNT_CAP, page.offset + page.limit);
  const counted = await db.execute(sql`
    select count(*) as n from (select 1 from warnings w join units u on u.id = w.unit_id where ${where} limit ${cap + 1}) c`);
  const n = Number(rowsOf<{ n: string | number }>(counted)[0]?.n ?? 0);
  type R = {
    id: string;
    opened_at: string | Date;
    closed_at: string | Date | null;
    level: string;
    source: string;
    status: string;
    unit_id: string;
    unit_name: string;
    fraud_types: { code: string }[];
    subject_name: string | null;
    subject_phone: string | null;
    disposition: string | null;
    loss: number | null;
    loss_avoided: number | null;
  };
  const rows = rowsOf<R>(res);
  return {
    total: Math.min(n, cap),
    totalCapped: n > cap,
    rows: rows.map((r) => ({
      id: r.id,
      openedAt: new Date(r.opened_at),
      closedAt: r.closed_at ? new Date(r.closed_at) : null,
      level: r.level,
      source: r.source,
      status: r.status,
      unitId: r.unit_id,
      unitName: r.unit_name,
      fraudTypes: (r.fraud_types ?? []).map((t) => t.code),
      subjectName: r.subject_name,
      subjectPhone: r.subject_phone,
      disposition: r.disposition,
      loss: r.loss == null ? null : Number(r.loss),
      lossAvoided: r.loss_avoided == null ? null : Number(r.loss_avoided),
    })),
  };
}
