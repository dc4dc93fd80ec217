// Issue 13's "done means", through the real HTTP server on the demo city (河池市, its users), with the voice gateway
// and SMSC simulators: an analyst sees this week's risk groups, launches an SMS campaign to the top one (holdout
// drawn at launch), its coverage shows, and later its effect against the holdout with counts; the warning page's
// talking points come from the knowledge base; a published script change is what the next AI call speaks; a mule
// account from a case becomes a 两卡 entry with a 停止非柜面业务 measure that the proposer cannot confirm, a second
// person confirms, the bank liaison acknowledges, the person appeals, a third person (the centre's legal reviewer)
// decides, and the expiry sweep releases the measure with a notice to the bank.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { loadDemoOrganisation } from '../../server/demo-organisation.ts';
import { createResident } from '../../server/modules/residents/index.ts';
import { recordCaseSignal } from '../../server/modules/prevention/index.ts';
import { sweepExpired } from '../../server/modules/cards/index.ts';
import type { Client } from '../harness/server.ts';
import { ADMIN_PASSWORD } from '../harness/server.ts';
import { startLoopServer, startPeers, waitFor, type LoopServer } from '../harness/dissuasion.ts';

let s: LoopServer;
let peers: Awaited<ReturnType<typeof startPeers>>;
let analyst: Client, district: Client, leader: Client, bank: Client, legal: Client;
let grid = { id: '', code: '' };
const phone = (i: number) => `135${String(20000000 + i).padStart(8, '0')}`;

beforeAll(async () => {
  peers = await startPeers();
  s = await startLoopServer({ dissuasion: { channels: peers.channels, pollMs: 100 } });
  await loadDemoOrganisation(s.database.db, ADMIN_PASSWORD);
  [analyst, district, leader, bank, legal] = (await Promise.all(
    ['analyst', 'district_analyst', 'leader', 'bank_icbc', 'analyst_legal'].map((u) => s.login(u, ADMIN_PASSWORD)),
  )) as [Client, Client, Client, Client, Client];
  const r = (await s.database.db.execute(
    sql`select id, code from units where kind = 'grid' order by code limit 1`,
  )) as unknown as { rows: { id: string; code: string }[] };
  grid = r.rows[0]!;
  // 80 students of one grid; this week's cases: 刷单返利 among them
  for (let i = 0; i < 80; i++)
    await createResident(s.database.db, SYSTEM_ACTOR, {
      name: `学生${i}`,
      phone: phone(i),
      unitId: grid.id,
      birthYear: 2005,
      occupation: '学生',
    });
  for (let i = 0; i < 6; i++)
    await recordCaseSignal(s.database.db, {
      caseId: `W-${i}`,
      unitId: grid.id,
      reportedAt: new Date(Date.now() - (i + 1) * 86_400_000),
      fraudTypes: ['brushing_rebate'],
      victim: { phone: phone(70 + i) },
    });
}, 180_000);
afterAll(async () => {
  await s?.close();
  await peers?.stop();
});

it('risk groups → SMS campaign with a holdout → coverage → effect with counts', async () => {
  const city = (await analyst.get('/api/v1/me')).body?.unitId ?? undefined;
  const g = await analyst.get(`/api/v1/prevention/risk-groups${city ? `?unitId=${city}` : ''}`);
  expect(g.status).toBe(200);
  const top = g.body.items[0];
  expect(top).toMatchObject({ fraudType: 'brushing_rebate', unitId: expect.any(String), score: expect.any(Number) });
  expect(top.ageBand).toEqual(expect.any(String));
  expect(top.counts).toBeTruthy();
  const c = await analyst.post('/api/v1/prevention/campaigns', {
    unitId: top.unitId,
    fraudType: top.fraudType,
    ageBand: top.ageBand,
    ...(top.occupation ? { occupation: top.occupation } : {}),
    text: '【河池反诈】刷单返利都是诈骗，先垫付后返利必是骗局。',
    holdoutShare: 0.3,
    dailyCap: 200,
  });
  expect(c.status).toBe(201);
  expect(c.body.holdout).toBeGreaterThan(0);
  const send = await analyst.post(`/api/v1/prevention/campaigns/${c.body.id}/send`);
  expect(send.status).toBe(200);
  expect(send.body.sent).toBe(c.body.target);
  await waitFor(
    () => peers.smsc.received.filter((m) => m.text.includes('先垫付后返利')).length >= c.body.target,
    10_000,
    'SMS',
  );
  const view = (await analyst.get(`/api/v1/prevention/campaigns/${c.body.id}`)).body;
  expect(view.coverage.reduce((n: number, x: { reached: number }) => n + x.reached, 0)).toBe(c.body.target);
  // later: cases of the type after launch in both arms → the effect, with counts and an interval
  for (let i = 0; i < 60; i += 4)
    await recordCaseSignal(s.database.db, {
      caseId: `L-${i}`,
      unitId: grid.id,
      reportedAt: new Date(Date.now() + 60_000),
      fraudTypes: ['brushing_rebate'],
      victim: { phone: phone(i) },
    });
  const e = (await analyst.get(`/api/v1/prevention/campaigns/${c.body.id}`)).body.effect;
  expect(e.target.people + e.holdout.people).toBe(c.body.target + c.body.holdout);
  expect(e.target.victims + e.holdout.victims).toBe(15);
  expect(e.ci95[0]).toBeLessThanOrEqual(e.difference);
});

