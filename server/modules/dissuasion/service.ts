import { publish } from '../../platform/events/index.ts';
import { assertCan, can, inScope, type Actor } from '../../platform/auth/actor.ts';
import { alreadyDone, conflict, illegalTransition, invalid, invalidMany, notFound } from '../../platform/errors.ts';
import {
  DISPOSITIONS,
  type BoardPage,
  type BoardQuery,
  type DispositionView,
  type Transition,
  type DissuasionConfigBody,
  type NewWarning,
  type WarningAction,
} from '../../../contract/dissuasion.ts';
import { LEVEL_NAMES } from '../../../contract/warnings.ts';
import { text, type ServerText } from '../../../contract/texts.ts';
import { audit, searchAudit } from '../audit/index.ts';
import { assertTopLevel } from '../org/index.ts';
import { fraudType, fraudTypeRef } from '../fraud-types/index.ts';
import { maskAddress, maskName, maskPhone, normalizePhone, parseResidentId, subjectKey } from '../identifiers/index.ts';
import { presentSubject, showPhone, wantsUnmasked } from './personal.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { findUser } from '../users/index.ts';
import { listUsers } from '../users/index.ts';
import { readTable, relativesOf } from '../residents/index.ts';
import * as warningsRepo from '../warnings/index.ts';
import { GENERATED_HIT_REASON, GENERATED_SUMMARY, listWarnings, upsertWarning } from '../warnings/index.ts';
import { parseCallback } from '../channels/index.ts';
import { warningsFromTable } from './upstream-file.ts';
import { parseFollowupConfig } from './followup.ts';
import { transition, type Command, type Disposition, type TransitionContext, type WarningState } from './lifecycle.ts';
import { parseSlaConfig, type Level } from './sla.ts';
import * as repo from './repository.ts';
import { storedConfig } from './config.ts';
import type { DissuasionContext } from './context.ts';
import { selectScript } from './scripts.ts';
import { audiencesOf } from './audience.ts';
import { countdown } from './sla.ts';
import { startWarning } from './start.ts';
import { applyCommand, levelRaised, type ApplyResult } from './transitions.ts';

// Use cases of the station and the centre: actions on a warning, its workflow detail, hand entry and
// upstream pushes, follow-ups and the 预警后被骗 KPI. Permission and jurisdiction checks live here.

export function raise(r: ApplyResult): void {
  if (r.ok) return;
  switch (r.code) {
    case 'not_found':
      throw notFound('warning');
    case 'illegal_transition':
      throw illegalTransition(r.reason);
    case 'stale_timer':
      throw conflict(r.reason);
    default:
      throw invalid(r.code === 'invalid_disposition' ? 'disposition' : 'body', r.reason);
  }
}

/** One lifecycle action by an officer: 409 with the reason when the state does not allow it, 400 for bad input. */
export async function act(rt: DissuasionContext, actor: Actor, id: string, a: WarningAction) {
  assertCan(actor, 'warnings:write');
  let cmd: Command;
  switch (a.type) {
    case 'sign':
      cmd = { type: 'sign', userId: actor.id };
      break;
    case 'assign': {
      // the assignee must work in the unit holding the warning (or below it) and be able to act on it; station
      // officers may assign without the users:read permission, so this reads the user directly
      const w = await warningsRepo.findWarning(rt.db, id);
      if (!w || !inScope(actor, w.unitPath)) throw notFound('warning');
      const u = await findUser(rt.db, { id: a.userId });
      if (!u || !u.unitPath.startsWith(w.unitPath) || !ASSIGNABLE_ROLES.includes(u.role))
        throw invalid('userId', 'no such officer in the unit holding the warning');
      if (u.disabled) throw invalid('userId', 'this account is disabled');
      cmd = { type: 'assign', userId: a.userId };
      break;
    }
    case 'record_contact':
      cmd = { type: 'record_contact', channel: a.channel, reached: a.reached, ...(a.note ? { note: a.note } : {}) };
      break;
    case 'close':
      cmd = {
        type: 'close',
        disposition: a.disposition,
        note: a.note,
        ...(a.loss !== undefined ? { loss: a.loss } : {}),
        ...(a.lossAvoided !== undefined ? { lossAvoided: a.lossAvoided } : {}),
      };
      break;
    default:
      cmd = a;
      break;
  }
  const r = await applyCommand(rt, actor, id, { command: cmd });
  raise(r);
  // what the officer did on the ground is an attempt too, with the visit checklist when one was filled in
  if (a.type === 'record_contact' || (a.type === 'close' && a.checklist)) {
    await repo.insertAttempt(rt.db, {
      warningId: id,
      channel: a.type === 'record_contact' ? a.channel : 'visit',
      at: new Date(rt.now()),
      actorId: actor.id,
      ok: a.type === 'record_contact' ? a.reached : true,
      outcome: a.type === 'record_contact' ? (a.reached ? 'reached' : 'not_reached') : 'closed',
      detail: a.note ?? null,
      record: a.checklist ? { checklist: a.checklist } : null,
    });
  }
  return { ok: true, status: r.ok ? r.next : null };
}

