import type { WarningDetail } from '../../../../contract/warnings.ts';
import type {
  ActionResult,
  Assignees,
  BoardPage,
  Countdown,
  DispatchResults,
  DissuasionConfigView,
  EnteredWarning,
  LevelSlaView,
  NewWarning,
  UnitSettingsView,
  WarnedThenDefraudedStats,
  WarningAction,
} from '../../../../contract/dissuasion.ts';
import { api, request, type Query } from '../../api/client.ts';

export type { BoardItem, Countdown } from '../../../../contract/dissuasion.ts';
export interface Subject {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
  masked: boolean;
}
export interface RouteInfo {
  steps: {
    via: string;
    key: string | null;
    result: string | null;
    keyName: string | null;
    resultName: string | null;
  }[];
  via: string | null;
  unitId: string;
  routed: boolean;
}
export interface Attempt {
  id: string;
  channel: string;
  at: string;
  ok: boolean;
  outcome: string;
  externalId: string | null;
  detail: string | null;
  record: Record<string, unknown> | null;
  resultAt: string | null;
}
export interface Task {
  id: string;
  kind: string;
  unitId: string;
  title: string;
  items: string[];
  status: string;
  createdAt: string;
  doneAt: string | null;
}
export interface Followup {
  id: string;
  warningId: string;
  seq: number;
  day: number;
  dueAt: string;
  assigneeKind: string;
  assigneeId: string;
  unitId: string;
  unitName?: string;
  doneAt: string | null;
  record: string | null;
  cancelled: boolean;
  assigneeName?: string | null;
  level?: string;
  fraudTypes?: { code: string; name: string }[];
  subject?: Subject;
  disposition?: string | null;
  closedAt?: string | null;
  canOpen?: boolean;
}
export interface Transition {
  at: string;
  actor: string;
  command: string;
  from: string | null;
  to: string;
  ok: boolean;
  reason?: string;
  timer?: string;
  args?: Record<string, unknown>;
}
export interface Workflow {
  id: string;
  status: string;
  level: string;
  unitId: string;
  unitName: string;
  routed: boolean;
  allowedActions: string[];
  closeDispositions: string[];
  countdowns: Countdown[];
  assigneeName: string | null;
  signedByName: string | null;
  closedAt: string | null;
  disposition: {
    disposition: string;
    label: string;
    lossAvoided: number | null;
    loss: number | null;
    note: string;
    by: string;
    at: string;
    mergedInto?: string;
  } | null;
  autoContactAttempts: number;
  assigneeId: string | null;
  signedBy: string | null;
  signedAt: string | null;
  route: RouteInfo | null;
  leads: string[];
  escalation: { level: number; at: string | null; reason: string | null };
  subject: Subject;
  caseIntakes: { id: string; status: string; loss: number; requestedAt: string; caseRef: string | null }[];
  transitions: Transition[];
  attempts: Attempt[];
  tasks: Task[];
  followups: Followup[];
  flags: { kind: string; victimKind: string; victimId: string; at: string; daysAfterClose: number }[];
  script: { version: string; fraudType: string | null; talkingPoints: string[]; voice: string[]; sms: string };
  relatives: { name: string | null; relation: string | null; phone: string }[];
}

export const warningsApi = {
  /** `purpose` given: the subjects in full (personal:unmask), the read audited with it */
  board: (q: Query, purpose?: string) =>
    api.get<BoardPage>('/api/v1/warnings/board', purpose ? { ...q, unmask: true } : q, purpose),
  get: (id: string) => api.get<WarningDetail>(`/api/v1/warnings/${encodeURIComponent(id)}`),
  workflow: (id: string, purpose?: string) =>
    api.get<Workflow>(
      `/api/v1/warnings/${encodeURIComponent(id)}/workflow`,
      purpose ? { unmask: true } : undefined,
      purpose,
    ),
  act: (id: string, a: WarningAction) =>
    api.post<ActionResult>(`/api/v1/warnings/${encodeURIComponent(id)}/actions`, a),
  taskDone: (id: string, taskId: string) =>
    api.post(`/api/v1/warnings/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}/done`),
  dispatch: (ids: string[], unitId: string) => api.post<DispatchResults>('/api/v1/warnings/dispatch', { ids, unitId }),
  create: (w: NewWarning) => api.post<EnteredWarning>('/api/v1/warnings', w),
  followups: (q: Query, purpose?: string) =>
    api.get<{ items: Followup[] }>('/api/v1/followups', purpose ? { ...q, unmask: true } : q, purpose),
  recordFollowup: (id: string, record: string) => api.post(`/api/v1/followups/${encodeURIComponent(id)}`, { record }),
  assignees: (id: string) => api.get<Assignees>(`/api/v1/warnings/${encodeURIComponent(id)}/assignees`),
  config: () => api.get<DissuasionConfig>('/api/v1/dissuasion/config'),
  putConfig: (b: { levels: DissuasionConfig['sla']['levels']; followupDays: number[] }) =>
    request<DissuasionConfig>('PUT', '/api/v1/dissuasion/config', { body: b }),
  unitSettings: (unitId: string) =>
    api.get<UnitSettings>(`/api/v1/units/${encodeURIComponent(unitId)}/notification-settings`),
  putUnitSettings: (unitId: string, b: { dutyUserId: string | null; webhookUrl: string | null }) =>
    request<UnitSettings>('PUT', `/api/v1/units/${encodeURIComponent(unitId)}/notification-settings`, { body: b }),
  kpi: (from: string, to: string) =>
    api.get<WarnedThenDefraudedStats>('/api/v1/stats/warned-then-defrauded', { from, to }),
};

// the shapes of the routes above, from contract/ (the server validates and serialises with the same schemas)
export type LevelSla = LevelSlaView;
export type DissuasionConfig = DissuasionConfigView;
export type UnitSettings = UnitSettingsView;
