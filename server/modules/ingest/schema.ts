import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgSequence, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// The event log: every event a partner sent, stored before it is acknowledged, decided exactly once by the
// detection runtime. (source, ext_id) is the partner's idempotency key. `partition` (hash of the subject's
// primary identifier mod PARTITIONS) lets several engine workers share the log by subject.
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    source: text('source').notNull(),
    extId: text('ext_id').notNull(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    partition: smallint('partition').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    decided: boolean('decided').notNull().default(false),
    /** Which decision batch decided it: replay runs in (batch, seq) order, the order decisions were really made
     *  in (on PostgreSQL concurrent ingests can commit seqs out of order). */
    decidedBatch: bigint('decided_batch', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('events_source_ext_id_uq').on(t.source, t.extId),
    index('events_undecided_idx').on(t.partition, t.seq).where(sql`not ${t.decided}`),
    // a single worker owns every partition and claims in plain seq order
    index('events_undecided_seq_idx').on(t.seq).where(sql`not ${t.decided}`),
    index('events_decided_batch_idx').on(t.decidedBatch, t.seq).where(sql`${t.decided}`),
    // the replay after a restart: the newest decided event time (backwards scan), then its window
    index('events_decided_occurred_idx').on(t.occurredAt).where(sql`${t.decided}`),
  ],
);

export const eventDecisionBatchSeq = pgSequence('event_decision_batch_seq', { startWith: 1, increment: 1 });

// Warning closures as the engine must see them: applied in memory when recorded and again, at the same point of
// the decision order (`afterBatch`), when the state is rebuilt by replay after a restart.
export const warningClosures = pgTable(
  'warning_closures',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    subjectKey: text('subject_key').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
    afterBatch: bigint('after_batch', { mode: 'number' }).notNull(),
  },
  (t) => [index('warning_closures_batch_idx').on(t.afterBatch)],
);
