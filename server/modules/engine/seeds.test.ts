// The three seed stories end to end through decide(), and benign traffic that must stay silent.
import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.ts';
import { IndicatorStore } from './indicators.ts';
import { alert, at, call, install, tx } from './testing/events.ts';

function engine() {
  const ind = new IndicatorStore();
  ind.add({
    kind: 'app_package',
    value: 'com.fake.stockpro',
    source: 'nafc',
    reason: '虚假投资平台“股神汇”',
    fraudType: 'fake_investment',
  });
  ind.add({ kind: 'phone', value: '95588', list: 'allow', reason: '工商银行客服' });
  return createEngine({ indicators: ind });
}

describe('seed 000 蓝某: fake investment app, loans within hours, repeated cash withdrawals', () => {
  it('raises a high warning typed 虚假网络投资理财, with evidence', () => {
    const e = engine();
    const who = { phone: '13907781234', idNumber: '452723199001011234', account: '6222020000000001' };
    const ds = [
      e.decide(install({ at: at(0), phone: who.phone }, '股神汇', 'com.fake.stockpro')),
      e.decide(tx({ at: at(60), ...who }, 'loan', 'in', 30_000)),
      e.decide(tx({ at: at(120), ...who }, 'loan', 'in', 50_000)),
      e.decide(tx({ at: at(180), ...who }, 'withdrawal', 'out', 20_000, { channel: 'counter' })),
      e.decide(tx({ at: at(240), ...who }, 'withdrawal', 'out', 20_000, { channel: 'atm' })),
      e.decide(tx({ at: at(300), ...who }, 'withdrawal', 'out', 30_000, { channel: 'counter' })),
    ];
    expect(ds[0]!.action).toBe('open'); // the listed app alone already opens a warning
    expect(new Set(ds.map((d) => d.subjectId)).size).toBe(1); // phone-only install links to the bank subject
    const last = ds.at(-1)!;
    expect(last.warning!.level).toBe('high');
    expect(last.warning!.fraudTypes[0]).toMatchObject({ code: 'fake_investment', name: '虚假网络投资理财' });
    const rules = new Set(last.warning!.hits.map((h) => h.ruleId));
    for (const r of ['fraud_app', 'loan_burst', 'loans_then_cashout', 'repeated_withdrawals'])
      expect(rules).toContain(r);
    expect(ds.filter((d) => d.action === 'open')).toHaveLength(1); // one warning, updated, not duplicated
    expect(ds.some((d) => d.action === 'raise')).toBe(true);
    expect(last.warning!.hits.every((h) => /[\u4e00-\u9fa5]/.test(h.reason))).toBe(true);
  });
});

describe('seed 002 孙女士: long "00" call claiming police, then transfer to a new account', () => {
  it('is high and typed 冒充公检法', () => {
    const e = engine();
    const who = { phone: '13872001111', account: '6217000000000002' };
    const d1 = e.decide(call({ at: at(0), phone: who.phone }, '0029110', 45 * 60));
    expect(d1.hits.map((h) => h.ruleId)).toContain('foreign_call');
    const d2 = e.decide(
      tx({ at: at(60), ...who }, 'transfer', 'out', 80_000, { peerAccount: '6230000000009999', peerName: '安全账户' }),
    );
    expect(d2.hits.map((h) => h.ruleId)).toContain('call_then_transfer');
    expect(d2.warning!.level).toBe('high');
    expect(d2.warning!.fraudTypes[0]!.name).toBe('冒充公检法及政府机关');
    expect(d2.warning!.eventIds).toEqual(expect.arrayContaining([d1.eventId, d2.eventId]));
  });
});

describe('seed 004 韦先生: bank counter alert of 1.1M, suspected investment fraud', () => {
  it('is high at once, typed 虚假网络投资理财', () => {
    const e = engine();
    const d = e.decide(
      alert(
        { at: at(0), idNumber: '452728196505051111' },
        'bank',
        '东兰县某银行网点',
        '客户在柜台办理大额转账，疑似正遭遇虚假投资理财诈骗',
        1_100_000,
      ),
    );
    expect(d.action).toBe('open');
    expect(d.warning!.level).toBe('high');
    expect(d.warning!.fraudTypes.map((t) => t.code)).toContain('fake_investment');
    expect(d.hits.find((h) => h.ruleId === 'partner_alert')!.reason).toContain('110万元');
  });
});

describe('benign traffic', () => {
  it('95588 calls, salary deposits and small payments produce nothing', () => {
    const e = engine();
    const who = { phone: '13800001234', account: '6222000011112222' };
    const ds = [
      e.decide(call({ at: at(0), phone: who.phone }, '95588', 600)),
      e.decide(call({ at: at(5), phone: who.phone }, '+8613912345678', 900)),
      e.decide(tx({ at: at(30), ...who }, 'deposit', 'in', 12_000, { peerAccount: '1234500000' })),
      e.decide(tx({ at: at(40), ...who }, 'payment', 'out', 38.5, { peerAccount: '888800001', channel: 'pos' })),
      e.decide(tx({ at: at(50), ...who }, 'payment', 'out', 120, { peerAccount: '888800002' })),
      e.decide(install({ at: at(60), phone: who.phone }, '微信', 'com.tencent.mm')),
    ];
    expect(ds.map((d) => d.action)).toEqual(['none', 'none', 'none', 'none', 'none', 'none']);
    expect(ds.flatMap((d) => d.hits)).toEqual([]);
  });
});
