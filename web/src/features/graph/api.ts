import type { Static } from 'typebox';
import type {
  FlowResponse,
  GangResponse,
  MuleHandoffResponse,
  MuleResponse,
  NeighbourhoodResponse,
  RelatedResponse,
} from '../../../../contract/graph.ts';
import { api } from '../../api/client.ts';

export const graphApi = {
  neighbourhood: (kind: string, value: string, hops = 1, purpose?: string) =>
    api.get<NeighbourhoodResponse>('/api/v1/graph/neighbourhood', { kind, value, hops }, purpose),
  related: (caseId: string, purpose?: string) =>
    api.get<RelatedResponse>(`/api/v1/cases/${encodeURIComponent(caseId)}/related`, undefined, purpose),
  flow: (caseId: string, depth: number, rule: 'lifo' | 'proportional', purpose?: string) =>
    api.get<FlowResponse>(`/api/v1/cases/${encodeURIComponent(caseId)}/flow`, { depth, rule }, purpose),
  mules: (minScore: number) => api.get<Static<typeof MuleResponse>>('/api/v1/mules', { minScore }),
  gangs: (minSize: number, purpose?: string) => api.get<GangResponse>('/api/v1/graph/gangs', { minSize }, purpose),
  /** a flagged mule (its ref, or the account number) to the indicator block list and/or the 两卡 registry */
  handoff: (account: string, targets: ('block_list' | 'cards')[]) =>
    api.post<MuleHandoffResponse>('/api/v1/mules/handoff', { account, targets }),
  decide: (caseId: string, other: { caseId?: string; warningId?: string }, decision: 'confirmed' | 'rejected') =>
    api.post(`/api/v1/cases/${encodeURIComponent(caseId)}/links`, { ...other, decision }),
  /** The orders module's route (issue: cases & orders): one stop-payment / freeze order per account. */
  order: (caseId: string, kind: 'stop_payment' | 'freeze', account: string, amount?: number) =>
    api.post('/api/v1/orders', { caseId, kind, account, amount }),
};
