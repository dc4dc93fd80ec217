import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/harness/server.ts';
import { startOrdersServer, type OrdersServer } from '../../../test/harness/orders-server.ts';
import type { Notice } from '../dissuasion/index.ts';
import { sweep } from './sweep.ts';
import type { CaseRecorded } from './events.ts';

// 返还 end to end on the real HTTP server: two victims paid into one account, one of them also into another; the
// banks stop part of the money; the refund plan shares it (traced when it covers the claims, pro rata after the
// 30-day notice when it does not); refund orders go to the banks; an executed refund is recorded as returned and the
// "returned" totals of the case and the unit move. Then an unanswered order escalates and the officers are told.

const T0 = Date.parse('2026-12-02T08:00:00Z');
let now = T0;
const ICBC_ACC = '6222021234567890128';
const ABC_ACC = '6228481234567890125';
const DAY = 86_400_000;
let s: OrdersServer;
let officer: Client, otherOfficer: Client, icbc: Client, abc: Client, analyst: Client;

const theCase = (caseId: string, payments: CaseRecorded['payments']): CaseRecorded => ({
  caseId,
  unitId: s.org.units['451202001']!.id,
  reportedAt: new Date(now - 5 * 60_000).toISOString(),
  fraudTypes: ['impersonate_police'],
  loss: payments.reduce((a, p) => a + p.amount, 0),
  victim: { name: '张三' },
  identifiers: [],
  payments,
});
const pay = (paymentId: string, amount: number, toAccount: string, toBank: string) => ({
  paymentId,
  paidAt: new Date(now - 10 * 60_000).toISOString(),
  amount,
  toAccount,
  toBank,
});

beforeAll(async () => {
  s = await startOrdersServer({
    clock: () => now,
    lookupCase: async () => ({ unitId: s.org.units['451202001']!.id, reportedAt: new Date(T0).toISOString() }),
  });
  [officer, otherOfficer, icbc, abc, analyst] = (await Promise.all(
    ['officer_jcj', 'officer_dj', 'bank_icbc', 'bank_abc', 'analyst'].map((u) => s.login(u)),
  )) as [Client, Client, Client, Client, Client];
}, 180_000);
afterAll(async () => {
  await s?.close();
});

async function answer(bank: Client, caseId: string, account: string, amount: number) {
  const list = (await officer.get(`/api/v1/orders?caseId=${caseId}&kind=stop_payment`)).body.items;
  const o = list.find((x: any) => x.account.slice(-4) === account.slice(-4));
  const outcome = amount < o.amount ? 'partial' : 'executed';
  const r = await bank.post(`/api/v1/orders/${o.id}/result`, { outcome, amount, balance: amount });
  expect(r.status).toBe(200);
}

