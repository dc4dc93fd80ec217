// POST /api/v1/rules/backtest on a real server and database: a draft replayed against a simulated city beside
// the configuration in force; the diff names warnings gained and lost per type and level, with examples.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { DEFAULT_CONFIG } from '../engine/index.ts';

let server: TestServer;
let analyst: Client;

beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
  analyst = await server.login('analyst', USER_PASSWORD);
});
afterAll(async () => {
  await server.close();
});

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const source = { kind: 'simulation', seed: 3, people: 300, days: 5 };

describe('backtest', () => {
  it('the configuration in force against itself: nothing gained or lost', async () => {
    const res = await analyst.request('POST', '/api/v1/rules/backtest', { config: clone(DEFAULT_CONFIG), source });
    expect(res.status).toBe(200);
    expect(res.body.events).toBeGreaterThan(10_000);
    expect(res.body.byLevel.every((l: any) => l.gained === 0 && l.lost === 0 && l.before === l.after)).toBe(true);
    expect(res.body.byLevel[0].before).toBeGreaterThan(0);
    expect(res.body.gained).toEqual([]);
  }, 120_000);

  it('a stricter 中/高 band loses warnings at those levels, with examples; a looser one gains', async () => {
    const strict = clone(DEFAULT_CONFIG) as any;
    strict.levels = { high: 200, medium: 150, low: 25 };
    const res = await analyst.request('POST', '/api/v1/rules/backtest', { config: strict, source });
    expect(res.status).toBe(200);
    const med = res.body.byLevel.find((l: any) => l.level === 'medium');
    expect(med.lost).toBeGreaterThan(0);
    expect(med.after).toBe(med.before - med.lost + med.gained);
    expect(res.body.byLevel.find((l: any) => l.level === 'low').lost).toBe(0);
    expect(res.body.lost.length).toBeGreaterThan(0);
    expect(res.body.lost[0].subject).not.toMatch(/\d{7}/); // an engine subject id, never a raw phone or account
    expect(res.body.lost[0].reason).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.body.rows.some((r: any) => r.lost > 0 && r.typeName)).toBe(true);
    expect(med.victimsBefore).toBeGreaterThanOrEqual(med.victimsAfter);

    const loose = clone(DEFAULT_CONFIG) as any;
    loose.levels = { high: 60, medium: 30, low: 15 };
    const res2 = await analyst.request('POST', '/api/v1/rules/backtest', { config: loose, source });
    expect(res2.body.byLevel.find((l: any) => l.level === 'low').gained).toBeGreaterThan(0);
    expect(res2.body.gained.length).toBeGreaterThan(0);
    expect(res2.body.byLevel.every((l: any) => l.lost === 0)).toBe(true);
  }, 240_000);

  it('an invalid draft is a 400 with the field, and a viewer without rules:write is refused', async () => {
    const bad = clone(DEFAULT_CONFIG) as any;
    bad.loans.minCount = 1;
    const res = await analyst.request('POST', '/api/v1/rules/backtest', { config: bad, source });
    expect(res.status).toBe(400);
    const fields = [
      res.body.field,
      ...(res.body.details ?? []).map((d: any) => d.field),
      ...(res.body.problems ?? []).map((d: any) => d.field),
    ];
    expect(fields).toContain('config/loans/minCount');
    const tooBig = await analyst.request('POST', '/api/v1/rules/backtest', {
      config: clone(DEFAULT_CONFIG),
      source: { ...source, people: 1_000_000 },
    });
    expect(tooBig.status).toBe(400);
    const officer = await server.login('officerA', USER_PASSWORD);
    expect(
      (await officer.request('POST', '/api/v1/rules/backtest', { config: clone(DEFAULT_CONFIG), source })).status,
    ).toBe(403);
  });
});