export const ASSIGNABLE_ROLES = ['station_officer', 'grid_worker', 'center_analyst'];

/** Who may be assigned a warning: active officers of the holding unit and the units below it (names only). */
export async function assignees(rt: DissuasionContext, actor: Actor, id: string) {
  assertCan(actor, 'warnings:write');
  const w = await warningsRepo.findWarning(rt.db, id);
  if (!w || !inScope(actor, w.unitPath)) throw notFound('warning');
  const { items } = await listUsers(rt.db, { ...SYSTEM_ACTOR, unitPath: w.unitPath }, {});
  return {
    items: items
      .filter((u) => ASSIGNABLE_ROLES.includes(u.role) && !u.disabled)
      .map((u) => ({ id: u.id, displayName: u.displayName, role: u.role, unitName: u.unitName })),
  };
}

/**
 * The dispositions a close may use in this state (before a unit signs for it, only 误报), probed on the state
 * machine with amounts each disposition accepts, so the form never offers what the server refuses.
 */
export function closeDispositions(state: string, ctx: TransitionContext): Disposition[] {
  return DISPOSITIONS.filter(
    (d) =>
      transition(
        state as WarningState,
        {
          type: 'close',
          disposition: d,
          note: 'probe',
          ...(d === 'defrauded' ? { loss: 1 } : {}),
        },
        ctx,
      ).ok,
  );
}

export async function bulkDispatch(rt: DissuasionContext, actor: Actor, ids: string[], unitId: string) {
  assertCan(actor, 'warnings:write');
  const results = [];
  for (const id of ids) {
    const r = await applyCommand(rt, actor, id, { command: { type: 'dispatch', unitId } });
    results.push({ id, ok: r.ok, ...(r.ok ? {} : { error: r.reason }) });
  }
  return { results };
}

/**
 * The actions an officer may take now, asked of the state machine itself (with placeholder arguments) so the
 * buttons can never drift from the rules: a command is offered unless the state refuses it outright.
 */
const PROBES: Command[] = [
  { type: 'sign', userId: 'u' },
  { type: 'assign', userId: 'u' },
  { type: 'start_visit' },
  { type: 'record_contact', channel: 'visit', reached: true },
  { type: 'close', disposition: 'dissuaded', note: '' },
  { type: 'close', disposition: 'false_alarm', note: 'probe' },
  { type: 'escalate', reason: 'probe' },
  { type: 'reopen', reason: 'probe' },
  { type: 'dispatch', unitId: 'u' },
];
export function allowedActions(state: string, ctx: TransitionContext, actor?: Actor): string[] {
  // the state allows them, the role must too: a reader (a leader, a liaison) is offered none
  if (actor && !can(actor, 'warnings:write')) return [];
  const out = new Set<string>();
  for (const c of PROBES) if (transition(state as WarningState, c, ctx).ok) out.add(c.type);
  return [...out];
}

/**
 * Everything the detail page needs beyond the warning itself: the subject (name, phone, ID, address) and the
 * relatives' numbers, masked unless the caller may and asks with a purpose. Read is audited like the warning.
 */
