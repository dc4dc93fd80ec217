// The stats module's public surface: routes, the roll-up rebuild and refresher, and fact sources for modules that land later.
export { statsRoutes } from './routes.ts';
export { rebuild as rebuildStats, registerFactSource, shanghaiDay, type FactSource } from './rollup.ts';
export { startStatsRefresher, generateDueReports } from './schedule.ts';
export { generateReport } from './service.ts';
export { backfillDemoHistory } from './demo.ts';
