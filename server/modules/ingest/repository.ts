// All SQL of the event log. Batches travel as one JSON parameter (jsonb_to_recordset) so a 10,000-event request is
// one statement on both PGlite and PostgreSQL, far below the bind-parameter limit.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';

export interface NewEventRow {
  source: string;
  ext_id: string;
  type: string;
  occurred_at: string;
  partition: number;
  payload: unknown;
  /** the resolved person (ingest/identity.ts) */
  subject?: number;
}

export interface StoredEvent {
  seq: number;
  batch: number | null;
  payload: Record<string, unknown>;
}

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** Inserts, skipping (source, ext_id) already stored; returns the keys `source\u0000ext_id` really inserted. */
export async function insertEvents(db: Db, rows: NewEventRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const json = JSON.stringify(rows.map((r, i) => ({ ...r, ord: i })));
  // the event and its place in the queue in one statement: stored means queued
  const res = await db.execute(sql`
    with ins as (
      insert into events (source, ext_id, type, occurred_at, partition, payload, subject)
      select x.source, x.ext_id, x.type, x.occurred_at, x.partition, x.payload, x.subject
      from jsonb_to_recordset(${json}::jsonb)
        as x(ord int, source text, ext_id text, type text, occurred_at timestamptz, partition smallint, payload jsonb, subject bigint)
      order by x.ord
      on conflict (source, ext_id) do nothing
      returning seq, partition, source, ext_id),
    queued as (insert into event_queue (seq, partition) select seq, partition from ins)
    select source, ext_id from ins`);
  return new Set(rowsOf<{ source: string; ext_id: string }>(res).map((r) => r.source + '\u0000' + r.ext_id));
}

const partitionFilter = (partitions: readonly number[] | null, column = sql`partition`) =>
  partitions ? sql`and ${column} = any(${'{' + partitions.join(',') + '}'}::smallint[])` : sql``;

/**
 * Locks the oldest undecided events of the given partitions (null = all) for the calling transaction. SKIP LOCKED:
 * another worker's claimed batch is passed over, never waited on, never decided twice.
 */
export async function claimUndecided(
  tx: Db,
  partitions: readonly number[] | null,
  limit: number,
): Promise<StoredEvent[]> {
  // Two index lookups in one statement, not a join: a join's plan depends on table statistics, which PGlite never
  // gathers (no autovacuum), and a plan made for a young, small log scans the whole log once it has grown.
  const res = await tx.execute(sql`
    with claimed as (
      select seq from event_queue where true ${partitionFilter(partitions)}
      order by seq limit ${limit} for update skip locked)
    select seq, payload from events where seq = any(array(select seq from claimed)) order by seq`);
  return rowsOf<{ seq: string | number; payload: Record<string, unknown> }>(res).map((r) => ({
    seq: Number(r.seq),
    batch: null,
    payload: r.payload,
  }));
}

/** Takes the events out of the queue and records them as decided, together, in the next decision batch. */
export async function markDecided(tx: Db, seqs: number[]): Promise<number> {
  if (!seqs.length) return 0;
  const res = await tx.execute(sql`
    with b as (select nextval('event_decision_batch_seq') as batch),
      done as (delete from event_queue where seq = any(${'{' + seqs.join(',') + '}'}::bigint[]) returning seq)
    insert into event_decisions (seq, batch) select seq, (select batch from b) from done returning seq`);
  return rowsOf(res).length;
}

/**
 * Newest event time among decided events of the partitions, not later than `notAfter`: the replay window is
 * measured back from it, so one event dated in the future (stored before ingest refused them) cannot push the
 * window past everyone's real events. Served backwards from events_occurred_idx (the undecided few are skipped).
 */
export async function newestDecidedTime(
  db: Db,
  partitions: readonly number[] | null,
  notAfter: Date,
): Promise<Date | null> {
  const res = await db.execute(sql`
    select e.occurred_at as t from events e
    where e.occurred_at <= ${notAfter.toISOString()}::timestamptz ${partitionFilter(partitions, sql`e.partition`)}
      and exists (select 1 from event_decisions d where d.seq = e.seq)
    order by e.occurred_at desc limit 1`);
  const t = rowsOf<{ t: string | Date | null }>(res)[0]?.t;
  return t ? new Date(t) : null;
}

