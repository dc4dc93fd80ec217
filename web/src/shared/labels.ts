import { ROLES as ROLE_VALUES, TOKEN_SCOPES as TOKEN_SCOPE_VALUES, UNIT_KINDS as UNIT_KIND_VALUES } from './domain.ts';
import type { MessageKey, Translate } from '../i18n/index.tsx';

export const roleLabel = (t: Translate, role: string) =>
  (ROLE_VALUES as readonly string[]).includes(role) ? t(`role.${role}` as MessageKey) : role;
export const kindLabel = (t: Translate, kind: string) =>
  (UNIT_KIND_VALUES as readonly string[]).includes(kind) ? t(`kind.${kind}` as MessageKey) : kind;
export const scopeLabel = (t: Translate, scope: string) =>
  (TOKEN_SCOPE_VALUES as readonly string[]).includes(scope) ? t(`scope.${scope}` as MessageKey) : scope;

export const roleOptions = (t: Translate) => ROLE_VALUES.map((r) => ({ value: r, label: roleLabel(t, r) }));

// Times in the user's language, 24-hour clock (2026/12/1 13:45:06 in zh-CN), one place for every page.
export const formatTime = (iso: string | null | undefined, lang: string) =>
  iso ? new Date(iso).toLocaleString(lang, { hour12: false }) : '—';
export const formatDate = (iso: string | null | undefined, lang: string) =>
  iso ? new Date(iso).toLocaleDateString(lang) : '—';
export const formatClock = (iso: string | null | undefined, lang: string) =>
  iso ? new Date(iso).toLocaleTimeString(lang, { hour12: false }) : '—';
