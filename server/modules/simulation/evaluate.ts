// Detection quality: plays a simulated city through a decider (the risk engine) and compares the warnings it
// opens with the ground truth — per fraud type precision, recall, lead time before the first money left.
// The decider is a port so the engine stays decoupled: anything with decide(event) → DecisionLike works.
import { createSimulation, type GroundTruth, type SimulationOptions } from './generate.ts';
import type { SimEvent } from './emit.ts';
import { FRAUD_SCRIPTS } from './fraud-types.ts';
import { IntelligenceLoop, type LearnedIndicator } from './intel.ts';

/** What the evaluation needs from a decision (a subset of the engine's Decision). */
export interface DecisionLike {
  action: string; // 'open' marks a new warning; 'raise' its level going up; others are ignored for counting
  subjectId?: string;
  hits?: readonly { ruleId: string }[];
  warning: { level: string; fraudTypes: readonly { code: string }[]; hits?: readonly { ruleId: string }[] } | null;
}
/** closeWarning (optional): the evaluation closes each warning a day after it opened, as a centre would once
 * it has called the person; later evidence then opens a new warning, which is counted again.
 * learn (optional): with the intelligence loop on, receives the identifiers that go on the block lists, before
 * the first event at or after their time. */
export interface Decider {
  decide(e: SimEvent): DecisionLike;
  closeWarning?(subjectId: string, closedAt: number): unknown;
  learn?(indicators: readonly LearnedIndicator[]): void;
}

export interface EvaluateRun {
  /** wall clock for the `seconds` figure (injectable) */
  now?: () => number;
  /** hours between a victim's 96110 report and its identifiers on the block lists; null/undefined = no loop */
  intelDelayHours?: number | null;
}

export type MinLevel = 'low' | 'medium' | 'high';
const RANK: Record<string, number> = { low: 1, medium: 2, high: 3 };
/** Overall figures counting only warnings that reached at least this level (低 = all). */
export interface LevelRow {
  level: MinLevel;
  warnings: number;
  falseAlarms: number;
  precision: number;
  recall: number;
  earlyRecall: number;
  falseAlarmsPer10kDay: number;
}

export interface TypeRow {
  code: string;
  name: string;
  targeted: number;
  lost: number;
  /** victims with a warning opened at/after the campaign start */
  warned: number;
  /** … of which before their first loss (the ones dissuasion could have saved) */
  warnedBeforeLoss: number;
  /** victims who lost money and were first warned only after it had left */
  warnedAfterLoss: number;
  recall: number; // warned / targeted
  earlyRecall: number; // warnedBeforeLoss / lost
  /** warnings whose top type is this one: total, and how many were on victims (of any type / of this type) */
  labelled: number;
  labelledOnVictims: number;
  labelledRightType: number;
  leadMinutesMedian: number | null;
  leadMinutesP10: number | null;
  /** money those warned before the first loss lost in the simulation (no one intervened) */
  lossAtStake: number;
  /** rules that fired on this type's victims, by count of victims */
  rules: Record<string, number>;
  /** victims on whom a block-list rule fired (only with the intelligence loop: the lists are empty otherwise) */
  listedVictims?: number;
  /** the same victims counting only warnings that reached at least 中 / 高 (the ones an officer calls about) */
  atLeast?: Record<'medium' | 'high', { recall: number; earlyRecall: number; leadMinutesMedian: number | null }>;
}

export interface EvaluationReport {
  options: SimulationOptions;
  events: number;
  seconds: number;
  warnings: number;
  truePositives: number;
  falseAlarms: number;
  precision: number;
  recall: number;
  falseAlarmRulesTop: [string, number][];
  perType: TypeRow[];
  byLevel: LevelRow[];
  warmupDays: number;
  /** the intelligence loop of this run (intel.ts), or null when the lists stayed empty */
  intel?: { delayHours: number; reports: number; indicators: number } | null;
}

/** the engine's rules that read the block lists: what the intelligence loop feeds */
export const LIST_RULES = ['listed_contact', 'listed_account', 'fraud_url', 'fraud_app'] as const;
const WEEK = 7 * 86_400_000;
const DAY = 86_400_000;
/** warm-up history before the measured month (covers one monthly cycle: rent, salaries, calls home) */
export const DEFAULT_WARMUP_DAYS = 35;
interface Open {
  t: number;
  top: string;
  rules: string[];
  level: number;
}

