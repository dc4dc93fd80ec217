import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from '../org/schema.ts';

/**
 * A person stranded abroad in a fraud hub (劝返 list): pushed from upstream, imported from a spreadsheet or entered
 * by hand. Two units answer for them — the household registration's (户籍地) and the place they lived (流入地) —
 * and both see the record. The status moves by `lifecycle.ts`; open records are the board's items until closed.
 */
export const returnsPersons = pgTable(
  'returns_persons',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    phone: text('phone'),
    /** country / place abroad (e.g. 缅甸妙瓦底) */
    location: text('location').notNull(),
    householdUnitId: text('household_unit_id')
      .notNull()
      .references(() => units.id),
    residenceUnitId: text('residence_unit_id').references(() => units.id),
    /** abroad | persuading | returned | written_off */
    status: text('status').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    source: text('source').notNull(), // manual | import | upstream
    upstreamRef: text('upstream_ref'),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('returns_persons_household_idx').on(t.householdUnitId, t.status),
    index('returns_persons_residence_idx').on(t.residenceUnitId, t.status),
    uniqueIndex('returns_persons_upstream_idx').on(t.upstreamRef),
  ],
);

/** Contacts with the family (and the person), logged: who, how, what was said. */
export const returnsContacts = pgTable(
  'returns_contacts',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => returnsPersons.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: text('by').notNull(),
    /** who was contacted: 父母, 配偶, 本人, … */
    contact: text('contact').notNull(),
    channel: text('channel').notNull(), // phone | visit | wechat | other
    summary: text('summary').notNull(),
  },
  (t) => [index('returns_contacts_person_idx').on(t.personId, t.at)],
);

/** Every status change, with who and why. */
export const returnsHistory = pgTable(
  'returns_history',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => returnsPersons.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    by: text('by').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('returns_history_person_idx').on(t.personId, t.at)],
);
