import { publishMany } from '../../platform/events/index.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import './events.ts';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, assertMayUnmask, inScope, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/errors.ts';
import {
  LEVEL_NAMES,
  type WarningDetail,
  type WarningLevel,
  type WarningQuery,
  type WarningSummary,
} from '../../../contract/warnings.ts';
import { maskAccount, maskAddress, maskName, maskPhone, maskResidentId } from '../identifiers/index.ts';
import { fraudTypeRef } from '../fraud-types/index.ts';
import { audit, auditMany, type AuditEntry } from '../audit/index.ts';
import * as org from '../org/index.ts';
import { locateResidents } from '../residents/index.ts';
import {
  dbRoutingPorts,
  phoneHomeAreas,
  routeExplanation,
  routeWarning,
  stationsAbove,
  type RoutingPorts,
} from '../routing/index.ts';
import * as repo from './repository.ts';
import { searchableIdNumber, searchablePhone } from './subject.ts';
import { summaryTextOf } from './texts.ts';
import type { FraudTypeScore, StoredRuleHit, WarningRoute, WarningSubject, warnings } from './schema.ts';

// ── Writing: the engine (and upstream pushes, hand entries) open and update warnings ────────────────────────

export interface WarningEvidence {
  subjectKey: string;
  subject: WarningSubject;
  level: WarningLevel;
  score: number;
  fraudTypes: FraudTypeScore[];
  ruleHits: StoredRuleHit[];
  evidenceEventIds: string[];
  summary?: string;
  configVersion?: string;
  firstEventAt?: Date;
}

export interface UpsertResult {
  id: string;
  created: boolean;
  levelRaised: boolean;
}

/**
 * Opens a warning for the subject, or updates their open one with the new evidence (never a second open
 * warning: a partial unique index backs this up). A new warning is routed here, once: its unit and the routing
 * steps are stored with it, and the lifecycle's start uses them. Call inside the transaction that records the decision.
 */
export async function upsertWarning(
  tx: Db,
  source: 'engine' | 'upstream' | 'manual',
  ev: WarningEvidence,
  actor: Actor = SYSTEM_ACTOR,
  clock: Clock = systemClock,
): Promise<UpsertResult> {
  return (await upsertWarnings(tx, source, [ev], actor, clock))[0]!;
}

/**
 * `upsertWarning` for many subjects in a handful of statements, with the same outcome as calling it for each
 * evidence in order: one select of the open warnings of all subject keys, one multi-row insert, one update of
 * all open ones, the audit rows (one per change) in one insert, and routing looked up once per distinct key.
 * A subject key given twice is applied twice, in order (the second updates what the first opened).
 * Results are in the order of `evs`. Call inside the transaction that records the decision.
 */
export async function upsertWarnings(
  tx: Db,
  source: 'engine' | 'upstream' | 'manual',
  evs: WarningEvidence[],
  actor: Actor = SYSTEM_ACTOR,
  clock: Clock = systemClock,
): Promise<UpsertResult[]> {
  const results: UpsertResult[] = new Array(evs.length);
  // Rounds of distinct subject keys: a repeated key waits for the round after the one that wrote it.
  let todo = evs.map((ev, i) => ({ ev, i }));
  while (todo.length) {
    const round: typeof todo = [],
      later: typeof todo = [],
      seen = new Set<string>();
    for (const x of todo) {
      (seen.has(x.ev.subjectKey) ? later : round).push(x);
      seen.add(x.ev.subjectKey);
    }
    const rs = await upsertDistinct(
      tx,
      source,
      round.map((x) => x.ev),
      actor,
      clock,
    );
    round.forEach((x, k) => {
      results[x.i] = rs[k]!;
    });
    todo = later;
  }
  return results;
}

