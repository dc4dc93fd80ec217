import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { insertJson } from '../../platform/db/bulk.ts';
import { units } from '../org/schema.ts';
import { lockWarning as lockWarningRow, newWarningIds, warningsByIds } from '../warnings/index.ts';
import type { TimerKind } from './sla.ts';
import {
  caseIntakeRequests,
  contactAttempts,
  dissuasionConfig,
  followups,
  smsParts,
  unitNotificationSettings,
  victimReports,
  warningFlags,
  warningTasks,
  warningTimers,
  warningWorkflow,
} from './schema.ts';

// All SQL of the dissuasion module. Functions take a Db or an open transaction.

export type WorkflowRow = typeof warningWorkflow.$inferSelect;
export type AttemptRow = typeof contactAttempts.$inferSelect;

/** Row lock on the warning: two transitions of one warning (callback, timer, officer) never interleave. */
export async function lockWarning(tx: Db, id: string): Promise<void> {
  await lockWarningRow(tx, id);
}

export async function workflowOf(tx: Db, warningId: string): Promise<WorkflowRow> {
  const row = (await tx.select().from(warningWorkflow).where(eq(warningWorkflow.warningId, warningId)).limit(1))[0];
  if (row) return row;
  await tx.insert(warningWorkflow).values({ warningId }).onConflictDoNothing();
  return (await tx.select().from(warningWorkflow).where(eq(warningWorkflow.warningId, warningId)).limit(1))[0]!;
}

export async function workflowsOf(tx: Db, warningIds: string[]): Promise<WorkflowRow[]> {
  if (!warningIds.length) return [];
  return tx.select().from(warningWorkflow).where(inArray(warningWorkflow.warningId, warningIds));
}

/**
 * Stamps the start on many workflows in one statement (the row is created where there is none yet): when, the
 * automatic calls placed, and the leads given with a hand entry or push (absent: the stored ones stay).
 */
export async function startWorkflows(
  tx: Db,
  rows: { warningId: string; startedAt: Date; autoContactAttempts: number; leads?: string[] | undefined }[],
): Promise<WorkflowRow[]> {
  return insertJson(
    tx,
    warningWorkflow,
    rows.map((r) => ({
      warningId: r.warningId,
      startedAt: r.startedAt,
      autoContactAttempts: r.autoContactAttempts,
      leads: r.leads ?? null,
    })),
    {
      suffix: sql`on conflict (warning_id) do update set started_at = excluded.started_at,
        auto_contact_attempts = excluded.auto_contact_attempts, leads = coalesce(excluded.leads, warning_workflow.leads)`,
      returning: true,
    },
  );
}

/** Whether the lifecycle has started for this warning (the start stamps its workflow row). */
export async function isStarted(tx: Db, warningId: string): Promise<boolean> {
  const r = await tx
    .select({ at: warningWorkflow.startedAt })
    .from(warningWorkflow)
    .where(eq(warningWorkflow.warningId, warningId))
    .limit(1);
  return !!r[0]?.at;
}

/**
 * Warnings still `new` whose lifecycle never started (a crash between the warning's commit and its start),
 * opened before `before` so a start in flight is not raced. Uses warnings_status_idx (status, opened_at).
 */
export async function unstartedWarnings(db: Db, before: Date, limit = 100): Promise<string[]> {
  const ids = await newWarningIds(db, before, limit);
  if (!ids.length) return [];
  const started = await db
    .select({ id: warningWorkflow.warningId })
    .from(warningWorkflow)
    .where(and(inArray(warningWorkflow.warningId, ids), isNotNull(warningWorkflow.startedAt)));
  const skip = new Set(started.map((r) => r.id));
  return ids.filter((id) => !skip.has(id));
}

export async function escalationLevels(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ warningId: warningWorkflow.warningId, level: warningWorkflow.escalationLevel })
    .from(warningWorkflow)
    .where(and(inArray(warningWorkflow.warningId, ids), sql`${warningWorkflow.escalationLevel} > 0`));
}

export async function updateWorkflow(tx: Db, warningId: string, patch: Partial<typeof warningWorkflow.$inferInsert>) {
  await workflowOf(tx, warningId);
  await tx.update(warningWorkflow).set(patch).where(eq(warningWorkflow.warningId, warningId));
}

// ── timers ─────────────────────────────────────────────────────────────────────────────────────────────────
export async function scheduleTimer(tx: Db, warningId: string, kind: TimerKind, dueAt: number, slaVersion: string) {
  await cancelTimer(tx, warningId, kind, dueAt);
  await tx.insert(warningTimers).values({ warningId, kind, dueAt: new Date(dueAt), slaVersion });
}

