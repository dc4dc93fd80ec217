import { and, desc, eq, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/schema.ts';
import { cardEntries, cardMeasures, cardNotices } from './schema.ts';
import { RESTRICTING } from './lifecycle.ts';

export type EntryRow = typeof cardEntries.$inferSelect & { unitName: string; unitPath: string };
export type MeasureRow = typeof cardMeasures.$inferSelect & {
  entryKind: string; entryValue: string; entryUnitPath: string; partnerUnitName: string | null; partnerUnitPath: string | null;
};

const RESTRICTING_LIST = [...RESTRICTING];

export async function findEntry(db: Db, id: string): Promise<EntryRow | undefined> {
  const [r] = await db.select({ e: cardEntries, unitName: units.name, unitPath: units.path }).from(cardEntries)
    .innerJoin(units, eq(units.id, cardEntries.unitId)).where(eq(cardEntries.id, id)).limit(1);
  return r && { ...r.e, unitName: r.unitName, unitPath: r.unitPath };
}

export async function findEntryByKey(db: Db, kind: string, key: string) {
  const [r] = await db.select({ id: cardEntries.id }).from(cardEntries).where(and(eq(cardEntries.kind, kind), eq(cardEntries.key, key))).limit(1);
  return r;
}

export const insertEntry = async (db: Db, row: typeof cardEntries.$inferInsert) => void (await db.insert(cardEntries).values(row));

export async function appendEvidence(db: Db, id: string, ev: (typeof cardEntries.$inferSelect)['evidence'][number]) {
  await db.update(cardEntries).set({ evidence: sql`${cardEntries.evidence} || ${JSON.stringify([ev])}::jsonb` }).where(eq(cardEntries.id, id));
}

export async function listEntries(db: Db, f: { pathPrefix: string; q?: string; kind?: string; limit: number; offset: number }) {
  const conds: SQL[] = [like(units.path, `${f.pathPrefix}%`)];
  if (f.kind) conds.push(eq(cardEntries.kind, f.kind));
  if (f.q) conds.push(or(eq(cardEntries.key, f.q), eq(cardEntries.holderIdNumber, f.q), eq(cardEntries.holderName, f.q))!);
  const where = and(...conds);
  const active = sql<boolean>`exists (select 1 from ${cardMeasures} m where m.entry_id = ${cardEntries.id} and m.status in ${RESTRICTING_LIST})`;
  const count = sql<number>`(select count(*)::int from ${cardMeasures} m where m.entry_id = ${cardEntries.id})`;
  const [rows, [total]] = await Promise.all([
    db.select({ e: cardEntries, unitName: units.name, unitPath: units.path, restricted: active, measures: count })
      .from(cardEntries).innerJoin(units, eq(units.id, cardEntries.unitId)).where(where)
      .orderBy(desc(cardEntries.createdAt), desc(cardEntries.id)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(cardEntries).innerJoin(units, eq(units.id, cardEntries.unitId)).where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r.e, unitName: r.unitName, unitPath: r.unitPath, restricted: !!r.restricted, measures: Number(r.measures) })),
    total: total?.n ?? 0,
  };
}

const partner = sql.raw('p');
function measureSelect(db: Db) {
  return db.select({
    m: cardMeasures, entryKind: cardEntries.kind, entryValue: cardEntries.value, entryUnitPath: units.path,
    partnerUnitName: sql<string | null>`${partner}.name`, partnerUnitPath: sql<string | null>`${partner}.path`,
  }).from(cardMeasures)
    .innerJoin(cardEntries, eq(cardEntries.id, cardMeasures.entryId))
    .innerJoin(units, eq(units.id, cardEntries.unitId))
    .leftJoin(sql`${units} as p`, sql`p.id = ${cardMeasures.partnerUnitId}`);
}
type Sel = { m: typeof cardMeasures.$inferSelect; entryKind: string; entryValue: string; entryUnitPath: string; partnerUnitName: string | null; partnerUnitPath: string | null };
const flat = (r: Sel): MeasureRow => ({ ...r.m, entryKind: r.entryKind, entryValue: r.entryValue, entryUnitPath: r.entryUnitPath, partnerUnitName: r.partnerUnitName, partnerUnitPath: r.partnerUnitPath });

export async function findMeasure(db: Db, id: string, forUpdate = false): Promise<MeasureRow | undefined> {
  if (forUpdate) await db.execute(sql`select 1 from ${cardMeasures} where id = ${id} for update`);
  const [r] = await measureSelect(db).where(eq(cardMeasures.id, id)).limit(1);
  return r && flat(r as Sel);
}

