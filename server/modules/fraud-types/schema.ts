import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

// Officers' labels for the script classifier and the models a person published from them. A label is a text
// (from a closed warning, a case, or typed in) with its true type or "normal" (误报). Labels change nothing until
// a person publishes a model: a row here, trained on the shipped corpus + every label up to `labelsUpTo`.
export const scriptLabels = pgTable('script_labels', {
  id: serial('id').primaryKey(),
  text: text('text').notNull(),
  label: text('label').notNull(),
  sourceKind: text('source_kind').notNull(), // 'warning' | 'case' | 'manual'
  sourceId: text('source_id'),
  labelledBy: text('labelled_by').notNull(),
  labelledByName: text('labelled_by_name').notNull(),
  labelledAt: timestamp('labelled_at', { withTimezone: true }).notNull().defaultNow(),
  /** 'confirmed' (a person's label: trains models) | 'proposed' (from a closed warning, awaiting an officer) |
   *  'accepted' / 'rejected' (a proposal decided: accepting adds a new confirmed row, so published models stay
   *  reproducible from `labelsUpTo`) */
  status: text('status').notNull().default('confirmed'),
});

export const scriptModels = pgTable('script_models', {
  id: serial('id').primaryKey(),
  version: text('version').notNull(),
  labelsUpTo: integer('labels_up_to').notNull(),
  examples: integer('examples').notNull(),
  /** 5-fold cross-validation of this training set: accuracy, macro precision/recall */
  metrics: jsonb('metrics').$type<{ accuracy: number; macroPrecision: number; macroRecall: number }>().notNull(),
  note: text('note'),
  publishedBy: text('published_by').notNull(),
  publishedByName: text('published_by_name').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
});