async function upsertDistinct(
  tx: Db,
  source: 'engine' | 'upstream' | 'manual',
  evs: WarningEvidence[],
  actor: Actor,
  clock: Clock,
): Promise<UpsertResult[]> {
  if (!evs.length) return [];
  const open = new Map(
    (
      await repo.findOpenBySubjects(
        tx,
        evs.map((ev) => ev.subjectKey),
      )
    ).map((w) => [w.subjectKey, w]),
  );
  const fresh = evs.filter((ev) => !open.has(ev.subjectKey));
  const routes = fresh.length
    ? await routeSubjects(
        tx,
        fresh.map((ev) => ev.subject),
      )
    : [];
  const now = new Date(clock());
  const inserts: (typeof warnings.$inferInsert)[] = [];
  const patches: repo.WarningEvidencePatch[] = [];
  const entries: AuditEntry[] = [];
  let f = 0;
  const results = evs.map((ev): UpsertResult => {
    const subjectPhone = searchablePhone(ev.subject.phone);
    const subjectIdNumber = searchableIdNumber(ev.subject.idNumber);
    const o = open.get(ev.subjectKey);
    if (o) {
      const levelRaised = rank(ev.level) > rank(o.level as WarningLevel);
      const level = levelRaised ? ev.level : o.level;
      patches.push({
        id: o.id,
        level,
        score: Math.max(ev.score, o.score),
        fraudTypes: ev.fraudTypes,
        ruleHits: ev.ruleHits,
        evidenceEventIds: ev.evidenceEventIds,
        subject: { ...o.subject, ...ev.subject },
        subjectPhone: subjectPhone ?? o.subjectPhone,
        subjectIdNumber: subjectIdNumber ?? o.subjectIdNumber,
        summary: ev.summary ?? o.summary,
        configVersion: ev.configVersion,
        updatedAt: now,
      });
      entries.push({
        action: 'update',
        entityType: 'warning',
        entityId: o.id,
        details: { levelRaised, level, hits: ev.ruleHits.length },
      });
      return { id: o.id, created: false, levelRaised };
    }
    const route = routes[f++]!;
    const id = randomUUID();
    inserts.push({
      id,
      source,
      subjectKey: ev.subjectKey,
      subject: ev.subject,
      subjectPhone,
      subjectIdNumber,
      level: ev.level,
      score: ev.score,
      fraudTypes: ev.fraudTypes,
      ruleHits: ev.ruleHits,
      evidenceEventIds: ev.evidenceEventIds,
      summary: ev.summary ?? null,
      unitId: route.unitId,
      routed: route.routed,
      route: route.route,
      configVersion: ev.configVersion ?? null,
      firstEventAt: ev.firstEventAt ?? null,
    });
    entries.push({
      action: 'create',
      entityType: 'warning',
      entityId: id,
      details: { source, level: ev.level, routed: route.routed },
    });
    return { id, created: true, levelRaised: false };
  });
  await repo.insertWarnings(tx, inserts);
  await publishMany(
    tx,
    'warning.opened',
    inserts.map((w) => ({
      warningId: w.id!,
      unitId: w.unitId,
      subjectKey: w.subjectKey,
      ...(w.subjectPhone ? { phone: w.subjectPhone } : {}),
      level: w.level as WarningLevel,
      fraudTypes: (w.fraudTypes ?? []).map((t) => t.code),
      source,
      openedAt: now.toISOString(),
    })),
  );
  await repo.updateWarningsEvidence(tx, patches);
  await auditMany(tx, actor, entries);
  return results;
}

const rank = (l: WarningLevel) => ({ low: 1, medium: 2, high: 3 })[l];

/** Where routing put a subject, and the steps that led there (stored with the warning: routed once). */
export interface Placement {
  unitId: string;
  routed: boolean;
  route: WarningRoute;
}

/**
 * First-cut routing: the grid of the resident registry entry (by ID, then phone); otherwise the centre's queue
 * (the first city unit, else the root) for manual routing.
 */
export async function routeSubject(db: Db, subject: WarningSubject): Promise<Placement> {
  return (await routeSubjects(db, [subject]))[0]!;
}

/**
 * `routeSubject` for many subjects in a few queries: the registry entries, their grids' stations and the phones'
 * home areas of all subjects are fetched at once; the rarer lookups (area → station, branch → area, the centre's
 * queue) once per distinct key. Answers in the order of `subjects`.
 */
