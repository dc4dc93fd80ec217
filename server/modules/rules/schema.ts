import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { EngineConfig } from '../engine/index.ts';

// Versioned engine configuration (thresholds, windows, weights, level bands). Rows are never changed: a new
// version is a new row, the current one is the highest. Version 1 is the built-in DEFAULT_CONFIG and is not stored.
export const ruleConfigs = pgTable('rule_configs', {
  version: integer('version').primaryKey(),
  config: jsonb('config').$type<EngineConfig>().notNull(),
  note: text('note'),
  createdBy: text('created_by').notNull(),
  createdByName: text('created_by_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
