// Channels beyond SMS on a real database through the real HTTP server: a door-to-door campaign gives the grid
// worker a list of the targeted residents of their grid only (never the holdout, never another grid), visits are
// recorded with their outcome and count as reached in the coverage per grid × audience; WeChat text; talks with
// photos checked by content; volunteers and their hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { createResident } from '../residents/index.ts';

let server: TestServer;
let org: TestOrg;
let analyst: Client, gridA: Client, officerB: Client;
const phone = (i: number) => `139${String(20000000 + i).padStart(8, '0')}`;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedOrg(server.database.db);
  for (let i = 0; i < 40; i++)
    await createResident(server.database.db, SYSTEM_ACTOR, {
      name: `居民${i}`,
      phone: phone(i),
      address: `城${i % 2 ? '北' : '东'}路${i}号`,
      unitId: i % 2 ? org.gridA.id : org.gridB.id,
      birthYear: 1950,
      occupation: 'retired',
    });
  analyst = await server.login('analyst', USER_PASSWORD);
  gridA = await server.login('gridA', USER_PASSWORD);
  officerB = await server.login('officerB', USER_PASSWORD);
});
afterAll(async () => server?.close());

describe('door-to-door, talks, volunteers', () => {
  let id = '';
  it('a door-to-door campaign lists only targeted residents of the grid worker’s grid', async () => {
    const r = await analyst.post('/api/v1/prevention/campaigns', {
      unitId: org.city.id,
      fraudType: 'impersonate_authority',
      ageBand: 'over_65',
      text: '【河池反诈】公检法不会电话办案，没有安全账户',
      channels: ['door', 'wechat'],
      holdoutShare: 0.3,
    });
    expect(r.status).toBe(201);
    id = r.body.id;
    const tasks = await gridA.get(`/api/v1/prevention/door-tasks?campaignId=${id}`);
    expect(tasks.status).toBe(200);
    expect(tasks.body.items.length).toBeGreaterThan(5);
    expect(tasks.body.items.every((t: { unitId: string }) => t.unitId === org.gridA.id)).toBe(true);
    expect(tasks.body.items[0].address).toMatch(/城北路/);
    expect(tasks.body.items[0].phone).not.toMatch(/^139\d{8}$/); // masked
    const view = await analyst.get(`/api/v1/prevention/campaigns/${id}`);
    const gridTarget = view.body.coverage.find((c: { unitId: string }) => c.unitId === org.gridA.id).target;
    expect(tasks.body.items).toHaveLength(gridTarget); // the holdout is not on the list
  });

  it('visits are recorded; met counts as reached; the holdout and other grids are refused', async () => {
    const tasks = (await gridA.get(`/api/v1/prevention/door-tasks?campaignId=${id}`)).body.items;
    const met = await gridA.post(`/api/v1/prevention/campaigns/${id}/visits`, {
      residentId: tasks[0].residentId,
      outcome: 'met',
      note: '已讲解冒充公检法套路',
    });
    expect(met.status).toBe(201);
    const away = await gridA.post(`/api/v1/prevention/campaigns/${id}/visits`, {
      residentId: tasks[1].residentId,
      outcome: 'not_home',
    });
    expect(away.status).toBe(201);
    const bad = await gridA.post(`/api/v1/prevention/campaigns/${id}/visits`, {
      residentId: tasks[2].residentId,
      outcome: 'maybe',
    });
    expect(bad.status).toBe(400);
    // a resident of grid B is outside grid A's jurisdiction
    const rows = (await server.database.db.execute(
      `select resident_id, arm, unit_id from prevention_campaign_members where campaign_id = '${id}'` as never,
    )) as unknown as { rows: { resident_id: string; arm: string; unit_id: string }[] };
    const other = rows.rows.find((m) => m.unit_id === org.gridB.id && m.arm === 'target')!;
    expect(
      (await gridA.post(`/api/v1/prevention/campaigns/${id}/visits`, { residentId: other.resident_id, outcome: 'met' }))
        .status,
    ).toBe(404);
    const held = rows.rows.find((m) => m.unit_id === org.gridA.id && m.arm === 'holdout')!;
    const h = await gridA.post(`/api/v1/prevention/campaigns/${id}/visits`, {
      residentId: held.resident_id,
      outcome: 'met',
    });
    expect(h.status).toBe(400);
    expect(h.body.field).toBe('residentId');
    const view = await analyst.get(`/api/v1/prevention/campaigns/${id}`);
    const a = view.body.coverageByAudience.find((c: { unitId: string }) => c.unitId === org.gridA.id);
    expect(a).toMatchObject({ ageBand: 'over_65', occupation: 'retired', reached: 1, byVisit: 1, bySms: 0 });
    const next = (await gridA.get(`/api/v1/prevention/door-tasks?campaignId=${id}`)).body.items;
    expect(next[next.length - 1].lastOutcome).toBe('met'); // not yet met first
  });

  it('gives WeChat text for the group, with no links', async () => {
    const t = await analyst.get(`/api/v1/prevention/campaigns/${id}/wechat-text`);
    expect(t.status).toBe(200);
    expect(t.body.text).toContain('安全账户');
    expect(t.body.text).not.toMatch(/https?:/);
    expect((await officerB.get(`/api/v1/prevention/campaigns/${id}/wechat-text`)).status).toBe(404);
  });

  it('records a talk with photos checked by content, and volunteers with their hours', async () => {
    const talk = await analyst.post('/api/v1/prevention/talks', {
      unitId: org.gridA.id,
      campaignId: id,
      title: '防范冒充公检法诈骗宣讲',
      place: '城北社区活动室',
      heldAt: new Date().toISOString(),
      speakers: ['张警官', '李网格员'],
      audience: '社区老年人',
      attendance: 56,
    });
    expect(talk.status).toBe(201);
    const up = async (bytes: Uint8Array) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), 'p.jpg');
      const res = await fetch(`${server.url}/api/v1/prevention/talks/${talk.body.id}/photos`, {
        method: 'POST',
        body: form,
        headers: { cookie: analyst.cookie },
      });
      return { status: res.status, body: await res.json() };
    };
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    const ok = await up(jpeg);
    expect(ok.status).toBe(201);
    const svg = await up(new TextEncoder().encode('<svg onload="alert(1)"></svg>'));
    expect(svg.status).toBe(400);
    const photo = await analyst.get(`/api/v1/prevention/talks/${talk.body.id}/photos/${ok.body.id}`);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const list = await analyst.get(`/api/v1/prevention/talks?campaignId=${id}`);
    expect(list.body.items[0]).toMatchObject({ attendance: 56, photos: 1, speakers: ['张警官', '李网格员'] });

    const v = await analyst.post('/api/v1/prevention/volunteers', {
      unitId: org.gridA.id,
      name: '王志愿',
      phone: '13800138000',
    });
    expect(v.status).toBe(201);
    const day = new Date().toISOString().slice(0, 10);
    expect(
      (
        await analyst.post(`/api/v1/prevention/volunteers/${v.body.id}/hours`, {
          day,
          hours: 2.5,
          activity: '宣讲',
          campaignId: id,
        })
      ).status,
    ).toBe(201);
    expect(
      (await analyst.post(`/api/v1/prevention/volunteers/${v.body.id}/hours`, { day, hours: 30, activity: 'x' }))
        .status,
    ).toBe(400);
    const vs = await analyst.get('/api/v1/prevention/volunteers');
    expect(vs.body.totalHours).toBe(2.5);
    expect(vs.body.items[0].phone).not.toBe('13800138000');
  });
});
