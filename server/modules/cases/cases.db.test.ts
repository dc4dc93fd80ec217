import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { assertCaseVisible, getCaseForActor } from './index.ts';
import type { CaseRecorded } from './events.ts';

// Case intake through the real HTTP server: the body, validation with fields and nothing written, the
// same report refused, jurisdiction (another station: 404), masking, the chain, and case.recorded in the transaction.
let s: TestServer;
let org: TestOrg;
let officerA: Client;
let officerB: Client;
let analyst: Client;
let bank: Client;
// case.recorded as the event log holds it (platform/events), in the order published
const recorded = async (): Promise<CaseRecorded[]> =>
  (
    (await s.database.db.execute(
      `select payload from domain_events where name = 'case.recorded' order by id`,
    )) as unknown as { rows: { payload: CaseRecorded }[] }
  ).rows.map((r) => r.payload);
let published: CaseRecorded[] = [];
beforeAll(async () => {
  s = await startTestServer();
  org = await seedOrg(s.database.db);
  [officerA, officerB, analyst, bank] = (await Promise.all(
    ['officerA', 'officerB', 'analyst', 'bank'].map((u) => s.login(u, USER_PASSWORD)),
  )) as [Client, Client, Client, Client];
  expect(
    (
      await analyst.post('/api/v1/residents', {
        name: '李四',
        phone: '13900000001',
        idNumber: '11010519491231002X',
        unitId: org.gridA.id,
      })
    ).status,
  ).toBe(201);
});
afterAll(async () => {
  await s?.close();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const body = (over: Record<string, unknown> = {}) => ({
  reportedAt: minutesAgo(5),
  victim: { name: '李四', phone: '139-0000-0001', idNumber: '11010519491231002x' },
  fraudTypes: ['impersonate_authority', 'fake_investment'],
  loss: 52000,
  summary: '自称公安局民警，称其涉嫌洗钱，要求转入安全账户',
  payments: [
    {
      paidAt: minutesAgo(40),
      amount: 30000,
      toAccount: '6222 0212 3456 7890 128',
      toName: '王五',
      channel: 'mobile_banking',
      fromAccount: '6217000000000000001',
    },
    { paidAt: minutesAgo(30), amount: 22000, toAccount: '6228480000000000000', toBank: '中国农业银行' },
  ],
  identifiers: [
    { kind: 'phone', value: '+86 170 1234 5678' },
    { kind: 'url', value: 'HTTPS://Fake-Police.example.com/case' },
    { kind: 'wallet', value: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE' },
  ],
  ...over,
});
const count = async (table: string) =>
  Number(
    ((await s.database.db.execute(`select count(*)::int as n from ${table}`)) as unknown as { rows: { n: number }[] })
      .rows[0]!.n,
  );

describe('POST /api/v1/cases', () => {
  let id: string;
  it('records the case with its payments (bank from the BIN), identifiers keyed, the victim linked to the registry', async () => {
    const res = await officerA.post('/api/v1/cases', body());
    expect(res.status).toBe(201);
    id = res.body.id;
    published = await recorded();
    expect(res.body).toMatchObject({
      stage: 'reported',
      stageName: '接警',
      unitId: org.stationA.id,
      loss: 52000,
      paid: 52000,
      paymentCount: 2,
      source: 'walk_in',
      fraudTypes: [
        { code: 'impersonate_authority', name: '冒充公检法及政府机关' },
        { code: 'fake_investment', name: '虚假网络投资理财' },
      ],
      victim: { name: '李*', phone: '139****0001', residentId: expect.any(String) },
      masked: true,
    });
    expect(res.body.payments).toMatchObject([
      { seq: 1, amount: 30000, toBank: '中国工商银行', toName: '王*', channel: 'mobile_banking' },
      { seq: 2, amount: 22000, toBank: '中国农业银行' },
    ]);
    expect(res.body.payments[0].toAccount).not.toContain('3456789');
    expect(res.body.identifiers.map((x: { kind: string }) => x.kind).sort()).toEqual(['phone', 'url', 'wallet']);
    // the event carries the canonical keys and full values, inside the transaction that recorded the case
    const ev = published.find((p) => p.caseId === id)!;
    expect(ev).toMatchObject({
      unitId: org.stationA.id,
      loss: 52000,
      fraudTypes: ['impersonate_authority', 'fake_investment'],
      victim: { name: '李四', phone: '13900000001', phoneKey: '13900000001', idNumberKey: '11010519491231002X' },
      payments: [
        {
          amount: 30000,
          toAccount: '6222021234567890128',
          toName: '王五',
          toBank: '中国工商银行',
          fromAccount: '6217000000000000001',
          channel: 'mobile_banking',
        },
        { amount: 22000, toAccount: '6228480000000000000', toBank: '中国农业银行' },
      ],
    });
    expect(ev.identifiers).toContainEqual({ kind: 'phone', key: '17012345678', value: '17012345678' });
    expect(ev.identifiers).toContainEqual({
      kind: 'url',
      key: 'https://fake-police.example.com/case',
      value: 'https://fake-police.example.com/case',
    });
  });

  it('lists and shows it to its station and the city, 404 to another station, 403 to a bank liaison', async () => {
    const list = await officerA.get('/api/v1/cases');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      id,
      countdown: { stage: 'reported', next: ['accepted'], overdue: false },
    });
    expect((await analyst.get(`/api/v1/cases/${id}`)).status).toBe(200);
    expect((await officerB.get(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await officerB.get('/api/v1/cases')).body).toEqual({ items: [], total: 0 });
    expect((await bank.get('/api/v1/cases')).status).toBe(403);
    await s.app.events.drain(); // the orders module drafts a 紧急止付 per payment from case.recorded
    const detail = (await officerA.get(`/api/v1/cases/${id}`)).body;
    expect(detail).toMatchObject({
      chain: [{ stage: 'reported', officerName: 'officerA' }],
      nextStages: ['accepted'],
      filingThreshold: 3000,
    });
    expect(detail.orders.map((o: { kind: string }) => o.kind)).toEqual(['stop_payment', 'stop_payment']);
    expect(detail.orders.map((o: { bank: string }) => o.bank).sort()).toEqual([
      expect.stringContaining('中国农业银行'),
      expect.stringContaining('中国工商银行'),
    ]);
    expect(detail.timeline.map((t: { kind: string }) => t.kind).filter((k: string) => !k.startsWith('order.'))).toEqual(
      ['payment', 'payment', 'stage.reported'],
    );
    expect(detail.timeline.filter((t: { kind: string }) => t.kind.startsWith('order.'))).toHaveLength(2);
    // unmasked: needs a purpose; then full values
    expect((await officerA.get(`/api/v1/cases/${id}?unmask=true`)).status).toBe(400);
    const full = (await officerA.get(`/api/v1/cases/${id}?unmask=true`, { 'x-purpose': 'case investigation' })).body;
    expect(full.payments[0].toAccount).toBe('6222021234567890128');
    expect(full.victim.idNumber).toBe('11010519491231002X');
    // filters
    expect((await officerA.get('/api/v1/cases?account=6228480000000000000')).body.total).toBe(1);
    expect((await officerA.get('/api/v1/cases?type=fake_loan')).body.total).toBe(0);
    expect((await officerA.get('/api/v1/cases?q=13900000001')).body.total).toBe(1);
  });

  it('exports assertCaseVisible / getCaseForActor for other modules', async () => {
    await expect(assertCaseVisible(s.database.db, SYSTEM_ACTOR, id)).resolves.toMatchObject({ id });
    await expect(
      assertCaseVisible(s.database.db, { ...SYSTEM_ACTOR, unitPath: org.stationB.path }, id),
    ).rejects.toMatchObject({ code: 'not_found' });
    const c = await getCaseForActor(s.database.db, SYSTEM_ACTOR, id);
    expect(c.payments).toHaveLength(2);
    expect(c.victim.phoneKey).toBe('13900000001');
  });

  it('bad input: 400 with the field, nothing written', async () => {
    const before = await Promise.all(
      ['cases', 'case_payments', 'case_identifiers', 'case_steps', 'domain_events'].map(count),
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ payments: [{ paidAt: minutesAgo(10), amount: 100 }] }, 'payments.0.toAccount'],
      [{ payments: [{ paidAt: minutesAgo(10), amount: 100, toAccount: '' }] }, 'payments.0.toAccount'],
      [{ payments: [{ paidAt: minutesAgo(10), amount: -5, toAccount: '6222021234567890128' }] }, 'payments.0.amount'],
      [
        {
          payments: [
            { paidAt: new Date(Date.now() + 3_600_000).toISOString(), amount: 5, toAccount: '6222021234567890128' },
          ],
        },
        'payments.0.paidAt',
      ],
      [{ reportedAt: new Date(Date.now() + 3_600_000).toISOString() }, 'reportedAt'],
      [{ fraudTypes: ['impersonate_authority', 'no_such_type'] }, 'fraudTypes.1'],
      [{ victim: { name: '张三', phone: '12345' } }, 'victim.phone'],
      [{ identifiers: [{ kind: 'imei', value: '123' }] }, 'identifiers.0.value'],
      [{ identifiers: [{ kind: 'horoscope', value: '123' }] }, 'identifiers.0.kind'],
      [{ loss: -1 }, 'loss'],
      [{ payments: [{ paidAt: minutesAgo(10), amount: 100, toAccount: 'abc' }] }, 'payments.0.toAccount'],
    ];
    for (const [over, field] of cases) {
      const res = await officerA.post('/api/v1/cases', body({ reportedAt: minutesAgo(1), ...over }));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(
        [res.body.field, ...(res.body.details ?? []).map((d: { field: string }) => d.field)],
        JSON.stringify(res.body),
      ).toContain(field);
    }
    // the same report twice (same victim, same report time) and the same payments again under another time
    const first = body();
    const dup1 = await officerA.post('/api/v1/cases', { ...first, reportedAt: published[0]!.reportedAt });
    expect(dup1.status).toBe(400);
    expect(dup1.body.field).toBe('reportedAt');
    const dup2 = await officerA.post('/api/v1/cases', {
      ...first,
      reportedAt: minutesAgo(2),
      payments: [{ ...first.payments[0], paidAt: published[0]!.payments[0]!.paidAt }],
    });
    expect(dup2.status).toBe(400);
    expect(dup2.body.field).toBe('payments.0');
    expect(
      await Promise.all(['cases', 'case_payments', 'case_identifiers', 'case_steps', 'domain_events'].map(count)),
    ).toEqual(before);
  });

  it('a reference makes a report unique per source', async () => {
    const b = body({
      reportedAt: minutesAgo(3),
      reference: '96110-0001',
      source: 'call_96110',
      payments: [{ paidAt: minutesAgo(20), amount: 1200, toAccount: '6222021234567890128', channel: 'counter' }],
    });
    expect((await officerA.post('/api/v1/cases', b)).status).toBe(201);
    const again = await officerA.post('/api/v1/cases', { ...b, reportedAt: minutesAgo(2) });
    expect(again.status).toBe(400);
    expect(again.body.field).toBe('reference');
  });
});

