import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { formatWarningNotice } from '../channels/webhook.ts';
import { maskPhone } from '../identifiers/index.ts';
import type { Channels } from './channels.ts';
import { DEFAULT_FOLLOWUP, type FollowupConfig } from './followup.ts';
import type { Effect } from './lifecycle.ts';
import { NotificationHub } from './notify.ts';
import * as repo from './repository.ts';
import { selectScript } from './scripts.ts';
import { DEFAULT_SLA, type SlaConfig } from './sla.ts';
import { startWarnings, startWarningsIn } from './start.ts';
import { applyCommand, levelRaised, loadForEffects, mergedAway, type Loaded } from './transitions.ts';

/**
 * The workflow in a running process: configuration (time limits, follow-up days), the channels, the officer
 * notification hub, and the timer scheduler. One per database handle; the route module creates it.
 */
export interface DissuasionOptions {
  sla?: SlaConfig;
  followup?: FollowupConfig;
  now?: () => number;
  /** how often the scheduler looks for due timers */
  pollMs?: number;
  /** how often the scheduler also looks for warnings whose lifecycle never started (a crash after their commit) */
  sweepMs?: number;
  /** a warning younger than this is left to its creator's own start */
  sweepGraceMs?: number;
  /**
   * How many warnings of a burst talk to the channels at once (default 4). Each records its outcome in its own
   * transaction: unbounded, a burst of thousands would hold every pooled connection and stall ingest and detection.
   */
  effectConcurrency?: number;
  /** units may set webhooks on loopback/private addresses (an intranet robot; ZHIWANG_WEBHOOK_ALLOW_PRIVATE) */
  webhookAllowPrivate?: boolean;
}

export class DissuasionRuntime {
  readonly hub = new NotificationHub();
  /** in force now: the newest stored configuration (loadConfig), else the options, else the defaults */
  sla: SlaConfig;
  followup: FollowupConfig;
  readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private lastSweep = 0;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly closedListeners = new Set<(subjectKey: string, closedAt: Date) => void | Promise<void>>();

  constructor(
    readonly db: Db,
    readonly channels: Channels,
    readonly o: DissuasionOptions = {},
  ) {
    this.sla = o.sla ?? DEFAULT_SLA;
    this.followup = o.followup ?? DEFAULT_FOLLOWUP;
    this.now = o.now ?? Date.now;
    // matched by the SMSC's message id in the database, not by the client's memory: a receipt after a restart counts
    channels.sms?.onReceipt((r) => {
      void this.track(this.recordReceipt(r.messageId, r.stat, r.err));
    });
  }

