import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { DEFAULT_CONFIG } from '../engine/index.ts';
import { BUILTIN_RULES } from '../engine/index.ts';
import { currentEngineConfig } from './service.ts';

let server: TestServer;
let analyst: Client;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
  analyst = await server.login('analyst', USER_PASSWORD);
  admin = await server.login();
});
afterAll(async () => {
  await server.close();
});

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('rule configuration', () => {
  it('starts at the built-in version 1', async () => {
    const cur = await analyst.get('/api/v1/rules/config');
    expect(cur.status).toBe(200);
    expect(cur.body.version).toBe('1');
    expect(cur.body.config.levels).toEqual(DEFAULT_CONFIG.levels);
  });

  it('rejects an invalid config with field paths and stores nothing', async () => {
    const bad = clone(DEFAULT_CONFIG) as any;
    bad.loans.minCount = 1;
    bad.levels = { high: 30, medium: 50, low: 10 };
    const res = await analyst.request('PUT', '/api/v1/rules/config', { config: bad, note: 'bad' });
    expect(res.status).toBe(400);
    const fields = [res.body.field, ...(res.body.details ?? []).map((d: any) => d.field)];
    expect(fields).toContain('config/loans/minCount');

    const orderOnly = clone(DEFAULT_CONFIG) as any;
    orderOnly.levels = { high: 30, medium: 50, low: 10 };
    const res2 = await analyst.request('PUT', '/api/v1/rules/config', { config: orderOnly });
    expect(res2.status).toBe(400);
    expect(res2.body.field).toBe('config/levels');

    const unknown = { ...clone(DEFAULT_CONFIG), surprise: 1 };
    expect((await analyst.request('PUT', '/api/v1/rules/config', { config: unknown })).status).toBe(400);

    expect((await analyst.get('/api/v1/rules/config')).body.version).toBe('1');
    expect((await analyst.get('/api/v1/rules/config/history')).body.items).toHaveLength(1);
  });

  it('stores a valid config as a new version with history, audit and the engine-facing reader', async () => {
    const cfg = clone(DEFAULT_CONFIG);
    cfg.levels.high = 85;
    cfg.callThenTransfer.windowSec = 3 * 3600;
    const res = await analyst.request('PUT', '/api/v1/rules/config', { config: cfg, note: '提高高风险阈值' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('2');
    expect(res.body.config.version).toBe('2');
    expect(res.body.createdByName).toBe('analyst');

    const cfg3 = clone(res.body.config);
    cfg3.keyword.weight = 35;
    expect((await analyst.request('PUT', '/api/v1/rules/config', { config: cfg3 })).body.version).toBe('3');

    const hist = await analyst.get('/api/v1/rules/config/history');
    expect(hist.body.items.map((h: any) => h.version)).toEqual(['3', '2', '1']);
    expect(hist.body.items[1]).toMatchObject({ note: '提高高风险阈值', createdByName: 'analyst' });

    const engineView = await currentEngineConfig(server.database.db);
    expect(engineView.version).toBe('3');
    expect(engineView.config).toMatchObject({ version: '3', levels: { high: 85 }, keyword: { weight: 35 } });

    const trail = await admin.get('/api/v1/audit?entityType=rule_config&entityId=2');
    expect(trail.body.items[0].details.changed).toEqual(
      expect.arrayContaining(['/levels/high', '/callThenTransfer/windowSec']),
    );
  });

  it('requires rules:write to change it', async () => {
    const officer = await server.login('officerA', USER_PASSWORD);
    expect((await officer.request('PUT', '/api/v1/rules/config', { config: clone(DEFAULT_CONFIG) })).status).toBe(403);
    expect((await officer.get('/api/v1/rules/config')).status).toBe(200);
  });
});

describe('built-in rules list', () => {
  it('lists every engine rule with its description, fraud types and config sections', async () => {
    const res = await analyst.get('/api/v1/rules');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => r.id).sort()).toEqual(BUILTIN_RULES.map((r) => r.id).sort());
    const ctt = res.body.items.find((r: any) => r.id === 'call_then_transfer');
    expect(ctt.configSections).toContain('callThenTransfer');
    expect(ctt.fraudTypes.map((f: any) => f.name)).toContain('冒充公检法及政府机关');
    for (const r of res.body.items) for (const s of r.configSections) expect(DEFAULT_CONFIG).toHaveProperty(s);
  });
});
