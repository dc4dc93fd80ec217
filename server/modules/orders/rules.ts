import { IS_STOP, type OrderKind } from './lifecycle.ts';

// Limits and periods of the orders to banks (domain.md §5): data, not code. Defaults are the national rules; a
// deployment changes them with ZHIWANG_ORDERS_* variables (loadOrdersConfig), checked at start.

export interface OrdersConfig {
  /** 'auto': 接警即止付, an automatic stop is sent at once; 'confirm': an officer sends each draft */
  sendMode: 'auto' | 'confirm';
  /** a stop-payment holds the account this long (48 h) */
  stopHours: number;
  protectiveStopHours: number;
  /** at most this many stops per account (2) */
  maxStopsPerAccount: number;
  /** a freeze lasts this many days (6 months) */
  freezeDays: number;
  /** reminders this many days before a freeze expires */
  freezeReminderDays: number[];
  /** the golden period after a payment and after the report (30 min) */
  goldenMinutes: number;
  /** a bank answers within this many minutes, per kind; then the order escalates */
  answerMinutes: Record<OrderKind, number>;
  /** escalations before the order stays overdue without more reminders */
  maxEscalations: number;
  /** pro-rata refunds wait for this notice period (30 days) */
  refundNoticeDays: number;
  /** an evidence answer's file at most this large */
  maxFileBytes: number;
}

