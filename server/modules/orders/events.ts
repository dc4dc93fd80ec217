// The events the orders module consumes and publishes (payload field names: the brief's contract between modules).
// Published with platform/events `publish` in the transaction of the change (the runtime's `publish` port).

import type { Db } from '../../platform/db/index.ts';

/** Published by cases: a case was recorded (and as `case.updated`, with the same shape, after an edit). */
export interface CaseRecorded {
  caseId: string;
  unitId: string;
  reportedAt: string;
  fraudTypes: string[];
  loss: number;
  victim: { name: string; phone?: string; phoneKey?: string; idNumberKey?: string };
  identifiers: { kind: string; key: string; value: string }[];
  payments: { paymentId: string; paidAt: string; amount: number; fromAccount?: string; toAccount: string; toName?: string; toBank?: string; channel?: string }[];
  fromWarningId?: string;
}

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
