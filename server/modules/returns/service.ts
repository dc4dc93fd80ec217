import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, assertMayUnmask, inScope, type Actor } from '../../platform/auth/actor.ts';
import { conflict, invalid, notFound, type FieldProblem } from '../../platform/errors.ts';
import { hasUnstorableText, maskPhone, maskResidentId, normalizePhone, parseResidentId } from '../identifiers/index.ts';
import { visibleUnit } from '../org/index.ts';
import { audit } from '../audit/index.ts';
import type {
  NewReturnContact,
  NewReturnPerson,
  ReturnCounts,
  ReturnPerson,
  ReturnQuery,
  ReturnTransition,
} from '../../../contract/returns.ts';
import { initialDue, isOverdue, returnRate, transition, type ReturnStatus } from './lifecycle.ts';
import * as repo from './repository.ts';

export type Clock = () => Date;

function wantsUnmasked(actor: Actor, unmask?: boolean) {
  if (!unmask) return false;
  assertMayUnmask(actor);
  return true;
}

export function present(p: repo.PersonRow, full: boolean, now: Date): ReturnPerson {
  return {
    id: p.id,
    name: p.name,
    idNumber: p.idNumber ? (full ? p.idNumber : maskResidentId(p.idNumber)) : null,
    phone: p.phone ? (full ? p.phone : maskPhone(p.phone)) : null,
    masked: !full,
    location: p.location,
    householdUnitId: p.householdUnitId,
    householdUnitName: p.householdUnitName,
    residenceUnitId: p.residenceUnitId,
    residenceUnitName: p.residenceUnitName,
    status: p.status as ReturnStatus,
    dueAt: p.dueAt.toISOString(),
    overdue: isOverdue({ status: p.status as ReturnStatus, dueAt: p.dueAt }, now),
    source: p.source,
    upstreamRef: p.upstreamRef,
    note: p.note,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    closedAt: p.closedAt?.toISOString() ?? null,
    version: p.version,
  };
}

const visible = (actor: Actor, p: repo.PersonRow) =>
  inScope(actor, p.householdPath) || (p.residencePath !== null && inScope(actor, p.residencePath));

/** Checks one new person's fields (hand entry, upstream push and import share it); problems name the field. */
export async function checkPerson(
  db: Db,
  actor: Actor,
  input: NewReturnPerson,
  now: Date,
): Promise<{
  problems: FieldProblem[];
  row?: Omit<typeof import('./schema.ts').returnsPersons.$inferInsert, 'id' | 'source' | 'createdBy'>;
}> {
  const problems: FieldProblem[] = [];
  for (const [k, v] of Object.entries(input))
    if (typeof v === 'string' && hasUnstorableText(v)) problems.push({ field: k, reason: 'unstorable characters' });
  let idNumber: string | null = null;
  if (input.idNumber) {
    const r = parseResidentId(input.idNumber);
    if (!r.ok) problems.push({ field: 'idNumber', reason: 'not a valid resident ID number' });
    else idNumber = r.normalized;
  }
  let phone: string | null = null;
  if (input.phone) {
    const r = normalizePhone(input.phone);
    if (!r.ok) problems.push({ field: 'phone', reason: 'not a phone number' });
    else phone = r.key;
  }
  const hh = await repo.unitById(db, input.householdUnitId);
  const rs = input.residenceUnitId ? await repo.unitById(db, input.residenceUnitId) : undefined;
  if (!hh) problems.push({ field: 'householdUnitId', reason: 'no such unit' });
  if (input.residenceUnitId && !rs) problems.push({ field: 'residenceUnitId', reason: 'no such unit' });
  // the listing unit answers for the person: one of the two units must be in its jurisdiction
  if (hh && (!input.residenceUnitId || rs) && !inScope(actor, hh.path) && !(rs && inScope(actor, rs.path)))
    problems.push({ field: 'householdUnitId', reason: 'neither unit is in your jurisdiction' });
  let dueAt = initialDue(now);
  if (input.dueAt) {
    dueAt = new Date(input.dueAt);
    if (Number.isNaN(dueAt.getTime()) || dueAt.getTime() <= now.getTime())
      problems.push({ field: 'dueAt', reason: 'the due date must be in the future' });
  }
  if (problems.length) return { problems };
  return {
    problems,
    row: {
      name: input.name.trim(),
      idNumber,
      phone,
      location: input.location.trim(),
      householdUnitId: input.householdUnitId,
      residenceUnitId: input.residenceUnitId ?? null,
      status: 'abroad',
      dueAt,
      upstreamRef: input.upstreamRef ?? null,
      note: input.note ?? null,
      createdAt: now,
      updatedAt: now,
    },
  };
}

