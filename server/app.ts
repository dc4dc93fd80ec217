import { buildApp, type AppDeps, type RouteModule } from './platform/http/app.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { actorFromApiToken, actorFromSession } from './modules/auth/index.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { tokenRoutes } from './modules/tokens/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { residentRoutes } from './modules/residents/routes.ts';
import { warningRoutes } from './modules/warnings/routes.ts';
import { dissuasionRoutes } from './modules/dissuasion/routes.ts';
import { dissuasionPlugin } from './modules/dissuasion/plugin.ts';
import { indicatorRoutes } from './modules/indicators/routes.ts';
import { ruleRoutes } from './modules/rules/routes.ts';
import { fraudTypeRoutes } from './modules/fraud-types/routes.ts';
import { ingestRoutes } from './modules/ingest/routes.ts';
import { caseRoutes } from './modules/cases/routes.ts';
import { graphRoutes } from './modules/graph/routes.ts';
import { orderRoutes, ordersOfCase } from './modules/orders/index.ts';
import { cardRoutes } from './modules/cards/index.ts';
import { preventionRoutes } from './modules/prevention/index.ts';
import { knowledgeRoutes } from './modules/knowledge/index.ts';
import { reviewRoutes } from './modules/reviews/index.ts';
import { statsRoutes } from './modules/stats/index.ts';
import { publicRoutes } from './modules/public/index.ts';
import { returnsRoutes } from './modules/returns/index.ts';

// Every module's routes, in one list: adding a module means adding its routes here (docs/ARCHITECTURE.md).
export const ROUTE_MODULES: RouteModule[] = [
  healthRoutes,
  authRoutes,
  orgRoutes,
  userRoutes,
  tokenRoutes,
  auditRoutes,
  residentRoutes,
  warningRoutes,
  dissuasionPlugin, // decorates the app with the workflow (app.dissuasion) before the routes that use it
  dissuasionRoutes,
  indicatorRoutes,
  ruleRoutes,
  fraudTypeRoutes,
  ingestRoutes,
  caseRoutes,
  graphRoutes,
  orderRoutes,
  cardRoutes,
  preventionRoutes,
  knowledgeRoutes,
  statsRoutes,
  publicRoutes,
  reviewRoutes,
  returnsRoutes,
];

// `extra`: routes that exist only in some runs (the live demo's clock, server/main.ts --demo)
// Ports between modules are wired here, once for every app (tests included): a case shows its orders; platform's
// request hook learns who is calling from auth.
export const createApp = (deps: AppDeps, extra: RouteModule[] = []) =>
  buildApp({ ...deps, cases: { ordersOfCase, ...deps.cases } }, [...ROUTE_MODULES, ...extra], {
    fromApiToken: actorFromApiToken,
    fromSession: actorFromSession,
  });