export async function routeSubjects(db: Db, subjects: WarningSubject[]): Promise<Placement[]> {
  if (!subjects.length) return [];
  // the registry grid's station, else the phone's home area, else the reporting branch's area (routing/routing.ts)
  const base = dbRoutingPorts(db);
  const located = await locateResidents(
    db,
    subjects.map((s) => ({ idNumber: s.idNumber ?? null, phone: s.phone ?? null })),
  );
  const phones = [...new Set(subjects.flatMap((s) => (s.phone?.trim() ? [s.phone.trim()] : [])))];
  const areas = phones.length ? await phoneHomeAreas(db, phones) : new Map<string, string | null>();
  const grids = [...new Set(located.flatMap((r) => (r ? [r.unitId] : [])))];
  const stations = grids.length ? await stationsAbove(db, grids) : new Map<string, string | null>();
  const shared: Omit<RoutingPorts, 'findResident'> = {
    stationForGrid: memo((g: string) => (stations.has(g) ? stations.get(g)! : base.stationForGrid(g))),
    stationForAddress: memo((a: string) => base.stationForAddress(a)),
    phoneHomeArea: (p: string) => (areas.has(p) ? areas.get(p)! : base.phoneHomeArea(p)),
    stationForArea: memo((c: string) => base.stationForArea(c)),
    branchArea: memo((b: string) => base.branchArea(b)),
  };
  const queue = memo(async (_: string) => {
    const [city] = await org.listUnitRows(db, { pathPrefix: '/', kind: 'city' });
    const root = city ?? (await org.findRootUnit(db));
    if (!root) throw new Error('no root unit: the platform was not bootstrapped');
    return root.id;
  });
  const out: Placement[] = [];
  for (const [i, subject] of subjects.entries()) {
    const home = located[i] ?? null;
    const r = await routeWarning(
      {
        subject: { residentId: subject.idNumber, phone: subject.phone, address: subject.address },
        reportingBranchId: subject.reportingBranchId,
      },
      { ...shared, findResident: () => (home ? { gridId: home.unitId } : null) },
    );
    const placed = r.routed
      ? { unitId: r.unitId, routed: true }
      : home
        ? { unitId: home.unitId, routed: true }
        : { unitId: await queue(''), routed: false };
    out.push({ ...placed, route: routeExplanation(r, placed) });
  }
  return out;
}

/** One lookup per distinct key (within one call: the answers are those of the current transaction). */
function memo<T>(f: (k: string) => Promise<T> | T): (k: string) => Promise<T> {
  const m = new Map<string, Promise<T>>();
  return (k) => {
    let p = m.get(k);
    if (!p) m.set(k, (p = Promise.resolve().then(() => f(k))));
    return p;
  };
}

// ── Reading: scoped to the jurisdiction, masked by role, every read audited ─────────────────────────────────

/** `open` and `routed` are the board's filters (dissuasion): applied in SQL, so paging and `total` count them. */
export async function listWarnings(
  db: Db,
  actor: Actor,
  q: WarningQuery & { open?: boolean; routed?: boolean },
): Promise<{ items: WarningSummary[]; total: number }> {
  assertCan(actor, 'warnings:read');
  if (q.unmask) assertMayUnmask(actor);
  const pageSize = q.pageSize ?? 50;
  return db.transaction(async (tx) => {
    const { rows, total } = await repo.searchWarnings(tx, {
      pathPrefix: actor.unitPath,
      status: q.status,
      level: q.level,
      type: q.type,
      unitId: q.unitId,
      phone: q.phone,
      idNumber: q.idNumber?.toUpperCase(),
      from: q.from,
      to: q.to,
      open: q.open,
      routed: q.routed,
      limit: pageSize,
      offset: ((q.page ?? 1) - 1) * pageSize,
    });
    if (rows.length) {
      await audit(tx, actor, {
        action: q.unmask ? 'view_unmasked' : 'view',
        entityType: 'warning',
        details: { ids: rows.map((r) => r.id) },
      });
    }
    return { items: rows.map((r) => presentSummary(r, !!q.unmask)), total };
  });
}

export async function getWarning(
  db: Db,
  actor: Actor,
  id: string,
  unmask = false,
  loadEvidence: (db: Db, eventIds: string[]) => Promise<WarningDetail['evidence']> = async () => [],
): Promise<WarningDetail> {
  assertCan(actor, 'warnings:read');
  if (unmask) assertMayUnmask(actor);
  return db.transaction(async (tx) => {
    const row = await repo.findWarning(tx, id);
    if (!row || !inScope(actor, row.unitPath)) throw notFound('warning');
    await audit(tx, actor, { action: unmask ? 'view_unmasked' : 'view', entityType: 'warning', entityId: id });
    return {
      ...presentSummary(row, unmask),
      ruleHits: row.ruleHits.map((h) => ({ ...h, fraudTypes: h.fraudTypes.map(fraudTypeRef) })),
      evidence: await loadEvidence(tx, row.evidenceEventIds),
      disposition: row.disposition ?? null,
    };
  });
}