export async function createPerson(
  db: Db,
  actor: Actor,
  input: NewReturnPerson,
  clock: Clock,
  source: 'manual' | 'upstream' = 'manual',
): Promise<{ id: string }> {
  assertCan(actor, 'returns:write');
  const now = clock();
  return db.transaction(async (tx) => {
    const { problems, row } = await checkPerson(tx, actor, input, now);
    if (problems.length || !row) throw invalid(problems[0]!.field, problems[0]!.reason, problems.slice(1));
    if (row.upstreamRef && (await repo.findByUpstreamRef(tx, [row.upstreamRef])).length)
      throw conflict('this upstream reference is already listed', 'upstreamRef');
    const id = randomUUID();
    await repo.insertPerson(tx, { ...row, id, source, createdBy: actor.name });
    await repo.insertHistory(tx, {
      id: randomUUID(),
      personId: id,
      fromStatus: null,
      toStatus: 'abroad',
      reason: source,
      by: actor.name,
      at: now,
    });
    await audit(tx, actor, { action: 'create', entityType: 'return_person', entityId: id, details: { source } });
    return { id };
  });
}

/**
 * Upstream pushes (the province's list): idempotent by `upstreamRef` — a known reference is left as it is
 * (its status belongs to the units working it), a new one is listed. All or nothing, every bad item named.
 */
export async function pushUpstream(db: Db, actor: Actor, items: NewReturnPerson[], clock: Clock) {
  assertCan(actor, 'returns:write');
  const now = clock();
  return db.transaction(async (tx) => {
    const problems: FieldProblem[] = [];
    const rows = [];
    for (const [i, item] of items.entries()) {
      if (!item.upstreamRef) problems.push({ field: `items/${i}/upstreamRef`, reason: 'required for upstream pushes' });
      const c = await checkPerson(tx, actor, item, now);
      for (const p of c.problems) problems.push({ field: `items/${i}/${p.field}`, reason: p.reason });
      if (c.row) rows.push(c.row);
    }
    if (problems.length) throw invalid(problems[0]!.field, problems[0]!.reason, problems.slice(1));
    const known = new Set(
      (
        await repo.findByUpstreamRef(
          tx,
          rows.map((r) => r.upstreamRef!),
        )
      ).map((r) => r.upstreamRef),
    );
    let created = 0;
    for (const r of rows) {
      if (known.has(r.upstreamRef ?? null)) continue;
      known.add(r.upstreamRef ?? null);
      const id = randomUUID();
      await repo.insertPerson(tx, { ...r, id, source: 'upstream', createdBy: actor.name });
      await repo.insertHistory(tx, {
        id: randomUUID(),
        personId: id,
        fromStatus: null,
        toStatus: 'abroad',
        reason: 'upstream',
        by: actor.name,
        at: now,
      });
      created++;
    }
    await audit(tx, actor, {
      action: 'import',
      entityType: 'return_person',
      details: { upstream: items.length, created },
    });
    return { created, known: items.length - created };
  });
}

