import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed logins per (user name, client address), shared by every server process on the database (auth/lockout.ts).
 * Only hashes: a name typed at the login form may be a mistyped password, and an address is personal data.
 * A row stops counting at `expires_at` (the lock's end, or the lock period after the last failure).
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_failures_expires_idx').on(t.expiresAt)],
);