export function presentSummary(r: repo.WarningWithUnit, unmasked: boolean): WarningSummary {
  const s = r.subject;
  return {
    id: r.id,
    source: r.source,
    level: r.level as WarningLevel,
    levelName: LEVEL_NAMES[r.level as WarningLevel],
    score: r.score,
    fraudTypes: r.fraudTypes.map(({ code }) => fraudTypeRef(code)), // the catalogue in force, not the stored name
    status: r.status,
    unitId: r.unitId,
    unitName: r.unitName,
    routed: r.routed,
    subject: {
      name: s.name ? (unmasked ? s.name : maskName(s.name)) : null,
      phone: s.phone ? (unmasked ? s.phone : maskPhone(s.phone)) : null,
      idNumber: s.idNumber ? (unmasked ? s.idNumber : maskResidentId(s.idNumber)) : null,
      account: s.account ? (unmasked ? s.account : maskAccount(s.account)) : null,
      address: s.address ? (unmasked ? s.address : maskAddress(s.address)) : null,
    },
    masked: !unmasked,
    summary: r.summary,
    summaryText: summaryTextOf(r.source, r.summary, r.ruleHits),
    hitCount: r.ruleHits.length,
    openedAt: r.openedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}

/** Subject keys of the open engine warnings among `keys` (null: all), for detection (platform-internal). */
export const openEngineWarningKeys = (db: Db, keys: string[] | null): Promise<string[]> =>
  repo.openEngineWarningKeys(db, keys);

// ── for the dissuasion workflow, which moves a warning's status and closes it (platform-internal: callers scope) ──
export const lockWarning = (tx: Db, id: string) => repo.lockWarning(tx, id);
export const newWarningIds = (db: Db, before: Date, limit: number) => repo.newWarningIds(db, before, limit);
export const warningsByIds = (db: Db, ids: string[]) => repo.findWarningsByIds(db, ids);
/** Closed warnings of any of these subjects, closed on or after `since` (not merged ones): 预警后被骗 candidates. */
export const closedWarningsOfSubject = (
  db: Db,
  who: { phones: string[]; idNumbers: string[] },
  since: Date,
  pathPrefix = '/',
) => repo.closedWarningsOfSubject(db, who, since, pathPrefix);
/** Warnings closed in [from, to) per unit under `pathPrefix` (not merged ones). */
export const closedCountsByUnit = (db: Db, pathPrefix: string, from: Date, to: Date) =>
  repo.closedCountsByUnit(db, pathPrefix, from, to);

// ── the warning row as the dissuasion workflow reads and moves it (status, unit, closure are the workflow's;
// platform-internal: the callers scope) ──
export type WarningWithUnit = repo.WarningWithUnit;
/** One warning with its unit's name and path. */
export const findWarning = (db: Db, id: string) => repo.findWarning(db, id);
/** Row locks on many warnings in id order (`skipLocked`: leave out rows another transaction holds). */
export const lockWarnings = (tx: Db, ids: string[], o: { skipLocked?: boolean } = {}) => repo.lockWarnings(tx, ids, o);
/** The open warnings of many subjects (at most one per key). */
export const findOpenBySubjects = (db: Db, subjectKeys: string[]) => repo.findOpenBySubjects(db, subjectKeys);
/** Changes one warning's columns (updated at the clock's now). */
export const updateWarning = (
  db: Db,
  id: string,
  patch: Partial<typeof warnings.$inferInsert>,
  now: Clock = systemClock,
) => repo.updateWarning(db, id, patch, new Date(now()));
/** New phases of many warnings in one statement (a route kept only where the warning has none). */
export const updateStatuses = (
  db: Db,
  rows: { id: string; status: string; route?: WarningRoute | undefined }[],
  now: Clock = systemClock,
) => repo.updateStatuses(db, rows, new Date(now()));
