// Risk groups through the real HTTP server: warnings and cases of the last weeks, the resident registry's grids,
// ages and occupations → this week's ranked groups with their counts, scoped to the caller's jurisdiction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { createResident } from '../residents/index.ts';
import { recordCaseSignal } from './index.ts';

let server: TestServer;
let org: TestOrg;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedOrg(server.database.db);
  const db = server.database.db;
  for (let i = 0; i < 6; i++) {
    await createResident(db, SYSTEM_ACTOR, { name: `学生${i}`, phone: `1390000100${i}`, unitId: org.gridA.id, birthYear: 2005, occupation: '学生' });
  }
  await createResident(db, SYSTEM_ACTOR, { name: '退休', phone: '13900002000', unitId: org.gridB.id, birthYear: 1950, occupation: '退休' });
});
afterAll(async () => server?.close());

describe('risk groups', () => {
  it('ranks students in grid A for 刷单返利 first, with the counts behind the score', async () => {
    const analyst = await server.login('analyst', USER_PASSWORD);
    for (let i = 0; i < 4; i++) {
      const r = await analyst.post('/api/v1/warnings', { level: 'medium', fraudTypes: ['brushing_rebate'], subject: { phone: `1390000100${i}` } });
      expect(r.status).toBe(201);
    }
    await analyst.post('/api/v1/warnings', { level: 'high', fraudTypes: ['impersonate_authority'], subject: { phone: '13900002000' } });
    await recordCaseSignal(server.database.db, {
      caseId: 'C-1', unitId: org.stationA.id, reportedAt: new Date(), fraudTypes: ['brushing_rebate'], victim: { phone: '13900001005' },
    });
    const r = await analyst.get(`/api/v1/prevention/risk-groups?unitId=${org.city.id}`);
    expect(r.status).toBe(200);
    expect(r.body.items[0]).toMatchObject({
      fraudType: 'brushing_rebate', fraudTypeName: '刷单返利', ageBand: '18_40', occupation: '学生', unitId: org.gridA.id,
      counts: { casesThisWeek: 1, warningsThisWeek: 4, residents: 6 },
    });
    expect(r.body.items.find((g: { fraudType: string }) => g.fraudType === 'impersonate_authority'))
      .toMatchObject({ ageBand: 'over_65', occupation: '退休', unitId: org.gridB.id, counts: { warningsThisWeek: 1 } });
    const scores = r.body.items.map((g: { score: number }) => g.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('a station officer sees only their jurisdiction; another unit is 404', async () => {
    const officerA = await server.login('officerA', USER_PASSWORD);
    const mine = await officerA.get('/api/v1/prevention/risk-groups');
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((g: { unitId: string }) => g.unitId === org.gridA.id || g.unitId === org.stationA.id)).toBe(true);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect((await officerA.get(`/api/v1/prevention/risk-groups?unitId=${org.stationB.id}`)).status).toBe(404);
    expect((await (await server.login('bank', USER_PASSWORD)).get('/api/v1/prevention/risk-groups')).status).toBe(403);
  });
});
