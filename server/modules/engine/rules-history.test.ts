// The rules added in builtin-2: the subject's history (known contacts), combinations of weak signals, and the
// types that were missed (购物、游戏、冒充熟人, counter cash on a call). Thresholds are read from the config.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, withDefaults, validateConfig, type EngineConfig } from './config.ts';
import { createEngine } from './engine.ts';
import { claimedTitle } from './rules-contact.ts';
import { isPersonName } from './rules-money.ts';
import { at, call, install, sms, tx } from './testing/events.ts';
import type { TypedEvent } from './types.ts';

const C = withDefaults(DEFAULT_CONFIG);
const P = '13912340000';
const A = '6222000000000001';
const me = (min: number) => ({ at: at(min), phone: P, account: A });
const DAY = 1440;
const run = (events: TypedEvent[], cfg?: EngineConfig) => {
  const e = createEngine(cfg ? { config: cfg } : {});
  return events.map((ev) => e.decide(ev));
};
const rules = (d: { hits: { ruleId: string }[] }) => d.hits.map((h) => h.ruleId);

describe('known contacts: a relative abroad is not a fraudster', () => {
  const abroad = '0060123456789';
  it('a first long call from an unknown foreign number is evidence only (no warning)', () => {
    const [d] = run([call(me(0), abroad, 1800)]);
    expect(rules(d!)).toContain('foreign_call');
    expect(d!.hits[0]!.score).toBe(C.foreignCall.weightIntl);
    expect(d!.action).toBe('none');
  });
  it('silent for a number the subject has called before', () => {
    const ds = run([call(me(0), abroad, 600, { direction: 'out' }), call(me(DAY), abroad, 1800)]);
    expect(rules(ds[1]!)).not.toContain('foreign_call');
  });
  it(`silent for a number in touch for ${C.foreignCall.knownAfterDays} days, not for one first seen a day before`, () => {
    const k = C.foreignCall.knownAfterDays;
    expect(rules(run([call(me(0), abroad, 600), call(me(k * DAY), abroad, 1800)])[1]!)).not.toContain('foreign_call');
    expect(rules(run([call(me(0), abroad, 600), call(me(DAY), abroad, 1800)])[1]!)).toContain('foreign_call');
  });
  it('a spoofed "00"+domestic number is never a known contact', () => {
    const ds = run([call(me(0), '0095533', 600, { direction: 'out' }), call(me(DAY), '0095533', 1800)]);
    expect(rules(ds[1]!)).toContain('foreign_call');
  });
  it('after a dating app, an unknown foreign call names 网恋/裸聊 and reaches 低', () => {
    const ds = run([install(me(0), '陌陌', 'com.immomo.momo'), call(me(2 * DAY), abroad, 1800)]);
    const h = ds[1]!.hits.find((x) => x.ruleId === 'foreign_call')!;
    expect(h.score).toBe(C.foreignCall.weightIntl + C.foreignCall.datingAppBonus);
    expect(h.fraudTypes[0]).toBe('online_romance');
    expect(ds[1]!.warning!.level).toBe('low');
  });
});

describe('combinations raise the level', () => {
  it('foreign call, then days later a transfer to a new payee: 中', () => {
    const ds = run([
      call(me(0), '0085512345678', 2400),
      tx(me(2 * DAY), 'transfer', 'out', 20_000, { peerAccount: '6230000000000009' }),
    ]);
    const h = ds[1]!.hits.find((x) => x.ruleId === 'call_then_transfer')!;
    expect(h.score).toBe(C.callThenTransfer.laterWeight);
    expect(ds[1]!.warning!.level).toBe('medium');
    expect(
      rules(
        run([
          call(me(0), '0085512345678', 2400),
          tx(me(4 * DAY), 'transfer', 'out', 20_000, { peerAccount: '6230000000000009' }),
        ])[1]!,
      ),
    ).not.toContain('call_then_transfer');
  });
  it('paying a company after an ordinary call is everyday life; a company payee weighs less as a first large transfer', () => {
    const ds = run([
      call(me(0), '13700000000', 900),
      tx(me(20), 'transfer', 'out', 80_000, {
        peerAccount: '6230000000000009',
        peerName: '河池市某汽车销售服务有限公司',
      }),
    ]);
    expect(rules(ds[1]!)).not.toContain('call_then_transfer');
    expect(ds[1]!.hits.find((h) => h.ruleId === 'first_large_transfer')!.score).toBe(C.newPayee.organisationWeight);
    const person = run([
      call(me(0), '13700000000', 900),
      tx(me(20), 'transfer', 'out', 80_000, { peerAccount: '6230000000000009', peerName: '王芳' }),
    ]);
    expect(rules(person[1]!)).toContain('call_then_transfer');
    expect(person[1]!.hits.find((h) => h.ruleId === 'first_large_transfer')!.score).toBe(C.newPayee.weight);
  });
  it('a single large transfer to a new payee alone opens nothing', () => {
    const [d] = run([
      tx(me(0), 'transfer', 'out', 200_000, { peerAccount: '6230000000000009', peerName: '某置业有限公司' }),
    ]);
    expect(rules(d!)).toEqual(['first_large_transfer']);
    expect(d!.action).toBe('none');
  });
});

