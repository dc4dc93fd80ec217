import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { units } from '../org/schema.ts';
import { users } from '../users/schema.ts';

/** Partner API tokens for machine-to-machine integration. The token itself is shown once; only its hash stays. */
export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  unitId: text('unit_id').references(() => units.id),
  scopes: jsonb('scopes').$type<string[]>().notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** The first characters, so an admin can tell tokens apart without the secret. */
  prefix: text('prefix').notNull(),
  createdBy: text('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});
