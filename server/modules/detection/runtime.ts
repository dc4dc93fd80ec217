// The detection runtime: the pure engine (server/modules/engine) driven by the durable event log.
// Start: engine ← config + indicators, replay the decided events of the longest rule window in decision order with
// the warning closures at the points they happened, so state equals what it was before the restart. Then loop:
// claim undecided events of the owned partitions (FOR UPDATE SKIP LOCKED), decide them, and in ONE transaction per
// batch upsert the warnings (in bulk: warnings/service.ts upsertWarnings) and mark the events decided. A crash
// before commit → the batch is decided again after restart; a failed commit → the in-memory state is rebuilt by
// replay. So each stored event is decided once.
import type { Db } from '../../platform/db/index.ts';
import { createEngine, IndicatorStore, type Engine, type Level, type WarningView } from '../engine/index.ts';
import { upsertWarnings, openEngineWarningKeys } from '../warnings/index.ts';
import { mergeWarnings, openWarningsByKey, survivorOf, type Merge } from '../warnings/index.ts';
import type { WarningSubject } from '../warnings/index.ts';
import { loadIndicators, indicatorChangesSince } from '../indicators/index.ts';
import { currentEngineConfig } from '../rules/index.ts';
import { syncPublishedModel } from '../fraud-types/index.ts';
import { syncPublishedKnowledge } from '../knowledge/index.ts';
import { maxFutureSkew, onEventsStored } from '../ingest/index.ts';
import { backgroundTurn, foregroundState } from '../../platform/db/priority.ts';
import { eventLog as log_ } from '../ingest/index.ts';
import * as identity from '../ingest/index.ts';
import { engineEventId } from '../ingest/index.ts';
import { eventKeys, mergeSubject, ownedPartitions, replayWindowSec, toEvidence } from './logic.ts';

/** `mergedInto`: this warning was closed as a duplicate of that one (the same person under another identifier). */
export interface WarningNotice {
  id: string;
  created: boolean;
  levelRaised: boolean;
  level: Level;
  subjectKey: string;
  mergedInto?: string;
}
export type BatchHook = (tx: Db, notices: readonly WarningNotice[]) => Promise<(() => void) | void>;
type Logger = {
  info: (o: object, m?: string) => void;
  warn: (o: object, m?: string) => void;
  error: (o: object, m?: string) => void;
};

export interface DetectionOptions {
  db: Db;
  /** Worker k of W (several engine workers on PostgreSQL); default: one worker owning every partition. */
  worker?: { index: number; count: number };
  batchSize?: number;
  /** Poll for events stored by other nodes (ms); events stored by this process wake the loop at once. */
  pollMs?: number;
  /** How often indicator and rule-config changes are picked up (ms). */
  refreshMs?: number;
  log?: Logger;
  /** How long a batch lets ingest requests in flight go first (ms; 0: never waits; platform/db/priority.ts). */
  maxIngestWaitMs?: number;
  /**
   * At most this many warnings written by one decision batch: the claimed events after the one that reaches it
   * stay queued, in order, for the next batch. Bounds how long a batch's transaction (the warnings' writes and
   * their start, in the same transaction) holds the connection — on PGlite the only one, which ingest waits for.
   * Default: no bound.
   */
  maxWarningsPerBatch?: number;
  /**
   * When no partner request has been running for `idleAfterMs`, batches may be this large (and claim `idleBatchSize`
   * events): nobody waits for the connection, and each batch costs about the same number of statements whatever
   * its size. Default: the busy bounds.
   */
  idle?: { maxWarningsPerBatch: number; batchSize: number; afterMs: number };
}

/**
 * Batches for the embedded database (PGlite: one connection, in the thread that acknowledges partners): a decision
 * batch holds the connection for a few tens of milliseconds at most, so an ingest request waits at most that long
 * for it (issue 10, a burst of warnings; docs/benchmarks.md "burst").
 */
export const EMBEDDED_BATCHES = {
  batchSize: 200,
  maxWarningsPerBatch: 50,
  idle: { maxWarningsPerBatch: 200, batchSize: 800, afterMs: 30 },
} as const;

