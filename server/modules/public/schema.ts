import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Proof-of-work challenges: single use (used_at set by the report that spends it), expiring. */
export const publicChallenges = pgTable(
  'public_challenges',
  {
    challenge: text('challenge').primaryKey(),
    difficulty: integer('difficulty').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('public_challenges_expiry_idx').on(t.expiresAt)],
);

/**
 * 我要举报 and reports taken at the 96110 desk. `valueKey` is the normalised identifier (identifiers/keys.ts via
 * indicators); `ipHash` a salted hash (never the address) for de-duplication and rate accounting.
 */
export const publicReports = pgTable(
  'public_reports',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull(), // web | desk
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    valueKey: text('value_key').notNull(),
    description: text('description').notNull(),
    contact: text('contact'),
    consent: boolean('consent').notNull(),
    loss: doublePrecision('loss'),
    ipHash: text('ip_hash'),
    eventId: text('event_id'),
    /** received | confirmed | rejected: confirmed reports grow the reporter's trust */
    status: text('status').notNull().default('received'),
    unitId: text('unit_id'),
    /** a report of a loss with a contact: the case-intake request it became (dissuasion), for the station to review */
    intakeId: text('intake_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('public_reports_key_idx').on(t.kind, t.valueKey), index('public_reports_created_idx').on(t.createdAt)],
);

export const publicReportFiles = pgTable(
  'public_report_files',
  {
    id: text('id').primaryKey(),
    reportId: text('report_id')
      .notNull()
      .references(() => publicReports.id),
    type: text('type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [index('public_report_files_report_idx').on(t.reportId)],
);

/** The 96110 desk's call log: one row per inbound call, with what it was turned into. */
export const deskCalls = pgTable(
  'desk_calls',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id').notNull(),
    operatorId: text('operator_id').notNull(),
    operatorName: text('operator_name').notNull(),
    callerPhone: text('caller_phone'),
    callerName: text('caller_name'),
    topic: text('topic').notNull(),
    question: text('question').notNull(),
    advice: text('advice').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
    outcome: text('outcome').notNull(),
    reference: text('reference'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('desk_calls_unit_at_idx').on(t.unitId, t.at), index('desk_calls_at_idx').on(t.at)],
);
