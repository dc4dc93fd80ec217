// The public module's public surface for other modules.
import type { Db } from '../../platform/db/index.ts';
import { dailyFacts } from './repository.ts';

/** Daily figures for stats: public reports (by kind, channel) and 96110 desk calls (by topic, outcome). */
export const publicFacts = (db: Db, from: string, to: string) => dailyFacts(db, from, to);
export { publicRoutes } from './routes.ts';
export { configurePublic } from './service.ts';
