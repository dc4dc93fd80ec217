// After-action reviews (复盘): opened on a case, or on a warning that ended 已被骗 / 预警后被骗 / failed dissuasion.
// The system fills the time line from the modules' public functions (warnings, dissuasion, cases); people write
// what happened and where it was slow, and track action items (owner, due date) to done. Scoped by unit subtree:
// a station sees its own reviews, the city all of its stations'. Every change writes its audit row in its transaction.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { AppError, conflict, invalidMany, notFound, unprocessable } from '../../platform/errors.ts';
import type { ActionItem, NewActionItem, NewReview, ReviewDetail, ReviewSummary } from '../../../contract/reviews.ts';
import { audit } from '../audit/index.ts';
import { getCaseForActor } from '../cases/index.ts';
import { contactTimeline } from '../dissuasion/index.ts';
import { visibleUnit } from '../org/index.ts';
import { getWarning } from '../warnings/index.ts';
import { closeBlockers, isOverdue, orderTimeline, warningTrigger, type Trigger } from './lifecycle.ts';
import * as repo from './repository.ts';
import type { TimelineStep } from './schema.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The warning's part of the time line: first signal (earliest rule hit), opened, first contact, visit, closed. */
async function warningSteps(db: Db, actor: Actor, warningId: string) {
  const w = await getWarning(db, actor, warningId);
  const c = await contactTimeline(db, warningId);
  const steps: TimelineStep[] = [];
  const hits = w.ruleHits
    .map((h) => h.at)
    .filter(Boolean)
    .sort();
  if (hits[0]) steps.push({ step: 'first_signal', at: new Date(hits[0]).toISOString(), detail: w.ruleHits[0]?.ruleId });
  steps.push({
    step: 'warning_opened',
    at: w.openedAt,
    detail: `${w.levelName} · ${w.fraudTypes.map((f) => f.name).join('、')}`,
  });
  if (c.firstContactAt) steps.push({ step: 'first_contact', at: c.firstContactAt.toISOString() });
  if (c.visitAt)
    steps.push({ step: 'visit', at: c.visitAt.toISOString(), detail: c.visitReached ? 'reached' : 'not reached' });
  if (c.defraudedAfterAt) steps.push({ step: 'loss', at: c.defraudedAfterAt.toISOString(), detail: '预警后被骗' });
  const disp = (w.disposition?.disposition as string | undefined) ?? null;
  if (w.closedAt) steps.push({ step: 'closed', at: w.closedAt, ...(disp ? { detail: disp } : {}) });
  return { w, c, disp, steps };
}

/** What a review of a case or a warning starts with: its unit, why, a title, and the time line the system fills. */
async function opening(
  db: Db,
  actor: Actor,
  input: NewReview,
): Promise<{ unitId: string; trigger: Trigger | null; title: string; steps: TimelineStep[] }> {
  const steps: TimelineStep[] = [];
  if (input.subjectKind === 'case') {
    const k = await getCaseForActor(db, actor, input.subjectId).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'not_found'
        ? invalidMany([{ field: 'subjectId', reason: 'no such case in your jurisdiction' }])
        : e;
    });
    if (k.fromWarningId) {
      const ws = await warningSteps(db, actor, k.fromWarningId).catch(() => null);
      if (ws) steps.push(...ws.steps.filter((s) => s.step !== 'loss'));
    }
    const paid = k.payments.map((p) => p.paidAt).sort();
    if (paid[0]) steps.push({ step: 'loss', at: paid[0], detail: `¥${k.loss}` });
    steps.push({ step: 'case_reported', at: k.reportedAt, detail: k.caseNo });
    return { unitId: k.unitId, trigger: 'case', title: `${k.caseNo} 复盘`, steps };
  }
  const ws = await warningSteps(db, actor, input.subjectId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'not_found'
      ? invalidMany([{ field: 'subjectId', reason: 'no such warning in your jurisdiction' }])
      : e;
  });
  const trigger = warningTrigger({
    status: ws.w.status,
    disposition: ws.disp,
    defraudedAfter: !!ws.c.defraudedAfterAt,
  });
  return { unitId: ws.w.unitId, trigger, title: `预警 ${ws.w.id.slice(0, 8)} 复盘`, steps: ws.steps };
}

