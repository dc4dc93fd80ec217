import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { subscribe, type Handlers } from '../../platform/events/index.ts';
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
