import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import type { Client } from '../../../test/harness/server.ts';
import { DEFAULT_FOLLOWUP } from './followup.ts';
import { DEFAULT_SLA } from './sla.ts';
import { startLoopServer, startPeers, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';

// What the station and the centre do around a warning, on the database through the real HTTP server:
// assigning an officer (station officers have no users:read), the configurable time limits and follow-up days,
// and the lists the phone pages read (board rows with their actions, the grid worker's follow-ups).
let s: LoopServer;
let peers: Awaited<ReturnType<typeof startPeers>>;
let org: TestOrg;
let analyst: Client;
let officerA: Client;
let officerB: Client;
let grid: Client;

beforeAll(async () => {
  peers = await startPeers();
  s = await startLoopServer({ dissuasion: { channels: peers.channels, pollMs: 100 } });
  org = await seedOrg(s.database.db);
  [analyst, officerA, officerB, grid] = (await Promise.all(
    ['analyst', 'officerA', 'officerB', 'gridA'].map((u) => s.login(u, USER_PASSWORD)),
  )) as [Client, Client, Client, Client];
  for (const [phone, name] of [
    ['13800000001', '张一'],
    ['13800000011', '李一一'],
    ['13800000021', '王二一'],
  ]) {
    expect((await analyst.post('/api/v1/residents', { name, phone, unitId: org.gridA.id })).status).toBe(201);
  }
});
afterAll(async () => {
  await s?.close();
  await peers?.stop();
});

const enter = (phone: string, level = 'high') =>
  analyst.post('/api/v1/warnings', {
    level,
    fraudTypes: ['impersonate_authority'],
    subject: { phone, name: '张一' },
    summary: '96110 来电',
  });
const wf = async (c: Client, id: string) => (await c.get(`/api/v1/warnings/${id}/workflow`)).body;
const act = (c: Client, id: string, body: Record<string, unknown>) => c.post(`/api/v1/warnings/${id}/actions`, body);
const dispatched = async (phone: string) => {
  const id = (await enter(phone)).body.id as string;
  await waitFor(async () => (await wf(officerA, id)).status === 'dispatched', 10_000, 'dispatch');
  return id;
};

describe('assigning an officer', () => {
  it('a station officer picks a colleague of the holding unit from the list; others are refused with the field', async () => {
    const id = await dispatched('13800000001');
    expect((await act(officerA, id, { type: 'sign' })).status).toBe(200);
    const list = await officerA.get(`/api/v1/warnings/${id}/assignees`);
    expect(list.status).toBe(200);
    const names = list.body.items.map((u: { displayName: string }) => u.displayName).sort();
    expect(names).toEqual(['gridA', 'officerA']); // the station and its grid, nobody from station B
    const gridUser = list.body.items.find((u: { displayName: string }) => u.displayName === 'gridA');
    expect((await act(officerA, id, { type: 'assign', userId: gridUser.id })).status).toBe(200);
    const d = await wf(officerA, id);
    expect(d.assigneeName).toBe('gridA');
    expect(d.signedByName).toBe('officerA');
    expect(d.transitions.at(-1)).toMatchObject({ command: 'assign', ok: true });

    const other = (await (await s.login()).get(`/api/v1/users?unitId=${org.stationB.id}`)).body.items[0];
    const r = await act(officerA, id, { type: 'assign', userId: other.id });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('userId');
    expect((await act(officerA, id, { type: 'assign', userId: 'no-such-user' })).status).toBe(400);
    expect((await officerB.get(`/api/v1/warnings/${id}/assignees`)).status).toBe(404);
    expect((await grid.get(`/api/v1/warnings/${id}/assignees`)).status).toBe(403);
  });
});

describe('the board rows carry what the state allows', () => {
  it('a dispatched 高 warning offers 签收, and closing only as 误报 until a unit signs for it', async () => {
    const id = await dispatched('13800000011');
    const row = (await officerA.get('/api/v1/warnings/board?open=true')).body.items.find(
      (w: { id: string }) => w.id === id,
    );
    expect(row.allowedActions).toContain('sign');
    expect(row.closeDispositions).toEqual(['false_alarm']);
    expect((await wf(officerA, id)).closeDispositions).toEqual(['false_alarm']);
    expect((await act(officerA, id, { type: 'sign' })).status).toBe(200);
    expect((await wf(officerA, id)).closeDispositions).toEqual([
      'dissuaded',
      'defrauded',
      'unreachable',
      'refused',
      'false_alarm',
    ]);
  });
});

describe("time limits and follow-up days are the centre's configuration", () => {
  const levels = structuredClone(DEFAULT_SLA.levels);

  it('only the centre changes them; every bad field comes back as 400 with its path', async () => {
    expect((await officerA.get('/api/v1/dissuasion/config')).body.sla.levels.high.signMs).toBe(
      DEFAULT_SLA.levels.high.signMs,
    );
    expect((await officerA.request('PUT', '/api/v1/dissuasion/config', { levels, followupDays: [1] })).status).toBe(
      403,
    );
    const bad = structuredClone(levels);
    bad.high.signMs = bad.high.visitMs + 60_000;
    const r1 = await analyst.request('PUT', '/api/v1/dissuasion/config', { levels: bad, followupDays: [1, 7] });
    expect(r1.status).toBe(400);
    expect(r1.body.message).toMatch(/levels/);
    const r2 = await analyst.request('PUT', '/api/v1/dissuasion/config', { levels, followupDays: [7, 1] });
    expect(r2.status).toBe(400);
    expect(r2.body.field).toBe('followupDays');
    const r3 = await analyst.request('PUT', '/api/v1/dissuasion/config', {
      levels: { ...levels, high: { ...levels.high, signMs: 'soon' } },
      followupDays: [1],
    });
    expect(r3.status).toBe(400);
    expect(r3.body.field).toBe('levels.high.signMs');
  });

  it('a saved configuration times the next warnings and schedules its follow-up days; it is read back after a restart', async () => {
    const mine = structuredClone(levels);
    mine.high.signMs = 7 * 60_000;
    mine.high.visitMs = 45 * 60_000;
    mine.medium.signMs = Math.max(mine.medium.signMs, mine.high.signMs);
    const put = await analyst.request('PUT', '/api/v1/dissuasion/config', { levels: mine, followupDays: [2, 14, 45] });
    expect(put.status).toBe(200);
    expect(put.body.sla.version).toMatch(/^sla-\d+$/);
    expect(put.body.updatedBy).toBe('analyst');

    const id = await dispatched('13800000021');
    const d = await wf(officerA, id);
    const due = Object.fromEntries(d.countdowns.map((c: { timer: string; dueAt: number }) => [c.timer, c.dueAt]));
    // both clocks start at the dispatch: their distance is the configured difference, whatever the machine's speed
    expect(due.visit - due.sign).toBe(mine.high.visitMs - mine.high.signMs);
    for (const body of [
      { type: 'sign' },
      { type: 'start_visit' },
      { type: 'close', disposition: 'dissuaded', note: '已劝阻' },
    ])
      expect((await act(officerA, id, body)).status).toBe(200);
    const closed = await wf(officerA, id);
    expect(closed.followups.map((f: { day: number }) => f.day)).toEqual([2, 14, 45]);
    expect(closed.followups[0].assigneeName).toBe('gridA');
    expect(closed.disposition).toMatchObject({ disposition: 'dissuaded' });

    // a restart: the runtime starts from the defaults and reads the stored configuration back
    s.rt.sla = DEFAULT_SLA;
    s.rt.followup = DEFAULT_FOLLOWUP;
    await s.rt.loadConfig();
    expect(s.rt.sla.levels.high.signMs).toBe(7 * 60_000);
    expect(s.rt.followup.days).toEqual([2, 14, 45]);
  });
});

describe("the grid worker's follow-up list", () => {
  it('says whom to revisit (masked), why, and whether the warning itself can be opened', async () => {
    const due = await grid.get(
      `/api/v1/followups?due=${new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)}`,
    );
    expect(due.status).toBe(200);
    expect(due.body.items.length).toBeGreaterThan(0);
    const f = due.body.items[0];
    expect(f.subject.phone).toBe('138****0021');
    expect(f.subject.name).not.toBe('张一');
    expect(f.fraudTypes.map((x: { code: string }) => x.code)).toEqual(['impersonate_authority']);
    expect(f.disposition).toBe('dissuaded');
    expect(f.assigneeName).toBe('gridA');
    expect(f.canOpen).toBe(false); // the warning is held by the station above the grid
    expect(
      (await officerA.get('/api/v1/followups?all=true')).body.items.every((x: { canOpen: boolean }) => x.canOpen),
    ).toBe(true);
  });
});

describe("the unit's duty officer", () => {
  it("hears the unit's notices addressed by name, wherever they are; only an active officer of the unit can be set", async () => {
    const admin = await s.login();
    const users = (await admin.get('/api/v1/users')).body.items as { id: string; username: string }[];
    const idOf = (u: string) => users.find((x) => x.username === u)!.id;
    const bad = await analyst.request('PUT', `/api/v1/units/${org.stationA.id}/notification-settings`, {
      dutyUserId: idOf('officerB'),
      webhookUrl: null,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('dutyUserId');
    const put = await analyst.request('PUT', `/api/v1/units/${org.stationA.id}/notification-settings`, {
      dutyUserId: idOf('officerA'),
      webhookUrl: null,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ dutyUserName: 'officerA', webhookUrl: null });
    expect(put.body.candidates.map((c: { displayName: string }) => c.displayName).sort()).toEqual([
      'gridA',
      'officerA',
    ]);

    // a subscriber that sees nothing by unit: only notices addressed to the duty officer reach it
    const heard: { kind: string; warningId: string; userId?: string }[] = [];
    const off = s.rt.hub.subscribe({
      userId: idOf('officerA'),
      unitPath: '/no-such-unit/',
      send: (n) => heard.push(n),
    });
    try {
      expect(
        (await analyst.post('/api/v1/residents', { name: '吴十', phone: '13800000031', unitId: org.gridA.id })).status,
      ).toBe(201);
      const id = await dispatched('13800000031');
      await waitFor(() => heard.some((n) => n.warningId === id && n.kind === 'notify_unit'), 5_000, 'duty notice');
      expect(heard.find((n) => n.warningId === id && n.kind === 'notify_unit')).toMatchObject({
        userId: idOf('officerA'),
        level: 'high',
      });
    } finally {
      off();
      await analyst.request('PUT', `/api/v1/units/${org.stationA.id}/notification-settings`, {
        dutyUserId: null,
        webhookUrl: null,
      });
    }
  });
});
