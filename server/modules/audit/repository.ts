import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { insertJson } from '../../platform/db/bulk.ts';
import { containing } from '../../platform/db/like.ts';
import { units } from '../org/schema.ts';
import { auditLog } from './schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export interface AuditFilter {
  actorId?: string;
  actorKind?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  q?: string;
  from?: Date;
  to?: Date;
  /** only rows of actors whose unit lies in this subtree (units.path prefix); rows without a unit are left out */
  unitPathPrefix?: string;
}

/** Many rows in one statement, the rows as one JSON parameter (a burst of warnings writes hundreds at once). */
export async function insertAudit(db: Db, rows: NewAuditRow[]) {
  await insertJson(db, auditLog, rows);
}

export async function searchAudit(db: Db, f: AuditFilter, page: { limit: number; offset: number }) {
  const where = auditWhere(f);
  const [items, [count]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(page.limit).offset(page.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Rows newest first, in pages of 1000 by id (stable while new rows arrive), at most `limit` in all. */
export async function* iterateAudit(db: Db, f: AuditFilter, limit: number): AsyncGenerator<AuditRow> {
  const where = auditWhere(f);
  let beforeId: number | null = null;
  let sent = 0;
  while (sent < limit) {
    const page: AuditRow[] = await db
      .select()
      .from(auditLog)
      .where(beforeId === null ? where : and(where, sql`${auditLog.id} < ${beforeId}`))
      .orderBy(desc(auditLog.id))
      .limit(Math.min(1000, limit - sent));
    if (page.length === 0) return;
    yield* page;
    sent += page.length;
    beforeId = page[page.length - 1]!.id;
  }
}

function auditWhere(f: AuditFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.unitPathPrefix !== undefined) {
    conds.push(
      sql`${auditLog.actorUnitId} in (select ${units.id} from ${units} where ${units.path} like ${`${f.unitPathPrefix}%`})`,
    );
  }
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.actorKind) conds.push(eq(auditLog.actorKind, f.actorKind));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  if (f.q)
    conds.push(sql`(${auditLog.actorName} ilike ${containing(f.q)} or ${auditLog.purpose} ilike ${containing(f.q)})`);
  return conds.length ? and(...conds) : undefined;
}