export async function cancelTimer(tx: Db, warningId: string, kind: TimerKind, now: number) {
  await tx
    .update(warningTimers)
    .set({ cancelledAt: new Date(now) })
    .where(
      and(
        eq(warningTimers.warningId, warningId),
        eq(warningTimers.kind, kind),
        isNull(warningTimers.firedAt),
        isNull(warningTimers.cancelledAt),
      ),
    );
}

/** Many timers in one statement; a row may arrive already cancelled (scheduled and cancelled in one transaction). */
export async function insertTimers(
  tx: Db,
  rows: { warningId: string; kind: TimerKind; dueAt: Date; slaVersion: string; cancelledAt?: Date | null }[],
) {
  await insertJson(tx, warningTimers, rows); // one statement, the rows as one JSON parameter
}

/** `cancelTimer` for many (warning, kind) pairs in one statement, each with its own cancellation time. */
export async function cancelTimersAt(tx: Db, rows: { warningId: string; kind: TimerKind; at: Date }[]) {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((r) => ({ warning_id: r.warningId, kind: r.kind, at: r.at.toISOString() })));
  await tx.execute(sql`
    update warning_timers t set cancelled_at = x.at
    from jsonb_to_recordset(${json}::jsonb) as x(warning_id text, kind text, at timestamptz)
    where t.warning_id = x.warning_id and t.kind = x.kind and t.fired_at is null and t.cancelled_at is null`);
}

export async function activeTimers(db: Db, warningIds: string[]) {
  if (!warningIds.length) return [];
  return db
    .select({ warningId: warningTimers.warningId, timer: warningTimers.kind, dueAt: warningTimers.dueAt })
    .from(warningTimers)
    .where(
      and(
        inArray(warningTimers.warningId, warningIds),
        isNull(warningTimers.firedAt),
        isNull(warningTimers.cancelledAt),
      ),
    )
    .orderBy(asc(warningTimers.dueAt));
}

/**
 * Claims due timers: marks them fired in the same statement that selects them. SKIP LOCKED lets several API
 * nodes poll one PostgreSQL without firing a timer twice; PGlite has one connection, so it is trivially safe.
 */
export async function claimDueTimers(
  db: Db,
  now: number,
  limit = 50,
): Promise<{ warningId: string; kind: TimerKind }[]> {
  const res = await db.execute(sql`
    update warning_timers set fired_at = ${new Date(now).toISOString()}::timestamptz
    where id in (
      select id from warning_timers
      where fired_at is null and cancelled_at is null and due_at <= ${new Date(now).toISOString()}::timestamptz
      order by due_at limit ${limit} for update skip locked)
    returning warning_id, kind`);
  const rows = ((res as { rows?: unknown[] }).rows ?? (res as unknown as unknown[])) as {
    warning_id: string;
    kind: string;
  }[];
  return rows.map((r) => ({ warningId: r.warning_id, kind: r.kind as TimerKind }));
}

// ── attempts ───────────────────────────────────────────────────────────────────────────────────────────────
export async function insertAttempt(
  db: Db,
  row: Omit<typeof contactAttempts.$inferInsert, 'id'> & { id?: string },
): Promise<string> {
  const id = row.id ?? randomUUID();
  await db.insert(contactAttempts).values({ ...row, id });
  return id;
}

export type NewAttempt = typeof contactAttempts.$inferInsert;
/** Many attempt rows in one statement, as one JSON parameter (the first call and SMS of a burst of new warnings). */
export async function insertAttempts(db: Db, rows: NewAttempt[]) {
  await insertJson(db, contactAttempts, rows);
}

export async function findAttemptByExternal(db: Db, channel: string, externalId: string) {
  return (
    await db
      .select()
      .from(contactAttempts)
      .where(and(eq(contactAttempts.channel, channel), eq(contactAttempts.externalId, externalId)))
      .limit(1)
  )[0];
}

/** Compare-and-set on the outcome: a repeated callback or receipt finds it already settled and changes nothing. */
export async function settleAttempt(
  db: Db,
  id: string,
  from: string,
  patch: { outcome: string; ok?: boolean; record?: Record<string, unknown>; resultAt: Date },
) {
  const rows = await db
    .update(contactAttempts)
    .set(patch)
    .where(and(eq(contactAttempts.id, id), eq(contactAttempts.outcome, from)))
    .returning({ id: contactAttempts.id });
  return rows.length > 0;
}

