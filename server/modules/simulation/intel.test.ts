import { describe, expect, it } from 'vitest';
import { createSimulation } from './generate.ts';
import { IntelligenceLoop, type LearnedIndicator } from './intel.ts';
import type { SimEvent } from './emit.ts';

const H = 3_600_000;
const sim = createSimulation({
  seed: 12,
  people: 2000,
  days: 30,
  targetsPer1000: 60,
  background: false,
  warmupDays: 0,
});
const events: { t: number; ev: SimEvent }[] = [];
for (const { events: day } of sim.days()) events.push(...day);
const reports = events.filter((e) => e.ev.type === 'report');

describe('the intelligence loop', () => {
  it('a report becomes block-list entries of exactly its gang, a delay later, each identifier once', () => {
    expect(reports.length).toBeGreaterThan(10);
    const loop = new IntelligenceLoop(sim.truth, 24 * H);
    const learned: LearnedIndicator[] = [];
    for (const { t, ev } of events) {
      for (const x of loop.due(t)) {
        expect(x.at).toBeLessThanOrEqual(t);
        learned.push(x);
      }
      loop.observe(ev, t);
    }
    learned.push(...loop.due(Infinity));
    expect(loop.stats.reports).toBe(reports.length);
    expect(loop.stats.indicators).toBe(learned.length);
    const victims = new Map(sim.truth.victims.map((v) => [v.phone, v]));
    const gangs = new Map(sim.truth.gangs.map((g) => [g.id, g]));
    const reportAt = new Map(reports.map((r) => [r.ev.id, r.t]));
    const kinds = new Set<string>();
    for (const x of learned) {
      const report = reports.find((r) => r.ev.id === x.reportId)!;
      const v = victims.get(report.ev.subject.phone!)!;
      const g = gangs.get(v.gang)!;
      expect(x.at).toBe(reportAt.get(x.reportId)! + 24 * H);
      expect(x.fraudType).toBe(v.fraudType);
      const pool = { phone: g.phones, account: g.accounts, domain: g.domains, app_package: g.apps }[x.kind];
      expect(pool, `${x.kind} ${x.value}`).toContain(x.value);
      kinds.add(x.kind);
    }
    expect([...kinds].sort()).toEqual(['account', 'app_package', 'domain', 'phone']);
    expect(new Set(learned.map((x) => `${x.kind}:${x.value}`)).size).toBe(learned.length);
    // every account a reporting victim's money went to before the report is learned
    for (const r of reports) {
      const v = victims.get(r.ev.subject.phone!)!;
      for (const l of v.losses.filter((y) => y.toAccount && Date.parse(y.at) <= r.t))
        expect(learned.some((x) => x.kind === 'account' && x.value === l.toAccount)).toBe(true);
    }
  });

  it('nothing is known before the delay has passed; non-report events teach nothing', () => {
    const loop = new IntelligenceLoop(sim.truth, 6 * H);
    for (const { t, ev } of events.filter((e) => e.ev.type !== 'report')) loop.observe(ev, t);
    expect(loop.due(Infinity)).toEqual([]);
    const first = reports[0]!;
    loop.observe(first.ev, first.t);
    expect(loop.due(first.t + 6 * H - 1)).toEqual([]);
    expect(loop.due(first.t + 6 * H).length).toBeGreaterThan(0);
    expect(loop.due(Infinity)).toEqual([]); // handed out once
    expect(() => new IntelligenceLoop(sim.truth, -1)).toThrow(/delay/);
  });
});
