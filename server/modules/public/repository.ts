import { and, count, desc, eq, gte, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/schema.ts';
import { rowsOf } from '../warnings/index.ts';
import { deskCalls, publicChallenges, publicReportFiles, publicReports } from './schema.ts';

export async function insertChallenge(db: Db, row: typeof publicChallenges.$inferInsert): Promise<void> {
  await db.insert(publicChallenges).values(row);
}
/** Expired challenges older than an hour are of no use to anyone: removed a batch at a time. */
export async function purgeChallenges(db: Db, before: Date): Promise<void> {
  await db.execute(
    sql`delete from public_challenges where challenge in (select challenge from public_challenges where expires_at < ${before.toISOString()}::timestamptz limit 500)`,
  );
}
/** Spends a live, unused challenge (the row is locked so two reports cannot spend it both). */
export async function takeChallenge(tx: Db, challenge: string, now: Date): Promise<{ difficulty: number } | null> {
  const rows = await tx
    .select({ difficulty: publicChallenges.difficulty })
    .from(publicChallenges)
    .where(
      and(
        eq(publicChallenges.challenge, challenge),
        isNull(publicChallenges.usedAt),
        gte(publicChallenges.expiresAt, now),
      ),
    )
    .for('update');
  if (!rows[0]) return null;
  await tx.update(publicChallenges).set({ usedAt: now }).where(eq(publicChallenges.challenge, challenge));
  return rows[0];
}

export type ReportRow = typeof publicReports.$inferSelect;

export async function findReport(db: Db, id: string): Promise<ReportRow | undefined> {
  return (await db.select().from(publicReports).where(eq(publicReports.id, id)))[0];
}
export async function findRecentDuplicate(
  db: Db,
  kind: string,
  valueKey: string,
  ipHash: string,
  since: Date,
): Promise<string | null> {
  const rows = await db
    .select({ id: publicReports.id })
    .from(publicReports)
    .where(
      and(
        eq(publicReports.kind, kind),
        eq(publicReports.valueKey, valueKey),
        eq(publicReports.ipHash, ipHash),
        gte(publicReports.createdAt, since),
      ),
    )
    .limit(1);
  return rows[0]?.id ?? null;
}
export async function countByIp(db: Db, ipHash: string, since: Date): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(publicReports)
    .where(and(eq(publicReports.ipHash, ipHash), gte(publicReports.createdAt, since)));
  return Number(rows[0]?.n ?? 0);
}
export async function insertReport(
  db: Db,
  row: typeof publicReports.$inferInsert,
  files: (typeof publicReportFiles.$inferInsert)[],
): Promise<void> {
  await db.insert(publicReports).values(row);
  if (files.length) await db.insert(publicReportFiles).values(files);
}
export async function setReportEvent(db: Db, id: string, eventId: string): Promise<void> {
  await db.update(publicReports).set({ eventId }).where(eq(publicReports.id, id));
}

export async function setReportIntake(db: Db, id: string, intakeId: string): Promise<void> {
  await db.update(publicReports).set({ intakeId }).where(eq(publicReports.id, id));
}

/** Counts only: distinct reporters and confirmed reports of one value since `since`. */
export async function reportSignals(
  db: Db,
  kind: string,
  valueKey: string,
  since: Date,
): Promise<{ reporters: number; confirmed: number }> {
  const res = await db.execute(sql`
    select count(distinct coalesce(ip_hash, id)) filter (where status <> 'rejected') as reporters,
           count(*) filter (where status = 'confirmed') as confirmed
    from public_reports where kind = ${kind} and value_key = ${valueKey} and created_at >= ${since.toISOString()}::timestamptz`);
  const r = rowsOf<{ reporters: string | number; confirmed: string | number }>(res)[0];
  return { reporters: Number(r?.reporters ?? 0), confirmed: Number(r?.confirmed ?? 0) };
}

export type DeskRow = typeof deskCalls.$inferSelect;
export async function insertDeskCall(db: Db, row: typeof deskCalls.$inferInsert): Promise<void> {
  await db.insert(deskCalls).values(row);
}
export async function listDeskCalls(
  db: Db,
  unitPath: string,
  page: { limit: number; offset: number },
): Promise<{ rows: DeskRow[]; total: number }> {
  const where = like(units.path, `${unitPath}%`);
  const rows = await db
    .select({ d: deskCalls })
    .from(deskCalls)
    .innerJoin(units, eq(units.id, deskCalls.unitId))
    .where(where)
    .orderBy(desc(deskCalls.at))
    .limit(page.limit)
    .offset(page.offset);
  const total = await db
    .select({ n: count() })
    .from(deskCalls)
    .innerJoin(units, eq(units.id, deskCalls.unitId))
    .where(where);
  return { rows: rows.map((r) => r.d), total: Number(total[0]?.n ?? 0) };
}

/** Daily figures for stats: reports by kind and channel (day received), desk calls by topic and outcome. */
export async function dailyFacts(db: Db, from: string, to: string) {
  const lo = sql`(${from}::date::timestamp at time zone 'Asia/Shanghai')`;
  const hi = sql`((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const res = await db.execute(sql`
    with r as (select coalesce(unit_id, (select id from units where parent_id is null limit 1)) as unit_id,
                      (created_at at time zone 'Asia/Shanghai')::date::text as day, kind, channel from public_reports
               where created_at >= ${lo} and created_at < ${hi}),
         d as (select unit_id, (at at time zone 'Asia/Shanghai')::date::text as day, topic, outcome from desk_calls where at >= ${lo} and at < ${hi})
    select unit_id, day, 'public_reports' as metric, 'all' as dim, '' as key, count(*)::float8 as value from r group by 1, 2
    union all select unit_id, day, 'public_reports', 'kind', kind, count(*) from r group by 1, 2, 5
    union all select unit_id, day, 'public_reports', 'channel', channel, count(*) from r group by 1, 2, 5
    union all select unit_id, day, 'desk_calls', 'all', '', count(*) from d group by 1, 2
    union all select unit_id, day, 'desk_calls', 'topic', topic, count(*) from d group by 1, 2, 5
    union all select unit_id, day, 'desk_calls', 'outcome', outcome, count(*) from d group by 1, 2, 5`);
  return rowsOf<{ unit_id: string; day: string; metric: string; dim: string; key: string | null; value: number }>(
    res,
  ).map((r) => ({
    unitId: r.unit_id,
    day: r.day,
    metric: r.metric,
    dim: r.dim,
    key: r.key ?? '',
    value: Number(r.value),
  }));
}
