import { and, asc, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/schema.ts';
import { residents } from './schema.ts';

export type ResidentRow = typeof residents.$inferSelect & { unitName: string; unitPath: string };

const columns = { r: residents, unitName: units.name, unitPath: units.path };
const flatten = (x: { r: typeof residents.$inferSelect; unitName: string; unitPath: string }): ResidentRow => ({
  ...x.r,
  unitName: x.unitName,
  unitPath: x.unitPath,
});

export async function findResident(db: Db, id: string): Promise<ResidentRow | undefined> {
  const rows = await db
    .select(columns)
    .from(residents)
    .innerJoin(units, eq(units.id, residents.unitId))
    .where(eq(residents.id, id))
    .limit(1);
  return rows[0] && flatten(rows[0]);
}

export async function searchResidents(
  db: Db,
  f: { pathPrefix: string; unitId?: string; q?: string; limit: number; offset: number },
) {
  const conds: SQL[] = [like(units.path, `${f.pathPrefix}%`)];
  if (f.unitId) conds.push(eq(residents.unitId, f.unitId));
  if (f.q)
    conds.push(or(eq(residents.name, f.q), eq(residents.phone, f.q), eq(residents.idNumber, f.q.toUpperCase()))!);
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    db
      .select(columns)
      .from(residents)
      .innerJoin(units, eq(units.id, residents.unitId))
      .where(where)
      .orderBy(asc(residents.name), asc(residents.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(residents)
      .innerJoin(units, eq(units.id, residents.unitId))
      .where(where),
  ]);
  return { rows: rows.map(flatten), total: count?.n ?? 0 };
}

export async function insertResident(db: Db, row: typeof residents.$inferInsert) {
  await db.insert(residents).values(row);
}

/** An entry with this ID number in the subtree `pathPrefix` (entries elsewhere are not the caller's to know of). */
export const findByIdNumber = async (db: Db, idNumber: string, pathPrefix: string) =>
  (
    await db
      .select({ id: residents.id })
      .from(residents)
      .innerJoin(units, eq(units.id, residents.unitId))
      .where(and(eq(residents.idNumber, idNumber), like(units.path, `${pathPrefix}%`)))
      .limit(1)
  )[0];

export async function locate(db: Db, who: { idNumber?: string | null; phone?: string | null }) {
  if (who.idNumber) {
    const r = (
      await db
        .select({ unitId: residents.unitId })
        .from(residents)
        .where(eq(residents.idNumber, who.idNumber))
        .orderBy(desc(residents.createdAt))
        .limit(1)
    )[0];
    if (r) return r;
  }
  if (who.phone) {
    const r = (
      await db
        .select({ unitId: residents.unitId })
        .from(residents)
        .where(eq(residents.phone, who.phone))
        .orderBy(desc(residents.createdAt))
        .limit(1)
    )[0];
    if (r) return r;
  }
  return null;
}

/** `locate` for many people in one query; answers in the order of `who`. */
export async function locateMany(
  db: Db,
  who: { idNumber?: string | null; phone?: string | null }[],
): Promise<({ unitId: string } | null)[]> {
  const ids = [...new Set(who.flatMap((w) => (w.idNumber ? [w.idNumber] : [])))];
  const phones = [...new Set(who.flatMap((w) => (w.phone ? [w.phone] : [])))];
  const conds: SQL[] = [];
  if (ids.length) conds.push(inArray(residents.idNumber, ids));
  if (phones.length) conds.push(inArray(residents.phone, phones));
  if (!conds.length) return who.map(() => null);
  // the newest registration first (a person registered by two units lives where they were registered last)
  const rows = await db
    .select({ idNumber: residents.idNumber, phone: residents.phone, unitId: residents.unitId })
    .from(residents)
    .where(or(...conds)!)
    .orderBy(desc(residents.createdAt));
  const byId = new Map<string, string>(),
    byPhone = new Map<string, string>();
  for (const r of rows) {
    if (r.idNumber && !byId.has(r.idNumber)) byId.set(r.idNumber, r.unitId);
    if (r.phone && !byPhone.has(r.phone)) byPhone.set(r.phone, r.unitId);
  }
  return who.map((w) => {
    const unitId = (w.idNumber && byId.get(w.idNumber)) || (w.phone && byPhone.get(w.phone));
    return unitId ? { unitId } : null;
  });
}

export async function relativesOf(db: Db, who: { idNumber?: string | null; phone?: string | null }) {
  const conds: SQL[] = [];
  if (who.idNumber) conds.push(eq(residents.idNumber, who.idNumber));
  if (who.phone) conds.push(eq(residents.phone, who.phone));
  if (!conds.length) return [];
  const r = (
    await db
      .select({ relatives: residents.relatives })
      .from(residents)
      .where(or(...conds)!)
      .limit(1)
  )[0];
  return r?.relatives ?? [];
}

export async function existingIdNumbers(db: Db, ids: string[], pathPrefix: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ idNumber: residents.idNumber })
    .from(residents)
    .innerJoin(units, eq(units.id, residents.unitId))
    .where(and(inArray(residents.idNumber, ids), like(units.path, `${pathPrefix}%`)));
  return new Set(rows.map((r) => r.idNumber!));
}

