import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../platform/auth/policy.ts';
import { hashPassword, newToken, sha256, verifyPassword } from '../../platform/auth/secrets.ts';
import { accountLocked, unauthenticated } from '../../platform/errors.ts';
import { audit } from '../audit/index.ts';
import * as users from '../users/index.ts';
import { LOCKOUT } from '../users/index.ts';
import { LoginThrottle } from './lockout.ts';
import { presentUser } from '../users/index.ts';
import { activeToken, touchToken } from '../tokens/index.ts';
import { unitById } from '../org/index.ts';
import { systemClock } from '../../platform/clock.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

// Compared against when the username is unknown, so that timing does not reveal which usernames exist.
const dummyHash = hashPassword('not-a-real-password-0');

export function actorForUser(u: users.UserWithUnit, ctx: { ip?: string; purpose?: string } = {}): Actor {
  return {
    kind: 'user',
    id: u.id,
    name: u.username,
    role: u.role as Role,
    unitId: u.unitId,
    unitPath: u.unitPath,
    permissions: new Set(ROLE_PERMISSIONS[u.role as Role] ?? []),
    ip: ctx.ip,
    purpose: ctx.purpose,
  };
}

/** The counts are the database's (lockout.ts), shared by every process on it. */
export const loginThrottle = new LoginThrottle(LOCKOUT);

export async function login(
  db: Db,
  input: { username: string; password: string; ip?: string; userAgent?: string },
  now = new Date(systemClock()),
  throttle: LoginThrottle = loginThrottle,
) {
  // locked per name and address, known or not: the answers never tell which accounts exist
  const left = await throttle.lockedFor(db, input.username, input.ip, now.getTime());
  if (left) throw accountLocked(left);
  const user = await users.findAccount(db, { username: input.username });
  if (!user) {
    await verifyPassword(await dummyHash, input.password);
    const f = await throttle.fail(db, input.username, input.ip, now.getTime());
    if (f.lockedForSec) throw accountLocked(f.lockedForSec);
    throw unauthenticated('wrong username or password');
  }
  const actor = actorForUser(user, { ip: input.ip });
  const ok = !user.disabled && (await verifyPassword(user.passwordHash, input.password));
  if (!ok) {
    const f = await throttle.fail(db, input.username, input.ip, now.getTime());
    await db.transaction(async (tx) => {
      await audit(tx, actor, {
        action: 'login_failed',
        entityType: 'user',
        entityId: user.id,
        details: { failures: f.failures, ...(f.lockedForSec ? { lockedForSec: f.lockedForSec } : {}) },
      });
    });
    if (f.lockedForSec) throw accountLocked(f.lockedForSec);
    throw unauthenticated('wrong username or password');
  }
  await throttle.succeed(db, input.username, input.ip);
  const token = newToken('zws');
  await db.transaction(async (tx) => {
    await users.clearLoginFailures(tx, user.id);
    await users.startSession(tx, {
      id: sha256(token),
      userId: user.id,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await audit(tx, actor, { action: 'login', entityType: 'user', entityId: user.id });
  });
  return { token, user: presentUser({ ...user, failedLogins: 0, lockedUntil: null }, now) };
}

export async function logout(db: Db, actor: Actor, token: string) {
  await db.transaction(async (tx) => {
    await users.endSession(tx, sha256(token));
    await audit(tx, actor, { action: 'logout', entityType: 'user', entityId: actor.id });
  });
}

/** The actor behind a session cookie, or null when the session is unknown, expired or the user disabled. */
export async function actorFromSession(
  db: Db,
  token: string,
  ctx: { ip?: string; purpose?: string },
  now = new Date(systemClock()),
) {
  const session = await users.findSession(db, sha256(token));
  if (!session || session.expiresAt <= now) return null;
  const user = await users.findAccount(db, { id: session.userId });
  if (!user || user.disabled) return null;
  return { actor: actorForUser(user, ctx), user, sessionId: session.id };
}

/** The actor behind a partner API token: its permissions are exactly its scopes. */
export async function actorFromApiToken(
  db: Db,
  token: string,
  ctx: { ip?: string; purpose?: string },
): Promise<Actor | null> {
  const row = await activeToken(db, sha256(token));
  if (!row) return null;
  const unit = row.unitId ? await unitById(db, row.unitId) : null;
  void touchToken(db, row.id).catch(() => undefined);
  return {
    kind: 'token',
    id: row.id,
    name: row.name,
    role: null,
    unitId: row.unitId,
    unitPath: unit?.path ?? '/',
    permissions: new Set(row.scopes as Permission[]),
    ip: ctx.ip,
    purpose: ctx.purpose,
  };
}

export const newSessionId = () => randomUUID();
