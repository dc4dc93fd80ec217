import type { Role } from '../../platform/auth/policy.ts';

// Which roles fit which kind of unit: a bank liaison belongs to a bank, an officer to a station, and so on.
export const ROLE_UNIT_KINDS: Record<Role, readonly string[]> = {
  admin: ['root', 'province', 'city', 'district'],
  leader: ['province', 'city', 'district', 'station'],
  center_analyst: ['province', 'city', 'district'],
  station_officer: ['station'],
  grid_worker: ['station', 'grid'],
  bank_liaison: ['bank', 'bank_branch'],
  telecom_liaison: ['telecom'],
};

export const roleFitsUnit = (role: Role, unitKind: string) => ROLE_UNIT_KINDS[role].includes(unitKind);

export const USERNAME_PATTERN = '^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$';

/** Lock-out after repeated failures (counted in SQL: users/repository.ts recordFailedLogin); a successful login
 *  resets the count, and so does a lock running out. */
export const LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const;
