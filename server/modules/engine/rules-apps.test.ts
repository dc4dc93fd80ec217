// The rules added in builtin-3: high-risk apps without list entries — a trading look-alike app not on the
// licensed list (虚假投资理财), and a transfer to a new private payee soon after a risky chat or trading app
// (购物、游戏交易、投资 "入金"). Thresholds and lists are read from the config, never restated.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, withDefaults, type EngineConfig } from './config.ts';
import { createEngine } from './engine.ts';
import { IndicatorStore } from './indicators.ts';
import { isInvestLookalike, isRiskyChatApp } from './rules-contact.ts';
import { at, install, tx } from './testing/events.ts';
import type { TypedEvent } from './types.ts';

const C = withDefaults(DEFAULT_CONFIG);
const P = '13912340000';
const A = '6222000000000001';
const me = (min: number) => ({ at: at(min), phone: P, account: A });
const MULE = '6217000000000002';
const run = (events: TypedEvent[], opts: { config?: EngineConfig; indicators?: IndicatorStore } = {}) => {
  const e = createEngine(opts);
  return events.map((ev) => e.decide(ev));
};
const rules = (d: { hits: { ruleId: string }[] }) => d.hits.map((h) => h.ruleId);
const licensed = C.riskyApps.licensedPackages[0]!;
const chat = C.riskyApps.chatApps[0]!;
const none = { allowed: () => false };

describe('risky apps: what counts', () => {
  it('a trading-looking name off the licensed list is a look-alike; the licensed package and plain apps are not', () => {
    expect(isInvestLookalike(C, '汇金国际', 'com.abcd.hjgj', none)).toBe(true);
    expect(isInvestLookalike(C, 'MT5 pro', 'com.x.mt', none)).toBe(true); // case-insensitive
    expect(isInvestLookalike(C, '某某证券', licensed, none)).toBe(false);
    expect(isInvestLookalike(C, '某某证券', 'com.x.y', { allowed: (_k, v) => v === 'com.x.y' })).toBe(false);
    expect(isInvestLookalike(C, '美团', 'com.sankuai.meituan', none)).toBe(false);
    expect(isRiskyChatApp(C, chat, undefined)).toBe(true);
    expect(isRiskyChatApp(C, 'x', 'ORG.TELEGRAM.MESSENGER')).toBe(
      C.riskyApps.chatApps.includes('org.telegram.messenger'),
    );
    expect(isRiskyChatApp(C, 'QQ', 'com.tencent.mobileqq')).toBe(false);
  });
});

describe('risky_app: a trading look-alike installed', () => {
  it('alone is evidence below 低; after a risky chat app it reaches 低 and names 虚假投资理财', () => {
    const [alone] = run([install(me(0), '汇金国际', 'com.abcd.hjgj')]);
    expect(rules(alone!)).toEqual(['risky_app']);
    expect(alone!.hits[0]!.score).toBe(C.riskyApps.investWeight);
    expect(alone!.action).toBe(C.riskyApps.investWeight >= C.levels.low ? 'open' : 'none');
    const ds = run([install(me(0), chat), install(me(60), '汇金国际', 'com.abcd.hjgj')]);
    expect(rules(ds[0]!)).toEqual([]); // a chat app alone is no hit
    const h = ds[1]!.hits.find((x) => x.ruleId === 'risky_app')!;
    expect(h.score).toBe(C.riskyApps.investWeight + C.riskyApps.afterChatBonus);
    expect(h.fraudTypes[0]).toBe('fake_investment');
    expect(h.eventIds.length).toBe(2); // points at the chat install too
  });
  it('no bonus when the chat app is older than the window; silent for a licensed broker', () => {
    const w = C.riskyApps.chatWindowSec / 60;
    const [, d] = run([install(me(0), chat), install(me(w + 1), '汇金国际', 'com.abcd.hjgj')]);
    expect(d!.hits[0]!.score).toBe(C.riskyApps.investWeight);
    expect(rules(run([install(me(0), chat), install(me(5), '某证券', licensed)])[1]!)).toEqual([]);
  });
});

describe('app_then_transfer: money to a new private payee soon after a risky app', () => {
  const payPerson = (min: number, o: { peerAccount?: string; peerName?: string; amount?: number } = {}) =>
    tx(me(min), 'transfer', 'out', o.amount ?? 2000, {
      peerAccount: o.peerAccount ?? MULE,
      peerName: o.peerName ?? '王明华',
    });
  it('fires after a chat app and after a trading look-alike, naming different types', () => {
    const a = run([install(me(0), chat), payPerson(60)])[1]!;
    expect(rules(a)).toContain('app_then_transfer');
    expect(a.hits.find((h) => h.ruleId === 'app_then_transfer')!.score).toBe(C.riskyApps.transferWeight);
    expect(a.action).toBe(C.riskyApps.transferWeight >= C.levels.low ? 'open' : 'none');
    const b = run([install(me(0), 'MT5 Pro', 'com.q.mt5'), payPerson(60)])[1]!;
    expect(b.hits.find((h) => h.ruleId === 'app_then_transfer')!.fraudTypes[0]).toBe('fake_investment');
    expect(a.hits.find((h) => h.ruleId === 'app_then_transfer')!.fraudTypes[0]).not.toBe('fake_investment');
  });
  it('silent for an organisation payee, a known payee, a small amount, after the window, and without a risky app', () => {
    const w = C.riskyApps.transferWindowSec / 60;
    expect(
      rules(run([install(me(0), chat), payPerson(60, { peerName: '某某证券股份有限公司客户资金账户' })])[1]!),
    ).not.toContain('app_then_transfer');
    expect(rules(run([payPerson(-600), install(me(0), chat), payPerson(60)])[2]!)).not.toContain('app_then_transfer');
    expect(
      rules(run([install(me(0), chat), payPerson(60, { amount: C.riskyApps.transferMinAmount / 2 })])[1]!),
    ).not.toContain('app_then_transfer');
    expect(rules(run([install(me(0), chat), payPerson(w + 1)])[1]!)).not.toContain('app_then_transfer');
    expect(rules(run([install(me(0), 'QQ', 'com.tencent.mobileqq'), payPerson(60)])[1]!)).not.toContain(
      'app_then_transfer',
    );
  });
  it('an allow-listed payee account is never a hit', () => {
    const ind = new IndicatorStore();
    ind.add({ list: 'allow', kind: 'account', value: MULE, reason: 'test' });
    expect(rules(run([install(me(0), chat), payPerson(60)], { indicators: ind })[1]!)).not.toContain(
      'app_then_transfer',
    );
  });
  it('a weight of 0 turns the rule off', () => {
    const cfg = structuredClone(DEFAULT_CONFIG);
    cfg.riskyApps = { ...C.riskyApps, transferWeight: 0 };
    expect(rules(run([install(me(0), chat), payPerson(60)], { config: cfg })[1]!)).not.toContain('app_then_transfer');
  });
});
