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
export { MERGED, mergeWarnings, openWarningsByKey, survivorOf } from './merge.ts';
export type { Merge } from './merge.ts';
export type { WarningWithUnit } from './repository.ts';
export { warnings } from './schema.ts';
export type { WarningRoute, WarningSubject } from './schema.ts';
export { upsertWarning, upsertWarnings } from './service.ts';
export type { WarningEvidence } from './service.ts';
