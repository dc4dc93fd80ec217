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

// Occupation codes some registries send (the simulated city among them); free text entered by hand shows as is.
const OCCUPATIONS: Record<string, readonly [zh: string, en: string]> = {
  student: ['学生', 'student'],
  retired: ['退休', 'retired'],
  finance: ['财务', 'finance'],
  office: ['职员', 'office worker'],
  self_employed: ['个体', 'self-employed'],
  worker: ['务工', 'worker'],
  farmer: ['务农', 'farmer'],
  service: ['服务业', 'service'],
  civil_servant: ['公务员', 'civil servant'],
  teacher: ['教师', 'teacher'],
  unemployed: ['待业', 'unemployed'],
  accountant: ['会计', 'accountant'],
};
export const occupationLabel = (o: string | null | undefined, lang: string): string =>
  !o ? '—' : (OCCUPATIONS[o]?.[lang === 'en-US' ? 1 : 0] ?? o);
