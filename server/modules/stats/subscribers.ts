// Event-fed roll-ups: figures of modules whose records stats cannot rebuild a day range of yet. The platform event
// bus runs a durable subscriber exactly once per event, in the transaction that advances its cursor, so an
// increment is counted once even across nodes and restarts.
import { subscribe, type Handlers } from '../../platform/events/index.ts';
import type { CaseRecorded } from '../cases/index.ts';
import { registerEventMetrics } from './rollup.ts';
import { addFacts, orderMoneyFor, putOrderMoney, type FactRow } from './repository.ts';
import type { OrderUpdated } from '../orders/index.ts';
import { orderMoney } from './money.ts';
import { shanghaiDay } from './rollup.ts';

export const CASE_METRICS = ['cases_recorded', 'case_loss'] as const;

/** A recorded case as roll-up increments: one case and its loss, by fraud type and by payment channel. */
export function factsFromCase(p: CaseRecorded): FactRow[] {
  const day = shanghaiDay(Date.parse(p.reportedAt));
  const f = (metric: string, dim: string, key: string, value: number): FactRow => ({
    unitId: p.unitId,
    day,
    metric,
    dim,
    key,
    value,
  });
  const types = p.fraudTypes.length ? [...new Set(p.fraudTypes)] : ['unknown'];
  const channels = [...new Set(p.payments.map((x) => x.channel ?? 'unknown'))];
  return [
    f('cases_recorded', 'all', '', 1),
    f('case_loss', 'all', '', p.loss),
    ...types.flatMap((t) => [f('cases_recorded', 'fraud_type', t, 1), f('case_loss', 'fraud_type', t, p.loss)]),
    ...(channels.length ? channels : ['unknown']).map((c) => f('cases_recorded', 'channel', c, 1)),
  ].filter((x) => x.value > 0);
}

export const ORDER_METRICS = ['order_amount'] as const;

/**
 * 止付/冻结/返还 amounts follow the orders: each `order.updated` adds the difference between what the order holds
 * now and what it added before, on the Shanghai day of the bank's first answer and the order's unit.
 */
export async function applyOrderUpdated(db: Parameters<typeof addFacts>[0], p: OrderUpdated): Promise<void> {
  const m = orderMoney(p);
  if (!m) return;
  const before = await orderMoneyFor(db, p.orderId);
  const delta = m.amount - (before?.amount ?? 0);
  if (delta === 0) return;
  const row = before
    ? { ...before, amount: m.amount }
    : { orderId: p.orderId, unitId: p.unitId, day: shanghaiDay(Date.parse(p.at)), kind: m.kind, amount: m.amount };
  await putOrderMoney(db, row);
  await addFacts(db, [
    { unitId: row.unitId, day: row.day, metric: 'order_amount', dim: 'kind', key: row.kind, value: delta },
  ]);
}

const handlers: Handlers = {
  'case.recorded': async (p, ctx) => {
    await addFacts(ctx.db, factsFromCase(p));
  },
  'order.updated': async (p, ctx) => {
    await applyOrderUpdated(ctx.db, p);
  },
};

let registered = false;
/** Called once when the stats routes are registered (the dispatcher then runs it). */
export function subscribeStats(): void {
  if (registered) return;
  registered = true;
  registerEventMetrics([...CASE_METRICS, ...ORDER_METRICS]);
  subscribe('stats.rollups', handlers);
}
