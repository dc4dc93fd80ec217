import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { LoginThrottle } from './lockout.ts';

// Finding 10 (issue 10): a lock per name and address, the same for names that do not exist, counted in the
// database so that every server process shares it.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('LoginThrottle', () => {
  const rule = { maxFailures: 5, lockMinutes: 15 };
  it('locks a name from one address at exactly the fifth failure; other addresses are unaffected', async () => {
    const t = new LoginThrottle(rule);
    const db = database.db;
    const got: number[] = [];
    for (let i = 0; i < 5; i++) got.push((await t.fail(db, 'admin', '10.0.0.1', 0)).lockedForSec);
    expect(got).toEqual([0, 0, 0, 0, 900]);
    expect(await t.lockedFor(db, 'admin', '10.0.0.1', 1000)).toBe(899);
    expect(await t.lockedFor(db, 'ADMIN ', '10.0.0.1', 1000)).toBe(899); // the same name however typed
    expect(await t.lockedFor(db, 'admin', '10.0.0.2', 1000)).toBe(0); // the real admin elsewhere still logs in
    // a failure during the lock neither extends it nor restarts the count
    expect(await t.fail(db, 'admin', '10.0.0.1', 60_000)).toEqual({ failures: 6, lockedForSec: 840 });
    expect(await t.lockedFor(db, 'admin', '10.0.0.1', 900_001)).toBe(0); // the lock runs out
    expect(await t.fail(db, 'admin', '10.0.0.1', 900_001)).toEqual({ failures: 1, lockedForSec: 0 });
  });

  it('a success clears the count; a count without a lock runs out after the lock period', async () => {
    const t = new LoginThrottle(rule);
    const db = database.db;
    for (let i = 0; i < 4; i++) await t.fail(db, 'u', 'a', 0);
    await t.succeed(db, 'u', 'a');
    expect((await t.fail(db, 'u', 'a', 0)).failures).toBe(1);
    for (let i = 0; i < 3; i++) await t.fail(db, 'u', 'a', 1000);
    expect((await t.fail(db, 'u', 'a', 1000 + 15 * 60_000)).failures).toBe(1);
  });

  it('two throttles (two server processes) on one database share the count', async () => {
    const [a, b] = [new LoginThrottle(rule), new LoginThrottle(rule)];
    const db = database.db;
    for (let i = 0; i < 4; i++) await (i % 2 ? a : b).fail(db, 'shared', '10.9.9.9', 0);
    expect(await b.fail(db, 'shared', '10.9.9.9', 0)).toEqual({ failures: 5, lockedForSec: 900 });
    expect(await a.lockedFor(db, 'shared', '10.9.9.9', 0)).toBe(900);
  });

  it('stores no name or address, only hashes; expired rows are swept', async () => {
    const t = new LoginThrottle(rule);
    const db = database.db;
    await t.fail(db, 'secret-name', '192.0.2.7', 0);
    const dump = JSON.stringify((await db.execute(sql`select * from login_failures`)) as unknown);
    expect(dump).not.toContain('secret-name');
    expect(dump).not.toContain('192.0.2.7');
    await t.fail(db, 'other', 'x', 10 * 24 * 3600_000); // much later: the sweep runs
    const left = await db.execute(sql`select count(*)::int as n from login_failures`);
    expect((left as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });
});
