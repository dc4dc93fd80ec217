import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { EventSchemas, EVENT_TYPES } from '../../../contract/events.ts';
import { createSimulation, generateAll } from './generate.ts';
import { FRAUD_SCRIPTS } from './fraud-types.ts';
import type { SimEvent } from './emit.ts';
import { TRADING_APPS } from './background.ts';
import { createEngine } from '../engine/index.ts';
import { isPersonName } from '../engine/index.ts';

describe('determinism', () => {
  it('same seed gives byte-identical events and truth; another seed differs', () => {
    const a = generateAll({ seed: 7, people: 400, days: 3 });
    const b = generateAll({ seed: 7, people: 400, days: 3 });
    const c = generateAll({ seed: 8, people: 400, days: 3 });
    expect(a.events.length).toBeGreaterThan(1000);
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
    expect(JSON.stringify(a.truth)).toBe(JSON.stringify(b.truth));
    expect(JSON.stringify(a.events)).not.toBe(JSON.stringify(c.events));
  });

  it('events are time-ordered with unique ids inside the window', () => {
    const sim = createSimulation({ seed: 11, people: 300, days: 4 });
    let last = '';
    const ids = new Set<string>();
    for (const { events } of sim.days()) {
      for (const { t, ev } of events) {
        expect(t).toBeGreaterThanOrEqual(sim.startMs);
        expect(t).toBeLessThan(sim.endMs);
        expect(ev.occurredAt >= last).toBe(true); // same +08:00 offset, so string order = time order
        last = ev.occurredAt;
        ids.add(`${ev.source}|${ev.id}`);
      }
    }
    expect(ids.size).toBeGreaterThan(1000);
  });
});

describe('contract validity', () => {
  it('every generated event validates against EventSchemas[type]', () => {
    const validators = Object.fromEntries(EVENT_TYPES.map((t) => [t, Compile(EventSchemas[t])]));
    const { events } = generateAll({ seed: 5, people: 1500, days: 4, minPerType: 3, targetsPer1000: 40 });
    expect(events.length).toBeGreaterThan(5000);
    const seen = new Set<string>();
    for (const e of events) {
      const v = validators[e.type]!;
      if (!v.Check(e))
        throw new Error(`invalid ${e.type}: ${JSON.stringify(e)} ${JSON.stringify([...v.Errors(e)].slice(0, 2))}`);
      seen.add(e.type);
    }
    expect([...seen].sort()).toEqual([...EVENT_TYPES].sort()); // all eight event types occur
  });

  it('rejects what it should (the validator is not vacuous)', () => {
    const v = Compile(EventSchemas.call);
    const { events } = generateAll({ seed: 5, people: 50, days: 1 });
    const c = events.find((e) => e.type === 'call')!;
    expect(v.Check(c)).toBe(true);
    expect(v.Check({ ...c, occurredAt: 'yesterday' })).toBe(false);
  });
});

describe('distributions (published figures)', () => {
  const sim = createSimulation({ seed: 3, people: 20_000, days: 30, targetsPer1000: 100, background: false });
  const v = sim.truth.victims;
  const ages = v.map((x) => sim.population[x.person]!.age);

  it('victims: mean age ≈ 37, 62% aged 18–40, 33% aged 41–65', () => {
    expect(v.length).toBeGreaterThan(1500);
    const mean = ages.reduce((a, b) => a + b, 0) / ages.length;
    expect(mean).toBeGreaterThan(35);
    expect(mean).toBeLessThan(39.5);
    const share = (lo: number, hi: number) => ages.filter((a) => a >= lo && a <= hi).length / ages.length;
    expect(Math.abs(share(18, 40) - 0.621)).toBeLessThan(0.05);
    expect(Math.abs(share(41, 65) - 0.331)).toBeLessThan(0.05);
  });

  it('刷单返利 ≈ 1/3 of cases, 虚假投资理财 ≈ 1/3 of money lost', () => {
    const cases = v.filter((x) => x.fraudType === 'brushing_rebate').length / v.length;
    expect(Math.abs(cases - 1 / 3)).toBeLessThan(0.05);
    const total = v.reduce((s, x) => s + x.totalLoss, 0);
    const inv = v.filter((x) => x.fraudType === 'fake_investment').reduce((s, x) => s + x.totalLoss, 0);
    expect(inv / total).toBeGreaterThan(0.22);
    expect(inv / total).toBeLessThan(0.45);
  });

  it('most targeted people lose money, some stop on their own', () => {
    const lost = v.filter((x) => x.lost).length / v.length;
    const stopped = v.filter((x) => x.stoppedOnOwn).length / v.length;
    expect(lost).toBeGreaterThan(0.6);
    expect(stopped).toBeGreaterThan(0.05);
    for (const x of v.filter((y) => y.stoppedOnOwn && !y.lost)) expect(x.losses).toHaveLength(0);
  });
});

