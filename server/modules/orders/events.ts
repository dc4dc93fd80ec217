// The events the orders module consumes and publishes (payload field names: the brief's contract between modules).
// Published with platform/events `publish` in the transaction of the change (the runtime's `publish` port).

import type { Db } from '../../platform/db/index.ts';

/** Published by cases (its events.ts declares it): a case was recorded, or edited (`case.updated`). */
export type { CaseRecorded } from '../cases/index.ts';

/** Every status change of an order. */
export interface OrderUpdated {
  orderId: string;
  caseId?: string;
  kind: string;
  status: string;
  account: string;
  bank: string;
  amount?: number;
  amountStopped?: number;
  unitId: string;
  at: string;
  /** set on the order that renews a measure (its predecessor's id) */
  previousId?: string;
}

/** An evidence order's answer file (a statement): the graph module parses it. */
export interface StatementReceived {
  orderId?: string;
  caseId: string;
  fileId: string;
  sha256: string;
  fileName: string;
  bank?: string;
  account?: string;
}

export interface OrderEvents {
  'order.updated': OrderUpdated;
  'statement.received': StatementReceived;
}

/** How the module publishes: inside the transaction that made the change. */
export type Publish = <K extends keyof OrderEvents>(tx: Db, name: K, payload: OrderEvents[K]) => Promise<void>;

declare module '../../platform/events/index.ts' {
  interface EventMap {
    'order.updated': OrderUpdated;
    'statement.received': StatementReceived;
  }
}
