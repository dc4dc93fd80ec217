import { and, asc, eq, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { containing } from '../../platform/db/like.ts';
import { units } from '../org/schema.ts';
import { sessions, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export type UserWithUnit = UserRow & { unitPath: string; unitName: string; unitKind: string };

const withUnit = {
  user: users,
  unitPath: units.path,
  unitName: units.name,
  unitKind: units.kind,
};
const flatten = (r: { user: UserRow; unitPath: string; unitName: string; unitKind: string }): UserWithUnit => ({
  ...r.user,
  unitPath: r.unitPath,
  unitName: r.unitName,
  unitKind: r.unitKind,
});

export async function findUser(db: Db, by: { id: string } | { username: string }): Promise<UserWithUnit | undefined> {
  const cond = 'id' in by ? eq(users.id, by.id) : eq(users.username, by.username);
  const rows = await db.select(withUnit).from(users).innerJoin(units, eq(units.id, users.unitId)).where(cond).limit(1);
  return rows[0] && flatten(rows[0]);
}

export async function listUsers(db: Db, f: { pathPrefix: string; unitId?: string; role?: string; q?: string }) {
  const conds: SQL[] = [like(units.path, `${f.pathPrefix}%`)];
  if (f.unitId) conds.push(eq(users.unitId, f.unitId));
  if (f.role) conds.push(eq(users.role, f.role));
  if (f.q)
    conds.push(sql`(${users.username} ilike ${containing(f.q)} or ${users.displayName} ilike ${containing(f.q)})`);
  const rows = await db
    .select(withUnit)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(...conds))
    .orderBy(asc(users.username));
  return rows.map(flatten);
}

export async function insertUser(db: Db, row: typeof users.$inferInsert) {
  await db.insert(users).values(row);
}

export async function updateUser(db: Db, id: string, patch: Partial<typeof users.$inferInsert>) {
  await db.update(users).set(patch).where(eq(users.id, id));
}

/**
 * One more failed login, counted by the database itself: parallel attempts each get their own number, so the
 * account locks at exactly `maxFailures` (a read-then-write let 25 parallel guesses through as plain failures).
 * A lock that has run out starts the count again; a lock in force is kept as it is.
 */
export async function recordFailedLogin(
  db: Db,
  id: string,
  now: Date,
  rule: { maxFailures: number; lockMinutes: number },
) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const expired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${at})`;
  const count = sql`(case when ${expired} then 1 else ${users.failedLogins} + 1 end)`;
  const until = new Date(now.getTime() + rule.lockMinutes * 60_000).toISOString();
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`${count}`,
      lockedUntil: sql`(case when ${users.lockedUntil} > ${at} then ${users.lockedUntil}
      when ${count} >= ${rule.maxFailures} then ${until}::timestamptz else null end)`,
    })
    .where(eq(users.id, id))
    .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
  return row!;
}

export const countUsers = async (db: Db) => (await db.select({ n: sql<number>`count(*)::int` }).from(users))[0]?.n ?? 0;

export async function insertSession(db: Db, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

export async function findSession(db: Db, id: string) {
  return (await db.select().from(sessions).where(eq(sessions.id, id)).limit(1))[0];
}

export async function deleteSession(db: Db, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: Db, userId: string, exceptId?: string) {
  const cond = exceptId
    ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`)
    : eq(sessions.userId, userId);
  await db.delete(sessions).where(cond);
}
