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

/** A bank did not answer an order within its time limit (the sweep escalated it): the case's officer is told. */
export interface OrderOverdue {
  orderId: string;
  caseId?: string;
  kind: string;
  /** the unit owning the order (the case's) and its path: its officers see the notice when no owner is known */
  unitId: string;
  unitPath: string;
  /** the officer who recorded the case (null: an automatic case; the unit is told) */
  officerId: string | null;
  bank: string;
  /** escalation level (1, 2, …) and whether it was the last one */
  level: number;
  final: boolean;
  at: string;
}

export interface OrderEvents {
  'order.updated': OrderUpdated;
  'statement.received': StatementReceived;
  'order.overdue': OrderOverdue;
}

/** How the module publishes: inside the transaction that made the change. */
export type Publish = <K extends keyof OrderEvents>(tx: Db, name: K, payload: OrderEvents[K]) => Promise<void>;

declare module '../../platform/events/index.ts' {
  interface EventMap {
    'order.updated': OrderUpdated;
    'statement.received': StatementReceived;
    'order.overdue': OrderOverdue;
  }
}
