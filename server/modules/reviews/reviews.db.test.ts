// After-action reviews (复盘) through the real HTTP server with the dissuasion loop and its simulators: a warning
// closed 已被骗 gets a review, opened by the system, whose time line it filled (first signal, opened, first contact,
// closed); a case with a loss gets one with its loss; a failed dissuasion (refused, unreachable) gets one that
// becomes 预警后被骗 when the person is defrauded later — once per warning or case, in the warning's or case's unit;
// action items with owners and due dates are tracked to done; a station sees only its own reviews; a warning that
// ended well is not reviewed as a failure.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import type { Client } from '../../../test/harness/server.ts';
import { startLoopServer, startPeers, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';
import { searchAudit } from '../audit/index.ts';
import { openReviewAutomatically } from './service.ts';

let s: LoopServer;
let peers: Awaited<ReturnType<typeof startPeers>>;
let org: TestOrg;
let analyst: Client, officerA: Client, officerB: Client, grid: Client;

beforeAll(async () => {
  peers = await startPeers();
  s = await startLoopServer({
    dissuasion: { channels: peers.channels, pollMs: 100 },
    eventSubscribers: ['reviews.auto-open'],
  });
  org = await seedOrg(s.database.db);
  [analyst, officerA, officerB, grid] = (await Promise.all(
    ['analyst', 'officerA', 'officerB', 'gridA'].map((u) => s.login(u, USER_PASSWORD)),
  )) as [Client, Client, Client, Client];
  for (const [phone, name] of [
    ['13900010001', '赵一'],
    ['13900020001', '赵二'],
    ['13900040001', '赵四'],
  ]) {
    expect((await analyst.post('/api/v1/residents', { name, phone, unitId: org.gridA.id })).status).toBe(201);
  }
});
afterAll(async () => {
  await s?.close();
  await peers?.stop();
});

const act = (c: Client, id: string, body: Record<string, unknown>) => c.post(`/api/v1/warnings/${id}/actions`, body);
async function closedWarning(phone: string, disposition: string, extra: Record<string, unknown> = {}) {
  const r = await analyst.post('/api/v1/warnings', {
    level: 'high',
    fraudTypes: ['impersonate_authority'],
    subject: { phone },
    summary: '96110 来电',
  });
  expect(r.status).toBe(201);
  const id = r.body.id as string;
  await waitFor(
    async () => (await officerA.get(`/api/v1/warnings/${id}/workflow`)).body.status === 'dispatched',
    10_000,
    'dispatch',
  );
  expect((await act(officerA, id, { type: 'sign' })).status).toBe(200);
  expect((await act(officerA, id, { type: 'close', disposition, note: '复盘测试', ...extra })).status).toBe(200);
  return id;
}
/** The reviews of one case or warning, as the analyst (the city) lists them, once the events are handled. */
async function reviewsOf(subjectId: string) {
  await s.app.events.drain();
  const all = (await analyst.get('/api/v1/reviews')).body.items as { id: string; subjectId: string }[];
  return all.filter((r) => r.subjectId === subjectId);
}

it('a warning closed 已被骗: review with the filled time line, findings, action items to done, then closed', async () => {
  const wid = await closedWarning('13900010001', 'defrauded', { loss: 80000 });
  // a grid worker may not open one; a station outside the warning's jurisdiction does not find it
  expect((await grid.post('/api/v1/reviews', { subjectKind: 'warning', subjectId: wid })).status).toBe(403);
  const other = await officerB.post('/api/v1/reviews', { subjectKind: 'warning', subjectId: wid });
  expect(other.status).toBe(400);
  expect(other.body.field ?? other.body.details?.[0]?.field).toBe('subjectId');

  // the system opened it when the warning closed: once, in the warning's unit, audited as the system
  const auto = await reviewsOf(wid);
  expect(auto).toHaveLength(1);
  const r = await officerA.get(`/api/v1/reviews/${auto[0]!.id}`);
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ trigger: 'defrauded', status: 'open', unitId: org.stationA.id, canClose: false });
  expect(r.body).toMatchObject({ automatic: true, createdByName: '系统（自动复盘）' });
  const steps = r.body.timeline.map((t: { step: string }) => t.step);
  expect(steps).toEqual(expect.arrayContaining(['warning_opened', 'first_contact', 'closed']));
  expect(steps.indexOf('warning_opened')).toBeLessThan(steps.indexOf('closed'));
  expect(r.body.timeline.find((t: { step: string }) => t.step === 'first_contact').sincePrevMin).not.toBeNull();
  const trail = await searchAudit(s.database.db, { entityType: 'review', entityId: r.body.id, pageSize: 10 });
  expect(trail.items.map((a) => [a.action, a.actorId])).toContainEqual(['create', 'system']);
  // one review per warning: a person's second one is refused, the system's again adds nothing
  expect((await officerA.post('/api/v1/reviews', { subjectKind: 'warning', subjectId: wid })).status).toBe(409);
  await s.database.db.transaction((tx) => openReviewAutomatically(tx, { kind: 'warning', id: wid }, new Date()));
  expect(await reviewsOf(wid)).toHaveLength(1);

  const id = r.body.id;
  expect((await officerA.post(`/api/v1/reviews/${id}/close`)).status).toBe(409); // nothing written, no action
  const f = await officerA.request('PUT', `/api/v1/reviews/${id}/findings`, {
    whatHappened: '自动外呼忙线，民警签收后到达前已转账',
    slowPoints: '签收到上门用时过长',
  });
  expect(f.status).toBe(200);
  const bad = await officerA.post(`/api/v1/reviews/${id}/actions`, {
    kind: 'script',
    description: 'x',
    ownerName: '张警官',
    dueDate: '2020-01-01',
  });
  expect(bad.status).toBe(400);
  expect(
    (
      await officerA.post(`/api/v1/reviews/${id}/actions`, {
        kind: 'bogus',
        description: 'x',
        ownerName: 'y',
        dueDate: '2030-01-01',
      })
    ).status,
  ).toBe(400);
  const a1 = await officerA.post(`/api/v1/reviews/${id}/actions`, {
    kind: 'script',
    description: '冒充公检法话术加入“宾馆隔离”要点',
    ownerName: '中心分析员',
    dueDate: '2030-01-31',
  });
  expect(a1.status).toBe(201);
  const a2 = await officerA.post(`/api/v1/reviews/${id}/actions`, {
    kind: 'bank_procedure',
    description: '柜面对老年人大额转账加问“是否有人让您保密”',
    ownerName: '工商银行金城江支行',
    ownerUnitId: org.branch.id,
    dueDate: '2030-02-15',
  });
  expect(a2.status).toBe(201);
  expect(a2.body.actions).toHaveLength(2);

  // the board: open items in scope, by due date; station B sees none of them
  const board = await officerA.get('/api/v1/reviews/actions');
  expect(board.body.items.map((i: { kind: string }) => i.kind)).toEqual(['script', 'bank_procedure']);
  expect((await officerB.get('/api/v1/reviews/actions')).body.items).toEqual([]);
  expect((await officerB.get('/api/v1/reviews')).body.items).toEqual([]);
  expect((await officerB.get(`/api/v1/reviews/${id}`)).status).toBe(404);
  expect((await analyst.get('/api/v1/reviews')).body.items.map((x: { id: string }) => x.id)).toContain(id);

  const [x1, x2] = a2.body.actions as { id: string }[];
  expect((await officerA.post(`/api/v1/reviews/${id}/actions/${x1!.id}/done`, { note: '已发布新版本' })).status).toBe(
    200,
  );
  expect((await officerA.post(`/api/v1/reviews/${id}/actions/${x1!.id}/done`, {})).status).toBe(409);
  let d = await officerA.get(`/api/v1/reviews/${id}`);
  expect(d.body).toMatchObject({ openActions: 1, canClose: false });
  expect((await officerA.post(`/api/v1/reviews/${id}/close`)).status).toBe(409);
  await officerA.post(`/api/v1/reviews/${id}/actions/${x2!.id}/done`, {});
  const c = await officerA.post(`/api/v1/reviews/${id}/close`);
  expect(c.status).toBe(200);
  expect(c.body).toMatchObject({ status: 'closed', openActions: 0 });
  d = await officerA.get('/api/v1/reviews/actions?status=done');
  expect(d.body.items.map((i: { doneByName: string }) => i.doneByName)).toEqual(['officerA', 'officerA']);
  // closed: no more changes
  expect((await officerA.request('PUT', `/api/v1/reviews/${id}/findings`, { whatHappened: 'x' })).status).toBe(409);
});

