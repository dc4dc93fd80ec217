import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { Client } from '../../../test/harness/server.ts';
import { signedHeaders } from '../channels/index.ts';
import { startLoopServer, startPeers, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';

// The loop on the database, through the real HTTP server, with the real voice gateway simulator (HTTP, signed)
// and SMSC simulator (SMPP over TCP) on localhost, and a WeCom-format receiver standing in for a unit's robot.
let s: LoopServer;
let peers: Awaited<ReturnType<typeof startPeers>>;
let org: TestOrg;
let analyst: Client;
let officerA: Client;
let officerB: Client;
let grid: Client;
let robot: FastifyInstance;
let robotUrl: string;
const robotMessages: string[] = [];

beforeAll(async () => {
  peers = await startPeers();
  s = await startLoopServer({ dissuasion: { channels: peers.channels, pollMs: 100, webhookAllowPrivate: true } }); // the robot listens on loopback
  org = await seedOrg(s.database.db);
  [analyst, officerA, officerB, grid] = (await Promise.all(
    ['analyst', 'officerA', 'officerB', 'gridA'].map((u) => s.login(u, USER_PASSWORD)),
  )) as [Client, Client, Client, Client];
  robot = Fastify();
  robot.post('/robot', async (req) => {
    robotMessages.push((req.body as { markdown: { content: string } }).markdown.content);
    return { errcode: 0, errmsg: 'ok' };
  });
  await robot.listen({ port: 0, host: '127.0.0.1' });
  const a = robot.server.address();
  robotUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/robot`;
  for (const [phone, name] of [
    ['13800000001', '张一'],
    ['13800000003', '张三'],
    ['13800000005', '张五'],
  ]) {
    const r = await analyst.post('/api/v1/residents', { name, phone, unitId: org.gridA.id });
    expect(r.status).toBe(201);
  }
  expect(
    (
      await analyst.request('PUT', `/api/v1/units/${org.stationA.id}/notification-settings`, {
        dutyUserId: null,
        webhookUrl: robotUrl,
      })
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await s?.close();
  await peers?.stop();
  await robot?.close();
});

const enter = (phone: string, level = 'high', extra: Record<string, unknown> = {}) =>
  analyst.post('/api/v1/warnings', {
    level,
    fraudTypes: ['impersonate_authority'],
    subject: { phone },
    summary: '96110 来电',
    ...extra,
  });
const wf = async (c: Client, id: string) => (await c.get(`/api/v1/warnings/${id}/workflow`)).body;
const act = (c: Client, id: string, body: Record<string, unknown>) => c.post(`/api/v1/warnings/${id}/actions`, body);

describe('auto-contact over the real channels', () => {
  it("a 高 warning whose call comes back busy is dispatched to the resident grid's station within seconds; SMS travel over SMPP with a receipt", async () => {
    const t0 = Date.now();
    const res = await enter('13800000001');
    expect(res.status).toBe(201);
    const id = res.body.id;
    const d = await waitFor(
      async () => {
        const x = await wf(officerA, id);
        return x.status === 'dispatched' && x;
      },
      10_000,
      'dispatch',
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(d.unitId).toBe(org.stationA.id);
    const voice = d.attempts.find((a: { channel: string }) => a.channel === 'voice');
    expect(voice).toMatchObject({ outcome: 'busy', ok: false });
    expect(voice.externalId).toMatch(new RegExp(`^${id}\\.1\\.[0-9a-f]{12}$`)); // not guessable from the warning id
    expect(
      peers.voice.calls
        .get(voice.externalId)
        ?.request.segments.map((x) => x.text)
        .join(''),
    ).toContain('公检法');
    // 双线并行: the station's field task and the centre's desk task
    expect(d.tasks.map((t: { kind: string; unitId: string }) => `${t.kind}:${t.unitId}`).sort()).toEqual([
      `desk:${org.city.id}`,
      `field:${org.stationA.id}`,
    ]);
    expect(d.countdowns.map((c: { timer: string }) => c.timer).sort()).toEqual(['sign', 'visit']);
    const sms = await waitFor(
      async () =>
        (await wf(officerA, id)).attempts.find(
          (a: { channel: string; outcome: string }) => a.channel === 'sms' && a.outcome === 'delivered',
        ),
      10_000,
      'sms receipt',
    );
    expect(sms.record.receipt.stat).toBe('DELIVRD');
    const got = peers.smsc.received.find((m) => m.to === '13800000001')!;
    expect(got.text).toContain('安全账户');
    expect(got.text).not.toMatch(/https?:|www\./);
    await waitFor(() => robotMessages.some((m) => m.includes(id)), 5_000, 'webhook');
    expect(robotMessages.find((m) => m.includes(id))).toContain('138****0001');
    // audited: create, start_auto_contact, auto_contact_result (busy) → dispatched
    expect(d.transitions.map((t: { command: string; to: string }) => `${t.command}>${t.to}`)).toEqual([
      'create>new',
      'start_auto_contact>auto_contact',
      'auto_contact_result>dispatched',
    ]);
  });

  it('voice callbacks are signed and idempotent by callId', async () => {
    const res = await enter('13800000009', 'medium');
    const id = res.body.id;
    await waitFor(
      async () =>
        (await wf(analyst, id)).attempts.some(
          (a: { channel: string; outcome: string }) => a.channel === 'voice' && a.outcome !== 'queued',
        ),
      5_000,
      'callback',
    );
    const callId = (await wf(analyst, id)).attempts.find((a: { channel: string }) => a.channel === 'voice').externalId;
    const body = JSON.stringify({
      callId,
      status: 'busy',
      keys: [],
      durationSec: 0,
      startedAt: new Date().toISOString(),
      endedAt: new Date().toISOString(),
      transferred: false,
    });
    const url = `${s.url}/api/v1/channels/voice/callback`;
    const forged = await fetch(url, {
      method: 'POST',
      body,
      headers: { ...signedHeaders('wrong-secret-wrong-secret', body, Date.now()) },
    });
    expect(forged.status).toBe(401);
    const again = await fetch(url, {
      method: 'POST',
      body,
      headers: signedHeaders(peers.channels.voiceGatewaySecret, body, Date.now()),
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    // medium, answered and pressed 1 → the centre's review queue, with its deadline
    const d = await wf(analyst, id);
    expect(d.status).toBe('review');
    expect(d.countdowns.map((c: { timer: string }) => c.timer)).toEqual(['review']);
  });
});

describe('the station works the warning', () => {
  let id: string;
  beforeAll(async () => {
    id = (await enter('13800000003')).body.id; // answers and presses 1; 高 still goes to the station
    await waitFor(async () => (await wf(officerA, id)).status === 'dispatched', 10_000, 'dispatch');
  });

  it('illegal transitions are 409 with the reason, bad input 400, outside the jurisdiction 404; refusals are audited', async () => {
    const r = await act(officerA, id, { type: 'start_visit' });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/start_visit is not allowed in state dispatched/);
    expect((await act(officerA, id, { type: 'close', disposition: 'maybe', note: '' })).status).toBe(400);
    expect((await act(officerA, id, { type: 'fly' })).status).toBe(400);
    expect((await act(officerB, id, { type: 'sign' })).status).toBe(404);
    const t = (await wf(officerA, id)).transitions.at(-1);
    expect(t).toMatchObject({
      command: 'start_visit',
      ok: false,
      code: 'illegal_transition',
      from: 'dispatched',
      to: 'dispatched',
      actor: 'officerA',
    });
  });

  it('双线并行: the centre completes its desk task, the station cannot touch it', async () => {
    const d = await wf(analyst, id);
    const desk = d.tasks.find((t: { kind: string }) => t.kind === 'desk');
    expect(desk.items.join()).toMatch(/止付/);
    expect((await officerA.post(`/api/v1/warnings/${id}/tasks/${desk.id}/done`)).status).toBe(404);
    expect((await analyst.post(`/api/v1/warnings/${id}/tasks/${desk.id}/done`)).status).toBe(200);
    expect((await analyst.post(`/api/v1/warnings/${id}/tasks/${desk.id}/done`)).status).toBe(409);
    expect((await wf(analyst, id)).tasks.find((t: { id: string }) => t.id === desk.id).status).toBe('done');
  });

  it('sign → start_visit → record_contact (checklist) → close 劝阻成功 schedules the follow-ups for the grid worker', async () => {
    for (const body of [{ type: 'sign' }, { type: 'start_visit' }])
      expect((await act(officerA, id, body)).status).toBe(200);
    const checklist = {
      checkCalls: true,
      checkMessages: true,
      checkApps: true,
      checkTransfers: true,
      askCounterpart: true,
      askMoney: true,
      askTransferred: true,
      protectFunds: true,
    };
    expect(
      (await act(officerA, id, { type: 'record_contact', channel: 'visit', reached: true, note: '已见面', checklist }))
        .status,
    ).toBe(200);
    const c = await act(officerA, id, { type: 'close', disposition: 'defrauded', note: 'x' });
    expect(c.status).toBe(400); // 已被骗 needs the loss
    expect(
      (
        await act(officerA, id, {
          type: 'close',
          disposition: 'dissuaded',
          lossAvoided: 50000,
          note: '劝阻成功，未转账',
        })
      ).status,
    ).toBe(200);
    const d = await wf(officerA, id);
    expect(d.status).toBe('closed');
    expect(d.countdowns).toEqual([]);
    expect(d.attempts.find((a: { channel: string }) => a.channel === 'visit').record.checklist).toEqual(checklist);
    expect(d.followups.map((f: { day: number }) => f.day)).toEqual([1, 7, 30, 60, 90]);
    const gridUser = (await (await s.login()).get(`/api/v1/users?unitId=${org.gridA.id}`)).body.items[0];
    expect(
      d.followups.every(
        (f: { assigneeKind: string; assigneeId: string }) =>
          f.assigneeKind === 'grid_worker' && f.assigneeId === gridUser.id,
      ),
    ).toBe(true);
    expect(
      d.transitions
        .filter((t: { ok: boolean }) => t.ok)
        .map((t: { command: string }) => t.command)
        .slice(-4),
    ).toEqual(['sign', 'start_visit', 'record_contact', 'close']);
    const detail = (await officerA.get(`/api/v1/warnings/${id}`)).body;
    expect(detail.disposition).toMatchObject({ disposition: 'dissuaded', label: '劝阻成功', lossAvoided: 50000 });
    // the grid worker sees them and records one
    const due = await grid.get(
      `/api/v1/followups?due=${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}`,
    );
    expect(due.status).toBe(200);
    const first = due.body.items.find((f: { warningId: string }) => f.warningId === id);
    expect(first.day).toBe(1);
    expect((await grid.post(`/api/v1/followups/${first.id}`, { record: '电话回访，情况稳定' })).status).toBe(200);
    expect((await grid.post(`/api/v1/followups/${first.id}`, { record: 'again' })).status).toBe(409);
  });

  it('预警后被骗: the same person closed 已被骗 later flags the first warning and counts for its unit', async () => {
    const second = (await enter('13800000003', 'high')).body.id;
    expect(second).not.toBe(id);
    await waitFor(async () => (await wf(officerA, second)).status === 'dispatched', 10_000, 'dispatch');
    expect((await act(officerA, second, { type: 'sign' })).status).toBe(200);
    expect(
      (await act(officerA, second, { type: 'close', disposition: 'defrauded', loss: 120000, note: '已转账' })).status,
    ).toBe(200);
    const first = await wf(officerA, id);
    expect(first.flags).toMatchObject([
      { kind: 'warned_then_defrauded', victimKind: 'warning_defrauded', victimId: second, daysAfterClose: 0 },
    ]);
    const d2 = await wf(officerA, second);
    expect(d2.followups).toEqual([]); // a victim is followed by the case, not the grid
    expect(d2.tasks.some((t: { title: string }) => t.title.includes('紧急止付'))).toBe(true);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const kpi = (await analyst.get(`/api/v1/stats/warned-then-defrauded?from=${from}&to=${to}`)).body;
    expect(kpi.total).toBe(1);
    expect(kpi.units.find((u: { unitId: string }) => u.unitId === org.stationA.id)).toMatchObject({
      warnedThenDefrauded: 1,
      closed: 2,
    });
    expect((await officerB.get(`/api/v1/stats/warned-then-defrauded?from=${from}&to=${to}`)).body.total).toBe(0);
  });
});

describe('routing and the centre', () => {
  it('an unknown subject lands unrouted in the centre queue; the analyst dispatches it by hand; the station sees it live', async () => {
    const events: string[] = [];
    const ctrl = new AbortController();
    const stream = await fetch(`${s.url}/api/v1/notifications/stream`, {
      headers: { cookie: officerB.cookie },
      signal: ctrl.signal,
    });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    void (async () => {
      const reader = stream.body!.getReader();
      const dec = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          events.push(dec.decode(value));
        }
      } catch {
        /* aborted */
      }
    })();
    const id = (await enter('13900000007', 'low')).body.id;
    const w = (await analyst.get(`/api/v1/warnings/${id}`)).body;
    expect(w).toMatchObject({ routed: false, unitId: org.city.id });
    expect((await officerB.get(`/api/v1/warnings/${id}`)).status).toBe(404);
    const board = (await analyst.get('/api/v1/warnings/board?routed=false&open=true')).body;
    expect(board.items.map((x: { id: string }) => x.id)).toContain(id);
    expect(Array.isArray(board.items.find((x: { id: string }) => x.id === id).countdowns)).toBe(true);
    const r = await analyst.post('/api/v1/warnings/dispatch', { ids: [id], unitId: org.stationB.id });
    expect(r.body.results).toEqual([{ id, ok: true }]);
    expect((await officerB.get(`/api/v1/warnings/${id}`)).body).toMatchObject({
      unitId: org.stationB.id,
      routed: true,
      status: 'dispatched',
    });
    await waitFor(() => events.join('').includes(id), 5_000, 'SSE notice');
    ctrl.abort();
    expect(events.join('')).toContain('event: notify_unit');
  });

  it('routes by the phone home area when the registry does not know the person', async () => {
    const { putArea } = await import('../routing/index.ts');
    await putArea(s.database.db, 'phone_prefix', '1390778', org.otherDistrict.code!);
    // the area code names the district; its stations are below it, the district itself takes the warning
    const id = (await enter('13907780000', 'low')).body.id;
    expect((await analyst.get(`/api/v1/warnings/${id}`)).body).toMatchObject({
      routed: true,
      unitId: org.otherDistrict.id,
    });
    const wfd = await wf(analyst, id);
    expect(wfd.leads).toEqual([]);
  });

  it('routes by the address given with the warning, by the jurisdiction names of the organisation, and shows why', async () => {
    // nobody in the registry; 宜州区 is station B's district, 城东社区 one of its grids
    const id = (
      await enter('13900000123', 'low', {
        subject: { phone: '13900000123', address: '广西河池市宜州区城东社区中山路8号' },
      })
    ).body.id;
    expect((await officerB.get(`/api/v1/warnings/${id}`)).body).toMatchObject({
      routed: true,
      unitId: org.stationB.id,
    });
    const d = await wf(officerB, id);
    expect(d.route).toMatchObject({ via: 'subject_address', unitId: org.stationB.id, routed: true });
    expect(d.route.steps.at(-1)).toEqual({
      via: 'subject_address',
      key: '广西河池市宜州区***',
      result: org.stationB.id,
      keyName: null,
      resultName: '庆远派出所',
    });
    // a registry hit is explained too: the grid, then its station
    const known = (await enter('13800000001', 'low')).body.id;
    expect((await wf(analyst, known)).route).toMatchObject({
      via: 'resident_grid',
      steps: [
        {
          via: 'resident_grid',
          key: org.gridA.id,
          keyName: '城北社区',
          result: org.stationA.id,
          resultName: '金城江派出所',
        },
      ],
    });
  });

  it('upstream pushes take a partner token with warnings:write; rows are reported one by one', async () => {
    const admin = await s.login();
    const tok = await admin.post('/api/v1/tokens', { name: '省厅推送', scopes: ['warnings:write'] });
    expect(tok.status).toBe(201);
    const partner = new Client(s.url).withBearer(tok.body.token);
    const res = await partner.post('/api/v1/warnings/upstream', {
      items: [
        {
          level: 'medium',
          fraudTypes: ['fake_investment'],
          subject: { phone: '13800000005' },
          leads: ['涉案账户 6222…'],
          externalId: 'GX-1',
        },
        { level: 'high', fraudTypes: ['nope'], subject: { phone: '13800000006' } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(1);
    expect(res.body.rows[1]).toMatchObject({ row: 2, ok: false });
    const id = res.body.rows[0].id;
    const d = await wf(analyst, id);
    expect(d.leads).toEqual(['涉案账户 6222…', '上级编号: GX-1']);
    expect((await analyst.get(`/api/v1/warnings/${id}`)).body).toMatchObject({
      source: 'upstream',
      unitId: org.stationA.id,
    });
  });

  it('upstream pushes also come as a CSV file, with 高/中/低 levels; a bad level is reported by its row', async () => {
    const csv =
      '编号,级别,诈骗类型,手机号,线索\nGX-7,高,fake_loan,13800000077,对方要求先交保证金\nGX-8,特急,fake_loan,13800000078,\n';
    const form = new FormData();
    form.append('file', new Blob([csv]), 'push.csv');
    const res = await fetch(`${s.url}/api/v1/warnings/upstream/file`, {
      method: 'POST',
      body: form,
      headers: { cookie: analyst.cookie },
    });
    const body = (await res.json()) as {
      imported: number;
      rows: { row: number; ok: boolean; id?: string; error?: string }[];
    };
    expect(res.status).toBe(200);
    expect(body.imported).toBe(1);
    expect(body.rows.find((r) => !r.ok)).toMatchObject({ row: 3, error: expect.stringMatching(/级别/) });
    const d = await wf(analyst, body.rows.find((r) => r.ok)!.id!);
    expect(d.leads).toEqual(['对方要求先交保证金', '上级编号: GX-7']);
    expect(d.level).toBe('high');
  });

  it('new evidence raising an auto-contact warning to 高 sends a person at once', async () => {
    const first = await enter('13800000005', 'medium'); // the upstream push above opened it; answered + 1 → centre review
    expect(first.body).toMatchObject({ created: false });
    const id = first.body.id;
    expect((await wf(analyst, id)).status).toBe('review');
    const raised = await enter('13800000005', 'high');
    expect(raised.body).toMatchObject({ id, created: false, levelRaised: true });
    const d = await wf(analyst, id);
    expect(d).toMatchObject({ status: 'dispatched', unitId: org.stationA.id, level: 'high' });
    expect(d.transitions.at(-1)).toMatchObject({
      command: 'hand_over',
      actor: 'system',
      from: 'review',
      to: 'dispatched',
    });
  });
});
