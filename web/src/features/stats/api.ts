import type { Static } from 'typebox';
import { keepPreviousData } from '@tanstack/react-query';
import { api, download, request } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';
import type {
  Breakdown,
  DrillPage,
  KpiQuery,
  KpiResponse,
  Ranking,
  ReportDoc,
  ReportList,
  Trend,
} from '../../../../contract/stats.ts';
import type { DeskCall, DeskCallInput, DeskCallList } from '../../../../contract/public.ts';

/** a unit's period, as the stats routes take it (contract's KpiQuery: unitId, from, to) */
export type Period = KpiQuery;
export type DrillRows = Static<typeof DrillPage>;
export type Reports = Static<typeof ReportList>;

// The reads as query options under ['stats', …]: a period or unit change is a new key (the previous figures stay on
// screen while the next load), a generated report invalidates ['stats', 'reports'].
export const statsQueries = {
  kpis: (p: Period) => ({
    queryKey: ['stats', 'kpis', p],
    queryFn: getJson<KpiResponse>('/api/v1/stats/kpis', p),
    placeholderData: keepPreviousData,
  }),
  breakdown: (p: Period, metric: string, dim: string) => ({
    queryKey: ['stats', 'breakdown', p, metric, dim],
    queryFn: getJson<Breakdown>('/api/v1/stats/breakdown', { ...p, metric, dim }),
    placeholderData: keepPreviousData,
  }),
  trend: (p: Period, metrics: string[], bucket?: string) => ({
    queryKey: ['stats', 'trend', p, metrics, bucket],
    queryFn: getJson<Trend>('/api/v1/stats/trend', { ...p, metrics: metrics.join(','), bucket }),
    placeholderData: keepPreviousData,
  }),
  ranking: (p: Period) => ({
    queryKey: ['stats', 'ranking', p],
    queryFn: getJson<Ranking>('/api/v1/stats/ranking', p),
    placeholderData: keepPreviousData,
  }),
  drill: (p: Period, q: { kpi: string; dim?: string; key?: string; page: number; pageSize: number }) => ({
    queryKey: ['stats', 'drill', p, q],
    queryFn: getJson<DrillRows>('/api/v1/stats/drill', { ...p, ...q }),
    placeholderData: keepPreviousData,
  }),
  reports: { queryKey: ['stats', 'reports'], queryFn: getJson<Reports>('/api/v1/stats/reports') },
  report: (id: string) => ({
    queryKey: ['stats', 'reports', id],
    queryFn: getJson<ReportDoc>(`/api/v1/stats/reports/${encodeURIComponent(id)}`),
  }),
};

export const statsApi = {
  putWeights: (weights: Record<string, number>) =>
    request<{ weights: Record<string, number> }>('PUT', '/api/v1/stats/ranking/weights', { body: { weights } }),
  exportKpis: (p: Period) => download('/api/v1/stats/kpis/export', p, 'kpis.xlsx'),
  exportDrill: (p: Period, q: { kpi: string; dim?: string; key?: string }) =>
    download('/api/v1/stats/drill/export', { ...p, ...q }, 'drill.xlsx'),
  generate: (kind: 'weekly' | 'monthly', periodFrom: string, unitId?: string) =>
    api.post<ReportDoc>('/api/v1/stats/reports', { kind, periodFrom, unitId }),
};

export const deskApi = {
  log: (body: DeskCallInput) => api.post<DeskCall>('/api/v1/desk/calls', body),
};
export const deskQueries = {
  list: (page: number) => ({
    queryKey: ['desk', 'calls', page],
    queryFn: getJson<Static<typeof DeskCallList>>('/api/v1/desk/calls', { page }),
    placeholderData: keepPreviousData,
  }),
};
