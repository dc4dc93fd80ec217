import { aliasedTable, and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/schema.ts';
import { returnsContacts, returnsHistory, returnsPersons as persons } from './schema.ts';

const household = aliasedTable(units, 'household_unit');
const residence = aliasedTable(units, 'residence_unit');

export type PersonRow = typeof persons.$inferSelect & {
  householdUnitName: string;
  householdPath: string;
  residenceUnitName: string | null;
  residencePath: string | null;
};

/** Both units answer for a person: the record is in scope when either unit lies in the subtree. */
const inSubtree = (path: string): SQL =>
  or(sql`starts_with(${household.path}, ${path})`, sql`starts_with(${residence.path}, ${path})`)!;

function base(db: Db) {
  return db
    .select({
      p: persons,
      householdUnitName: household.name,
      householdPath: household.path,
      residenceUnitName: residence.name,
      residencePath: residence.path,
    })
    .from(persons)
    .innerJoin(household, eq(household.id, persons.householdUnitId))
    .leftJoin(residence, eq(residence.id, persons.residenceUnitId));
}
const flat = (r: {
  p: typeof persons.$inferSelect;
  householdUnitName: string;
  householdPath: string;
  residenceUnitName: string | null;
  residencePath: string | null;
}): PersonRow => ({
  ...r.p,
  householdUnitName: r.householdUnitName,
  householdPath: r.householdPath,
  residenceUnitName: r.residenceUnitName,
  residencePath: r.residencePath,
});

export async function unitById(db: Db, id: string) {
  const [u] = await db.select().from(units).where(eq(units.id, id)).limit(1);
  return u;
}

export async function findPerson(db: Db, id: string): Promise<PersonRow | undefined> {
  const [r] = await base(db).where(eq(persons.id, id)).limit(1);
  return r && flat(r);
}
export async function findByUpstreamRef(db: Db, refs: string[]) {
  if (!refs.length) return [];
  return db.select().from(persons).where(inArray(persons.upstreamRef, refs));
}

export interface ListFilter {
  path: string;
  status?: string;
  open?: boolean;
  q?: string;
  limit: number;
  offset: number;
}
function where(f: Omit<ListFilter, 'limit' | 'offset'>): SQL {
  const conds: SQL[] = [inSubtree(f.path)];
  if (f.status) conds.push(eq(persons.status, f.status));
  if (f.open === true) conds.push(inArray(persons.status, ['abroad', 'persuading']));
  if (f.open === false) conds.push(inArray(persons.status, ['returned', 'written_off']));
  if (f.q) conds.push(or(ilike(persons.name, `%${f.q}%`), ilike(persons.location, `%${f.q}%`))!);
  return and(...conds)!;
}
export async function listPersons(db: Db, f: ListFilter) {
  const rows = await base(db)
    .where(where(f))
    .orderBy(asc(persons.dueAt), asc(persons.id))
    .limit(f.limit)
    .offset(f.offset);
  // (drizzle types a partial select over two aliased joins as never: the row shape is plain)
  const [t] = (await db
    .select({ n: count() })
    .from(persons)
    .innerJoin(household, eq(household.id, persons.householdUnitId))
    .leftJoin(residence, eq(residence.id, persons.residenceUnitId))
    .where(where(f))) as unknown as { n: number }[];
  return { rows: rows.map(flat), total: Number(t?.n ?? 0) };
}
/** Every record in scope, in pages (exports). */
export async function* allPersons(db: Db, path: string) {
  for (let offset = 0; ; offset += 1000) {
    const rows = await base(db)
      .where(inSubtree(path))
      .orderBy(asc(persons.createdAt), asc(persons.id))
      .limit(1000)
      .offset(offset);
    for (const r of rows) yield flat(r);
    if (rows.length < 1000) return;
  }
}

export async function counts(db: Db, path: string, now: Date, period?: { from: Date; to: Date }) {
  const conds: SQL[] = [inSubtree(path)];
  if (period) conds.push(sql`${persons.createdAt} < ${period.to}`);
  const [r] = (await db
    .select({
      total: count(),
      open: sql<number>`count(*) filter (where ${persons.status} in ('abroad','persuading'))::int`,
      overdue: sql<number>`count(*) filter (where ${persons.status} in ('abroad','persuading') and ${persons.dueAt} < ${now})::int`,
      returned: sql<number>`count(*) filter (where ${persons.status} = 'returned')::int`,
      writtenOff: sql<number>`count(*) filter (where ${persons.status} = 'written_off')::int`,
      returnedInPeriod: period
        ? sql<number>`count(*) filter (where ${persons.status} = 'returned' and ${persons.closedAt} >= ${period.from} and ${persons.closedAt} < ${period.to})::int`
        : sql<number>`0`,
    })
    .from(persons)
    .innerJoin(household, eq(household.id, persons.householdUnitId))
    .leftJoin(residence, eq(residence.id, persons.residenceUnitId))
    .where(and(...conds))) as unknown as Record<string, number>[];
  return {
    total: Number(r?.total ?? 0),
    open: Number(r?.open ?? 0),
    overdue: Number(r?.overdue ?? 0),
    returned: Number(r?.returned ?? 0),
    writtenOff: Number(r?.writtenOff ?? 0),
    returnedInPeriod: Number(r?.returnedInPeriod ?? 0),
  };
}

export const insertPerson = async (db: Db, row: typeof persons.$inferInsert) =>
  void (await db.insert(persons).values(row));
export async function updatePerson(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof persons.$inferInsert>,
): Promise<boolean> {
  const r = await db
    .update(persons)
    .set({ ...set, version: version + 1 })
    .where(and(eq(persons.id, id), eq(persons.version, version)))
    .returning({ id: persons.id });
  return r.length === 1;
}
export const insertContact = async (db: Db, row: typeof returnsContacts.$inferInsert) =>
  void (await db.insert(returnsContacts).values(row));
export const insertHistory = async (db: Db, row: typeof returnsHistory.$inferInsert) =>
  void (await db.insert(returnsHistory).values(row));
export const contactsOf = (db: Db, id: string) =>
  db.select().from(returnsContacts).where(eq(returnsContacts.personId, id)).orderBy(desc(returnsContacts.at));
export const historyOf = (db: Db, id: string) =>
  db.select().from(returnsHistory).where(eq(returnsHistory.personId, id)).orderBy(asc(returnsHistory.at));

/** Daily facts for stats: listed (by day created) and returned (by day closed), on the household unit (户籍地). */
export async function dailyFacts(db: Db, from: string, to: string) {
  const lo = sql`(${from}::date::timestamp at time zone 'Asia/Shanghai')`;
  const hi = sql`((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const res = await db.execute(sql`
    select household_unit_id as unit_id, (created_at at time zone 'Asia/Shanghai')::date::text as day,
           'returns_listed' as metric, count(*)::float8 as value
      from ${persons} where created_at >= ${lo} and created_at < ${hi} and status <> 'written_off' group by 1, 2
    union all
    select household_unit_id, (closed_at at time zone 'Asia/Shanghai')::date::text, 'returns_returned', count(*)::float8
      from ${persons} where status = 'returned' and closed_at >= ${lo} and closed_at < ${hi} group by 1, 2`);
  return ((res as { rows?: unknown[] }).rows ?? (res as unknown as unknown[])) as {
    unit_id: string;
    day: string;
    metric: string;
    value: number;
  }[];
}
