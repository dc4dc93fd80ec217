import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Every insert, update and delete of an indicator takes the next value of this sequence into `version`, so
 * engine nodes follow the lists by polling `version > last seen` (indicatorChangesSince). Writers serialise on an
 * advisory lock, which makes version order equal commit order: a poller never skips a late-committing row.
 */
export const indicatorVersionSeq = pgSequence('indicator_version_seq', { startWith: 1 });

// Block and allow lists (黑/白名单) of identifiers: phone, account, domain, URL, app package/hash, IP, keyword.
// `value` is the normalised key the engine looks up (indicatorKey); `rawValue` is what was submitted.
// Deletes are tombstones (`deletedAt`) so that followers see them; re-adding the same value revives the row.
export const indicators = pgTable(
  'indicators',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    rawValue: text('raw_value').notNull(),
    list: text('list').notNull(), // block | allow
    reason: text('reason'),
    source: text('source').notNull(),
    confidence: integer('confidence').notNull().default(80),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    fraudType: text('fraud_type'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    version: bigint('version', { mode: 'number' })
      .notNull()
      .default(sql`nextval('indicator_version_seq')`),
  },
  (t) => [
    uniqueIndex('indicators_kind_value_list_uq').on(t.kind, t.value, t.list),
    index('indicators_version_idx').on(t.version),
    index('indicators_source_idx').on(t.source),
  ],
);

export type IndicatorRow = typeof indicators.$inferSelect;
