// Pure: how an order's status counts in the money KPIs (the same rule as the orders module's own totals): a stop
// (or protective stop), freeze or refund counts the amount the bank reported once the bank has answered (executed,
// partial — and it stays counted when the measure later expires, is released or renewed); the order that renews a
// measure counts nothing (its predecessor holds the money already).
import type { OrderUpdated } from '../orders/index.ts';

export const MONEY_KINDS: Record<string, string> = {
  stop_payment: 'stop_payment',
  protective_stop: 'stop_payment',
  freeze: 'freeze',
  refund: 'refund',
};
const ANSWERED = new Set(['executed', 'partial', 'expired', 'released', 'renewed']);

/** The order's money bucket and the amount it holds now (yuan), or null for an order kind that carries no money. */
export function orderMoney(p: OrderUpdated): { kind: string; amount: number } | null {
  const kind = MONEY_KINDS[p.kind];
  if (!kind) return null;
  const counts = ANSWERED.has(p.status) && !p.previousId;
  return { kind, amount: counts ? Math.max(0, p.amountStopped ?? 0) : 0 };
}
