import type { ApiToken, AuditRecord, Resident, Role, Unit, User } from '../../../contract/access.ts';
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
  create: (body: { parentId: string; kind: string; code?: string; name?: string }) =>
    api.post<Unit>('/api/v1/units', body),
  rename: (id: string, name: string) => api.patch<Unit>(`/api/v1/units/${encodeURIComponent(id)}`, { name }),
};

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  password?: string;
  phone?: string;
}
export const usersApi = {
  list: (query: { unitId?: string; role?: string; q?: string }) => api.get<Paged<User>>('/api/v1/users', query),
  create: (body: NewUserInput) => api.post<{ user: User; temporaryPassword?: string }>('/api/v1/users', body),
  update: (id: string, body: Partial<Pick<User, 'displayName' | 'role' | 'unitId' | 'phone' | 'disabled'>>) =>
    api.patch<User>(`/api/v1/users/${encodeURIComponent(id)}`, body),
  resetPassword: (id: string) =>
    api.post<{ temporaryPassword: string }>(`/api/v1/users/${encodeURIComponent(id)}/reset-password`),
};

export const tokensApi = {
  list: () => api.get<{ items: ApiToken[] }>('/api/v1/tokens'),
  create: (body: { name: string; unitId?: string; scopes: string[] }) =>
    api.post<{ id: string; token: string }>('/api/v1/tokens', body),
  revoke: (id: string) => api.delete(`/api/v1/tokens/${encodeURIComponent(id)}`),
};

export const auditApi = {
  list: (query: Query) => api.get<Paged<AuditRecord>>('/api/v1/audit', query),
  export: (query: Query) => download('/api/v1/audit/export', query, 'audit.xlsx'),
};

export const residentsApi = {
  list: (query: Query, purpose?: string) => api.get<Paged<Resident>>('/api/v1/residents', query, purpose),
  get: (id: string, purpose: string) =>
    api.get<Resident>(`/api/v1/residents/${encodeURIComponent(id)}`, { unmask: true }, purpose),
  create: (body: Record<string, unknown>, purpose?: string) => api.post<Resident>('/api/v1/residents', body, purpose),
};