/** The call-result deadline passed without a callback: every call of this warning still queued timed out. */
export async function timeOutQueuedCalls(db: Db, warningId: string, now: number): Promise<number> {
  const rows = await db
    .update(contactAttempts)
    .set({ outcome: 'timeout', ok: false, resultAt: new Date(now) })
    .where(
      and(
        eq(contactAttempts.warningId, warningId),
        eq(contactAttempts.channel, 'voice'),
        eq(contactAttempts.outcome, 'queued'),
      ),
    )
    .returning({ id: contactAttempts.id });
  return rows.length;
}

// ── SMS parts: receipts matched by the SMSC's message id ──────────────────────────────────────────────────────
/**
 * The submission's parts; a receipt that came first is kept and now belongs to the attempt. True when one had
 * (a receipt that comes later finds the attempt itself, recordSmsReceipt).
 */
export async function claimSmsParts(db: Db, attemptId: string, messageIds: string[]): Promise<boolean> {
  if (!messageIds.length) return false;
  const rows = await db
    .insert(smsParts)
    .values(messageIds.map((messageId) => ({ messageId, attemptId })))
    .onConflictDoUpdate({ target: smsParts.messageId, set: { attemptId } })
    .returning({ stat: smsParts.stat });
  return rows.some((r) => r.stat !== null);
}
/** A receipt for one part; returns the attempt it belongs to, or null when the submission is not stored yet. */
export async function recordSmsReceipt(
  db: Db,
  messageId: string,
  r: { stat: string; err: string; at: Date },
): Promise<string | null> {
  const rows = await db
    .insert(smsParts)
    .values({ messageId, stat: r.stat, err: r.err, receiptAt: r.at })
    .onConflictDoUpdate({ target: smsParts.messageId, set: { stat: r.stat, err: r.err, receiptAt: r.at } })
    .returning({ attemptId: smsParts.attemptId });
  return rows[0]?.attemptId ?? null;
}
export const smsPartsOf = (db: Db, attemptId: string) =>
  db.select().from(smsParts).where(eq(smsParts.attemptId, attemptId));
export async function lockAttempt(tx: Db, id: string) {
  return (await tx.select().from(contactAttempts).where(eq(contactAttempts.id, id)).for('update').limit(1))[0];
}

export const attemptsOf = (db: Db, warningId: string) =>
  db.select().from(contactAttempts).where(eq(contactAttempts.warningId, warningId)).orderBy(asc(contactAttempts.at));

// ── tasks, follow-ups, flags ───────────────────────────────────────────────────────────────────────────────
export async function insertTask(db: Db, row: Omit<typeof warningTasks.$inferInsert, 'id'>) {
  await db.insert(warningTasks).values({ ...row, id: randomUUID() });
}
export const tasksOf = (db: Db, warningId: string) =>
  db.select().from(warningTasks).where(eq(warningTasks.warningId, warningId)).orderBy(asc(warningTasks.createdAt));
export async function closeTasks(db: Db, warningId: string, now: number) {
  await db
    .update(warningTasks)
    .set({ status: 'done', doneAt: new Date(now) })
    .where(and(eq(warningTasks.warningId, warningId), eq(warningTasks.status, 'open')));
}

export async function insertFollowups(db: Db, rows: Omit<typeof followups.$inferInsert, 'id'>[]) {
  if (rows.length) await db.insert(followups).values(rows.map((r) => ({ ...r, id: randomUUID() })));
}
export async function cancelFollowups(db: Db, warningId: string, now: number) {
  await db
    .update(followups)
    .set({ cancelledAt: new Date(now) })
    .where(and(eq(followups.warningId, warningId), isNull(followups.doneAt), isNull(followups.cancelledAt)));
}
export const followupsOf = (db: Db, warningId: string) =>
  db.select().from(followups).where(eq(followups.warningId, warningId)).orderBy(asc(followups.seq));

/**
 * Follow-ups of the units in `pathPrefix`, plus those assigned by name to `viewerId` wherever they are held (a
 * grid worker's revisits may sit on the station above their grid); `mine` keeps only the latter.
 */
