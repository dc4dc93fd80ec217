import { and, asc, desc, eq, gte, inArray, like, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { insertJson } from '../../platform/db/bulk.ts';
import { units } from '../org/schema.ts';
import { warnings, type WarningRoute } from './schema.ts';
import { searchableIdNumber, searchablePhone } from './subject.ts';

export type WarningRow = typeof warnings.$inferSelect;
export type WarningWithUnit = WarningRow & { unitName: string; unitPath: string };

const columns = { w: warnings, unitName: units.name, unitPath: units.path };
const flatten = (x: { w: WarningRow; unitName: string; unitPath: string }): WarningWithUnit => ({
  ...x.w,
  unitName: x.unitName,
  unitPath: x.unitPath,
});

export async function findWarning(db: Db, id: string): Promise<WarningWithUnit | undefined> {
  const rows = await db
    .select(columns)
    .from(warnings)
    .innerJoin(units, eq(units.id, warnings.unitId))
    .where(eq(warnings.id, id))
    .limit(1);
  return rows[0] && flatten(rows[0]);
}

/**
 * Row locks on many warnings, taken in id order, and the warnings with their unit. `skipLocked`: a row another
 * transaction holds is left out rather than waited for, so a transaction holding many never waits while holding.
 */
export async function lockWarnings(
  tx: Db,
  ids: string[],
  o: { skipLocked?: boolean } = {},
): Promise<WarningWithUnit[]> {
  if (!ids.length) return [];
  const rows = await tx
    .select(columns)
    .from(warnings)
    .innerJoin(units, eq(units.id, warnings.unitId))
    .where(inArray(warnings.id, [...new Set(ids)]))
    .orderBy(asc(warnings.id))
    .for('update', o.skipLocked ? { of: warnings, skipLocked: true } : { of: warnings });
  return rows.map(flatten);
}

/** The open warnings of many subjects at once (at most one per key: the partial unique index). */
export async function findOpenBySubjects(db: Db, subjectKeys: string[]): Promise<WarningRow[]> {
  if (!subjectKeys.length) return [];
  return db
    .select()
    .from(warnings)
    .where(and(inArray(warnings.subjectKey, subjectKeys), ne(warnings.status, 'closed')));
}

export async function findWarningsByIds(db: Db, ids: string[]): Promise<WarningRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(warnings)
    .where(inArray(warnings.id, [...new Set(ids)]));
}

export interface WarningFilter {
  pathPrefix: string;
  status?: string;
  level?: string;
  type?: string;
  unitId?: string;
  phone?: string;
  idNumber?: string;
  from?: string;
  to?: string;
  /** not closed */
  open?: boolean;
  /** placed by routing (false: the centre's manual-routing queue) */
  routed?: boolean;
  limit: number;
  offset: number;
}

export async function searchWarnings(db: Db, f: WarningFilter) {
  const conds: SQL[] = [like(units.path, `${f.pathPrefix}%`)];
  if (f.status) conds.push(eq(warnings.status, f.status));
  if (f.level) conds.push(eq(warnings.level, f.level));
  if (f.type) conds.push(sql`${warnings.fraudTypes} @> ${JSON.stringify([{ code: f.type }])}::jsonb`);
  if (f.unitId) conds.push(sql`${units.path} like (select path from units u2 where u2.id = ${f.unitId}) || '%'`);
  // the columns hold the normalised forms (subject.ts): the query is normalised the same way
  if (f.phone) conds.push(eq(warnings.subjectPhone, searchablePhone(f.phone)!));
  if (f.idNumber) conds.push(eq(warnings.subjectIdNumber, searchableIdNumber(f.idNumber)!));
  if (f.from) conds.push(gte(warnings.openedAt, new Date(f.from)));
  if (f.to) conds.push(lte(warnings.openedAt, new Date(f.to)));
  if (f.open) conds.push(sql`${warnings.status} <> 'closed'`);
  if (f.routed !== undefined) conds.push(eq(warnings.routed, f.routed));
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    db
      .select(columns)
      .from(warnings)
      .innerJoin(units, eq(units.id, warnings.unitId))
      .where(where)
      .orderBy(desc(warnings.openedAt), desc(warnings.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(warnings)
      .innerJoin(units, eq(units.id, warnings.unitId))
      .where(where),
  ]);
  return { rows: rows.map(flatten), total: count?.n ?? 0 };
}

export async function updateWarning(db: Db, id: string, patch: Partial<typeof warnings.$inferInsert>, at: Date) {
  await db
    .update(warnings)
    .set({ ...patch, updatedAt: at })
    .where(eq(warnings.id, id));
}

/**
 * New phases of many warnings in one statement; a route is kept only where the warning has none (warnings opened
 * before routes were kept with them).
 */
export async function updateStatuses(
  db: Db,
  rows: { id: string; status: string; route?: WarningRoute | undefined }[],
  at: Date,
) {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((r) => ({ id: r.id, status: r.status, route: r.route ?? null })));
  await db.execute(sql`
    update warnings w set status = x.status, route = coalesce(w.route, x.route), updated_at = ${at.toISOString()}::timestamptz
    from jsonb_to_recordset(${json}::jsonb) as x(id text, status text, route jsonb)
    where w.id = x.id`);
}