async function insert(
  tx: Db,
  actor: Actor,
  input: NewReview,
  o: { unitId: string; trigger: Trigger; title: string; steps: TimelineStep[] },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await repo.insertReview(tx, {
    id,
    unitId: o.unitId,
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    trigger: o.trigger,
    title: input.title ?? o.title,
    status: 'open',
    timeline: o.steps,
    createdBy: actor.id,
    createdByName: actor.name,
    createdAt: now,
    updatedAt: now,
  });
  await audit(tx, actor, {
    action: 'create',
    entityType: 'review',
    entityId: id,
    details: { subjectKind: input.subjectKind, subjectId: input.subjectId, trigger: o.trigger },
  });
  return id;
}

export async function createReview(db: Db, actor: Actor, input: NewReview, now: Date): Promise<ReviewDetail> {
  assertCan(actor, 'reviews:write');
  if (input.subjectKind === 'case') assertCan(actor, 'cases:read');
  const o = await opening(db, actor, input);
  const trigger = o.trigger;
  if (!trigger)
    throw unprocessable(
      'a review is opened on a warning that ended 已被骗, 预警后被骗 or a failed dissuasion',
      'subjectId',
    );
  return db.transaction(async (tx) => {
    await repo.lockSubject(tx, input.subjectKind, input.subjectId);
    if (await repo.reviewOfSubject(tx, input.subjectKind, input.subjectId))
      throw conflict('this case or warning already has a review', 'subjectId');
    const id = await insert(tx, actor, input, { ...o, trigger }, now);
    return detail(tx, actor, id, now);
  });
}

/** The system's name on the reviews it opens (audited as the system). */
export const AUTO_REVIEWER: Actor = { ...SYSTEM_ACTOR, name: '系统（自动复盘）' };

/**
 * Opens the review a closed warning, a 预警后被骗 flag or a recorded case calls for, as the system, in the caller's
 * transaction (the events subscriber's): once per case or warning. A warning already reviewed (its failed
 * dissuasion) that turns out 预警后被骗 gets the loss on its time line and the stronger trigger instead of a second
 * review. Returns the review id, or null when nothing was called for.
 */
export async function openReviewAutomatically(
  tx: Db,
  subject: { kind: 'case' | 'warning'; id: string },
  now: Date,
): Promise<string | null> {
  const input: NewReview = { subjectKind: subject.kind, subjectId: subject.id };
  await repo.lockSubject(tx, subject.kind, subject.id);
  const existing = await repo.reviewOfSubject(tx, subject.kind, subject.id);
  const o = await opening(tx, AUTO_REVIEWER, input).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'validation_failed') return null; // gone (a withdrawn case): nothing to review
    throw e;
  });
  if (!o?.trigger) return null;
  if (existing) {
    const r = await repo.findReview(tx, existing, true);
    if (!r || r.status !== 'open' || o.trigger !== 'after_warning' || r.trigger === 'after_warning') return null;
    const loss = o.steps.filter((s) => s.step === 'loss' && !r.timeline.some((t) => t.step === 'loss'));
    await repo.updateReview(tx, existing, {
      trigger: 'after_warning',
      timeline: [...r.timeline, ...loss],
      updatedAt: now,
    });
    await audit(tx, AUTO_REVIEWER, {
      action: 'update',
      entityType: 'review',
      entityId: existing,
      details: { trigger: 'after_warning', from: r.trigger },
    });
    return existing;
  }
  return insert(tx, AUTO_REVIEWER, input, { ...o, trigger: o.trigger }, now);
}

/**
 * The warning a review was opened on is reopened (`warning.reopened`: it did not end 已被骗 / refused / unreachable
 * after all). A review the system opened with no one's work in it yet (no findings, no action item, still open) is
 * withdrawn: deleted, its content kept in the audit row with the reason. One people have worked on stays theirs:
 * the reopen goes on its time line. In the subscriber's transaction; returns what happened, or null (no review).
 */
