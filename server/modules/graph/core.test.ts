import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildUndirectedCsr, connectedComponents, HopSearcher, shortestPath } from './csr.ts';
import { canonicalKey, derivedObservations, entityId, type Observation } from './entities.ts';
import { discoverGangs, EntityIndex, recordRef } from './related.ts';
import { traceFlow, TxStore } from './flow.ts';
import { scoreMules } from './mules.ts';

const H = 3_600_000;

describe('components and neighbourhoods', () => {
  it('union–find components agree with a naive flood fill', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.nat(39), fc.nat(39)), { maxLength: 80 }),
        (n, links) => {
          const ls = links.filter(([a, b]) => a < n && b < n);
          const src = Int32Array.from(ls.map((l) => l[0])),
            dst = Int32Array.from(ls.map((l) => l[1]));
          const { labels } = connectedComponents(n, src, dst);
          const g = buildUndirectedCsr(n, src, dst);
          const hs = new HopSearcher(g);
          for (let v = 0; v < n; v++) {
            const reach = new Set(hs.search(v, n + 1, { limit: 1000 }).nodes);
            for (let w = 0; w < n; w++) expect(labels[v] === labels[w]).toBe(reach.has(w));
          }
        },
      ),
    );
  });

  it('k-hop stops at k, reports the link used and does not expand hubs or blocked nodes', () => {
    // 0-1-2-3-4 chain; 5 is a hub linked to 1 and to 6,7,8
    const links: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [1, 5],
      [5, 6],
      [5, 7],
      [5, 8],
    ];
    const g = buildUndirectedCsr(9, Int32Array.from(links.map((l) => l[0])), Int32Array.from(links.map((l) => l[1])));
    const hs = new HopSearcher(g);
    const r = hs.search(0, 3, { maxDegree: 3 });
    expect([...r.nodes].sort()).toEqual([0, 1, 2, 3, 5]);
    expect(r.suppressed).toEqual([5]);
    const i3 = r.nodes.indexOf(3);
    expect(r.hops[i3]).toBe(3);
    expect(links[r.via[i3]!]).toEqual([2, 3]);
    const blocked = hs.search(0, 4, { blocked: (v) => v === 2 });
    expect(blocked.nodes).not.toContain(3);
    expect(blocked.suppressed).toContain(2);
    expect(shortestPath(g, 0, 4)).toEqual([0, 1, 2, 3, 4]);
    expect(shortestPath(g, 0, 4, 3)).toBeNull();
  });
});

const obs = (
  recordKind: 'case' | 'warning',
  recordId: string,
  kind: Observation['kind'],
  value: string,
  seenAs: string,
  at = 0,
): Observation => ({
  recordKind,
  recordId,
  kind,
  key: canonicalKey(kind, value)!,
  value,
  seenAs,
  at,
});

