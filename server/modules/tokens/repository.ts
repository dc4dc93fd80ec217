import { and, desc, eq, isNull, like, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/schema.ts';
import { apiTokens } from './schema.ts';

export type TokenRow = typeof apiTokens.$inferSelect;

export const findActiveToken = async (db: Db, tokenHash: string): Promise<TokenRow | undefined> =>
  (
    await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
      .limit(1)
  )[0];

export const findToken = async (db: Db, id: string): Promise<TokenRow | undefined> =>
  (await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1))[0];

// tokens this process stamped, and when: a partner sending many requests a second costs one write a minute, not
// a statement per request (the SQL condition below still keeps several processes to about one a minute)
const stamped = new Map<string, number>();

/** Last use is informational; written at most once a minute per token to keep authentication cheap. */
export async function touchToken(db: Db, id: string) {
  const now = Date.now();
  if (now - (stamped.get(id) ?? -Infinity) < 60_000) return;
  if (stamped.size > 10_000) stamped.clear();
  stamped.set(id, now);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), sql`${apiTokens.lastUsedAt} < now() - interval '1 minute'`),
      ),
    );
}

/** All tokens (pathPrefix null: a platform-wide admin, incl. tokens without a unit) or those of a subtree. */
export async function listTokens(db: Db, pathPrefix: string | null) {
  return db
    .select({ token: apiTokens, unitName: units.name, unitPath: units.path })
    .from(apiTokens)
    .leftJoin(units, eq(units.id, apiTokens.unitId))
    .where(pathPrefix === null ? undefined : like(units.path, `${pathPrefix}%`))
    .orderBy(desc(apiTokens.createdAt));
}

export async function insertToken(db: Db, row: typeof apiTokens.$inferInsert) {
  await db.insert(apiTokens).values(row);
}

export async function revokeToken(db: Db, id: string) {
  await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(eq(apiTokens.id, id));
}
