// Subjects, warning lifecycle, replay, config and the indicator store.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, stateHorizonSec, validateConfig } from './config.ts';
import { createEngine } from './engine.ts';
import { IndicatorStore } from './indicators.ts';
import { SubjectLinker } from './subjects.ts';
import { alert, at, call, install, sms, tx } from './testing/events.ts';
import type { TypedEvent } from './types.ts';

describe('subject linking', () => {
  it('a telecom call (phone) and a bank withdrawal (id + account + phone) add up to one subject', () => {
    const e = createEngine();
    const c = e.decide(call({ at: at(0), phone: '13811112222', source: 'telecom.cmcc' }, '0085212345678', 1800));
    const id = e.decide(alert({ at: at(1), idNumber: '110101199003077777' }, 'community', '某社区', '走访'));
    const bank = e.decide(
      tx(
        {
          at: at(30),
          phone: '+86 138 1111 2222',
          idNumber: '110101199003077777',
          account: '6222111',
          source: 'bank.icbc',
        },
        'transfer',
        'out',
        90_000,
        { peerAccount: '6230999' },
      ),
    );
    expect(bank.subjectId).toBe(c.subjectId);
    expect(bank.mergedSubjectIds).toEqual([id.subjectId]);
    expect(bank.hits.map((h) => h.ruleId)).toContain('call_then_transfer'); // the telecom call counts for the bank event
    expect(e.subjectOf('a:6222111')).toBe(c.subjectId);
  });
  it('refuses merges beyond the cap (a shared value must not fuse strangers)', () => {
    const l = new SubjectLinker(3);
    const a = l.link([0, 2], ['1', 'shared']).subject;
    const b = l.link([0, 1], ['2', 'x']).subject;
    const r = l.link([0, 2], ['2', 'shared']); // would make 4 keys
    expect(r.subject).toBe(b);
    expect(l.lookup(2, 'shared')).toBe(a);
    expect(l.lookup(0, '1')).not.toBe(l.lookup(0, '2'));
    expect(l.lookup(1, '1')).toBe(-1); // kinds are separate namespaces
  });
  it('allow-listed identifiers never link', () => {
    const ind = new IndicatorStore();
    ind.add({ kind: 'account', value: '9558800000', list: 'allow', reason: '单位代发工资户' });
    const e = createEngine({ indicators: ind });
    const a = e.decide(tx({ at: at(0), phone: '13800000001', account: '9558800000' }, 'deposit', 'in', 100));
    const b = e.decide(tx({ at: at(1), phone: '13800000002', account: '9558800000' }, 'deposit', 'in', 100));
    expect(a.subjectId).not.toBe(b.subjectId);
  });
});

describe('one open warning per subject', () => {
  const fraud = (min: number, id?: string) =>
    alert({ at: at(min), phone: '13900000009', ...(id ? { id } : {}) }, 'bank', '网点', '疑似刷单诈骗', 10_000);
  it('opens once, then updates; after closeWarning a later event opens a new one', () => {
    const e = createEngine();
    const d1 = e.decide(fraud(0));
    const d2 = e.decide(fraud(10));
    expect([d1.action, d2.action]).toEqual(['open', 'update']);
    expect(d2.warning!.eventIds).toEqual([d1.eventId, d2.eventId]);
    expect(e.closeWarning(d1.subjectId, Date.parse(at(20)))).toBe(true);
    const d3 = e.decide(fraud(30));
    expect(d3.action).toBe('open');
    expect(d3.warning!.eventIds).toEqual([d3.eventId]); // spent evidence does not come back
  });
  it('raises the level when new evidence arrives', () => {
    const e = createEngine();
    const a = e.decide(sms({ at: at(0), phone: '13900000008' }, '10690000', '您涉嫌洗钱，需配合资金清查'));
    const b = e.decide(call({ at: at(1), phone: '13900000008' }, '0096110', 3600));
    expect(a.warning!.level).not.toBe('high'); // a script SMS alone: 低 or 中 (classifier's confidence)
    expect(b.action).toBe('raise');
    expect(b.warning!.level).toBe('high');
  });
});

