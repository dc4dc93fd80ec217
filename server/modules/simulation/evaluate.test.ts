import { describe, expect, it } from 'vitest';
import { beforeLoss, evaluate, evaluateAll, LIST_RULES, quantile, type Decider } from './evaluate.ts';
import { engineDecider } from './engine-decider.ts';
import type { LearnedIndicator } from './intel.ts';
import { renderEvaluation } from './evaluate-report.ts';
import { createSimulation } from './generate.ts';
import { createEngine } from '../engine/index.ts';

const options = { seed: 17, people: 600, days: 10, targetsPer1000: 60, warmupDays: 0 };

/** A decider that knows the truth: opens a warning on each victim's first campaign event. */
function oracle(): Decider {
  const truth = createSimulation(options).truth;
  const victims = new Map(truth.victims.map((v) => [v.phone, v]));
  const open = new Set<string>();
  return {
    decide(e) {
      const v = victims.get(e.subject.phone ?? '');
      if (!v || open.has(v.phone) || e.occurredAt < v.campaignStart) return { action: 'none', warning: null };
      open.add(v.phone);
      return {
        action: 'open',
        hits: [{ ruleId: 'oracle' }],
        warning: { level: 'high', fraudTypes: [{ code: v.fraudType }] },
      };
    },
  };
}