export async function searchFollowups(
  db: Db,
  f: { pathPrefix: string; viewerId: string; mine?: boolean; dueBefore?: Date; open: boolean },
) {
  const assigned = and(eq(followups.assigneeKind, 'grid_worker'), eq(followups.assigneeId, f.viewerId))!;
  const conds = [
    f.mine ? assigned : sql`(${units.path} like ${f.pathPrefix + '%'} or ${assigned})`,
    isNull(followups.cancelledAt),
  ];
  if (f.open) conds.push(isNull(followups.doneAt));
  if (f.dueBefore) conds.push(lte(followups.dueAt, f.dueBefore));
  // the warning's subject and outcome come along: the grid worker revisits a person, and cannot open the warning
  // itself when it is held by the station above their grid
  const rows = await db
    .select({ f: followups, unitName: units.name, unitPath: units.path })
    .from(followups)
    .innerJoin(units, eq(units.id, followups.unitId))
    .where(and(...conds))
    .orderBy(asc(followups.dueAt))
    .limit(500);
  const ws = new Map(
    (
      await warningsByIds(
        db,
        rows.map((r) => r.f.warningId),
      )
    ).map((w) => [w.id, w]),
  );
  return rows.flatMap((r) => {
    const w = ws.get(r.f.warningId);
    if (!w) return [];
    const { level, subject, unitId, fraudTypes, disposition, closedAt } = w;
    return [{ ...r, w: { level, subject, unitId, fraudTypes, disposition, closedAt } }];
  });
}
export async function findFollowup(db: Db, id: string) {
  return (
    await db
      .select({ f: followups, unitPath: units.path })
      .from(followups)
      .innerJoin(units, eq(units.id, followups.unitId))
      .where(eq(followups.id, id))
      .limit(1)
  )[0];
}
export async function completeFollowup(db: Db, id: string, by: string, record: string, now: number) {
  const rows = await db
    .update(followups)
    .set({ doneAt: new Date(now), doneBy: by, record })
    .where(and(eq(followups.id, id), isNull(followups.doneAt)))
    .returning({ id: followups.id });
  return rows.length > 0;
}

export const flaggedIds = async (db: Db, ids: string[]) =>
  ids.length
    ? (
        await db.select({ id: warningFlags.warningId }).from(warningFlags).where(inArray(warningFlags.warningId, ids))
      ).map((r) => r.id)
    : [];
export async function insertFlag(db: Db, row: Omit<typeof warningFlags.$inferInsert, 'id'>) {
  const r = await db
    .insert(warningFlags)
    .values({ ...row, id: randomUUID() })
    .onConflictDoNothing()
    .returning({ id: warningFlags.id });
  return r.length > 0;
}
/** Flags raised by one victim event (e.g. a warning closed 已被骗 that is reopened): removed, and returned. */
export async function deleteFlagsRaisedBy(db: Db, victimKind: string, victimId: string) {
  return db
    .delete(warningFlags)
    .where(and(eq(warningFlags.victimKind, victimKind), eq(warningFlags.victimId, victimId)))
    .returning({ warningId: warningFlags.warningId });
}
export const flagsOf = (db: Db, warningId: string) =>
  db.select().from(warningFlags).where(eq(warningFlags.warningId, warningId));