/** Many rows in one statement, the rows as one JSON parameter (no bind-parameter limit, little to build). */
export async function insertWarnings(db: Db, rows: (typeof warnings.$inferInsert)[]) {
  await insertJson(db, warnings, rows);
}

export interface WarningEvidencePatch {
  id: string;
  level: string;
  score: number;
  fraudTypes: unknown;
  ruleHits: unknown;
  evidenceEventIds: unknown;
  subject: unknown;
  subjectPhone: string | null;
  subjectIdNumber: string | null;
  summary: string | null;
  /** absent: the stored one stays */
  configVersion?: string | undefined;
  updatedAt: Date;
}

/** Applies many evidence updates in one statement: the rows travel as one JSON parameter (jsonb_to_recordset). */
export async function updateWarningsEvidence(db: Db, patches: WarningEvidencePatch[]) {
  if (!patches.length) return;
  const json = JSON.stringify(
    patches.map((p) => ({
      id: p.id,
      level: p.level,
      score: p.score,
      fraud_types: p.fraudTypes,
      rule_hits: p.ruleHits,
      evidence_event_ids: p.evidenceEventIds,
      subject: p.subject,
      subject_phone: p.subjectPhone,
      subject_id_number: p.subjectIdNumber,
      summary: p.summary,
      config_version: p.configVersion ?? null,
      updated_at: p.updatedAt.toISOString(),
    })),
  );
  await db.execute(sql`
    update warnings w set
      level = x.level, score = x.score, fraud_types = x.fraud_types, rule_hits = x.rule_hits,
      evidence_event_ids = x.evidence_event_ids, subject = x.subject, subject_phone = x.subject_phone,
      subject_id_number = x.subject_id_number, summary = x.summary,
      config_version = coalesce(x.config_version, w.config_version), updated_at = x.updated_at
    from jsonb_to_recordset(${json}::jsonb) as x(
      id text, level text, score real, fraud_types jsonb, rule_hits jsonb, evidence_event_ids jsonb, subject jsonb,
      subject_phone text, subject_id_number text, summary text, config_version text, updated_at timestamptz)
    where w.id = x.id`);
}

/** Subject keys of the open engine warnings among `keys` (null: all), detection's stable key for a subject. */
export async function openEngineWarningKeys(db: Db, keys: string[] | null): Promise<string[]> {
  const res = await db.execute(sql`
    select subject_key from warnings where source = 'engine' and status <> 'closed'
    ${keys ? sql`and subject_key = any(${toTextArray(keys)}::text[])` : sql``}`);
  return (res as unknown as { rows: { subject_key: string }[] }).rows.map((r) => r.subject_key);
}

function toTextArray(xs: string[]): string {
  return '{' + xs.map((x) => '"' + x.replace(/["\\]/g, (c) => '\\' + c) + '"').join(',') + '}';
}

// ── for the dissuasion workflow, which moves a warning's status and closes it (platform-internal: callers scope) ──

/** Row lock on one warning: two transitions of it (callback, timer, officer) never interleave. */
export async function lockWarning(tx: Db, id: string): Promise<void> {
  await tx.execute(sql`select id from warnings where id = ${id} for update`);
}

/** Ids of the warnings still `new` opened before `before`, oldest first. Uses warnings_status_idx (status, opened_at). */
export async function newWarningIds(db: Db, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: warnings.id })
    .from(warnings)
    .where(and(eq(warnings.status, 'new'), lte(warnings.openedAt, before)))
    .orderBy(asc(warnings.openedAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** A warning closed as a duplicate of another (warnings/merge.ts) is neither a closure nor a 预警后被骗 candidate. */
const notMerged = sql`coalesce(${warnings.disposition}->>'disposition', '') <> ${'merged'}`; // MERGED (merge.ts)

/** Closed warnings of any of these subjects, closed on or after `since`: candidates for 预警后被骗. */
export async function closedWarningsOfSubject(
  db: Db,
  who: { phones: string[]; idNumbers: string[] },
  since: Date,
  pathPrefix = '/',
) {
  const ors = [];
  if (who.phones.length) ors.push(inArray(warnings.subjectPhone, who.phones));
  if (who.idNumbers.length) ors.push(inArray(warnings.subjectIdNumber, who.idNumbers));
  if (!ors.length) return [];
  const scoped =
    pathPrefix === '/'
      ? sql`true`
      : sql`${warnings.unitId} in (select ${units.id} from ${units} where ${units.path} like ${pathPrefix + '%'})`;
  return db
    .select()
    .from(warnings)
    .where(
      and(
        eq(warnings.status, 'closed'),
        notMerged,
        gte(warnings.closedAt, since),
        sql`(${sql.join(ors, sql` or `)})`,
        scoped,
      ),
    );
}

export async function closedCountsByUnit(db: Db, pathPrefix: string, from: Date, to: Date) {
  return db
    .select({ unitId: units.id, unitName: units.name, n: sql<number>`count(*)::int` })
    .from(warnings)
    .innerJoin(units, eq(units.id, warnings.unitId))
    .where(
      and(
        sql`${units.path} like ${pathPrefix + '%'}`,
        eq(warnings.status, 'closed'),
        notMerged,
        gte(warnings.closedAt, from),
        sql`${warnings.closedAt} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(units.id, units.name);
}
