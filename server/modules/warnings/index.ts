// The warnings module's public surface for other modules.
export { warningOpenedFacts, warningsBehind, ageBandSql, dayBounds, rowsOf, type DailyFact, type BehindFilter, type BehindRow } from './facts.ts';
export { routeSubject, type Placement } from './service.ts';