export async function flagCountsByUnit(db: Db, pathPrefix: string, from: Date, to: Date) {
  return db
    .select({ unitId: units.id, unitName: units.name, n: sql<number>`count(*)::int` })
    .from(warningFlags)
    .innerJoin(units, eq(units.id, warningFlags.unitId))
    .where(
      and(
        sql`${units.path} like ${pathPrefix + '%'}`,
        gte(warningFlags.at, from),
        sql`${warningFlags.at} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(units.id, units.name);
}
// ── settings and routing data ──────────────────────────────────────────────────────────────────────────────
export const settingsOf = async (db: Db, unitId: string) =>
  (await db.select().from(unitNotificationSettings).where(eq(unitNotificationSettings.unitId, unitId)).limit(1))[0];
export async function putSettings(
  db: Db,
  unitId: string,
  s: { dutyUserId: string | null; webhookUrl: string | null },
  at: Date,
) {
  await db
    .insert(unitNotificationSettings)
    .values({ unitId, ...s, updatedAt: at })
    .onConflictDoUpdate({ target: unitNotificationSettings.unitId, set: { ...s, updatedAt: at } });
}

export async function findTask(db: Db, id: string) {
  return (
    await db
      .select({ t: warningTasks, unitPath: units.path })
      .from(warningTasks)
      .innerJoin(units, eq(units.id, warningTasks.unitId))
      .where(eq(warningTasks.id, id))
      .limit(1)
  )[0];
}
export async function completeTask(db: Db, id: string, now: number) {
  const r = await db
    .update(warningTasks)
    .set({ status: 'done', doneAt: new Date(now) })
    .where(and(eq(warningTasks.id, id), eq(warningTasks.status, 'open')))
    .returning({ id: warningTasks.id });
  return r.length > 0;
}

// ── configuration (time limits, follow-up days) ──────────────────────────────────────────────────────────────
export async function latestConfig(db: Db) {
  return (await db.select().from(dissuasionConfig).orderBy(desc(dissuasionConfig.seq)).limit(1))[0];
}
export async function insertConfig(db: Db, row: { sla: unknown; followup: unknown; createdBy: string }) {
  return (await db.insert(dissuasionConfig).values(row).returning())[0]!;
}

// ── the hand-off to cases: intake requests and victim reports ─────────────────────────────────────────────────
export async function insertCaseIntake(
  db: Db,
  row: Omit<typeof caseIntakeRequests.$inferInsert, 'id'>,
): Promise<string> {
  const id = randomUUID();
  await db.insert(caseIntakeRequests).values({ ...row, id });
  return id;
}
/** The oldest pending request of a warning (a report's, before the officer closed the warning), if any. */
export async function pendingCaseIntakeOfWarning(db: Db, warningId: string) {
  return (
    await db
      .select({ id: caseIntakeRequests.id, note: caseIntakeRequests.note, loss: caseIntakeRequests.loss })
      .from(caseIntakeRequests)
      .where(and(eq(caseIntakeRequests.warningId, warningId), eq(caseIntakeRequests.status, 'pending')))
      .orderBy(asc(caseIntakeRequests.requestedAt))
      .limit(1)
      .for('update')
  )[0];
}
/** A pending request confirmed by the warning's closure: its content becomes the closure's. */
export async function confirmCaseIntake(
  db: Db,
  id: string,
  row: Pick<
    typeof caseIntakeRequests.$inferInsert,
    'disposition' | 'loss' | 'lossAvoided' | 'note' | 'subject' | 'fraudTypes' | 'unitId'
  >,
): Promise<void> {
  await db
    .update(caseIntakeRequests)
    .set(row)
    .where(and(eq(caseIntakeRequests.id, id), eq(caseIntakeRequests.status, 'pending')));
}
export async function withdrawCaseIntakes(db: Db, warningId: string, now: number): Promise<string[]> {
  const rows = await db
    .update(caseIntakeRequests)
    .set({ status: 'withdrawn', withdrawnAt: new Date(now) })
    .where(and(eq(caseIntakeRequests.warningId, warningId), eq(caseIntakeRequests.status, 'pending')))
    .returning({ id: caseIntakeRequests.id });
  return rows.map((r) => r.id);
}
export async function searchCaseIntakes(db: Db, f: { pathPrefix: string; status?: string; warningId?: string }) {
  const conds = [sql`${units.path} like ${f.pathPrefix + '%'}`];
  if (f.status) conds.push(eq(caseIntakeRequests.status, f.status));
  if (f.warningId) conds.push(eq(caseIntakeRequests.warningId, f.warningId));
  return db
    .select({ r: caseIntakeRequests, unitName: units.name, unitPath: units.path })
    .from(caseIntakeRequests)
    .innerJoin(units, eq(units.id, caseIntakeRequests.unitId))
    .where(and(...conds))
    .orderBy(asc(caseIntakeRequests.requestedAt))
    .limit(500);
}
export async function findCaseIntake(db: Db, id: string) {
  return (
    await db
      .select({ r: caseIntakeRequests, unitPath: units.path })
      .from(caseIntakeRequests)
      .innerJoin(units, eq(units.id, caseIntakeRequests.unitId))
      .where(eq(caseIntakeRequests.id, id))
      .limit(1)
  )[0];
}
export async function takeCaseIntake(db: Db, id: string, caseRef: string, now: number): Promise<boolean> {
  const r = await db
    .update(caseIntakeRequests)
    .set({ status: 'taken', caseRef, takenAt: new Date(now) })
    .where(and(eq(caseIntakeRequests.id, id), eq(caseIntakeRequests.status, 'pending')))
    .returning({ id: caseIntakeRequests.id });
  return r.length > 0;
}
/** Idempotent by (source, reference): a case reported twice is one victim. Returns the stored row. */
export async function insertVictimReport(db: Db, row: Omit<typeof victimReports.$inferInsert, 'id'>) {
  await db
    .insert(victimReports)
    .values({ ...row, id: randomUUID() })
    .onConflictDoNothing();
  return (
    await db
      .select()
      .from(victimReports)
      .where(and(eq(victimReports.source, row.source), eq(victimReports.reference, row.reference)))
      .limit(1)
  )[0]!;
}

// ── units (org's tree, which every scoped query joins) ──────────────────────────────────────────────────────
export const unitById = async (db: Db, id: string) =>
  (await db.select().from(units).where(eq(units.id, id)).limit(1))[0];
