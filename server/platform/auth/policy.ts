// Who may do what. Roles of users and scopes of partner tokens resolve to the same permission strings, so a route
// asks one question ("may this actor do X?") whoever calls it. Where a record may be seen is decided separately,
// by the actor's unit subtree: `inScope`/`isPlatformWide` in actor.ts and the services' unit-path queries.

export const ROLES = [
  'admin',
  'leader',
  'center_analyst',
  'station_officer',
  'grid_worker',
  'bank_liaison',
  'telecom_liaison',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'units:read',
  'units:write',
  'users:read',
  'users:write',
  'tokens:write',
  'audit:read',
  'residents:read',
  'residents:write',
  'personal:unmask',
  'events:write',
  'indicators:read',
  'indicators:write',
  'warnings:read',
  'warnings:write',
  /** record a follow-up visit (跟踪回访) after a warning */
  'followups:write',
  'rules:write',
  'orders:read',
  'orders:write',
  /** cases (案件): intake, chain, evidence, suspects */
  'cases:read',
  'cases:write',
  /** 串并案, money flow, mules, gangs (graph module) */
  'graph:read',
  /** confirm/reject links, 串并案 groups, statement imports */
  'graph:write',
  /** 两卡 registry and Art. 31 measures: read, propose/record, confirm/decide (a person), execute (partner liaison) */
  'cards:read',
  'cards:write',
  'cards:confirm',
  'cards:ack',
  /** precision prevention: risk groups, campaigns, visits, talks */
  'prevention:read',
  'prevention:write',
  /** door-to-door visits of a campaign's targeted residents (grid workers) */
  'prevention:visit',
  /** knowledge base: read, edit drafts, publish (reviewer) */
  'knowledge:read',
  'knowledge:write',
  'knowledge:publish',
  /** after-action reviews and 劝返 */
  'reviews:write',
  /** read after-action reviews (复盘) and their action items, in the unit subtree */
  'reviews:read',
  'returns:read',
  'returns:write',
  /** dashboards, figures and reports (stats) */
  'stats:read',
  /** the ranking's weights (考评) */
  'stats:write',
  /** the 96110 desk's call log */
  'desk:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = ['units:read', 'residents:read', 'warnings:read', 'indicators:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // The administrator runs the system, not cases: personal data stays masked for them.
  admin: ['units:read', 'units:write', 'users:read', 'users:write', 'tokens:write', 'audit:read', 'residents:read'],
  leader: [
    ...READ_ALL,
    'users:read',
    'orders:read',
    'cases:read',
    'graph:read',
    'cards:read',
    'cards:confirm',
    'prevention:read',
    'knowledge:read',
    'knowledge:publish',
    'reviews:read',
    'returns:read',
    'stats:read',
    'stats:write',
  ],
  center_analyst: [
    ...READ_ALL,
    'residents:write',
    'personal:unmask',
    'events:write',
    'indicators:write',
    'warnings:write',
    'followups:write',
    'rules:write',
    'orders:read',
    'orders:write',
    'cases:read',
    'cases:write',
    'graph:read',
    'graph:write',
    'cards:read',
    'cards:write',
    'cards:confirm',
    'prevention:read',
    'prevention:write',
    'knowledge:read',
    'knowledge:write',
    'knowledge:publish',
    'reviews:write',
    'reviews:read',
    'returns:read',
    'returns:write',
    'stats:read',
    'stats:write',
    'desk:write',
  ],
  station_officer: [
    ...READ_ALL,
    'residents:write',
    'personal:unmask',
    'events:write',
    'warnings:write',
    'followups:write',
    'orders:read',
    'orders:write',
    'cases:read',
    'cases:write',
    'graph:read',
    'cards:read',
    'cards:write',
    'prevention:read',
    'prevention:write',
    'knowledge:read',
    'reviews:write',
    'reviews:read',
    'returns:read',
    'returns:write',
    'stats:read',
    'desk:write',
  ],
  grid_worker: [
    'units:read',
    'residents:read',
    'personal:unmask',
    'warnings:read',
    'followups:write',
    'prevention:read',
    'prevention:visit',
    'knowledge:read',
  ],
  bank_liaison: ['units:read', 'events:write', 'orders:read', 'orders:write', 'cards:ack', 'knowledge:read'],
  telecom_liaison: ['units:read', 'events:write', 'cards:ack', 'knowledge:read'],
};

/** Scopes an admin may grant to a partner token: only machine-to-machine capabilities. */
export const TOKEN_SCOPES = [
  'events:write',
  'indicators:read',
  'indicators:write',
  'orders:read',
  'orders:write',
  'warnings:read',
  'warnings:write',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);