export function evaluate(options: SimulationOptions, decider: Decider, run: EvaluateRun = {}): EvaluationReport {
  return evaluateAll(options, [{ decider, intelDelayHours: run.intelDelayHours }], run.now)[0]!;
}

/**
 * Several deciders over one replay of the city (generation is a third of the cost): each gets every event in
 * the same order and is scored on its own. `seconds` is the whole pass's, shared.
 */
export function evaluateAll(
  options: SimulationOptions,
  runs: readonly { decider: Decider; intelDelayHours?: number | null }[],
  now: () => number = () => performance.now(),
): EvaluationReport[] {
  const t0 = now();
  options = { ...options, warmupDays: options.warmupDays ?? DEFAULT_WARMUP_DAYS };
  const sim = createSimulation(options);
  const personOf = new Map<string, number>();
  for (const p of sim.population) personOf.set(p.phone, p.index);
  const trackers = runs.map((r) => new Tracker(sim.truth, sim.startMs, personOf, r.decider, r.intelDelayHours));
  let events = 0;
  for (const { events: day } of sim.days()) {
    let dayEnd = 0;
    for (const { t, ev } of day) {
      events++;
      dayEnd = t;
      for (const k of trackers) k.onEvent(t, ev);
    }
    for (const k of trackers) k.endDay(dayEnd);
  }
  const seconds = (now() - t0) / 1000;
  return trackers.map((k) => k.report(options, events, seconds));
}

/** One decider's replay: what it opened and when, per person, and the intelligence it was fed. */
class Tracker {
  private readonly openBySubject = new Map<string, { at: number; rec: Open | null }>();
  private readonly reached = new Map<number, number[]>(); // person → first time a level was reached [_, low, medium, high]
  private readonly opens = new Map<number, Open[]>();
  private readonly firedOn = new Map<number, Set<string>>();
  private readonly touched = new Map<number, number[]>();
  private readonly victimSet: Set<number>;
  private readonly victimStart: Map<number, number>;
  private readonly intel: IntelligenceLoop | null;

  constructor(
    private readonly truth: GroundTruth,
    private readonly measuredFrom: number,
    private readonly personOf: Map<string, number>,
    private readonly decider: Decider,
    private readonly intelDelayHours?: number | null,
  ) {
    const on = intelDelayHours !== undefined && intelDelayHours !== null;
    if (on && !decider.learn) throw new Error('the intelligence loop needs a decider that can learn indicators');
    this.intel = on ? new IntelligenceLoop(truth, intelDelayHours * 3_600_000) : null;
    this.victimSet = new Set(truth.victims.map((v) => v.person));
    this.victimStart = new Map(truth.victims.map((v) => [v.person, Date.parse(v.campaignStart)]));
  }

  onEvent(t: number, ev: SimEvent): void {
    const { decider, intel } = this;
    if (intel) {
      const known = intel.due(t);
      if (known.length) decider.learn!(known);
    }
    const d = decider.decide(ev);
    intel?.observe(ev, t);
    if (d.action === 'open' && d.subjectId) this.openBySubject.set(d.subjectId, { at: t, rec: null });
    const person = this.personOf.get(ev.subject.phone ?? '');
    if (person === undefined) return;
    const lvl = d.warning && d.action !== 'none' ? (RANK[d.warning.level] ?? 0) : 0;
    if (lvl && t >= (this.victimStart.get(person) ?? Infinity)) {
      const r = this.reached.get(person) ?? this.reached.set(person, [0, 0, 0, 0]).get(person)!;
      for (let k = 1; k <= lvl; k++) if (!r[k]) r[k] = t;
    }
    if (d.action === 'raise' && d.subjectId) {
      const o = this.openBySubject.get(d.subjectId)?.rec;
      if (o) o.level = Math.max(o.level, lvl);
    }
    if (t < this.measuredFrom) return; // warm-up: history only, nothing counted
    const victim = this.victimSet.has(person);
    if (d.hits && d.hits.length && victim) {
      const s = this.firedOn.get(person) ?? this.firedOn.set(person, new Set()).get(person)!;
      for (const h of d.hits) s.add(h.ruleId);
    }
    // a victim whose warning was already open (e.g. an earlier false alarm) is warned again by update/raise
    if (d.warning && d.action !== 'none' && victim) {
      const tl = this.touched.get(person) ?? this.touched.set(person, []).get(person)!;
      tl.push(t);
    }
    if (d.action === 'open' && d.warning) {
      const list = this.opens.get(person) ?? this.opens.set(person, []).get(person)!;
      const rec: Open = {
        t,
        top: d.warning.fraudTypes[0]?.code ?? 'unknown',
        rules: [...new Set((d.warning.hits ?? d.hits ?? []).map((h) => h.ruleId))],
        level: lvl,
      };
      list.push(rec);
      if (d.subjectId) this.openBySubject.get(d.subjectId)!.rec = rec;
    }
  }