export async function workflowDetail(rt: DissuasionContext, actor: Actor, id: string, unmask?: boolean) {
  assertCan(actor, 'warnings:read');
  const full = wantsUnmasked(actor, unmask);
  return rt.db.transaction(async (tx) => {
    const w = await warningsRepo.findWarning(tx, id);
    if (!w || !inScope(actor, w.unitPath)) throw notFound('warning');
    const [wf, attempts, tasks, fus, flags, timers, trail, intakes] = await Promise.all([
      repo.workflowOf(tx, id),
      repo.attemptsOf(tx, id),
      repo.tasksOf(tx, id),
      repo.followupsOf(tx, id),
      repo.flagsOf(tx, id),
      repo.activeTimers(tx, [id]),
      searchAudit(tx, { entityType: 'warning', entityId: id, action: 'transition', pageSize: 200 }),
      repo.searchCaseIntakes(tx, { pathPrefix: '/', warningId: id }),
    ]);
    await audit(tx, actor, {
      action: full ? 'view_unmasked' : 'view',
      entityType: 'warning',
      entityId: id,
      details: { part: 'workflow' },
    });
    // what the call and the SMS say to this person: the texts for their audience (registry age, occupation)
    const [audience = 'general'] = await audiencesOf(tx, [w], rt.now());
    const script = selectScript({
      fraudTypes: w.fraudTypes.map((f) => f.code),
      evidence: w.ruleHits.map((h) => h.ruleId),
      audience,
    });
    const relatives = await relativesOf(tx, { idNumber: w.subjectIdNumber, phone: w.subjectPhone });
    const now = rt.now();
    const ctx: TransitionContext = {
      now,
      level: w.level as Level,
      sla: rt.sla,
      autoContactAttempts: wf.autoContactAttempts,
      unitId: w.unitId,
    };
    const people = await namesOf(tx, [
      wf.assigneeId,
      wf.signedBy,
      ...fus.map((f) => (f.assigneeKind === 'grid_worker' ? f.assigneeId : null)),
    ]);
    return {
      id,
      status: w.status,
      level: w.level,
      levelName: LEVEL_NAMES[w.level as 'high'],
      unitId: w.unitId,
      unitName: w.unitName,
      routed: w.routed,
      allowedActions: allowedActions(w.status, ctx, actor),
      closeDispositions: closeDispositions(w.status, ctx),
      assigneeName: wf.assigneeId ? (people.get(wf.assigneeId) ?? null) : null,
      signedByName: wf.signedBy ? (people.get(wf.signedBy) ?? null) : null,
      disposition: (w.disposition as DispositionView | null) ?? null,
      closedAt: w.closedAt?.toISOString() ?? null,
      countdowns: countdown(
        timers.map((t) => ({ timer: t.timer as 'sign', dueAt: t.dueAt.getTime() })),
        now,
      ),
      autoContactAttempts: wf.autoContactAttempts,
      assigneeId: wf.assigneeId,
      signedBy: wf.signedBy,
      signedAt: wf.signedAt?.toISOString() ?? null,
      escalation: { level: wf.escalationLevel, at: wf.escalatedAt?.toISOString() ?? null, reason: wf.escalationReason },
      // kept with the warning when it opened; the workflow's copy is that of warnings opened before (migration 0010)
      route: await presentRoute(tx, w.route ?? wf.route, full),
      leads: wf.leads ?? [],
      transitions: trail.items
        .reverse()
        // the lifecycle's audit shape (transitions.ts, start.ts, warnings' merge): command, from, to, ok, …
        .map((a) => ({ at: a.at, actor: a.actorName, ...(a.details as Omit<Transition, 'at' | 'actor'>) })),
      attempts: attempts.map((a) => ({
        id: a.id,
        channel: a.channel,
        at: a.at.toISOString(),
        ok: a.ok,
        outcome: a.outcome,
        externalId: a.externalId,
        detail: a.detail,
        record: a.record,
        resultAt: a.resultAt?.toISOString() ?? null,
      })),
      tasks: tasks.map((t) => ({
        id: t.id,
        kind: t.kind,
        unitId: t.unitId,
        title: t.title,
        items: t.items,
        status: t.status,
        createdAt: t.createdAt.toISOString(),
        doneAt: t.doneAt?.toISOString() ?? null,
      })),
      followups: fus.map((f) => ({ ...presentFollowup(f), assigneeName: people.get(f.assigneeId) ?? null })),
      flags: flags.map((f) => ({
        kind: f.kind,
        victimKind: f.victimKind,
        victimId: f.victimId,
        at: f.at.toISOString(),
        daysAfterClose: f.daysAfterClose,
      })),
      caseIntakes: intakes.map(({ r }) => ({
        id: r.id,
        status: r.status,
        loss: r.loss,
        requestedAt: r.requestedAt.toISOString(),
        caseRef: r.caseRef,
      })),
      script: {
        version: script.version,
        fraudType: script.fraudType,
        audience,
        talkingPoints: script.talkingPoints,
        voice: script.voiceSegments.map((s) => s.text),
        sms: script.sms,
      },
      subject: presentSubject(
        { ...w.subject, phone: w.subjectPhone ?? w.subject.phone, idNumber: w.subjectIdNumber ?? w.subject.idNumber },
        full,
      ),
      // relatives are people too: masked like the subject, shown under the same rule
      relatives: relatives.map((r) => ({
        name: r.name ? (full ? r.name : maskName(r.name)) : null,
        relation: r.relation ?? null,
        phone: showPhone(r.phone, full),
      })),
      ruleHits: w.ruleHits.map((h) => ({ ...h, fraudTypes: h.fraudTypes.map(fraudTypeRef) })),
    };
  });
}

