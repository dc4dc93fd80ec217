// The graph module's public surface: same-source analysis (串并案), money flow, mules, gangs.
// Event handlers (case.recorded / case.updated / warning.opened / statement.received) are wired as the durable
// subscriber 'graph' (subscribers.ts) once the events platform is on main.
export { graphRoutes } from './routes.ts';
export {
  onCaseRecorded,
  onWarningOpened,
  onWarningClosed,
  onStatementReceived,
  personHistory,
  relatedToCase,
  caseFlow,
  listMules,
  listGangs,
  neighbourhood,
  decideLink,
  configureGraph,
  DEFAULT_GRAPH_CONFIG,
  type GraphConfig,
} from './service.ts';
export type { CaseRecordedPayload, WarningOpenedPayload, StatementReceivedPayload } from './events.ts';
export { traceFlow, TxStore, type FlowResult, type Attribution } from './flow.ts';
export { scoreMules, type MuleScore } from './mules.ts';
export { discoverGangs, EntityIndex } from './related.ts';
