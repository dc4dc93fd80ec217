// Two server processes on one PostgreSQL database: a configuration stored through one is in force on the other
// within a second (platform/events: config.changed over LISTEN/NOTIFY), with no restart and no polling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../harness/db.ts';
import { Client } from '../harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../factories.ts';
import { startServerProcess, type ServerProcess } from '../../server/modules/detection/testing/process.ts';
import type { Database } from '../../server/platform/db/index.ts';

// Several nodes need a database server: the embedded one belongs to one process. Runs in CI's PostgreSQL pass.
describe.runIf(!!process.env.DATABASE_URL)('several nodes on one database', () => {
  let database: Database;
  const nodes: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedOrg(database.db);
    const r = await database.db.execute(sql`select current_database() as name`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${(r as unknown as { rows: { name: string }[] }).rows[0]!.name}`;
    for (let i = 0; i < 2; i++)
      nodes.push(await startServerProcess({ DATABASE_URL: url.toString(), ZHIWANG_ENGINE: 'off' }));
  }, 180_000);
  afterAll(async () => {
    for (const n of nodes) await n.stop();
    await database?.close();
  });

  const login = async (node: ServerProcess, username: string) => {
    const c = new Client(node.url, { origin: node.url });
    const res = await c.post('/api/v1/auth/login', { username, password: USER_PASSWORD });
    expect(res.status).toBe(200);
    return c;
  };

  it('an SLA change on one node is in force on the other within a second', async () => {
    const [a, b] = [await login(nodes[0]!, 'analyst'), await login(nodes[1]!, 'analyst')];
    const before = (await b.get('/api/v1/dissuasion/config')).body;
    const levels = structuredClone(before.sla.levels);
    levels.high.signMs = levels.high.signMs + 60_000;
    levels.medium.signMs = Math.max(levels.medium.signMs, levels.high.signMs);
    levels.low.signMs = Math.max(levels.low.signMs, levels.medium.signMs);
    const put = await a.request('PUT', '/api/v1/dissuasion/config', { levels, followupDays: before.followup.days });
    expect(put.status).toBe(200);
    const t0 = Date.now();
    await expect
      .poll(async () => (await b.get('/api/v1/dissuasion/config')).body.sla.version, { timeout: 1_000, interval: 50 })
      .toBe(put.body.sla.version);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect((await b.get('/api/v1/dissuasion/config')).body.sla.levels.high.signMs).toBe(levels.high.signMs);
  }, 60_000);

  it('a fraud type renamed by a knowledge-base version published on one node is renamed on the other', async () => {
    const [a, b] = [await login(nodes[0]!, 'analyst'), await login(nodes[1]!, 'districtAnalyst')];
    const nameOn = async (c: Client) =>
      ((await c.get('/api/v1/fraud-types')).body.items as { code: string; name: string }[]).find(
        (t) => t.code === 'sextortion',
      )?.name;
    expect(await nameOn(b)).toBe('裸聊敲诈');
    const d = await a.post('/api/v1/knowledge/entries/sextortion/drafts', {});
    expect(d.status).toBe(201);
    const content = { ...d.body.content, name: '裸聊敲诈勒索' };
    expect((await a.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content })).status).toBe(200);
    expect((await a.post(`/api/v1/knowledge/versions/${d.body.id}/submit`, {})).status).toBe(200);
    expect((await b.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {})).status).toBe(200); // published on B
    await expect.poll(() => nameOn(a), { timeout: 2_000, interval: 50 }).toBe('裸聊敲诈勒索'); // A heard it
    expect(await nameOn(b)).toBe('裸聊敲诈勒索');
  }, 60_000);

  it('a script model published on one node is in use on the other without a restart', async () => {
    const [a, b] = [await login(nodes[0]!, 'analyst'), await login(nodes[1]!, 'analyst')];
    const before = (await b.get('/api/v1/script/model')).body.activeVersion;
    const label = await a.post('/api/v1/script/labels', {
      text: '【国家补贴】您有一笔家电补贴待领取，请在页面输入银行卡号和密码即可到账',
      label: 'fake_customer_service',
      sourceKind: 'manual',
    });
    expect(label.status).toBe(200);
    const pub = await a.post('/api/v1/script/model/publish', { note: 'two nodes' });
    expect(pub.status).toBe(200);
    const version = pub.body.published.version;
    expect(version).not.toBe(before);
    // the other node retrains from the stored labels when config.changed reaches it (training takes a moment)
    await expect
      .poll(async () => (await b.get('/api/v1/script/model')).body.activeVersion, { timeout: 15_000, interval: 100 })
      .toBe(version);
  }, 60_000);
});