export interface DetectionRuntime {
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Called inside a decision batch's transaction, after its warnings are written and before the events are marked
   * decided, with the batch's notices: work that must commit with the decision (the dissuasion workflow starts the
   * warnings the batch created). May return a function to run after the commit. Returns an unsubscribe function.
   */
  inBatch(hook: BatchHook): () => void;
  /** Called after the commit that stored the warning change. Returns an unsubscribe function. */
  onWarning(listener: (w: WarningNotice) => void): () => void;
  /** The workflow closed the subject's warning: later evidence starts a fresh one. */
  warningClosed(subjectKey: string, closedAt: Date): Promise<void>;
  /** Resolves once a pass of the loop found nothing left to decide. */
  idle(): Promise<void>;
  stats(): {
    decided: number;
    batches: number;
    warnings: number;
    replayed: number;
    configVersion: string;
    indicatorVersion: number;
    rebuilds: number;
    /** events of subjects merged in from another worker's partitions, replayed to rebuild their state */
    adopted: number;
    ms: { claim: number; decide: number; warnings: number; mark: number; commit: number };
  };
}

const noop: Logger = { info() {}, warn() {}, error() {} };

export function createDetectionRuntime(opts: DetectionOptions): DetectionRuntime {
  const { db } = opts;
  const log = opts.log ?? noop;
  const batchSize = opts.batchSize ?? 2000;
  const pollMs = opts.pollMs ?? 200;
  const refreshMs = opts.refreshMs ?? 1000;
  const maxIngestWaitMs = opts.maxIngestWaitMs ?? 100;
  const maxWarnings = opts.maxWarningsPerBatch ?? Infinity;
  const partitions = ownedPartitions(opts.worker);
  const listeners = new Set<(w: WarningNotice) => void>();
  const hooks = new Set<BatchHook>();
  const idleWaiters: (() => void)[] = [];
  let engine: Engine;
  let sidKey = new Map<string, string>(); // engine subject id → stable warning subject key (a canonical identifier)
  let indicatorVersion = 0,
    configVersion = '',
    lastClosureId = 0,
    lastRefresh = 0,
    lastMergeId = 0;
  let running = false,
    loopDone: Promise<void> = Promise.resolve(),
    wake: (() => void) | null = null,
    unsubscribe = () => {};
  const st = { decided: 0, batches: 0, warnings: 0, replayed: 0, rebuilds: 0, adopted: 0 };
  // Where a batch's time goes (ms, cumulative): for the benchmark and for operators chasing a backlog.
  const ms = { claim: 0, decide: 0, warnings: 0, mark: 0, commit: 0 };

  async function build(): Promise<void> {
    const indicators = new IndicatorStore();
    indicatorVersion = await loadIndicators(db, indicators);
    const cfg = await currentEngineConfig(db);
    configVersion = cfg.version;
    // a forgotten (idle) subject's key mapping goes with it; a later event finds its open warning by key again
    engine = createEngine({ config: cfg.config, indicators, onEvict: (sid) => sidKey.delete(sid) });
    engine.limitClock(Date.now() + maxFutureSkew());
    sidKey = new Map();
    lastClosureId = await log_.maxClosureId(db); // later closures arrive through refresh()
    lastMergeId = await identity.maxMergeId(db); // merges before now are in the replay (their events moved partition)
    st.replayed = await replay();
    // The stable keys of open warnings: their identifier now belongs to a rebuilt subject.
    for (const key of await openEngineWarningKeys(db, null)) {
      const sid = engine.subjectOf(key);
      if (sid && !sidKey.has(sid)) sidKey.set(sid, key);
    }
  }

  async function replay(): Promise<number> {
    // bounded by the wall clock: an event dated in the future must not move everyone's window past their events
    const newest = await log_.newestDecidedTime(db, partitions, new Date(Date.now() + maxFutureSkew()));
    if (!newest) return 0;
    const from = new Date(newest.getTime() - replayWindowSec(engine.config) * 1000);
    const closures = (await log_.closuresAfter(db, { closedSince: from })).filter((c) => c.id <= lastClosureId);
    let ci = 0,
      n = 0,
      cursor = { batch: 0, seq: 0 };
    for (;;) {
      const page = await log_.decidedPage(db, partitions, from, cursor, 5000);
      for (const e of page) {
        while (ci < closures.length && closures[ci]!.afterBatch < e.batch!) applyClosure(closures[ci++]!);
        decideOne(e.payload);
        n++;
      }
      if (page.length < 5000) break;
      const last = page[page.length - 1]!;
      cursor = { batch: last.batch!, seq: last.seq };
    }
    while (ci < closures.length) applyClosure(closures[ci++]!);
    return n;
  }

  function applyClosure(c: log_.ClosureRow): void {
    const sid = engine.subjectOf(c.subjectKey);
    if (!sid) return;
    engine.closeWarning(sid, c.closedAt.getTime());
    if (sidKey.get(sid) === c.subjectKey) sidKey.delete(sid);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a validated event payload: one of many shapes
  function decideOne(p: Record<string, any>) {
    try {
      return engine.decide({ ...p, id: engineEventId(p.source, p.id) } as never);
    } catch (err) {
      // Stored events passed the contract; one the engine still cannot read must not block the log.
      log.warn({ err, source: p.source, id: p.id }, 'engine could not decide event');
      return null;
    }
  }

  async function refresh(force = false): Promise<void> {
    const now = Date.now();
    if (force || now - lastRefresh >= refreshMs) {
      lastRefresh = now;
      indicatorVersion = await indicatorChangesSince(db, indicatorVersion, engine.indicators);
      // a script model published on another node (this may be the detection thread, which hears no events)
      const model = await syncPublishedModel(db);
      if (model) log.info({ scriptModel: model }, 'script model reloaded');
      // the fraud-type names its labels use: the published knowledge base's (a rename published on any node)
      if (await syncPublishedKnowledge(db).catch(() => false)) log.info({}, 'fraud-type catalogue reloaded');
      const cfg = await currentEngineConfig(db);
      if (cfg.version !== configVersion) {
        const r = engine.updateConfig(cfg.config);
        if (r.ok) configVersion = cfg.version;
        else
          log.error({ version: cfg.version, errors: r.errors }, 'stored engine config rejected; keeping the old one');
      }
    }
    for (const c of await log_.closuresAfter(db, { afterId: lastClosureId })) {
      applyClosure(c);
      lastClosureId = Math.max(lastClosureId, c.id);
    }
  }

  interface Pending {
    sid: string;
    keys: string[];
    subject: WarningSubject;
    view: WarningView;
  }
  interface Link {
    sid: string;
    keys: [string, string];
  }

  /** One batch in one transaction; returns how many events it decided. */
  async function step(): Promise<number> {
    // Ingest first: on PGlite every transaction takes the one connection in turn, and a partner's acknowledgement
    // must not wait behind a decision batch (and the start of its warnings) when it can go before it. PGlite also
    // answers without real I/O, so batch after batch would run as one chain of microtasks and requests that have
    // arrived would not even be read: yield to the event loop first, so they reach ingest and are counted
    // (platform/db/priority.ts). A large batch only when partners have been quiet for a moment.
    await backgroundTurn(maxIngestWaitMs);
    const f = foregroundState();
    const idle = opts.idle && !f.running && f.idleMs >= opts.idle.afterMs ? opts.idle : null;
    const claimSize = idle?.batchSize ?? batchSize,
      warningsBound = idle?.maxWarningsPerBatch ?? maxWarnings;
    await refresh();
    engine.limitClock(Date.now() + maxFutureSkew());
    const notices: WarningNotice[] = [];
    const afterCommit: (() => void)[] = [];
    let touched = false;
    let t = performance.now();
    const lap = (k: keyof typeof ms) => {
      const now = performance.now();
      ms[k] += now - t;
      t = now;
    };
    const n = await db
      .transaction(async (tx) => {
        const claimed = await log_.claimUndecided(tx, partitions, claimSize);
        if (!claimed.length) return 0;
        lap('claim');
        touched = true;
        if (partitions) await adoptMerged(tx, partitions);
        const pending = new Map<string, Pending>();
        const links: Link[] = [];
        // the events decided in this batch: a prefix of the claimed ones, ending where the warnings' bound is reached
        let decided = claimed.length;
        for (const [i, e] of claimed.entries()) {
          if (pending.size >= warningsBound) {
            decided = i;
            break;
          }
          const d = decideOne(e.payload);
          if (!d) continue;
          for (const m of d.mergedSubjectIds) {
            const k = sidKey.get(m);
            if (k) {
              const own = sidKey.get(d.subjectId);
              if (!own) sidKey.set(d.subjectId, k);
              else if (own !== k) links.push({ sid: d.subjectId, keys: [own, k] }); // two keyed subjects are one person
              sidKey.delete(m);
            }
            const p = pending.get(m);
            if (p) {
              pending.delete(m);
              if (!pending.has(d.subjectId)) pending.set(d.subjectId, { ...p, sid: d.subjectId });
            }
          }
          if (d.action === 'none' || !d.warning) continue;
          const prev = pending.get(d.subjectId);
          const keys = eventKeys(e.payload);
          pending.set(d.subjectId, {
            sid: d.subjectId,
            view: d.warning,
            keys: prev ? [...prev.keys, ...keys.filter((k) => !prev.keys.includes(k))] : keys,
            subject: mergeSubject(prev?.subject ?? {}, e.payload),
          });
        }
        lap('decide');
        const merges = await resolveLinks(tx, links);
        await resolveKeys(tx, [...pending.values()]);
        const list = [...pending.values()];
        const evidence = list.map((p) => toEvidence(sidKey.get(p.sid)!, p.subject, p.view, configVersion));
        const written = await upsertWarnings(tx, 'engine', evidence);
        for (const m of merges)
          notices.push({
            id: m.duplicateId,
            created: false,
            levelRaised: false,
            mergedInto: m.survivorId,
            level: m.level,
            subjectKey: m.survivorKey,
          });
        written.forEach((r, i) =>
          notices.push({ ...r, level: list[i]!.view.level, subjectKey: evidence[i]!.subjectKey }),
        );
        for (const h of hooks) {
          const after = await h(tx, notices);
          if (after) afterCommit.push(after);
        }
        lap('warnings');
        await log_.markDecided(
          tx,
          claimed.slice(0, decided).map((e) => e.seq),
        );
        lap('mark');
        return decided;
      })
      .catch(async (err) => {
        // Decisions were applied in memory but not committed: the state is ahead of the log. Rebuild it.
        if (touched) {
          log.error({ err }, 'decision batch failed; rebuilding engine state by replay');
          st.rebuilds++;
          await build();
        }
        throw err;
      });
    if (n) {
      lap('commit');
      st.decided += n;
      st.batches++;
      st.warnings += notices.length;
      for (const f of afterCommit) {
        try {
          f();
        } catch (err) {
          log.error({ err }, 'after-commit hook failed');
        }
      }
      for (const w of notices)
        for (const l of listeners) {
          try {
            l(w);
          } catch (err) {
            log.error({ err }, 'warning listener failed');
          }
        }
    }
    return n;
  }

  /**
   * Several workers: a later event joined subjects another worker held (ingest/identity.ts moved them, and their
   * undecided events, to one of this worker's partitions). Their state is rebuilt here from their decided events
   * (with the closures in between, in decision order), and their open warnings' keys re-attached, before this
   * batch is decided: the event that joins them then links and merges exactly as on a single worker.
   */
  async function adoptMerged(tx: Db, mine: readonly number[]): Promise<void> {
    const merges = await identity.mergesAfter(tx, lastMergeId);
    if (!merges.length) return;
    lastMergeId = merges[merges.length - 1]!.id;
    const ids = merges
      .filter((m) => mine.includes(m.toPartition) && !mine.includes(m.fromPartition))
      .flatMap((m) => m.subjects);
    if (!ids.length) return;
    const newest = await log_.newestDecidedTime(tx, null, new Date(Date.now() + maxFutureSkew()));
    if (!newest) return;
    const from = new Date(newest.getTime() - replayWindowSec(engine.config) * 1000);
    const events = await identity.decidedOfSubjects(tx, [...new Set(ids)], from);
    const keys = [...new Set(events.flatMap((e) => eventKeys(e.payload)))];
    const closures = (await log_.closuresAfter(tx, { closedSince: from })).filter(
      (c) => c.id <= lastClosureId && keys.includes(c.subjectKey),
    );
    let ci = 0;
    for (const e of events) {
      while (ci < closures.length && closures[ci]!.afterBatch < e.batch) applyClosure(closures[ci++]!);
      decideOne(e.payload);
    }
    while (ci < closures.length) applyClosure(closures[ci++]!);
    for (const key of await openEngineWarningKeys(tx, keys)) {
      const sid = engine.subjectOf(key);
      if (sid && !sidKey.has(sid)) sidKey.set(sid, key);
    }
    st.adopted += events.length;
    log.info({ subjects: ids.length, events: events.length }, 'merged subjects adopted from another worker');
  }

  /**
   * Identifiers that had each become a subject with its own key turned out to be one person: the subject keeps
   * the key of its oldest open warning, and any other open warning is merged into that one (warnings/merge.ts),
   * so the person has one warning and one officer on it. Links are applied in order, so chains in one batch work.
   */
  async function resolveLinks(tx: Db, links: Link[]) {
    if (!links.length) return [];
    const open = await openWarningsByKey(
      tx,
      links.flatMap((l) => l.keys),
    );
    const merges: Merge[] = [];
    for (const l of links) {
      const ws = l.keys.flatMap((k) => (open.has(k) ? [open.get(k)!] : []));
      if (!ws.length) continue; // nothing open: the subject's own key stays
      const survivor = survivorOf(ws);
      sidKey.set(l.sid, survivor.subjectKey);
      for (const w of ws) {
        if (w === survivor) continue;
        merges.push({ duplicateId: w.id, survivorId: survivor.id, survivorKey: survivor.subjectKey });
        open.delete(w.subjectKey);
      }
    }
    return mergeWarnings(tx, merges);
  }

  /** A subject without a stable key takes the key of an open warning under one of its identifiers, else its
   *  canonical identifier (phone, else resident ID, else account) — never an in-memory number. */
  async function resolveKeys(tx: Db, list: Pending[]): Promise<void> {
    const missing = list.filter((p) => !sidKey.has(p.sid));
    if (!missing.length) return;
    const open = new Set(await openEngineWarningKeys(tx, [...new Set(missing.flatMap((p) => p.keys))]));
    for (const p of missing) sidKey.set(p.sid, p.keys.find((k) => open.has(k)) ?? p.keys[0]!);
  }

  async function loop(): Promise<void> {
    while (running) {
      let n: number;
      try {
        n = await step();
      } catch (err) {
        log.error({ err }, 'detection step failed');
        await sleep(pollMs);
        continue;
      }
      if (n === 0) {
        idleWaiters.splice(0).forEach((r) => r());
        if (!running) break;
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            wake = null;
            resolve();
          }, pollMs);
          wake = () => {
            clearTimeout(t);
            wake = null;
            resolve();
          };
        });
      }
    }
  }

  return {
    async start() {
      if (running) return;
      await build();
      running = true;
      unsubscribe = onEventsStored(() => wake?.());
      loopDone = loop();
      log.info(
        { replayed: st.replayed, partitions: partitions?.length ?? 'all', configVersion, indicatorVersion },
        'detection runtime started',
      );
    },
    async stop() {
      running = false;
      unsubscribe();
      wake?.();
      await loopDone;
      idleWaiters.splice(0).forEach((r) => r());
    },
    inBatch(hook) {
      hooks.add(hook);
      return () => hooks.delete(hook);
    },
    onWarning(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async warningClosed(subjectKey, closedAt) {
      await log_.insertClosure(db, subjectKey, closedAt);
      wake?.();
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake?.();
      });
    },
    stats: () => ({ ...st, configVersion, indicatorVersion, ms: { ...ms } }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