/**
 * The stored routing steps with unit names beside the ids (a grid id or a station id means nothing to a reader).
 * A step's key is the identifier it looked up (the subject's phone, an address): masked like the subject.
 */
export async function presentRoute(db: import('../../platform/db/index.ts').Db, route: unknown, unmasked: boolean) {
  const r = route as {
    steps?: { via: string; key: string | null; result: string | null }[];
    via?: string | null;
    unitId?: string;
    routed?: boolean;
  } | null;
  if (!r?.steps) return null;
  const name = async (id: string | null) => (id ? ((await repo.unitById(db, id))?.name ?? null) : null);
  const steps = [];
  for (const st of r.steps) {
    steps.push({
      ...st,
      key: maskRouteKey(st.via, st.key, unmasked),
      keyName: st.via === 'resident_grid' ? await name(st.key) : null,
      resultName: await name(st.result),
    });
  }
  return { ...r, steps };
}

/** A routing step's key: unit ids (grid, bank branch) as they are, the subject's phone and addresses masked. */
export function maskRouteKey(via: string, key: string | null, unmasked: boolean): string | null {
  if (!key || unmasked) return key;
  switch (via) {
    case 'resident_grid':
    case 'bank_branch':
      return key;
    case 'phone_area':
      return maskPhone(key);
    case 'resident_address':
    case 'subject_address':
      return maskAddress(key);
    default:
      return '***';
  }
}

/** Display names of users (officers see who signed, who is assigned; ids mean nothing to them). */
export async function namesOf(
  db: import('../../platform/db/index.ts').Db,
  ids: (string | null | undefined)[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids.filter((x): x is string => !!x))) {
    const u = await findUser(db, { id });
    if (u) out.set(id, u.displayName);
  }
  return out;
}

export const presentFollowup = (f: typeof import('./schema.ts').followups.$inferSelect) => ({
  id: f.id,
  warningId: f.warningId,
  seq: f.seq,
  day: f.day,
  dueAt: f.dueAt.toISOString(),
  assigneeKind: f.assigneeKind,
  assigneeId: f.assigneeId,
  unitId: f.unitId,
  doneAt: f.doneAt?.toISOString() ?? null,
  record: f.record,
  cancelled: !!f.cancelledAt,
});

