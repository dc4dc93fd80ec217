import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, inScope, type Actor } from '../../platform/auth/actor.ts';
import { alreadyExists, forbidden, invalidMany, notFound } from '../../platform/errors.ts';
import { audit } from '../audit/index.ts';
import * as repo from './repository.ts';
import { checkNewUnit, type UnitKind } from './rules.ts';

export interface Unit {
  id: string;
  parentId: string | null;
  kind: string;
  code: string | null;
  name: string;
  path: string;
}

const present = (u: repo.UnitRow): Unit => ({
  id: u.id,
  parentId: u.parentId,
  kind: u.kind,
  code: u.code,
  name: u.name,
  path: u.path,
});

/** The root of the tree, created once at first start. */
export async function ensureRoot(db: Db): Promise<Unit> {
  const existing = await repo.findRoot(db);
  if (existing) return present(existing);
  const id = randomUUID();
  return present(
    await repo.insertUnit(db, { id, parentId: null, kind: 'root', code: null, name: '织网平台', path: `/${id}/` }),
  );
}

export async function listUnits(db: Db, actor: Actor, filter: { parentId?: string; kind?: string; q?: string }) {
  assertCan(actor, 'units:read');
  const rows = await repo.listUnits(db, { pathPrefix: actor.unitPath, ...filter });
  return { items: rows.map(present), total: rows.length };
}

/** A unit the actor may see; anything outside their subtree is reported as not found. */
export async function getUnit(db: Db, actor: Actor, id: string): Promise<Unit> {
  assertCan(actor, 'units:read');
  return present(await visibleUnit(db, actor, id));
}

export async function visibleUnit(db: Db, actor: Actor, id: string): Promise<repo.UnitRow> {
  const unit = await repo.findUnit(db, id);
  if (!unit || !inScope(actor, unit.path)) throw notFound('unit');
  return unit;
}

export interface NewUnit {
  parentId: string;
  kind: UnitKind;
  code?: string;
  name?: string;
}

export async function createUnit(db: Db, actor: Actor, input: NewUnit): Promise<Unit> {
  assertCan(actor, 'units:write');
  return db.transaction(async (tx) => {
    const parent = await visibleUnit(tx, actor, input.parentId).catch(() => null);
    if (!parent) throw invalidMany([{ field: 'parentId', reason: 'no such unit in your jurisdiction' }]);
    const { problems, name, code } = checkNewUnit(input, parent);
    if (problems.length) throw invalidMany(problems);
    if (code) {
      const siblings = await repo.listUnits(tx, { pathPrefix: parent.path, parentId: parent.id });
      if (siblings.some((s) => s.code === code))
        throw alreadyExists(`a unit with code ${code} already exists here`, 'code');
    }
    const id = randomUUID();
    const row = await repo.insertUnit(tx, {
      id,
      parentId: parent.id,
      kind: input.kind,
      code: code ?? null,
      name: name!,
      path: `${parent.path}${id}/`,
    });
    await audit(tx, actor, { action: 'create', entityType: 'unit', entityId: id, details: { kind: input.kind, name } });
    return present(row);
  });
}

export async function renameUnit(db: Db, actor: Actor, id: string, name: string): Promise<Unit> {
  assertCan(actor, 'units:write');
  return db.transaction(async (tx) => {
    const before = await visibleUnit(tx, actor, id);
    const after = (await repo.updateUnitName(tx, id, name))!;
    await audit(tx, actor, {
      action: 'update',
      entityType: 'unit',
      entityId: id,
      details: { name: [before.name, name] },
    });
    return present(after);
  });
}

const TOP_KINDS = new Set(['root', 'province', 'city']);

/**
 * Configuration that applies everywhere (detection rules, time limits, the built-in allow-list) is the centre's:
 * a user of a unit at city level or above, or the platform itself. A district analyst holds the same role but
 * configures nothing beyond their district.
 */
export async function assertTopLevel(db: Db, actor: Actor, what: string): Promise<void> {
  if (actor.kind === 'system') return;
  const u = actor.kind === 'user' && actor.unitId ? await repo.findUnit(db, actor.unitId) : undefined;
  if (!u || !TOP_KINDS.has(u.kind))
    throw forbidden(`${what} applies platform-wide: only the centre (city level or above) may change it`);
}

/** A unit's row by id, without an actor (platform-internal: authentication resolves a token's unit). */
export const unitById = (db: Db, id: string) => repo.findUnit(db, id);

/** The root of the tree, without an actor (platform-internal: the caller scopes). */
export const findRootUnit = (db: Db) => repo.findRoot(db);
/** The units under a path, without an actor (platform-internal readers that scope themselves). */
export const listUnitRows = (db: Db, filter: { pathPrefix: string; parentId?: string; kind?: string; q?: string }) =>
  repo.listUnits(db, filter);
