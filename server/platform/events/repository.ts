// All SQL of the event dispatcher (platform/events).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

export interface Cursor {
  lastTx: number;
  lastId: number;
  attempts: number;
  retryAt: Date | null;
}
export interface StoredEvent {
  id: number;
  tx: number;
  name: string;
  payload: unknown;
}

export async function ensureCursor(db: Db, subscriber: string): Promise<void> {
  await db.execute(
    sql`insert into event_cursors (subscriber) values (${subscriber}) on conflict (subscriber) do nothing`,
  );
}

/** Locks the subscriber's cursor for this transaction, or null when another node is running it now. */
export async function lockCursor(tx: Db, subscriber: string): Promise<Cursor | null> {
  const r = rowsOf<{ last_tx: string; last_id: string; attempts: number; retry_at: string | Date | null }>(
    await tx.execute(sql`
    select last_tx, last_id, attempts, retry_at from event_cursors where subscriber = ${subscriber} for update skip locked`),
  );
  const c = r[0];
  if (!c) return null;
  return {
    lastTx: Number(c.last_tx),
    lastId: Number(c.last_id),
    attempts: c.attempts,
    retryAt: c.retry_at ? new Date(c.retry_at) : null,
  };
}

/**
 * The oldest transaction of THIS database still running (else the next transaction id): events of older
 * transactions are final. A server's own xmin would do, but it counts every database on the server — one session
 * idle in a transaction elsewhere would hold every subscriber here back. Sessions are matched by their 32-bit xid.
 */
const HORIZON = sql`
  select coalesce(
    (select min(x::text::bigint) from pg_snapshot_xip(pg_current_snapshot()) as x
      where (x::text::bigint % 4294967296) in (
        select backend_xid::text::bigint from pg_stat_activity where datname = current_database() and backend_xid is not null)),
    pg_snapshot_xmax(pg_current_snapshot())::text::bigint)`;

/**
 * The next events of `names` after the cursor, only of transactions that ended before any still running began:
 * an event of a transaction still in flight (lower id, commits later) is waited for, never skipped.
 */
export async function nextEvents(
  tx: Db,
  names: string[],
  after: { lastTx: number; lastId: number },
  limit: number,
): Promise<StoredEvent[]> {
  const r = rowsOf<{ id: string; tx: string; name: string; payload: unknown }>(
    await tx.execute(sql`
    select id, tx, name, payload from domain_events
    where name in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))
      and (tx, id) > (${after.lastTx}::bigint, ${after.lastId}::bigint)
      and tx < (${HORIZON})
    order by tx, id
    limit ${limit}`),
  );
  return r.map((e) => ({ id: Number(e.id), tx: Number(e.tx), name: e.name, payload: e.payload }));
}

export async function advanceCursor(tx: Db, subscriber: string, to: { lastTx: number; lastId: number }): Promise<void> {
  await tx.execute(sql`
    update event_cursors set last_tx = ${to.lastTx}, last_id = ${to.lastId}, attempts = 0, retry_at = null,
      last_error = null, updated_at = now()
    where subscriber = ${subscriber}`);
}

export async function recordFailure(
  db: Db,
  subscriber: string,
  attempts: number,
  retryAt: Date,
  error: string,
): Promise<void> {
  await db.execute(sql`
    update event_cursors set attempts = ${attempts}, retry_at = ${retryAt.toISOString()}, last_error = ${error}, updated_at = now()
    where subscriber = ${subscriber}`);
}

export async function park(
  tx: Db,
  subscriber: string,
  eventId: number,
  error: string,
  attempts: number,
): Promise<void> {
  await tx.execute(sql`
    insert into event_dead_letters (subscriber, event_id, error, attempts) values (${subscriber}, ${eventId}, ${error}, ${attempts})
    on conflict do nothing`);
}
