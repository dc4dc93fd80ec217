import type { Role } from '../../../contract/access.ts';

// Value lists mirrored from contract/access.ts. Importing the contract's values would pull TypeBox into the
// bundle; the `satisfies` checks keep these in step with the contract's types at compile time.
export const ROLES = [
  'admin',
  'leader',
  'center_analyst',
  'station_officer',
  'grid_worker',
  'bank_liaison',
  'telecom_liaison',
] as const satisfies readonly Role[];
type AllRoles<T extends readonly Role[]> = Exclude<Role, T[number]> extends never ? true : false;
export const rolesComplete: AllRoles<typeof ROLES> = true;

export const UNIT_KINDS = [
  'root',
  'province',
  'city',
  'district',
  'station',
  'grid',
  'bank',
  'bank_branch',
  'telecom',
  'logistics',
  'school',
] as const;
/** Kinds that are administrative divisions: they need a GB/T 2260 code and take its official name by default. */
export const DIVISION_KINDS: readonly string[] = ['province', 'city', 'district'];

export const TOKEN_SCOPES = [
  'events:write',
  'indicators:read',
  'indicators:write',
  'orders:read',
  'orders:write',
  'warnings:read',
  'warnings:write',
] as const;

type Kind = (typeof UNIT_KINDS)[number];
const AREA: Kind[] = ['province', 'city', 'district'];
/**
 * Which kind may hang under which, mirrored from server/modules/org/rules.ts (the server has the last word; this
 * only keeps impossible choices out of the form).
 */
export const ALLOWED_PARENTS: Record<Kind, readonly Kind[]> = {
  root: [],
  province: ['root'],
  city: ['province'],
  district: ['city'],
  station: ['district'],
  grid: ['station'],
  bank: AREA,
  bank_branch: ['bank'],
  telecom: AREA,
  logistics: AREA,
  school: [...AREA, 'station'],
};
export const childKinds = (parentKind: string): Kind[] =>
  UNIT_KINDS.filter((k) => (ALLOWED_PARENTS[k] as readonly string[]).includes(parentKind));

/** Significant digits of a division code per level (省 2, 市 4, 区县 6): 33 or 330000, 3301 or 330100, 330106. The
 *  server stores the six-digit form. */
export const DIVISION_DIGITS: Record<string, number> = { province: 2, city: 4, district: 6 };
