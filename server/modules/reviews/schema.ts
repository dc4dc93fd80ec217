import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// After-action reviews (复盘): one per case, warning that ended 已被骗 / 预警后被骗, or failed dissuasion; the time line
// the system filled in when it was opened, the findings, and action items with owners and due dates.
export interface TimelineStep {
  step:
    | 'first_signal'
    | 'warning_opened'
    | 'first_contact'
    | 'visit'
    | 'loss'
    | 'case_reported'
    | 'closed'
    /** the warning was reopened after the review was opened (a review people worked on is kept) */
    | 'reopened';
  at: string;
  detail?: string;
}

export const afterActionReviews = pgTable(
  'after_action_reviews',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id').notNull(),
    /** 'case' | 'warning' */
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    /** 'case' | 'defrauded' | 'after_warning' | 'failed_dissuasion' */
    trigger: text('trigger').notNull(),
    title: text('title').notNull(),
    /** 'open' | 'closed' */
    status: text('status').notNull(),
    timeline: jsonb('timeline').$type<TimelineStep[]>().notNull(),
    whatHappened: text('what_happened').notNull().default(''),
    slowPoints: text('slow_points').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('after_action_reviews_subject').on(t.subjectKind, t.subjectId),
    index('after_action_reviews_unit').on(t.unitId),
  ],
);

export const reviewActions = pgTable(
  'review_actions',
  {
    id: text('id').primaryKey(),
    reviewId: text('review_id')
      .notNull()
      .references(() => afterActionReviews.id),
    /** 'rule_threshold' | 'script' | 'training' | 'bank_procedure' | 'other' */
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    ownerName: text('owner_name').notNull(),
    ownerUnitId: text('owner_unit_id'),
    /** YYYY-MM-DD */
    dueDate: text('due_date').notNull(),
    /** 'open' | 'done' */
    status: text('status').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneByName: text('done_by_name'),
    doneNote: text('done_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('review_actions_review').on(t.reviewId), index('review_actions_open').on(t.status, t.dueDate)],
);
