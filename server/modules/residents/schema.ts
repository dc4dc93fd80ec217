import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from '../org/schema.ts';

/** The resident registry of the community grids: personal data, masked by role and audited on every read. */
export const residents = pgTable(
  'residents',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    phone: text('phone'),
    address: text('address'),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    birthYear: integer('birth_year'),
    occupation: text('occupation'),
    /** relatives to call when the person cannot be reached (dissuasion): [{name, relation, phone}] */
    relatives: jsonb('relatives').$type<{ name?: string; relation?: string; phone: string }[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // one entry per ID number per unit, not platform-wide: a 409 for an entry of another station's registry told
    // an officer where (and that) a person is registered outside their jurisdiction
    uniqueIndex('residents_unit_id_number_uq').on(t.unitId, t.idNumber),
    index('residents_id_number_idx').on(t.idNumber),
    index('residents_phone_idx').on(t.phone),
    index('residents_unit_idx').on(t.unitId),
  ],
);
