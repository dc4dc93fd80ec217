import type {
  BulkIndicatorResponse,
  CheckResponse,
  Indicator,
  IndicatorItem,
} from '../../../../contract/indicators.ts';
import { api, download, type Query } from '../../api/client.ts';
import type { RowProblem } from '../../components/importRows.ts';

export const indicatorsApi = {
  list: (query: Query) => api.get<{ items: Indicator[]; total: number }>('/api/v1/indicators', query),
  upsert: (items: IndicatorItem[]) => api.post<BulkIndicatorResponse>('/api/v1/indicators', items),
  remove: (id: string) => api.delete(`/api/v1/indicators/${encodeURIComponent(id)}`),
  check: (kind: string, value: string) => api.get<CheckResponse>('/api/v1/indicators/check', { kind, value }),
  export: (format: 'xlsx' | 'csv', query: Query) =>
    download('/api/v1/indicators/export', { ...query, format }, `indicators.${format}`),
};

/** "rows[12].value" → row 12, field value (the import's refusal names each bad row this way). */
export function indicatorRows(details: { field: string; reason: string }[]): RowProblem[] {
  return details.map((p) => {
    const m = /^rows\[(\d+)\]\.(\w+)$/.exec(p.field);
    return m ? { row: Number(m[1]), field: m[2]!, reason: p.reason } : { row: 0, field: p.field, reason: p.reason };
  });
}
