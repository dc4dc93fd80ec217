// Detection quality: plays a simulated city through a decider (the risk engine) and compares the warnings it
// opens with the ground truth — per fraud type precision, recall, lead time before the first money left.
// The decider is a port so the engine stays decoupled: anything with decide(event) → DecisionLike works.
import { createSimulation, type GroundTruth, type SimulationOptions } from './generate.ts';
import type { SimEvent } from './emit.ts';
import { FRAUD_SCRIPTS } from './fraud-types.ts';

/** What the evaluation needs from a decision (a subset of the engine's Decision). */
export interface DecisionLike {
  action: string; // 'open' marks a new warning; 'raise' its level going up; others are ignored for counting
  subjectId?: string;
  hits?: readonly { ruleId: string }[];
  warning: { level: string; fraudTypes: readonly { code: string }[]; hits?: readonly { ruleId: string }[] } | null;
}
/** closeWarning (optional): the evaluation closes each warning a day after it opened, as a centre would once
 * it has called the person; later evidence then opens a new warning, which is counted again. */
export interface Decider { decide(e: SimEvent): DecisionLike; closeWarning?(subjectId: string, closedAt: number): unknown }

export type MinLevel = 'low' | 'medium' | 'high';
const RANK: Record<string, number> = { low: 1, medium: 2, high: 3 };
/** Overall figures counting only warnings that reached at least this level (低 = all). */
export interface LevelRow { level: MinLevel; warnings: number; falseAlarms: number; precision: number; recall: number; earlyRecall: number; falseAlarmsPer10kDay: number }

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
}

const WEEK = 7 * 86_400_000;
const DAY = 86_400_000;
/** warm-up history before the measured month (covers one monthly cycle: rent, salaries, calls home) */
export const DEFAULT_WARMUP_DAYS = 35;
interface Open { t: number; top: string; rules: string[]; level: number }

export function evaluate(options: SimulationOptions, decider: Decider, now: () => number = () => performance.now()): EvaluationReport {
  const t0 = now();
  options = { ...options, warmupDays: options.warmupDays ?? DEFAULT_WARMUP_DAYS };
  const sim = createSimulation(options);
  const measuredFrom = sim.startMs;
  const openBySubject = new Map<string, { at: number; rec: Open | null }>();
  const reached = new Map<number, number[]>(); // person → first time a level was reached [_, low, medium, high]
  const truth = sim.truth;
  const personOf = new Map<string, number>();
  for (const p of sim.population) personOf.set(p.phone, p.index);
  const opens = new Map<number, Open[]>();
  const firedOn = new Map<number, Set<string>>();
  const victimSet = new Set(truth.victims.map((v) => v.person));
  const victimStart = new Map(truth.victims.map((v) => [v.person, Date.parse(v.campaignStart)]));
  const touched = new Map<number, number[]>();
  let events = 0;
  for (const { events: day } of sim.days()) {
    let dayEnd = 0;
    for (const { t, ev } of day) {
      events++;
      dayEnd = t;
      const d = decider.decide(ev);
      if (d.action === 'open' && d.subjectId) openBySubject.set(d.subjectId, { at: t, rec: null });
      const person = personOf.get(ev.subject.phone ?? '');
      if (person === undefined) continue;
      const lvl = d.warning && d.action !== 'none' ? RANK[d.warning.level] ?? 0 : 0;
      if (lvl && t >= (victimStart.get(person) ?? Infinity)) {
        const r = reached.get(person) ?? reached.set(person, [0, 0, 0, 0]).get(person)!;
        for (let k = 1; k <= lvl; k++) if (!r[k]) r[k] = t;
      }
      if (d.action === 'raise' && d.subjectId) {
        const o = openBySubject.get(d.subjectId)?.rec;
        if (o) o.level = Math.max(o.level, lvl);
      }
      if (t < measuredFrom) continue; // warm-up: history only, nothing counted
      if (d.hits && d.hits.length && victimSet.has(person)) {
        const s = firedOn.get(person) ?? firedOn.set(person, new Set()).get(person)!;
        for (const h of d.hits) s.add(h.ruleId);
      }
      // a victim whose warning was already open (e.g. an earlier false alarm) is warned again by update/raise
      if (d.warning && d.action !== 'none' && victimSet.has(person)) {
        const tl = touched.get(person) ?? touched.set(person, []).get(person)!;
        tl.push(t);
      }
      if (d.action === 'open' && d.warning) {
        const list = opens.get(person) ?? opens.set(person, []).get(person)!;
        const rec: Open = { t, top: d.warning.fraudTypes[0]?.code ?? 'unknown', rules: [...new Set((d.warning.hits ?? d.hits ?? []).map((h) => h.ruleId))], level: lvl };
        list.push(rec);
        if (d.subjectId) openBySubject.get(d.subjectId)!.rec = rec;
      }
    }
    // the centre works each warning within a day: close those open for 24 h so new evidence opens a new one
    if (decider.closeWarning) {
      for (const [sid, o] of openBySubject) {
        if (dayEnd - o.at >= DAY) { decider.closeWarning(sid, dayEnd); openBySubject.delete(sid); }
      }
    }
  }
  const r = score(options, truth, opens, touched, firedOn, events, (now() - t0) / 1000);
  r.byLevel = byLevel(options, truth, opens, reached, measuredFrom);
  return r;
}

