import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, assertMayUnmask, inScope, type Actor } from '../../platform/auth/actor.ts';
import { alreadyExists, invalid, notFound } from '../../platform/errors.ts';
import { maskName, maskPhone, maskResidentId, normalizePhone, parseResidentId } from '../identifiers/index.ts';
import { audit } from '../audit/index.ts';
import { visibleUnit } from '../org/index.ts';
import * as repo from './repository.ts';

export interface Resident {
  id: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  unitId: string;
  unitName: string;
  birthYear: number | null;
  occupation: string | null;
  masked: boolean;
}

/** Masked unless the actor asked for full values and their role allows it; addresses keep only the area. */
export function presentResident(r: repo.ResidentRow, unmasked: boolean): Resident {
  return {
    id: r.id,
    name: unmasked ? r.name : maskName(r.name),
    idNumber: r.idNumber ? (unmasked ? r.idNumber : maskResidentId(r.idNumber)) : null,
    phone: r.phone ? (unmasked ? r.phone : maskPhone(r.phone)) : null,
    address: r.address ? (unmasked ? r.address : maskAddress(r.address)) : null,
    unitId: r.unitId,
    unitName: r.unitName,
    birthYear: r.birthYear,
    occupation: r.occupation,
    masked: !unmasked,
  };
}

const maskAddress = (a: string) => (a.length <= 6 ? '***' : `${a.slice(0, 6)}***`);

function wantsUnmasked(actor: Actor, unmask: boolean | undefined): boolean {
  if (!unmask) return false;
  assertMayUnmask(actor);
  return true;
}

/** One resident; every read is audited, and an unmasked read says so. Outside the jurisdiction: not found. */
export async function getResident(db: Db, actor: Actor, id: string, unmask?: boolean): Promise<Resident> {
  assertCan(actor, 'residents:read');
  const full = wantsUnmasked(actor, unmask);
  return db.transaction(async (tx) => {
    const row = await repo.findResident(tx, id);
    if (!row || !inScope(actor, row.unitPath)) throw notFound('resident');
    await audit(tx, actor, { action: full ? 'view_unmasked' : 'view', entityType: 'resident', entityId: id });
    return presentResident(row, full);
  });
}

export async function searchResidents(
  db: Db,
  actor: Actor,
  q: { unitId?: string; q?: string; unmask?: boolean; page?: number; pageSize?: number },
) {
  assertCan(actor, 'residents:read');
  const full = wantsUnmasked(actor, q.unmask);
  const pageSize = q.pageSize ?? 50;
  return db.transaction(async (tx) => {
    const { rows, total } = await repo.searchResidents(tx, {
      pathPrefix: actor.unitPath,
      unitId: q.unitId,
      q: q.q?.trim() || undefined,
      limit: pageSize,
      offset: ((q.page ?? 1) - 1) * pageSize,
    });
    // A listing shows personal data too: one audit row names the query and every record shown.
    if (rows.length) {
      await audit(tx, actor, {
        action: full ? 'view_unmasked' : 'view',
        entityType: 'resident',
        details: { query: { unitId: q.unitId, q: q.q }, ids: rows.map((r) => r.id) },
      });
    }
    return { items: rows.map((r) => presentResident(r, full)), total };
  });
}

export interface NewResident {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  unitId: string;
  birthYear?: number;
  occupation?: string;
}

export async function createResident(db: Db, actor: Actor, input: NewResident): Promise<Resident> {
  assertCan(actor, 'residents:write');
  const id = input.idNumber ? parseResidentId(input.idNumber) : null;
  if (id && !id.ok) throw invalid('idNumber', id.reason ?? 'not a valid resident ID');
  const phone = input.phone ? normalizePhone(input.phone) : null;
  if (phone && !phone.ok) throw invalid('phone', phone.reason ?? 'not a valid phone number');
  return db.transaction(async (tx) => {
    const unit = await visibleUnit(tx, actor, input.unitId).catch(() => null);
    if (!unit) throw invalid('unitId', 'no such unit in your jurisdiction');
    const idNumber = id?.ok ? id.normalized! : null;
    if (idNumber && (await repo.findByIdNumber(tx, idNumber, actor.unitPath)))
      throw alreadyExists('a resident with this ID number exists', 'idNumber');
    const rid = randomUUID();
    const birthYear = input.birthYear ?? (id?.ok && id.birthDate ? Number(id.birthDate.slice(0, 4)) : null);
    await repo.insertResident(tx, {
      id: rid,
      name: input.name,
      idNumber,
      phone: phone?.ok ? (phone.national ?? input.phone!) : null,
      address: input.address ?? null,
      unitId: unit.id,
      birthYear,
      occupation: input.occupation ?? null,
    });
    await audit(tx, actor, { action: 'create', entityType: 'resident', entityId: rid });
    return presentResident((await repo.findResident(tx, rid))!, false);
  });
}

/**
 * Where a person lives, for routing a warning to the station covering them: by resident ID first, then phone.
 * Platform-internal (no actor): the result is a unit id, not personal data.
 */
export async function locateResident(
  db: Db,
  who: { idNumber?: string | null; phone?: string | null },
): Promise<{ unitId: string } | null> {
  return repo.locate(db, who);
}

/** `locateResident` for many people in one query (routing a batch of warnings); answers in the order of `who`. */
export async function locateResidents(
  db: Db,
  who: { idNumber?: string | null; phone?: string | null }[],
): Promise<({ unitId: string } | null)[]> {
  return repo.locateMany(db, who);
}

/** Relatives to call when the person cannot be reached (dissuasion detail); platform-internal, the caller masks. */
export async function relativesOf(db: Db, who: { idNumber?: string | null; phone?: string | null }) {
  return repo.relativesOf(db, who);
}

/** The resident registry id of a person (a case's victim), or null; platform-internal, the caller audits its reads. */
export async function residentIdOf(
  db: Db,
  who: { idNumber?: string | null; phone?: string | null },
): Promise<string | null> {
  return repo.idOf(db, who);
}

/** Residents counted by unit, birth year and occupation (prevention's risk groups); platform-internal, no personal data. */
export async function residentPopulation(db: Db, pathPrefix: string) {
  return repo.population(db, pathPrefix);
}

/** Birth year, occupation and unit of registered people found by phone or ID number; platform-internal. */
export async function residentProfiles(db: Db, who: { idNumber?: string | null; phone?: string | null }[]) {
  return repo.profilesOf(db, who);
}

/** The people of a target group (prevention campaigns); platform-internal: the caller audits and masks. */
export async function residentsMatching(
  db: Db,
  f: { pathPrefix: string; birthYearFrom: number; birthYearTo: number; occupations?: string[]; limit: number },
) {
  return repo.matching(db, f);
}

/** Residents by id (prevention's door-to-door lists); platform-internal: the caller scopes, audits and masks. */
export async function residentsByIds(db: Db, ids: string[]) {
  return repo.byIds(db, ids);
}
