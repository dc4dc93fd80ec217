// The demo campaign: launched three weeks back on the demo city, the simulated city victimises the residents it
// reached less, and the effect the campaign page computes on those cases is negative for the targeted group vs
// its holdout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg } from '../../../test/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { createResident } from '../residents/index.ts';
import { getCampaign, loadDemoCampaign, recordCaseSignal } from './index.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
});
afterAll(async () => server?.close());

describe('demo campaign', () => {
  it('shows coverage and a negative effect against the holdout at start', async () => {
    const db = server.database.db;
    const grids = ['451202001001', '451203001001'];
    const [gridA, gridB] = (
      (await db.execute(
        `select id, code from units where code in ('451202001001','451203001001')` as never,
      )) as unknown as {
        rows: { id: string; code: string }[];
      }
    ).rows.sort((a, b) => a.code.localeCompare(b.code));
    const c = await loadDemoCampaign(db, {
      people: 1500,
      grids,
      register: async (people) => {
        for (const p of people)
          await createResident(db, SYSTEM_ACTOR, {
            name: p.name,
            idNumber: p.idNumber,
            phone: p.phone,
            unitId: p.grid === grids[0] ? gridA!.id : gridB!.id,
            birthYear: Number(p.idNumber.slice(6, 10)),
            occupation: p.occupation,
          });
      },
      reportCase: (r) =>
        recordCaseSignal(db, {
          caseId: r.reference,
          unitId: gridA!.id,
          reportedAt: r.reportedAt,
          fraudTypes: [r.fraudType],
          victim: { phone: r.victim.phone, idNumberKey: r.victim.idNumber },
        }),
    });
    expect(c).not.toBeNull();
    expect(c!.cases).toBeGreaterThan(10);
    const view = await getCampaign(db, SYSTEM_ACTOR, c!.id);
    const reached = view.coverage.reduce((s, g) => s + g.reached, 0);
    expect(reached).toBeGreaterThan(100);
    console.log('demo campaign effect', c!.cases, JSON.stringify(view.effect));
    expect(view.effect).not.toBeNull();
    expect(view.effect!.holdout.victims).toBeGreaterThan(0);
    expect(view.effect!.difference).toBeLessThan(0);
    // a second start leaves it alone
    expect(await loadDemoCampaign(db, { register: async () => {}, reportCase: async () => {} })).toBeNull();
  }, 120_000);
});
