import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

// Orders from the police to banks (警银联动): stop-payment, freeze, evidence, refund, protective stop. Money is
// kept in fen (integers). `unitId` owns the order (the case's unit: police scoping); `bankUnitId` is the bank it is
// addressed to (bank scoping: a liaison sees only these). Both are units ids (org); no foreign key, so that this
// schema imports no other module (the schema registry would close an import cycle through org and audit). The lifecycle is lifecycle.ts; every step is a row of
// order_steps and an audit row, in the same transaction.
export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    caseId: text('case_id'),
    warningId: text('warning_id'),
    paymentId: text('payment_id'),
    unitId: text('unit_id').notNull(),
    bankUnitId: text('bank_unit_id'),
    /** the bank as given (name, or as found from the card BIN) */
    bankName: text('bank_name'),
    account: text('account').notNull(),
    accountKey: text('account_key').notNull(),
    accountName: text('account_name'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    amountStoppedFen: bigint('amount_stopped_fen', { mode: 'number' }),
    balanceFen: bigint('balance_fen', { mode: 'number' }),
    /** money returned to victims (refund orders executed) */
    returnedFen: bigint('returned_fen', { mode: 'number' }),
    reason: text('reason'),
    automatic: boolean('automatic').notNull().default(false),
    /** the order this one continues (a renewed freeze or stop) */
    previousId: text('previous_id'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** the bank must have answered by then (the sweep escalates after it) */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** the bank's webhook was told of the order then (null: still to tell; the sweep does, at least once) */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    escalations: integer('escalations').notNull().default(0),
    /** the measure ends then (48 h stop, 6 month freeze) */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    reminders: integer('reminders').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('orders_case_idx').on(t.caseId),
    index('orders_bank_idx').on(t.bankUnitId, t.status),
    index('orders_unit_idx').on(t.unitId, t.createdAt),
    index('orders_account_idx').on(t.accountKey, t.kind),
    index('orders_due_idx').on(t.dueAt),
    index('orders_notify_idx')
      .on(t.sentAt)
      .where(sql`notified_at is null and sent_at is not null`),
    index('orders_expires_idx').on(t.expiresAt),
  ],
);

/** The timeline of an order: every transition, escalation and reminder, who and when. */
export const orderSteps = pgTable(
  'order_steps',
  {
    id: text('id').primaryKey(),
    /** the order of the steps (several may share a clock reading) */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    step: text('step').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('order_steps_order_idx').on(t.orderId, t.seq)],
);

/** Files a bank returns with an evidence order (statements): content with its SHA-256, kept as received. */
export const orderFiles = pgTable(
  'order_files',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type'),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    encoding: text('encoding'),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('order_files_order_idx').on(t.orderId)],
);

/** Where a bank's system wants to be told of new orders (a WeCom-style robot webhook). */
export const orderBankSettings = pgTable('order_bank_settings', {
  bankUnitId: text('bank_unit_id').primaryKey(),
  webhookUrl: text('webhook_url'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Money returned to one victim (返还): traced first, pro rata after the notice; recorded when returned. */
export const orderRefunds = pgTable(
  'order_refunds',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    caseId: text('case_id'),
    victimId: text('victim_id').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    basis: text('basis').notNull(),
    /** pro-rata shares may be returned from this time on (after the 30-day notice) */
    notBefore: timestamp('not_before', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
  },
  (t) => [index('order_refunds_case_idx').on(t.caseId)],
);
