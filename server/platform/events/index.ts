// Typed domain events between modules: durable, exactly once per subscriber, across nodes.
//
//   publish(tx, 'warning.closed', payload)   inside the transaction that made the change: the event exists iff the
//                                            change committed (no dual write).
//   subscribe('cases.intake', { 'warning.closed': async (p, { db }) => … })
//                                            a durable subscriber: its handlers run in the same transaction that
//                                            advances its cursor, so a handled event is handled exactly once, on one
//                                            node, in the order the events committed — after a crash it resumes.
//   on('config.changed', (p, { db }) => …)   every node, after commit, best effort (cache refresh): PostgreSQL
//                                            NOTIFY carries it to every node listening on the same database.
//
// Each module declares its events in its own events.ts by augmenting EventMap:
//   declare module '../../platform/events/index.ts' { interface EventMap { 'case.recorded': CaseRecorded } }
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';

/** Modules add their events by augmentation; the platform's own are here. */
export interface EventMap {
  /** A configuration that every node keeps in memory changed: each node reloads it from the database. */
  'config.changed': { scope: 'dissuasion' | 'rules' | 'indicators' | 'scripts'; version: string };
}
export type EventName = keyof EventMap & string;

export interface EventContext {
  /** The subscriber's transaction: write through it, so the handler's effects commit with the cursor. */
  db: Db;
  eventId: number;
  name: EventName;
}
export type Handler<K extends EventName> = (payload: EventMap[K], ctx: EventContext) => Promise<void>;
/**
 * A handler that can also take a run of consecutive events of its name at once (`batched`): a burst of warnings
 * opened together costs a few statements instead of a few per event. `many` must leave exactly what calling the
 * one-event handler on each payload, in order, would leave.
 */
export type BatchedHandler<K extends EventName> = Handler<K> & {
  many: (payloads: EventMap[K][], ctx: { db: Db; name: K }) => Promise<void>;
};
export type Handlers = { [K in EventName]?: Handler<K> | BatchedHandler<K> };

/**
 * `one` with a batch form. The dispatcher hands a run of consecutive events of this name to `many` in one
 * savepoint; if it fails, the run is handled again one event at a time (so the failing event is the one retried
 * and parked, exactly as without the batch form).
 */
export function batched<K extends EventName>(one: Handler<K>, many: BatchedHandler<K>['many']): BatchedHandler<K> {
  return Object.assign((p: EventMap[K], ctx: EventContext) => one(p, ctx), { many });
}
export type Listener<K extends EventName> = (payload: EventMap[K] | null, ctx: { db: Db }) => void | Promise<void>;

/** The notification channel every node listens on. */
export const CHANNEL = 'zw_events';
/** NOTIFY payloads are limited to 8,000 bytes: larger events reach `on` listeners without their payload (null). */
const MAX_NOTIFY_BYTES = 7_000;

const subscribers = new Map<string, Handlers>();
const listeners = new Map<EventName, Set<Listener<EventName>>>();

/**
 * Registers a durable subscriber (call once, at module load or composition). A new subscriber starts at the
 * beginning of the log. Handlers must write only through `ctx.db`; side effects outside the database (a webhook)
 * are at least once and must be idempotent.
 */
export function subscribe(subscriber: string, handlers: Handlers): void {
  const existing = subscribers.get(subscriber);
  if (existing && existing !== handlers) throw new Error(`event subscriber ${subscriber} is registered twice`);
  subscribers.set(subscriber, handlers);
}

/** The registered durable subscribers (the dispatcher runs them). */
export const registeredSubscribers = (): ReadonlyMap<string, Handlers> => subscribers;

/** Listens on every node for `name`, after commit (best effort: missed while the node is down). */
export function on<K extends EventName>(name: K, listener: Listener<K>): () => void {
  let set = listeners.get(name);
  if (!set) listeners.set(name, (set = new Set()));
  set.add(listener as Listener<EventName>);
  return () => set.delete(listener as Listener<EventName>);
}

/** Calls the local `on` listeners of one notification (the dispatcher does, for every node's notifications). */
export async function notifyListeners(
  name: string,
  payload: unknown,
  db: Db,
  onError: (err: unknown) => void,
): Promise<void> {
  const set = listeners.get(name as EventName);
  if (!set) return;
  for (const l of [...set]) {
    try {
      await l(payload as never, { db });
    } catch (err) {
      onError(err);
    }
  }
}

/** Records `payload` as event `name` in the caller's transaction; delivered after that transaction commits. */
export async function publish<K extends EventName>(tx: Db, name: K, payload: EventMap[K]): Promise<void> {
  await publishMany(tx, name, [payload]);
}

/** Several events of one name in one statement (a burst of warnings), in the given order. */
export async function publishMany<K extends EventName>(tx: Db, name: K, payloads: EventMap[K][]): Promise<void> {
  if (!payloads.length) return;
  const json = JSON.stringify(payloads);
  // a NOTIFY per statement: it wakes every node's dispatcher at commit; small single events carry their payload
  const one = payloads.length === 1 ? JSON.stringify(payloads[0]) : null;
  const note =
    one !== null && Buffer.byteLength(one) <= MAX_NOTIFY_BYTES
      ? `{"n":${JSON.stringify(name)},"p":${one}}`
      : JSON.stringify({ n: name, many: payloads.length });
  await tx.execute(sql`
    with ins as (
      insert into domain_events (name, payload)
      select ${name}, x.value from jsonb_array_elements(${json}::jsonb) with ordinality as x(value, ord) order by x.ord
      returning id)
    select pg_notify(${CHANNEL}, ${note}), (select count(*) from ins) as n`);
}
