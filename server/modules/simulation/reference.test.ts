// The simulator's distributions against the published figures they cite, read from
// ../shared/data/reference/fraud_stats_published.csv (third-party data: read in place, never copied into the
// repository). Skips, saying why, where that folder is absent. The figures are parsed from the file, so a
// corrected or updated figure there shows up here as a failure until distributions.ts follows it.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FRAUD_TYPE_CASE_SHARES, VICTIM_AGE_BANDS } from './distributions.ts';
import { createSimulation } from './generate.ts';

const csv = fileURLToPath(new URL('../../../../shared/data/reference/fraud_stats_published.csv', import.meta.url));
const present = existsSync(csv);
if (!present)
  console.info(`reference.test.ts: skipped, ${csv} not found (the shared reference data sits beside the checkout)`);

interface Row {
  region: string;
  period: string;
  metric: string;
  value: string;
  source: string;
}
function rows(): Row[] {
  return readFileSync(csv, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const c = line.split(',');
      // metric may in principle hold a comma: region, period first; value, source last
      return { region: c[0]!, period: c[1]!, metric: c.slice(2, -2).join(','), value: c.at(-2)!, source: c.at(-1)! };
    });
}
/** "~80%" → 0.8, "~1/3" → 0.333…, "62.1%" → 0.621, "37" → 37 */
function num(v: string): number {
  const s = v.replace(/^~/, '').trim();
  const frac = /^(\d+)\/(\d+)$/.exec(s);
  if (frac) return Number(frac[1]) / Number(frac[2]);
  return s.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s);
}
function figure(metric: RegExp): { value: number; approx: boolean; source: string } {
  const r = rows().filter((x) => x.region === 'CN' && metric.test(x.metric));
  if (r.length !== 1) throw new Error(`expected one CN row for ${metric}, found ${r.length}`);
  return { value: num(r[0]!.value), approx: r[0]!.value.startsWith('~'), source: r[0]!.source };
}

// the published five types, named as the press release names them → the simulator's codes
const FIVE: Record<string, string> = {
  刷单返利: 'brushing_rebate',
  虚假投资理财: 'fake_investment',
  虚假网络贷款: 'fake_loan',
  冒充客服: 'fake_customer_service',
  冒充公检法: 'impersonate_authority',
};

describe.skipIf(!present)(
  'distributions.ts against fraud_stats_published.csv (skips without ../shared/data/reference)',
  () => {
    const sim = createSimulation({ seed: 8, people: 20_000, days: 30, targetsPer1000: 100, background: false });
    const victims = sim.truth.victims;
    const ages = victims.map((v) => sim.population[v.person]!.age);
    const ageShare = (lo: number, hi: number) => ages.filter((a) => a >= lo && a <= hi).length / ages.length;
    const totalShare = Object.values(FRAUD_TYPE_CASE_SHARES).reduce((a, b) => a + b, 0);

    it('every source distributions.ts cites as published is a row of the file', () => {
      const text = readFileSync(fileURLToPath(new URL('./distributions.ts', import.meta.url)), 'utf8');
      const cited = [...text.matchAll(/([\u4e00-\u9fff]{2,}) (\d{4}-\d{2}-\d{2})/g)].map((m) => `${m[1]} ${m[2]}`);
      expect(cited.length).toBeGreaterThanOrEqual(2);
      const sources = rows().map((r) => r.source);
      for (const c of new Set(cited))
        expect(
          sources.some((s) => s.startsWith(c)),
          c,
        ).toBe(true);
    });

    it("victims' ages: the bands are the published ones, and the simulated victims have the published mean and bands", () => {
      const mean = figure(/^victim mean age$/);
      const young = figure(/^victims aged 18-40$/);
      const middle = figure(/^victims aged 41-65$/);
      expect(VICTIM_AGE_BANDS.find((b) => b.min === 18 && b.max === 40)!.share).toBeCloseTo(young.value, 3);
      expect(VICTIM_AGE_BANDS.find((b) => b.min === 41 && b.max === 65)!.share).toBeCloseTo(middle.value, 3);
      expect(victims.length).toBeGreaterThan(1500);
      // types with their own ages (征信, 游戏, 婚恋…) move the mix a little: within a year and three points
      expect(Math.abs(ages.reduce((a, b) => a + b, 0) / ages.length - mean.value)).toBeLessThan(1);
      expect(Math.abs(ageShare(18, 40) - young.value)).toBeLessThan(0.03);
      expect(Math.abs(ageShare(41, 65) - middle.value)).toBeLessThan(0.03);
    });

    it('case shares: 刷单返利 ≈ 1/3 and the five big types ≈ 80%, in the table and in the simulated cases', () => {
      const brushing = figure(/^刷单返利 share of cases$/);
      const five = figure(/^share of cases: 5 types/);
      const names = /\(([^)]*)\)/
        .exec(rows().find((r) => /^share of cases: 5 types/.test(r.metric))!.metric)![1]!
        .split('/');
      expect(names.map((n) => FIVE[n])).toEqual(Object.values(FIVE)); // the file names the same five types
      const tol = (f: { approx: boolean }) => (f.approx ? 0.02 : 0.005); // "~" figures are rounded
      const tableShare = (codes: string[]) => codes.reduce((s, c) => s + FRAUD_TYPE_CASE_SHARES[c]!, 0) / totalShare;
      expect(Math.abs(tableShare(['brushing_rebate']) - brushing.value)).toBeLessThan(tol(brushing));
      expect(Math.abs(tableShare(Object.values(FIVE)) - five.value)).toBeLessThan(tol(five));
      const simShare = (codes: string[]) => victims.filter((v) => codes.includes(v.fraudType)).length / victims.length;
      expect(Math.abs(simShare(['brushing_rebate']) - brushing.value)).toBeLessThan(tol(brushing) + 0.01);
      expect(Math.abs(simShare(Object.values(FIVE)) - five.value)).toBeLessThan(tol(five) + 0.01);
    });

    it("虚假投资理财 ≈ 1/3 of the money lost, from the scripts' amounts", () => {
      const inv = figure(/^虚假投资理财 share of money lost$/);
      const total = victims.reduce((s, v) => s + v.totalLoss, 0);
      const share =
        victims.filter((v) => v.fraudType === 'fake_investment').reduce((s, v) => s + v.totalLoss, 0) / total;
      expect(Math.abs(share - inv.value)).toBeLessThan(0.06); // amounts are drawn at random: a few points either way
    });
  },
);
