import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { audit, readAuditLog, searchAudit } from './service.ts';
import { ROLE_PERMISSIONS } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';
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

  it("separates people's rows from the platform's own (ingest, timers) by actor kind", async () => {
    const admin: Actor = {
      kind: 'user',
      id: 'admin-kind-probe',
      name: 'admin',
      role: 'admin',
      unitId: null,
      unitPath: '/',
      permissions: new Set(ROLE_PERMISSIONS.admin),
    };
    const partner: Actor = { ...admin, kind: 'token', id: 'tok-kind-probe', name: '建行河池', role: null };
    for (let i = 0; i < 5; i++) await audit(database.db, SYSTEM_ACTOR, { action: 'create', entityType: 'kind-probe' });
    await audit(database.db, partner, { action: 'create', entityType: 'kind-probe' });
    await audit(database.db, admin, { action: 'view', entityType: 'kind-probe' });
    const of = async (actorKind?: 'user' | 'token' | 'system') =>
      (await readAuditLog(database.db, admin, { entityType: 'kind-probe', ...(actorKind ? { actorKind } : {}) })).items;
    expect((await of()).length).toBe(7);
    expect((await of('user')).map((r) => [r.actorKind, r.action])).toEqual([['user', 'view']]);
    expect((await of('token')).map((r) => r.actorName)).toEqual(['建行河池']);
    expect((await of('system')).length).toBe(5);
    expect((await of('system')).every((r) => r.actorKind === 'system')).toBe(true);
  });

  it('the page filtered by actor kind walks the audit_actor_kind index, not the whole log newest first', async () => {
    // a demo-like log: the system's ingest floods it, a partner's rows are rare
    await database.db.execute(sql`
      insert into audit_log (actor_kind, actor_id, action, entity_type, entity_id)
      select case when g % 500 = 0 then 'token' else 'system' end, 'explain-probe', 'create', 'explain-probe', g::text
      from generate_series(1, 30000) g`);
    await database.db.execute(sql`analyze audit_log`);
    const plan = await database.db.execute(
      sql`explain select * from audit_log where actor_kind = 'token' order by id desc limit 50 offset 0`,
    );
    const text = (((plan as { rows?: unknown[] }).rows ?? plan) as Record<string, string>[])
      .map((r) => Object.values(r)[0])
      .join('\n');
    expect(text).toContain('audit_actor_kind_idx');
  });
});
