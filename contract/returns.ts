import { Type, type Static } from 'typebox';
import { Id, PageQuery } from './common.ts';

// 劝返: people stranded abroad in fraud hubs, the two units that answer for each, contacts, status and the board.

export const RETURN_STATUS_VALUES = ['abroad', 'persuading', 'returned', 'written_off'] as const;
export const RETURN_CONTACT_CHANNELS = ['phone', 'visit', 'wechat', 'other'] as const;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const NewReturnPerson = Type.Object(
  {
    name: Text(64),
    idNumber: Type.Optional(Type.String({ minLength: 15, maxLength: 18 })),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 32 })),
    location: Text(128),
    householdUnitId: Id,
    residenceUnitId: Type.Optional(Id),
    dueAt: Type.Optional(Type.String({ format: 'date-time' })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    upstreamRef: Type.Optional(Text(64)),
  },
  { additionalProperties: false },
);
export type NewReturnPerson = Static<typeof NewReturnPerson>;

export const UpstreamPush = Type.Object(
  { items: Type.Array(NewReturnPerson, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

export const ReturnPerson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumber: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  masked: Type.Boolean(),
  location: Type.String(),
  householdUnitId: Type.String(),
  householdUnitName: Type.String(),
  residenceUnitId: Nullable(Type.String()),
  residenceUnitName: Nullable(Type.String()),
  status: Type.Enum(RETURN_STATUS_VALUES),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  source: Type.String(),
  upstreamRef: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  version: Type.Integer(),
});
export type ReturnPerson = Static<typeof ReturnPerson>;

export const ReturnContact = Type.Object({
  id: Type.String(),
  at: Type.String(),
  by: Type.String(),
  contact: Type.String(),
  channel: Type.String(),
  summary: Type.String(),
});
export const ReturnHistory = Type.Object({
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  reason: Nullable(Type.String()),
  by: Type.String(),
  at: Type.String(),
});
export const ReturnPersonDetail = Type.Intersect([
  ReturnPerson,
  Type.Object({ contacts: Type.Array(ReturnContact), history: Type.Array(ReturnHistory) }),
]);

export const ReturnQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(RETURN_STATUS_VALUES)),
    open: Type.Optional(Type.Boolean()),
    unitId: Type.Optional(Id),
    q: Type.Optional(Type.String({ maxLength: 64 })),
    unmask: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ReturnQuery = Static<typeof ReturnQuery>;

export const UnmaskOnly = Type.Object({ unmask: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export const ReturnTransition = Type.Object(
  {
    status: Type.Enum(RETURN_STATUS_VALUES),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    dueAt: Type.Optional(Type.String({ format: 'date-time' })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ReturnTransition = Static<typeof ReturnTransition>;

export const NewReturnContact = Type.Object(
  {
    contact: Text(32),
    channel: Type.Enum(RETURN_CONTACT_CHANNELS),
    summary: Text(1000),
  },
  { additionalProperties: false },
);
export type NewReturnContact = Static<typeof NewReturnContact>;

export const ReturnCounts = Type.Object({
  total: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Integer(),
  returned: Type.Integer(),
  writtenOff: Type.Integer(),
  /** returned / (total − written off); null when nobody is listed */
  rate: Nullable(Type.Number()),
});
export type ReturnCounts = Static<typeof ReturnCounts>;

export const ReturnBoard = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  counts: ReturnCounts,
  /** the open items, oldest due date first: each stays here until it is closed (逐一销账) */
  items: Type.Array(ReturnPerson),
});
export const BoardQuery = Type.Object(
  { unitId: Type.Optional(Id), unmask: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const ImportResult = Type.Object({
  imported: Type.Integer(),
  updated: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), reason: Type.String() })),
});
