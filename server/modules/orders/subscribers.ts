import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/index.ts';
import { on, subscribe, type Handlers } from '../../platform/events/index.ts';
import type { OrderOverdue } from './events.ts';
import type { CaseRecorded } from '../cases/index.ts';
import { ordersRuntime } from './runtime.ts';
import { handleCaseRecorded } from './service.ts';

// 接警即止付: the orders module's durable subscriber. A recorded case (or an edit that adds payments) yields a
// stop-payment order per first-level payment, in the subscriber's transaction: exactly once per event, and
// once per payment (handleCaseRecorded skips payments that already have their order).

const onCase = async (p: CaseRecorded, ctx: { db: Parameters<typeof handleCaseRecorded>[1] }) => {
  const rt = ordersRuntime();
  if (!rt) throw new Error('orders runtime not started'); // retried by the dispatcher once the routes are up
  await handleCaseRecorded(rt, ctx.db, p, SYSTEM_ACTOR);
};

const handlers: Handlers = { 'case.recorded': onCase, 'case.updated': onCase };

/** Registers the subscriber (idempotent: the same handlers object every time). */
export const subscribeOrders = () => subscribe('orders.stop-on-report', handlers);

/**
 * Escalation notice: an order a bank did not answer in time (`order.overdue`, published by the sweep) reaches the
 * officer who owns the case — or, for a case the system made, every officer of the case's unit — through the
 * console's officer notifications (the same live stream as the warnings'). On every node (`on`): each node tells
 * the officers connected to it.
 */
export function overdueNotice(p: OrderOverdue) {
  return {
    kind: 'order_overdue' as const,
    warningId: '',
    orderId: p.orderId,
    ...(p.caseId ? { caseId: p.caseId } : {}),
    unitPath: p.unitPath,
    ...(p.officerId ? { userId: p.officerId } : {}),
    urgent: p.final,
    reason: `银行逾期未反馈（${p.bank || '银行'}，第${p.level}次催办）`,
    at: p.at,
  };
}
/** Listens for this app's database; `publish` reaches the officers connected to this node (app.dissuasion's hub). */
export function listenOverdue(db: Db, publish: (n: ReturnType<typeof overdueNotice>) => void): () => void {
  return on('order.overdue', (p, ctx) => {
    if (p && ctx.db === db) publish(overdueNotice(p));
  });
}
