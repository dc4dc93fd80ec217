import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { auditLog } from './schema.ts';

export type AuditAction =
  | 'create' | 'update' | 'delete' | 'view' | 'view_unmasked' | 'export' | 'import'
  | 'login' | 'login_failed' | 'logout' | 'password_change' | 'revoke' | 'transition';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes one audit row. Call it with the same transaction handle as the change it describes, so that a change
 * without its audit row (or the reverse) can never be committed.
 */
export async function audit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(toRow(actor, entry));
}

/** Many rows at once, e.g. one per record of a listing that shows personal data. */
export async function auditMany(db: Db, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await db.insert(auditLog).values(entries.map((e) => toRow(actor, e)));
}

function toRow(actor: Actor, e: AuditEntry) {
  return {
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    actorUnitId: actor.unitId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    purpose: actor.purpose ?? null,
    ip: actor.ip ?? null,
    details: e.details ?? null,
  };
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  q?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export async function searchAudit(db: Db, query: AuditQuery) {
  const where = auditWhere(query);
  const pageSize = query.pageSize ?? 50;
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const [items, [count]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(pageSize).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items: items.map(present), total: count?.n ?? 0 };
}

/** Streams matching rows in pages for export, newest first, bounded so that an export cannot exhaust memory. */
export async function* iterateAudit(db: Db, query: AuditQuery, limit = 200_000) {
  const where = auditWhere(query);
  let beforeId: number | null = null;
  let sent = 0;
  while (sent < limit) {
    const page: (typeof auditLog.$inferSelect)[] = await db.select().from(auditLog)
      .where(beforeId === null ? where : and(where, sql`${auditLog.id} < ${beforeId}`))
      .orderBy(desc(auditLog.id)).limit(1000);
    if (page.length === 0) return;
    for (const row of page) yield present(row);
    sent += page.length;
    beforeId = page[page.length - 1]!.id;
  }
}

function auditWhere(q: AuditQuery): SQL | undefined {
  const conds: SQL[] = [];
  if (q.actorId) conds.push(eq(auditLog.actorId, q.actorId));
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.from) conds.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) conds.push(lte(auditLog.at, new Date(q.to)));
  if (q.q) conds.push(sql`(${auditLog.actorName} ilike ${'%' + q.q + '%'} or ${auditLog.purpose} ilike ${'%' + q.q + '%'})`);
  return conds.length ? and(...conds) : undefined;
}

export type AuditRecord = ReturnType<typeof present>;

function present(r: typeof auditLog.$inferSelect) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorKind: r.actorKind,
    actorId: r.actorId,
    actorName: r.actorName,
    actorRole: r.actorRole,
    actorUnitId: r.actorUnitId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    purpose: r.purpose,
    ip: r.ip,
    details: r.details,
  };
}
