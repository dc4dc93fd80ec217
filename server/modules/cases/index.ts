// The cases module's public surface: other modules import only this file.
export { assertCaseVisible, caseOwner, getCaseForActor, presentSummary } from './service.ts';
export type { CaseRecorded, CaseRecordedPayment, CaseEvents, CaseEventName } from './events.ts';
export { caseRoutes } from './routes.ts';
export { casesOptionsFromEnv, type CasesOptions } from './runtime.ts';
export { DEFAULT_CHAIN_CONFIG, TRANSITIONS as CASE_TRANSITIONS, type ChainConfig } from './chain.ts';
export { recordDemoCase, type DemoCaseReport } from './demo.ts';
export { caseNarrative, deidentifyNarrative } from './narrative.ts';
