import type { Static } from 'typebox';
import type {
  CaseDetail,
  CaseSummary,
  Countdown,
  NewCase,
  ChainAction,
  CaseAdditions,
  BankOfAccount,
  EvidenceAdded,
  NewSuspect,
  SuspectUpdate,
} from '../../../../contract/cases.ts';
import { queryOptions } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';
import { uploadFile } from '../../api/upload.ts';

export type CaseListItem = CaseSummary & { countdown: Static<typeof Countdown> | null };
export type { CaseDetail, NewCase };
export type SuspectRole = Static<typeof NewSuspect>['role'];
export type SuspectStatus = Static<typeof SuspectUpdate>['status'];

export const casesApi = {
  list: (q: Query) => api.get<{ items: CaseListItem[]; total: number }>('/api/v1/cases', q),
  create: (body: NewCase) => api.post<CaseSummary & { id: string }>('/api/v1/cases', body),
  advance: (id: string, body: ChainAction) => api.post<CaseDetail>(`/api/v1/cases/${id}/chain`, body),
  add: (id: string, body: CaseAdditions) => api.post<CaseDetail>(`/api/v1/cases/${id}/payments`, body),
  addSuspect: (id: string, body: Static<typeof NewSuspect>) =>
    api.post<{ id: string }>(`/api/v1/cases/${id}/suspects`, body),
  suspectStatus: (id: string, sid: string, status: SuspectStatus) =>
    api.post(`/api/v1/cases/${id}/suspects/${sid}/status`, { status }),
  transfer: (id: string, eid: string, toCustodian: string) =>
    api.post(`/api/v1/cases/${id}/evidence/${eid}/transfer`, { toCustodian }),
  bankOf: (account: string) => api.get<BankOfAccount>('/api/v1/cases/bank-of', { account }),
  upload: (id: string, file: File, kind: string) =>
    uploadFile<EvidenceAdded>(`/api/v1/cases/${id}/evidence`, file, { fields: { kind } }),
};

/** One case, under ['cases', …] so every change to a case (and intake) invalidates it with the list. `purpose`
 * given: the personal data in full, the read audited with it. */
export const caseQuery = (id: string, purpose?: string) =>
  queryOptions({
    queryKey: ['cases', 'detail', id, purpose ?? null],
    queryFn: getJson<CaseDetail>(`/api/v1/cases/${id}`, purpose ? { unmask: true } : undefined, purpose),
  });
