// The account and session rows that auth reads and writes when it authenticates a caller (platform-internal: no
// actor, the caller is being identified).
import type { Db } from '../../platform/db/index.ts';
import * as repo from './repository.ts';

export type { UserWithUnit } from './repository.ts';

/** The account with its unit, by id or username. */
export const findAccount = (db: Db, by: { id: string } | { username: string }) => repo.findUser(db, by);

/** A successful login clears the failed-login count and any lock. */
export const clearLoginFailures = (db: Db, userId: string) =>
  repo.updateUser(db, userId, { failedLogins: 0, lockedUntil: null });

export const startSession = (
  db: Db,
  row: { id: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) => repo.insertSession(db, row);

export const findSession = (db: Db, id: string) => repo.findSession(db, id);

export const endSession = (db: Db, id: string) => repo.deleteSession(db, id);
