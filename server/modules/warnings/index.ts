// The warnings module's public surface for other modules (minimal: what they use).
export { getWarning, listWarnings } from './service.ts';
// The warnings module's public surface for other modules.
export {
  warningOpenedFacts,
  warningClosedFacts,
  closedWarnings,
  unitsOfWarnings,
  textArray,
  warningsBehind,
  ageBandSql,
  dayBounds,
  rowsOf,
  type DailyFact,
  type BehindFilter,
  type BehindRow,
  type ClosedWarning,
} from './facts.ts';
export { routeSubject, type Placement } from './service.ts';
export type { WarningRoute } from './schema.ts';
export { MERGED } from './merge.ts';
export { GENERATED_HIT_REASON, GENERATED_SUMMARY } from './texts.ts';
export { type WarningEvidence, upsertWarning, upsertWarnings } from './service.ts';
// The warning row as the dissuasion workflow reads and moves it (status, unit, closure are the workflow's).
export {
  findOpenBySubjects,
  findWarning,
  lockWarnings,
  updateStatuses,
  updateWarning,
  type WarningWithUnit,
} from './service.ts';
export { closedWarningOutcomes, warningEvidence, type WarningOutcome } from './outcomes.ts';
export type { WarningSubject } from './schema.ts';
// detection's merges of one person's warnings, and the open engine warnings it keys by subject
export { mergeWarnings, openWarningsByKey, survivorOf, type Merge } from './merge.ts';
export { openEngineWarningKeys } from './service.ts';
// the warning rows as the dissuasion workflow locks, sweeps and counts them
export { lockWarning, newWarningIds, warningsByIds, closedWarningsOfSubject, closedCountsByUnit } from './service.ts';
