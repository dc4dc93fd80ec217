// Runs the durable subscribers of this process against one database and calls the `on` listeners of every node's
// notifications. Woken by NOTIFY at each commit that published (all nodes), with a slow poll as a safety net.
import type { Db } from '../db/index.ts';
import { backgroundTurn } from '../db/priority.ts';
import {
  CHANNEL,
  notifyListeners,
  registeredSubscribers,
  type BatchedHandler,
  type EventContext,
  type EventName,
  type Handlers,
} from './index.ts';
import { processLog } from '../logger.ts';
import * as repo from './repository.ts';
import { dateClock } from '../clock.ts';

export type ListenFn = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

export interface DispatcherLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DispatcherOptions {
  db: Db;
  /** LISTEN on the database (Database.listen): wakes at once on any node's commit; without it, polls only. */
  listen?: ListenFn;
  log?: DispatcherLog;
  /** The safety-net poll (ms). */
  pollMs?: number;
  /** How long a step lets foreground work in flight (partners' requests) go first (ms; platform/db/priority.ts). */
  maxForegroundWaitMs?: number;
  /** Events handled per transaction (each in its own savepoint). */
  batch?: number;
  /** After this many failed attempts an event is parked in event_dead_letters and the subscriber moves on. */
  maxAttempts?: number;
  /** First retry delay (ms), doubled per attempt. */
  retryBaseMs?: number;
  now?: () => Date;
  /** Run only these durable subscribers (default: every registered one); a test of one module may run none. */
  only?: string[];
}

export interface EventDispatcher {
  /** Runs every subscriber until nothing is left to do (tests; shutdown). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const quietLog: DispatcherLog = { warn: () => {}, error: (o, m) => processLog.error(o, m) };

export async function startEventDispatcher(opts: DispatcherOptions): Promise<EventDispatcher> {
  const { db } = opts;
  const log = opts.log ?? quietLog;
  const pollMs = opts.pollMs ?? 1_000;
  const batch = opts.batch ?? 100;
  const maxForegroundWaitMs = opts.maxForegroundWaitMs ?? 100;
  const maxAttempts = opts.maxAttempts ?? 6;
  const retryBaseMs = opts.retryBaseMs ?? 1_000;
  const now = opts.now ?? dateClock();
  const ensured = new Set<string>();
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  async function step(subscriber: string, handlers: Handlers): Promise<boolean> {
    if (!ensured.has(subscriber)) {
      await repo.ensureCursor(db, subscriber);
      ensured.add(subscriber);
    }
    const names = Object.keys(handlers);
    // background work: a partner's request in flight goes first (one connection on PGlite; priority.ts)
    await backgroundTurn(maxForegroundWaitMs);
    return db.transaction(async (tx) => {
      const cursor = await repo.lockCursor(tx, subscriber);
      if (!cursor || (cursor.retryAt && cursor.retryAt > now())) return false;
      const events = await repo.nextEvents(tx, names, cursor, batch);
      if (!events.length) return false;
      let at = { lastTx: cursor.lastTx, lastId: cursor.lastId };
      let attempts = cursor.attempts;
      // Runs of consecutive events whose handler has a batch form (`batched`) go through it in one savepoint: a
      // burst of warnings opened together costs a few statements instead of a few per event. If the batch fails,
      // its savepoint leaves nothing behind and the run is handled one event at a time, as without the batch form
      // (so the failing event is the one retried and parked). Not while an event is being retried.
      let batchedUntil = -1;
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        if (i > batchedUntil && attempts === 0) {
          const many = (handlers[e.name as EventName] as Partial<BatchedHandler<EventName>> | undefined)?.many;
          let j = i + 1;
          while (many && j < events.length && events[j]!.name === e.name) j++;
          if (many && j - i > 1) {
            const run = events.slice(i, j);
            try {
              await tx.transaction((sp) => many(run.map((x) => x.payload) as never, { db: sp, name: e.name as never }));
              const last = run[run.length - 1]!;
              at = { lastTx: last.tx, lastId: last.id };
              i = j - 1;
              continue;
            } catch (err) {
              log.warn({ err, subscriber, events: run.length }, 'batch handler failed; handling its events one by one');
              batchedUntil = j - 1;
            }
          }
        }
        const handler = handlers[e.name as EventName] as ((p: unknown, c: EventContext) => Promise<void>) | undefined;
        try {
          // a savepoint per event: a failing handler leaves nothing behind, the events before it stay handled
          if (handler)
            await tx.transaction((sp) => handler(e.payload, { db: sp, eventId: e.id, name: e.name as EventName }));
        } catch (err) {
          attempts += 1;
          const message = err instanceof Error ? err.message : String(err);
          if (attempts < maxAttempts) {
            log.warn({ err, subscriber, eventId: e.id, attempts }, 'event handler failed; will retry');
            if (at.lastId !== cursor.lastId || at.lastTx !== cursor.lastTx)
              await repo.advanceCursor(tx, subscriber, at);
            await repo.recordFailure(
              tx,
              subscriber,
              attempts,
              new Date(now().getTime() + retryBaseMs * 2 ** (attempts - 1)),
              message,
            );
            return true;
          }
          log.error(
            { err, subscriber, eventId: e.id, attempts },
            'event handler failed for good; parked in event_dead_letters',
          );
          await repo.park(tx, subscriber, e.id, message, attempts);
        }
        at = { lastTx: e.tx, lastId: e.id };
        attempts = 0;
      }
      await repo.advanceCursor(tx, subscriber, at);
      return true;
    });
  }

  async function runAll(): Promise<void> {
    do {
      again = false;
      for (const [subscriber, handlers] of registeredSubscribers()) {
        if (stopped) return;
        if (opts.only && !opts.only.includes(subscriber)) continue;
        try {
          while (!stopped && (await step(subscriber, handlers))) {
            /* until this subscriber is caught up */
          }
        } catch (err) {
          log.error({ err, subscriber }, 'event dispatch failed');
        }
      }
    } while (again && !stopped);
  }

  function wake(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = runAll().finally(() => {
      running = null;
    });
    return running;
  }

  const unlisten = opts.listen
    ? await opts.listen(CHANNEL, (raw) => {
        let note: { n?: string; p?: unknown } = {};
        try {
          note = JSON.parse(raw) as typeof note;
        } catch {
          /* not ours */
        }
        if (note.n)
          void notifyListeners(note.n, note.p ?? null, db, (err) =>
            log.error({ err, event: note.n }, 'event listener failed'),
          );
        void wake();
      })
    : null;
  const timer = setInterval(() => void wake(), pollMs);
  timer.unref();
  void wake();

  return {
    async drain() {
      // twice: the first pass may have been running before the caller's commit
      await wake();
      again = true;
      await wake();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await unlisten?.();
    },
  };
}