describe('the case chain', () => {
  it('受理 → 立案 (threshold) → 侦查 …, with 不予立案 needing a reason and below-threshold refused', async () => {
    published = await recorded();
    const small = (
      await officerA.post(
        '/api/v1/cases',
        body({
          reportedAt: minutesAgo(4),
          loss: 800,
          victim: { name: '赵六', phone: '13900000002' },
          payments: [{ paidAt: minutesAgo(20), amount: 800, toAccount: '6228480000000000011' }],
        }),
      )
    ).body.id;
    const big = published.find((p) => p.loss === 52000)!.caseId;
    const step = (id: string, b: Record<string, unknown>, c = officerA) => c.post(`/api/v1/cases/${id}/chain`, b);
    expect((await step(big, { to: 'filed' })).status).toBe(409); // 接警 → 立案 skips 受理
    expect((await step(big, { to: 'accepted' })).status).toBe(200);
    expect((await step(small, { to: 'accepted' })).status).toBe(200);
    const below = await step(small, { to: 'filed' });
    expect(below.status).toBe(400);
    expect(below.body.reason).toMatch(/threshold 3000/);
    expect((await step(small, { to: 'not_filed' })).body.field).toBe('reason');
    expect((await step(small, { to: 'not_filed', reason: '未达立案标准' })).body).toMatchObject({
      stage: 'not_filed',
      nextStages: ['closed'],
    });
    const filed = await step(big, { to: 'filed', note: '刑事立案' });
    expect(filed.body).toMatchObject({
      stage: 'filed',
      stageName: '立案',
      countdown: { stage: 'filed', next: ['investigating'] },
    });
    expect(filed.body.chain.map((c: { stage: string }) => c.stage)).toEqual(['reported', 'accepted', 'filed']);
    expect((await step(big, { to: 'investigating' }, officerB)).status).toBe(404);
    expect((await step(big, { to: 'closed' })).status).toBe(409);
  });
});

