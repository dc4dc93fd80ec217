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
    it(`${s}: precision ≥ 0.5 and recall ≥ 0.6 (the aim of 0.8 is not reached: see docs/benchmarks.md)`, () => {
      const { flagged, nodes } = detectAmlsim(
        readFileSync(join(dir, s, 'nodes.csv'), 'utf8'),
        readFileSync(join(dir, s, 'transactions.csv'), 'utf8'),
      );
      const pr = precisionRecall(flagged, nodes.fraud);
      expect(pr.precision).toBeGreaterThanOrEqual(0.5);
      expect(pr.recall).toBeGreaterThanOrEqual(0.6);
    }, 60_000);
  }
});
