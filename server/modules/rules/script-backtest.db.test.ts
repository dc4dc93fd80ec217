// Backtest of a DRAFT SCRIPT MODEL before a person publishes it (issue 15): the classifier retrained on the corpus
// and every confirmed label replayed against the model in use — on a simulated city and on a stored period — with
// warnings gained and lost per type and level, and examples. Nothing is published by it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { ingestEvents } from '../ingest/index.ts';
import { activeClassifier, setActiveModel, trainWith } from '../fraud-types/index.ts';

let server: TestServer;
let analyst: Client;

const SCRIPT = '您的账户因操作失误被冻结，需充值8万元解冻后方可提现';
const t0 = Date.parse('2026-07-12T09:00:00+08:00');
const period = { from: new Date(t0 - 3_600_000).toISOString(), to: new Date(t0 + 86_400_000).toISOString() };
const source = { kind: 'simulation', seed: 3, people: 300, days: 5 };

beforeAll(async () => {
  setActiveModel(trainWith([]));
  server = await startTestServer();
  await seedOrg(server.database.db);
  analyst = await server.login('analyst', USER_PASSWORD);
  // 12 people each receive the same script SMS (stored events of the period)
  const evs = Array.from({ length: 12 }, (_, i) => ({
    id: `sm${i}`,
    source: 'telecom.cmcc',
    type: 'sms',
    occurredAt: new Date(t0 + i * 60_000).toISOString(),
    subject: { phone: `1387211${String(1000 + i)}` },
    peer: '17012345678',
    direction: 'in',
    text: SCRIPT,
  }));
  const r = await ingestEvents(server.database.db, SYSTEM_ACTOR, evs as never, new Map(), 'api', {
    maxFutureSkewMs: 10 * 365 * 86_400_000,
  });
  expect(r.rejected).toBe(0);
});
afterAll(async () => {
  setActiveModel(trainWith([]));
  await server.close();
});

async function storedJob() {
  const start = await analyst.request('POST', '/api/v1/rules/backtest/script-model/stored', period);
  expect(start.status).toBe(202);
  let job = start.body;
  for (let k = 0; k < 400 && job.state === 'running'; k++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await analyst.get(`/api/v1/rules/backtest/jobs/${start.body.id}`)).body;
  }
  expect(job.state).toBe('done');
  expect(job.processed).toBe(12);
  return job.result;
}

describe('script-model backtest', () => {
  it('with no new label the draft is the model in use: nothing gained or lost', async () => {
    const res = await analyst.request('POST', '/api/v1/rules/backtest/script-model', { source });
    expect(res.status).toBe(200);
    expect(res.body.models.draft).toBe(res.body.models.current);
    expect(res.body.models.newLabels).toBe(0);
    expect(res.body.events).toBeGreaterThan(10_000);
    expect(res.body.byLevel[0].before).toBeGreaterThan(0);
    expect(res.body.byLevel.every((l: any) => l.gained === 0 && l.lost === 0 && l.before === l.after)).toBe(true);
    const stored = await storedJob();
    expect(stored.byLevel[0].before).toBe(12);
    expect(stored.byLevel.every((l: any) => l.gained === 0 && l.lost === 0)).toBe(true);
  }, 180_000);

  it("officers' labels move the draft: ordinary templates labelled a fraud type gain warnings in the city, a script labelled 误报 loses its stored warnings; nothing is published", async () => {
    // (a careless officer's labels: exactly what a backtest before publishing is for)
    const labels: [string, string][] = [
      ['【支付宝】验证码382910，5分钟内有效，请勿泄露给他人。', 'fake_customer_service'],
      ['【京东】验证码100231，5分钟内有效，请勿泄露给他人。', 'fake_customer_service'],
      ['【菜鸟驿站】您的快递已到站，取件码3-2-1234。', 'fake_customer_service'],
      [SCRIPT, 'normal'],
    ];
    for (const [text, label] of labels)
      for (let k = 0; k < 4; k++) {
        const r = await analyst.request('POST', '/api/v1/script/labels', { text, label, sourceKind: 'manual' });
        expect(r.status).toBe(200);
      }
    const inUse = activeClassifier().model.version;
    const res = await analyst.request('POST', '/api/v1/rules/backtest/script-model', { source });
    expect(res.status).toBe(200);
    expect(res.body.models.current).toBe(inUse);
    expect(res.body.models.draft).not.toBe(inUse);
    expect(res.body.models.newLabels).toBe(labels.length * 4);
    const low = res.body.byLevel.find((l: any) => l.level === 'low');
    expect(low.gained).toBeGreaterThan(0);
    expect(low.after).toBe(low.before - low.lost + low.gained);
    expect(res.body.rows.some((r: any) => r.type === 'fake_customer_service' && r.gained > 0)).toBe(true);
    expect(res.body.gained.length).toBeGreaterThan(0);
    expect(res.body.gained[0].subject).not.toMatch(/\d{7}/);
    expect(res.body.gained.some((e: any) => e.rules.includes('script_text'))).toBe(true);
    // the stored period: the 12 script SMS warned under the model in use, none under the draft
    const stored = await storedJob();
    expect(stored.models.draft).toBe(res.body.models.draft);
    expect(stored.byLevel[0]).toMatchObject({ before: 12, after: 0, lost: 12, gained: 0 });
    expect(stored.lost[0].reason).toMatch(/[\u4e00-\u9fa5]/);
    // a backtest publishes nothing
    expect(activeClassifier().model.version).toBe(inUse);
    expect((await analyst.get('/api/v1/script/model')).body.published).toBeNull();
  }, 240_000);

  it('refuses an inverted period and a viewer without rules:write', async () => {
    const inv = await analyst.request('POST', '/api/v1/rules/backtest/script-model/stored', {
      from: period.to,
      to: period.from,
    });
    expect(inv.status).toBe(400);
    expect(JSON.stringify(inv.body)).toContain('to');
    const officer = await server.login('officerA', USER_PASSWORD);
    expect((await officer.request('POST', '/api/v1/rules/backtest/script-model', { source })).status).toBe(403);
    expect((await officer.request('POST', '/api/v1/rules/backtest/script-model/stored', period)).status).toBe(403);
  });
});