describe('fraud campaigns', () => {
  const { events, truth } = generateAll({ seed: 21, people: 3000, days: 30, minPerType: 4, background: false });
  const byPhone = new Map<string, SimEvent[]>();
  for (const e of events) {
    const k = e.subject.phone ?? '';
    (byPhone.get(k) ?? byPhone.set(k, []).get(k)!).push(e);
  }

  it('every fraud type has a campaign whose money-left moments match real outgoing transactions', () => {
    for (const s of FRAUD_SCRIPTS) {
      const lost = truth.victims.filter((x) => x.fraudType === s.code && x.lost);
      expect(lost.length, s.code).toBeGreaterThan(0);
      const x = lost[0]!;
      expect(x.firstLossAt).toBe(x.losses[0]!.at);
      expect(x.firstLossAt! >= x.campaignStart).toBe(true);
      const mine = byPhone.get(x.phone) ?? [];
      for (const loss of x.losses.filter((l) => l.kind === 'transfer')) {
        const tx = mine.find(
          (e) =>
            e.type === 'transaction' &&
            e.direction === 'out' &&
            e.occurredAt === loss.at &&
            e.peerAccount === loss.toAccount,
        );
        expect(tx, `${s.code} ${loss.at}`).toBeDefined();
      }
    }
  });

  it('gangs share phones and mule accounts across their victims', () => {
    let sharedAccounts = 0;
    let sharedPhones = 0;
    for (const g of truth.gangs) {
      const victims = truth.victims.filter((x) => x.gang === g.id);
      if (victims.length < 3) continue;
      const usersOf = (pred: (e: SimEvent) => boolean) =>
        new Set(victims.filter((x) => (byPhone.get(x.phone) ?? []).some(pred)).map((x) => x.person));
      for (const acct of g.accounts)
        if (usersOf((e) => e.type === 'transaction' && e.peerAccount === acct).size >= 2) sharedAccounts++;
      for (const ph of g.phones)
        if (usersOf((e) => (e.type === 'call' || e.type === 'sms') && e.peer === ph).size >= 2) sharedPhones++;
    }
    expect(sharedAccounts).toBeGreaterThan(5);
    expect(sharedPhones).toBeGreaterThan(5);
  });

  it('scripts leave their signals: spoofed/"+" calls, screen sharing, loans, counter alerts, 96110 reports', () => {
    const victimsPhones = new Set(truth.victims.map((x) => x.phone));
    const fraudEvents = events.filter((e) => victimsPhones.has(e.subject.phone ?? ''));
    expect(fraudEvents.some((e) => e.type === 'call' && /^(\+|00)/.test(e.peer))).toBe(true);
    expect(
      fraudEvents.some(
        (e) =>
          (e.type === 'app_install' && e.package === 'com.tencent.wemeet.app') ||
          (e.type === 'app_install' && e.package === 'us.zoom.videomeetings'),
      ),
    ).toBe(true);
    expect(fraudEvents.some((e) => e.type === 'transaction' && e.kind === 'loan')).toBe(true);
    expect(fraudEvents.some((e) => e.type === 'alert' && e.partnerKind === 'bank')).toBe(true);
    expect(fraudEvents.some((e) => e.type === 'report' && e.source === 'police.96110')).toBe(true);
    expect(
      fraudEvents.some((e) => e.type === 'transaction' && e.kind === 'withdrawal' && e.channel === 'counter'),
    ).toBe(true);
  });
});

