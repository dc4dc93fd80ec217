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
    /** the channels used: sms, wechat, door, talk (issue 13) */
    channels: jsonb('channels').$type<string[]>().notNull().default(['sms']),
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
    /** the member's audience at launch: age band and occupation (coverage per grid and audience) */
    ageBand: text('age_band'),
    occupation: text('occupation'),
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

// ── channels beyond SMS (issue 13): door-to-door visits, talks (宣讲) with photos, volunteers and their hours ──

/** A grid worker's door-to-door visit to a targeted resident of a campaign; `met` counts as reached. */
export const preventionVisits = pgTable(
  'prevention_visits',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => preventionCampaigns.id),
    residentId: text('resident_id').notNull(),
    unitId: text('unit_id').notNull(),
    /** met | not_home | refused | moved */
    outcome: text('outcome').notNull(),
    note: text('note'),
    visitedBy: text('visited_by').notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('prevention_visits_campaign_idx').on(t.campaignId, t.residentId)],
);

/** A talk or event (宣讲): place, date, speakers, attendance; optionally part of a campaign. */
export const preventionTalks = pgTable(
  'prevention_talks',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    campaignId: text('campaign_id').references(() => preventionCampaigns.id),
    title: text('title').notNull(),
    place: text('place').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    speakers: jsonb('speakers').$type<string[]>().notNull(),
    audience: text('audience'),
    attendance: integer('attendance').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('prevention_talks_unit_idx').on(t.unitId, t.heldAt)],
);

/** A photo of a talk: type checked by its bytes (JPEG/PNG/WebP), size limited; stored base64. */
export const preventionTalkPhotos = pgTable(
  'prevention_talk_photos',
  {
    id: text('id').primaryKey(),
    talkId: text('talk_id')
      .notNull()
      .references(() => preventionTalks.id),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: text('data').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('prevention_talk_photos_talk_idx').on(t.talkId)],
);

export const preventionVolunteers = pgTable(
  'prevention_volunteers',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('prevention_volunteers_unit_idx').on(t.unitId)],
);

export const preventionVolunteerHours = pgTable(
  'prevention_volunteer_hours',
  {
    id: text('id').primaryKey(),
    volunteerId: text('volunteer_id')
      .notNull()
      .references(() => preventionVolunteers.id),
    campaignId: text('campaign_id').references(() => preventionCampaigns.id),
    talkId: text('talk_id').references(() => preventionTalks.id),
    day: text('day').notNull(), // YYYY-MM-DD
    hours: doublePrecision('hours').notNull(),
    activity: text('activity').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('prevention_volunteer_hours_vol_idx').on(t.volunteerId)],
);