describe('same-source analysis', () => {
  it('canonical keys: spellings of one phone / account meet; URLs also yield their registrable domain', () => {
    expect(canonicalKey('phone', '+86 138-0013-8000')).toBe(canonicalKey('phone', '13800138000'));
    expect(canonicalKey('account', '6222 0212 3456 7890')).toBe('6222021234567890');
    expect(canonicalKey('account', 'abc')).toBeNull();
    const d = derivedObservations(obs('case', 'c1', 'url', 'https://pay.evil-shop.com.cn/x', 'url'));
    expect(d.map((o) => entityId(o.kind, o.key))).toEqual(['domain:evil-shop.com.cn']);
  });

  it('finds direct and one-intermediate relations with reasons, suppresses allow-listed and hub values', () => {
    const ix = new EntityIndex();
    ix.add(obs('case', 'A', 'phone', '13800138000', 'suspect_phone', 1));
    ix.add(obs('case', 'A', 'phone', '95588', 'bank_service', 1));
    ix.add(obs('case', 'B', 'phone', '138 0013 8000', 'suspect_phone', 2));
    ix.add(obs('case', 'B', 'account', '6222021234567890', 'to_account', 2));
    ix.add(obs('warning', 'W', 'account', '6222-0212-3456-7890', 'payee', 3));
    ix.add(obs('case', 'C', 'phone', '95588', 'bank_service', 4));
    // a hub domain in 4 records
    for (const r of ['A', 'D', 'E', 'F']) ix.add(obs('case', r, 'domain', 'taobao.com', 'url_domain', 5));
    const opts = { hubCap: 3, allowList: new Set([entityId('phone', '95588')]) };
    const { items, suppressed } = ix.related(recordRef('case', 'A'), opts);
    expect(items.map((i) => [i.record, i.hops])).toEqual([
      ['case:B', 1],
      ['warning:W', 2],
    ]);
    expect(items[0]!.shared).toEqual([
      { kind: 'phone', key: '13800138000', value: '138 0013 8000', seenAs: 'suspect_phone', at: 2 },
    ]);
    expect(items[1]!.via?.record).toBe('case:B');
    expect(items[1]!.shared[0]!.kind).toBe('account');
    expect(suppressed).toEqual(
      expect.arrayContaining([
        { kind: 'phone', key: '95588', value: '95588', why: { reason: 'allow_list' } },
        { kind: 'domain', key: 'taobao.com', value: 'taobao.com', why: { reason: 'hub', records: 4, cap: 3 } },
      ]),
    );
    // raising the cap follows the domain
    expect(ix.related(recordRef('case', 'A'), { hubCap: 10 }).items.map((i) => i.record)).toContain('case:D');
    // an edit replaces the record's observations
    ix.replaceRecord('case', 'B', [obs('case', 'B', 'phone', '13900000000', 'suspect_phone', 2)]);
    expect(ix.related(recordRef('case', 'A'), opts).items).toEqual([]);
  });

  it('gangs: components under the caps, communities inside big ones', () => {
    const ix = new EntityIndex();
    // two dense clusters of 8 cases joined by one shared account; plus an unrelated pair; plus a hub in all
    for (const cl of ['x', 'y']) {
      for (let i = 0; i < 8; i++) {
        ix.add(obs('case', `${cl}${i}`, 'phone', cl === 'x' ? '13800000001' : '13900000001', 'suspect_phone', i));
        ix.add(
          obs('case', `${cl}${i}`, 'account', cl === 'x' ? '62220000000000001' : '62220000000000002', 'to_account', i),
        );
        ix.add(obs('case', `${cl}${i}`, 'app', 'com.big.platform', 'app', i));
      }
    }
    ix.add(obs('case', 'x0', 'account', '62229999999999999', 'to_account', 0));
    ix.add(obs('case', 'y0', 'account', '62229999999999999', 'to_account', 0));
    ix.add(obs('case', 'p', 'wechat', 'wxid_abc', 'suspect_wechat', 0));
    ix.add(obs('case', 'q', 'wechat', 'WXID_ABC', 'suspect_wechat', 0));
    let seed = 1;
    const rng = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const gangs = discoverGangs(ix, { hubCap: 10, communityFrom: 12, rng });
    expect(gangs.map((g) => g.records.length)).toEqual([16, 2]);
    expect(gangs[0]!.shared.map((s) => s.key)).not.toContain('com.big.platform');
    const comms = gangs[0]!.communities!;
    expect(comms).toHaveLength(2);
    expect(new Set(comms.map((c) => c[0]!.slice(5, 6)))).toEqual(new Set(['x', 'y']));
    for (const c of comms) expect(new Set(c.map((r) => r.slice(5, 6))).size).toBe(1);
  });
});

describe('money flow', () => {
  const store = () => {
    const s = new TxStore();
    // victim V pays 10,000 into M1 at t=1h; M1 already holds 2,000 (arrived at 0.5h)
    s.add({ from: 'X', to: 'M1', amount: 2000, at: 0.5 * H });
    s.add({ from: 'V', to: 'M1', amount: 10000, at: 1 * H });
    s.add({ from: 'M1', to: 'OLD', amount: 500, at: 0.8 * H }); // before the payment: not followed
    s.add({ from: 'M1', to: 'M2a', amount: 6000, at: 2 * H });
    s.add({ from: 'M1', to: 'M2b', amount: 6000, at: 3 * H });
    s.add({ from: 'M2a', to: 'ATM', amount: 6000, at: 4 * H, channel: 'atm' });
    s.add({ from: 'M2b', to: 'M3', amount: 5000, at: 5 * H });
    s.add({ from: 'M3', to: 'HUB', amount: 5000, at: 6 * H });
    for (let i = 0; i < 10; i++) s.add({ from: `h${i}`, to: 'HUB', amount: 1, at: 7 * H });
    return s.build();
  };

  it('LIFO: the newest money leaves first; follows levels to cash-out and stops at hubs', () => {
    const r = traceFlow(store(), [{ account: 'M1', at: 1 * H, amount: 10000 }], {
      depth: 5,
      rule: 'lifo',
      hubCounterparties: 8,
    });
    const node = (a: string) => r.nodes.find((n) => n.account === a);
    expect(node('M1')).toMatchObject({ level: 1, inflow: 10000, outflow: 10000, balance: 0 });
    expect(node('OLD')).toBeUndefined();
    // LIFO: the first 6,000 out is all tainted; the second 6,000 takes the remaining 4,000 tainted + 2,000 older
    expect(r.edges.find((e) => e.to === 'M2a')!.amount).toBe(6000);
    expect(r.edges.find((e) => e.to === 'M2b')!.amount).toBe(4000);
    expect(node('ATM')).toMatchObject({ cashOut: true, inflow: 6000 });
    expect(node('M3')!.level).toBe(3);
    expect(node('HUB')).toMatchObject({ level: 4, hub: true });
    expect(node('HUB')!.note).toMatch(/hub/);
    expect(r.cashedOut).toBe(6000);
    expect(r.notes.join()).toMatch(/last-in-first-out/);
  });

  it('proportional: each outflow carries the tainted share of the balance', () => {
    const r = traceFlow(store(), [{ account: 'M1', at: 1 * H, amount: 10000 }], {
      depth: 2,
      rule: 'proportional',
      hubCounterparties: 50,
    });
    // balance after payment: 2000-500+10000 = 11500, tainted 10000 → first 6000 carries 6000*10000/11500
    const first = r.edges.find((e) => e.to === 'M2a')!.amount;
    expect(first).toBeCloseTo((6000 * 10000) / 11500, 1);
    const second = r.edges.find((e) => e.to === 'M2b')!.amount;
    expect(second).toBeCloseTo(10000 - first, 0);
    expect(r.nodes.find((n) => n.account === 'M3')).toBeUndefined(); // depth 2
    expect(r.rule).toBe('proportional');
  });

  it('money leaves only after it arrived; merges count once per edge', () => {
    const s = new TxStore();
    s.add({ from: 'V1', to: 'A', amount: 100, at: 10 });
    s.add({ from: 'A', to: 'B', amount: 100, at: 5 }); // earlier: not the victim's money
    s.add({ from: 'V2', to: 'C', amount: 50, at: 10 });
    s.add({ from: 'A', to: 'D', amount: 100, at: 20 });
    s.add({ from: 'C', to: 'D', amount: 50, at: 20 });
    s.add({ from: 'D', to: 'E', amount: 150, at: 30 });
    s.build();
    const r = traceFlow(
      s,
      [
        { account: 'A', at: 10, amount: 100 },
        { account: 'C', at: 10, amount: 50 },
      ],
      { depth: 4, rule: 'lifo', minCents: 1 },
    );
    expect(r.edges.find((e) => e.to === 'B')).toBeUndefined();
    expect(r.nodes.find((n) => n.account === 'D')).toMatchObject({ level: 2, inflow: 150, outflow: 150 });
    expect(r.edges.find((e) => e.from === 'D')).toMatchObject({ to: 'E', amount: 150, count: 1 });
  });
});