describe('replay and determinism', () => {
  it('replaying the same events rebuilds identical decisions (no wall clock inside)', () => {
    const evs: TypedEvent[] = [
      install({ at: at(0), id: 'a', phone: '13600000000' }, 'X', 'com.tencent.wemeet'),
      call({ at: at(1), id: 'b', phone: '13600000000' }, '+12025550123', 2000),
      tx({ at: at(40), id: 'c', phone: '13600000000', account: '1' }, 'transfer', 'out', 60_000, { peerAccount: '2' }),
    ];
    const e1 = createEngine();
    const first = evs.map((ev) => e1.decide(ev));
    const e2 = createEngine();
    e2.replay(evs.slice(0, 2));
    expect(e2.decide(evs[2]!)).toEqual(first[2]);
  });
});

describe('config', () => {
  it('default config is valid and errors are field-level', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual([]);
    const bad = structuredClone(DEFAULT_CONFIG) as any;
    bad.loans.minCount = 1;
    bad.levels.high = 10;
    const errs = validateConfig(bad);
    expect(errs.map((x) => x.path)).toContain('/loans/minCount');
    bad.loans.minCount = 2;
    expect(validateConfig(bad)).toEqual([{ path: '/levels', message: expect.any(String) }]);
  });
  it('updateConfig switches thresholds and versions without restart', () => {
    const e = createEngine();
    const ev = (m: number) => call({ at: at(m), phone: '13500000000' }, '+447700900123', 200);
    expect(e.decide(ev(0)).hits).toEqual([]);
    const next = {
      ...structuredClone(DEFAULT_CONFIG),
      version: 'v2',
      foreignCall: { ...DEFAULT_CONFIG.foreignCall, minDurationSec: 120 },
    };
    expect(e.updateConfig(next)).toEqual({ ok: true });
    expect(e.decide(ev(10)).hits[0]!.configVersion).toBe('v2');
    expect(e.updateConfig({ ...next, version: '' }).ok).toBe(false);
    expect(e.config.version).toBe('v2');
  });
});

describe('forgetting idle subjects', () => {
  const H = stateHorizonSec(DEFAULT_CONFIG) / 60; // minutes
  const phone = (i: number) => String(13_500_000_000 + i);
  const busy = (e: ReturnType<typeof createEngine>, from: number, n: number) => {
    for (let i = 0; i < n; i++)
      e.decide(sms({ at: at(from + i / 100), phone: phone(900_000 + (i % 5)) }, '10086', '话费账单'));
  };

  it('forgets subjects idle beyond the longest rule window, keeps the active ones, and reports each once', () => {
    const evicted: string[] = [];
    const e = createEngine({ onEvict: (sid) => evicted.push(sid) });
    const old = Array.from({ length: 1000 }, (_, i) =>
      e.decide(tx({ at: at(i / 100), phone: phone(i), account: String(6_222_000_000_000 + i) }, 'deposit', 'in', 100)),
    );
    expect(e.stats()).toMatchObject({ subjects: 1000, identifiers: 2000 });
    // one person still active just inside the window: two loans, then (after the others went idle) a cash-out
    const keep = { phone: phone(5000), account: '6222999900000001' };
    e.decide(tx({ at: at(H - 60), ...keep }, 'loan', 'in', 30_000));
    e.decide(tx({ at: at(H - 30), ...keep }, 'loan', 'in', 30_000));
    busy(e, H + 10, 400); // time moves on: 400 events of five other people
    expect(e.stats().subjects).toBe(1 + 5);
    expect(e.stats().identifiers).toBe(2 + 5);
    expect(new Set(evicted)).toEqual(new Set(old.map((d) => d.subjectId)));
    expect(evicted).toHaveLength(1000);
    expect(e.subjectOf(`p:${phone(7)}`)).toBeNull();
    expect(e.closeWarning(old[7]!.subjectId, 0)).toBe(false);
    const out = e.decide(tx({ at: at(H + 20), ...keep }, 'withdrawal', 'out', 50_000, { channel: 'atm' }));
    expect(out.hits.map((h) => h.ruleId)).toContain('loans_then_cashout'); // the active subject's state survived
    // a forgotten person who comes back starts afresh, under an id no earlier subject had
    const back = e.decide(
      tx({ at: at(H + 30), phone: phone(7), account: String(6_222_000_000_007) }, 'deposit', 'in', 100),
    );
    expect(old.map((d) => d.subjectId)).not.toContain(back.subjectId);
    expect(e.subjectOf(`p:${phone(7)}`)).toBe(back.subjectId);
  });

  it('an event dated far beyond the clock limit does not make everyone idle', () => {
    const e = createEngine();
    e.limitClock(Date.parse(at(60)));
    for (let i = 0; i < 100; i++) e.decide(sms({ at: at(i / 10), phone: phone(i) }, '10086', '话费账单'));
    e.decide(sms({ at: '2099-01-01T00:00:00+08:00', phone: phone(999) }, '10086', '话费账单'));
    busy(e, 20, 200);
    expect(e.stats().subjects).toBe(100 + 1 + 5);
  });

  it('a late event from before the window does not make an active subject look idle', () => {
    const e = createEngine();
    const p = { phone: phone(1), account: '6222999900000002' };
    e.decide(tx({ at: at(H + 100), ...p }, 'loan', 'in', 30_000));
    e.decide(tx({ at: at(0), ...p }, 'deposit', 'in', 10)); // delivered late
    busy(e, H + 110, 200);
    e.decide(tx({ at: at(H + 120), ...p }, 'loan', 'in', 30_000));
    expect(
      e
        .decide(tx({ at: at(H + 130), ...p }, 'withdrawal', 'out', 50_000, { channel: 'atm' }))
        .hits.map((h) => h.ruleId),
    ).toContain('loans_then_cashout');
  });
});