export async function withdrawAutomaticReview(
  tx: Db,
  ev: { warningId: string; reason: string; reopenedAt: string },
  now: Date,
): Promise<{ id: string; outcome: 'withdrawn' | 'noted' } | null> {
  await repo.lockSubject(tx, 'warning', ev.warningId);
  const id = await repo.reviewOfSubject(tx, 'warning', ev.warningId);
  const r = id ? await repo.findReview(tx, id, true) : undefined;
  if (!r) return null;
  const untouched =
    r.createdBy === AUTO_REVIEWER.id &&
    r.status === 'open' &&
    !r.whatHappened.trim() &&
    !r.slowPoints.trim() &&
    (await repo.actionsOf(tx, [r.id])).length === 0;
  const reason = `预警已重新打开${ev.reason ? `：${ev.reason}` : ''}`;
  if (untouched) {
    await repo.deleteReview(tx, r.id);
    await audit(tx, AUTO_REVIEWER, {
      action: 'delete',
      entityType: 'review',
      entityId: r.id,
      details: { withdrawn: true, reason, warningId: ev.warningId, trigger: r.trigger, title: r.title },
    });
    return { id: r.id, outcome: 'withdrawn' };
  }
  await repo.updateReview(tx, r.id, {
    timeline: [...r.timeline, { step: 'reopened', at: ev.reopenedAt, detail: ev.reason }],
    updatedAt: now,
  });
  await audit(tx, AUTO_REVIEWER, {
    action: 'update',
    entityType: 'review',
    entityId: r.id,
    details: { warningReopened: true, reason },
  });
  return { id: r.id, outcome: 'noted' };
}

async function visible(db: Db, actor: Actor, id: string, lock = false): Promise<repo.ReviewRow> {
  const r = await repo.findReview(db, id, lock);
  if (!r || !r.unitPath.startsWith(actor.unitPath)) throw notFound('review');
  return r;
}

const presentAction = (
  a: repo.ActionRow,
  r: { title: string; unitId: string; unitName: string },
  now: Date,
): ActionItem => ({
  id: a.id,
  reviewId: a.reviewId,
  reviewTitle: r.title,
  unitId: r.unitId,
  unitName: r.unitName,
  kind: a.kind as ActionItem['kind'],
  description: a.description,
  ownerName: a.ownerName,
  ownerUnitId: a.ownerUnitId ?? null,
  dueDate: a.dueDate,
  status: a.status as ActionItem['status'],
  overdue: isOverdue(a, now),
  doneAt: iso(a.doneAt),
  doneByName: a.doneByName ?? null,
  doneNote: a.doneNote ?? null,
});

function summary(r: repo.ReviewRow, actions: repo.ActionRow[]): ReviewSummary {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    subjectKind: r.subjectKind as 'case',
    subjectId: r.subjectId,
    trigger: r.trigger as Trigger,
    title: r.title,
    status: r.status as 'open',
    createdByName: r.createdByName,
    automatic: r.createdBy === AUTO_REVIEWER.id,
    createdAt: r.createdAt.toISOString(),
    closedAt: iso(r.closedAt),
    openActions: actions.filter((a) => a.status !== 'done').length,
    totalActions: actions.length,
  };
}

async function detail(db: Db, actor: Actor, id: string, now: Date): Promise<ReviewDetail> {
  const r = await visible(db, actor, id);
  const actions = await repo.actionsOf(db, [id]);
  const blockers = closeBlockers(r, actions);
  return {
    ...summary(r, actions),
    timeline: orderTimeline(r.timeline),
    whatHappened: r.whatHappened,
    slowPoints: r.slowPoints,
    actions: actions.map((a) => presentAction(a, { title: r.title, unitId: r.unitId, unitName: r.unitName }, now)),
    canClose: blockers.length === 0,
    closeBlockers: blockers,
  };
}

export async function getReview(db: Db, actor: Actor, id: string, now: Date): Promise<ReviewDetail> {
  assertCan(actor, 'reviews:read');
  return detail(db, actor, id, now);
}

