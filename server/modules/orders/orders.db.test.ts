import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/harness/server.ts';
import { sweep } from './sweep.ts';
import { startOrdersServer, type OrdersServer } from '../../../test/harness/orders-server.ts';
import type { CaseRecorded } from './events.ts';

// The "done means" through the real HTTP server: a case with two payments to two banks → one stop order
// in each bank's inbox and in no other; one executes, the other rejects; a third stop is refused; totals move.

const T0 = Date.parse('2026-12-02T08:00:00Z');
let now = T0;
const ICBC_ACC = '6222021234567890128';
const ABC_ACC = '6228481234567890125';
let s: OrdersServer;
let officer: Client, otherOfficer: Client, icbc: Client, abc: Client, analyst: Client, admin: Client;
const hooks: unknown[] = [];
let hookServer: http.Server;

const theCase = (caseId: string, unitId: string, payments: CaseRecorded['payments']): CaseRecorded => ({
  caseId,
  unitId,
  reportedAt: new Date(now - 5 * 60_000).toISOString(),
  fraudTypes: ['impersonate_police'],
  loss: 80_000,
  victim: { name: '张三' },
  identifiers: [],
  payments,
});

beforeAll(async () => {
  // cases of this file are delivered as events only (s.caseRecorded): their unit is the station
  s = await startOrdersServer({
    clock: () => now,
    lookupCase: async () => ({ unitId: s.org.units['451202001']!.id, reportedAt: new Date(T0).toISOString() }),
  });
  [officer, otherOfficer, icbc, abc, analyst, admin] = (await Promise.all(
    ['officer_jcj', 'officer_dj', 'bank_icbc', 'bank_abc', 'analyst', 'admin'].map((u) => s.login(u)),
  )) as Client[] as [Client, Client, Client, Client, Client, Client];
  hookServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push(JSON.parse(body));
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
}, 180_000);
afterAll(async () => {
  await s?.close();
  hookServer?.close();
});

