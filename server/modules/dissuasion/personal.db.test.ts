import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import type { Client } from '../../../test/harness/server.ts';
import { residents } from '../residents/testing/tables.ts';
import { startLoopServer, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';

// The warning screens show personal data masked; a role holding personal:unmask sees the subject (name, phone,
// address) and the relatives' numbers in full when it asks with a purpose, and each such read is audited with
// that purpose. Others keep the masked view. Follow-ups: the grid worker sees their own assignments.
let s: LoopServer;
let org: TestOrg;
let analyst: Client;
let officerA: Client;
let leader: Client;
let grid: Client;
let admin: Client;
let id: string;
const PURPOSE = { 'X-Purpose': encodeURIComponent('上门劝阻核实身份') };

beforeAll(async () => {
  s = await startLoopServer({ dissuasion: { pollMs: 60_000 } });
  org = await seedOrg(s.database.db);
  [analyst, officerA, leader, grid] = (await Promise.all(
    ['analyst', 'officerA', 'leader', 'gridA'].map((u) => s.login(u, USER_PASSWORD)),
  )) as [Client, Client, Client, Client];
  admin = await s.login();
  expect(
    (await analyst.post('/api/v1/residents', { name: '周九', phone: '13400000009', unitId: org.gridA.id })).status,
  ).toBe(201);
  await s.database.db
    .update(residents)
    .set({ relatives: [{ name: '周大', relation: '儿子', phone: '13400000010' }] })
    .where(eq(residents.phone, '13400000009'));
  id = (
    await analyst.post('/api/v1/warnings', {
      level: 'high',
      fraudTypes: ['impersonate_authority'],
      subject: { name: '周九', phone: '13400000009', address: '广西河池市金城江区新建路12号3单元' },
    })
  ).body.id;
  await waitFor(
    async () => (await officerA.get(`/api/v1/warnings/${id}/workflow`)).body.status === 'dispatched',
    5_000,
    'dispatch',
  );
});
afterAll(async () => {
  await s?.close();
});

describe('the subject on the warning screens', () => {
  it('is masked by default, the address too', async () => {
    const d = (await officerA.get(`/api/v1/warnings/${id}/workflow`)).body;
    expect(d.subject).toEqual({
      name: '周*',
      phone: '134****0009',
      idNumber: null,
      address: '广西河池市金城江区***',
      masked: true,
    });
    expect(d.relatives).toEqual([{ name: '周*', relation: '儿子', phone: '134****0010' }]);
    expect((await officerA.get(`/api/v1/warnings/${id}`)).body.subject.address).toBe('广西河池市金城江区***');
  });

  it('a station officer who asks with a purpose sees name, phone, address and relatives in full; the read is audited with it', async () => {
    const r = await officerA.request('GET', `/api/v1/warnings/${id}/workflow?unmask=true`, undefined, PURPOSE);
    expect(r.status).toBe(200);
    expect(r.body.subject).toEqual({
      name: '周九',
      phone: '13400000009',
      idNumber: null,
      address: '广西河池市金城江区新建路12号3单元',
      masked: false,
    });
    expect(r.body.relatives).toEqual([{ name: '周大', relation: '儿子', phone: '13400000010' }]);
    const trail = (await admin.get(`/api/v1/audit?entityId=${id}&action=view_unmasked`)).body.items;
    expect(trail[0]).toMatchObject({ action: 'view_unmasked', purpose: '上门劝阻核实身份', actorName: 'officerA' });
    // the inbox rows too
    const board = await officerA.request('GET', '/api/v1/warnings/board?open=true&unmask=true', undefined, PURPOSE);
    expect(board.body.items.find((w: { id: string }) => w.id === id).subject).toMatchObject({
      name: '周九',
      phone: '13400000009',
      address: '广西河池市金城江区新建路12号3单元',
    });
  });

  it('without a purpose the request is refused (400 X-Purpose); without the permission 403; nothing leaks', async () => {
    const r = await officerA.get(`/api/v1/warnings/${id}/workflow?unmask=true`);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('X-Purpose');
    expect(
      (await leader.request('GET', `/api/v1/warnings/${id}/workflow?unmask=true`, undefined, PURPOSE)).status,
    ).toBe(403);
    expect((await leader.get(`/api/v1/warnings/${id}/workflow`)).body.subject.phone).toBe('134****0009');
    expect((await leader.request('GET', '/api/v1/warnings/board?unmask=true', undefined, PURPOSE)).status).toBe(403);
  });
});

describe('follow-ups', () => {
  let followupId: string;
  beforeAll(async () => {
    expect((await officerA.post(`/api/v1/warnings/${id}/actions`, { type: 'sign' })).status).toBe(200);
    expect(
      (
        await officerA.post(`/api/v1/warnings/${id}/actions`, {
          type: 'close',
          disposition: 'dissuaded',
          note: '已劝阻',
        })
      ).status,
    ).toBe(200);
  });

  it('the grid worker sees their assignments, and the person in full when asking with a purpose', async () => {
    const mine = (await grid.get('/api/v1/followups?mine=true&all=true')).body.items;
    expect(mine.map((f: { day: number }) => f.day)).toEqual([1, 7, 30, 60, 90]);
    expect(mine[0].subject).toMatchObject({ name: '周*', address: '广西河池市金城江区***', masked: true });
    followupId = mine[0].id;
    const full = await grid.request('GET', '/api/v1/followups?mine=true&all=true&unmask=true', undefined, PURPOSE);
    expect(full.body.items[0].subject).toMatchObject({
      name: '周九',
      phone: '13400000009',
      address: '广西河池市金城江区新建路12号3单元',
      masked: false,
    });
    // officers have no assignments of their own here
    expect((await officerA.get('/api/v1/followups?mine=true&all=true')).body.items).toEqual([]);
  });

  it('a read-only leader cannot record a follow-up; the grid worker can', async () => {
    expect((await leader.post(`/api/v1/followups/${followupId}`, { record: '代录' })).status).toBe(403);
    expect((await grid.post(`/api/v1/followups/${followupId}`, { record: '电话回访，情况稳定' })).status).toBe(200);
  });

  it('a disabled grid worker is not given new follow-ups: the closing unit keeps them', async () => {
    // the grid's only grid worker left (account disabled)
    const gridUsers = (await admin.get(`/api/v1/users?unitId=${org.gridA.id}`)).body.items as {
      id: string;
      username: string;
    }[];
    for (const u of gridUsers)
      expect((await admin.request('PATCH', `/api/v1/users/${u.id}`, { disabled: true })).status).toBe(200);
    const w = (
      await analyst.post('/api/v1/warnings', {
        level: 'high',
        fraudTypes: ['impersonate_authority'],
        subject: { phone: '13400000009' },
      })
    ).body.id;
    await waitFor(
      async () => (await officerA.get(`/api/v1/warnings/${w}/workflow`)).body.status === 'dispatched',
      5_000,
      'dispatch',
    );
    expect((await officerA.post(`/api/v1/warnings/${w}/actions`, { type: 'sign' })).status).toBe(200);
    expect(
      (
        await officerA.post(`/api/v1/warnings/${w}/actions`, {
          type: 'close',
          disposition: 'dissuaded',
          note: '已劝阻',
        })
      ).status,
    ).toBe(200);
    const fus = (await officerA.get(`/api/v1/warnings/${w}/workflow`)).body.followups as {
      assigneeKind: string;
      assigneeId: string;
    }[];
    expect(fus.length).toBe(5);
    expect(fus.every((f) => f.assigneeKind === 'unit' && f.assigneeId === org.stationA.id)).toBe(true);
  });
});
