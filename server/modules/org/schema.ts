import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// One tree for police jurisdictions (province → city → district → station → grid) and partner organisations
// (banks and their branches, telecom operators, logistics companies, schools) hung under the area they serve.
// `path` is the materialised chain of ids ('/a/b/c/'): scoping a query to a unit's subtree is a prefix match.
export const units = pgTable(
  'units',
  {
    id: text('id').primaryKey(),
    parentId: text('parent_id'),
    kind: text('kind').notNull(),
    /** GB/T 2260 division code for administrative areas; the organisation's own code otherwise. */
    code: text('code'),
    name: text('name').notNull(),
    path: text('path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('units_parent_idx').on(t.parentId),
    index('units_path_idx').on(t.path),
    index('units_code_idx').on(t.code),
  ],
);
