import type {
  BacktestJob,
  BacktestResult,
  BuiltinRule,
  FitWeightsResult,
  RuleConfigVersion,
} from '../../../../contract/rules.ts';
import { api, request } from '../../api/client.ts';

export const rulesApi = {
  rules: () => api.get<{ items: BuiltinRule[]; globalSections: string[] }>('/api/v1/rules'),
  config: () => api.get<RuleConfigVersion>('/api/v1/rules/config'),
  history: () => api.get<{ items: RuleConfigVersion[] }>('/api/v1/rules/config/history'),
  backtest: (config: Record<string, unknown>, source: { seed?: number; people?: number; days?: number } = {}) =>
    request<BacktestResult>('POST', '/api/v1/rules/backtest', {
      body: { config, source: { kind: 'simulation', ...source } },
    }),
  storedBacktest: (config: Record<string, unknown>, from: string, to: string) =>
    request<BacktestJob>('POST', '/api/v1/rules/backtest/stored', { body: { config, from, to } }),
  backtestJob: (id: string) => api.get<BacktestJob>(`/api/v1/rules/backtest/jobs/${encodeURIComponent(id)}`),
  fitWeights: (sinceDays?: number) =>
    request<FitWeightsResult>('POST', '/api/v1/rules/fit-weights', { body: sinceDays ? { sinceDays } : {} }),
  save: (config: Record<string, unknown>, note?: string) =>
    request<RuleConfigVersion>('PUT', '/api/v1/rules/config', { body: { config, note } }),
};