describe('indicator store', () => {
  it('normalises values, reuses slots, reports entries', () => {
    const s = new IndicatorStore();
    s.add({
      kind: 'phone',
      value: '0086 171-0000-0001',
      source: 'nafc',
      reason: '涉案',
      confidence: 90,
      fraudType: 'fake_loan',
    });
    expect(s.get('phone', '17100000001')).toMatchObject({
      list: 'block',
      source: 'nafc',
      reason: '涉案',
      confidence: 90,
      fraudType: 'fake_loan',
    });
    expect(s.blocked('phone', '17100000001', 0)).toBeGreaterThanOrEqual(0);
    expect(s.remove('phone', '17100000001')).toBe(true);
    expect(s.size).toBe(0);
    s.add({ kind: 'url', value: 'HTTPS://www.Bad.top/pay/?x=1#y' });
    expect(s.get('url', 'bad.top/pay')).not.toBeNull();
    for (let i = 0; i < 5000; i++) s.add({ kind: 'account', value: String(1e9 + i) });
    expect(s.size).toBe(5001);
    expect(s.blocked('account', String(1e9 + 4999), 0)).toBeGreaterThanOrEqual(0);
  });
});

describe('rule catalogue', () => {
  it('every fraud type a built-in rule can name is in the catalogue', async () => {
    const { fraudType } = await import('../fraud-types/index.ts');
    const src =
      (await import('node:fs')).readFileSync(new URL('./rules-money.ts', import.meta.url), 'utf8') +
      (await import('node:fs')).readFileSync(new URL('./rules-contact.ts', import.meta.url), 'utf8');
    const codes = new Set(
      [...src.matchAll(/'([a-z_]+)'/g)]
        .map((m) => m[1]!)
        .filter((c) => c.includes('_') && /^(fake|brushing|impersonate|online|game|ticket)/.test(c)),
    );
    expect(codes.size).toBeGreaterThan(5);
    for (const c of codes) expect(fraudType(c), c).toBeDefined();
  });
});

describe('determinism on a realistic mix', () => {
  it('two engines fed the same 20k mixed events decide identically, and some fraud is found', async () => {
    const { makeEvents, loadIndicators } = await import('../../../bench/engine/workload.ts');
    const evs = makeEvents(20_000, 3_000, 0.05, 7);
    const mk = () => {
      const i = new IndicatorStore();
      loadIndicators(i, 20_000);
      return createEngine({ indicators: i });
    };
    const a = mk(),
      b = mk();
    const da = evs.map((e) => a.decide(e));
    b.replay(evs.slice(0, 10_000));
    const db = evs.slice(10_000).map((e) => b.decide(e));
    expect(db).toEqual(da.slice(10_000));
    expect(da.filter((d) => d.action === 'open').length).toBeGreaterThan(50);
    expect(da.filter((d) => d.action === 'none').length).toBeGreaterThan(15_000);
  }, 30_000); // the first text trains the script classifier from its corpus (about a second on a busy machine)
});
