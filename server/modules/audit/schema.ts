import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Append-only: a trigger (migration 0001) rejects UPDATE and DELETE. Rows are written in the same transaction
// as the change they describe, and for every read or export of personal data.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    actorUnitId: text('actor_unit_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    purpose: text('purpose'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
    // the log filtered by actor kind (people's reads and changes apart from the system's ingest), newest first:
    // `actor_kind = $1 order by id desc limit n` walks this index backwards instead of the whole log
    index('audit_actor_kind_idx').on(t.actorKind, t.id),
  ],
);
