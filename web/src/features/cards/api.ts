import type { CardEntry, CardStats, Measure, NewCardEntry, NewMeasure, Notice } from '../../../../contract/cards.ts';
import { queryOptions } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';

export const cardsApi = {
  createEntry: (body: NewCardEntry) =>
    request<{ id: string; created: boolean }>('POST', '/api/v1/cards/entries', { body }),
  propose: (body: NewMeasure) =>
    request<{ id: string; status: 'proposed' }>('POST', '/api/v1/cards/measures', { body }),
  step: (
    id: string,
    step: 'confirm' | 'reject' | 'ack' | 'appeal' | 'appeal/decision' | 'release',
    body: Record<string, unknown> = {},
  ) => request<Measure>('POST', `/api/v1/cards/measures/${id}/${step}`, { body }),
};

// The reads of the 两卡 page, under ['cards', …]: a new entry, a proposal or a measure's step invalidates ['cards'].
export const cardsQueries = {
  stats: () => queryOptions({ queryKey: ['cards', 'stats'], queryFn: getJson<CardStats>('/api/v1/cards/stats') }),
  entries: (query: { q?: string; kind?: string; page?: number }) =>
    queryOptions({
      queryKey: ['cards', 'entries', query],
      queryFn: getJson<{ items: CardEntry[]; total: number }>('/api/v1/cards/entries', query),
    }),
  measures: (query: { entryId?: string; status?: string; addressed?: boolean }) =>
    queryOptions({
      queryKey: ['cards', 'measures', query],
      queryFn: getJson<{ items: Measure[] }>('/api/v1/cards/measures', query),
    }),
  notices: () =>
    queryOptions({ queryKey: ['cards', 'notices'], queryFn: getJson<{ items: Notice[] }>('/api/v1/cards/notices') }),
};
