import type { ReturnPerson, ReturnCounts } from '../../../../contract/returns.ts';
import { api, download } from '../../api/client.ts';

// Typed calls of the 劝返 board.
export interface ReturnDetail extends ReturnPerson {
  contacts: { id: string; at: string; by: string; contact: string; channel: string; summary: string }[];
  history: { fromStatus: string | null; toStatus: string; reason: string | null; by: string; at: string }[];
}
export interface Board {
  unitId: string;
  unitName: string;
  counts: ReturnCounts;
  items: ReturnPerson[];
}
export type { ReturnPerson, ReturnCounts };

const enc = encodeURIComponent;
const unmask = (purpose?: string) => (purpose ? { unmask: true } : {});
export const returnsApi = {
  board: (unitId: string | undefined, purpose?: string) =>
    api.get<Board>('/api/v1/returns/board', { unitId, ...unmask(purpose) }, purpose),
  list: (q: { status?: string; unitId?: string; q?: string; page?: number; pageSize?: number }, purpose?: string) =>
    api.get<{ items: ReturnPerson[]; total: number }>('/api/v1/returns/persons', { ...q, ...unmask(purpose) }, purpose),
  get: (id: string, purpose?: string) =>
    api.get<ReturnDetail>(`/api/v1/returns/persons/${enc(id)}`, unmask(purpose), purpose),
  create: (body: Record<string, unknown>) => api.post<{ id: string }>('/api/v1/returns/persons', body),
  move: (id: string, body: { status: string; reason?: string; dueAt?: string; version?: number }) =>
    api.post<{ id: string; status: string; dueAt: string; version: number }>(
      `/api/v1/returns/persons/${enc(id)}/status`,
      body,
    ),
  contact: (id: string, body: { contact: string; channel: string; summary: string }) =>
    api.post<{ id: string }>(`/api/v1/returns/persons/${enc(id)}/contacts`, body),
  export: (purpose?: string) => download('/api/v1/returns/export', unmask(purpose), 'returns.xlsx', purpose),
};
