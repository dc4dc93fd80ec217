import type {
  BulkIndicatorResponse,
  CheckResponse,
  ImportResponse,
  Indicator,
  IndicatorItem,
} from '../../../../contract/indicators.ts';
import { ApiError, api, download, type Query } from '../../api/client.ts';

export const indicatorsApi = {
  list: (query: Query) => api.get<{ items: Indicator[]; total: number }>('/api/v1/indicators', query),
  upsert: (items: IndicatorItem[]) => api.post<BulkIndicatorResponse>('/api/v1/indicators', items),
  remove: (id: string) => api.delete(`/api/v1/indicators/${encodeURIComponent(id)}`),
  check: (kind: string, value: string) => api.get<CheckResponse>('/api/v1/indicators/check', { kind, value }),
  export: (format: 'xlsx' | 'csv', query: Query) =>
    download('/api/v1/indicators/export', { ...query, format }, `indicators.${format}`),
  /** Multipart upload; a rejected file throws ApiError whose details list `rows[N].field` problems. */
  async import(file: File): Promise<ImportResponse> {
    const form = new FormData();
    form.append('file', file, file.name);
    let res: Response;
    try {
      res = await fetch('/api/v1/indicators/import', { method: 'POST', body: form, credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
    }
    const body = await res.json().catch(() => null);
    if (!res.ok)
      throw new ApiError(
        res.status,
        body?.error ?? `http_${res.status}`,
        body?.message ?? res.statusText,
        body?.field,
        body?.reason,
        body?.details ?? [],
      );
    return body as ImportResponse;
  },
};

export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

/** Row problems out of an import error ("rows[12].value"), de-duplicated and in row order. */
export function rowProblems(e: ApiError): RowProblem[] {
  const all = [...(e.field ? [{ field: e.field, reason: e.reason ?? e.message }] : []), ...e.details];
  const seen = new Set<string>();
  const out: RowProblem[] = [];
  for (const p of all) {
    const m = /^rows\[(\d+)\]\.(\w+)$/.exec(p.field);
    const key = `${p.field}|${p.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m ? { row: Number(m[1]), field: m[2]!, reason: p.reason } : { row: 0, field: p.field, reason: p.reason });
  }
  return out.sort((a, b) => a.row - b.row);
}
