import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { audit, searchAudit } from './service.ts';
import { createUnit, ensureRoot } from '../org/index.ts';

let database: Database;
/** The database's own message (drizzle wraps it as the cause of its 'Failed query' error). */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`,
  );
beforeAll(async () => (database = await createTestDatabase()));
afterAll(() => database.close());

describe('audit log', () => {
  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    await audit(database.db, SYSTEM_ACTOR, { action: 'create', entityType: 'probe', entityId: 'x' });
    expect(await failure(database.db.execute(sql`update audit_log set action = 'tampered'`))).toMatch(/append-only/);
    expect(await failure(database.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    const { items } = await searchAudit(database.db, { entityType: 'probe' });
    expect(items.map((r) => r.action)).toEqual(['create']);
  });

  it('is written in the same transaction as the change: a failed change leaves neither', async () => {
    const root = await ensureRoot(database.db);
    const before = (await searchAudit(database.db, { entityType: 'unit' })).total;
    // The second insert of the same code under the same parent fails inside createUnit's transaction.
    await createUnit(database.db, SYSTEM_ACTOR, { parentId: root.id, kind: 'province', code: '45' });
    await expect(
      createUnit(database.db, SYSTEM_ACTOR, { parentId: root.id, kind: 'province', code: '45' }),
    ).rejects.toThrow(/already exists/);
    expect((await searchAudit(database.db, { entityType: 'unit' })).total).toBe(before + 1);
    await expect(
      database.db.transaction(async (tx) => {
        await audit(tx, SYSTEM_ACTOR, { action: 'update', entityType: 'rollback-probe' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect((await searchAudit(database.db, { entityType: 'rollback-probe' })).total).toBe(0);
  });
});
