// The risk engine as the evaluation's Decider, with the intelligence loop's indicators going on its block lists
// the way an analyst would add them after 研判 (source 96110, the case's fraud type, the report as the reason).
import type { Engine } from '../engine/index.ts';
import type { Decider } from './evaluate.ts';

export const INTEL_SOURCE = '96110研判';

export function engineDecider(engine: Engine): Decider {
  return {
    decide: (e) => engine.decide(e),
    closeWarning: (subjectId, closedAt) => engine.closeWarning(subjectId, closedAt),
    learn(indicators) {
      engine.indicators.addMany(
        indicators.map((x) => ({
          kind: x.kind,
          value: x.value,
          list: 'block' as const,
          source: INTEL_SOURCE,
          reason: `96110 报案 ${x.reportId}`,
          fraudType: x.fraudType,
          confidence: 90,
        })),
      );
    },
  };
}
