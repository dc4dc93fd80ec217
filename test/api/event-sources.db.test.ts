import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { seedOrg, USER_PASSWORD } from '../factories.ts';
import { startTestServer, type Client, type TestServer } from '../harness/server.ts';
import { configureSourceClaims } from '../../server/modules/ingest/sources.ts';

// Issue 10 finding 6: an event source is bound to a partner by the platform administrator; a partner posting a
// source not bound to it is refused by event (field `source`, a reason), unless first-use claims are configured.
let s: TestServer;
let admin: Client;
let unitOf: (name: string) => string;
beforeAll(async () => {
  s = await startTestServer();
  await seedOrg(s.database.db);
  admin = await s.login();
  const units = (await admin.get('/api/v1/units')).body.items as { id: string; name: string }[];
  unitOf = (name) => units.find((u) => u.name === name)!.id;
});
afterAll(async () => {
  configureSourceClaims(false);
  await s?.close();
});

const alert = (source: string, id: string) => ({
  id,
  source,
  type: 'alert',
  occurredAt: new Date().toISOString(),
  subject: { phone: '13800000077' },
  partnerKind: 'bank',
  unit: '工商银行金城江支行',
  note: '核实中',
  amount: 1000,
});
const partner = async (name: string, unitName: string) =>
  s
    .anonymous()
    .withBearer(
      (await admin.post('/api/v1/tokens', { name, unitId: unitOf(unitName), scopes: ['events:write'] })).body.token,
    );
const count = async (q: ReturnType<typeof sql>) =>
  Number(((await s.database.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

describe('event sources bound by the administrator', () => {
  it('an unbound source is refused; bound, it is the partner’s alone; unbound again, refused again', async () => {
    const icbc = await partner('icbc', '工商银行金城江支行');
    const cmcc = await partner('cmcc', '中国移动河池分公司');
    const first = await icbc.post('/api/v1/events', [alert('bank.icbc', 'e-1')]);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ status: 'rejected', field: 'source' });
    expect(first.body.results[0].reason).toMatch(/^source: not bound to this partner/);
    expect(await count(sql`select count(*)::int as n from events`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from event_sources`)).toBe(0); // no claim either

    const bound = await admin.request('PUT', '/api/v1/event-sources/bank.icbc', {
      unitId: unitOf('工商银行金城江支行'),
    });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({
      source: 'bank.icbc',
      owner: 'unit',
      unitName: '工商银行金城江支行',
      boundBy: 'admin',
    });
    expect((await icbc.post('/api/v1/events', [alert('bank.icbc', 'e-1')])).body.results[0].status).toBe('accepted');
    const other = await cmcc.post('/api/v1/events', [alert('bank.icbc', 'e-1'), alert('bank.icbc', 'e-2')]);
    expect(other.body.results.map((r: { reason: string }) => r.reason)).toEqual([
      'source: belongs to another partner',
      'source: belongs to another partner',
    ]);
    const list = await admin.get('/api/v1/event-sources');
    expect(list.status).toBe(200);
    expect(list.body.firstUseClaims).toBe(false);
    expect(list.body.items).toEqual([
      expect.objectContaining({ source: 'bank.icbc', unitId: unitOf('工商银行金城江支行'), boundBy: 'admin' }),
    ]);
    // rebinding to another partner moves it; the audit keeps who had it
    expect(
      (await admin.request('PUT', '/api/v1/event-sources/bank.icbc', { unitId: unitOf('中国移动河池分公司') })).status,
    ).toBe(200);
    expect((await icbc.post('/api/v1/events', [alert('bank.icbc', 'e-3')])).body.results[0].status).toBe('rejected');
    expect((await cmcc.post('/api/v1/events', [alert('bank.icbc', 'e-3')])).body.results[0].status).toBe('accepted');

    expect((await admin.request('DELETE', '/api/v1/event-sources/bank.icbc')).status).toBe(204);
    expect((await cmcc.post('/api/v1/events', [alert('bank.icbc', 'e-4')])).body.results[0].reason).toMatch(
      /not bound/,
    );
    expect((await admin.request('DELETE', '/api/v1/event-sources/bank.icbc')).status).toBe(404);
    const audit = await admin.get('/api/v1/audit?entityType=event_source');
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(['delete', 'update', 'update']);
  });

  it('bad input is a 400 with field and reason and writes nothing; only the platform administrator binds', async () => {
    const before = await count(sql`select count(*)::int as n from event_sources`);
    const unknownUnit = await admin.request('PUT', '/api/v1/event-sources/bank.abc', { unitId: 'no-such-unit' });
    expect([unknownUnit.status, unknownUnit.body.field]).toEqual([400, 'unitId']);
    const police = await admin.request('PUT', '/api/v1/event-sources/police.96110', {
      unitId: unitOf('工商银行金城江支行'),
    });
    expect([police.status, police.body.field]).toEqual([400, 'unitId']);
    const badName = await admin.request('PUT', '/api/v1/event-sources/Bank%20ICBC', {
      unitId: unitOf('工商银行金城江支行'),
    });
    expect(badName.status).toBe(400);
    const extra = await admin.request('PUT', '/api/v1/event-sources/bank.abc', {
      unitId: unitOf('工商银行金城江支行'),
      x: 1,
    });
    expect(extra.status).toBe(400);
    expect(await count(sql`select count(*)::int as n from event_sources`)).toBe(before);

    const analyst = await s.login('analyst', USER_PASSWORD);
    expect((await analyst.get('/api/v1/event-sources')).status).toBe(403);
    expect(
      (await analyst.request('PUT', '/api/v1/event-sources/bank.abc', { unitId: unitOf('工商银行金城江支行') })).status,
    ).toBe(403);
    const token = await partner('icbc2', '工商银行金城江支行');
    expect((await token.get('/api/v1/event-sources')).status).toBe(403);
  });

  it('with first-use claims configured, a partner’s first use claims an unbound source (listed as such)', async () => {
    configureSourceClaims(true);
    try {
      const abc = await partner('abc', '工商银行金城江支行');
      expect((await abc.post('/api/v1/events', [alert('bank.first', 'f-1')])).body.results[0].status).toBe('accepted');
      const cmcc = await partner('cmcc2', '中国移动河池分公司');
      expect((await cmcc.post('/api/v1/events', [alert('bank.first', 'f-2')])).body.results[0].reason).toBe(
        'source: belongs to another partner',
      );
      const list = (await admin.get('/api/v1/event-sources')).body;
      expect(list.firstUseClaims).toBe(true);
      expect(list.items).toContainEqual(
        expect.objectContaining({ source: 'bank.first', boundBy: 'first_use', unitName: '工商银行金城江支行' }),
      );
    } finally {
      configureSourceClaims(false);
    }
  });
});
