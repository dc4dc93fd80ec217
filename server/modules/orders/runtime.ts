import type { Db } from '../../platform/db/index.ts';
import { publish } from '../../platform/events/index.ts';
import { sendWebhook, type WecomMessage } from '../channels/index.ts';
import type { Publish } from './events.ts';
import { loadOrdersConfig, type OrdersConfig } from './rules.ts';

export interface OrdersOptions {
  /** over the defaults and ZHIWANG_ORDERS_* (rules.ts) */
  config?: Partial<OrdersConfig>;
  /** injected clock (ms); the demo's sped-up clock or a test's */
  clock?: () => number;
  /** how often the stored-timer sweep runs (escalations, expiries, reminders, webhooks); 0 = only when asked */
  sweepMs?: number;
  /** how to tell a bank's system of a new order (default: WeCom-style robot webhook, channels/webhook.ts) */
  webhook?: (url: string, msg: WecomMessage) => Promise<{ ok: boolean; error?: string }>;
  publish?: Publish;
  /** link into the console for the webhook message */
  consoleUrl?: string;
}

/** The orders module's long-lived part: configuration, clock, ports and the sweep timer; one per database. */
export class OrdersRuntime {
  readonly config: OrdersConfig;
  readonly clock: () => number;
  readonly webhook: NonNullable<OrdersOptions['webhook']>;
  publish: Publish;
  timer: NodeJS.Timeout | null = null;
  sweeping: Promise<unknown> | null = null;

  constructor(
    readonly db: Db,
    readonly options: OrdersOptions = {},
  ) {
    const base = loadOrdersConfig();
    this.config = {
      ...base,
      ...options.config,
      answerMinutes: { ...base.answerMinutes, ...options.config?.answerMinutes },
    };
    this.clock = options.clock ?? Date.now;
    this.webhook =
      options.webhook ??
      (async (url, msg) => {
        const r = await sendWebhook(url, msg);
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      });
    this.publish = options.publish ?? ((tx, name, payload) => publish(tx, name, payload as never));
  }

  now = () => new Date(this.clock());
}

let active: OrdersRuntime | null = null;
const byDb = new WeakMap<Db, OrdersRuntime>();

export function registerOrdersRuntime(rt: OrdersRuntime) {
  byDb.set(rt.db, rt);
  active = rt;
}
/** The runtime of a database (routes, demo), or the last started one (event handlers get a transaction, not the db). */
export const ordersRuntime = (db?: Db): OrdersRuntime | null => (db && byDb.get(db)) || active;
