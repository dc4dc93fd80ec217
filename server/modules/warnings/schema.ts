import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from '../org/schema.ts';
import type { ServerText } from '../../../contract/texts.ts';

export interface WarningSubject {
  phone?: string;
  idNumber?: string;
  account?: string;
  name?: string;
  /** as given with a hand entry or an upstream push; routing trusts the registry first */
  address?: string;
  /** the bank branch (unit id) that reported it, for routing by the branch's area */
  reportingBranchId?: string;
}
export interface FraudTypeScore {
  code: string;
  name: string;
  score?: number;
}
export interface StoredRuleHit {
  ruleId: string;
  configVersion: string;
  fraudTypes: string[];
  score: number;
  reason: string;
  /** the reason as a code and its facts (contract/texts.ts); absent on hits stored before it was kept */
  text?: ServerText;
  eventIds: string[];
  at: string;
}
/**
 * How routing placed the warning when it opened (routing/routing.ts): the lookups tried in order of trust and
 * what each answered, and where it landed (the registry grid or the centre's queue when no station answered).
 */
export interface WarningRoute {
  steps: { via: string; key: string | null; result: string | null }[];
  /** the step that found the station; null when none did */
  via: string | null;
  unitId: string;
  routed: boolean;
}

// The warning store. The engine opens and updates warnings; upstream pushes and hand entries land here too; the
// dissuasion workflow moves `status`. One open warning per subject (partial unique index), so new evidence
// updates the open warning instead of creating a duplicate.
export const warnings = pgTable(
  'warnings',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(), // engine | upstream | manual
    subjectKey: text('subject_key').notNull(),
    subject: jsonb('subject').$type<WarningSubject>().notNull(),
    subjectPhone: text('subject_phone'),
    subjectIdNumber: text('subject_id_number'),
    level: text('level').notNull(), // high | medium | low
    score: real('score').notNull().default(0),
    fraudTypes: jsonb('fraud_types').$type<FraudTypeScore[]>().notNull(),
    ruleHits: jsonb('rule_hits').$type<StoredRuleHit[]>().notNull(),
    evidenceEventIds: jsonb('evidence_event_ids').$type<string[]>().notNull(),
    summary: text('summary'),
    status: text('status').notNull().default('new'),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    routed: boolean('routed').notNull().default(false),
    /** computed once, in the transaction that opens the warning; null only on warnings opened before it was kept */
    route: jsonb('route').$type<WarningRoute>(),
    configVersion: text('config_version'),
    firstEventAt: timestamp('first_event_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    disposition: jsonb('disposition').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('warnings_one_open_per_subject')
      .on(t.subjectKey)
      .where(sql`${t.status} <> 'closed'`),
    index('warnings_status_idx').on(t.status, t.openedAt),
    index('warnings_unit_idx').on(t.unitId),
    index('warnings_phone_idx').on(t.subjectPhone),
    index('warnings_id_number_idx').on(t.subjectIdNumber),
    index('warnings_opened_idx').on(t.openedAt),
    // figures by day of closing (stats roll-ups, drill-down): a range on closed_at, not a scan of every closed warning
    index('warnings_closed_idx').on(t.closedAt),
  ],
);