/** One page of decided events since `from`, in decision order (batch, seq), after the cursor. */
export async function decidedPage(
  db: Db,
  partitions: readonly number[] | null,
  from: Date,
  after: { batch: number; seq: number },
  limit: number,
): Promise<StoredEvent[]> {
  const res = await db.execute(sql`
    select d.seq, d.batch, e.payload from event_decisions d join events e on e.seq = d.seq
    where e.occurred_at >= ${from.toISOString()}::timestamptz ${partitionFilter(partitions, sql`e.partition`)}
      and (d.batch, d.seq) > (${after.batch}::bigint, ${after.seq}::bigint)
    order by d.batch, d.seq limit ${limit}`);
  return rowsOf<{ seq: string | number; batch: string | number; payload: Record<string, unknown> }>(res).map((r) => ({
    seq: Number(r.seq),
    batch: Number(r.batch),
    payload: r.payload,
  }));
}

export async function countEvents(db: Db): Promise<{ total: number; undecided: number }> {
  const res = await db.execute(
    sql`select (select count(*) from events)::int as total, (select count(*) from event_queue)::int as undecided`,
  );
  const r = rowsOf<{ total: number; undecided: number }>(res)[0]!;
  return { total: Number(r.total), undecided: Number(r.undecided) };
}

export async function hasUndecided(db: Db, partitions: readonly number[] | null): Promise<boolean> {
  const res = await db.execute(
    sql`select exists(select 1 from event_queue where true ${partitionFilter(partitions)}) as x`,
  );
  return !!rowsOf<{ x: boolean }>(res)[0]?.x;
}

/** Events by their engine ids ('source/extId'), for warning evidence. */
export async function eventsByKeys(
  db: Db,
  keys: { source: string; extId: string }[],
): Promise<
  { source: string; ext_id: string; type: string; occurred_at: string | Date; payload: Record<string, unknown> }[]
> {
  if (!keys.length) return [];
  const res = await db.execute(sql`
    select e.source, e.ext_id, e.type, e.occurred_at, e.payload
    from events e join jsonb_to_recordset(${JSON.stringify(keys.map((k) => ({ source: k.source, ext_id: k.extId })))}::jsonb)
      as k(source text, ext_id text) on e.source = k.source and e.ext_id = k.ext_id
    order by e.occurred_at, e.seq`);
  return rowsOf(res);
}

// ── Warning closures (written by detection when the workflow closes a warning) ──────────────────────────────

export async function insertClosure(db: Db, subjectKey: string, closedAt: Date): Promise<void> {
  await db.execute(sql`
    insert into warning_closures (subject_key, closed_at, after_batch)
    values (${subjectKey}, ${closedAt.toISOString()}::timestamptz,
      (select coalesce(max(batch), 0) from event_decisions))`);
}

export interface ClosureRow {
  id: number;
  subjectKey: string;
  closedAt: Date;
  afterBatch: number;
}

export async function closuresAfter(db: Db, opts: { afterId?: number; closedSince?: Date }): Promise<ClosureRow[]> {
  const res = await db.execute(sql`
    select id, subject_key, closed_at, after_batch from warning_closures
    where id > ${opts.afterId ?? 0} ${opts.closedSince ? sql`and closed_at >= ${opts.closedSince.toISOString()}::timestamptz` : sql``}
    order by after_batch, id`);
  return rowsOf<{ id: string | number; subject_key: string; closed_at: string | Date; after_batch: string | number }>(
    res,
  ).map((r) => ({
    id: Number(r.id),
    subjectKey: r.subject_key,
    closedAt: new Date(r.closed_at),
    afterBatch: Number(r.after_batch),
  }));
}

export async function maxClosureId(db: Db): Promise<number> {
  const res = await db.execute(sql`select coalesce(max(id), 0) as m from warning_closures`);
  return Number(rowsOf<{ m: string | number }>(res)[0]!.m);
}

/**
 * Claims the unclaimed `sources` for `owner` and returns the owner of each (those claimed before keep theirs).
 * Claims are committed with the events of the same transaction.
 */