// ── sources: hand entry (96110) and upstream pushes ──────────────────────────────────────────────────────────
// `summaryText`: the code of a summary the system itself wrote (a victim's report, a 96110 call), so the reader of
// another language gets it; a summary a person typed has none. Not part of the HTTP body: callers in code only.
function evidenceOf(input: NewWarning, source: 'manual' | 'upstream', now: number, summaryText?: ServerText) {
  const problems: { field: string; reason: string }[] = [];
  const phone = input.subject.phone ? normalizePhone(input.subject.phone) : null;
  if (phone && !phone.ok) problems.push({ field: 'subject.phone', reason: phone.reason ?? 'not a phone number' });
  const rid = input.subject.idNumber ? parseResidentId(input.subject.idNumber) : null;
  if (rid && !rid.ok) problems.push({ field: 'subject.idNumber', reason: rid.reason ?? 'not a resident ID' });
  for (const c of input.fraudTypes)
    if (!fraudType(c)) problems.push({ field: 'fraudTypes', reason: `unknown fraud type ${c}` });
  const phoneN = phone?.ok ? (phone.national ?? input.subject.phone!) : undefined;
  const idN = rid?.ok ? rid.normalized! : undefined;
  if (!phoneN && !idN && !problems.length)
    problems.push({ field: 'subject', reason: 'a phone number or a resident ID is required' });
  if (problems.length) return { problems };
  // the engine's key for the same person (identifiers/keys.ts): one open warning, whoever raised it first
  const key = subjectKey({ phone: phoneN, idNumber: idN })!;
  const at = new Date(now).toISOString();
  return {
    problems,
    ev: {
      subjectKey: key,
      subject: {
        ...(phoneN ? { phone: phoneN } : {}),
        ...(idN ? { idNumber: idN } : {}),
        ...(input.subject.name ? { name: input.subject.name } : {}),
        ...(input.subject.address ? { address: input.subject.address } : {}),
        ...(input.reportingBranchId ? { reportingBranchId: input.reportingBranchId } : {}),
      },
      level: input.level,
      score: input.level === 'high' ? 90 : input.level === 'medium' ? 60 : 30,
      fraudTypes: input.fraudTypes.map((c) => fraudTypeRef(c)),
      ruleHits: [
        {
          ruleId: source === 'manual' ? 'manual_entry' : 'upstream_push',
          configVersion: source,
          fraudTypes: input.fraudTypes,
          score: 0,
          reason: input.summary ?? GENERATED_HIT_REASON[source],
          // what a person wrote stays as written; the generated reason has a code for the reader's language
          ...(input.summary === undefined ? { text: text(`hit.${source}`) } : summaryText ? { text: summaryText } : {}),
          eventIds: [],
          at,
        },
      ],
      evidenceEventIds: [],
      summary: input.summary ?? GENERATED_SUMMARY[source],
    },
    leads: [
      ...(input.leads ?? []),
      ...(input.externalId ? [`${source === 'upstream' ? '上级编号' : '来源编号'}: ${input.externalId}`] : []),
    ],
  };
}

export async function enterWarning(
  rt: DissuasionContext,
  actor: Actor,
  input: NewWarning,
  source: 'manual' | 'upstream',
  summaryText?: ServerText,
) {
  assertCan(actor, 'warnings:write');
  const e = evidenceOf(input, source, rt.now(), summaryText);
  if (!e.ev) throw invalid(e.problems[0]!.field, e.problems[0]!.reason, e.problems.slice(1));
  const ev = e.ev;
  const res = await rt.db.transaction(async (tx) => {
    // the person's open warning held by a unit outside the caller's jurisdiction is neither changed nor shown:
    // the report is passed on to that unit (a notice after commit) and the caller learns no id, name or unit
    const [open] = await warningsRepo.findOpenBySubjects(tx, [ev.subjectKey]);
    const held = open ? await warningsRepo.findWarning(tx, open.id) : undefined;
    if (held && !inScope(actor, held.unitPath)) {
      await audit(tx, actor, {
        action: 'create',
        entityType: 'warning_report',
        details: { source, forwardedTo: held.id, level: ev.level },
      });
      return { id: held.id, created: false, levelRaised: false, forwardTo: held.unitPath };
    }
    return upsertWarning(tx, source, ev, actor, rt.now);
  });
  if ('forwardTo' in res) {
    rt.hub.publish({
      kind: 'notify_unit',
      warningId: res.id,
      unitPath: res.forwardTo,
      level: ev.level,
      urgent: ev.level === 'high',
      reason: `其他单位${source === 'manual' ? '人工录入' : '上级推送'}同一对象的预警`,
      at: new Date(rt.now()).toISOString(),
    });
    return { id: null, created: false, levelRaised: false, forwarded: true };
  }
  if (res.created) await startWarning(rt, res.id, actor, { leads: e.leads });
  else {
    if (e.leads.length) await repo.updateWorkflow(rt.db, res.id, { leads: e.leads });
    if (res.levelRaised) await levelRaised(rt, res.id);
  }
  return { ...res, forwarded: false };
}