  /** The centre works each warning within a day: close those open for 24 h so new evidence opens a new one. */
  endDay(dayEnd: number): void {
    if (!this.decider.closeWarning) return;
    for (const [sid, o] of this.openBySubject) {
      if (dayEnd - o.at >= DAY) {
        this.decider.closeWarning(sid, dayEnd);
        this.openBySubject.delete(sid);
      }
    }
  }

  report(options: SimulationOptions, events: number, seconds: number): EvaluationReport {
    const r = score(options, this.truth, this.opens, this.touched, this.firedOn, events, seconds);
    r.byLevel = byLevel(options, this.truth, this.opens, this.reached, this.measuredFrom);
    for (const row of r.perType) row.atLeast = typeByLevel(this.truth, row.code, this.reached, this.measuredFrom);
    r.intel = this.intel ? { delayHours: this.intelDelayHours!, ...this.intel.stats } : null;
    return r;
  }
}

/** Per type, counting only warnings that reached at least 中 / 高: recall, early recall, median lead. */
function typeByLevel(
  truth: GroundTruth,
  code: string,
  reached: Map<number, number[]>,
  from: number,
): TypeRow['atLeast'] {
  const vs = truth.victims.filter((v) => v.fraudType === code);
  const lost = vs.filter((v) => v.lost).length;
  const at = (k: number) => {
    let warned = 0,
      early = 0;
    const leads: number[] = [];
    for (const v of vs) {
      const t = reached.get(v.person)?.[k];
      if (!t || t < Math.max(from, Date.parse(v.campaignStart))) continue;
      warned++;
      if (v.lost && beforeLoss(t, v.firstLossAt!)) {
        early++;
        leads.push((Date.parse(v.firstLossAt!) - t) / 60_000);
      }
    }
    return {
      recall: ratio(warned, vs.length),
      earlyRecall: ratio(early, lost),
      leadMinutesMedian: quantile(leads, 0.5),
    };
  };
  return { medium: at(2), high: at(3) };
}

function byLevel(
  options: SimulationOptions,
  truth: GroundTruth,
  opens: Map<number, Open[]>,
  reached: Map<number, number[]>,
  from: number,
): LevelRow[] {
  const victimByPerson = new Map(truth.victims.map((v) => [v.person, v]));
  const endMs = Date.parse(truth.end);
  const lost = truth.victims.filter((v) => v.lost).length;
  return (['low', 'medium', 'high'] as const).map((level) => {
    const k = RANK[level]!;
    let warnings = 0,
      fp = 0;
    for (const [person, list] of opens) {
      const v = victimByPerson.get(person);
      for (const w of list) {
        if (w.level < k) continue;
        warnings++;
        const start = v ? Date.parse(v.campaignStart) : Infinity;
        const lastLoss = v?.losses.length ? Date.parse(v.losses.at(-1)!.at) : endMs;
        if (!(v && w.t >= start && w.t <= lastLoss + WEEK)) fp++;
      }
    }
    let warned = 0,
      early = 0;
    for (const v of truth.victims) {
      const t = reached.get(v.person)?.[k];
      const start = Math.max(from, Date.parse(v.campaignStart));
      if (!t || t < start) continue;
      warned++;
      if (v.lost && beforeLoss(t, v.firstLossAt!)) early++;
    }
    return {
      level,
      warnings,
      falseAlarms: fp,
      precision: ratio(warnings - fp, warnings),
      recall: ratio(warned, truth.victims.length),
      earlyRecall: ratio(early, lost),
      falseAlarmsPer10kDay: (fp / options.people / options.days) * 10_000,
    };
  });
}

