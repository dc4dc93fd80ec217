import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { kbVersions } from './schema.ts';

// All SQL of the knowledge base, on its own table.
const rowsOf = <T>(res: unknown): T[] => ((res as { rows?: unknown[] }).rows ?? (res as unknown[])) as T[];
export type KbRow = typeof kbVersions.$inferSelect;
export type NewKbRow = typeof kbVersions.$inferInsert;

export const versionById = async (db: Db, id: number, lock = false): Promise<KbRow | undefined> => {
  const q = db.select().from(kbVersions).where(eq(kbVersions.id, id));
  return (await (lock ? q.for('update') : q))[0];
};

export const versionsOf = (db: Db, code: string): Promise<KbRow[]> =>
  db.select().from(kbVersions).where(eq(kbVersions.code, code)).orderBy(desc(kbVersions.version));

/** The published and the open version of every code (the list page). */
export const currentVersions = (db: Db): Promise<KbRow[]> =>
  db
    .select()
    .from(kbVersions)
    .where(inArray(kbVersions.status, ['published', 'draft', 'in_review']))
    .orderBy(asc(kbVersions.code));

export const publishedVersions = (db: Db): Promise<KbRow[]> =>
  db.select().from(kbVersions).where(eq(kbVersions.status, 'published'));

/** How many versions are published and the newest id: changes with every publication. */
export async function publishedSignature(db: Db): Promise<{ n: number; maxId: number }> {
  const r = await db
    .select({ n: sql<number>`count(*)::int`, maxId: sql<number>`coalesce(max(${kbVersions.id}), 0)::int` })
    .from(kbVersions)
    .where(eq(kbVersions.status, 'published'));
  return { n: Number(r[0]?.n ?? 0), maxId: Number(r[0]?.maxId ?? 0) };
}

export async function nextVersion(db: Db, code: string): Promise<number> {
  const r = await db
    .select({ v: sql<number>`coalesce(max(${kbVersions.version}), 0)::int` })
    .from(kbVersions)
    .where(eq(kbVersions.code, code));
  return Number(r[0]?.v ?? 0) + 1;
}

export async function insertVersion(db: Db, row: NewKbRow): Promise<KbRow | undefined> {
  const r = await db.insert(kbVersions).values(row).onConflictDoNothing().returning();
  return r[0];
}

export async function updateVersion(db: Db, id: number, set: Partial<NewKbRow>): Promise<KbRow> {
  const r = await db.update(kbVersions).set(set).where(eq(kbVersions.id, id)).returning();
  return r[0]!;
}

export async function supersedePublished(db: Db, code: string): Promise<void> {
  await db
    .update(kbVersions)
    .set({ status: 'superseded' })
    .where(and(eq(kbVersions.code, code), eq(kbVersions.status, 'published')));
}

export const countVersions = async (db: Db): Promise<number> =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(kbVersions))[0]?.n ?? 0);

/**
 * Full text over the jieba tokens: every query word must be a word of the entry (tsquery with &), ranked by
 * ts_rank. Query words are lexemes already (letters, digits, CJK only), quoted for to_tsquery.
 */
export async function search(
  db: Db,
  tokens: string[],
  statuses: string[],
  limit = 50,
): Promise<{ id: number; rank: number }[]> {
  if (!tokens.length) return [];
  const tsq = tokens.map((t) => `'${t.replace(/'/g, "''")}'`).join(' & ');
  const res = await db.execute(sql`
    select id, ts_rank(to_tsvector('simple', search_tokens), to_tsquery('simple', ${tsq}))::float8 as rank
    from kb_versions
    where to_tsvector('simple', search_tokens) @@ to_tsquery('simple', ${tsq})
      and status in (${sql.join(
        statuses.map((s) => sql`${s}`),
        sql`, `,
      )})
    order by rank desc, code, version desc
    limit ${limit}`);
  return rowsOf<{ id: number; rank: number }>(res).map((r) => ({ id: Number(r.id), rank: Number(r.rank) }));
}

export const versionsByIds = (db: Db, ids: number[]): Promise<KbRow[]> =>
  ids.length ? db.select().from(kbVersions).where(inArray(kbVersions.id, ids)) : Promise.resolve([]);