it('a warning that ended 劝阻成功 is not a failure to review; a case gets its review with the loss', async () => {
  const ok = await closedWarning('13900020001', 'dissuaded', { lossAvoided: 1000 });
  expect((await officerA.post('/api/v1/reviews', { subjectKind: 'warning', subjectId: ok })).status).toBe(422);
  expect(await reviewsOf(ok)).toEqual([]); // nor by the system

  const k = await officerA.post('/api/v1/cases', {
    reportedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    victim: { name: '李四', phone: '13900030003' },
    fraudTypes: ['brushing_rebate'],
    loss: 3000,
    summary: '刷单返利',
    payments: [
      { paidAt: new Date(Date.now() - 60 * 60_000).toISOString(), amount: 3000, toAccount: '6228480000000000000' },
    ],
  });
  expect(k.status).toBe(201);
  // a case recorded with a loss: the system opened its review, in the case's unit
  const auto = await reviewsOf(k.body.id);
  expect(auto).toHaveLength(1);
  const r = await officerA.get(`/api/v1/reviews/${auto[0]!.id}`);
  expect(r.body).toMatchObject({ trigger: 'case', automatic: true, unitId: k.body.unitId ?? org.stationA.id });
  expect(r.body.timeline.map((t: { step: string }) => t.step)).toEqual(['loss', 'case_reported']);
  expect(r.body.timeline[1].sincePrevMin).toBeCloseTo(55, 0);
  expect((await officerA.post('/api/v1/reviews', { subjectKind: 'case', subjectId: k.body.id })).status).toBe(409);
  expect((await officerB.post('/api/v1/reviews', { subjectKind: 'case', subjectId: k.body.id })).status).toBe(400);
});

