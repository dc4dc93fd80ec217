// 劝返 (persuading people stranded abroad in fraud hubs to return): the public surface.
export { returnsRoutes } from './routes.ts';
export { returnsFacts, returnsSummary, RETURNS_METRICS } from './facts.ts';
export { loadDemoReturns } from './demo.ts';
export { RETURN_STATUSES, returnRate, type ReturnStatus } from './lifecycle.ts';
