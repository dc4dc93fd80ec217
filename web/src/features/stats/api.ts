import type { Static } from 'typebox';
import { api, download, request } from '../../api/client.ts';
import type {
  Breakdown,
  DrillPage,
  KpiResponse,
  Ranking,
  ReportDoc,
  ReportList,
  Trend,
} from '../../../../contract/stats.ts';
import type { DeskCall, DeskCallInput, DeskCallList } from '../../../../contract/public.ts';

export type Period = { unitId?: string; from: string; to: string };
export type DrillRows = Static<typeof DrillPage>;
export type Reports = Static<typeof ReportList>;

export const statsApi = {
  kpis: (p: Period) => api.get<KpiResponse>('/api/v1/stats/kpis', p),
  breakdown: (p: Period, metric: string, dim: string) =>
    api.get<Breakdown>('/api/v1/stats/breakdown', { ...p, metric, dim }),
  trend: (p: Period, metrics: string[], bucket?: string) =>
    api.get<Trend>('/api/v1/stats/trend', { ...p, metrics: metrics.join(','), bucket }),
  ranking: (p: Period) => api.get<Ranking>('/api/v1/stats/ranking', p),
  putWeights: (weights: Record<string, number>) =>
    request<{ weights: Record<string, number> }>('PUT', '/api/v1/stats/ranking/weights', { body: { weights } }),
  drill: (p: Period, q: { kpi: string; dim?: string; key?: string; page?: number; pageSize?: number }) =>
    api.get<DrillRows>('/api/v1/stats/drill', { ...p, ...q }),
  exportKpis: (p: Period) => download('/api/v1/stats/kpis/export', p, 'kpis.xlsx'),
  exportDrill: (p: Period, q: { kpi: string; dim?: string; key?: string }) =>
    download('/api/v1/stats/drill/export', { ...p, ...q }, 'drill.xlsx'),
  reports: () => api.get<Reports>('/api/v1/stats/reports'),
  report: (id: string) => api.get<ReportDoc>(`/api/v1/stats/reports/${encodeURIComponent(id)}`),
  generate: (kind: 'weekly' | 'monthly', periodFrom: string, unitId?: string) =>
    api.post<ReportDoc>('/api/v1/stats/reports', { kind, periodFrom, unitId }),
};

export const deskApi = {
  log: (body: DeskCallInput) => api.post<DeskCall>('/api/v1/desk/calls', body),
  list: (page = 1) => api.get<Static<typeof DeskCallList>>('/api/v1/desk/calls', { page }),
};