it('the warning page’s talking points come from the KB; a published script change is what the next call speaks', async () => {
  const tp = await analyst.get('/api/v1/knowledge/talking-points?types=fake_loan&audience=student');
  expect(tp.body.items[0].version).toBe(1); // the published version, not the built-in text
  const NEW = '放款前要您先交钱的贷款都是骗局，请立即停止转账。';
  const d = await analyst.post('/api/v1/knowledge/entries/fake_loan/drafts', {});
  const content = {
    ...d.body.content,
    voiceScript: [NEW],
    talkingPoints: { ...d.body.content.talkingPoints, general: [NEW] },
  };
  expect((await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content })).status).toBe(200);
  expect((await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/submit`, {})).status).toBe(200);
  expect((await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {})).status).toBe(403); // the author
  expect((await district.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {})).status).toBe(200);
  const w = await analyst.post('/api/v1/warnings', {
    level: 'high',
    fraudTypes: ['fake_loan'],
    subject: { phone: '13520990001' },
    summary: '贷款前交费',
  });
  expect(w.status).toBe(201);
  const call = await waitFor(
    () => [...peers.voice.calls.values()].find((x) => x.request.to === '13520990001'),
    10_000,
    'the AI call',
  );
  expect(call.request.segments.map((x) => x.text)).toContain(NEW);
  const wf = (await analyst.get(`/api/v1/warnings/${w.body.id}/workflow`)).body;
  expect(wf.script.talkingPoints).toContain(NEW);
  expect(wf.script.version).toContain('kb:fake_loan@2');
});

it('a mule account from a case → 两卡 entry → 停止非柜面业务 confirmed by another person → bank ack → appeal → expiry', async () => {
  const k = await analyst.post('/api/v1/cases', {
    reportedAt: new Date(Date.now() - 3600_000).toISOString(),
    victim: { name: '覃某', phone: '13520990002' },
    fraudTypes: ['fake_investment'],
    loss: 120000,
    summary: '虚假投资',
    payments: [
      { paidAt: new Date(Date.now() - 7200_000).toISOString(), amount: 120000, toAccount: '6222021234567890123' },
    ],
  });
  expect(k.status).toBe(201);
  const entry = await analyst.post('/api/v1/cards/entries', {
    kind: 'bank_account',
    value: '6222021234567890123',
    reason: `案件 ${k.body.caseNo ?? k.body.id} 一级收款账户`,
    caseId: k.body.id,
    source: 'mule',
  });
  expect(entry.status).toBe(201);
  const end = new Date();
  end.setUTCFullYear(end.getUTCFullYear() + 3); // 3 years: the term for the convicted (2024 rules)
  const endsAt = end.toISOString();
  // addressed to the branch whose liaison executes it (the bank of the account)
  const branch = (
    (await s.database.db.execute(sql`select id from units where name = '工商银行金城江支行'`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows[0]!.id;
  const m = await analyst.post('/api/v1/cards/measures', {
    entryId: entry.body.id,
    partnerUnitId: branch,
    measure: 'stop_non_counter',
    reason: '出租出借银行卡',
    endsAt,
  });
  expect(m.body).toEqual({ id: expect.any(String), status: 'proposed' });
  const id = m.body.id;
  expect((await bank.get('/api/v1/cards/measures')).body.items).toEqual([]); // nothing restricts before a person
  expect((await analyst.post(`/api/v1/cards/measures/${id}/confirm`)).status).toBe(403); // the proposer
  expect((await leader.post(`/api/v1/cards/measures/${id}/confirm`, { reason: '证据充分' })).status).toBe(200);
  expect((await bank.get('/api/v1/cards/measures')).body.items.map((x: { id: string }) => x.id)).toContain(id);
  expect((await bank.post(`/api/v1/cards/measures/${id}/ack`)).status).toBe(200);
  expect((await analyst.post(`/api/v1/cards/measures/${id}/appeal`, { reason: '本人称不知情' })).status).toBe(200);
  // the appeal is decided by a third person: neither the proposer nor the confirmer
  expect(
    (await leader.post(`/api/v1/cards/measures/${id}/appeal/decision`, { upheld: true, reason: 'x' })).status,
  ).toBe(403);
  const decision = await legal.post(`/api/v1/cards/measures/${id}/appeal/decision`, {
    upheld: true,
    reason: '流水证实出租出借',
  });
  expect(decision.status, JSON.stringify(decision.body)).toBe(200);
  expect(decision.body).toMatchObject({ restricts: true, decisionReason: '流水证实出租出借' });
  const after = (await analyst.get(`/api/v1/cards/measures?entryId=${entry.body.id}`)).body.items[0];
  expect(after.history.map((h: { to: string }) => h.to).slice(0, 4)).toEqual([
    'proposed',
    'in_force',
    'executed',
    'appealed',
  ]);
  // the end date passes: the sweep releases the measure and tells the bank
  expect(await sweepExpired(s.database.db, SYSTEM_ACTOR, () => new Date(Date.parse(endsAt) + 86_400_000))).toBe(1);
  const ended = (await analyst.get(`/api/v1/cards/measures?entryId=${entry.body.id}`)).body.items[0];
  expect(ended.status).toBe('expired');
  expect((await bank.get('/api/v1/cards/notices')).body.items[0]).toMatchObject({ measureId: id, kind: 'expired' });
  void district;
});
