import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type EngineConfig } from '../engine/index.ts';
import { applyFactors, fitRuleWeights, type LabelledWarning } from './fit.ts';

// a deterministic mix: rule "good" fires on real frauds, rule "noisy" mostly on false alarms, "rare" twice
function examples(): LabelledWarning[] {
  const out: LabelledWarning[] = [];
  for (let i = 0; i < 60; i++) out.push({ hits: [{ ruleId: 'good', score: 40 }], fraud: i % 10 !== 0 });
  for (let i = 0; i < 60; i++) out.push({ hits: [{ ruleId: 'noisy', score: 40 }], fraud: i % 10 < 3 });
  for (let i = 0; i < 40; i++)
    out.push({
      hits: [
        { ruleId: 'good', score: 40 },
        { ruleId: 'noisy', score: 40 },
      ],
      fraud: i % 4 !== 0,
    });
  out.push(
    { hits: [{ ruleId: 'rare', score: 30 }], fraud: true },
    { hits: [{ ruleId: 'rare', score: 30 }], fraud: false },
  );
  return out;
}

describe('fitRuleWeights', () => {
  it('raises a rule whose hits are mostly real and lowers one whose hits are mostly false alarms', () => {
    const fit = fitRuleWeights(examples());
    expect(fit.examples).toBe(162);
    const by = Object.fromEntries(fit.rules.map((r) => [r.ruleId, r]));
    expect(by.good!.n).toBe(100);
    expect(by.good!.factor).toBeGreaterThan(1);
    expect(by.noisy!.factor).toBeLessThan(1);
    expect(by.noisy!.factor).toBeGreaterThanOrEqual(0.5); // bounded
    expect(by.rare!.factor).toBe(1); // too few examples: left alone
    expect(fitRuleWeights(examples())).toEqual(fit); // deterministic
  });

  it('changes nothing without both kinds of outcome', () => {
    const fit = fitRuleWeights(examples().map((e) => ({ ...e, fraud: true })));
    expect(fit.rules.every((r) => r.factor === 1)).toBe(true);
    expect(fitRuleWeights([]).rules).toEqual([]);
  });

  it('applies factors to the weights of the sections a rule reads, leaving thresholds alone, as a valid draft', () => {
    const fit = {
      examples: 10,
      positives: 5,
      pooledSlope: 1,
      rules: [
        { ruleId: 'listed_account', n: 10, positives: 9, coefficient: 1.5, factor: 1.5 },
        { ruleId: 'loan_burst', n: 10, positives: 2, coefficient: 0.5, factor: 0.5 },
        { ruleId: 'other', n: 10, positives: 5, coefficient: 1, factor: 1 },
      ],
    };
    const sections: Record<string, string[]> = { listed_account: ['listedAccount'], loan_burst: ['loans'] };
    const { config, changed } = applyFactors(DEFAULT_CONFIG, fit, (r) => sections[r] ?? []);
    const c = config as EngineConfig & Record<string, Record<string, number>>;
    const d = DEFAULT_CONFIG as EngineConfig & Record<string, Record<string, number>>;
    expect(c.listedAccount!.weight).toBe(Math.round(d.listedAccount!.weight! * 1.5));
    expect(c.loans!.weight).toBe(Math.round(d.loans!.weight! * 0.5));
    expect(c.loans!.cashoutWeight).toBe(Math.round(d.loans!.cashoutWeight! * 0.5));
    expect(c.loans!.minCount).toBe(d.loans!.minCount); // a threshold, not a weight
    expect(changed.map((x) => x.path)).toContain('/loans/weight');
    expect(DEFAULT_CONFIG.listedAccount.weight).toBe(d.listedAccount!.weight); // input not mutated
    expect(validateConfig(config)).toEqual([]);
  });
});
