import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, inScope, type Actor } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/auth/policy.ts';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/secrets.ts';
import { alreadyExists, invalid, invalidMany, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../identifiers/index.ts';
import { audit } from '../audit/index.ts';
import { visibleUnit } from '../org/index.ts';
import * as repo from './repository.ts';
import { roleFitsUnit } from './rules.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string;
  phone: string | null;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export function presentUser(u: repo.UserWithUnit, now = new Date(systemClock())): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    unitId: u.unitId,
    unitName: u.unitName,
    // Colleagues' phone numbers are personal data too; the user list shows them masked.
    phone: u.phone ? maskPhone(u.phone) : null,
    disabled: u.disabled,
    locked: !!u.lockedUntil && u.lockedUntil > now,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listUsers(db: Db, actor: Actor, f: { unitId?: string; role?: string; q?: string }) {
  assertCan(actor, 'users:read');
  const rows = await repo.listUsers(db, { pathPrefix: actor.unitPath, ...f });
  return { items: rows.map((r) => presentUser(r)), total: rows.length };
}

async function visibleUser(db: Db, actor: Actor, id: string) {
  const user = await repo.findUser(db, { id });
  if (!user || !inScope(actor, user.unitPath)) throw notFound('user');
  return user;
}

export async function getUser(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'users:read');
  return presentUser(await visibleUser(db, actor, id));
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  password?: string;
  phone?: string;
}

/** Creates a user; without a password, a temporary one is generated, returned once, and must be changed. */
export async function createUser(db: Db, actor: Actor, input: NewUser) {
  assertCan(actor, 'users:write');
  const problem = input.password ? passwordProblem(input.password, input.username) : null;
  if (problem) throw invalid('password', problem);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const unit = await visibleUnit(tx, actor, input.unitId).catch(() => null);
    if (!unit) throw invalid('unitId', 'no such unit in your jurisdiction');
    if (!roleFitsUnit(input.role, unit.kind))
      throw invalid('role', `role ${input.role} does not fit a ${unit.kind} unit`);
    if (await repo.findUser(tx, { username: input.username }))
      throw alreadyExists('username already taken', 'username');
    const id = randomUUID();
    await repo.insertUser(tx, {
      id,
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      unitId: unit.id,
      passwordHash,
      phone: input.phone ?? null,
      mustChangePassword: !input.password,
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'user',
      entityId: id,
      details: { username: input.username, role: input.role, unitId: unit.id },
    });
    const user = presentUser((await repo.findUser(tx, { id }))!);
    return input.password ? { user } : { user, temporaryPassword: password };
  });
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  unitId?: string;
  phone?: string | null;
  disabled?: boolean;
}

export async function updateUser(db: Db, actor: Actor, id: string, patch: UserPatch) {
  assertCan(actor, 'users:write');
  return db.transaction(async (tx) => {
    const before = await visibleUser(tx, actor, id);
    if (id === actor.id && (patch.disabled || (patch.role && patch.role !== before.role))) {
      throw invalid(patch.disabled ? 'disabled' : 'role', 'you cannot disable yourself or change your own role');
    }
    const unit = patch.unitId ? await visibleUnit(tx, actor, patch.unitId).catch(() => null) : null;
    if (patch.unitId && !unit) throw invalid('unitId', 'no such unit in your jurisdiction');
    const role = patch.role ?? (before.role as Role);
    if (!roleFitsUnit(role, unit?.kind ?? before.unitKind)) {
      throw invalidMany([
        {
          field: patch.role ? 'role' : 'unitId',
          reason: `role ${role} does not fit a ${unit?.kind ?? before.unitKind} unit`,
        },
      ]);
    }
    await repo.updateUser(tx, id, patch);
    if (patch.disabled) await repo.deleteUserSessions(tx, id);
    await audit(tx, actor, {
      action: 'update',
      entityType: 'user',
      entityId: id,
      details: { fields: Object.keys(patch) },
    });
    return presentUser((await repo.findUser(tx, { id }))!);
  });
}

/** Admin reset: a new temporary password, all sessions ended, lock-out lifted. */
export async function resetPassword(db: Db, actor: Actor, id: string, clock: Clock = systemClock) {
  assertCan(actor, 'users:write');
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await db.transaction(async (tx) => {
    await visibleUser(tx, actor, id);
    await repo.updateUser(tx, id, {
      passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: new Date(clock()),
    });
    await repo.deleteUserSessions(tx, id);
    await audit(tx, actor, {
      action: 'password_change',
      entityType: 'user',
      entityId: id,
      details: { by: 'admin_reset' },
    });
  });
  return { temporaryPassword };
}

/** A user changes their own password; other sessions of theirs are ended. */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  sessionId: string,
  current: string,
  next: string,
  clock: Clock = systemClock,
) {
  const user = await repo.findUser(db, { id: actor.id });
  if (!user) throw notFound('user');
  if (!(await verifyPassword(user.passwordHash, current))) throw invalid('currentPassword', 'does not match');
  const problem =
    passwordProblem(next, user.username) ?? (next === current ? 'must differ from the current password' : null);
  if (problem) throw invalid('newPassword', problem);
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, actor.id, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: new Date(clock()),
    });
    await repo.deleteUserSessions(tx, actor.id, sessionId);
    await audit(tx, actor, { action: 'password_change', entityType: 'user', entityId: actor.id });
  });
}

/** A user as another module checks one (their unit, role, whether enabled, name to show); no credentials. */
export interface UserRef {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitPath: string;
  unitName: string;
  disabled: boolean;
}

/** A user by id or username, for another module's checks (platform-internal: the caller scopes and decides). */
export async function findUser(db: Db, by: { id: string } | { username: string }): Promise<UserRef | undefined> {
  const u = await repo.findUser(db, by);
  return u
    ? {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role as Role,
        unitId: u.unitId,
        unitPath: u.unitPath,
        unitName: u.unitName,
        disabled: u.disabled,
      }
    : undefined;
}
