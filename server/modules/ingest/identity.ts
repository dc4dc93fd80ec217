// Identity resolved once, globally, before partitioning (issue 10 "scale-out that stays correct"). In the
// transaction that stores a batch of events: every identifier key of the batch is looked up in `subject_keys`
// (rows locked by an upsert, so concurrent batches naming the same identifier take turns), the subjects' roots
// locked, and the batch's events united with them (union–find). An event joining two subjects merges them into
// the oldest: the merged subjects take the root's partition, their undecided events move to that partition's
// queue and their stored events to that partition (replay after a restart), and a `subject_merges` row tells the
// worker now holding the person to rebuild its state from the merged subjects' decided events. The event's
// partition is its root's, so every event of one person reaches one worker, whichever identifier it names.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { accountKey, idKey, phoneKey } from '../engine/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a validated event payload: one of many shapes (contract/events.ts)
type Payload = Record<string, any>;
const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** The subject identifiers of an event as the engine keys them ('p:…', 'i:…', 'a:…'), canonical one first. */
export function eventKeys(p: Payload): string[] {
  const s = (p.subject ?? {}) as { phone?: string; idNumber?: string; account?: string };
  const keys: string[] = [];
  if (s.phone) keys.push('p:' + phoneKey(s.phone));
  if (s.idNumber) keys.push('i:' + idKey(s.idNumber));
  if (s.account) keys.push('a:' + accountKey(s.account));
  if (p.type === 'transaction' && typeof p.account === 'string') {
    const a = 'a:' + accountKey(p.account);
    if (!keys.includes(a)) keys.push(a);
  }
  return keys;
}

export interface IdentityRow {
  partition: number;
  payload: unknown;
  subject?: number;
}

/** Pure: which subject roots and new-key groups the batch's events join. Exported for the unit test. */
export function groupBatch(keysOf: string[][], rootOfKey: ReadonlyMap<string, number>) {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (y !== r) {
      const n = parent.get(y)!;
      parent.set(y, r);
      y = n;
    }
    return r;
  };
  const node = (k: string) => {
    const r = rootOfKey.get(k);
    return r !== undefined ? `s:${r}` : `k:${k}`;
  };
  for (const ks of keysOf)
    for (const k of ks) {
      const n = node(k);
      if (!parent.has(n)) parent.set(n, n);
    }
  for (const ks of keysOf)
    for (let i = 1; i < ks.length; i++) {
      const a = find(node(ks[0]!)),
        b = find(node(ks[i]!));
      if (a !== b) parent.set(b, a);
    }
  const groups = new Map<string, { roots: number[]; keys: string[]; rows: number[] }>();
  for (const n of parent.keys()) {
    const g = groups.get(find(n)) ?? { roots: [], keys: [], rows: [] };
    groups.set(find(n), g);
    if (n.startsWith('s:')) g.roots.push(Number(n.slice(2)));
    else g.keys.push(n.slice(2));
  }
  keysOf.forEach((ks, i) => {
    if (ks.length) groups.get(find(node(ks[0]!)))!.rows.push(i);
  });
  for (const g of groups.values()) g.roots.sort((a, b) => a - b);
  return [...groups.values()];
}

/**
 * Sets `partition` and `subject` of each row to its person's (see the file comment). Same transaction as the
 * insert. Keys already known keep their subject; the oldest subject wins a merge.
 */
