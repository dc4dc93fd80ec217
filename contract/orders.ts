import { Type, type Static } from 'typebox';
import { IsoDateTime, PageQuery } from './common.ts';

// Orders to banks (警银联动). Amounts are yuan (two decimals) on the wire; the server keeps fen.

export const ORDER_KIND_VALUES = ['stop_payment', 'freeze', 'evidence', 'refund', 'protective_stop'] as const;
export const ORDER_STATUS_VALUES = [
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
export const OrderKind = Type.Enum(ORDER_KIND_VALUES);
export const OrderStatus = Type.Enum(ORDER_STATUS_VALUES);
export type OrderKindT = Static<typeof OrderKind>;
export type OrderStatusT = Static<typeof OrderStatus>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Amount = Type.Number({ minimum: 0, maximum: 1e12, multipleOf: 0.01 });
const Account = Type.String({ minLength: 6, maxLength: 40 });

export const NewOrder = Type.Object(
  {
    /** the case the order belongs to; optional only for a protective stop asked for from a warning */
    caseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    warningId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    kind: OrderKind,
    account: Account,
    accountName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** bank unit id, bank name (中国工商银行, 工行) — from the card BIN when absent */
    bank: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    amount: Type.Optional(Amount),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type NewOrder = Static<typeof NewOrder>;

export const OrderResult = Type.Object(
  {
    outcome: Type.Enum(['executed', 'partial', 'rejected'] as const),
    /** how much was stopped / frozen / returned */
    amount: Type.Optional(Amount),
    /** the account's balance when executed */
    balance: Type.Optional(Amount),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type OrderResult = Static<typeof OrderResult>;

export const OrderAction = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const OrderQuery = Type.Object(
  {
    caseId: Type.Optional(Type.String({ maxLength: 64 })),
    kind: Type.Optional(OrderKind),
    status: Type.Optional(OrderStatus),
    /** a bank's to-do list: only orders waiting for its answer */
    inbox: Type.Optional(Type.Boolean()),
    unmask: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type OrderQuery = Static<typeof OrderQuery>;

const Countdown = Type.Object({ endsAt: IsoDateTime, remainingMs: Type.Integer() });

export const OrderView = Type.Object({
  id: Type.String(),
  kind: OrderKind,
  status: OrderStatus,
  caseId: Nullable(Type.String()),
  warningId: Nullable(Type.String()),
  account: Type.String(),
  accountName: Nullable(Type.String()),
  masked: Type.Boolean(),
  /** the bank addressed (unit name), or the name given when no bank unit matched */
  bank: Nullable(Type.String()),
  bankUnitId: Nullable(Type.String()),
  unitId: Type.String(),
  unitName: Type.String(),
  amount: Nullable(Type.Number()),
  amountStopped: Nullable(Type.Number()),
  balance: Nullable(Type.Number()),
  returned: Nullable(Type.Number()),
  reason: Nullable(Type.String()),
  automatic: Type.Boolean(),
  previousId: Nullable(Type.String()),
  createdAt: IsoDateTime,
  sentAt: Nullable(IsoDateTime),
  receivedAt: Nullable(IsoDateTime),
  answeredAt: Nullable(IsoDateTime),
  /** the bank must answer by then */
  dueAt: Nullable(IsoDateTime),
  escalations: Type.Integer(),
  /** the measure ends then (48 h stop, 6 month freeze) */
  expiresAt: Nullable(IsoDateTime),
  golden: Type.Object({ fromPayment: Nullable(Countdown), fromReport: Nullable(Countdown) }),
  /** what the caller may do with it now */
  actions: Type.Array(Type.Enum(['send', 'receive', 'answer', 'release', 'renew', 'cancel', 'upload'] as const)),
});
export type OrderView = Static<typeof OrderView>;

export const OrderList = Type.Object({ items: Type.Array(OrderView), total: Type.Integer(), now: IsoDateTime });
export type OrderList = Static<typeof OrderList>;

export const OrderStep = Type.Object({
  at: IsoDateTime,
  step: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  actor: Type.String(),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export const OrderFileView = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  encoding: Nullable(Type.String()),
  uploadedAt: IsoDateTime,
});
export const OrderDetail = Type.Object({
  ...OrderView.properties,
  steps: Type.Array(OrderStep),
  files: Type.Array(OrderFileView),
});
export type OrderDetail = Static<typeof OrderDetail>;

export const TotalsQuery = Type.Object(
  {
    caseId: Type.Optional(Type.String({ maxLength: 64 })),
    unitId: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
  },
  { additionalProperties: false },
);
export const Totals = Type.Object({
  stopped: Type.Number(),
  frozen: Type.Number(),
  recovered: Type.Number(),
  returned: Type.Number(),
  orders: Type.Integer(),
  open: Type.Integer(),
});
export type Totals = Static<typeof Totals>;

export const BankWebhook = Type.Object(
  { webhookUrl: Nullable(Type.String({ maxLength: 500, pattern: '^https?://' })) },
  { additionalProperties: false },
);

export const BankWebhookView = Type.Object({ bankUnitId: Type.String(), webhookUrl: Nullable(Type.String()) });
export type BankWebhookView = Static<typeof BankWebhookView>;
/** A statement file stored (201): checked (encoding, data rows) and fingerprinted. */
export const StatementUploaded = Type.Object({
  id: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  encoding: Type.String(),
  rows: Type.Integer(),
});
export type StatementUploaded = Static<typeof StatementUploaded>;

// --- refunds (返还): per case, what the stops/freezes hold on the accounts its victim paid into, shared per victim ---

export const RefundQuery = Type.Object(
  { caseId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const RefundShare = Type.Object({
  /** the victim's case (one victim per case) */
  caseId: Type.String(),
  /** the case asked about */
  thisCase: Type.Boolean(),
  /** what this victim paid into the account (the traced claim) */
  paid: Type.Number(),
  /** the victim's share of what is held, what refund orders already claim of it, and what is left to propose */
  share: Type.Number(),
  refunding: Type.Number(),
  amount: Type.Number(),
  /** traced: the money is this victim's; pro_rata: mixed money shared to the claims, after the notice */
  basis: Type.Enum(['traced', 'pro_rata'] as const),
  /** not returned before then (the 30-day notice, 公告期, of a pro-rata share) */
  notBefore: Nullable(IsoDateTime),
});

export const RefundAccount = Type.Object({
  account: Type.String(),
  bank: Nullable(Type.String()),
  bankUnitId: Nullable(Type.String()),
  /** held now by the stops / freezes in force */
  held: Type.Number(),
  /** already claimed by refund orders */
  refunding: Type.Number(),
  available: Type.Number(),
  shares: Type.Array(RefundShare),
});

export const RefundRecord = Type.Object({
  orderId: Type.String(),
  account: Type.String(),
  amount: Type.Number(),
  basis: Type.String(),
  status: OrderStatus,
  notBefore: Nullable(IsoDateTime),
  returned: Nullable(Type.Number()),
  returnedAt: Nullable(IsoDateTime),
});

export const RefundPlan = Type.Object({
  caseId: Type.String(),
  noticeDays: Type.Integer(),
  accounts: Type.Array(RefundAccount),
  /** refund orders already made for this case's victim */
  refunds: Type.Array(RefundRecord),
  now: IsoDateTime,
});
export type RefundPlan = Static<typeof RefundPlan>;

export const ProposeRefunds = Type.Object(
  { caseId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export const ProposedRefunds = Type.Object({ items: Type.Array(OrderView) });

export const ReturnedBody = Type.Object(
  {
    /** what reached the victim (default: what the bank executed) */
    amount: Type.Optional(Amount),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ReturnedBody = Static<typeof ReturnedBody>;
