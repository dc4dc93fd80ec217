import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { units } from '../org/schema.ts';

// 两卡 governance: the registry of cards (bank accounts, phone numbers) linked to fraud, each with the evidence
// that put it there, and the Art. 31 measures on them with their whole life (who proposed, confirmed, executed,
// appealed, decided, released) and the notices sent to the partner who executes them.
export const cardEntries = pgTable(
  'card_entries',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(), // bank_account | phone
    value: text('value').notNull(),
    /** canonical identifier key (identifiers/keys.ts): one entry per card */
    key: text('key').notNull(),
    holderName: text('holder_name'),
    holderIdNumber: text('holder_id_number'),
    /** 卡农 card seller, 卡商 dealer, case_account, mule, warning_number, partner_report */
    source: text('source').notNull(),
    reason: text('reason').notNull(),
    caseId: text('case_id'),
    /** [{ at, by, kind, text, caseId?, warningId? }]: every reason the card is on the list */
    evidence: jsonb('evidence').$type<{ at: string; by: string; kind: string; text: string; caseId?: string; warningId?: string }[]>().notNull(),
    unitId: text('unit_id').notNull().references(() => units.id),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('card_entries_key_idx').on(t.kind, t.key), index('card_entries_unit_idx').on(t.unitId), index('card_entries_holder_idx').on(t.holderIdNumber)],
);

export const cardMeasures = pgTable(
  'card_measures',
  {
    id: text('id').primaryKey(),
    entryId: text('entry_id').notNull().references(() => cardEntries.id),
    measure: text('measure').notNull(),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** the bank or telecom unit that executes it */
    partnerUnitId: text('partner_unit_id').references(() => units.id),
    proposedBy: text('proposed_by').notNull(),
    proposedByName: text('proposed_by_name').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    confirmedBy: text('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    ackBy: text('ack_by'),
    ackAt: timestamp('ack_at', { withTimezone: true }),
    appealReason: text('appeal_reason'),
    appealedAt: timestamp('appealed_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** [{ at, by, from, to, note? }] */
    history: jsonb('history').$type<{ at: string; by: string; from: string | null; to: string; note?: string }[]>().notNull(),
  },
  (t) => [index('card_measures_entry_idx').on(t.entryId), index('card_measures_status_idx').on(t.status, t.endsAt), index('card_measures_partner_idx').on(t.partnerUnitId)],
);

/** What a partner is told: apply a measure, lift it (revoked on appeal) or that it lapsed (expiry). */
export const cardNotices = pgTable(
  'card_notices',
  {
    id: text('id').primaryKey(),
    measureId: text('measure_id').notNull().references(() => cardMeasures.id),
    partnerUnitId: text('partner_unit_id').references(() => units.id),
    kind: text('kind').notNull(), // apply | lift | expired
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('card_notices_partner_idx').on(t.partnerUnitId, t.createdAt)],
);
