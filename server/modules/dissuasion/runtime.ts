import type { Db } from '../../platform/db/index.ts';
import { processLog, type Log } from '../../platform/logger.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { maskPhone } from '../identifiers/index.ts';
import type { Channels } from './channels.ts';
import { storedConfig } from './config.ts';
import type { DissuasionContext, DissuasionOptions, Loaded, NoticeKind, NoticeSubject } from './context.ts';
import { EffectExecutor } from './executor.ts';
import { DEFAULT_FOLLOWUP, type FollowupConfig } from './followup.ts';
import type { Effect } from './lifecycle.ts';
import { NotificationHub } from './notify.ts';
import * as repo from './repository.ts';
import { DEFAULT_SLA, type SlaConfig } from './sla.ts';
import { startWarnings, startWarningsIn } from './start.ts';
import { applyCommand, levelRaised, mergedAway } from './transitions.ts';

export type { DissuasionOptions } from './context.ts';

/**
 * The workflow in a running process (the top of the module's layers): the configuration in force (time limits,
 * follow-up days, kept current on every node), the effect executor behind the channels, the officers'
 * notification hub, and the timer scheduler. One per database handle, built by the composition root
 * (`createDissuasion`, plugin.ts) and handed to the routes and to detection (`wireDetection`).
 *
 * Layers (each imports only those below it): pure core (lifecycle, sla, followup, routing, scripts, address,
 * effects) ← context (types) ← repository ← victims, store (a transition's rows) and executor (its external
 * effects) ← transitions, start (the workflow) ← runtime (scheduler, wiring) ← services ← routes, plugin.
 */
export class DissuasionRuntime implements DissuasionContext {
  readonly hub = new NotificationHub();
  /** in force now: the newest stored configuration (loadConfig), else the options, else the defaults */
  sla: SlaConfig;
  followup: FollowupConfig;
  readonly now: () => number;
  private readonly log: Log;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private lastSweep = 0;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly closedListeners = new Set<(subjectKey: string, closedAt: Date) => void | Promise<void>>();

  private readonly executor: EffectExecutor;

  constructor(
    readonly db: Db,
    readonly channels: Channels,
    readonly o: DissuasionOptions = {},
  ) {
    this.sla = o.sla ?? DEFAULT_SLA;
    this.followup = o.followup ?? DEFAULT_FOLLOWUP;
    this.now = o.now ?? Date.now;
    this.log = o.log ?? processLog;
    this.executor = new EffectExecutor({
      db,
      channels,
      hub: this.hub,
      now: this.now,
      log: this.log,
      track: (p) => this.track(p),
      // a call that could not be placed is the call's outcome: the level's policy decides what happens next
      callFailed: (warningId) =>
        applyCommand(this, SYSTEM_ACTOR, warningId, { command: { type: 'auto_contact_result', outcome: 'failed' } }),
      ...(o.effectConcurrency !== undefined ? { effectConcurrency: o.effectConcurrency } : {}),
    });
  }

  useConfig(c: { sla: SlaConfig; followup: FollowupConfig }): void {
    this.sla = c.sla;
    this.followup = c.followup;
  }

  /**
   * Takes the centre's stored configuration (time limits, follow-up days) if there is one. Running timers keep
   * the due time they were given; the new limits apply to timers started from now on.
   */
  async loadConfig(): Promise<void> {
    const row = await repo.latestConfig(this.db);
    if (!row) return;
    this.useConfig(storedConfig(row));
  }

  /** Starts the scheduler; the first tick runs at once so timers that ran out while the process was down act. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.pollMs ?? 1_000);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.idle();
    await this.channels.sms?.close();
  }

  /** The engine hears when the workflow closes a subject's warning, so later evidence opens a fresh one. */
  onClosed(fn: (subjectKey: string, closedAt: Date) => void | Promise<void>): () => void {
    this.closedListeners.add(fn);
    return () => this.closedListeners.delete(fn);
  }
  emitClosed(subjectKey: string, closedAt: Date): void {
    for (const fn of this.closedListeners) void this.track(Promise.resolve(fn(subjectKey, closedAt)));
  }

  /** Waits until external effects in flight (calls, SMS, webhooks) have been recorded. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  track<T>(p: Promise<T>): Promise<T> {
    const q = p.catch((err: unknown) => {
      this.log.error({ err }, 'dissuasion effect failed');
    });
    this.pending.add(q);
    void q.finally(() => this.pending.delete(q));
    return p;
  }

  /**
   * Starts every warning committed without its lifecycle (the process stopped between the warning's commit and
   * the listener that starts it). `startWarnings` re-checks under the warnings' row locks, so a sweep racing the
   * creator, or the sweep of another node, changes nothing twice. Cheap: one indexed query when there is none.
   */
  async sweep(): Promise<number> {
    this.lastSweep = Date.now();
    const ids = await repo.unstartedWarnings(this.db, new Date(Date.now() - (this.o.sweepGraceMs ?? 2_000)));
    return (await startWarnings(this, ids)).length;
  }

  tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      try {
        if (Date.now() - this.lastSweep >= (this.o.sweepMs ?? 30_000)) await this.sweep();
        for (;;) {
          const due = await repo.claimDueTimers(this.db, this.now());
          for (const t of due) await applyCommand(this, SYSTEM_ACTOR, t.warningId, { timer: t.kind });
          if (due.length < 50) break;
        }
      } catch (err) {
        this.log.error({ err }, 'dissuasion scheduler failed');
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  /** After commit: talk to the outside world and record every attempt (executor.ts). Never throws. */
  runExternal(actor: Actor, l: Loaded, effects: Effect[]): Promise<void> {
    return this.executor.runExternal(actor, l, effects);
  }
  runExternalMany(actor: Actor, items: readonly { l: Loaded; effects: Effect[] }[]): Promise<void> {
    return this.executor.runExternalMany(actor, items);
  }
  notifyUnit(l: NoticeSubject, unitId: string, urgent: boolean, reason: string, kind: NoticeKind): Promise<void> {
    return this.executor.notifyUnit(l, unitId, urgent, reason, kind);
  }
}

export { storedConfig } from './config.ts';
export const maskedPhone = (p: string | null) => (p ? maskPhone(p) : null);

/**
 * Engine warnings enter the lifecycle here: a created warning starts auto-contact; a closure tells the engine.
 * `detection` is the detection runtime (server/modules/detection/runtime.ts), typed structurally to keep the
 * dependency one-way. Detection tells the notices of one committed batch in a synchronous loop, so the warnings
 * a batch created are all queued by the next microtask and start together (`startWarnings`: one transaction).
 * A level raised on a warning whose start is still queued or running waits for it, so it acts on a started warning.
 */
export function wireDetection(
  rt: DissuasionRuntime,
  detection: {
    onWarning(l: (w: { id: string; created: boolean; levelRaised: boolean; mergedInto?: string }) => void): () => void;
    warningClosed(subjectKey: string, closedAt: Date): Promise<void>;
    inBatch?(
      hook: (
        tx: Db,
        notices: readonly { id: string; created: boolean; mergedInto?: string }[],
      ) => Promise<(() => void) | void>,
    ): () => void;
  },
  // `legacy`: start after the batch's commit in a transaction of its own (the path before the burst work; the
  // burst benchmark compares both)
  o: { legacy?: boolean } = {},
): () => void {
  // The warnings a decision batch created start in the batch's own transaction (startWarningsIn): decided and
  // started together, exactly once, and no second transaction for ingest to queue behind.
  const inTx = !o.legacy && detection.inBatch;
  const off0 = inTx
    ? detection.inBatch!(async (tx, notices) => {
        const ids = notices.filter((n) => n.created && !n.mergedInto).map((n) => n.id);
        if (!ids.length) return;
        return (await startWarningsIn(rt, tx, ids)).afterCommit;
      })
    : () => {};
  let queued: string[] | null = null;
  let current: Promise<unknown> = Promise.resolve();
  const starting = new Map<string, Promise<unknown>>();
  const start = (id: string) => {
    if (!queued) {
      const ids: string[] = (queued = []);
      const run: Promise<unknown> = Promise.resolve()
        .then(() => {
          queued = null;
          return startWarnings(rt, ids);
        })
        .finally(() => {
          for (const x of ids) if (starting.get(x) === run) starting.delete(x);
        });
      current = run;
      void rt.track(run);
    }
    queued.push(id);
    starting.set(id, current);
  };
  const off1 = detection.onWarning((w) => {
    if (w.mergedInto) void rt.track(mergedAway(rt, w.id, w.mergedInto));
    else if (w.created) {
      if (!inTx) start(w.id);
    } else if (w.levelRaised) {
      const before = starting.get(w.id);
      void rt.track(
        before
          ? before.then(
              () => levelRaised(rt, w.id),
              () => levelRaised(rt, w.id),
            )
          : levelRaised(rt, w.id),
      );
    }
  });
  const off2 = rt.onClosed((key, at) => detection.warningClosed(key, at));
  return () => {
    off0();
    off1();
    off2();
  };
}
