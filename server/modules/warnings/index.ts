// The warnings module's public surface for other modules (minimal: what they use).
export { getWarning, listWarnings } from './service.ts';
// The warnings module's public surface for other modules.
export {
  warningOpenedFacts,
  warningsBehind,
  ageBandSql,
  dayBounds,
  rowsOf,
  type DailyFact,
  type BehindFilter,
  type BehindRow,
} from './facts.ts';
export { routeSubject, type Placement } from './service.ts';
export { closedWarningOutcomes, warningEvidence, type WarningOutcome } from './outcomes.ts';