describe('background traffic', () => {
  const { events, truth } = generateAll({ seed: 9, people: 4000, days: 10, minPerType: 0, targetsPer1000: 0 });

  it('has no fraud at all when no one is targeted', () => {
    expect(truth.victims).toHaveLength(0);
    expect(events.length).toBeGreaterThan(4000 * 10 * 3);
  });

  it('contains the false-alarm-prone noise', () => {
    const has = (pred: (e: SimEvent) => boolean) => events.filter(pred).length;
    expect(has((e) => e.type === 'call' && e.peer.startsWith('+'))).toBeGreaterThan(20); // relatives abroad
    expect(has((e) => e.type === 'call' && /^95\d{3}$/.test(e.peer))).toBeGreaterThan(100); // bank service lines
    expect(has((e) => e.type === 'call' && e.durationSec > 3600)).toBeGreaterThan(20); // long family calls
    expect(has((e) => e.type === 'sms' && e.peer.startsWith('106') && e.text.includes('验证码'))).toBeGreaterThan(100);
    expect(
      has(
        (e) =>
          e.type === 'app_install' &&
          [
            'com.tencent.wemeet.app',
            'com.oray.sunlogin',
            'youqu.android.todesk',
            'us.zoom.videomeetings',
            'com.alibaba.android.rimet',
            'com.ss.android.lark',
          ].includes(e.package ?? ''),
      ),
    ).toBeGreaterThan(5);
    expect(has((e) => e.type === 'transaction' && e.direction === 'out' && e.amount >= 30_000)).toBeGreaterThan(10);
    expect(has((e) => e.type === 'transaction' && e.kind === 'loan')).toBeGreaterThan(5);
    expect(has((e) => e.type === 'transaction' && e.kind === 'deposit')).toBeGreaterThan(1000); // salaries
    expect(has((e) => e.type === 'transaction' && e.channel === 'atm')).toBeGreaterThan(100);
    expect(has((e) => e.type === 'alert')).toBeGreaterThan(0); // counter alert on an honest elderly withdrawal
    expect(has((e) => e.type === 'parcel')).toBeGreaterThan(1000);
    expect(has((e) => /^17[01]/.test(e.subject.phone ?? ''))).toBeGreaterThan(100); // honest virtual-operator SIMs
    // transfers to private persons (family, friends, private sellers): what mule payments look like
    expect(
      has(
        (e) =>
          e.type === 'transaction' && e.kind === 'transfer' && e.direction === 'out' && isPersonName(e.peerName ?? ''),
      ),
    ).toBeGreaterThan(500);
    expect(has((e) => e.type === 'app_install' && TRADING_APPS.some(([, pkg]) => pkg === e.package))).toBeGreaterThan(
      10,
    ); // honest brokers
  });

  it('the risky-app rules meet honest look-alikes (brokers off the licensed list, chat apps, crypto)', () => {
    const engine = createEngine();
    const fired = new Map<string, number>();
    for (const e of events) for (const h of engine.decide(e).hits) fired.set(h.ruleId, (fired.get(h.ruleId) ?? 0) + 1);
    expect(fired.get('risky_app') ?? 0).toBeGreaterThan(0);
  }, 30_000); // the engine's first text trains the script classifier (about a second; more on a busy machine)
});

describe('script table', () => {
  it('every script is a type of the fraud-types catalogue, has a case share, and money leaves somewhere', async () => {
    const { fraudType } = await import('../fraud-types/index.ts');
    const { FRAUD_TYPE_CASE_SHARES } = await import('./distributions.ts');
    expect(FRAUD_SCRIPTS.length).toBe(12);
    for (const s of FRAUD_SCRIPTS) {
      expect(fraudType(s.code), s.code).toBeDefined();
      expect(FRAUD_TYPE_CASE_SHARES[s.code], s.code).toBeGreaterThan(0);
      expect(
        s.steps.some((x) => x.do === 'pay' || x.do === 'cash'),
        s.code,
      ).toBe(true);
    }
  });
});

describe('event ids', () => {
  it('differ between cities of the same seed (server idempotency keys never collide)', () => {
    const a = generateAll({ seed: 1, people: 100, days: 1 }).events;
    const b = generateAll({ seed: 1, people: 101, days: 1 }).events;
    const ids = new Set(a.map((e) => e.id));
    expect(b.some((e) => ids.has(e.id))).toBe(false);
    expect(ids.size).toBe(a.length);
  });
});
