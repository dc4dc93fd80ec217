import { describe, expect, it } from 'vitest';
import {
  addDays,
  change,
  comparePeriods,
  kpiValue,
  KPI_DEFS,
  minusYear,
  rankUnits,
  refId,
  validateWeights,
} from './metrics.ts';

const def = (key: string) => KPI_DEFS.find((d) => d.key === key)!;
const ctx = { lastDay: null, firstDay: null, periodEnd: '2026-06-30' };

describe('periods', () => {
  it('同比 is the same dates a year earlier; 环比 the equal-length period before', () => {
    expect(comparePeriods({ from: '2026-06-01', to: '2026-06-30' })).toEqual({
      yoy: { from: '2025-06-01', to: '2025-06-30' },
      pop: { from: '2026-05-02', to: '2026-05-31' },
    });
    expect(comparePeriods({ from: '2026-03-01', to: '2026-03-01' }).pop).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
    });
    expect(minusYear('2028-02-29')).toBe('2027-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('change in percent, null without a base', () => {
    expect(change(63, 100)).toBe(-37);
    expect(change(5, 0)).toBeNull();
    expect(change(null, 5)).toBeNull();
  });
});

describe('KPI values', () => {
  it('sums, ratios and days since', () => {
    const sums = new Map([
      [refId({ metric: 'warnings_opened' }), 10],
      [refId({ metric: 'warnings_opened', dim: 'level', key: 'high' }), 4],
      [refId({ metric: 'high_visited' }), 19],
      [refId({ metric: 'high_closed' }), 20],
    ]);
    expect(kpiValue(def('warnings_opened'), sums, ctx)).toBe(10);
    expect(kpiValue(def('warnings_high'), sums, ctx)).toBe(4);
    expect(kpiValue(def('face_to_face_rate'), sums, ctx)).toBe(95);
    expect(kpiValue(def('closed_in_time_rate'), sums, ctx)).toBeNull(); // nothing closed: no rate, not 0 %
    expect(kpiValue(def('days_since_after_warning_victim'), sums, { ...ctx, lastDay: '2025-05-26' })).toBe(400);
    expect(kpiValue(def('days_since_after_warning_victim'), sums, { ...ctx, firstDay: '2026-06-01' })).toBe(29);
  });
});

describe('ranking', () => {
  it('scales each criterion across units, weights, and shares ranks on ties', () => {
    const r = rankUnits(
      [
        { unitId: 'a', values: { closed_in_time_rate: 90, after_warning_victims: 0 } },
        { unitId: 'b', values: { closed_in_time_rate: 70, after_warning_victims: 2 } },
        { unitId: 'c', values: { closed_in_time_rate: 90, after_warning_victims: 0 } },
        { unitId: 'd', values: { closed_in_time_rate: null, after_warning_victims: 1 } },
      ],
      { closed_in_time_rate: 50, after_warning_victims: 50 },
    );
    expect(r.map((x) => [x.unitId, x.score, x.rank])).toEqual([
      ['a', 100, 1],
      ['c', 100, 1],
      ['d', 25, 3],
      ['b', 0, 4],
    ]);
  });
  it('validates weights', () => {
    expect(validateWeights({ closed_in_time_rate: 10 })).toEqual([]);
    expect(validateWeights({ nope: 10 })).toHaveLength(1);
    expect(validateWeights({ defrauded: 101 })).toHaveLength(1);
    expect(validateWeights({ defrauded: 0 })).toHaveLength(1);
  });
});

describe('per 10,000 residents', () => {
  it('scales a sum by the population of the unit; no population → null', async () => {
    const { kpiValue } = await import('./metrics.ts');
    const d = {
      key: 'prevention_coverage',
      kind: 'per10k',
      of: { metric: 'prevention_reached' },
      unit: 'per10k',
    } as const;
    const sums = new Map([['prevention_reached|all|', 150]]);
    const ctx = { lastDay: null, firstDay: null, periodEnd: '2026-12-01' };
    expect(kpiValue(d, sums, { ...ctx, population: 30_000 })).toBe(50);
    expect(kpiValue(d, sums, { ...ctx, population: 0 })).toBeNull();
    expect(kpiValue(d, sums, ctx)).toBeNull();
  });
});