export const DEFAULT_ORDERS_CONFIG: OrdersConfig = {
  sendMode: 'auto',
  stopHours: 48,
  protectiveStopHours: 48,
  maxStopsPerAccount: 2,
  freezeDays: 183,
  freezeReminderDays: [15, 3],
  goldenMinutes: 30,
  answerMinutes: { stop_payment: 15, protective_stop: 15, freeze: 24 * 60, evidence: 3 * 24 * 60, refund: 3 * 24 * 60 },
  maxEscalations: 3,
  refundNoticeDays: 30,
  maxFileBytes: 10 * 1024 * 1024,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Reads ZHIWANG_ORDERS_SEND (auto|confirm), ZHIWANG_ORDERS_STOP_HOURS, …_MAX_STOPS, …_FREEZE_DAYS, …_GOLDEN_MINUTES. */
export function loadOrdersConfig(env: Record<string, string | undefined> = process.env): OrdersConfig {
  const c = structuredClone(DEFAULT_ORDERS_CONFIG);
  const int = (name: string, min: number, max: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
    return n;
  };
  const send = env.ZHIWANG_ORDERS_SEND;
  if (send !== undefined && send !== '') {
    if (send !== 'auto' && send !== 'confirm') throw new Error('ZHIWANG_ORDERS_SEND must be auto or confirm');
    c.sendMode = send;
  }
  c.stopHours = int('ZHIWANG_ORDERS_STOP_HOURS', 1, 24 * 30) ?? c.stopHours;
  c.protectiveStopHours = int('ZHIWANG_ORDERS_PROTECTIVE_HOURS', 1, 24 * 30) ?? c.protectiveStopHours;
  c.maxStopsPerAccount = int('ZHIWANG_ORDERS_MAX_STOPS', 1, 10) ?? c.maxStopsPerAccount;
  c.freezeDays = int('ZHIWANG_ORDERS_FREEZE_DAYS', 1, 3650) ?? c.freezeDays;
  c.goldenMinutes = int('ZHIWANG_ORDERS_GOLDEN_MINUTES', 1, 24 * 60) ?? c.goldenMinutes;
  c.answerMinutes.stop_payment = int('ZHIWANG_ORDERS_STOP_ANSWER_MINUTES', 1, 24 * 60) ?? c.answerMinutes.stop_payment;
  return c;
}

/** How long the measure holds once executed; null for kinds without a period. */
export function periodMs(kind: OrderKind, c: OrdersConfig): number | null {
  switch (kind) {
    case 'stop_payment':
      return c.stopHours * HOUR;
    case 'protective_stop':
      return c.protectiveStopHours * HOUR;
    case 'freeze':
      return c.freezeDays * DAY;
    case 'evidence':
    case 'refund':
      return null;
  }
}

/** When the bank must have answered an order sent at `sentAt` (after `escalations` reminders). */
export const answerDue = (kind: OrderKind, sentAt: number, c: OrdersConfig, escalations = 0): number =>
  sentAt + c.answerMinutes[kind] * 60_000 * (escalations + 1);

/** The stop limit: may one more stop be placed on an account that already has `existing` counting stops? */
export function stopAllowed(kind: OrderKind, existing: number, c: OrdersConfig): boolean {
  return !IS_STOP[kind] || existing < c.maxStopsPerAccount;
}

/** The golden half hour (黄金半小时): deadlines from the payment and from the report, and what is left of each. */
export function goldenPeriod(paidAt: number | null, reportedAt: number | null, now: number, c: OrdersConfig) {
  const len = c.goldenMinutes * 60_000;
  const one = (t: number | null) => (t === null ? null : { endsAt: t + len, remainingMs: Math.max(0, t + len - now) });
  return { fromPayment: one(paidAt), fromReport: one(reportedAt) };
}

/** The freeze reminders due by `now` that were not sent yet (`sent` counts those already recorded). */
export function remindersDue(expiresAt: number, sent: number, now: number, c: OrdersConfig): number {
  const days = [...c.freezeReminderDays].sort((a, b) => b - a);
  let due = 0;
  for (const d of days) if (now >= expiresAt - d * DAY) due++;
  return Math.max(0, due - sent);
}

/**
 * Refunds (返还) of what was recovered on one account to the victims who paid into it: each victim's traced
 * amount first; what is left over (untraced money) is shared pro rata to what each victim lost there and may only
 * be returned after the notice period. Amounts in fen (integers), so shares add up exactly.
 */
export function allocateRefund(
  recoveredFen: number,
  victims: { victimId: string; tracedFen: number; lossFen: number }[],
): { victimId: string; fen: number; basis: 'traced' | 'pro_rata' }[] {
  const out: { victimId: string; fen: number; basis: 'traced' | 'pro_rata' }[] = [];
  const tracedSum = victims.reduce((s, v) => s + Math.max(0, v.tracedFen), 0);
  const claimants = victims.filter((v) => v.tracedFen > 0);
  if (recoveredFen < tracedSum && claimants.length > 1) {
    // not enough for every traced claim and the money is mixed: whose is left cannot be told — pro rata to the claims
    return shareProRata(
      recoveredFen,
      claimants.map((v) => ({ id: v.victimId, owed: v.tracedFen })),
    );
  }
  let left = recoveredFen;
  for (const v of victims) {
    const fen = Math.min(left, Math.max(0, v.tracedFen));
    if (fen > 0) out.push({ victimId: v.victimId, fen, basis: 'traced' });
    left -= fen;
  }
  const remaining = victims
    .map((v) => ({ id: v.victimId, owed: Math.max(0, v.lossFen - v.tracedFen) }))
    .filter((v) => v.owed > 0);
  return [...out, ...shareProRata(left, remaining)];
}

/** `pool` shared pro rata to what each is owed (never more than owed), to the fen by largest remainder. */
function shareProRata(
  poolFen: number,
  remaining: { id: string; owed: number }[],
): { victimId: string; fen: number; basis: 'pro_rata' }[] {
  const out: { victimId: string; fen: number; basis: 'pro_rata' }[] = [];
  const owed = remaining.reduce((s, v) => s + v.owed, 0);
  if (poolFen <= 0 || owed === 0) return out;
  const pool = Math.min(poolFen, owed);
  // largest remainder: floor shares, then the leftover fen to the largest fractions (stable by order given)
  const shares = remaining.map((v) => ({ id: v.id, exact: (pool * v.owed) / owed }));
  const floors = shares.map((s) => Math.floor(s.exact));
  let rest = pool - floors.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => ({ i, frac: s.exact - floors[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    floors[i]!++;
    rest--;
  }
  shares.forEach((s, i) => {
    if (floors[i]! > 0) out.push({ victimId: s.id, fen: floors[i]!, basis: 'pro_rata' });
  });
  return out;
}

export const toFen = (yuan: number) => Math.round(yuan * 100);
export const toYuan = (fen: number) => fen / 100;
