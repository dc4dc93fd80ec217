import { forbidden, invalid } from '../errors.ts';
import { PERMISSIONS, type Permission, type Role } from './policy.ts';

/**
 * Who is acting, from where and why: passed to every service call so that scoping, masking and the audit row
 * all come from one place. `unitPath` is the subtree the actor may see ('/' = everything).
 */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  id: string;
  name: string;
  role: Role | null;
  unitId: string | null;
  unitPath: string;
  permissions: ReadonlySet<Permission>;
  ip?: string;
  /** Why personal data is being accessed (X-Purpose header); recorded in the audit row. */
  purpose?: string;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden(`requires permission ${permission}`);
}

/**
 * Before showing personal data unmasked: the role must allow it, and the caller must say why (X-Purpose), because
 * every unmasked view is audited with its purpose (PIPL). No purpose: 400 on field `purpose`.
 */
export function assertMayUnmask(actor: Actor): void {
  assertCan(actor, 'personal:unmask');
  if (!actor.purpose?.trim()) throw invalid(PURPOSE_FIELD, PURPOSE_MISSING);
}

/** The one answer to an unmasking request without a purpose, on every route (400, field X-Purpose). */
export const PURPOSE_FIELD = 'X-Purpose';
export const PURPOSE_MISSING = 'state the purpose of seeing personal data (X-Purpose header)';

/** True when a record owned by the unit at `recordPath` lies inside the actor's subtree. */
export function inScope(actor: Actor, recordPath: string): boolean {
  return recordPath.startsWith(actor.unitPath);
}

/** The platform itself (start-up, migrations, the engine): sees everything, audited as 'system'. */
export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: 'system',
  name: 'system',
  role: null,
  unitId: null,
  unitPath: '/',
  permissions: new Set(PERMISSIONS),
};

/** True for actors whose jurisdiction is the whole platform (the root unit, or the system itself). */
export function isPlatformWide(actor: Actor): boolean {
  return actor.unitPath === '/' || actor.unitPath.split('/').length <= 3;
}
