import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units } from '../org/schema.ts';
import { warnings } from '../warnings/schema.ts';

// The dissuasion workflow's rows. The warning's `status` column is the lifecycle state; everything the state
// machine asks to remember (timers, attempts, tasks, follow-ups, flags) lives here, written in the same
// transaction as the transition that produced it.

/** Per-warning workflow facts the warnings table does not carry. */
export const warningWorkflow = pgTable('warning_workflow', {
  warningId: text('warning_id')
    .primaryKey()
    .references(() => warnings.id),
  autoContactAttempts: integer('auto_contact_attempts').notNull().default(0),
  assigneeId: text('assignee_id'),
  signedBy: text('signed_by'),
  signedAt: timestamp('signed_at', { withTimezone: true }),
  /** routing steps of warnings started before migration 0010; since then they are kept on the warning (`warnings.route`) */
  route: jsonb('route').$type<unknown>(),
  /** upstream push leads, hand-entry notes: shown on the detail page */
  leads: jsonb('leads').$type<string[]>(),
  reportingBranchId: text('reporting_branch_id'),
  /**
   * 升级/督办: how many times a deadline (or an officer) escalated the warning, and the latest reason. A level on
   * the warning, not a state: the phase (`warnings.status`) stays what it was. Reopening clears it.
   */
  escalationLevel: integer('escalation_level').notNull().default(0),
  /** when the lifecycle started (first timer stored); null = still to start (the startup sweep looks for these) */
  startedAt: timestamp('started_at', { withTimezone: true }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  escalationReason: text('escalation_reason'),
});

/** Stored timers: they survive a restart; the scheduler claims due rows (FOR UPDATE SKIP LOCKED on PostgreSQL). */
export const warningTimers = pgTable(
  'warning_timers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    warningId: text('warning_id')
      .notNull()
      .references(() => warnings.id),
    kind: text('kind').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    slaVersion: text('sla_version').notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('warning_timers_due_idx')
      .on(t.dueAt)
      .where(sql`${t.firedAt} is null and ${t.cancelledAt} is null`),
    index('warning_timers_warning_idx').on(t.warningId),
  ],
);

/** Every contact attempt: automatic (voice, sms, notifications) and by officers (visit, phone, relative). */
export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: text('id').primaryKey(),
    warningId: text('warning_id')
      .notNull()
      .references(() => warnings.id),
    channel: text('channel').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    ok: boolean('ok').notNull(),
    /** queued | answered_safe | busy | … | submitted | delivered | undelivered | reached | not_reached | sent | failed */
    outcome: text('outcome').notNull(),
    externalId: text('external_id'),
    detail: text('detail'),
    actorId: text('actor_id'),
    /** visit checklist (四查看、三询问、一保护), keys pressed, receipt details */
    record: jsonb('record').$type<Record<string, unknown>>(),
    resultAt: timestamp('result_at', { withTimezone: true }),
  },
  (t) => [
    index('contact_attempts_warning_idx').on(t.warningId, t.at),
    uniqueIndex('contact_attempts_external_uq').on(t.channel, t.externalId),
  ],
);

/**
 * The parts of a submitted SMS by the SMSC's message id, so a delivery receipt is matched in the database (a
 * receipt that comes after a restart still finds its attempt). A receipt may also overtake our own record of
 * the submission: it is stored with no attempt yet, and the submission claims it.
 */
export const smsParts = pgTable(
  'sms_parts',
  {
    messageId: text('message_id').primaryKey(),
    attemptId: text('attempt_id'),
    /** the receipt's stat (DELIVRD, UNDELIV, …); null until a receipt came */
    stat: text('stat'),
    err: text('err'),
    receiptAt: timestamp('receipt_at', { withTimezone: true }),
  },
  (t) => [index('sms_parts_attempt_idx').on(t.attemptId)],
);