describe('refunds (返还)', () => {
  it('plans per victim: traced when the money covers the claims, pro rata with the 30-day notice when it does not', async () => {
    await s.caseRecorded(
      theCase('case-a', [pay('a1', 6_000, ICBC_ACC, '工商银行'), pay('a2', 3_000, ABC_ACC, '农业银行')]),
    );
    await s.caseRecorded(theCase('case-b', [pay('b1', 2_000, ICBC_ACC, '工商银行')]));
    now += 5 * 60_000;
    await answer(icbc, 'case-a', ICBC_ACC, 4_000); // 4,000 of the 8,000 paid in is still there
    await answer(abc, 'case-a', ABC_ACC, 3_000); // all of case a's 3,000
    const plan = await officer.get('/api/v1/orders/refund-plan?caseId=case-a');
    expect(plan.status).toBe(200);
    expect(plan.body.noticeDays).toBe(30);
    const icbcAcc = plan.body.accounts.find((a: any) => a.account.endsWith('0128'));
    const abcAcc = plan.body.accounts.find((a: any) => a.account.endsWith('0125'));
    expect(icbcAcc.account).toContain('*');
    expect(icbcAcc).toMatchObject({ held: 4_000, refunding: 0 });
    expect(icbcAcc.shares).toEqual([
      expect.objectContaining({ caseId: 'case-a', thisCase: true, paid: 6_000, amount: 3_000, basis: 'pro_rata' }),
      expect.objectContaining({ caseId: 'case-b', thisCase: false, paid: 2_000, amount: 1_000, basis: 'pro_rata' }),
    ]);
    expect(Date.parse(icbcAcc.shares[0].notBefore)).toBe(now + 30 * DAY);
    expect(abcAcc.shares).toEqual([
      expect.objectContaining({ caseId: 'case-a', amount: 3_000, basis: 'traced', notBefore: null }),
    ]);
    // outside the jurisdiction: no plan; a bank makes no refunds
    expect((await otherOfficer.get('/api/v1/orders/refund-plan?caseId=case-a')).status).toBe(404);
    expect((await icbc.post('/api/v1/orders/refunds', { caseId: 'case-a' })).status).toBe(403);
    expect((await officer.post('/api/v1/orders/refunds', { caseId: 'case-a', extra: 1 })).status).toBe(400);
  });

  let traced: any, proRata: any;
  it('proposes refund orders: the traced one sent at once, the pro-rata one held until the notice is over', async () => {
    const r = await officer.post('/api/v1/orders/refunds', { caseId: 'case-a' });
    expect(r.status).toBe(201);
    expect(r.body.items).toHaveLength(2);
    traced = r.body.items.find((o: any) => o.amount === 3_000 && o.bank?.includes('农业'));
    proRata = r.body.items.find((o: any) => o !== traced);
    expect(traced).toMatchObject({ kind: 'refund', status: 'sent', bankUnitId: s.org.units.abc!.id });
    expect(proRata).toMatchObject({ kind: 'refund', status: 'draft', amount: 3_000 });
    // proposing again claims nothing twice
    expect((await officer.post('/api/v1/orders/refunds', { caseId: 'case-a' })).status).toBe(409);
    const send = await officer.post(`/api/v1/orders/${proRata.id}/send`, {});
    expect(send.status).toBe(409);
    expect(JSON.stringify(send.body)).toContain('notice period');
    const plan = (await officer.get('/api/v1/orders/refund-plan?caseId=case-a')).body;
    expect(plan.refunds.map((x: any) => x.basis).sort()).toEqual(['pro_rata', 'traced']);
    expect(plan.accounts.find((a: any) => a.account.endsWith('0128')).shares[0]).toMatchObject({
      share: 3_000,
      refunding: 3_000,
      amount: 0,
    });
    // the other victim's share is still there for their case
    const b = (await officer.get('/api/v1/orders/refund-plan?caseId=case-b')).body;
    expect(b.accounts[0].shares.find((x: any) => x.thisCase)).toMatchObject({ amount: 1_000, refunding: 0 });
  });

  it('the bank executes the refund, the officer records it returned: the returned totals of case and unit move', async () => {
    expect((await officer.post(`/api/v1/orders/${traced.id}/returned`, {})).status).toBe(409); // not executed yet
    expect((await abc.post(`/api/v1/orders/${traced.id}/result`, { outcome: 'executed', amount: 3_000 })).status).toBe(
      200,
    );
    let t = (await officer.get('/api/v1/orders/totals?caseId=case-a')).body;
    expect(t).toMatchObject({ recovered: 3_000, returned: 0 });
    expect((await abc.post(`/api/v1/orders/${traced.id}/returned`, {})).status).toBe(404); // the police record it
    expect((await officer.post(`/api/v1/orders/${traced.id}/returned`, { amount: 3_000.01 })).status).toBe(400);
    const ret = await officer.post(`/api/v1/orders/${traced.id}/returned`, { note: '已到账' });
    expect(ret.status).toBe(200);
    expect(ret.body.returned).toBe(3_000);
    expect((await officer.post(`/api/v1/orders/${traced.id}/returned`, {})).status).toBe(409);
    t = (await officer.get('/api/v1/orders/totals?caseId=case-a')).body;
    expect(t).toMatchObject({ recovered: 3_000, returned: 3_000 });
    const unit = (await analyst.get(`/api/v1/orders/totals?unitId=${s.org.units['451202']!.id}`)).body;
    expect(unit.returned).toBe(3_000);
    const period = (
      await officer.get(
        `/api/v1/orders/totals?from=${new Date(now - DAY).toISOString()}&to=${new Date(now + DAY).toISOString()}`,
      )
    ).body;
    expect(period.returned).toBe(3_000);
    const d = (await officer.get(`/api/v1/orders/${traced.id}`)).body;
    expect(d.steps.at(-1)).toMatchObject({ step: 'returned', details: { amount: 3_000, note: '已到账' } });
    const audits = (await s.database.db.execute(
      sql`select count(*)::int as n from audit_log where entity_type = 'order_refund' and entity_id = ${traced.id}`,
    )) as unknown as { rows: unknown[] };
    expect((audits.rows[0] as { n: number }).n).toBe(2); // proposed, returned
    const plan = (await officer.get('/api/v1/orders/refund-plan?caseId=case-a')).body;
    expect(plan.refunds.find((x: any) => x.orderId === traced.id)).toMatchObject({ returned: 3_000 });
    expect(plan.refunds.find((x: any) => x.orderId === traced.id).returnedAt).toBeTruthy();
  });

  it('after the 30-day notice the sweep sends the pro-rata refund to the bank', async () => {
    now += 10 * DAY;
    expect((await sweep(s.rt)).refundsSent).toBe(0);
    now += 21 * DAY;
    expect((await sweep(s.rt)).refundsSent).toBe(1);
    const o = (await officer.get(`/api/v1/orders/${proRata.id}`)).body;
    expect(o.status).toBe('sent');
    expect((await icbc.get('/api/v1/orders?inbox=true')).body.items.map((x: any) => x.id)).toContain(proRata.id);
  });
});