describe('mule scoring', () => {
  it('fan-in from several cases then fan-out with pass-through scores high, with reasons; an ordinary payee does not', () => {
    const s = new TxStore();
    for (let i = 0; i < 4; i++) s.add({ from: `victim${i}`, to: 'MULE', amount: 5000, at: i * H });
    for (let i = 0; i < 4; i++) s.add({ from: 'MULE', to: `next${i}`, amount: 4990, at: i * H + 0.5 * H });
    for (let i = 0; i < 4; i++) s.add({ from: `buyer${i}`, to: 'SHOP', amount: 50, at: i * 24 * H });
    s.build();
    const r = scoreMules(s, {
      passWindow: 2 * H,
      burstWindow: 0.25 * H,
      victimOf: (a) => (s.accounts[a]!.startsWith('victim') ? s.accounts[a] : undefined),
      minScore: 40,
    });
    expect(r.map((m) => m.account)).toEqual(['MULE']);
    expect(r[0]!.score).toBeGreaterThanOrEqual(70);
    expect(r[0]!.reasons.join(' | ')).toMatch(/fan-in from 4 victims.*pass-through/);
  });

  it('structuring: split transfers to one counterparty in one window', () => {
    const s = new TxStore();
    for (let i = 0; i < 5; i++) s.add({ from: 'A', to: 'B', amount: 4.5, at: 100 });
    s.add({ from: 'C', to: 'B', amount: 4.5, at: 100 });
    s.add({ from: 'C', to: 'B', amount: 4.5, at: 300 });
    s.build();
    const r = scoreMules(s, { passWindow: 1, burstWindow: 0 });
    expect(r.map((m) => m.account).sort()).toEqual(['A', 'B']);
    expect(r[0]!.reasons[0]).toMatch(/structuring/);
  });

  it('propagation: an account transacting with ≥ 3 accounts flagged on their own is scored, with the reason', () => {
    const s = new TxStore();
    // three mules, each flagged on its own (structuring with its own counterparty)
    for (const m of ['M1', 'M2', 'M3'])
      for (let i = 0; i < 3; i++) s.add({ from: `${m}src`, to: m, amount: 4.5, at: 100 });
    // HUB pays all three once (nothing suspicious on its own); TWO pays only two of them; X pays one
    for (const m of ['M1', 'M2', 'M3']) s.add({ from: 'HUB', to: m, amount: 300, at: 500 });
    for (const m of ['M1', 'M2']) s.add({ from: 'TWO', to: m, amount: 300, at: 500 });
    s.add({ from: 'X', to: 'M1', amount: 300, at: 500 });
    s.build();
    const opts = { passWindow: 1, burstWindow: 0, minScore: 30 };
    expect(scoreMules(s, opts).map((m) => m.account)).not.toContain('HUB');
    const r = scoreMules(s, { ...opts, propagate: { minNeighbours: 3, score: 30 } });
    const hub = r.find((m) => m.account === 'HUB');
    expect(hub).toMatchObject({ score: 30, reasons: ['transacts with 3 accounts flagged on their own'] });
    expect(r.map((m) => m.account)).not.toContain('TWO');
    expect(r.map((m) => m.account)).not.toContain('X');
    // the seeds keep their own score (propagation does not feed on itself)
    expect(r.find((m) => m.account === 'M1')!.reasons.join()).not.toMatch(/transacts with/);
  });
});
