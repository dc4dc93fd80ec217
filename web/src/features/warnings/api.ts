import type { WarningDetail } from '../../../../contract/warnings.ts';
import type {
  ActionResult,
  Assignees,
  BoardPage,
  DispatchResults,
  DissuasionConfigBody,
  DissuasionConfigView,
  EnteredWarning,
  FollowupList,
  OkResult,
  WorkflowDetail,
  LevelSlaView,
  NewWarning,
  UnitSettingsBody,
  UnitSettingsView,
  WarnedThenDefraudedStats,
  WarningAction,
} from '../../../../contract/dissuasion.ts';
import { api, request, type Query } from '../../api/client.ts';

export type { BoardItem, Countdown } from '../../../../contract/dissuasion.ts';
// the workflow's parts, as the server serialises them (contract/dissuasion.ts)
export type {
  Attempt,
  FollowupItem as Followup,
  RouteInfo,
  SubjectView as Subject,
  Task,
  Transition,
  WorkflowDetail as Workflow,
} from '../../../../contract/dissuasion.ts';

export const warningsApi = {
  /** `purpose` given: the subjects in full (personal:unmask), the read audited with it */
  board: (q: Query, purpose?: string) =>
    api.get<BoardPage>('/api/v1/warnings/board', purpose ? { ...q, unmask: true } : q, purpose),
  get: (id: string) => api.get<WarningDetail>(`/api/v1/warnings/${encodeURIComponent(id)}`),
  workflow: (id: string, purpose?: string) =>
    api.get<WorkflowDetail>(
      `/api/v1/warnings/${encodeURIComponent(id)}/workflow`,
      purpose ? { unmask: true } : undefined,
      purpose,
    ),
  act: (id: string, a: WarningAction) =>
    api.post<ActionResult>(`/api/v1/warnings/${encodeURIComponent(id)}/actions`, a),
  taskDone: (id: string, taskId: string) =>
    api.post<OkResult>(`/api/v1/warnings/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}/done`),
  dispatch: (ids: string[], unitId: string) => api.post<DispatchResults>('/api/v1/warnings/dispatch', { ids, unitId }),
  create: (w: NewWarning) => api.post<EnteredWarning>('/api/v1/warnings', w),
  followups: (q: Query, purpose?: string) =>
    api.get<FollowupList>('/api/v1/followups', purpose ? { ...q, unmask: true } : q, purpose),
  recordFollowup: (id: string, record: string) =>
    api.post<OkResult>(`/api/v1/followups/${encodeURIComponent(id)}`, { record }),
  assignees: (id: string) => api.get<Assignees>(`/api/v1/warnings/${encodeURIComponent(id)}/assignees`),
  config: () => api.get<DissuasionConfig>('/api/v1/dissuasion/config'),
  putConfig: (b: DissuasionConfigBody) => request<DissuasionConfig>('PUT', '/api/v1/dissuasion/config', { body: b }),
  unitSettings: (unitId: string) =>
    api.get<UnitSettings>(`/api/v1/units/${encodeURIComponent(unitId)}/notification-settings`),
  putUnitSettings: (unitId: string, b: UnitSettingsBody) =>
    request<UnitSettings>('PUT', `/api/v1/units/${encodeURIComponent(unitId)}/notification-settings`, { body: b }),
  kpi: (from: string, to: string) =>
    api.get<WarnedThenDefraudedStats>('/api/v1/stats/warned-then-defrauded', { from, to }),
};

// the shapes of the routes above, from contract/ (the server validates and serialises with the same schemas)
export type LevelSla = LevelSlaView;
export type DissuasionConfig = DissuasionConfigView;
export type UnitSettings = UnitSettingsView;
