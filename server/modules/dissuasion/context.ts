import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Log } from '../../platform/logger.ts';
import type { WarningWithUnit } from '../warnings/index.ts';
import type { Channels } from './channels.ts';
import type { FollowupConfig } from './followup.ts';
import type { Effect } from './lifecycle.ts';
import type { NotificationHub } from './notify.ts';
import type { WorkflowRow } from './repository.ts';
import type { SlaConfig } from './sla.ts';

/**
 * What the workflow, the effect executor and the services need of a running dissuasion (the bottom of the module:
 * it imports only types). `runtime.ts` builds one; every layer above takes it as `rt`.
 */

/** A warning with its unit and its workflow row, as a transition sees it. */
export type Loaded = WarningWithUnit & { wf: WorkflowRow };

/** A warning to notify about (enough for the console notice and the unit's webhook). */
export type NoticeSubject = Pick<Loaded, 'id' | 'level' | 'subjectPhone' | 'fraudTypes'>;
export type NoticeKind = 'notify_unit' | 'notify_supervisor' | 'warned_then_defrauded';

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
  /** where failures of effects and of the scheduler go (the plugin hands in `app.log`) */
  log?: Log;
}

/** The external effects (executor.ts): after commit, each attempt recorded. Never throw. */
export interface EffectRunner {
  runExternal(actor: Actor, l: Loaded, effects: Effect[]): Promise<void>;
  runExternalMany(actor: Actor, items: readonly { l: Loaded; effects: Effect[] }[]): Promise<void>;
  notifyUnit(l: NoticeSubject, unitId: string, urgent: boolean, reason: string, kind: NoticeKind): Promise<void>;
}

export interface DissuasionContext extends EffectRunner {
  readonly db: Db;
  readonly channels: Channels;
  readonly o: DissuasionOptions;
  readonly hub: NotificationHub;
  readonly now: () => number;
  /** in force now: the newest stored configuration, else the options, else the defaults */
  readonly sla: SlaConfig;
  readonly followup: FollowupConfig;
  /** puts a configuration in force on this node (the stored one, after a PUT or a `config.changed`) */
  useConfig(c: { sla: SlaConfig; followup: FollowupConfig }): void;
  /** keeps a promise in the set `idle()` waits for; logs its failure */
  track<T>(p: Promise<T>): Promise<T>;
  /** the engine hears that the workflow closed a subject's warning */
  emitClosed(subjectKey: string, closedAt: Date): void;
}