describe('evaluation scoring', () => {
  it('a perfect decider scores precision 1, recall 1, positive lead times', () => {
    const r = evaluate(options, oracle());
    expect(r.recall).toBe(1);
    expect(r.precision).toBe(1);
    expect(r.falseAlarms).toBe(0);
    for (const t of r.perType.filter((x) => x.lost > 0)) {
      expect(t.earlyRecall, t.code).toBe(1);
      expect(t.leadMinutesMedian!, t.code).toBeGreaterThan(0);
      expect(t.labelledRightType).toBe(t.labelled);
    }
  });

  it('a silent decider scores recall 0; one that warns everyone has low precision', () => {
    expect(evaluate(options, { decide: () => ({ action: 'none', warning: null }) }).recall).toBe(0);
    const seen = new Set<string>();
    const noisy = evaluate(options, {
      decide(e) {
        const k = e.subject.phone ?? '';
        const first = !seen.has(k);
        seen.add(k);
        return {
          action: first ? 'open' : 'update',
          warning: { level: 'low', fraudTypes: [{ code: 'brushing_rebate' }] },
        };
      },
    });
    expect(noisy.precision).toBeLessThan(0.2);
    expect(noisy.falseAlarms).toBeGreaterThan(400);
  });

  it('a warning on the transfer that moved the money is not "before the loss"; one a second earlier is', () => {
    const loss = '2026-11-25T13:21:47+08:00';
    const ms = Date.parse(loss);
    expect(beforeLoss(ms + 80, loss)).toBe(false); // the paying event itself (the truth drops the milliseconds)
    expect(beforeLoss(ms, loss)).toBe(false);
    expect(beforeLoss(ms - 1000, loss)).toBe(true);
  });

  it('quantile picks from the sorted sample', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 0.1)).toBe(20);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('runs against the real engine and renders a report with every type', () => {
    const r = evaluate({ seed: 3, people: 400, days: 7, targetsPer1000: 60 }, createEngine());
    expect(r.events).toBeGreaterThan(5000);
    expect(r.perType).toHaveLength(12);
    expect(r.warnings).toBe(r.truePositives + r.falseAlarms);
    const md = renderEvaluation(r, { engine: 'test', command: 'test', date: '2026-11-22' });
    for (const t of r.perType) expect(md).toContain(`\`${t.code}\``);
  }, 30_000); // the engine's first text trains the script classifier (about a second; more on a busy machine)

  it('warm-up history reaches the decider but is never counted; warnings are closed a day after opening', () => {
    const o = { seed: 5, people: 300, days: 5, targetsPer1000: 60, warmupDays: 3 };
    const sim = createSimulation(o);
    let before = 0,
      fraudBefore = 0;
    const victims = new Set(sim.truth.victims.map((v) => v.phone));
    for (const { events } of sim.days())
      for (const { t, ev } of events)
        if (t < sim.startMs) {
          before++;
          if (victims.has(ev.subject.phone ?? '') && ev.type === 'report') fraudBefore++;
        }
    expect(before).toBeGreaterThan(1000);
    expect(fraudBefore).toBe(0);
    for (const v of sim.truth.victims) expect(Date.parse(v.campaignStart)).toBeGreaterThanOrEqual(sim.startMs);
    // a decider that opens once per subject: everyone seen in the warm-up is not a counted warning
    const seen = new Set<string>();
    const closed: string[] = [];
    const firstSeen: Decider = {
      decide(e) {
        const k = e.subject.phone ?? '';
        const first = !seen.has(k);
        seen.add(k);
        return {
          action: first ? 'open' : 'none',
          subjectId: k,
          warning: first ? { level: 'low', fraudTypes: [{ code: 'x' }] } : null,
        };
      },
      closeWarning(sid) {
        closed.push(sid);
      },
    };
    const withWarmup = evaluate(o, firstSeen);
    expect(withWarmup.warmupDays).toBe(3);
    expect(withWarmup.warnings).toBeLessThan(o.people / 4);
    expect(closed.length).toBeGreaterThan(o.people / 2);
  });

  it('the intelligence loop feeds the decider each indicator before the first event at or after its time', () => {
    const o = { seed: 12, people: 2000, days: 30, targetsPer1000: 60, background: false, warmupDays: 0 };
    let last = -Infinity;
    const got: { x: LearnedIndicator; before: number }[] = [];
    const times: number[] = [];
    const rec: Decider = {
      decide(e) {
        last = Date.parse(e.occurredAt);
        times.push(last);
        return { action: 'none', warning: null };
      },
      learn(xs) {
        for (const x of xs) got.push({ x, before: last });
      },
    };
    const r = evaluate(o, rec, { intelDelayHours: 12 });
    expect(r.intel!.indicators).toBe(got.length);
    expect(got.length).toBeGreaterThan(20);
    for (const { x, before } of got) {
      expect(before).toBeLessThan(x.at); // not given later than needed: the previous event was before its time
      const next = times.find((t) => t > before)!;
      expect(next).toBeGreaterThanOrEqual(Math.floor(x.at / 1000) * 1000); // nor earlier (event times are whole seconds)
    }
    expect(() => evaluate(o, { decide: () => ({ action: 'none', warning: null }) }, { intelDelayHours: 1 })).toThrow(
      /learn/,
    );
    expect(evaluate(o, rec).intel).toBeNull();
  });

  it("with the loop the real engine's list rules fire on later victims of the same gangs; without it they never do", () => {
    const o = { seed: 12, people: 3000, days: 30, targetsPer1000: 60, background: false, warmupDays: 0 };
    const [without, withLoop] = evaluateAll(o, [
      { decider: engineDecider(createEngine()) },
      { decider: engineDecider(createEngine()), intelDelayHours: 24 },
    ]);
    const listed = (r: typeof without) => r!.perType.reduce((s, t) => s + (t.listedVictims ?? 0), 0);
    expect(listed(without)).toBe(0);
    for (const t of without!.perType) for (const rule of LIST_RULES) expect(t.rules[rule] ?? 0).toBe(0);
    expect(listed(withLoop)).toBeGreaterThan(5);
    expect(withLoop!.intel!.indicators).toBeGreaterThan(0);
    // same events, more evidence: officers' warnings (高) come before the loss for more victims
    const high = (r: typeof without) => r!.byLevel.find((l) => l.level === 'high')!.earlyRecall;
    expect(high(withLoop)).toBeGreaterThan(high(without));
    expect(withLoop!.recall).toBeGreaterThanOrEqual(without!.recall);
  });
});
