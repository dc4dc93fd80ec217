// All SQL of the indicators module. Writers take one advisory lock per transaction so that change versions are
// handed out in commit order (see schema.ts); callers pass the transaction handle.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { indicators, type IndicatorRow } from './schema.ts';
import { entryId, type NormalizedIndicator } from './rules.ts';

const WRITE_LOCK = 727301;
const CHUNK = 1000;

export async function lockIndicatorWrites(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK})`);
}

export type UpsertStatus = 'created' | 'updated';

/** Inserts or updates (reviving tombstones) each entry; returns id and status per entry, in input order. */
export async function upsertIndicators(
  tx: Db,
  items: NormalizedIndicator[],
  actorId: string,
): Promise<{ id: string; status: UpsertStatus }[]> {
  const out: { id: string; status: UpsertStatus }[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    const existing = await tx
      .select({
        id: indicators.id,
        kind: indicators.kind,
        value: indicators.value,
        list: indicators.list,
        deletedAt: indicators.deletedAt,
      })
      .from(indicators)
      .where(inArray(indicators.value, [...new Set(chunk.map((c) => c.key))]));
    const live = new Set(
      existing
        .filter((e) => !e.deletedAt)
        .map((e) => entryId({ kind: e.kind as never, key: e.value, list: e.list as never })),
    );
    const rows = await insertChunk(tx, chunk, actorId, 'upsert');
    const ids = new Map(
      rows.map((r) => [entryId({ kind: r.kind as never, key: r.value, list: r.list as never }), r.id]),
    );
    for (const c of chunk) out.push({ id: ids.get(entryId(c))!, status: live.has(entryId(c)) ? 'updated' : 'created' });
  }
  return out;
}

/**
 * One statement per chunk with one array parameter per column (unnest): binding thousands of scalar parameters
 * made a 1,000-row insert cost ~200 ms on PostgreSQL and more on PGlite.
 */
async function insertChunk(tx: Db, chunk: NormalizedIndicator[], actorId: string, onConflict: 'upsert' | 'skip') {
  // sql.param binds the whole array as one parameter (a bare array would be spread into a list)
  const col = <T>(f: (c: NormalizedIndicator) => T) => sql.param(chunk.map(f));
  const conflict =
    onConflict === 'skip'
      ? sql`on conflict do nothing`
      : sql`on conflict (kind, value, list) do update set
      raw_value = excluded.raw_value, reason = excluded.reason, source = excluded.source, confidence = excluded.confidence,
      valid_until = excluded.valid_until, fraud_type = excluded.fraud_type, updated_by = excluded.updated_by,
      updated_at = now(), deleted_at = null, version = nextval('indicator_version_seq')`;
  const res = await tx.execute(sql`
    insert into indicators (id, kind, value, raw_value, list, reason, source, confidence, valid_until, fraud_type, created_by, updated_by)
    select u.id, u.kind, u.value, u.raw_value, u.list, u.reason, u.source, u.confidence, u.valid_until, u.fraud_type, ${actorId}, ${actorId}
    from unnest(${col(() => randomUUID())}::text[], ${col((c) => c.kind)}::text[], ${col((c) => c.key)}::text[],
      ${col((c) => c.rawValue)}::text[], ${col((c) => c.list)}::text[], ${col((c) => c.reason)}::text[],
      ${col((c) => c.source)}::text[], ${col((c) => c.confidence)}::int[], ${col((c) => c.validUntil?.toISOString() ?? null)}::timestamptz[],
      ${col((c) => c.fraudType)}::text[])
      as u(id, kind, value, raw_value, list, reason, source, confidence, valid_until, fraud_type)
    ${conflict}
    returning id, kind, value, list`);
  return (res as unknown as { rows: { id: string; kind: string; value: string; list: string }[] }).rows;
}

/** Tombstones a live entry; returns it, or null when absent or already deleted. */
export async function tombstoneIndicator(tx: Db, id: string, actorId: string): Promise<IndicatorRow | null> {
  const [row] = await tx
    .update(indicators)
    .set({
      deletedAt: sql`now()`,
      updatedAt: sql`now()`,
      updatedBy: actorId,
      version: sql`nextval('indicator_version_seq')`,
    })
    .where(and(eq(indicators.id, id), isNull(indicators.deletedAt)))
    .returning();
  return row ?? null;
}

/** Seeds entries that were never present (a deleted seed stays deleted: the analyst decided). */
export async function insertMissing(tx: Db, items: NormalizedIndicator[], actorId: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < items.length; i += CHUNK) {
    const rows = await insertChunk(tx, items.slice(i, i + CHUNK), actorId, 'skip');
    n += rows.length;
  }
  return n;
}

export interface IndicatorFilter {
  kind?: string;
  list?: string;
  source?: string;
  q?: string;
}

function where(f: IndicatorFilter): SQL | undefined {
  const conds: SQL[] = [isNull(indicators.deletedAt)];
  if (f.kind) conds.push(eq(indicators.kind, f.kind));
  if (f.list) conds.push(eq(indicators.list, f.list));
  if (f.source) conds.push(eq(indicators.source, f.source));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    conds.push(or(ilike(indicators.value, like), ilike(indicators.rawValue, like), ilike(indicators.reason, like))!);
  }
  return and(...conds);
}

export async function searchIndicators(db: Db, f: IndicatorFilter, page: number, pageSize: number) {
  const w = where(f);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(indicators)
      .where(w)
      .orderBy(desc(indicators.updatedAt), desc(indicators.version))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(indicators)
      .where(w),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Streams live entries in version order for export, in pages. */
export async function* iterateIndicators(db: Db, f: IndicatorFilter, limit = 1_000_000): AsyncGenerator<IndicatorRow> {
  let after = 0,
    sent = 0;
  while (sent < limit) {
    const page = await db
      .select()
      .from(indicators)
      .where(and(where(f), gt(indicators.version, after)))
      .orderBy(asc(indicators.version))
      .limit(5000);
    if (page.length === 0) return;
    for (const r of page) yield r;
    sent += page.length;
    after = page[page.length - 1]!.version;
  }
}

export async function findLive(db: Db, kind: string, key: string): Promise<IndicatorRow[]> {
  return db
    .select()
    .from(indicators)
    .where(and(eq(indicators.kind, kind), eq(indicators.value, key), isNull(indicators.deletedAt)));
}

export async function findById(db: Db, id: string): Promise<IndicatorRow | null> {
  const [r] = await db.select().from(indicators).where(eq(indicators.id, id));
  return r ?? null;
}
