import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
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
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    residentId: text('resident_id'),
    birthYear: integer('birth_year'),
    occupation: text('occupation'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('prevention_case_signals_at_idx').on(t.reportedAt)],
);

/** A campaign launched from a risk group; the holdout of the same group is drawn at launch and never contacted. */
export const preventionCampaigns = pgTable(
  'prevention_campaigns',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    fraudType: text('fraud_type').notNull(),
    ageBand: text('age_band').notNull(),
    occupation: text('occupation'),
    channel: text('channel').notNull(), // sms
    text: text('text').notNull(),
    holdoutShare: doublePrecision('holdout_share').notNull(),
    dailyCap: integer('daily_cap').notNull(),
    launchedBy: text('launched_by').notNull(),
    launchedAt: timestamp('launched_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('prevention_campaigns_unit_idx').on(t.unitId)],
);

export const preventionCampaignMembers = pgTable(
  'prevention_campaign_members',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => preventionCampaigns.id),
    residentId: text('resident_id').notNull(),
    unitId: text('unit_id').notNull(),
    arm: text('arm').notNull(), // target | holdout
    phone: text('phone'),
    /** sent | failed | opted_out | no_phone, null = not yet */
    outcome: text('outcome'),
    at: timestamp('at', { withTimezone: true }),
    detail: text('detail'),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.residentId] }),
    index('prevention_members_resident_idx').on(t.residentId),
  ],
);

/** Numbers that replied TD (or asked an officer): no more prevention SMS. */
export const preventionSmsOptouts = pgTable('prevention_sms_optouts', {
  phone: text('phone').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});
