// Shapes of the graph module's API (串并案, money flow, mules, neighbourhoods), shared with the web app.
import { Type, type Static } from 'typebox';

export const ENTITY_KIND_VALUES = [
  'phone',
  'account',
  'url',
  'domain',
  'app',
  'wechat',
  'qq',
  'alipay',
  'imei',
  'wallet',
  'id_number',
  'ip',
  'other',
] as const;
export const EntityKindT = Type.Enum(ENTITY_KIND_VALUES);

export const CaseIdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const SharedValue = Type.Object({
  kind: Type.String(),
  value: Type.String({ description: 'masked unless the role may unmask and X-Purpose is given' }),
  seenAs: Type.String({ description: 'the role the value had in the other record: suspect_phone, paid_to_account, …' }),
});
export const RelatedItem = Type.Object({
  caseId: Type.Optional(Type.String()),
  warningId: Type.Optional(Type.String()),
  shared: Type.Array(SharedValue),
  hops: Type.Integer({ minimum: 1, maximum: 2 }),
  confirmed: Type.Boolean({ description: 'an analyst confirmed the link (串并); false = automatically related' }),
  rejected: Type.Optional(Type.Boolean()),
  via: Type.Optional(
    Type.Object({
      caseId: Type.Optional(Type.String()),
      warningId: Type.Optional(Type.String()),
      shared: Type.Array(SharedValue),
    }),
  ),
});
export const SuppressedValue = Type.Object({
  kind: Type.String(),
  value: Type.String(),
  reason: Type.Union([Type.Literal('allow_list'), Type.Literal('hub')]),
  records: Type.Optional(Type.Integer()),
  cap: Type.Optional(Type.Integer()),
});
export const RelatedResponse = Type.Object({
  items: Type.Array(RelatedItem),
  suppressed: Type.Optional(Type.Array(SuppressedValue)),
  group: Type.Optional(
    Type.Union([
      Type.Null(),
      Type.Object({ id: Type.String(), leadCaseId: Type.String(), caseIds: Type.Array(Type.String()) }),
    ]),
  ),
});
export type RelatedResponse = Static<typeof RelatedResponse>;

export const FlowQuery = Type.Object(
  {
    depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 8, default: 3 })),
    rule: Type.Optional(Type.Union([Type.Literal('lifo'), Type.Literal('proportional')], { default: 'lifo' })),
  },
  { additionalProperties: false },
);
export const FlowNode = Type.Object({
  account: Type.String(),
  level: Type.Integer(),
  inflow: Type.Number(),
  outflow: Type.Number(),
  balance: Type.Optional(Type.Number()),
  cashOut: Type.Optional(Type.Boolean()),
  hub: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.String()),
});
export const FlowEdge = Type.Object({
  from: Type.String(),
  to: Type.String(),
  amount: Type.Number(),
  count: Type.Integer(),
  firstAt: Type.String(),
  lastAt: Type.String(),
  channel: Type.Optional(Type.String()),
});
export const FlowResponse = Type.Object({
  nodes: Type.Array(FlowNode),
  edges: Type.Array(FlowEdge),
  rule: Type.Optional(Type.String()),
  notes: Type.Optional(Type.Array(Type.String())),
  traced: Type.Optional(Type.Number()),
  cashedOut: Type.Optional(Type.Number()),
  /** accounts still holding traced money: candidates for stop-payment / freeze orders */
  nextAccounts: Type.Optional(
    Type.Array(Type.Object({ account: Type.String(), amount: Type.Number(), level: Type.Integer() })),
  ),
});
export type FlowResponse = Static<typeof FlowResponse>;

export const MuleQuery = Type.Object(
  { minScore: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, default: 50 })) },
  { additionalProperties: false },
);
export const MULE_TARGETS = ['block_list', 'cards'] as const;
export const MuleItem = Type.Object({
  account: Type.String(),
  /** an opaque handle of the account (the list may be masked): what the hand-off takes */
  ref: Type.String(),
  score: Type.Integer(),
  reasons: Type.Array(Type.String()),
  cases: Type.Array(Type.String()),
  /** where an analyst already sent it: block_list, cards */
  sent: Type.Array(Type.Enum(MULE_TARGETS)),
});
export const MuleResponse = Type.Object({ items: Type.Array(MuleItem) });

