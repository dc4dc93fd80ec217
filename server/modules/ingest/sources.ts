// Event sources bound to partners (issue 10 finding 6). A partner token (a token of a bank's, a telecom's … unit)
// stores events only under sources an administrator bound to its unit: the others are refused by event, field
// `source`, before the duplicate check, so a partner can neither store, pre-empt nor probe another's (source, id).
// An unbound source is refused too, unless the platform allows a partner's first use to claim it
// (ZHIWANG_EVENT_SOURCE_CLAIMS=on). The platform's own tokens (no unit, or the root's) and the police units' tokens
// still claim an unbound source on first use, as before; police sources ('police.…') are never a partner's.
import type { Db } from '../../platform/db/index.ts';
import { assertCan, isPlatformWide, type Actor } from '../../platform/auth/actor.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { EventSourceBinding } from '../../../contract/access.ts';
import { audit } from '../audit/index.ts';
import * as repo from './repository.ts';

/** Units whose own sources are the police's ('police.…'); a partner token's unit is none of these. */
const POLICE_UNITS = new Set(['root', 'province', 'city', 'district', 'station', 'grid']);
const isPoliceSource = (src: string) => /^police(\.|$)/.test(src);

let firstUseClaims = false;

/** Set once at start from the configuration (ZHIWANG_EVENT_SOURCE_CLAIMS, docs/integration.md). */
export function configureSourceClaims(allow: boolean): void {
  firstUseClaims = allow;
}
export const sourceClaimsAllowed = () => firstUseClaims;

export const REASON = {
  police: "source: police sources are not a partner's",
  other: 'source: belongs to another partner',
  unbound: 'source: not bound to this partner; an administrator binds event sources (系统管理 → 事件来源)',
} as const;

/** The sources of `sources` this token may not use, with the reason; claims the ones it may claim. */
export async function refusedSources(db: Db, actor: Actor, sources: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // a token without a unit or of the root is the platform's own (created by the platform's administrators)
  const platform = !actor.unitId || isPlatformWide(actor);
  const kind = actor.unitId && !platform ? await repo.unitKind(db, actor.unitId) : null;
  const police = platform || (kind !== null && POLICE_UNITS.has(kind));
  const owner = platform ? 'platform' : `unit:${actor.unitId}`;
  const usable = sources.filter((src) => {
    if (!police && isPoliceSource(src)) out.set(src, REASON.police);
    return !out.has(src);
  });
  let owners = await repo.sourceOwners(db, usable);
  const unbound = usable.filter((src) => !owners.has(src));
  if (unbound.length && (police || firstUseClaims)) {
    await repo.claimSources(db, unbound, owner); // a concurrent claim may win: read back below
    owners = await repo.sourceOwners(db, usable);
  }
  for (const src of usable) {
    const o = owners.get(src);
    if (o === undefined) out.set(src, REASON.unbound);
    else if (o !== owner) out.set(src, REASON.other);
  }
  return out;
}

function assertTopAdmin(actor: Actor): void {
  assertCan(actor, 'tokens:write');
  if (actor.kind !== 'user' || !isPlatformWide(actor))
    throw forbidden("binding event sources is the platform administrator's (root unit)");
}

function present(r: repo.SourceRow): EventSourceBinding {
  const unitId = r.owner.startsWith('unit:') ? r.owner.slice(5) : null;
  return {
    source: r.source,
    owner: unitId ? 'unit' : 'platform',
    unitId,
    unitName: r.unit_name,
    unitKind: r.unit_kind,
    boundBy: r.bound_by ? 'admin' : 'first_use',
    since: new Date(r.claimed_at).toISOString(),
  };
}

export async function listEventSources(db: Db, actor: Actor) {
  assertTopAdmin(actor);
  const items = (await repo.listSources(db)).map(present);
  return { items, total: items.length, firstUseClaims };
}

/** Binds `source` to the unit (the root unit: the platform's own tokens). Audited with the previous owner. */
export async function bindEventSource(db: Db, actor: Actor, source: string, unitId: string) {
  assertTopAdmin(actor);
  return db.transaction(async (tx) => {
    const unit = await repo.unitById(tx, unitId);
    if (!unit) throw invalid('unitId', 'no such unit');
    const platform = unit.kind === 'root';
    if (isPoliceSource(source) && !POLICE_UNITS.has(unit.kind))
      throw invalid('unitId', "police sources are not a partner's: bind them to a police unit");
    const owner = platform ? 'platform' : `unit:${unit.id}`;
    const before = await repo.bindSource(tx, source, owner, actor.id);
    await audit(tx, actor, {
      action: 'update',
      entityType: 'event_source',
      entityId: source,
      details: { owner, ...(before && before !== owner ? { before } : {}) },
    });
    return present((await repo.listSources(tx)).find((r) => r.source === source)!);
  });
}

export async function unbindEventSource(db: Db, actor: Actor, source: string): Promise<void> {
  assertTopAdmin(actor);
  await db.transaction(async (tx) => {
    const before = await repo.unbindSource(tx, source);
    if (before === null) throw notFound('event source');
    await audit(tx, actor, { action: 'delete', entityType: 'event_source', entityId: source, details: { before } });
  });
}