describe('script text, then money (购物、游戏、刷单、贷款)', () => {
  const ad = '【闲置转让】内部渠道货，低价出售，先付款后发货';
  it('a transfer to a new personal payee within the window after a script SMS', () => {
    const ds = run([
      sms(me(0), '10691234567', ad),
      tx(me(60), 'transfer', 'out', 800, { peerAccount: '6230000000000007', peerName: '李明' }),
    ]);
    expect(rules(ds[0]!)).toContain('script_text');
    const h = ds[1]!.hits.find((x) => x.ruleId === 'script_then_transfer')!;
    expect(h.score).toBe(C.scriptThenTransfer.weight + C.scriptThenTransfer.personalBonus);
    expect(h.fraudTypes[0]).toBe('fake_shopping');
    expect(h.reason).toContain('个人账户');
    expect(ds[1]!.warning!.level).not.toBe('low');
  });
  it('not after the window, not below the amount, not to a known payee', () => {
    const w = C.scriptThenTransfer.windowSec / 60;
    const t = (min: number, amount: number, peer = '6230000000000007') =>
      tx(me(min), 'transfer', 'out', amount, { peerAccount: peer });
    expect(rules(run([sms(me(0), '10691234567', ad), t(w + 1, 800)])[1]!)).not.toContain('script_then_transfer');
    expect(rules(run([sms(me(0), '10691234567', ad), t(10, C.scriptThenTransfer.minAmount - 1)])[1]!)).not.toContain(
      'script_then_transfer',
    );
    expect(rules(run([t(0, 50), sms(me(5), '10691234567', ad), t(10, 800)])[2]!)).not.toContain('script_then_transfer');
  });
  it('generic words alone (验证码, 退款 notice) are not a script', () => {
    const [d] = run([sms(me(0), '106900', '【京东】如需退款请在APP内操作，客服不会索要验证码。')]);
    expect(rules(d!)).not.toContain('script_text');
  });
});

describe('冒充领导熟人: an unknown number claiming a known title', () => {
  it('fires on "我是你们王总…换了新号" from an unknown virtual number, not from a known contact', () => {
    const text = '我是你们王总，我换了新号，加我QQ，有事安排你办';
    const [d] = run([sms(me(0), '17012345678', text)]);
    const h = d!.hits.find((x) => x.ruleId === 'impersonation_claim')!;
    expect(h.score).toBe(C.impersonation.weight + C.impersonation.virtualBonus);
    expect(h.reason).toContain('王总');
    expect(['medium', 'high']).toContain(d!.warning!.level); // with the script phrases: the money follows within the hour
    const known = run([call(me(0), '17012345678', 60, { direction: 'out' }), sms(me(5), '17012345678', text)]);
    expect(rules(known[1]!)).not.toContain('impersonation_claim');
  });
  it('claimedTitle reads only a "我是…" claim', () => {
    expect(claimedTitle('我是你领导', C.impersonation.titles)).toBe('领导');
    expect(claimedTitle('您好我是张老师', C.impersonation.titles)).toBe('张老师');
    expect(claimedTitle('我是顺丰快递员，您的快递到了', C.impersonation.titles)).toBeNull();
    expect(claimedTitle('王总让你回电话', C.impersonation.titles)).toBeNull();
  });
  it('isPersonName: people, not organisations', () => {
    expect(isPersonName('李明')).toBe(true);
    expect(isPersonName('欧阳娜娜')).toBe(true);
    expect(isPersonName('河池市某汽车销售服务有限公司')).toBe(false);
    expect(isPersonName('京东商城')).toBe(false);
  });
});

describe('counter cash withdrawal while on a call (seeds)', () => {
  it('fires during the call, more when the call was suspicious; silent at the ATM or long after', () => {
    const c = C.counterCash;
    const on = run([
      call(me(0), '13700000000', 3600),
      tx(me(30), 'withdrawal', 'out', c.minAmount, { channel: 'counter' }),
    ])[1]!;
    expect(on.hits.find((h) => h.ruleId === 'counter_cash_on_call')!.score).toBe(c.weight);
    const sus = run([
      call(me(0), '+0778296110', 3600),
      tx(me(30), 'withdrawal', 'out', 50_000, { channel: 'counter' }),
    ])[1]!;
    expect(sus.hits.find((h) => h.ruleId === 'counter_cash_on_call')!.score).toBe(c.weight + c.suspiciousCallBonus);
    expect(sus.warning!.level).toBe('high');
    expect(
      rules(run([call(me(0), '13700000000', 3600), tx(me(30), 'withdrawal', 'out', 50_000, { channel: 'atm' })])[1]!),
    ).not.toContain('counter_cash_on_call');
    expect(
      rules(
        run([
          call(me(0), '13700000000', 600),
          tx(me(10 + c.afterCallSec / 60 + 1), 'withdrawal', 'out', 50_000, { channel: 'counter' }),
        ])[1]!,
      ),
    ).not.toContain('counter_cash_on_call');
  });
});

describe('configuration stays backward compatible', () => {
  it('a builtin-1 configuration (without the new fields) validates and runs with the new defaults', () => {
    const old = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as Record<string, any>;
    for (const k of ['scriptThenTransfer', 'impersonation', 'counterCash']) delete old[k];
    for (const k of ['knownAfterDays', 'weightVirtual', 'datingAppBonus', 'datingAppWindowSec', 'datingApps'])
      delete old.foreignCall[k];
    delete old.screenShare.weightOrdinaryCall;
    delete old.callThenTransfer.laterWindowSec;
    delete old.callThenTransfer.laterWeight;
    old.version = 'stored-7';
    expect(validateConfig(old)).toEqual([]);
    const full = withDefaults(old as EngineConfig);
    expect(full.scriptThenTransfer).toEqual(C.scriptThenTransfer);
    expect(full.foreignCall.knownAfterDays).toBe(C.foreignCall.knownAfterDays);
    const e = createEngine({ config: old as EngineConfig });
    expect(e.decide(sms(me(0), '17012345678', '我是你领导，换了新号')).hits[0]!.configVersion).toBe('stored-7');
  });
});
