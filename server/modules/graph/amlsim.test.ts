// Mule detection against AMLSim samples (third-party data, /work/shared/data/amlsim or $AMLSIM_DIR).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectAmlsim, precisionRecall } from './amlsim.ts';

const dir = process.env.AMLSIM_DIR ?? '/work/shared/data/amlsim';
const samples = existsSync(dir) ? readdirSync(dir).filter((d) => existsSync(join(dir, d, 'nodes.csv'))) : [];
if (samples.length === 0)
  console.warn(`AMLSim samples not found in ${dir}: mule-detection quality test skipped (set AMLSIM_DIR)`);

describe.skipIf(samples.length === 0)('AMLSim mule detection', () => {
  for (const s of samples) {
    it(`${s}: precision ≥ 0.9 and recall ≥ 0.62 at score 50; more recall at 35 (the aim of 0.8 is not reached: see docs/benchmarks.md)`, () => {
      const { flagged, nodes } = detectAmlsim(
        readFileSync(join(dir, s, 'nodes.csv'), 'utf8'),
        readFileSync(join(dir, s, 'transactions.csv'), 'utf8'),
      );
      const pr = precisionRecall(flagged, nodes.fraud);
      expect(pr.precision).toBeGreaterThanOrEqual(0.9);
      expect(pr.recall).toBeGreaterThanOrEqual(0.62);
      // the recall-oriented operating point (--min-score 35): more recall, precision still ≥ 0.5
      const low = detectAmlsim(
        readFileSync(join(dir, s, 'nodes.csv'), 'utf8'),
        readFileSync(join(dir, s, 'transactions.csv'), 'utf8'),
        35,
      );
      const pr35 = precisionRecall(low.flagged, low.nodes.fraud);
      console.log(
        `[amlsim] ${s}: ≥50 P ${pr.precision.toFixed(3)} R ${pr.recall.toFixed(3)}; ≥35 P ${pr35.precision.toFixed(3)} R ${pr35.recall.toFixed(3)}`,
      );
      expect(pr35.precision).toBeGreaterThanOrEqual(0.5);
      expect(pr35.recall).toBeGreaterThan(pr.recall);
    }, 60_000);
  }
});