/** An upstream file or API batch: row by row, each its own warning; the report says which rows failed and why. */
export async function importUpstream(rt: DissuasionContext, actor: Actor, items: NewWarning[]) {
  assertCan(actor, 'warnings:write');
  const rows: { row: number; ok: boolean; id?: string; error?: string }[] = [];
  for (const [i, item] of items.entries()) {
    try {
      const r = await enterWarning(rt, actor, item, 'upstream');
      rows.push({ row: i + 1, ok: true, ...(r.id ? { id: r.id } : {}) });
    } catch (err) {
      rows.push({ row: i + 1, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { imported: rows.filter((r) => r.ok).length, rows };
}

/**
 * The centre board: the scoped warning list (filters and paging in SQL: `open` leaves closed ones out, `routed=false`
 * is the manual-routing queue) plus each row's countdowns, escalation level and what the caller may do now (the
 * station inbox shows its buttons without a request per warning).
 */
export async function board(rt: DissuasionContext, actor: Actor, q: BoardQuery): Promise<BoardPage> {
  const list = await listWarnings(rt.db, actor, {
    ...(q.status ? { status: q.status } : {}),
    ...(q.level ? { level: q.level } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.unitId ? { unitId: q.unitId } : {}),
    ...(q.open ? { open: true } : {}),
    ...(q.routed !== undefined ? { routed: q.routed } : {}),
    pageSize: q.pageSize ?? 200,
    page: q.page ?? 1,
    unmask: wantsUnmasked(actor, q.unmask),
  });
  const ids = list.items.map((w) => w.id);
  const [cd, escalation] = await Promise.all([countdownsFor(rt, ids), escalationsFor(rt, ids)]);
  const now = rt.now();
  const ctx = (w: { level: string; unitId: string }): TransitionContext => ({
    now,
    level: w.level as Level,
    sla: rt.sla,
    autoContactAttempts: 0,
    unitId: w.unitId,
  });
  return {
    items: list.items.map((w) => ({
      ...w,
      countdowns: cd[w.id] ?? [],
      escalationLevel: escalation.get(w.id) ?? 0,
      allowedActions: allowedActions(w.status, ctx(w), actor),
      closeDispositions: closeDispositions(w.status, ctx(w)),
    })),
    total: list.total,
    now: new Date(now).toISOString(),
  };
}

/**
 * An upstream push as a CSV/XLSX file: its rows with a known level are entered like a JSON push; rows with an
 * unknown level are reported with their file row numbers and never stored.
 */
export async function importUpstreamFile(rt: DissuasionContext, actor: Actor, data: Buffer) {
  assertCan(actor, 'warnings:write');
  const table = await readTable(data);
  const { items, rejected } = warningsFromTable(table.rows);
  const report = await importUpstream(rt, actor, items);
  return { imported: report.imported, rows: [...report.rows, ...rejected] };
}

/** Board rows: the warning list plus each warning's running timers. */
export async function countdownsFor(rt: DissuasionContext, ids: string[]) {
  const timers = await repo.activeTimers(rt.db, ids);
  const now = rt.now();
  const out: Record<string, ReturnType<typeof countdown>> = {};
  for (const id of ids)
    out[id] = countdown(
      timers.filter((t) => t.warningId === id).map((t) => ({ timer: t.timer as 'sign', dueAt: t.dueAt.getTime() })),
      now,
    );
  return out;
}

/** Board rows: how many times each warning was escalated (a level beside its phase). */
export async function escalationsFor(rt: DissuasionContext, ids: string[]): Promise<Map<string, number>> {
  return new Map((await repo.escalationLevels(rt.db, ids)).map((r) => [r.warningId, r.level]));
}

/** The unit holding a task (the station's field task, the centre's desk task) marks it done. */
export async function completeTask(rt: DissuasionContext, actor: Actor, warningId: string, taskId: string) {
  assertCan(actor, 'warnings:write');
  return rt.db.transaction(async (tx) => {
    const t = await repo.findTask(tx, taskId);
    if (!t || t.t.warningId !== warningId || !inScope(actor, t.unitPath)) throw notFound('task');
    if (!(await repo.completeTask(tx, taskId, rt.now()))) throw alreadyDone('task already done');
    await audit(tx, actor, {
      action: 'update',
      entityType: 'warning_task',
      entityId: taskId,
      details: { warningId, kind: t.t.kind, status: 'done' },
    });
    return { ok: true };
  });
}

// ── configuration: time limits per level and follow-up days, set by the centre ──────────────────────────────
export async function getConfig(rt: DissuasionContext, actor: Actor) {
  assertCan(actor, 'warnings:read');
  const row = await repo.latestConfig(rt.db);
  return {
    sla: rt.sla,
    followup: rt.followup,
    updatedAt: row?.createdAt.toISOString() ?? null,
    updatedBy: row ? ((await namesOf(rt.db, [row.createdBy])).get(row.createdBy) ?? null) : null,
  };
}

/** Validated like a file would be (sla.ts / followup.ts); every problem comes back with its field. Audited. */
export async function putConfig(rt: DissuasionContext, actor: Actor, body: DissuasionConfigBody) {
  assertCan(actor, 'rules:write');
  await assertTopLevel(rt.db, actor, 'the time limits and follow-up days');
  const sla = parseSlaConfig({ version: 'pending', levels: body.levels });
  const fu = parseFollowupConfig({ version: 'pending', days: body.followupDays });
  const problems = [
    ...(sla.ok ? [] : sla.errors.map((e) => problemOf('levels', e))),
    ...(fu.ok ? [] : fu.errors.map((e) => problemOf('followupDays', e.replace(/^\/days/, '')))),
  ];
  if (problems.length || !sla.ok || !fu.ok) throw invalidMany(problems);
  const { version: _a, ...slaBody } = sla.config;
  const { version: _b, ...fuBody } = fu.config;
  const row = await rt.db.transaction(async (tx) => {
    const r = await repo.insertConfig(tx, { sla: slaBody, followup: fuBody, createdBy: actor.id });
    const c = storedConfig(r);
    await audit(tx, actor, {
      action: 'update',
      entityType: 'dissuasion_config',
      entityId: String(r.seq),
      details: { sla: c.sla.version, followupDays: c.followup.days },
    });
    await publish(tx, 'config.changed', { scope: 'dissuasion', version: c.sla.version }); // every node reloads it
    return r;
  });
  rt.useConfig(storedConfig(row));
  return getConfig(rt, actor);
}

/** "/levels/high/signMs must be integer" → { field: "levels.high.signMs", reason: "must be integer" } */
function problemOf(root: string, e: string): { field: string; reason: string } {
  const m = /^(\/\S*)\s+(.*)$/.exec(e);
  if (!m) return { field: root, reason: e };
  const path = m[1]!.split('/').filter(Boolean);
  if (path[0] === 'levels') path.shift();
  return { field: [root, ...path].join('.'), reason: m[2]! };
}

/**
 * A voice gateway callback (signed, idempotent by callId): the attempt settled once, then the workflow told the
 * outcome. The answer's status and body as the gateway expects them (401 bad signature, 404 unknown call).
 * `receivedAt`: the wall-clock time the request arrived, which the signature's timestamp window is checked against
 * (the gateway signs with its own wall clock, whatever time the workflow runs on).
 */
export async function voiceCallback(
  rt: DissuasionContext,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  receivedAt: number,
): Promise<
  | { status: 200; body: { ok: boolean; duplicate: boolean; applied?: boolean } }
  | { status: 400 | 401 | 404; body: { error: string; message: string } }
> {
  const voice = rt.channels.voice;
  if (!voice) return { status: 404, body: { error: 'not_found', message: 'voice gateway not configured' } };
  const p = parseCallback(voice.secret, headers, rawBody, receivedAt);
  if (!p.ok)
    return {
      status: p.httpStatus,
      body: { error: p.httpStatus === 401 ? 'unauthenticated' : 'validation_failed', message: p.reason },
    };
  const a = await repo.findAttemptByExternal(rt.db, 'voice', p.callback.callId);
  if (!a) return { status: 404, body: { error: 'not_found', message: 'unknown callId' } };
  const settled = await repo.settleAttempt(rt.db, a.id, 'queued', {
    outcome: p.outcome,
    ok: p.callback.status === 'answered',
    resultAt: new Date(rt.now()),
    record: {
      status: p.callback.status,
      keys: p.callback.keys,
      durationSec: p.callback.durationSec,
      transferred: p.callback.transferred,
      ...(p.callback.reason ? { reason: p.callback.reason } : {}),
    },
  });
  if (!settled) return { status: 200, body: { ok: true, duplicate: true } };
  const r = await applyCommand(rt, SYSTEM_ACTOR, a.warningId, {
    command: { type: 'auto_contact_result', outcome: p.outcome },
  });
  return { status: 200, body: { ok: true, duplicate: false, applied: r.ok } };
}
