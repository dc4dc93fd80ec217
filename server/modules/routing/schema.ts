import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Routing lookups that are data, not people: phone 号段 (7 digits) or area code ('0778') → GB/T 2260 area, and
 * a bank branch (unit id or branch code) → area.
 */
export const routingAreas = pgTable(
  'routing_areas',
  {
    kind: text('kind').notNull(), // phone_prefix | branch
    key: text('key').notNull(),
    areaCode: text('area_code').notNull(),
  },
  (t) => [uniqueIndex('routing_areas_pk').on(t.kind, t.key)],
);
