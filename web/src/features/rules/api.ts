import { useQuery } from '@tanstack/react-query';
import type {
  BacktestJob,
  BacktestResult,
  BuiltinRule,
  FitWeightsResult,
  RuleConfigVersion,
} from '../../../../contract/rules.ts';
import type { ScriptModelInfo, TextClassification } from '../../../../contract/fraud-types.ts';
import { api, request } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';

/** Query keys of the rules page: a saved version or a published model invalidates `rulesKeys.all`. */
export const rulesKeys = {
  all: ['rules'] as const,
  rules: ['rules', 'builtin'] as const,
  config: ['rules', 'config'] as const,
  history: ['rules', 'history'] as const,
  scriptModel: ['rules', 'script-model'] as const,
  job: (id: string) => ['rules', 'backtest-job', id] as const,
};

export const rulesQueries = {
  rules: getJson<{ items: BuiltinRule[]; globalSections: string[] }>('/api/v1/rules'),
  config: getJson<RuleConfigVersion>('/api/v1/rules/config'),
  history: getJson<{ items: RuleConfigVersion[] }>('/api/v1/rules/config/history'),
  scriptModel: getJson<ScriptModelInfo>('/api/v1/script/model'),
};

export const rulesApi = {
  /** the catalogue alone (the warning detail names rule ids with it) */
  rules: () => api.get<{ items: BuiltinRule[]; globalSections: string[] }>('/api/v1/rules'),
  backtest: (config: Record<string, unknown>, source: { seed?: number; people?: number; days?: number } = {}) =>
    request<BacktestResult>('POST', '/api/v1/rules/backtest', {
      body: { config, source: { kind: 'simulation', ...source } },
    }),
  storedBacktest: (config: Record<string, unknown>, from: string, to: string) =>
    request<BacktestJob>('POST', '/api/v1/rules/backtest/stored', { body: { config, from, to } }),
  fitWeights: (sinceDays?: number) =>
    request<FitWeightsResult>('POST', '/api/v1/rules/fit-weights', { body: sinceDays ? { sinceDays } : {} }),
  save: (config: Record<string, unknown>, note?: string) =>
    request<RuleConfigVersion>('PUT', '/api/v1/rules/config', { body: { config, note } }),
};

export const scriptApi = {
  classify: (text: string) => request<TextClassification>('POST', '/api/v1/script/classify', { body: { text } }),
  label: (text: string, label: string) =>
    request<{ id: number }>('POST', '/api/v1/script/labels', { body: { text, label, sourceKind: 'manual' } }),
  publish: (note?: string) => request<ScriptModelInfo>('POST', '/api/v1/script/model/publish', { body: { note } }),
  /** the draft model over a simulated city (answered at once) */
  backtest: () =>
    request<BacktestResult>('POST', '/api/v1/rules/backtest/script-model', {
      body: { source: { kind: 'simulation' } },
    }),
  /** the draft model over the stored events of [from, to): a background job, polled with useBacktestJob */
  storedBacktest: (from: string, to: string) =>
    request<BacktestJob>('POST', '/api/v1/rules/backtest/script-model/stored', { body: { from, to } }),
  decide: (id: number, decision: 'accept' | 'reject') =>
    request<{ id: number; labelId: number | null }>('POST', `/api/v1/script/proposals/${id}`, { body: { decision } }),
};

/**
 * A stored-period backtest running on the server: its progress polled every half second until it is done or
 * failed (the started job seeds the cache, so the progress bar shows at once). `undefined` id: nothing running.
 */
export function useBacktestJob(started: BacktestJob | undefined) {
  return useQuery({
    queryKey: rulesKeys.job(started?.id ?? ''),
    queryFn: getJson<BacktestJob>(`/api/v1/rules/backtest/jobs/${encodeURIComponent(started?.id ?? '')}`),
    enabled: !!started,
    initialData: started,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 500 : false),
  });
}