describe('orders to banks', () => {
  let icbcOrder: any, abcOrder: any;
  const station = () => s.org.units['451202001']!.id;

  it('接警即止付: a recorded case yields one stop order per payment, each in its own bank’s inbox only', async () => {
    const port = (hookServer.address() as any).port;
    expect(
      (
        await icbc.request('PUT', `/api/v1/orders/banks/${s.org.units.icbc!.id}/webhook`, {
          webhookUrl: `http://127.0.0.1:${port}/hook`,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await abc.request('PUT', `/api/v1/orders/banks/${s.org.units.icbc!.id}/webhook`, {
          webhookUrl: 'http://127.0.0.1:1/x',
        })
      ).status,
    ).toBe(403);
    await s.caseRecorded(
      theCase('case-1', station(), [
        {
          paymentId: 'p1',
          paidAt: new Date(now - 10 * 60_000).toISOString(),
          amount: 50_000,
          toAccount: ICBC_ACC,
          toName: '李四',
          toBank: '中国工商银行',
        },
        {
          paymentId: 'p2',
          paidAt: new Date(now - 8 * 60_000).toISOString(),
          amount: 30_000,
          toAccount: ABC_ACC,
          toBank: '农业银行',
        },
      ]),
    );
    const mine = await officer.get('/api/v1/orders?caseId=case-1');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(2);
    for (const o of mine.body.items) {
      expect(o).toMatchObject({ kind: 'stop_payment', status: 'sent', automatic: true, masked: true });
      expect(o.account).toContain('****');
      expect(Date.parse(o.golden.fromPayment.endsAt) - now).toBeGreaterThan(0);
      expect(o.golden.fromReport.remainingMs).toBe(25 * 60_000);
      expect(Date.parse(o.dueAt)).toBe(now + 15 * 60_000);
      expect(o.actions).toEqual(['cancel']);
    }
    const inboxI = await icbc.get('/api/v1/orders?inbox=true');
    const inboxA = await abc.get('/api/v1/orders?inbox=true');
    expect(inboxI.body.items.map((o: any) => o.account)).toEqual([ICBC_ACC]);
    expect(inboxA.body.items.map((o: any) => o.account)).toEqual([ABC_ACC]);
    [icbcOrder] = inboxI.body.items;
    [abcOrder] = inboxA.body.items;
    expect(icbcOrder).toMatchObject({
      amount: 50_000,
      accountName: '李四',
      bank: '中国工商银行河池分行',
      actions: ['receive', 'answer'],
    });
    // another station sees neither; a bank sees nothing of the other's
    expect((await otherOfficer.get('/api/v1/orders?caseId=case-1')).body.total).toBe(0);
    expect((await abc.get(`/api/v1/orders/${icbcOrder.id}`)).status).toBe(404);
    // the bank's system is told through its webhook, masked
    await sweep(s.rt);
    expect(hooks).toHaveLength(1);
    expect(JSON.stringify(hooks[0])).toContain(icbcOrder.id);
    expect(JSON.stringify(hooks[0])).not.toContain(ICBC_ACC);
  });

  it('the banks answer: one executes (the stop runs 48 h), the other rejects with a reason', async () => {
    now += 3 * 60_000;
    expect((await abc.post(`/api/v1/orders/${icbcOrder.id}/result`, { outcome: 'executed' })).status).toBe(404);
    expect((await officer.post(`/api/v1/orders/${icbcOrder.id}/result`, { outcome: 'executed' })).status).toBe(403);
    expect((await icbc.post(`/api/v1/orders/${icbcOrder.id}/receive`)).body.status).toBe('received');
    const ex = await icbc.post(`/api/v1/orders/${icbcOrder.id}/result`, {
      outcome: 'executed',
      amount: 50_000,
      balance: 52_310.5,
    });
    expect(ex.status).toBe(200);
    expect(ex.body).toMatchObject({ status: 'executed', amountStopped: 50_000, balance: 52_310.5 });
    expect(Date.parse(ex.body.expiresAt)).toBe(now + 48 * 3_600_000);
    expect((await icbc.post(`/api/v1/orders/${icbcOrder.id}/result`, { outcome: 'executed' })).status).toBe(409);
    const noReason = await abc.post(`/api/v1/orders/${abcOrder.id}/result`, { outcome: 'rejected' });
    expect(noReason).toMatchObject({ status: 400, body: { field: 'reason' } });
    expect(
      (await abc.post(`/api/v1/orders/${abcOrder.id}/result`, { outcome: 'rejected', reason: '账户已销户' })).body,
    ).toMatchObject({ status: 'rejected', reason: '账户已销户' });
    expect((await abc.get('/api/v1/orders?inbox=true')).body.total).toBe(0);
    const detail = await officer.get(`/api/v1/orders/${icbcOrder.id}`);
    expect(detail.body.steps.map((x: any) => x.step)).toEqual(['create', 'send', 'receive', 'answer']);
    const audit = await admin.get(`/api/v1/audit?entityType=order&entityId=${icbcOrder.id}`);
    expect(audit.status).toBe(200);
  });

  it('at most 2 stops per account: a third is 409 stop_limit_reached; an automatic one is kept as refused', async () => {
    const second = await officer.post('/api/v1/orders', {
      caseId: 'case-1',
      kind: 'stop_payment',
      account: ICBC_ACC,
      bank: '工行',
      amount: 50_000,
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'sent', kind: 'stop_payment', bankUnitId: s.org.units.icbc!.id });
    const third = await officer.post('/api/v1/orders', {
      caseId: 'case-1',
      kind: 'stop_payment',
      account: ICBC_ACC,
      bank: '工行',
      amount: 50_000,
    });
    expect(third).toMatchObject({ status: 409, body: { error: 'stop_limit_reached' } });
    await s.caseRecorded(
      theCase('case-2', station(), [
        {
          paymentId: 'q1',
          paidAt: new Date(now).toISOString(),
          amount: 2_000,
          toAccount: ICBC_ACC,
          toBank: '中国工商银行',
        },
      ]),
    );
    const auto = (await officer.get('/api/v1/orders?caseId=case-2')).body.items;
    expect(auto).toHaveLength(1);
    expect(auto[0]).toMatchObject({ status: 'refused', reason: 'stop_limit_reached' });
    expect((await icbc.get('/api/v1/orders?caseId=case-2')).body.total).toBe(0); // never reached the bank
    // a freeze is not a stop: allowed
    expect(
      (
        await officer.post('/api/v1/orders', {
          caseId: 'case-1',
          kind: 'freeze',
          account: ICBC_ACC,
          bank: '工行',
          amount: 50_000,
        })
      ).status,
    ).toBe(201);
  });

  it('refuses orders a caller may not make: a bank liaison, a bank outside the area, bad input', async () => {
    expect(
      (await icbc.post('/api/v1/orders', { caseId: 'case-1', kind: 'freeze', account: ICBC_ACC, amount: 1 })).status,
    ).toBe(403);
    const gx = s.org.units.province!.id;
    const nn = await admin.post('/api/v1/units', { parentId: gx, kind: 'city', code: '450100' });
    expect(nn.status).toBe(201);
    const far = await admin.post('/api/v1/units', {
      parentId: nn.body.id,
      kind: 'bank',
      name: '中国建设银行南宁分行',
      code: '105-4501',
    });
    expect(far.status).toBe(201);
    expect(
      (
        await officer.post('/api/v1/orders', {
          caseId: 'case-1',
          kind: 'freeze',
          account: '6217001234567890',
          bank: far.body.id,
          amount: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await officer.post('/api/v1/orders', {
          caseId: 'case-1',
          kind: 'freeze',
          account: ICBC_ACC,
          bank: '工行',
          amount: -5,
        })
      ).status,
    ).toBe(400);
    expect((await officer.post('/api/v1/orders', { caseId: 'case-1', kind: 'stop', account: ICBC_ACC })).status).toBe(
      400,
    );
    expect((await officer.post('/api/v1/orders', { kind: 'protective_stop', account: ICBC_ACC })).body).toMatchObject({
      error: 'validation_failed',
      field: 'caseId',
    });
  });

  it('预警即止付: a protective stop asked for from a warning, without a case, goes to the bank of the account', async () => {
    // a centre analyst of the province: a manual warning whose subject no registry places stays with the province
    const prov = await admin.post('/api/v1/users', {
      username: 'prov_analyst',
      displayName: '省中心研判员',
      role: 'center_analyst',
      unitId: s.org.units.province!.id,
      password: 'Prov-analyst-2026',
    });
    expect(prov.status, JSON.stringify(prov.body)).toBe(201);
    const centre = await s.login('prov_analyst', 'Prov-analyst-2026');
    const w = await centre.post('/api/v1/warnings', {
      level: 'high',
      fraudTypes: ['impersonate_authority'],
      subject: { name: '赵六', phone: '13900000042' },
    });
    expect([200, 201]).toContain(w.status);
    const ps = await centre.post('/api/v1/orders', {
      kind: 'protective_stop',
      warningId: w.body.id,
      account: '6228481234567890992',
      bank: '农行',
      reason: '正在向“安全账户”转账',
    });
    expect(ps.status, JSON.stringify(ps.body)).toBe(201);
    expect(ps.body).toMatchObject({
      kind: 'protective_stop',
      status: 'sent',
      caseId: null,
      warningId: w.body.id,
      bankUnitId: s.org.units.abc!.id,
    });
    expect((await abc.get('/api/v1/orders?kind=protective_stop')).body.items.map((o: any) => o.id)).toEqual([
      ps.body.id,
    ]);
    expect(
      (
        await centre.post('/api/v1/orders', {
          kind: 'protective_stop',
          warningId: 'no-such-warning',
          account: '6228481234567890992',
        })
      ).status,
    ).toBe(404);
  });

  it('a partner token bound to the bank reads and answers its orders, nothing else', async () => {
    const tok = await admin.post('/api/v1/tokens', {
      name: 'icbc core',
      unitId: s.org.units.icbc!.id,
      scopes: ['orders:read', 'orders:write'],
    });
    expect(tok.status).toBe(201);
    const bankSystem = s.anonymousClient().withBearer(tok.body.token);
    const inbox = await bankSystem.get('/api/v1/orders?inbox=true');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.every((o: any) => o.bankUnitId === s.org.units.icbc!.id)).toBe(true);
    const freeze = inbox.body.items.find((o: any) => o.kind === 'freeze');
    expect(
      (
        await bankSystem.post(`/api/v1/orders/${freeze.id}/result`, {
          outcome: 'partial',
          amount: 20_000,
          balance: 20_000,
          reason: '资金已转出',
        })
      ).body,
    ).toMatchObject({ status: 'partial', amountStopped: 20_000 });
    expect((await bankSystem.post(`/api/v1/orders/${abcOrder.id}/result`, { outcome: 'executed' })).status).toBe(404);
  });

  it('money totals per case and unit move with the answers', async () => {
    const c = await officer.get('/api/v1/orders/totals?caseId=case-1');
    expect(c.body).toMatchObject({ stopped: 50_000, frozen: 20_000, recovered: 0 });
    const unit = await analyst.get(`/api/v1/orders/totals?unitId=${s.org.units['451202']!.id}`);
    expect(unit.body.stopped).toBe(50_000);
    expect((await otherOfficer.get('/api/v1/orders/totals')).body.stopped).toBe(0);
    expect((await icbc.get('/api/v1/orders/totals')).body.stopped).toBe(50_000);
  });

  it('the sweep escalates an unanswered order, then expires a stop after 48 h', async () => {
    const open = (await icbc.get('/api/v1/orders?inbox=true')).body.items[0];
    now += 16 * 60_000;
    const r = await sweep(s.rt);
    expect(r.escalated).toBeGreaterThanOrEqual(1);
    const d = await officer.get(`/api/v1/orders/${open.id}`);
    expect(d.body.escalations).toBe(1);
    expect(d.body.steps.at(-1).step).toBe('escalate');
    now += 49 * 3_600_000;
    const r2 = await sweep(s.rt);
    expect(r2.expired).toBeGreaterThanOrEqual(1);
    expect((await officer.get(`/api/v1/orders/${icbcOrder.id}`)).body.status).toBe('expired');
    // the partly executed freeze (6 months): a reminder 15 days before its end, another 3 days before, then expiry
    const freeze = (await officer.get('/api/v1/orders?caseId=case-1&kind=freeze')).body.items.find(
      (o: any) => o.status === 'partial',
    );
    now = Date.parse(freeze.expiresAt) - 10 * 86_400_000;
    expect((await sweep(s.rt)).reminded).toBe(1);
    expect((await sweep(s.rt)).reminded).toBe(0);
    now = Date.parse(freeze.expiresAt) - 86_400_000;
    expect((await sweep(s.rt)).reminded).toBe(1);
    now = Date.parse(freeze.expiresAt) + 1;
    await sweep(s.rt);
    const f = await officer.get(`/api/v1/orders/${freeze.id}`);
    expect(f.body.status).toBe('expired');
    expect(f.body.steps.map((x: any) => x.step).slice(-3)).toEqual(['remind', 'remind', 'expire']);
  });

  it('an evidence answer carries a statement: GBK or UTF-8 CSV, checked row by row, stored with SHA-256', async () => {
    const ev = await officer.post('/api/v1/orders', {
      caseId: 'case-1',
      kind: 'evidence',
      account: ICBC_ACC,
      bank: '工行',
    });
    expect(ev.status).toBe(201);
    const csv = '交易流水号,交易时间,金额\r\nA1,2026-12-02 08:01,50000\r\nA2,2026-12-02 08:03,-49000\r\n';
    const gbkBytes = encodeGbk(csv);
    const bad = await icbc.request(
      'POST',
      `/api/v1/orders/${ev.body.id}/files?name=stmt.csv`,
      new Uint8Array(encodeGbk('交易流水号,金额\r\nA1,1\r\nA1,2\r\nA3\r\n')),
      { 'content-type': 'text/csv' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((p: any) => p.field)).toEqual(['rows[3]', 'rows[4]']);
    const ok = await icbc.request(
      'POST',
      `/api/v1/orders/${ev.body.id}/files?name=stmt.csv`,
      new Uint8Array(gbkBytes),
      { 'content-type': 'text/csv' },
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ encoding: 'gbk', rows: 2, size: gbkBytes.length });
    expect(ok.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const d = await officer.get(`/api/v1/orders/${ev.body.id}`);
    expect(d.body.files).toHaveLength(1);
    expect(
      (
        await abc.request('POST', `/api/v1/orders/${ev.body.id}/files?name=x.csv`, 'a,b\n1,2\n', {
          'content-type': 'text/csv',
        })
      ).status,
    ).toBe(404);
  });
});

/** GBK bytes for the few characters the test uses (Node has a GBK decoder but no encoder). */
function encodeGbk(text: string): Buffer {
  const table: Record<string, number[]> = {
    交: [0xbd, 0xbb],
    易: [0xd2, 0xd7],
    流: [0xc1, 0xf7],
    水: [0xcb, 0xae],
    号: [0xba, 0xc5],
    时: [0xca, 0xb1],
    间: [0xbc, 0xe4],
    金: [0xbd, 0xf0],
    额: [0xb6, 0xee],
  };
  const out: number[] = [];
  for (const ch of text) {
    const t = table[ch];
    if (t) out.push(...t);
    else if (ch.charCodeAt(0) < 128) out.push(ch.charCodeAt(0));
    else throw new Error(`no GBK for ${ch}`);
  }
  const b = Buffer.from(out);
  expect(new TextDecoder('gbk').decode(b)).toBe(text);
  return b;
}
