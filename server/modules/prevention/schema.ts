import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { units } from '../org/schema.ts';

/**
 * What prevention keeps of a recorded case (the `case.recorded` event): its fraud types, where the victim lives and
 * their age and occupation — no names, no numbers. Risk groups count these beside the warnings.
 */
export const preventionCaseSignals = pgTable(
  'prevention_case_signals',
  {
    caseId: text('case_id').primaryKey(),
    fraudTypes: jsonb('fraud_types').$type<string[]>().notNull(),
    unitId: text('unit_id').notNull().references(() => units.id),
    birthYear: integer('birth_year'),
    occupation: text('occupation'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('prevention_case_signals_at_idx').on(t.reportedAt)],
);