  /**
   * Takes the centre's stored configuration (time limits, follow-up days) if there is one. Running timers keep
   * the due time they were given; the new limits apply to timers started from now on.
   */
  async loadConfig(): Promise<void> {
    const row = await repo.latestConfig(this.db);
    if (!row) return;
    const c = storedConfig(row);
    this.sla = c.sla;
    this.followup = c.followup;
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
    const q = p.catch((e: unknown) => {
      console.error('dissuasion effect failed', e);
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
      } catch (e) {
        console.error('dissuasion scheduler', e);
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  /** After commit: talk to the outside world and record every attempt. Never throws. */
  async runExternal(actor: Actor, l: Loaded, effects: Effect[]): Promise<void> {
    for (const e of effects) {
      try {
        switch (e.type) {
          case 'place_call':
            await this.attempt(this.prepareCall(l, e.attempt));
            break;
          case 'send_sms':
            await this.attempt(this.prepareSms(l));
            break;
          case 'notify_unit':
            await this.notifyUnit(l, e.unitId, e.urgent, e.reason, 'notify_unit');
            break;
          case 'notify_supervisor': {
            const parent = l.unitPath.split('/').filter(Boolean).at(-2);
            await this.notifyUnit(l, parent ?? l.unitId, true, e.reason, 'notify_supervisor');
            break;
          }
          case 'notify_officer':
            this.hub.publish({
              kind: 'notify_officer',
              warningId: l.id,
              unitPath: l.unitPath,
              userId: e.userId,
              level: l.level,
              at: new Date(this.now()).toISOString(),
            });
            await repo.insertAttempt(this.db, {
              warningId: l.id,
              channel: 'notify_officer',
              ok: true,
              outcome: 'sent',
              detail: e.userId,
              actorId: actor.id,
            });
            break;
          default:
            break;
        }
      } catch (err) {
        console.error('dissuasion external effect', e.type, err);
      }
    }
  }

  /**
   * `runExternal` for a burst of warnings: the attempt rows of every call and SMS are written in one statement
   * before any request leaves; then each warning's requests go out (in its effects' order), `effectConcurrency`
   * warnings side by side. Never throws.
   */
  async runExternalMany(actor: Actor, items: readonly { l: Loaded; effects: Effect[] }[]): Promise<void> {
    const plans = items.map(({ l, effects }) => ({
      l,
      steps: effects.map((e) => ({
        e,
        p: e.type === 'place_call' ? this.prepareCall(l, e.attempt) : e.type === 'send_sms' ? this.prepareSms(l) : null,
      })),
    }));
    try {
      await repo.insertAttempts(
        this.db,
        plans.flatMap((x) => x.steps.flatMap((s) => (s.p ? [s.p.row] : []))),
      );
    } catch (err) {
      console.error('dissuasion attempts', err);
      return;
    }
    await forEachLimited(plans, this.o.effectConcurrency ?? 4, async ({ l, steps }) => {
      for (const { e, p } of steps) {
        try {
          if (p) await p.go();
          else await this.runExternal(actor, l, [e]);
        } catch (err) {
          console.error('dissuasion external effect', e.type, err);
        }
      }
    });
  }

  private async attempt(p: Prepared): Promise<void> {
    await repo.insertAttempt(this.db, p.row);
    await p.go();
  }

  /** An automatic call: its attempt row (stored before the request leaves, so a callback that beats our own response still finds it), then the request. */
  private prepareCall(l: Loaded, attempt: number): Prepared {
    // unguessable: the warning id is shown to officers, and a callback naming a guessed call id would be a forged result
    const callId = `${l.id}.${attempt}.${randomBytes(6).toString('hex')}`;
    const script = selectScript({
      fraudTypes: l.fraudTypes.map((f) => f.code),
      evidence: l.ruleHits.map((h) => h.ruleId),
    });
    const base = { id: randomUUID(), warningId: l.id, channel: 'voice', externalId: callId, at: new Date(this.now()) };
    const voice = this.channels.voice,
      to = l.subjectPhone;
    if (!voice || !to) {
      return {
        row: {
          ...base,
          ok: false,
          outcome: 'failed',
          detail: !to ? 'no phone number' : 'voice gateway not configured',
        },
        go: async () => {
          await applyCommand(this, SYSTEM_ACTOR, l.id, { command: { type: 'auto_contact_result', outcome: 'failed' } });
        },
      };
    }
    return {
      row: { ...base, ok: true, outcome: 'queued', detail: script.version },
      go: async () => {
        try {
          await voice.call({ callId, to, segments: script.voiceSegments });
        } catch (err) {
          // the gateway refused or is down: a failed call, and the level's policy decides what happens next
          const done = await repo.settleAttempt(this.db, base.id, 'queued', {
            outcome: 'failed',
            ok: false,
            resultAt: new Date(this.now()),
            record: { error: String(err instanceof Error ? err.message : err) },
          });
          if (done)
            await applyCommand(this, SYSTEM_ACTOR, l.id, {
              command: { type: 'auto_contact_result', outcome: 'failed' },
            });
        }
      },
    };
  }

  private prepareSms(l: Loaded): Prepared {
    const text = selectScript({
      fraudTypes: l.fraudTypes.map((f) => f.code),
      evidence: l.ruleHits.map((h) => h.ruleId),
      ...(this.channels.smsSignature ? { smsSignature: this.channels.smsSignature } : {}),
    }).sms;
    const ref = `${l.id}.sms.${this.now()}`;
    const base = { id: randomUUID(), warningId: l.id, channel: 'sms', externalId: ref, at: new Date(this.now()) };
    const sms = this.channels.sms,
      to = l.subjectPhone;
    if (!sms || !to)
      return {
        row: { ...base, ok: false, outcome: 'failed', detail: !to ? 'no phone number' : 'SMPP not configured' },
        go: async () => {},
      };
    return {
      row: { ...base, ok: true, outcome: 'submitting', detail: text },
      go: async () => {
        let ids: string[];
        try {
          ids = await sms.send({ to, text, ref });
        } catch (err) {
          await repo.settleAttempt(this.db, base.id, 'submitting', {
            outcome: 'failed',
            ok: false,
            resultAt: new Date(this.now()),
            record: { error: String(err instanceof Error ? err.message : err) },
          });
          return;
        }
        // the carrier's ids are stored with the attempt before anything else: receipts are matched on them
        const overtaken = await repo.claimSmsParts(this.db, base.id, ids);
        await repo.settleAttempt(this.db, base.id, 'submitting', {
          outcome: 'submitted',
          resultAt: new Date(this.now()),
          record: { messageIds: ids },
        });
        // receipts that overtook the submit response; one that arrives from now on settles the attempt itself
        if (overtaken) await this.settleSms(base.id);
      },
    };
  }

  private async recordReceipt(messageId: string, stat: string, err: string): Promise<void> {
    if (!messageId) return;
    const attemptId = await repo.recordSmsReceipt(this.db, messageId, { stat, err, at: new Date(this.now()) });
    if (attemptId) await this.settleSms(attemptId);
  }

  /** Delivered when every part is; undelivered as soon as one part finally fails; otherwise still waiting. */
  private async settleSms(attemptId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const a = await repo.lockAttempt(tx, attemptId);
      if (!a || (a.outcome !== 'submitted' && a.outcome !== 'submitting')) return;
      const parts = await repo.smsPartsOf(tx, attemptId);
      const failed = parts.find((p) => p.stat && p.stat !== 'DELIVRD' && !PENDING_STATS.includes(p.stat));
      const delivered = parts.length > 0 && parts.every((p) => p.stat === 'DELIVRD');
      if (!failed && !delivered) return;
      const last =
        failed ?? parts.reduce((x, y) => ((y.receiptAt?.getTime() ?? 0) > (x.receiptAt?.getTime() ?? 0) ? y : x));
      const receipt = { stat: last.stat, err: last.err, messageIds: parts.map((p) => p.messageId) };
      await repo.settleAttempt(tx, a.id, a.outcome, {
        outcome: delivered ? 'delivered' : 'undelivered',
        ok: delivered,
        resultAt: new Date(this.now()),
        record: { ...(a.record ?? {}), receipt },
      });
    });
  }

  async notifyUnit(
    l: Pick<Loaded, 'id' | 'level' | 'subjectPhone' | 'fraudTypes'>,
    unitId: string,
    urgent: boolean,
    reason: string,
    kind: 'notify_unit' | 'notify_supervisor' | 'warned_then_defrauded',
  ): Promise<void> {
    const unit = await loadForEffects.unit(this.db, unitId);
    if (!unit) return;
    const at = new Date(this.now()).toISOString();
    const seen = this.hub.publish({ kind, warningId: l.id, unitPath: unit.path, level: l.level, urgent, reason, at });
    const settings = await repo.settingsOf(this.db, unitId);
    if (settings?.dutyUserId)
      this.hub.publish({
        kind,
        warningId: l.id,
        unitPath: unit.path,
        userId: settings.dutyUserId,
        level: l.level,
        urgent,
        reason,
        at,
      });
    await repo.insertAttempt(this.db, {
      warningId: l.id,
      channel: kind,
      ok: true,
      outcome: 'sent',
      detail: `${unit.name}: ${reason} (console ${seen})`,
    });
    if (settings?.webhookUrl) {
      const msg = formatWarningNotice({
        warningId: l.id,
        level: l.level as 'high',
        fraudTypeName: l.fraudTypes[0]?.name ?? '',
        reason,
        urgent,
        ...(l.subjectPhone ? { subjectPhone: l.subjectPhone } : {}),
      });
      try {
        const d = await this.channels.webhook(settings.webhookUrl, msg);
        await repo.insertAttempt(this.db, {
          warningId: l.id,
          channel: 'webhook',
          ok: true,
          outcome: 'sent',
          detail: `${unit.name} ${d}`,
        });
      } catch (err) {
        await repo.insertAttempt(this.db, {
          warningId: l.id,
          channel: 'webhook',
          ok: false,
          outcome: 'failed',
          detail: `${unit.name} ${String(err instanceof Error ? err.message : err)}`,
        });
      }
    }
  }
}

/** A stored configuration row with its versions (the row's sequence number names both). */
export function storedConfig(row: { seq: number; sla: unknown; followup: unknown }): {
  sla: SlaConfig;
  followup: FollowupConfig;
} {
  return {
    sla: { ...(row.sla as Omit<SlaConfig, 'version'>), version: `sla-${row.seq}` },
    followup: { ...(row.followup as Omit<FollowupConfig, 'version'>), version: `followup-${row.seq}` },
  };
}

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

/** An attempt to store, and what to do once it is stored (the request to the outside world). */
type Prepared = { row: repo.NewAttempt & { id: string }; go: () => Promise<void> };

/** SMPP receipt stats that are not final (the message is still on its way). */
const PENDING_STATS = ['ENROUTE', 'ACCEPTD'];

const runtimes = new WeakMap<Db, DissuasionRuntime>();
export const registerRuntime = (db: Db, rt: DissuasionRuntime) => runtimes.set(db, rt);
/** The runtime serving this database (other modules, e.g. the engine hook, start warnings through it). */
export const runtimeFor = (db: Db) => runtimes.get(db);

/** Runs `fn` over `items` in order, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
