// Precision prevention (精准宣防): the public surface.
export { preventionRoutes } from './routes.ts';
export { listRiskGroups, recordCaseSignal, type CaseRecordedLike } from './service.ts';
export { riskGroups, ageBand, AGE_BANDS, type AgeBand, type RiskGroup } from './risk.ts';
export { launchCampaign, sendCampaignBatch, getCampaign, listCampaigns, optOut } from './campaigns.ts';
export { preventionFacts } from './facts.ts';
export { loadDemoCampaign } from './demo.ts';
