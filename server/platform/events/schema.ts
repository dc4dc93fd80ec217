import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, primaryKey } from 'drizzle-orm/pg-core';

// The domain-event log (platform/events): written in the transaction that made the change, read by each durable
// subscriber in (tx, id) order behind its cursor. `tx` is the writing transaction's id: a subscriber only reads
// events of transactions older than every transaction still running (the snapshot's xmin), so an event whose
// transaction commits late can never be skipped by a cursor that already moved past a higher `id`.
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tx: bigint('tx', { mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('domain_events_order_idx').on(t.tx, t.id), index('domain_events_name_idx').on(t.name, t.tx, t.id)],
);

/** Where each durable subscriber is: the last event it handled (or parked), and its retry state. */
export const eventCursors = pgTable('event_cursors', {
  subscriber: text('subscriber').primaryKey(),
  lastTx: bigint('last_tx', { mode: 'number' }).notNull().default(0),
  lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  retryAt: timestamp('retry_at', { withTimezone: true }),
  lastError: text('last_error'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Events a subscriber gave up on after its retries: kept for an operator, never silently dropped. */
export const eventDeadLetters = pgTable(
  'event_dead_letters',
  {
    subscriber: text('subscriber').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    error: text('error').notNull(),
    attempts: integer('attempts').notNull(),
    parkedAt: timestamp('parked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subscriber, t.eventId] })],
);
