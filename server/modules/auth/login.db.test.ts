import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import * as users from '../users/index.ts';
import { LOCKOUT } from '../users/index.ts';
import { login } from './service.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedOrg(database.db);
});
afterAll(() => database.close());

const attempt = (username: string, password: string, now: Date) =>
  login(database.db, { username, password }, now).then(
    () => 'ok',
    (e: AppError) => e.code,
  );

describe('login lock-out', () => {
  const t0 = new Date('2026-11-21T10:00:00Z');
  const later = (min: number) => new Date(t0.getTime() + min * 60_000);

  it('locks at the configured failure, for the configured time, even for the right password', async () => {
    const results: string[] = [];
    for (let i = 0; i < LOCKOUT.maxFailures; i++) results.push(await attempt('officerB', 'not-the-password', t0));
    expect(results).toEqual([...Array(LOCKOUT.maxFailures - 1).fill('unauthenticated'), 'account_locked']);
    expect(await attempt('officerB', USER_PASSWORD, later(LOCKOUT.lockMinutes - 1))).toBe('account_locked');
    // the lock is the name's from this address, not the account's (auth/lockout.ts): nothing is written on the user
    expect((await users.findAccount(database.db, { username: 'officerB' }))!.lockedUntil).toBeNull();
  });

  it('starts counting again when the lock has run out: one more failure does not lock at once', async () => {
    const after = later(LOCKOUT.lockMinutes + 1);
    expect(await attempt('officerB', 'still-not-it', after)).toBe('unauthenticated');
    expect(await attempt('officerB', USER_PASSWORD, after)).toBe('ok');
  });
});
