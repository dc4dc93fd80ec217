// The orders module's public surface (警银联动: stop-payment, freeze, evidence, refund, protective stop).
export { orderRoutes } from './routes.ts';
export { ordersOfCase, orderTotals, statementFileBytes } from './money.ts';
export { handleCaseRecorded, type CaseLookup } from './service.ts';
export { OrdersRuntime, ordersRuntime, type OrdersOptions } from './runtime.ts';
export { sweep as sweepOrders } from './sweep.ts';
export { ORDER_KINDS, ORDER_STATUSES, type OrderKind, type OrderStatus } from './lifecycle.ts';
export { DEFAULT_ORDERS_CONFIG, loadOrdersConfig, type OrdersConfig } from './rules.ts';
export type { CaseRecorded, OrderUpdated, StatementReceived } from './events.ts';
export { startDemoBanks, demoBanksTick } from './demo.ts';
export { bankFamily } from './banks.ts';
