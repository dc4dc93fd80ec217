import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import type { Log } from '../../platform/logger.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { formatWarningNotice } from '../channels/index.ts';
import type { Channels } from './channels.ts';
import type { EffectRunner, Loaded, NoticeKind, NoticeSubject } from './context.ts';
import { isExternal, type EffectOf, type ExternalEffectType } from './effects.ts';
import type { Effect } from './lifecycle.ts';
import type { NotificationHub } from './notify.ts';
import * as repo from './repository.ts';
import { selectScript } from './scripts.ts';
import { audiencesOf } from './audience.ts';
import type { Audience } from '../knowledge/index.ts';

/**
 * The external effects of transitions, behind the channel ports: the automatic call, the SMS (and its delivery
 * receipts), the officers' console notices and the units' webhooks — each attempt stored as a row. Knows nothing
 * of the workflow: a call that fails at once is handed back through `callFailed` (the workflow applies it).
 */
export interface ExecutorDeps {
  db: Db;
  channels: Channels;
  hub: NotificationHub;
  now: () => number;
  log: Log;
  track<T>(p: Promise<T>): Promise<T>;
  /** the voice gateway refused the call (or there is none): the call's outcome is `failed` */
  callFailed(warningId: string): Promise<unknown>;
  effectConcurrency?: number;
}

type Handlers = { [K in ExternalEffectType]: (actor: Actor, l: Loaded, e: EffectOf<K>) => Promise<void> };

export class EffectExecutor implements EffectRunner {
  private readonly db: Db;
  private readonly channels: Channels;
  private readonly hub: NotificationHub;
  private readonly now: () => number;

  constructor(private readonly d: ExecutorDeps) {
    this.db = d.db;
    this.channels = d.channels;
    this.hub = d.hub;
    this.now = d.now;
    // matched by the SMSC's message id in the database, not by the client's memory: a receipt after a restart counts
    d.channels.sms?.onReceipt((r) => {
      void d.track(this.recordReceipt(r.messageId, r.stat, r.err));
    });
  }

  /** One handler per external effect kind (a kind added to effects.ts fails the typecheck until handled here). */
  private readonly handlers: Handlers = {
    place_call: async (_a, l, e) => this.attempt(this.prepareCall(l, e.attempt, await this.audience(l))),
    send_sms: async (_a, l) => this.attempt(this.prepareSms(l, await this.audience(l))),
    notify_unit: (_a, l, e) => this.notifyUnit(l, e.unitId, e.urgent, e.reason, 'notify_unit'),
    notify_supervisor: (_a, l, e) => {
      const parent = l.unitPath.split('/').filter(Boolean).at(-2);
      return this.notifyUnit(l, parent ?? l.unitId, true, e.reason, 'notify_supervisor');
    },
    notify_officer: async (actor, l, e) => {
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
    },
  };

  /** Who the person is, for the texts; a registry that cannot answer leaves the type's general text. */
  private async audience(l: Loaded): Promise<Audience> {
    return (await audiencesOf(this.db, [l], this.now()).catch(() => null))?.[0] ?? 'general';
  }

  private run(actor: Actor, l: Loaded, e: Effect): Promise<void> {
    if (!isExternal(e)) return Promise.resolve(); // stored in the transition's transaction (store.ts)
    const h = this.handlers[e.type] as (actor: Actor, l: Loaded, e: Effect) => Promise<void>;
    return h(actor, l, e);
  }

  /** After commit: talk to the outside world and record every attempt. Never throws. */
  async runExternal(actor: Actor, l: Loaded, effects: Effect[]): Promise<void> {
    for (const e of effects) {
      try {
        await this.run(actor, l, e);
      } catch (err) {
        this.d.log.error({ err, effect: e.type, warningId: l.id }, 'dissuasion external effect failed');
      }
    }
  }

  /**
   * `runExternal` for a burst of warnings: the attempt rows of every call and SMS are written in one statement
   * before any request leaves; then each warning's requests go out (in its effects' order), `effectConcurrency`
   * warnings side by side. Never throws.
   */
  async runExternalMany(actor: Actor, items: readonly { l: Loaded; effects: Effect[] }[]): Promise<void> {
    const speaking = items.filter((x) => x.effects.some((e) => e.type === 'place_call' || e.type === 'send_sms'));
    const found = await audiencesOf(
      this.db,
      speaking.map((x) => x.l),
      this.now(),
    ).catch(() => speaking.map((): Audience => 'general'));
    const audience = new Map(speaking.map((x, i) => [x.l.id, found[i] ?? 'general']));
    const plans = items.map(({ l, effects }) => ({
      l,
      steps: effects.map((e) => {
        const a = audience.get(l.id) ?? 'general';
        return {
          e,
          p:
            e.type === 'place_call'
              ? this.prepareCall(l, e.attempt, a)
              : e.type === 'send_sms'
                ? this.prepareSms(l, a)
                : null,
        };
      }),
    }));
    try {
      await repo.insertAttempts(
        this.db,
        plans.flatMap((x) => x.steps.flatMap((s) => (s.p ? [s.p.row] : []))),
      );
    } catch (err) {
      this.d.log.error({ err, warnings: items.length }, 'dissuasion attempts not stored');
      return;
    }
    await forEachLimited(plans, this.d.effectConcurrency ?? 4, async ({ l, steps }) => {
      for (const { e, p } of steps) {
        try {
          if (p) await p.go();
          else await this.runExternal(actor, l, [e]);
        } catch (err) {
          this.d.log.error({ err, effect: e.type, warningId: l.id }, 'dissuasion external effect failed');
        }
      }
    });
  }

  private async attempt(p: Prepared): Promise<void> {
    await repo.insertAttempt(this.db, p.row);
    await p.go();
  }

  /** An automatic call: its attempt row (stored before the request leaves, so a callback that beats our own response still finds it), then the request. */
  private prepareCall(l: Loaded, attempt: number, audience: Audience): Prepared {
    // unguessable: the warning id is shown to officers, and a callback naming a guessed call id would be a forged result
    const callId = `${l.id}.${attempt}.${randomBytes(6).toString('hex')}`;
    const script = selectScript({
      fraudTypes: l.fraudTypes.map((f) => f.code),
      evidence: l.ruleHits.map((h) => h.ruleId),
      audience,
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
          await this.d.callFailed(l.id);
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
          if (done) await this.d.callFailed(l.id);
        }
      },
    };
  }

  private prepareSms(l: Loaded, audience: Audience): Prepared {
    const text = selectScript({
      fraudTypes: l.fraudTypes.map((f) => f.code),
      evidence: l.ruleHits.map((h) => h.ruleId),
      audience,
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

  async notifyUnit(l: NoticeSubject, unitId: string, urgent: boolean, reason: string, kind: NoticeKind): Promise<void> {
    const unit = await repo.unitById(this.db, unitId);
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

/** An attempt to store, and what to do once it is stored (the request to the outside world). */
type Prepared = { row: repo.NewAttempt & { id: string }; go: () => Promise<void> };

/** SMPP receipt stats that are not final (the message is still on its way). */
const PENDING_STATS = ['ENROUTE', 'ACCEPTD'];

/** Runs `fn` over `items` in order, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