export async function resolveIdentities(tx: Db, rows: IdentityRow[]): Promise<void> {
  const keysOf = rows.map((r) => eventKeys(r.payload as Payload));
  const all = [...new Set(keysOf.flat())].sort();
  if (!all.length) return;
  // lock every key of the batch, in key order: new ones by inserting them (without a subject yet; a concurrent
  // insert of the same key waits for ours), known ones by locking their rows — no new row version for those
  const keys = toTextArray(all);
  await tx.execute(
    sql`insert into subject_keys (key) select k from unnest(${keys}::text[]) k order by k on conflict (key) do nothing`,
  );
  const known = rowsOf<{ key: string; subject: string | number | null }>(
    await tx.execute(sql`
    select key, subject from subject_keys where key = any(${keys}::text[]) order by key for update`),
  );
  const subjectOfKey = new Map<string, number>();
  for (const r of known) if (r.subject !== null) subjectOfKey.set(r.key, Number(r.subject));
  // the roots, locked: a merge elsewhere either committed before (we see its new root) or waits for us
  const rootOfSubject = new Map<number, { root: number; partition: number }>();
  let want = [...new Set(subjectOfKey.values())];
  for (let round = 0; want.length && round < 10; round++) {
    const got = rowsOf<{ id: string | number; root: string | number; partition: number }>(
      await tx.execute(sql`
      select id, coalesce(root, id) as root, partition from subjects where id = any(${toIntArray(want)}::bigint[]) order by id for update`),
    );
    const next: number[] = [];
    for (const g of got) {
      const id = Number(g.id),
        root = Number(g.root);
      rootOfSubject.set(id, { root, partition: g.partition });
      if (root !== id && !rootOfSubject.has(root)) next.push(root);
    }
    want = [...new Set(next)];
  }
  // kept flat: a member row names its current root and that root's partition
  const rootOf = (s: number) => rootOfSubject.get(s)!;
  const rootOfKey = new Map<string, number>();
  for (const [k, s] of subjectOfKey) rootOfKey.set(k, rootOf(s).root);

  const groups = groupBatch(keysOf, rootOfKey);
  // new people: one subject each, in the partition of its first event's primary identifier (as before)
  const fresh = groups.filter((g) => !g.roots.length && g.rows.length);
  if (fresh.length) {
    const ids = rowsOf<{ id: string | number }>(
      await tx.execute(sql`
      insert into subjects (partition) select p from unnest(${toIntArray(fresh.map((g) => rows[g.rows[0]!]!.partition))}::smallint[]) with ordinality as x(p, o)
      order by o returning id`),
    ).map((r) => Number(r.id));
    // identity ids come in insert order (ordinality kept), one per group
    fresh.forEach((g, i) => {
      g.roots.push(ids[i]!);
      rootOfSubject.set(ids[i]!, { root: ids[i]!, partition: rows[g.rows[0]!]!.partition });
    });
  }
  const keyRows: { key: string; subject: number }[] = [];
  for (const g of groups) {
    if (!g.roots.length) continue; // keys of no stored event (cannot happen: every key belongs to a row)
    const root = g.roots[0]!,
      partition = rootOfSubject.get(root)!.partition;
    for (const k of g.keys) keyRows.push({ key: k, subject: root });
    for (const i of g.rows) {
      rows[i]!.subject = root;
      rows[i]!.partition = partition;
    }
    for (const other of g.roots.slice(1))
      await mergeInto(tx, root, partition, other, rootOfSubject.get(other)!.partition);
  }
  if (keyRows.length) {
    await tx.execute(sql`
      update subject_keys k set subject = x.subject
      from jsonb_to_recordset(${JSON.stringify(keyRows)}::jsonb) as x(key text, subject bigint) where k.key = x.key`);
  }
}

async function mergeInto(tx: Db, root: number, partition: number, other: number, fromPartition: number): Promise<void> {
  const members = rowsOf<{ id: string | number }>(
    await tx.execute(sql`
    update subjects set root = ${root}, partition = ${partition} where id = ${other} or root = ${other} returning id`),
  ).map((r) => Number(r.id));
  if (fromPartition === partition) return; // the same worker holds both already
  const ids = toIntArray(members);
  await tx.execute(sql`update events set partition = ${partition} where subject = any(${ids}::bigint[])`);
  await tx.execute(sql`
    update event_queue q set partition = ${partition} from events e where e.seq = q.seq and e.subject = any(${ids}::bigint[])`);
  await tx.execute(sql`
    insert into subject_merges (root, subjects, from_partition, to_partition) values (${root}, ${ids}::bigint[], ${fromPartition}, ${partition})`);
}

export interface MergeRow {
  id: number;
  root: number;
  subjects: number[];
  fromPartition: number;
  toPartition: number;
}

export async function mergesAfter(db: Db, afterId: number): Promise<MergeRow[]> {
  const res = await db.execute(
    sql`select id, root, subjects, from_partition, to_partition from subject_merges where id > ${afterId} order by id`,
  );
  return rowsOf<{
    id: string | number;
    root: string | number;
    subjects: (string | number)[] | string;
    from_partition: number;
    to_partition: number;
  }>(res).map((r) => ({
    id: Number(r.id),
    root: Number(r.root),
    fromPartition: r.from_partition,
    toPartition: r.to_partition,
    subjects: (typeof r.subjects === 'string'
      ? r.subjects.replace(/[{}]/g, '').split(',').filter(Boolean)
      : r.subjects
    ).map(Number),
  }));
}

export async function maxMergeId(db: Db): Promise<number> {
  const res = await db.execute(sql`select coalesce(max(id), 0) as m from subject_merges`);
  return Number(rowsOf<{ m: string | number }>(res)[0]!.m);
}

/** Decided events of the subjects since `from`, in decision order (the merged subjects' state, rebuilt). */
export async function decidedOfSubjects(
  db: Db,
  ids: number[],
  from: Date,
): Promise<{ seq: number; batch: number; payload: Record<string, unknown> }[]> {
  const res = await db.execute(sql`
    select d.seq, d.batch, e.payload from events e join event_decisions d on d.seq = e.seq
    where e.subject = any(${toIntArray(ids)}::bigint[]) and e.occurred_at >= ${from.toISOString()}::timestamptz
    order by d.batch, d.seq`);
  return rowsOf<{ seq: string | number; batch: string | number; payload: Record<string, unknown> }>(res).map((r) => ({
    seq: Number(r.seq),
    batch: Number(r.batch),
    payload: r.payload,
  }));
}

const toIntArray = (xs: number[]) => '{' + xs.join(',') + '}';
function toTextArray(xs: string[]): string {
  return '{' + xs.map((x) => '"' + x.replace(/["\\]/g, (c) => '\\' + c) + '"').join(',') + '}';
}