export async function listMeasures(db: Db, f: { pathPrefix?: string; partnerPathOf?: string; entryId?: string; status?: string; limit: number }) {
  const conds: SQL[] = [];
  if (f.pathPrefix) conds.push(like(units.path, `${f.pathPrefix}%`));
  // a partner's liaison sees what is addressed to their organisation (or a branch of it), once a person confirmed it
  if (f.partnerPathOf) {
    conds.push(sql`starts_with(${f.partnerPathOf}, p.path)`);
    conds.push(sql`${cardMeasures.status} not in ('proposed', 'rejected')`);
  }
  if (f.entryId) conds.push(eq(cardMeasures.entryId, f.entryId));
  if (f.status) conds.push(eq(cardMeasures.status, f.status));
  const rows = await measureSelect(db).where(conds.length ? and(...conds) : undefined).orderBy(desc(cardMeasures.proposedAt), desc(cardMeasures.id)).limit(f.limit);
  return (rows as Sel[]).map(flat);
}

export const insertMeasure = async (db: Db, row: typeof cardMeasures.$inferInsert) => void (await db.insert(cardMeasures).values(row));
export const updateMeasure = async (db: Db, id: string, set: Partial<typeof cardMeasures.$inferInsert>) =>
  void (await db.update(cardMeasures).set(set).where(eq(cardMeasures.id, id)));

/** Earlier terms of the same measure on the entry that did restrict (for the 5-consecutive-years rule). */
export async function earlierTerms(db: Db, entryId: string, measure: string) {
  return db.select({ startsAt: cardMeasures.startsAt, endsAt: cardMeasures.endsAt }).from(cardMeasures)
    .where(and(eq(cardMeasures.entryId, entryId), eq(cardMeasures.measure, measure), inArray(cardMeasures.status, [...RESTRICTING_LIST, 'expired'])));
}

/** Measures still restricting whose end has come (the expiry sweep). */
export async function dueForExpiry(db: Db, now: Date, limit = 500) {
  return db.select({ id: cardMeasures.id }).from(cardMeasures)
    .where(and(inArray(cardMeasures.status, RESTRICTING_LIST), lte(cardMeasures.endsAt, now))).limit(limit);
}

/** The nearest bank or telecom serving the area of `unitPath` (hung under it or under one of its ancestors). */
export async function nearestPartner(db: Db, kind: 'bank' | 'telecom', unitPath: string) {
  const rows = await db.select({ id: units.id, name: units.name, path: units.path, parentId: units.parentId }).from(units)
    .where(and(eq(units.kind, kind), sql`starts_with(${unitPath}, (select pu.path from ${units} pu where pu.id = ${units.parentId}))`))
    .orderBy(desc(sql`length(${units.path})`), units.name).limit(1);
  return rows[0];
}

export async function findUnit(db: Db, id: string) {
  const [u] = await db.select().from(units).where(eq(units.id, id)).limit(1);
  return u;
}

export const insertNotice = async (db: Db, row: typeof cardNotices.$inferInsert) => void (await db.insert(cardNotices).values(row));

export async function listNotices(db: Db, partnerPathOf: string, limit = 100) {
  return db.select({ n: cardNotices }).from(cardNotices).innerJoin(units, eq(units.id, cardNotices.partnerUnitId))
    .where(sql`starts_with(${partnerPathOf}, ${units.path})`).orderBy(desc(cardNotices.createdAt)).limit(limit)
    .then((r) => r.map((x) => x.n));
}

export async function stats(db: Db, pathPrefix: string) {
  const res = await db.execute(sql`
    with e as (select ce.* from ${cardEntries} ce join ${units} u on u.id = ce.unit_id where starts_with(u.path, ${pathPrefix})),
         m as (select cm.* from ${cardMeasures} cm join e on e.id = cm.entry_id)
    select
      (select count(*)::int from e) as entries,
      (select count(distinct entry_id)::int from m where status in ('in_force','executed','appealed','upheld')) as cards_controlled,
      (select count(*)::int from m where status in ('in_force','executed','appealed','upheld')) as measures_active,
      (select count(*)::int from m where status = 'proposed') as awaiting_confirmation,
      (select count(*)::int from m where status = 'in_force') as awaiting_execution,
      (select count(*)::int from m where status = 'appealed') as appeals_pending,
      (select count(*)::int from m where decided_at is not null) as appeals_decided,
      (select count(*)::int from (
         select who from (
           select coalesce(e.holder_id_number, e.kind || ':' || e.key) as who, e.id as eid, m.starts_at, m.ended_at
           from e join m on m.entry_id = e.id where m.confirmed_at is not null) x
         group by who having count(distinct eid) > 1 or max(starts_at) > min(ended_at)
      ) r)::int as repeat_offenders,
      (select coalesce(jsonb_object_agg(measure, n), '{}'::jsonb) from (select measure, count(*)::int n from m where status in ('in_force','executed','appealed','upheld') group by measure) b) as by_measure
  `);
  return (res as unknown as { rows: Record<string, unknown>[] }).rows[0]!;
}
