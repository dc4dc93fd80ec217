import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from '../org/schema.ts';
import { warnings } from '../warnings/schema.ts';

// The dissuasion workflow's rows. The warning's `status` column is the lifecycle state; everything the state
// machine asks to remember (timers, attempts, tasks, follow-ups, flags) lives here, written in the same
// transaction as the transition that produced it.

/** Per-warning workflow facts the warnings table does not carry. */
export const warningWorkflow = pgTable('warning_workflow', {
  warningId: text('warning_id').primaryKey().references(() => warnings.id),
  autoContactAttempts: integer('auto_contact_attempts').notNull().default(0),
  assigneeId: text('assignee_id'),
  signedBy: text('signed_by'),
  signedAt: timestamp('signed_at', { withTimezone: true }),
  /** routing steps (routing.ts), so the officer sees why the warning landed where it did */
  route: jsonb('route').$type<unknown>(),
  /** upstream push leads, hand-entry notes: shown on the detail page */
  leads: jsonb('leads').$type<string[]>(),
  reportingBranchId: text('reporting_branch_id'),
});

/** Stored timers: they survive a restart; the scheduler claims due rows (FOR UPDATE SKIP LOCKED on PostgreSQL). */
export const warningTimers = pgTable(
  'warning_timers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    warningId: text('warning_id').notNull().references(() => warnings.id),
    kind: text('kind').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    slaVersion: text('sla_version').notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('warning_timers_due_idx').on(t.dueAt).where(sql`${t.firedAt} is null and ${t.cancelledAt} is null`),
    index('warning_timers_warning_idx').on(t.warningId),
  ],
);

/** Every contact attempt: automatic (voice, sms, notifications) and by officers (visit, phone, relative). */
export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: text('id').primaryKey(),
    warningId: text('warning_id').notNull().references(() => warnings.id),
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

/** 双线并行: the station's field task and the centre's desk task (check funds, protective stop-payment). */
export const warningTasks = pgTable(
  'warning_tasks',
  {
    id: text('id').primaryKey(),
    warningId: text('warning_id').notNull().references(() => warnings.id),
    kind: text('kind').notNull(), // field | desk
    unitId: text('unit_id').notNull().references(() => units.id),
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
    warningId: text('warning_id').notNull().references(() => warnings.id),
    seq: integer('seq').notNull(),
    day: integer('day').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    assigneeKind: text('assignee_kind').notNull(), // grid_worker | unit
    assigneeId: text('assignee_id').notNull(),
    unitId: text('unit_id').notNull().references(() => units.id),
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
    warningId: text('warning_id').notNull().references(() => warnings.id),
    kind: text('kind').notNull(),
    unitId: text('unit_id').notNull().references(() => units.id),
    victimKind: text('victim_kind').notNull(),
    victimId: text('victim_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    daysAfterClose: integer('days_after_close').notNull(),
    rule: text('rule').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('warning_flags_uq').on(t.warningId, t.kind), index('warning_flags_at_idx').on(t.at)],
);

export const unitNotificationSettings = pgTable('unit_notification_settings', {
  unitId: text('unit_id').primaryKey().references(() => units.id),
  dutyUserId: text('duty_user_id'),
  webhookUrl: text('webhook_url'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Routing lookups that are data, not people: phone 号段 (7 digits) or area code ('0778') → GB/T 2260 area, and
 * a bank branch (unit id or branch code) → area.
 */
export const routingAreas = pgTable(
  'routing_areas',
  {
    kind: text('kind').notNull(), // phone_prefix | branch
    key: text('key').notNull(),
    areaCode: text('area_code').notNull(),
  },
  (t) => [uniqueIndex('routing_areas_pk').on(t.kind, t.key)],
);

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
