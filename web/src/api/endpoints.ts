import type {
  ApiToken,
  AuditRecord,
  CreatedToken,
  EventSourceBinding,
  NewResident,
  NewToken,
  NewUnit,
  NewUser,
  Resident,
  Unit,
  User,
  UserPatch,
} from '../../../contract/access.ts';
import { api, download, request, type Query } from './client.ts';

// Typed calls per server module; pages use these rather than raw paths.
export interface Paged<T> {
  items: T[];
  total: number;
}
export interface Me {
  user: User;
  permissions: string[];
}

export const authApi = {
  login: (username: string, password: string) =>
    request<{ user: User }>('POST', '/api/v1/auth/login', { body: { username, password }, allowUnauthorized: true }),
  logout: () => request<void>('POST', '/api/v1/auth/logout', { allowUnauthorized: true }),
  me: () => request<Me>('GET', '/api/v1/auth/me', { allowUnauthorized: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/v1/auth/password', { currentPassword, newPassword }),
};

export const unitsApi = {
  list: (query: { parentId?: string; kind?: string; q?: string } = {}) => api.get<Paged<Unit>>('/api/v1/units', query),
  // the forms' selects give plain strings: the server checks the kind and the scopes against the contract's lists
  create: (body: Omit<NewUnit, 'kind'> & { kind: string }) => api.post<Unit>('/api/v1/units', body),
  rename: (id: string, name: string) => api.patch<Unit>(`/api/v1/units/${encodeURIComponent(id)}`, { name }),
};

export type NewUserInput = NewUser;
export const usersApi = {
  list: (query: { unitId?: string; role?: string; q?: string }) => api.get<Paged<User>>('/api/v1/users', query),
  create: (body: NewUserInput) => api.post<{ user: User; temporaryPassword?: string }>('/api/v1/users', body),
  update: (id: string, body: UserPatch) => api.patch<User>(`/api/v1/users/${encodeURIComponent(id)}`, body),
  resetPassword: (id: string) =>
    api.post<{ temporaryPassword: string }>(`/api/v1/users/${encodeURIComponent(id)}/reset-password`),
};

export const tokensApi = {
  list: () => api.get<{ items: ApiToken[] }>('/api/v1/tokens'),
  create: (body: Omit<NewToken, 'scopes'> & { scopes: string[] }) => api.post<CreatedToken>('/api/v1/tokens', body),
  revoke: (id: string) => api.delete(`/api/v1/tokens/${encodeURIComponent(id)}`),
};

/** Event sources bound to partners (the platform administrator's; ingest/sources.ts). */
export const eventSourcesApi = {
  list: () => api.get<{ items: EventSourceBinding[]; total: number; firstUseClaims: boolean }>('/api/v1/event-sources'),
  bind: (source: string, unitId: string) =>
    request<EventSourceBinding>('PUT', `/api/v1/event-sources/${encodeURIComponent(source)}`, { body: { unitId } }),
  unbind: (source: string) => api.delete(`/api/v1/event-sources/${encodeURIComponent(source)}`),
};

export const auditApi = {
  list: (query: Query) => api.get<Paged<AuditRecord>>('/api/v1/audit', query),
  export: (query: Query) => download('/api/v1/audit/export', query, 'audit.xlsx'),
};

export const residentsApi = {
  list: (query: Query, purpose?: string) => api.get<Paged<Resident>>('/api/v1/residents', query, purpose),
  get: (id: string, purpose: string) =>
    api.get<Resident>(`/api/v1/residents/${encodeURIComponent(id)}`, { unmask: true }, purpose),
  create: (body: Partial<NewResident>, purpose?: string) => api.post<Resident>('/api/v1/residents', body, purpose),
};
