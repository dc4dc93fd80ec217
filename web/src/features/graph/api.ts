import type { Static } from 'typebox';
import type {
  FlowResponse,
  GangResponse,
  MuleHandoffResponse,
  MuleResponse,
  NeighbourhoodResponse,
  RelatedResponse,
} from '../../../../contract/graph.ts';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';

export const graphApi = {
  /** a flagged mule (its ref, or the account number) to the indicator block list and/or the 两卡 registry */
  handoff: (account: string, targets: ('block_list' | 'cards')[]) =>
    api.post<MuleHandoffResponse>('/api/v1/mules/handoff', { account, targets }),
  decide: (caseId: string, other: { caseId?: string; warningId?: string }, decision: 'confirmed' | 'rejected') =>
    api.post(`/api/v1/cases/${encodeURIComponent(caseId)}/links`, { ...other, decision }),
  /** The orders module's route (issue: cases & orders): one stop-payment / freeze order per account. */
  order: (caseId: string, kind: 'stop_payment' | 'freeze', account: string, amount?: number) =>
    api.post('/api/v1/orders', { caseId, kind, account, amount }),
};

// The graph's reads under ['graph', …]: a link decided or a mule handed on invalidates ['graph']. `purpose`
// given: identifiers in full, the read audited with it.
export const graphQueries = {
  neighbourhood: (kind: string, value: string, hops = 1, purpose?: string) =>
    queryOptions({
      queryKey: ['graph', 'neighbourhood', kind, value, hops, purpose ?? null],
      queryFn: getJson<NeighbourhoodResponse>('/api/v1/graph/neighbourhood', { kind, value, hops }, purpose),
    }),
  related: (caseId: string, purpose?: string) =>
    queryOptions({
      queryKey: ['graph', 'related', caseId, purpose ?? null],
      queryFn: getJson<RelatedResponse>(`/api/v1/cases/${encodeURIComponent(caseId)}/related`, undefined, purpose),
    }),
  flow: (caseId: string, depth: number, rule: 'lifo' | 'proportional', purpose?: string) =>
    queryOptions({
      queryKey: ['graph', 'flow', caseId, depth, rule, purpose ?? null],
      queryFn: getJson<FlowResponse>(`/api/v1/cases/${encodeURIComponent(caseId)}/flow`, { depth, rule }, purpose),
    }),
  mules: (minScore: number) =>
    queryOptions({
      queryKey: ['graph', 'mules', minScore],
      queryFn: getJson<Static<typeof MuleResponse>>('/api/v1/mules', { minScore }),
    }),
  gangs: (minSize: number, purpose?: string) =>
    queryOptions({
      queryKey: ['graph', 'gangs', minSize, purpose ?? null],
      queryFn: getJson<GangResponse>('/api/v1/graph/gangs', { minSize }, purpose),
    }),
};