/** 双线并行: the station's field task and the centre's desk task (check funds, protective stop-payment). */
export const warningTasks = pgTable(
  'warning_tasks',
  {
    id: text('id').primaryKey(),
    warningId: text('warning_id')
      .notNull()
      .references(() => warnings.id),
    kind: text('kind').notNull(), // field | desk
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    items: jsonb('items').$type<string[]>().notNull(),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('warning_tasks_warning_idx').on(t.warningId)],
);

export const followups = pgTable(
  'followups',
  {
    id: text('id').primaryKey(),
    warningId: text('warning_id')
      .notNull()
      .references(() => warnings.id),
    seq: integer('seq').notNull(),
    day: integer('day').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    assigneeKind: text('assignee_kind').notNull(), // grid_worker | unit
    assigneeId: text('assignee_id').notNull(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    configVersion: text('config_version').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: text('done_by'),
    record: text('record'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [index('followups_due_idx').on(t.dueAt), index('followups_warning_idx').on(t.warningId)],
);

/** 预警后被骗 on the original warning: the headline KPI counts these by `at` (when the person was defrauded). */
export const warningFlags = pgTable(
  'warning_flags',
  {
    id: text('id').primaryKey(),
    warningId: text('warning_id')
      .notNull()
      .references(() => warnings.id),
    kind: text('kind').notNull(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    victimKind: text('victim_kind').notNull(),
    victimId: text('victim_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    daysAfterClose: integer('days_after_close').notNull(),
    rule: text('rule').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('warning_flags_uq').on(t.warningId, t.kind), index('warning_flags_at_idx').on(t.at)],
);

/**
 * 已被骗 → a case: what the (future) case module picks up. Written in the transaction that closes the warning;
 * withdrawn when the warning is reopened. The subject is copied: the case starts from what was known then.
 */
export const caseIntakeRequests = pgTable(
  'case_intake_requests',
  {
    id: text('id').primaryKey(),
    warningId: text('warning_id')
      .notNull()
      .references(() => warnings.id),
    /** the unit that held the warning when it closed: the case module's intake is scoped by it */
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    subject: jsonb('subject').$type<{ name?: string; phone?: string; idNumber?: string; address?: string }>().notNull(),
    disposition: text('disposition').notNull(),
    loss: doublePrecision('loss').notNull(),
    lossAvoided: doublePrecision('loss_avoided'),
    note: text('note').notNull(),
    fraudTypes: jsonb('fraud_types').$type<string[]>().notNull(),
    /** pending → taken (by the case module, with its case reference) | withdrawn (the warning was reopened) */
    status: text('status').notNull().default('pending'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    caseRef: text('case_ref'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('case_intake_status_idx').on(t.status, t.requestedAt),
    index('case_intake_warning_idx').on(t.warningId),
  ],
);

/**
 * A victim reported from outside this module (a case, a 96110 report): the identifiers, normalised, and when
 * the person was defrauded. 预警后被骗 flags raised by it point here (victim_kind = its source).
 */
export const victimReports = pgTable(
  'victim_reports',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(), // case | report_96110 | other
    reference: text('reference').notNull(),
    phone: text('phone'),
    idNumber: text('id_number'),
    defraudedAt: timestamp('defrauded_at', { withTimezone: true }).notNull(),
    reportedBy: text('reported_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('victim_reports_ref_uq').on(t.source, t.reference)],
);

export const unitNotificationSettings = pgTable('unit_notification_settings', {
  unitId: text('unit_id')
    .primaryKey()
    .references(() => units.id),
  dutyUserId: text('duty_user_id'),
  webhookUrl: text('webhook_url'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The workflow's configuration as the centre sets it: time limits per level (sla.ts) and follow-up days
 * (followup.ts). Append-only: each save is a new version; the newest row is in force, earlier ones explain the
 * timers and follow-ups they produced (those rows carry the version).
 */
export const dissuasionConfig = pgTable('dissuasion_config', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  sla: jsonb('sla').$type<unknown>().notNull(),
  followup: jsonb('followup').$type<unknown>().notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
