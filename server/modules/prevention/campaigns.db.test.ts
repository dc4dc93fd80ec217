// Campaigns on a real database through the real HTTP server: launch from a risk group draws a holdout, the batch
// respects the opt-out list and the daily cap, coverage per grid, and the effect against the holdout counts cases
// of the campaign's type recorded after launch. The SMS channel here is an in-process port that records what it
// was given (the SMPP client itself is tested against a real SMSC in channels/smpp).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { createResident } from '../residents/index.ts';
import { recordCaseSignal, sendCampaignBatch } from './index.ts';

let server: TestServer;
let org: TestOrg;
let analyst: Client;
const sent: { to: string; text: string }[] = [];
const sms = {
  send: async (m: { to: string; text: string; ref: string }) => {
    sent.push(m);
    return [`id-${sent.length}`];
  },
  onReceipt: () => {},
  close: async () => {},
};
const phone = (i: number) => `139${String(10000000 + i).padStart(8, '0')}`;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedOrg(server.database.db);
  for (let i = 0; i < 60; i++) {
    await createResident(server.database.db, SYSTEM_ACTOR, {
      name: `学生${i}`,
      phone: phone(i),
      unitId: i % 2 ? org.gridA.id : org.gridB.id,
      birthYear: 2004,
      occupation: 'student',
    });
  }
  await createResident(server.database.db, SYSTEM_ACTOR, {
    name: '老人',
    phone: phone(99),
    unitId: org.gridA.id,
    birthYear: 1950,
    occupation: 'retired',
  });
  analyst = await server.login('analyst', USER_PASSWORD);
});
afterAll(async () => server?.close());

describe('campaigns', () => {
  let id = '';
  it('launch draws a holdout from the group; texts with links are refused', async () => {
    const bad = await analyst.post('/api/v1/prevention/campaigns', {
      unitId: org.city.id,
      fraudType: 'brushing_rebate',
      ageBand: '18_40',
      occupation: '学生',
      text: '【反诈】点击 http://a.cn 学习',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('text');
    const r = await analyst.post('/api/v1/prevention/campaigns', {
      unitId: org.city.id,
      fraudType: 'brushing_rebate',
      ageBand: '18_40',
      occupation: '学生',
      text: '【河池反诈】刷单返利都是诈骗，先垫付后返利必是骗局。',
      holdoutShare: 0.3,
      dailyCap: 20,
    });
    expect(r.status).toBe(201);
    expect(r.body.target + r.body.holdout).toBe(60); // the retiree is not in the group
    expect(r.body.holdout).toBeGreaterThan(5);
    id = r.body.id;
  });

  it('the route says when SMPP is not configured', async () => {
    expect((await analyst.post(`/api/v1/prevention/campaigns/${id}/send`)).status).toBe(409);
  });

  it('batches respect opt-outs and the daily cap, and only reach the target arm', async () => {
    const view0 = (await analyst.get(`/api/v1/prevention/campaigns/${id}`)).body;
    const targets = view0.coverage.reduce((s: number, g: { target: number }) => s + g.target, 0);
    expect((await analyst.post('/api/v1/prevention/optouts', { phone: phone(1) })).status).toBe(204);
    const db = server.database.db;
    const analystActor = { ...SYSTEM_ACTOR, kind: 'user' as const, id: 'a', name: 'analyst' };
    const now = new Date();
    const b1 = await sendCampaignBatch(db, analystActor, id, sms, () => now);
    expect(b1.sent).toBeLessThanOrEqual(20);
    expect(b1.sent + b1.optedOut).toBe(20);
    // an opted-out number does not use up the day's cap: the next batch fills it, then the day is full
    const b1b = await sendCampaignBatch(db, analystActor, id, sms, () => now);
    expect(b1.sent + b1b.sent).toBe(20);
    expect((await sendCampaignBatch(db, analystActor, id, sms, () => now)).sent).toBe(0);
    const later = new Date(now.getTime() + 25 * 3600_000);
    const b2 = await sendCampaignBatch(db, analystActor, id, sms, () => later);
    const b3 = await sendCampaignBatch(db, analystActor, id, sms, () => new Date(later.getTime() + 25 * 3600_000));
    const optedOut = b1.optedOut + b1b.optedOut + b2.optedOut + b3.optedOut;
    expect(optedOut).toBeLessThanOrEqual(1);
    expect(sent.some((m) => m.to === phone(1))).toBe(false);
    expect(sent.every((m) => m.text.endsWith('拒收请回复TD'))).toBe(true);
    const view = (await analyst.get(`/api/v1/prevention/campaigns/${id}`)).body;
    const reached = view.coverage.reduce((s: number, g: { reached: number }) => s + g.reached, 0);
    expect(reached).toBe(sent.length);
    expect(reached).toBe(targets - optedOut); // everyone in the target arm but the opted-out number, over three days
    expect(view.coverage.map((g: { unitId: string }) => g.unitId).sort()).toEqual([org.gridA.id, org.gridB.id].sort());
  });

  it('effect: cases of the type after launch, counted per arm, with a confidence interval', async () => {
    for (let i = 0; i < 60; i += 3) {
      await recordCaseSignal(server.database.db, {
        caseId: `C${i}`,
        unitId: org.stationA.id,
        reportedAt: new Date(Date.now() + 60_000),
        fraudTypes: ['brushing_rebate'],
        victim: { phone: phone(i) },
      });
    }
    const e = (await analyst.get(`/api/v1/prevention/campaigns/${id}`)).body.effect;
    expect(e.target.victims + e.holdout.victims).toBe(20);
    expect(e.ci95[0]).toBeLessThanOrEqual(e.difference);
    expect(e.ci95[1]).toBeGreaterThanOrEqual(e.difference);
    expect(e.target.people + e.holdout.people).toBe(60);
  });
});
