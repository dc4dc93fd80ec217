import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  NewReturnContact,
  NewReturnPerson,
  ReturnBoard,
  ReturnCounts,
  ReturnPerson,
  ReturnPersonDetail,
  ReturnQuery,
  ReturnTransition,
} from '../../../../contract/returns.ts';
import { api, download, type Query } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';

// Typed calls and reads of the 劝返 board; the shapes are the server's (contract/returns.ts).
export type ReturnDetail = Static<typeof ReturnPersonDetail>;
export type Board = Static<typeof ReturnBoard>;
export type { ReturnPerson, ReturnCounts };

const enc = encodeURIComponent;
const unmask = (purpose?: string) => (purpose ? { unmask: true } : {});

/** The reads under ['returns', …] (every change invalidates ['returns']); `purpose` given: in full, audited. */
export const returnsQueries = {
  board: (unitId: string | undefined, purpose?: string) =>
    queryOptions({
      queryKey: ['returns', 'board', unitId ?? null, purpose ?? null],
      queryFn: getJson<Board>('/api/v1/returns/board', { unitId, ...unmask(purpose) }, purpose),
    }),
  persons: (q: Omit<ReturnQuery, 'unmask'>, purpose?: string) =>
    queryOptions({
      queryKey: ['returns', 'persons', q, purpose ?? null],
      queryFn: getJson<{ items: ReturnPerson[]; total: number }>(
        '/api/v1/returns/persons',
        { ...(q as Query), ...unmask(purpose) },
        purpose,
      ),
    }),
  person: (id: string, purpose?: string) =>
    queryOptions({
      queryKey: ['returns', 'person', id, purpose ?? null],
      queryFn: getJson<ReturnDetail>(`/api/v1/returns/persons/${enc(id)}`, unmask(purpose), purpose),
    }),
};

export const returnsApi = {
  create: (body: NewReturnPerson) => api.post<{ id: string }>('/api/v1/returns/persons', body),
  move: (id: string, body: ReturnTransition) =>
    api.post<{ id: string; status: string; dueAt: string; version: number }>(
      `/api/v1/returns/persons/${enc(id)}/status`,
      body,
    ),
  contact: (id: string, body: NewReturnContact) =>
    api.post<{ id: string }>(`/api/v1/returns/persons/${enc(id)}/contacts`, body),
  export: (purpose?: string) => download('/api/v1/returns/export', unmask(purpose), 'returns.xlsx', purpose),
};