describe('evidence and suspects', () => {
  const upload = async (c: Client, caseId: string, content: string, kind = 'screenshot') => {
    const form = new FormData();
    form.set('kind', kind);
    form.set('description', '聊天记录截图');
    form.set('file', new Blob([content], { type: 'image/png' }), '截图1.png');
    const res = await fetch(`${s.url}/api/v1/cases/${caseId}/evidence`, {
      method: 'POST',
      body: form,
      headers: { cookie: c.cookie },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  it('a file is stored with its SHA-256; collected, viewed, transferred each leave custody and audit rows', async () => {
    const id = published.find((p) => p.loss === 52000)!.caseId;
    const up = await upload(officerA, id, 'PNG-bytes-of-a-chat');
    expect(up.status).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(up.body.sha256).toBe(createHash('sha256').update('PNG-bytes-of-a-chat').digest('hex'));
    expect((await upload(officerB, id, 'x')).status).toBe(404);
    const eid = up.body.id as string;
    const file = await officerA.get(`/api/v1/cases/${id}/evidence/${eid}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('x-sha256-intact')).toBe('true');
    expect(Buffer.from(file.body).toString()).toBe('PNG-bytes-of-a-chat');
    expect(
      (
        await officerA.post(`/api/v1/cases/${id}/evidence/${eid}/transfer`, {
          toCustodian: '证物室 张管理员',
          note: '入库',
        })
      ).status,
    ).toBe(200);
    const d = (await officerA.get(`/api/v1/cases/${id}`)).body;
    expect(d.evidence).toMatchObject([
      {
        id: eid,
        kind: 'screenshot',
        fileName: '截图1.png',
        custodian: '证物室 张管理员',
        custody: [
          { action: 'collected' },
          { action: 'viewed' },
          { action: 'transferred', toCustodian: '证物室 张管理员' },
        ],
      },
    ]);
    const audits = (await s.database.db.execute(
      `select action, details->>'custody' as c from audit_log where entity_type = 'case_evidence' and entity_id = '${eid}' order by id`,
    )) as unknown as { rows: { action: string; c: string }[] };
    expect(audits.rows.map((r) => r.c)).toEqual(['collected', 'viewed', 'transferred']);
  });

  it('suspects with roles; status moves forward only', async () => {
    const id = published.find((p) => p.loss === 52000)!.caseId;
    const bad = await officerA.post(`/api/v1/cases/${id}/suspects`, { name: '钱七', role: 'boss' });
    expect(bad.status).toBe(400);
    const add = await officerA.post(`/api/v1/cases/${id}/suspects`, {
      name: '钱七',
      role: 'card_seller',
      phone: '13700000007',
    });
    expect(add.status).toBe(201);
    const sid = add.body.id;
    expect((await officerA.post(`/api/v1/cases/${id}/suspects/${sid}/status`, { status: 'arrested' })).status).toBe(
      200,
    );
    expect((await officerA.post(`/api/v1/cases/${id}/suspects/${sid}/status`, { status: 'caught' })).status).toBe(409);
    const d = (await officerA.get(`/api/v1/cases/${id}`)).body;
    expect(d.suspects).toMatchObject([
      { roleName: '卡农', statusName: '逮捕', name: '钱*', phone: '137****0007', arrestedAt: expect.any(String) },
    ]);
  });

  it('bank of a card from its BIN', async () => {
    expect((await officerA.get('/api/v1/cases/bank-of?account=6222021234567890128')).body).toMatchObject({
      ok: true,
      bank: '中国工商银行',
      isCard: true,
      luhnOk: true,
    });
    expect((await officerA.get('/api/v1/cases/bank-of?account=12')).body).toMatchObject({ ok: false, bank: null });
  });
});

describe('a warning closed 已被骗 becomes a case; payments added later publish case.updated', () => {
  const wf = async (id: string) => (await officerA.get(`/api/v1/warnings/${id}/workflow`)).body;
  it('the intake request is taken, the case is prefilled from the warning and owned by its unit', async () => {
    const wid = (
      await analyst.post('/api/v1/warnings', {
        level: 'high',
        fraudTypes: ['fake_investment'],
        subject: { phone: '13900000001', name: '李四' },
      })
    ).body.id as string;
    for (let i = 0; i < 100 && (await wf(wid)).status !== 'dispatched'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await officerA.post(`/api/v1/warnings/${wid}/actions`, { type: 'sign' })).status).toBe(200);
    expect(
      (
        await officerA.post(`/api/v1/warnings/${wid}/actions`, {
          type: 'close',
          disposition: 'defrauded',
          loss: 18000,
          note: '已转账两笔',
        })
      ).status,
    ).toBe(200);
    await s.app.events.drain();
    const list = (await officerA.get('/api/v1/cases?source=warning')).body;
    expect(list.total).toBe(1);
    const c = list.items[0];
    expect(c).toMatchObject({
      fromWarningId: wid,
      reference: wid,
      unitId: org.stationA.id,
      loss: 18000,
      paymentCount: 0,
      stage: 'reported',
      fraudTypes: [{ code: 'fake_investment' }],
      victim: { name: '李*', phone: '139****0001' },
    });
    // the case links to the victim's warnings (by phone / resident ID), through the warnings module
    expect((await officerA.get(`/api/v1/cases/${c.id}`)).body.warnings).toMatchObject([
      { id: wid, level: 'high', status: 'closed' },
    ]);
    const intakes = (await analyst.get('/api/v1/case-intake?status=taken')).body.items;
    expect(intakes).toMatchObject([{ warningId: wid, status: 'taken', caseRef: c.id }]);
    // once per warning: the event again (a replay) and an officer's own intake for it change nothing
    await s.app.events.drain();
    expect((await officerA.get('/api/v1/cases?source=warning')).body.total).toBe(1);
    const dup = await officerA.post('/api/v1/cases', body({ reportedAt: minutesAgo(1), fromWarningId: wid }));
    expect(dup.status).toBe(400);
    expect(dup.body.field).toBe('fromWarningId');

    // the officer adds the payments: validated, numbered after the existing ones, case.updated with the whole case
    const bad = await officerA.post(`/api/v1/cases/${c.id}/payments`, {
      payments: [{ paidAt: minutesAgo(50), amount: 0, toAccount: '6222021234567890128' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('payments.0.amount');
    const paidAt = minutesAgo(50);
    const add = await officerA.post(`/api/v1/cases/${c.id}/payments`, {
      payments: [{ paidAt, amount: 18000, toAccount: '6222021234567890128' }],
      identifiers: [{ kind: 'app', value: 'com.fake.invest' }],
    });
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({
      paymentCount: 1,
      paid: 18000,
      payments: [{ seq: 1, toBank: '中国工商银行' }],
      identifiers: [{ kind: 'app' }],
    });
    const again = await officerA.post(`/api/v1/cases/${c.id}/payments`, {
      payments: [{ paidAt, amount: 18000, toAccount: '6222021234567890128' }],
    });
    expect(again.status).toBe(400);
    const updated = (
      (await s.database.db.execute(
        `select payload from domain_events where name = 'case.updated' order by id`,
      )) as unknown as { rows: { payload: CaseRecorded }[] }
    ).rows.map((r) => r.payload);
    expect(updated).toMatchObject([
      {
        caseId: c.id,
        fromWarningId: wid,
        payments: [{ amount: 18000, toAccount: '6222021234567890128', toBank: '中国工商银行' }],
        identifiers: [{ kind: 'app', key: 'com.fake.invest' }],
      },
    ]);
  });
});

describe('a warning closed 已被骗 that is reopened: its case is withdrawn (warning.reopened)', () => {
  const wf = async (id: string) => (await officerA.get(`/api/v1/warnings/${id}/workflow`)).body;
  it('withdraws the case the closure made and keeps it, with the reason and an audit row', async () => {
    const wid = (
      await analyst.post('/api/v1/warnings', {
        level: 'high',
        fraudTypes: ['fake_investment'],
        subject: { phone: '13900000001', name: '李四' },
      })
    ).body.id as string;
    for (let i = 0; i < 100 && (await wf(wid)).status !== 'dispatched'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await officerA.post(`/api/v1/warnings/${wid}/actions`, { type: 'sign' })).status).toBe(200);
    const close = () =>
      officerA.post(`/api/v1/warnings/${wid}/actions`, {
        type: 'close',
        disposition: 'defrauded',
        loss: 500,
        note: '被骗',
      });
    expect((await close()).status).toBe(200);
    await s.app.events.drain();
    const c = (await officerA.get('/api/v1/cases?source=warning')).body.items.find((x: any) => x.fromWarningId === wid);
    expect(c.withdrawn).toBeNull();
    const reopen = await officerA.post(`/api/v1/warnings/${wid}/actions`, { type: 'reopen', reason: '核实未被骗' });
    expect(reopen.status).toBe(200);
    await s.app.events.drain();
    const ev = (
      (await s.database.db.execute(
        `select payload from domain_events where name = 'warning.reopened' order by id`,
      )) as unknown as { rows: { payload: any }[] }
    ).rows.map((r) => r.payload);
    expect(ev.find((p) => p.warningId === wid)).toMatchObject({
      previousDisposition: 'defrauded',
      reason: '核实未被骗',
    });
    const after = (await officerA.get(`/api/v1/cases/${c.id}`)).body;
    expect(after.withdrawn).toMatchObject({ reason: expect.stringContaining('核实未被骗') });
    const audits = (
      (await s.database.db.execute(
        `select details from audit_log where entity_type = 'case' and entity_id = '${c.id}' and action = 'update'`,
      )) as unknown as { rows: { details: any }[] }
    ).rows;
    expect(audits.some((a) => a.details?.withdrawn === true)).toBe(true);
  });
});

describe('the demo city', () => {
  it('a victim who reports becomes a case with the payments, on the real clock (the city stamps reports in real time)', async () => {
    const { recordDemoCase } = await import('./index.ts');
    expect(
      (await analyst.post('/api/v1/residents', { name: '周九', phone: '13900000009', unitId: org.gridA.id })).status,
    ).toBe(201);
    const at = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const id = await recordDemoCase(s.database.db, {
      reportedAt: at(-0.001), // a report the live city just sent: recorded "a minute later" would be after now
      victim: { name: '周九', phone: '13900000009' },
      fraudType: 'brushing_rebate',
      reference: 'demo-1-9',
      losses: [
        { at: at(-1), amount: 2000, toAccount: '6222021234567890128' },
        { at: at(-0.8), amount: 500 },
      ],
    });
    expect(id).toBeTruthy();
    const c = (await analyst.get(`/api/v1/cases/${id}`)).body;
    expect(c).toMatchObject({
      unitId: org.gridA.id,
      source: 'call_96110',
      reference: 'demo-1-9',
      loss: 2500,
      paymentCount: 1,
      payments: [{ amount: 2000, toBank: '中国工商银行' }],
    });
    expect(Date.parse(c.createdAt)).toBeLessThanOrEqual(Date.now()); // one clock: never recorded in the future
  });
});
