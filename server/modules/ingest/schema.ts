import { bigint, index, jsonb, pgSequence, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// The event log: every event a partner sent, stored before it is acknowledged, decided exactly once by the
// detection runtime. (source, ext_id) is the partner's idempotency key. `partition` (hash of the subject's
// primary identifier mod PARTITIONS) lets several engine workers share the log by subject. The log is written
// once and never updated: what is still to decide is the narrow `event_queue`, what was decided (and in which
// decision batch) the narrow `event_decisions` — marking 2,000 events decided moves 2,000 small rows instead of
// rewriting 2,000 wide ones with their payloads and every index on them.
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
    /** The person (subjects.id) the event's identifiers resolved to when it was stored (null: stored before). */
    subject: bigint('subject', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('events_source_ext_id_uq').on(t.source, t.extId),
    // a merged subject's events: requeued and replayed by the worker that now holds the person
    index('events_subject_idx').on(t.subject),
    // the replay after a restart: the newest decided event time (backwards scan), then its window
    index('events_occurred_idx').on(t.occurredAt),
  ],
);

/** Events stored and not decided yet: inserted with the event, deleted in the transaction that decides it. */
export const eventQueue = pgTable(
  'event_queue',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    partition: smallint('partition').notNull(),
  },
  // several workers claim by partition; a single worker owning them all claims in plain seq order (the pk)
  (t) => [index('event_queue_partition_idx').on(t.partition, t.seq)],
);

/** Which decision batch decided each event: replay runs in (batch, seq) order, the order decisions were really
 *  made in (on PostgreSQL concurrent ingests can commit seqs out of order). */
export const eventDecisions = pgTable(
  'event_decisions',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    batch: bigint('batch', { mode: 'number' }).notNull(),
  },
  (t) => [index('event_decisions_batch_idx').on(t.batch, t.seq)],
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

/**
 * Which partner owns an event source ('bank.icbc'): a partner token may store events only under sources bound to
 * its partner (the token's unit; a token without a unit, or of the root, is the platform's), so no partner can speak
 * for another, nor pre-empt or probe another's idempotency keys. An administrator binds sources (`bound_by`, the
 * administrator's user id); a partner's first use claims an unbound source only where the platform's configuration
 * allows it (ZHIWANG_EVENT_SOURCE_CLAIMS), the platform's and the police's own tokens claim theirs on first use.
 * Sources of the police ('police.…') are never a partner's.
 */
export const eventSources = pgTable('event_sources', {
  source: text('source').primaryKey(),
  /** 'platform' or 'unit:<unit id>' */
  owner: text('owner').notNull(),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  /** the administrator who bound it; null: claimed on first use */
  boundBy: text('bound_by'),
});

// Identity resolved once, globally, before partitioning (issue 10): every identifier key ('p:…', 'i:…', 'a:…') maps
// to a subject; subjects joined by a later event are merged (union–find, kept flat: every subject row names its
// current root and the root's partition). Written in the transaction that stores the event, so the event's
// partition is its person's, whichever identifier it names.
export const subjects = pgTable(
  'subjects',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    root: bigint('root', { mode: 'number' }),
    partition: smallint('partition').notNull(),
  },
  (t) => [index('subjects_root_idx').on(t.root)],
);

export const subjectKeys = pgTable('subject_keys', {
  key: text('key').primaryKey(),
  subject: bigint('subject', { mode: 'number' }),
});

/** A merge of subjects held in another partition: the worker owning `toPartition` rebuilds the merged subjects'
 *  state from their stored events (ids in `subjects`). */
export const subjectMerges = pgTable('subject_merges', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  root: bigint('root', { mode: 'number' }).notNull(),
  subjects: bigint('subjects', { mode: 'number' }).array().notNull(),
  fromPartition: smallint('from_partition').notNull(),
  toPartition: smallint('to_partition').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