function byLevel(options: SimulationOptions, truth: GroundTruth, opens: Map<number, Open[]>, reached: Map<number, number[]>, from: number): LevelRow[] {
  const victimByPerson = new Map(truth.victims.map((v) => [v.person, v]));
  const endMs = Date.parse(truth.end);
  const lost = truth.victims.filter((v) => v.lost).length;
  return (['low', 'medium', 'high'] as const).map((level) => {
    const k = RANK[level]!;
    let warnings = 0, fp = 0;
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
    let warned = 0, early = 0;
    for (const v of truth.victims) {
      const t = reached.get(v.person)?.[k];
      const start = Math.max(from, Date.parse(v.campaignStart));
      if (!t || t < start) continue;
      warned++;
      if (v.lost && beforeLoss(t, v.firstLossAt!)) early++;
    }
    return { level, warnings, falseAlarms: fp, precision: ratio(warnings - fp, warnings), recall: ratio(warned, truth.victims.length), earlyRecall: ratio(early, lost), falseAlarmsPer10kDay: (fp / options.people / options.days) * 10_000 };
  });
}

function score(options: SimulationOptions, truth: GroundTruth, opens: Map<number, Open[]>, touched: Map<number, number[]>, firedOn: Map<number, Set<string>>, events: number, seconds: number): EvaluationReport {
  const victimByPerson = new Map(truth.victims.map((v) => [v.person, v]));
  const endMs = Date.parse(truth.end);
  let warnings = 0, tp = 0, fp = 0;
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
    let warned = 0, early = 0, late = 0, atStake = 0;
    const rules: Record<string, number> = {};
    for (const v of vs) {
      for (const r of firedOn.get(v.person) ?? []) rules[r] = (rules[r] ?? 0) + 1;
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
      code: s.code, name: s.name, targeted: vs.length, lost: lostN, warned, warnedBeforeLoss: early, warnedAfterLoss: late,
      recall: ratio(warned, vs.length), earlyRecall: ratio(early, lostN),
      labelled: l.n, labelledOnVictims: l.onVictim, labelledRightType: l.right,
      leadMinutesMedian: quantile(leads, 0.5), leadMinutesP10: quantile(leads, 0.1), lossAtStake: Math.round(atStake), rules,
    };
  });
  return {
    options, events, seconds, warnings, truePositives: tp, falseAlarms: fp, precision: ratio(tp, warnings),
    recall: ratio(perType.reduce((s, r) => s + r.warned, 0), truth.victims.length),
    falseAlarmRulesTop: [...fpRules].sort((a, b) => b[1] - a[1]).slice(0, 8), perType, byLevel: [], warmupDays: options.warmupDays ?? 0,
  };
}

/** Warned strictly before the first loss. The truth keeps whole seconds, so a warning in the same second — the
 * decision on the very transfer that moved the money — counts as after it: it saves nothing. */
export const beforeLoss = (warnedAt: number, firstLossAt: string) => Math.floor(warnedAt / 1000) * 1000 < Date.parse(firstLossAt);
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
export function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
}
