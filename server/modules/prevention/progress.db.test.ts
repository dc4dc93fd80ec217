// Door-to-door progress for the analyst's page on a real database through the real HTTP server: per grid the
// targeted residents, those visited and those met; per grid worker their visits; a grid worker sees only their grid;
// and a talk's photo list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { createResident } from '../residents/index.ts';

let server: TestServer;
let org: TestOrg;
let analyst: Client, gridA: Client, officerB: Client;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedOrg(server.database.db);
  for (let i = 0; i < 20; i++)
    await createResident(server.database.db, SYSTEM_ACTOR, {
      name: `进度${i}`,
      phone: `1392${String(1000000 + i).padStart(7, '0')}`,
      address: `进度路${i}号`,
      unitId: i % 2 ? org.gridA.id : org.gridB.id,
      birthYear: 1948,
      occupation: 'retired',
    });
  analyst = await server.login('analyst', USER_PASSWORD);
  gridA = await server.login('gridA', USER_PASSWORD);
  officerB = await server.login('officerB', USER_PASSWORD);
});
afterAll(async () => server?.close());

it('counts targeted, visited and met per grid and the visits of each grid worker', async () => {
  const c = await analyst.post('/api/v1/prevention/campaigns', {
    unitId: org.city.id,
    fraudType: 'impersonate_authority',
    ageBand: 'over_65',
    text: '【反诈】公检法不会电话办案',
    channels: ['door'],
    holdoutShare: 0.2,
  });
  expect(c.status).toBe(201);
  const id = c.body.id as string;
  const before = await analyst.get(`/api/v1/prevention/door-progress?campaignId=${id}`);
  expect(before.status).toBe(200);
  const gridBefore = before.body.grids.find((g: { unitId: string }) => g.unitId === org.gridA.id);
  const tasks = (await gridA.get(`/api/v1/prevention/door-tasks?campaignId=${id}`)).body.items;
  expect(gridBefore).toMatchObject({ target: tasks.length, visited: 0, met: 0 });
  expect(before.body.visitors).toEqual([]);

  const visit = (residentId: string, outcome: string) =>
    gridA.post(`/api/v1/prevention/campaigns/${id}/visits`, { residentId, outcome });
  expect((await visit(tasks[0].residentId, 'not_home')).status).toBe(201);
  expect((await visit(tasks[0].residentId, 'met')).status).toBe(201); // second try, met
  expect((await visit(tasks[1].residentId, 'refused')).status).toBe(201);

  const after = await analyst.get(`/api/v1/prevention/door-progress?campaignId=${id}`);
  expect(after.body.grids.find((g: { unitId: string }) => g.unitId === org.gridA.id)).toMatchObject({
    target: tasks.length,
    visited: 2,
    met: 1,
  });
  expect(after.body.grids.find((g: { unitId: string }) => g.unitId === org.gridB.id)).toMatchObject({
    visited: 0,
    met: 0,
  });
  expect(after.body.visitors).toHaveLength(1);
  expect(after.body.visitors[0]).toMatchObject({ unitId: org.gridA.id, visits: 3, residents: 2, met: 1 });
  expect(after.body.visitors[0].visitedBy).toBeTruthy();

  // the grid worker sees only their grid (of a city-wide campaign); another station's officer only theirs
  const mine = await gridA.get(`/api/v1/prevention/door-progress?campaignId=${id}`);
  expect(mine.body.grids.map((g: { unitId: string }) => g.unitId)).toEqual([org.gridA.id]);
  const other = await officerB.get('/api/v1/prevention/door-progress');
  expect(other.body.grids.map((g: { unitId: string }) => g.unitId)).toEqual([org.gridB.id]);
  expect(other.body.visitors).toEqual([]);
  expect((await analyst.get('/api/v1/prevention/door-progress?campaignId=nope')).body).toEqual({
    grids: [],
    visitors: [],
  });
  expect((await analyst.get('/api/v1/prevention/door-progress?bogus=1')).status).toBe(400);
});

it('lists the photos of a talk, only within the jurisdiction', async () => {
  const talk = await analyst.post('/api/v1/prevention/talks', {
    unitId: org.gridA.id,
    title: '宣讲',
    place: '城北社区活动室',
    heldAt: new Date().toISOString(),
    speakers: ['张警官'],
    attendance: 30,
  });
  expect(talk.status).toBe(201);
  const empty = await analyst.get(`/api/v1/prevention/talks/${talk.body.id}/photos`);
  expect(empty.body.items).toEqual([]);
  const form = new FormData();
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  form.append('file', new Blob([png]), 'p.png');
  const up = await fetch(`${server.url}/api/v1/prevention/talks/${talk.body.id}/photos`, {
    method: 'POST',
    body: form,
    headers: { cookie: analyst.cookie },
  });
  expect(up.status).toBe(201);
  const list = await analyst.get(`/api/v1/prevention/talks/${talk.body.id}/photos`);
  expect(list.body.items).toEqual([{ id: ((await up.json()) as { id: string }).id, mime: 'image/png', size: 12 }]);
  expect((await officerB.get(`/api/v1/prevention/talks/${talk.body.id}/photos`)).status).toBe(404);
});