export async function claimSources(db: Db, sources: string[], owner: string): Promise<Map<string, string>> {
  if (!sources.length) return new Map();
  await db.execute(sql`
    insert into event_sources (source, owner)
    select s, ${owner} from jsonb_array_elements_text(${JSON.stringify(sources)}::jsonb) as s
    on conflict (source) do nothing`);
  const res = await db.execute(sql`
    select source, owner from event_sources where source in (select jsonb_array_elements_text(${JSON.stringify(sources)}::jsonb))`);
  return new Map(rowsOf<{ source: string; owner: string }>(res).map((r) => [r.source, r.owner]));
}

/** The kind of a unit (a token's partner), or null. */
export async function unitKind(db: Db, unitId: string): Promise<string | null> {
  const res = await db.execute(sql`select kind from units where id = ${unitId}`);
  return rowsOf<{ kind: string }>(res)[0]?.kind ?? null;
}

/** How many stored events occurred in [from, to) (the backtest's size check before it reads them). */
export async function countEventsInPeriod(db: Db, from: Date, to: Date): Promise<number> {
  const res = await db.execute(sql`
    select count(*)::int as n from events
    where occurred_at >= ${from.toISOString()}::timestamptz and occurred_at < ${to.toISOString()}::timestamptz`);
  return Number(rowsOf<{ n: number }>(res)[0]?.n ?? 0);
}

/** One page of the stored events that occurred in [from, to), in ingest order (seq), after `afterSeq`. */
export async function eventsInPeriodPage(
  db: Db,
  from: Date,
  to: Date,
  afterSeq: number,
  limit: number,
): Promise<{ seq: number; payload: Record<string, unknown> }[]> {
  const res = await db.execute(sql`
    select seq, payload from events
    where occurred_at >= ${from.toISOString()}::timestamptz and occurred_at < ${to.toISOString()}::timestamptz
      and seq > ${afterSeq}::bigint
    order by seq limit ${limit}`);
  return rowsOf<{ seq: string | number; payload: Record<string, unknown> }>(res).map((r) => ({
    seq: Number(r.seq),
    payload: r.payload,
  }));
}

/** The owner of each of `sources` that has one (read only: binding is an administrator's, ingest/sources.ts). */
export async function sourceOwners(db: Db, sources: string[]): Promise<Map<string, string>> {
  if (!sources.length) return new Map();
  const res = await db.execute(sql`
    select source, owner from event_sources where source in (select jsonb_array_elements_text(${JSON.stringify(sources)}::jsonb))`);
  return new Map(rowsOf<{ source: string; owner: string }>(res).map((r) => [r.source, r.owner]));
}

export interface SourceRow {
  source: string;
  owner: string;
  claimed_at: string | Date;
  bound_by: string | null;
  unit_name: string | null;
  unit_kind: string | null;
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  const res = await db.execute(sql`
    select s.source, s.owner, s.claimed_at, s.bound_by, u.name as unit_name, u.kind as unit_kind
    from event_sources s left join units u on s.owner = 'unit:' || u.id
    order by s.source`);
  return rowsOf<SourceRow>(res);
}

/** Binds (or rebinds) `source` to `owner`; returns the previous owner, or null. */
export async function bindSource(db: Db, source: string, owner: string, by: string): Promise<string | null> {
  const before = await sourceOwners(db, [source]);
  await db.execute(sql`
    insert into event_sources (source, owner, bound_by) values (${source}, ${owner}, ${by})
    on conflict (source) do update set owner = excluded.owner, bound_by = excluded.bound_by, claimed_at = now()`);
  return before.get(source) ?? null;
}

export async function unbindSource(db: Db, source: string): Promise<string | null> {
  const res = await db.execute(sql`delete from event_sources where source = ${source} returning owner`);
  return rowsOf<{ owner: string }>(res)[0]?.owner ?? null;
}

export async function unitById(db: Db, id: string): Promise<{ id: string; name: string; kind: string } | null> {
  const res = await db.execute(sql`select id, name, kind from units where id = ${id}`);
  return rowsOf<{ id: string; name: string; kind: string }>(res)[0] ?? null;
}
