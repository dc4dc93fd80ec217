// The order lifecycle (警银联动) as a pure, exhaustive transition function: no I/O, no clock of its own. Every
// command an officer, a bank or the timer sweep may give is checked here; the service stores the result and its
// audit row in one transaction.
//
//   draft ─send→ sent ─receive→ received ─answer→ executed | partial | rejected
//     │                 └──────────answer─────────→ (a bank may answer without acknowledging first)
//     ├─refuse→ refused   (drafted automatically past a limit: kept for the officer to see, with the reason)
//     └─cancel→ cancelled
//   executed | partial ─expire→ expired | ─release→ released | ─renew→ renewed (a new order continues the measure)

export const ORDER_KINDS = ['stop_payment', 'freeze', 'evidence', 'refund', 'protective_stop'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const ORDER_STATUSES = [
  'draft',
  'sent',
  'received',
  'executed',
  'partial',
  'rejected',
  'refused',
  'cancelled',
  'expired',
  'released',
  'renewed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const OUTCOMES = ['executed', 'partial', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type OrderCommand =
  | { type: 'send' }
  | { type: 'receive' }
  | {
      type: 'answer';
      outcome: Outcome;
      amount?: number | undefined;
      balance?: number | undefined;
      reason?: string | undefined;
    }
  | { type: 'refuse'; reason: string }
  | { type: 'cancel'; reason?: string | undefined }
  | { type: 'expire' }
  | { type: 'release'; reason?: string | undefined }
  | { type: 'renew' };

export interface OrderState {
  kind: OrderKind;
  status: OrderStatus;
  /** yuan asked for (the payment's amount); null when the order is for the whole account */
  amount: number | null;
}

export type Transition =
  | { ok: true; status: OrderStatus; amountStopped?: number | null; balance?: number | null; reason?: string | null }
  | { ok: false; error: 'invalid_transition' | 'invalid_answer'; field?: string; message: string };

/** Kinds whose effect lasts for a period (and can expire, be released or renewed). */
export const HAS_PERIOD: Record<OrderKind, boolean> = {
  stop_payment: true,
  protective_stop: true,
  freeze: true,
  evidence: false,
  refund: false,
};
/** Stops count against the per-account limit (紧急止付 and 保护性止付 both stop the account). */
export const IS_STOP: Record<OrderKind, boolean> = {
  stop_payment: true,
  protective_stop: true,
  freeze: false,
  evidence: false,
  refund: false,
};

export const isFinal = (s: OrderStatus): boolean => {
  switch (s) {
    case 'draft':
    case 'sent':
    case 'received':
      return false;
    case 'executed':
    case 'partial':
      return false; // a period is still running (or, without one, nothing left to do)
    case 'rejected':
    case 'refused':
    case 'cancelled':
    case 'expired':
    case 'released':
    case 'renewed':
      return true;
    default:
      return assertNever(s);
  }
};

/** Waiting for the bank: these are the orders a bank's inbox lists as to do and the sweep escalates. */
export const awaitsBank = (s: OrderStatus) => s === 'sent' || s === 'received';
/** In force: the measure is holding money now. */
export const inForce = (s: OrderStatus) => s === 'executed' || s === 'partial';
/** Stops that count against the per-account limit: everything but what never reached or was refused by a bank. */
export const countsAgainstLimit = (s: OrderStatus) => !(s === 'rejected' || s === 'refused' || s === 'cancelled');

const fail = (message: string): Transition => ({ ok: false, error: 'invalid_transition', message });
const bad = (field: string, message: string): Transition => ({ ok: false, error: 'invalid_answer', field, message });

export function transition(o: OrderState, c: OrderCommand): Transition {
  const from = o.status;
  switch (c.type) {
    case 'send':
      return from === 'draft' ? { ok: true, status: 'sent' } : fail(`cannot send an order that is ${from}`);
    case 'receive':
      return from === 'sent' ? { ok: true, status: 'received' } : fail(`cannot acknowledge an order that is ${from}`);
    case 'answer':
      if (!awaitsBank(from)) return fail(`cannot answer an order that is ${from}`);
      return answer(o, c);
    case 'refuse':
      return from === 'draft'
        ? { ok: true, status: 'refused', reason: c.reason }
        : fail(`cannot refuse an order that is ${from}`);
    case 'cancel':
      return from === 'draft' || from === 'sent'
        ? { ok: true, status: 'cancelled', reason: c.reason ?? null }
        : fail(`cannot cancel an order that is ${from}`);
    case 'expire':
      if (!HAS_PERIOD[o.kind]) return fail(`a ${o.kind} order does not expire`);
      return inForce(from) ? { ok: true, status: 'expired' } : fail(`cannot expire an order that is ${from}`);
    case 'release':
      if (!HAS_PERIOD[o.kind]) return fail(`a ${o.kind} order holds nothing to release`);
      return inForce(from)
        ? { ok: true, status: 'released', reason: c.reason ?? null }
        : fail(`cannot release an order that is ${from}`);
    case 'renew':
      if (!HAS_PERIOD[o.kind]) return fail(`a ${o.kind} order cannot be renewed`);
      return inForce(from) ? { ok: true, status: 'renewed' } : fail(`cannot renew an order that is ${from}`);
    default:
      return assertNever(c);
  }
}

function answer(o: OrderState, c: Extract<OrderCommand, { type: 'answer' }>): Transition {
  const money = o.kind !== 'evidence';
  for (const f of ['amount', 'balance'] as const) {
    const v = c[f];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) return bad(f, 'must be a non-negative amount');
  }
  switch (c.outcome) {
    case 'executed':
      // executed in full: what was asked for is held (or, for a whole-account order, what the bank reports)
      return {
        ok: true,
        status: 'executed',
        amountStopped: money ? (c.amount ?? o.amount) : null,
        balance: c.balance ?? null,
        reason: c.reason ?? null,
      };
    case 'partial':
      if (!money) return bad('outcome', 'an evidence order is executed or rejected');
      if (c.amount === undefined) return bad('amount', 'a partial execution says how much was stopped');
      if (o.amount !== null && c.amount >= o.amount)
        return bad('amount', 'a partial amount is less than the amount asked for');
      return {
        ok: true,
        status: 'partial',
        amountStopped: c.amount,
        balance: c.balance ?? null,
        reason: c.reason ?? null,
      };
    case 'rejected':
      if (!c.reason?.trim()) return bad('reason', 'a rejection gives its reason');
      return { ok: true, status: 'rejected', amountStopped: null, balance: c.balance ?? null, reason: c.reason.trim() };
    default:
      return assertNever(c.outcome);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
