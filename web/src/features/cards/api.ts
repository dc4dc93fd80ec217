import type { CardEntry, CardStats, Measure, NewCardEntry, NewMeasure, Notice } from '../../../../contract/cards.ts';
import { api, request } from '../../api/client.ts';

export const cardsApi = {
  stats: () => api.get<CardStats>('/api/v1/cards/stats'),
  entries: (query: { q?: string; kind?: string; page?: number }) => request<{ items: CardEntry[]; total: number }>('GET', '/api/v1/cards/entries', { query }),
  createEntry: (body: NewCardEntry) => request<{ id: string; created: boolean }>('POST', '/api/v1/cards/entries', { body }),
  measures: (query: { entryId?: string; status?: string; addressed?: boolean }) => request<{ items: Measure[] }>('GET', '/api/v1/cards/measures', { query }),
  propose: (body: NewMeasure) => request<{ id: string; status: 'proposed' }>('POST', '/api/v1/cards/measures', { body }),
  step: (id: string, step: 'confirm' | 'reject' | 'ack' | 'appeal' | 'appeal/decision' | 'release', body: Record<string, unknown> = {}) =>
    request<Measure>('POST', `/api/v1/cards/measures/${id}/${step}`, { body }),
  notices: () => api.get<{ items: Notice[] }>('/api/v1/cards/notices'),
};