function score(
  options: SimulationOptions,
  truth: GroundTruth,
  opens: Map<number, Open[]>,
  touched: Map<number, number[]>,
  firedOn: Map<number, Set<string>>,
  events: number,
  seconds: number,
): EvaluationReport {
  const victimByPerson = new Map(truth.victims.map((v) => [v.person, v]));
  const endMs = Date.parse(truth.end);
  let warnings = 0,
    tp = 0,
    fp = 0;
  const fpRules = new Map<string, number>();
  const labelled = new Map<string, { n: number; onVictim: number; right: number }>();
  for (const [person, list] of opens) {
    const v = victimByPerson.get(person);
    for (const w of list) {
      warnings++;
      const start = v ? Date.parse(v.campaignStart) : Infinity;
      const lastLoss = v?.losses.length ? Date.parse(v.losses.at(-1)!.at) : endMs;
      const onVictim = !!v && w.t >= start && w.t <= lastLoss + WEEK;
      const l = labelled.get(w.top) ?? labelled.set(w.top, { n: 0, onVictim: 0, right: 0 }).get(w.top)!;
      l.n++;
      if (onVictim) {
        tp++;
        l.onVictim++;
        if (v!.fraudType === w.top) l.right++;
      } else {
        fp++;
        for (const r of w.rules) fpRules.set(r, (fpRules.get(r) ?? 0) + 1);
      }
    }
  }
  const perType: TypeRow[] = FRAUD_SCRIPTS.map((s) => {
    const vs = truth.victims.filter((v) => v.fraudType === s.code);
    const leads: number[] = [];
    let warned = 0,
      early = 0,
      late = 0,
      atStake = 0;
    const rules: Record<string, number> = {};
    let listed = 0;
    for (const v of vs) {
      const fired = firedOn.get(v.person) ?? new Set<string>();
      for (const r of fired) rules[r] = (rules[r] ?? 0) + 1;
      if (LIST_RULES.some((r) => fired.has(r))) listed++;
      const start = Date.parse(v.campaignStart);
      const first = (touched.get(v.person) ?? []).find((t) => t >= start);
      if (first === undefined) continue;
      warned++;
      if (v.lost && beforeLoss(first, v.firstLossAt!)) {
        early++;
        atStake += v.totalLoss;
        leads.push((Date.parse(v.firstLossAt!) - first) / 60_000);
      } else if (v.lost) late++;
    }
    const lostN = vs.filter((v) => v.lost).length;
    const l = labelled.get(s.code) ?? { n: 0, onVictim: 0, right: 0 };
    return {
      code: s.code,
      name: s.name,
      targeted: vs.length,
      lost: lostN,
      warned,
      warnedBeforeLoss: early,
      warnedAfterLoss: late,
      recall: ratio(warned, vs.length),
      earlyRecall: ratio(early, lostN),
      labelled: l.n,
      labelledOnVictims: l.onVictim,
      labelledRightType: l.right,
      leadMinutesMedian: quantile(leads, 0.5),
      leadMinutesP10: quantile(leads, 0.1),
      lossAtStake: Math.round(atStake),
      rules,
      listedVictims: listed,
    };
  });
  return {
    options,
    events,
    seconds,
    warnings,
    truePositives: tp,
    falseAlarms: fp,
    precision: ratio(tp, warnings),
    recall: ratio(
      perType.reduce((s, r) => s + r.warned, 0),
      truth.victims.length,
    ),
    falseAlarmRulesTop: [...fpRules].sort((a, b) => b[1] - a[1]).slice(0, 8),
    perType,
    byLevel: [],
    warmupDays: options.warmupDays ?? 0,
  };
}

/** Warned strictly before the first loss. The truth keeps whole seconds, so a warning in the same second — the
 * decision on the very transfer that moved the money — counts as after it: it saves nothing. */
export const beforeLoss = (warnedAt: number, firstLossAt: string) =>
  Math.floor(warnedAt / 1000) * 1000 < Date.parse(firstLossAt);
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
export function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
}
