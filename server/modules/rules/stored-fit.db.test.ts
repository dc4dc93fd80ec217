// The rules backtest over a STORED period (the event log of [from, to) replayed against a draft, in the
// background with progress) and rule weights fitted on closed warnings' dispositions (a draft, never stored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { DEFAULT_CONFIG } from '../engine/index.ts';
import { ingestEvents } from '../ingest/index.ts';

let server: TestServer;
let analyst: Client;
let officer: Client;

const t0 = Date.parse('2026-07-10T09:00:00+08:00');
const iso = (min: number) => new Date(t0 + min * 60_000).toISOString();
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
  analyst = await server.login('analyst', USER_PASSWORD);
  officer = await server.login('officerA', USER_PASSWORD);
  // 20 people: a long call from a "00"-prefixed number, then ¥50,000 to a new payee; 20 ordinary people
  const evs: unknown[] = [];
  for (let i = 0; i < 20; i++) {
    const phone = `1387200${String(1000 + i)}`;
    evs.push(
      {
        id: `c${i}`,
        source: 'telecom.cmcc',
        type: 'call',
        occurredAt: iso(i * 10),
        subject: { phone },
        peer: '0029110',
        direction: 'in',
        durationSec: 40 * 60,
        result: 'answered',
      },
      {
        id: `t${i}`,
        source: 'bank.icbc',
        type: 'transaction',
        occurredAt: iso(i * 10 + 45),
        subject: { phone, account: `62170000000${String(10000 + i)}` },
        account: `62170000000${String(10000 + i)}`,
        kind: 'transfer',
        channel: 'mobile',
        direction: 'out',
        amount: 50_000,
        peerAccount: `62220000000${String(20000 + i)}`,
      },
      {
        id: `n${i}`,
        source: 'telecom.cmcc',
        type: 'call',
        occurredAt: iso(i * 10 + 1),
        subject: { phone: `1397200${String(1000 + i)}` },
        peer: '13900001111',
        direction: 'in',
        durationSec: 120,
        result: 'answered',
      },
    );
  }
  const r = await ingestEvents(server.database.db, SYSTEM_ACTOR, evs, new Map(), 'api', {
    maxFutureSkewMs: 10 * 365 * 86_400_000,
  });
  expect(r.rejected).toBe(0);
}, 120_000);
afterAll(async () => {
  await server.close();
});

async function runJob(body: unknown) {
  const start = await analyst.request('POST', '/api/v1/rules/backtest/stored', body);
  expect(start.status).toBe(202);
  expect(start.body.total).toBe(60);
  let job = start.body;
  for (let k = 0; k < 200 && job.state === 'running'; k++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await analyst.get(`/api/v1/rules/backtest/jobs/${start.body.id}`)).body;
  }
  expect(job.state).toBe('done');
  expect(job.processed).toBe(60);
  return job.result;
}

const period = { from: new Date(t0 - 3_600_000).toISOString(), to: new Date(t0 + 86_400_000).toISOString() };

describe('stored-period backtest', () => {
  it('the configuration in force against itself changes nothing; a stricter band loses the stored warnings', async () => {
    const same = await runJob({ config: clone(DEFAULT_CONFIG), ...period });
    expect(same.source).toEqual({ kind: 'stored', ...period });
    expect(same.events).toBe(60);
    expect(same.byLevel[0].before).toBe(20);
    expect(same.byLevel.every((l: any) => l.gained === 0 && l.lost === 0)).toBe(true);

    const strict = clone(DEFAULT_CONFIG) as any;
    strict.levels = { high: 900, medium: 800, low: 700 };
    const r = await runJob({ config: strict, ...period });
    const low = r.byLevel.find((l: any) => l.level === 'low');
    expect(low.lost).toBe(20);
    expect(low.after).toBe(0);
    expect(r.lost.length).toBeGreaterThan(0);
    expect(r.lost[0].subject).not.toMatch(/\d{7}/);
    expect(r.rows.some((x: any) => x.lost > 0 && x.typeName)).toBe(true);
  }, 120_000);

  it('refuses a period over a month, an inverted one, an invalid draft, and a viewer without rules:write', async () => {
    const long = await analyst.request('POST', '/api/v1/rules/backtest/stored', {
      config: clone(DEFAULT_CONFIG),
      from: '2026-01-01T00:00:00Z',
      to: '2026-03-01T00:00:00Z',
    });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('to');
    const inv = await analyst.request('POST', '/api/v1/rules/backtest/stored', {
      config: clone(DEFAULT_CONFIG),
      from: period.to,
      to: period.from,
    });
    expect(inv.status).toBe(400);
    const bad = clone(DEFAULT_CONFIG) as any;
    bad.loans.minCount = 1;
    expect((await analyst.request('POST', '/api/v1/rules/backtest/stored', { config: bad, ...period })).status).toBe(
      400,
    );
    expect(
      (await officer.request('POST', '/api/v1/rules/backtest/stored', { config: clone(DEFAULT_CONFIG), ...period }))
        .status,
    ).toBe(403);
    expect((await analyst.get('/api/v1/rules/backtest/jobs/nope')).status).toBe(404);
  });
});

describe('weight fitting', () => {
  it('closed warnings with dispositions give a draft with fitted weights and its backtest; nothing is stored', async () => {
    const db = server.database.db;
    const unit = (await db.execute(sql`select id from units limit 1`)) as unknown as { rows: { id: string }[] };
    const unitId = unit.rows[0]!.id;
    // 30 closed warnings: listed_account hits mostly real, foreign_call hits mostly false alarms
    for (let i = 0; i < 30; i++) {
      const rule = i < 15 ? 'listed_account' : 'foreign_call';
      const real = i < 15 ? i % 5 !== 0 : i % 5 === 0;
      await db.execute(sql`
        insert into warnings (id, source, subject_key, subject, level, score, fraud_types, rule_hits,
          evidence_event_ids, status, unit_id, closed_at, disposition)
        values (${`FW${i}`}, 'engine', ${`p:1500000${String(1000 + i)}`}, '{}'::jsonb, 'medium', 60, '[]'::jsonb,
          ${JSON.stringify([{ ruleId: rule, configVersion: '1', fraudTypes: [], score: 60, reason: 'x', eventIds: [], at: iso(0) }])}::jsonb,
          '[]'::jsonb, 'closed', ${unitId}, now(),
          ${JSON.stringify({ disposition: real ? (i % 2 ? 'dissuaded' : 'defrauded') : 'false_alarm' })}::jsonb)`);
    }
    const before = (await analyst.get('/api/v1/rules/config')).body.version;
    const res = await analyst.request('POST', '/api/v1/rules/fit-weights', {
      source: { seed: 3, people: 200, days: 2 },
    });
    expect(res.status).toBe(200);
    expect(res.body.examples).toBe(30);
    const by = Object.fromEntries(res.body.rules.map((r: any) => [r.ruleId, r]));
    expect(by.listed_account.factor).toBeGreaterThan(1);
    expect(by.foreign_call.factor).toBeLessThan(1);
    expect(res.body.changed.map((c: any) => c.path)).toContain('/listedAccount/weight');
    expect(res.body.draft.listedAccount.weight).toBeGreaterThan(DEFAULT_CONFIG.listedAccount.weight);
    expect(res.body.backtest.byLevel).toHaveLength(3);
    expect((await analyst.get('/api/v1/rules/config')).body.version).toBe(before); // a person publishes, not this
    expect((await officer.request('POST', '/api/v1/rules/fit-weights', {})).status).toBe(403);
  }, 120_000);
});