/** The registry id of a person, by resident ID first, then phone; null when not registered. */
export async function idOf(db: Db, who: { idNumber?: string | null; phone?: string | null }): Promise<string | null> {
  if (who.idNumber) {
    const r = (
      await db.select({ id: residents.id }).from(residents).where(eq(residents.idNumber, who.idNumber)).limit(1)
    )[0];
    if (r) return r.id;
  }
  if (who.phone) {
    const r = (await db.select({ id: residents.id }).from(residents).where(eq(residents.phone, who.phone)).limit(1))[0];
    if (r) return r.id;
  }
  return null;
}

/** Residents counted by unit, birth year and occupation under a unit path (prevention's population; no personal data). */
export async function population(db: Db, pathPrefix: string) {
  return db
    .select({
      unitId: residents.unitId,
      birthYear: residents.birthYear,
      occupation: residents.occupation,
      n: sql<number>`count(*)::int`,
    })
    .from(residents)
    .innerJoin(units, eq(units.id, residents.unitId))
    .where(like(units.path, `${pathPrefix}%`))
    .groupBy(residents.unitId, residents.birthYear, residents.occupation);
}

/** Birth year and occupation of registered people, by phone or ID number (for grouping warnings by audience). */
export async function profilesOf(db: Db, who: { idNumber?: string | null; phone?: string | null }[]) {
  const ids = [...new Set(who.flatMap((w) => (w.idNumber ? [w.idNumber] : [])))];
  const phones = [...new Set(who.flatMap((w) => (w.phone ? [w.phone] : [])))];
  const conds: SQL[] = [];
  if (ids.length) conds.push(inArray(residents.idNumber, ids));
  if (phones.length) conds.push(inArray(residents.phone, phones));
  if (!conds.length) return [];
  return db
    .select({
      id: residents.id,
      idNumber: residents.idNumber,
      phone: residents.phone,
      unitId: residents.unitId,
      birthYear: residents.birthYear,
      occupation: residents.occupation,
    })
    .from(residents)
    .where(or(...conds)!);
}

/** People registered under a unit path in a birth-year range (and occupation, given as any of its spellings). */
export async function matching(
  db: Db,
  f: { pathPrefix: string; birthYearFrom: number; birthYearTo: number; occupations?: string[]; limit: number },
) {
  const conds: SQL[] = [
    like(units.path, `${f.pathPrefix}%`),
    sql`${residents.birthYear} between ${f.birthYearFrom} and ${f.birthYearTo}`,
  ];
  if (f.occupations?.length) conds.push(inArray(residents.occupation, f.occupations));
  return db
    .select({
      id: residents.id,
      phone: residents.phone,
      unitId: residents.unitId,
      birthYear: residents.birthYear,
      occupation: residents.occupation,
    })
    .from(residents)
    .innerJoin(units, eq(units.id, residents.unitId))
    .where(and(...conds))
    .orderBy(asc(residents.id))
    .limit(f.limit);
}

/** Residents by id (prevention's door-to-door lists): name, address and phone for the visiting grid worker. */
export async function byIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: residents.id,
      name: residents.name,
      phone: residents.phone,
      address: residents.address,
      unitId: residents.unitId,
      birthYear: residents.birthYear,
      occupation: residents.occupation,
    })
    .from(residents)
    .where(inArray(residents.id, ids));
}
