// Fitting rule weights from labelled outcomes (pure, no I/O). A closed warning is a labelled example: 劝阻成功 and
// 已被骗 say the warning was a real fraud (true), 误报 says it was not (false); other dispositions (无法联系, 拒绝配合)
// say nothing and are left out. Logistic regression of the label on each rule's score in the warning (score/100):
// where the weights are calibrated every rule's coefficient equals the slope of the total score alone, so a rule's
// factor is its coefficient over that pooled slope — above 1 the rule's hits are more often real than its weight
// says, below 1 less. Factors are bounded and only given for rules with enough examples; the result is a DRAFT
// configuration (every weight of the sections the rule reads scaled), which a person backtests and publishes.
import type { EngineConfig } from '../engine/index.ts';

export interface LabelledWarning {
  hits: readonly { ruleId: string; score: number }[];
  fraud: boolean;
}

export interface RuleFit {
  ruleId: string;
  /** warnings in which the rule fired, and how many of them were real */
  n: number;
  positives: number;
  coefficient: number;
  /** multiplier for the rule's weights (1 when too few examples) */
  factor: number;
}

export interface FitResult {
  examples: number;
  positives: number;
  /** slope of the total score alone (the current weights taken as they are) */
  pooledSlope: number;
  rules: RuleFit[];
}

export interface FitOptions {
  /** L2 penalty pulling each rule's coefficient towards the pooled slope */
  l2?: number;
  minExamples?: number;
  minFactor?: number;
  maxFactor?: number;
  iterations?: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Newton-free gradient descent on the (small, convex) penalised log-loss; deterministic. */
function logistic(x: number[][], y: number[], prior: number[], l2: number, iterations: number): number[] {
  const d = prior.length; // weights[0] = intercept (not penalised)
  const w = [0, ...prior.slice(1)];
  const n = x.length;
  let rate = 1;
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      let z = w[0]!;
      for (let k = 1; k < d; k++) z += w[k]! * xi[k - 1]!;
      const e = sigmoid(z) - y[i]!;
      g[0]! += e;
      for (let k = 1; k < d; k++) g[k]! += e * xi[k - 1]!;
    }
    for (let k = 0; k < d; k++) {
      const pen = k === 0 ? 0 : l2 * (w[k]! - prior[k]!);
      w[k]! -= (rate * (g[k]! / n + pen / n)) as number;
    }
    if (it === iterations / 2) rate = 0.5;
  }
  return w;
}

export function fitRuleWeights(examples: readonly LabelledWarning[], opts: FitOptions = {}): FitResult {
  const l2 = opts.l2 ?? 1,
    minExamples = opts.minExamples ?? 5,
    lo = opts.minFactor ?? 0.5,
    hi = opts.maxFactor ?? 2,
    iterations = opts.iterations ?? 2000;
  const ruleIds = [...new Set(examples.flatMap((e) => e.hits.map((h) => h.ruleId)))].sort();
  const col = new Map(ruleIds.map((r, i) => [r, i]));
  const y = examples.map((e) => (e.fraud ? 1 : 0));
  const positives = y.reduce((a: number, b) => a + b, 0);
  const rows = examples.map((e) => {
    const v = new Array<number>(ruleIds.length).fill(0);
    for (const h of e.hits) v[col.get(h.ruleId)!]! += h.score / 100;
    return v;
  });
  // the pooled slope: one feature, the total score
  const total = rows.map((v) => [v.reduce((a, b) => a + b, 0)]);
  const pooled =
    examples.length && positives > 0 && positives < examples.length ? logistic(total, y, [0, 0], 0, iterations)[1]! : 0;
  const w = examples.length ? logistic(rows, y, [0, ...ruleIds.map(() => pooled)], l2, iterations) : [0];
  const rules: RuleFit[] = ruleIds.map((ruleId, i) => {
    let n = 0,
      pos = 0;
    rows.forEach((v, j) => {
      if (v[i]! > 0) {
        n++;
        pos += y[j]!;
      }
    });
    const coefficient = w[i + 1]!;
    const raw = pooled > 0 ? coefficient / pooled : 1;
    const factor = n < minExamples || pooled <= 0 ? 1 : Math.round(Math.min(hi, Math.max(lo, raw)) * 100) / 100;
    return { ruleId, n, positives: pos, coefficient: Math.round(coefficient * 1000) / 1000, factor };
  });
  return { examples: examples.length, positives, pooledSlope: Math.round(pooled * 1000) / 1000, rules };
}

const WEIGHT_KEY = /weight|bonus/i;

/**
 * A draft configuration: every weight-like number (keys with "weight" or "bonus") of the sections a rule reads,
 * scaled by the rule's factor (a section read by several fitted rules takes the mean of their factors). Thresholds,
 * windows and levels are untouched.
 */
export function applyFactors(
  config: EngineConfig,
  fit: FitResult,
  sectionsOf: (ruleId: string) => readonly string[],
): { config: EngineConfig; changed: { path: string; before: number; after: number }[] } {
  const bySection = new Map<string, number[]>();
  for (const r of fit.rules)
    if (r.factor !== 1)
      for (const s of sectionsOf(r.ruleId)) (bySection.get(s) ?? bySection.set(s, []).get(s)!).push(r.factor);
  const out = structuredClone(config) as unknown as Record<string, unknown>;
  const changed: { path: string; before: number; after: number }[] = [];
  for (const [section, fs] of [...bySection].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const f = fs.reduce((a, b) => a + b, 0) / fs.length;
    const scale = (obj: Record<string, unknown>, path: string) => {
      for (const [k, v] of Object.entries(obj)) {
        if (typeof v === 'number' && WEIGHT_KEY.test(k)) {
          const after = Math.max(0, Math.min(1000, Math.round(v * f)));
          if (after !== v) {
            obj[k] = after;
            changed.push({ path: `${path}/${k}`, before: v, after });
          }
        } else if (v && typeof v === 'object' && !Array.isArray(v)) scale(v as Record<string, unknown>, `${path}/${k}`);
      }
    };
    const sec = out[section];
    if (sec && typeof sec === 'object' && !Array.isArray(sec)) scale(sec as Record<string, unknown>, `/${section}`);
  }
  return { config: out as unknown as EngineConfig, changed };
}