export async function listPersons(db: Db, actor: Actor, q: ReturnQuery, clock: Clock) {
  assertCan(actor, 'returns:read');
  const full = wantsUnmasked(actor, q.unmask);
  const path = q.unitId ? (await visibleUnit(db, actor, q.unitId)).path : actor.unitPath;
  const page = q.page ?? 1,
    pageSize = q.pageSize ?? 50;
  const r = await repo.listPersons(db, {
    path,
    status: q.status,
    open: q.open,
    q: q.q,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  await audit(db, actor, {
    action: full ? 'view_unmasked' : 'view',
    entityType: 'return_person',
    details: { count: r.rows.length, filter: { status: q.status, open: q.open, unitId: q.unitId } },
  });
  const now = clock();
  return { items: r.rows.map((p) => present(p, full, now)), total: r.total, page, pageSize };
}

async function visiblePerson(db: Db, actor: Actor, id: string) {
  const p = await repo.findPerson(db, id);
  if (!p || !visible(actor, p)) throw notFound('person');
  return p;
}

export async function getPerson(db: Db, actor: Actor, id: string, unmask: boolean | undefined, clock: Clock) {
  assertCan(actor, 'returns:read');
  const full = wantsUnmasked(actor, unmask);
  const p = await visiblePerson(db, actor, id);
  const [contacts, history] = await Promise.all([repo.contactsOf(db, id), repo.historyOf(db, id)]);
  await audit(db, actor, { action: full ? 'view_unmasked' : 'view', entityType: 'return_person', entityId: id });
  return {
    ...present(p, full, clock()),
    contacts: contacts.map((c) => ({
      id: c.id,
      at: c.at.toISOString(),
      by: c.by,
      contact: c.contact,
      channel: c.channel,
      summary: c.summary,
    })),
    history: history.map((h) => ({
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      reason: h.reason,
      by: h.by,
      at: h.at.toISOString(),
    })),
  };
}

export async function changeStatus(db: Db, actor: Actor, id: string, body: ReturnTransition, clock: Clock) {
  assertCan(actor, 'returns:write');
  const now = clock();
  return db.transaction(async (tx) => {
    const p = await visiblePerson(tx, actor, id);
    if (body.version !== undefined && body.version !== p.version)
      throw conflict('changed by someone else: reload', 'version');
    const t = transition({ status: p.status as ReturnStatus, dueAt: p.dueAt }, body.status, now, {
      reason: body.reason,
      dueAt: body.dueAt ? new Date(body.dueAt) : undefined,
    });
    if ('error' in t) throw invalid(t.field, t.error);
    if (
      !(await repo.updatePerson(tx, id, p.version, {
        status: t.status,
        dueAt: t.dueAt,
        closedAt: t.closedAt,
        updatedAt: now,
      }))
    )
      throw conflict('changed by someone else: reload', 'version');
    await repo.insertHistory(tx, {
      id: randomUUID(),
      personId: id,
      fromStatus: p.status,
      toStatus: t.status,
      reason: body.reason ?? null,
      by: actor.name,
      at: now,
    });
    await audit(tx, actor, {
      action: 'update',
      entityType: 'return_person',
      entityId: id,
      details: { from: p.status, to: t.status, reason: body.reason },
    });
    return { id, status: t.status, dueAt: t.dueAt.toISOString(), version: p.version + 1 };
  });
}

export async function logContact(db: Db, actor: Actor, id: string, body: NewReturnContact, clock: Clock) {
  assertCan(actor, 'returns:write');
  for (const [k, v] of Object.entries(body)) if (hasUnstorableText(v)) throw invalid(k, 'unstorable characters');
  const now = clock();
  return db.transaction(async (tx) => {
    await visiblePerson(tx, actor, id);
    const cid = randomUUID();
    await repo.insertContact(tx, { id: cid, personId: id, at: now, by: actor.name, ...body });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'return_contact',
      entityId: cid,
      details: { personId: id, channel: body.channel },
    });
    return { id: cid };
  });
}

/** Counts and the return rate under a unit path; with a period, `returnedInPeriod` counts returns closed in it. */
export async function countsUnder(db: Db, path: string, now: Date, period?: { from: Date; to: Date }) {
  const c = await repo.counts(db, path, now, period);
  return { ...c, rate: returnRate(c) };
}

/** The board of a unit: counts, rate and the open items, oldest due first, until each is closed (逐一销账). */
export async function board(db: Db, actor: Actor, q: { unitId?: string; unmask?: boolean }, clock: Clock) {
  assertCan(actor, 'returns:read');
  const full = wantsUnmasked(actor, q.unmask);
  const unit = await visibleUnit(db, actor, q.unitId ?? actor.unitId ?? '');
  const now = clock();
  const c = await countsUnder(db, unit.path, now);
  const items = await repo.listPersons(db, { path: unit.path, open: true, limit: 500, offset: 0 });
  await audit(db, actor, {
    action: full ? 'view_unmasked' : 'view',
    entityType: 'return_board',
    entityId: unit.id,
    details: { open: c.open },
  });
  const counts: ReturnCounts = {
    total: c.total,
    open: c.open,
    overdue: c.overdue,
    returned: c.returned,
    writtenOff: c.writtenOff,
    rate: c.rate,
  };
  return { unitId: unit.id, unitName: unit.name, counts, items: items.rows.map((p) => present(p, full, now)) };
}