export const MuleHandoffBody = Type.Object(
  {
    /** the mule's ref from GET /api/v1/mules, or the account number itself */
    account: Type.String({ minLength: 1, maxLength: 64 }),
    targets: Type.Array(Type.Enum(MULE_TARGETS), { minItems: 1, maxItems: 2, uniqueItems: true }),
    /** the analyst's note, added to the mule's reasons as evidence */
    note: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type MuleHandoffBody = Static<typeof MuleHandoffBody>;
export const MuleHandoffResponse = Type.Object({
  account: Type.String(),
  score: Type.Integer(),
  results: Type.Array(
    Type.Object({
      target: Type.Enum(MULE_TARGETS),
      status: Type.Union([Type.Literal('sent'), Type.Literal('already')]),
      /** the indicator or 两卡 entry id */
      id: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type MuleHandoffResponse = Static<typeof MuleHandoffResponse>;

export const NeighbourhoodQuery = Type.Object(
  {
    kind: Type.Union([Type.Literal('case'), Type.Literal('warning'), EntityKindT]),
    value: Type.String({ minLength: 1, maxLength: 200 }),
    hops: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, default: 1 })),
  },
  { additionalProperties: false },
);
export const GraphNodeT = Type.Object({
  id: Type.String(),
  type: Type.String(),
  label: Type.String(),
  suppressed: Type.Optional(Type.String()),
  at: Type.Optional(Type.String()),
});
export const GraphEdgeT = Type.Object({
  source: Type.String(),
  target: Type.String(),
  seenAs: Type.String(),
  at: Type.Optional(Type.String()),
});
export const NeighbourhoodResponse = Type.Object({
  nodes: Type.Array(GraphNodeT),
  edges: Type.Array(GraphEdgeT),
  truncated: Type.Boolean(),
});
export type NeighbourhoodResponse = Static<typeof NeighbourhoodResponse>;

export const LinkDecisionBody = Type.Object(
  {
    caseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    warningId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    decision: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')]),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const LinkDecisionResponse = Type.Object({
  decision: Type.String(),
  group: Type.Union([
    Type.Null(),
    Type.Object({ id: Type.String(), leadCaseId: Type.String(), caseIds: Type.Array(Type.String()) }),
  ]),
});

export const GangQuery = Type.Object(
  { minSize: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000, default: 2 })) },
  { additionalProperties: false },
);
export const GangItem = Type.Object({
  id: Type.String(),
  caseIds: Type.Array(Type.String()),
  warningIds: Type.Array(Type.String()),
  shared: Type.Array(Type.Object({ kind: Type.String(), value: Type.String(), records: Type.Integer() })),
  firstAt: Type.String(),
  lastAt: Type.String(),
  communities: Type.Optional(Type.Array(Type.Array(Type.String()))),
  /** the sum of the visible cases' payments (yuan) */
  totalLoss: Type.Number(),
  /** the visible records in time order: a case at its first payment, a warning when it was seen */
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      caseId: Type.Optional(Type.String()),
      warningId: Type.Optional(Type.String()),
      loss: Type.Optional(Type.Number()),
    }),
  ),
});
export const GangResponse = Type.Object({ items: Type.Array(GangItem) });
export type GangResponse = Static<typeof GangResponse>;

export const StatementImportResponse = Type.Object({
  statementId: Type.String(),
  rows: Type.Integer(),
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  encoding: Type.Optional(Type.String()),
  mapping: Type.Record(Type.String(), Type.String()),
});

export const HistoryResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      caseId: Type.Optional(Type.String()),
      warningId: Type.Optional(Type.String()),
      at: Type.String(),
      matched: Type.Array(Type.Object({ kind: Type.String(), value: Type.String(), seenAs: Type.String() })),
      disposition: Type.Optional(Type.String()),
      closedAt: Type.Optional(Type.String()),
      victimised: Type.Optional(Type.Boolean()),
    }),
  ),
});