it('a refused dissuasion gets its review; the same person defrauded later makes it 预警后被骗 (no second review)', async () => {
  const wid = await closedWarning('13900040001', 'refused');
  const [auto] = await reviewsOf(wid);
  expect(auto).toMatchObject({ trigger: 'failed_dissuasion', automatic: true, unitId: org.stationA.id });

  // the person reports a loss days later: a case (its own review) and the warning flagged 预警后被骗
  const k = await officerA.post('/api/v1/cases', {
    reportedAt: new Date().toISOString(),
    victim: { name: '赵四', phone: '13900040001' },
    fraudTypes: ['impersonate_authority'],
    loss: 52000,
    summary: '被骗至“安全账户”',
    payments: [
      { paidAt: new Date(Date.now() - 30 * 60_000).toISOString(), amount: 52000, toAccount: '6228480000000000011' },
    ],
  });
  expect(k.status).toBe(201);
  const v = await officerA.post('/api/v1/victims', {
    source: 'case',
    reference: k.body.caseNo ?? k.body.id,
    subject: { phone: '13900040001' },
    defraudedAt: new Date().toISOString(), // after the warning closed
  });
  expect(v.status).toBe(201);
  await waitFor(
    async () =>
      (await reviewsOf(wid))[0] && (await officerA.get(`/api/v1/reviews/${auto!.id}`)).body.trigger === 'after_warning',
    10_000,
    'the review made 预警后被骗',
  );
  expect(await reviewsOf(wid)).toHaveLength(1);
  const d = (await officerA.get(`/api/v1/reviews/${auto!.id}`)).body;
  expect(d.timeline.map((t: { step: string }) => t.step)).toContain('loss');
  expect(await reviewsOf(k.body.id)).toHaveLength(1);
  // an unreachable person's warning is a failed dissuasion too
  expect(
    (await analyst.post('/api/v1/residents', { name: '赵五', phone: '13900050001', unitId: org.gridA.id })).status,
  ).toBe(201);
  const u = await closedWarning('13900050001', 'unreachable');
  expect((await reviewsOf(u)).map((x) => (x as { trigger?: string }).trigger)).toEqual(['failed_dissuasion']);
});

it('a reopened warning withdraws the review the system opened if no one worked on it; a worked-on one notes the reopen', async () => {
  for (const [phone, name] of [
    ['13900070001', '赵七'],
    ['13900080001', '赵八'],
  ])
    expect((await analyst.post('/api/v1/residents', { name, phone, unitId: org.gridA.id })).status).toBe(201);
  // untouched: withdrawn, its content and the reason in the audit row (as the system)
  const w1 = await closedWarning('13900070001', 'refused');
  const [r1] = await reviewsOf(w1);
  expect(r1).toBeDefined();
  expect((await act(officerA, w1, { type: 'reopen', reason: '核实后本人并未拒绝' })).status).toBe(200);
  expect(await reviewsOf(w1)).toEqual([]);
  expect((await officerA.get(`/api/v1/reviews/${r1!.id}`)).status).toBe(404);
  const trail = await searchAudit(s.database.db, { entityType: 'review', entityId: r1!.id, pageSize: 10 });
  expect(trail.items.find((a) => a.action === 'delete')).toMatchObject({
    actorId: 'system',
    details: {
      withdrawn: true,
      warningId: w1,
      trigger: 'failed_dissuasion',
      reason: '预警已重新打开：核实后本人并未拒绝',
    },
  });

  // people wrote findings: the review stays, the reopen goes on its time line
  const w2 = await closedWarning('13900080001', 'defrauded', { loss: 5000 });
  const [r2] = await reviewsOf(w2);
  const f = await officerA.request('PUT', `/api/v1/reviews/${r2!.id}/findings`, { whatHappened: '已开始复盘' });
  expect(f.status).toBe(200);
  expect((await act(officerA, w2, { type: 'reopen', reason: '损失已追回核实' })).status).toBe(200);
  expect(await reviewsOf(w2)).toHaveLength(1);
  const kept = (await officerA.get(`/api/v1/reviews/${r2!.id}`)).body;
  expect(kept).toMatchObject({ status: 'open', whatHappened: '已开始复盘' });
  expect(kept.timeline.at(-1)).toMatchObject({ step: 'reopened', detail: '损失已追回核实' });
});
