import { redactDeep } from '../../platform/logger.ts';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, isPlatformWide, type Actor } from '../../platform/auth/actor.ts';
import { invalid } from '../../platform/errors.ts';
import * as repo from './repository.ts';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'view'
  | 'view_unmasked'
  | 'export'
  | 'import'
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'password_change'
  | 'revoke'
  | 'transition';

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
  await repo.insertAudit(db, [toRow(actor, entry)]);
}

/** Many rows at once, e.g. one per record of a listing that shows personal data. */
export async function auditMany(db: Db, actor: Actor, entries: AuditEntry[]): Promise<void> {
  await repo.insertAudit(
    db,
    entries.map((e) => toRow(actor, e)),
  );
}

function toRow(actor: Actor, e: AuditEntry): repo.NewAuditRow {
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
    // searched phones and ID numbers are not kept in full: the admin reading the log may never see them unmasked
    details: e.details ? redactDeep(e.details) : null,
  };
}

export interface AuditQuery {
  actorId?: string;
  actorKind?: 'user' | 'token' | 'system';
  action?: string;
  entityType?: string;
  entityId?: string;
  q?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

// ── Reading the log: people see the rows of actors in their own subtree ─────────────────────────────────────

/**
 * The audit log as an admin may read it: the rows of actors whose unit lies in the reader's subtree (a district
 * admin sees their district's officers, not the city's or the platform's own rows); at the platform root, all.
 */
export async function readAuditLog(db: Db, actor: Actor, query: AuditQuery) {
  assertCan(actor, 'audit:read');
  return page(db, { ...filterOf(query), ...scopeOf(actor) }, query);
}

/** Export of the reader's rows for `query` (at most `limit`); the export itself is recorded first. */
export async function exportAuditLog(
  db: Db,
  actor: Actor,
  query: Omit<AuditQuery, 'page' | 'pageSize'>,
  limit = 200_000,
) {
  assertCan(actor, 'audit:read');
  const filter = { ...filterOf(query), ...scopeOf(actor) };
  await audit(db, actor, { action: 'export', entityType: 'audit_log', details: { filter: query } });
  return mapRows(repo.iterateAudit(db, filter, limit));
}

/**
 * Platform-internal, unscoped and unchecked: the history of an entity the calling service has already shown its
 * caller may see (a warning's transitions). Routes use readAuditLog.
 */
export async function searchAudit(db: Db, query: AuditQuery) {
  return page(db, filterOf(query), query);
}

async function page(db: Db, filter: repo.AuditFilter, query: AuditQuery) {
  const pageSize = query.pageSize ?? 50;
  const { items, total } = await repo.searchAudit(db, filter, {
    limit: pageSize,
    offset: ((query.page ?? 1) - 1) * pageSize,
  });
  return { items: items.map(present), total };
}

const scopeOf = (actor: Actor): Pick<repo.AuditFilter, 'unitPathPrefix'> =>
  isPlatformWide(actor) ? {} : { unitPathPrefix: actor.unitPath };

function filterOf(q: AuditQuery): repo.AuditFilter {
  return {
    actorId: q.actorId,
    actorKind: q.actorKind,
    action: q.action,
    entityType: q.entityType,
    entityId: q.entityId,
    q: q.q,
    from: q.from ? instant('from', q.from) : undefined,
    to: q.to ? instant('to', q.to) : undefined,
  };
}

function instant(field: string, text: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw invalid(field, 'not a date-time JavaScript can read');
  return d;
}

async function* mapRows(rows: AsyncIterable<repo.AuditRow>) {
  for await (const r of rows) yield present(r);
}

export type AuditRecord = ReturnType<typeof present>;

function present(r: repo.AuditRow) {
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