export async function listReviews(db: Db, actor: Actor, status?: string): Promise<{ items: ReviewSummary[] }> {
  assertCan(actor, 'reviews:read');
  const rows = await repo.listReviews(db, actor.unitPath, status);
  const actions = await repo.actionsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      summary(
        r,
        actions.filter((a) => a.reviewId === r.id),
      ),
    ),
  };
}

export async function actionBoard(db: Db, actor: Actor, status: string | undefined, now: Date) {
  assertCan(actor, 'reviews:read');
  const rows = await repo.actionBoard(db, actor.unitPath, status ?? 'open');
  const items = rows.map((a) =>
    presentAction(a, { title: a.reviewTitle, unitId: a.unitId, unitName: a.unitName }, now),
  );
  return { items, overdue: items.filter((i) => i.overdue).length };
}

async function change(
  db: Db,
  actor: Actor,
  id: string,
  now: Date,
  what: string,
  f: (tx: Db, r: repo.ReviewRow) => Promise<void>,
): Promise<ReviewDetail> {
  assertCan(actor, 'reviews:write');
  return db.transaction(async (tx) => {
    const r = await visible(tx, actor, id, true);
    await f(tx, r);
    await repo.updateReview(tx, id, { updatedAt: now });
    await audit(tx, actor, {
      action: what === 'close' ? 'transition' : 'update',
      entityType: 'review',
      entityId: id,
      details: { what },
    });
    return detail(tx, actor, id, now);
  });
}

const assertOpen = (r: repo.ReviewRow) => {
  if (r.status !== 'open') throw conflict('the review is closed', 'status');
};

export const updateFindings = (
  db: Db,
  actor: Actor,
  id: string,
  f: { whatHappened?: string; slowPoints?: string },
  now: Date,
) =>
  change(db, actor, id, now, 'findings', async (tx, r) => {
    assertOpen(r);
    await repo.updateReview(tx, id, {
      ...(f.whatHappened != null ? { whatHappened: f.whatHappened } : {}),
      ...(f.slowPoints != null ? { slowPoints: f.slowPoints } : {}),
    });
  });

export const addAction = (db: Db, actor: Actor, id: string, a: NewActionItem, now: Date) =>
  change(db, actor, id, now, 'add_action', async (tx, r) => {
    assertOpen(r);
    if (a.ownerUnitId)
      await visibleUnit(tx, SYSTEM_ACTOR, a.ownerUnitId).catch(() => {
        throw invalidMany([{ field: 'ownerUnitId', reason: 'no such unit' }]);
      });
    if (a.dueDate < new Date(r.createdAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10))
      throw invalidMany([{ field: 'dueDate', reason: 'before the review was opened' }]);
    await repo.insertAction(tx, {
      id: randomUUID(),
      reviewId: id,
      kind: a.kind,
      description: a.description,
      ownerName: a.ownerName,
      ownerUnitId: a.ownerUnitId ?? null,
      dueDate: a.dueDate,
      status: 'open',
      createdAt: now,
    });
  });

export const completeAction = (
  db: Db,
  actor: Actor,
  id: string,
  actionId: string,
  note: string | undefined,
  now: Date,
) =>
  change(db, actor, id, now, 'action_done', async (tx, r) => {
    const a = (await repo.actionsOf(tx, [r.id])).find((x) => x.id === actionId);
    if (!a) throw notFound('action item');
    if (a.status === 'done') throw conflict('the action item is already done', 'status');
    await repo.updateAction(tx, actionId, {
      status: 'done',
      doneAt: now,
      doneByName: actor.name,
      doneNote: note ?? null,
    });
  });

export const closeReview = (db: Db, actor: Actor, id: string, now: Date) =>
  change(db, actor, id, now, 'close', async (tx, r) => {
    const blockers = closeBlockers(r, await repo.actionsOf(tx, [r.id]));
    if (blockers.length) throw conflict(`cannot close: ${blockers.join('; ')}`, 'status');
    await repo.updateReview(tx, id, { status: 'closed', closedAt: now });
  });
