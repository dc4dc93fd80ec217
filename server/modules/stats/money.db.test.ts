import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Client } from '../../../test/harness/server.ts';
import { startOrdersServer, type OrdersServer } from '../../../test/harness/orders-server.ts';
import { loadDemoCards } from '../cards/index.ts';
import { rebuildStats } from './index.ts';

// The money KPIs follow the orders (`order.updated` → the stats subscriber), the 两卡 KPIs read the cards module
// as the caller sees it from the chosen unit, prevention coverage comes from the campaigns' sent messages.

const T0 = Date.parse('2026-12-02T08:00:00Z'); // 16:00 in Shanghai: the KPI day is 2026-12-02
let now = T0;
let s: OrdersServer;
let leader: Client, icbc: Client, officer: Client;
const TODAY = 'from=2026-12-02&to=2026-12-02';
const station = () => s.org.units['451202001']!.id;

async function kpi(c: Client, key: string, q = TODAY) {
  const r = await c.get(`/api/v1/stats/kpis?${q}`);
  expect(r.status).toBe(200);
  return r.body.kpis.find((k: { key: string }) => k.key === key);
}
/** The subscriber runs after the commit (woken by NOTIFY): wait until the figure arrives. */
async function until(f: () => Promise<unknown>, want: unknown, ms = 10_000) {
  const end = Date.now() + ms;
  let got: unknown;
  while (Date.now() < end) {
    got = await f();
    if (JSON.stringify(got) === JSON.stringify(want)) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  return got;
}

beforeAll(async () => {
  s = await startOrdersServer({
    clock: () => now,
    lookupCase: async () => ({ unitId: station(), reportedAt: new Date(T0).toISOString() }),
  });
  [leader, icbc, officer] = (await Promise.all(['leader', 'bank_icbc', 'officer_jcj'].map((u) => s.login(u)))) as [
    Client,
    Client,
    Client,
  ];
}, 180_000);
afterAll(async () => {
  await s?.close();
});

describe('money KPIs move with the orders', () => {
  it('a case with a payment; the bank executes a stop of ¥X → the unit’s 止付金额 for today shows X', async () => {
    expect(await kpi(leader, 'stopped_amount')).toMatchObject({ value: 0, unit: 'yuan' });
    await s.caseRecorded({
      caseId: 'case-m1',
      unitId: station(),
      reportedAt: new Date(now - 5 * 60_000).toISOString(),
      fraudTypes: ['impersonate_police'],
      loss: 60_000,
      victim: { name: '张三' },
      identifiers: [],
      payments: [
        {
          paymentId: 'p1',
          paidAt: new Date(now - 10 * 60_000).toISOString(),
          amount: 60_000,
          toAccount: '6222021234567890128',
          toName: '李四',
          toBank: '中国工商银行',
        },
      ],
    });
    const [order] = (await icbc.get('/api/v1/orders?inbox=true')).body.items;
    expect(order).toMatchObject({ kind: 'stop_payment', amount: 60_000 });
    // sent, not answered: nothing stopped yet
    expect(await until(async () => (await kpi(leader, 'stopped_amount')).value, 0)).toBe(0);
    now += 3 * 60_000;
    expect((await icbc.post(`/api/v1/orders/${order.id}/receive`)).status).toBe(200);
    const ex = await icbc.post(`/api/v1/orders/${order.id}/result`, { outcome: 'partial', amount: 42_500.5 });
    expect(ex.status).toBe(200);
    expect(await until(async () => (await kpi(leader, 'stopped_amount')).value, 42_500.5)).toBe(42_500.5);
    // the station sees it too; another station does not; yesterday has nothing
    expect((await kpi(officer, 'stopped_amount')).value).toBe(42_500.5);
    const other = await s.login('officer_dj');
    expect((await kpi(other, 'stopped_amount')).value).toBe(0);
    expect((await kpi(leader, 'stopped_amount', 'from=2026-12-01&to=2026-12-01')).value).toBe(0);
    // the orders module's own totals agree
    const totals = await leader.get('/api/v1/orders/totals');
    expect(totals.status).toBe(200);
    expect(totals.body.stopped).toBe(42_500.5);
    // releasing the stop keeps the money counted (it was stopped), once
    now += 60 * 60_000;
    const rel = await officer.post(`/api/v1/orders/${order.id}/release`, { reason: '已返还' });
    expect(rel.status, JSON.stringify(rel.body)).toBe(200);
    expect(rel.body.status).toBe('released');
    await new Promise((r) => setTimeout(r, 1000)); // its order.updated is handled (nothing to add)
    expect((await kpi(leader, 'stopped_amount')).value).toBe(42_500.5);
    // a rebuild of the day (the every-minute refresh) keeps the event-fed figure
    await rebuildStats(s.database.db, '2026-12-01', '2026-12-02');
    expect((await kpi(leader, 'stopped_amount')).value).toBe(42_500.5);
    const kept = await s.database.db.execute(sql`select count(*)::int as n from stats_order_money`);
    expect(Number((kept as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBe(1);
  });
});

describe('两卡 and prevention KPIs', () => {
  it('shows the cards module’s figures for the chosen unit as snapshots, equal to the cards API', async () => {
    await loadDemoCards(s.database.db, new Date(now));
    const cards = await leader.get('/api/v1/cards/stats');
    expect(cards.status).toBe(200);
    const k = await kpi(leader, 'cards_controlled');
    expect(k).toMatchObject({ value: cards.body.cardsControlled, snapshot: true, yoy: null });
    expect((await kpi(leader, 'card_measures_active')).value).toBe(cards.body.measuresActive);
    expect((await kpi(leader, 'card_appeals_pending')).value).toBe(cards.body.appealsPending);
    expect((await kpi(leader, 'card_repeat_offenders')).value).toBe(cards.body.repeatOffenders);
    expect(cards.body.measuresActive).toBeGreaterThan(0);
    expect((await icbc.get(`/api/v1/stats/kpis?${TODAY}`)).status).toBe(403); // a bank liaison reads no stats
  });

  it('prevention coverage: residents reached by a campaign, and per 10,000 residents', async () => {
    const db = s.database.db;
    await db.execute(
      sql`insert into residents (id, name, unit_id, birth_year) select 'r' || i, '居民' || i, ${station()}, 1950 from generate_series(1, 40) i`,
    );
    await db.execute(sql`insert into prevention_campaigns (id, unit_id, fraud_type, age_band, channel, text, holdout_share, daily_cap, launched_by, launched_at)
      values ('camp1', ${station()}, 'impersonate_police', '60p', 'sms', '谨防冒充公检法', 0.25, 100, 'leader', ${new Date(now).toISOString()}::timestamptz)`);
    await db.execute(sql`insert into prevention_campaign_members (campaign_id, resident_id, unit_id, arm, outcome, at)
      select 'camp1', 'r' || i, ${station()}, case when i <= 30 then 'target' else 'holdout' end,
             case when i <= 20 then 'sent' when i <= 30 then 'failed' end, case when i <= 30 then ${new Date(now).toISOString()}::timestamptz end
      from generate_series(1, 40) i`);
    await rebuildStats(db, '2026-12-02', '2026-12-02');
    expect((await kpi(officer, 'prevention_reached')).value).toBe(20);
    const pop = await db.execute(
      sql`select count(*)::int as n from residents r join units u on u.id = r.unit_id where u.path like (select path from units where id = ${station()}) || '%'`,
    );
    const n = Number((pop as unknown as { rows: { n: number }[] }).rows[0]!.n);
    expect((await kpi(officer, 'prevention_coverage')).value).toBe(Math.round((20 * 10_000 * 10) / n) / 10);
  });
});
