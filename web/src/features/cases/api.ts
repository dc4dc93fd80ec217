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
} from '../../../../contract/cases.ts';
import { api, request, type Query } from '../../api/client.ts';

export type CaseListItem = CaseSummary & { countdown: Static<typeof Countdown> | null };
export type { CaseDetail, NewCase };

export const casesApi = {
  list: (q: Query) => api.get<{ items: CaseListItem[]; total: number }>('/api/v1/cases', q),
  get: (id: string, purpose?: string) =>
    api.get<CaseDetail>(`/api/v1/cases/${id}`, purpose ? { unmask: true } : undefined, purpose),
  create: (body: NewCase) => api.post<CaseSummary & { id: string }>('/api/v1/cases', body),
  advance: (id: string, body: ChainAction) => api.post<CaseDetail>(`/api/v1/cases/${id}/chain`, body),
  add: (id: string, body: CaseAdditions) => api.post<CaseDetail>(`/api/v1/cases/${id}/payments`, body),
  addSuspect: (id: string, body: { name: string; role: string; phone?: string; idNumber?: string }) =>
    api.post<{ id: string }>(`/api/v1/cases/${id}/suspects`, body),
  suspectStatus: (id: string, sid: string, status: string) =>
    api.post(`/api/v1/cases/${id}/suspects/${sid}/status`, { status }),
  transfer: (id: string, eid: string, toCustodian: string) =>
    api.post(`/api/v1/cases/${id}/evidence/${eid}/transfer`, { toCustodian }),
  bankOf: (account: string) => api.get<BankOfAccount>('/api/v1/cases/bank-of', { account }),
  upload: async (id: string, file: File, kind: string) => {
    const form = new FormData();
    form.set('kind', kind);
    form.set('file', file);
    const res = await fetch(`/api/v1/cases/${id}/evidence`, { method: 'POST', body: form, credentials: 'same-origin' });
    if (!res.ok) throw new Error((await res.json().catch(() => ({ message: res.statusText }))).message);
    return res.json() as Promise<EvidenceAdded>;
  },
  request,
};
