import { and, asc, eq, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { containing, likeLiteral } from '../../platform/db/like.ts';
import { units } from './schema.ts';

export type UnitRow = typeof units.$inferSelect;

export const findUnit = async (db: Db, id: string): Promise<UnitRow | undefined> =>
  (await db.select().from(units).where(eq(units.id, id)).limit(1))[0];

export const findRoot = async (db: Db): Promise<UnitRow | undefined> =>
  (await db.select().from(units).where(eq(units.kind, 'root')).limit(1))[0];

export async function listUnits(
  db: Db,
  filter: { pathPrefix: string; parentId?: string; kind?: string; q?: string },
): Promise<UnitRow[]> {
  const conds: SQL[] = [like(units.path, `${filter.pathPrefix}%`)];
  if (filter.parentId) conds.push(eq(units.parentId, filter.parentId));
  if (filter.kind) conds.push(eq(units.kind, filter.kind));
  if (filter.q)
    conds.push(sql`(${units.name} ilike ${containing(filter.q)} or ${units.code} like ${likeLiteral(filter.q) + '%'})`);
  return db
    .select()
    .from(units)
    .where(and(...conds))
    .orderBy(asc(units.path));
}

export async function insertUnit(db: Db, row: typeof units.$inferInsert): Promise<UnitRow> {
  const [created] = await db.insert(units).values(row).returning();
  return created!;
}

export async function updateUnitName(db: Db, id: string, name: string): Promise<UnitRow | undefined> {
  return (await db.update(units).set({ name }).where(eq(units.id, id)).returning())[0];
}

export const countChildren = async (db: Db, id: string): Promise<number> =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(units)
      .where(eq(units.parentId, id))
  )[0]?.n ?? 0;