describe('escalation', () => {
  it('a bank that does not answer in time: the order escalates and the case’s officers are told', async () => {
    const hub = s.dissuasion.hub;
    const seen: Notice[] = [];
    const off = hub.onNotice((n) => n.kind === 'order_overdue' && seen.push(n));
    const station: Notice[] = [];
    const other: Notice[] = [];
    const offA = hub.subscribe({
      userId: 'u-station',
      unitPath: s.org.units['451202001']!.path,
      send: (n) => station.push(n),
    });
    const offB = hub.subscribe({
      userId: 'u-other',
      unitPath: s.org.units['451202101']!.path,
      send: (n) => other.push(n),
    });
    await s.caseRecorded(theCase('case-c', [pay('c1', 1_000, '6222021234567890136', '工商银行')]));
    const o = (await officer.get('/api/v1/orders?caseId=case-c')).body.items[0];
    expect(o.status).toBe('sent');
    now += 16 * 60_000; // the stop's answer time is 15 minutes
    expect((await sweep(s.rt)).escalated).toBeGreaterThanOrEqual(1);
    const ev = (await s.database.db.execute(
      sql`select payload from domain_events where name = 'order.overdue' and payload->>'orderId' = ${o.id}`,
    )) as unknown as { rows: unknown[] };
    expect(ev.rows).toHaveLength(1);
    expect((ev.rows[0] as { payload: any }).payload).toMatchObject({
      caseId: 'case-c',
      level: 1,
      final: false,
      officerId: null, // a case the system made (events only here): its unit is told
      unitPath: s.org.units['451202001']!.path,
    });
    for (let i = 0; i < 50 && !seen.some((n) => n.orderId === o.id); i++) await new Promise((r) => setTimeout(r, 100));
    off();
    offA();
    offB();
    expect(seen.find((n) => n.orderId === o.id)).toMatchObject({ kind: 'order_overdue', caseId: 'case-c' });
    expect(station.some((n) => n.orderId === o.id)).toBe(true);
    expect(other.some((n) => n.orderId === o.id)).toBe(false);
  });
});
