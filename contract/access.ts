import { Type, type Static } from 'typebox';
import { ImportRow, PageQuery } from './common.ts';

// Organisation, users, tokens, audit: the request/response shapes shared by the server and the web client.

export const ROLE_VALUES = [
  'admin',
  'leader',
  'center_analyst',
  'station_officer',
  'grid_worker',
  'bank_liaison',
  'telecom_liaison',
] as const;
export const Role = Type.Enum(ROLE_VALUES);
export type Role = Static<typeof Role>;

export const UNIT_KIND_VALUES = [
  'root',
  'province',
  'city',
  'district',
  'station',
  'grid',
  'bank',
  'bank_branch',
  'telecom',
  'logistics',
  'school',
] as const;
export const UnitKind = Type.Enum(UNIT_KIND_VALUES);

export const TOKEN_SCOPE_VALUES = [
  'events:write',
  'indicators:read',
  'indicators:write',
  'orders:read',
  'orders:write',
  'warnings:read',
  'warnings:write',
] as const;

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Username = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$' });

export const LoginRequest = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const PasswordChangeRequest = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  unitId: Type.String(),
  unitName: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  locked: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String(),
});
export type User = Static<typeof User>;
export const SessionUser = User;

export const NewUser = Type.Object(
  {
    username: Username,
    displayName: Name,
    role: Role,
    unitId: Type.String({ minLength: 1 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    phone: Type.Optional(Type.String({ minLength: 5, maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type NewUser = Static<typeof NewUser>;

export const UserPatch = Type.Object(
  {
    displayName: Type.Optional(Name),
    role: Type.Optional(Role),
    unitId: Type.Optional(Type.String({ minLength: 1 })),
    phone: Type.Optional(Type.Union([Type.String({ minLength: 5, maxLength: 20 }), Type.Null()])),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatch = Static<typeof UserPatch>;

export const UserQuery = Type.Object(
  { unitId: Type.Optional(Type.String()), role: Type.Optional(Role), q: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);

export const Unit = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  path: Type.String(),
});
export type Unit = Static<typeof Unit>;

export const NewUnit = Type.Object(
  {
    parentId: Type.String({ minLength: 1 }),
    kind: UnitKind,
    code: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z-]{2,32}$' })),
    name: Type.Optional(Name),
  },
  { additionalProperties: false },
);
export type NewUnit = Static<typeof NewUnit>;
export const UnitPatch = Type.Object({ name: Name }, { additionalProperties: false });
export const UnitQuery = Type.Object(
  {
    parentId: Type.Optional(Type.String()),
    kind: Type.Optional(UnitKind),
    q: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  unitId: Type.Union([Type.String(), Type.Null()]),
  unitName: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String()),
  prefix: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ApiToken = Static<typeof ApiToken>;
export const NewToken = Type.Object(
  {
    name: Name,
    unitId: Type.Optional(Type.String({ minLength: 1 })),
    scopes: Type.Array(Type.Enum(TOKEN_SCOPE_VALUES), { minItems: 1, maxItems: TOKEN_SCOPE_VALUES.length }),
  },
  { additionalProperties: false },
);
export type NewToken = Static<typeof NewToken>;
export const CreatedToken = Type.Object({ id: Type.String(), token: Type.String() });
export type CreatedToken = Static<typeof CreatedToken>;

export const AuditQuery = Type.Object(
  {
    actorId: Type.Optional(Type.String()),
    /** whose rows: people signed in (user), partner API tokens (token), or the platform itself (system: ingest,
     * timers); people's reads and changes stay findable among thousands of ingest rows */
    actorKind: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('token'), Type.Literal('system')])),
    action: Type.Optional(Type.String({ maxLength: 32 })),
    entityType: Type.Optional(Type.String({ maxLength: 32 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    q: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const AuditRecord = Type.Object({
  id: Type.Number(),
  at: Type.String(),
  actorKind: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  actorUnitId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export type AuditRecord = Static<typeof AuditRecord>;

export const Resident = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumber: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  unitId: Type.String(),
  unitName: Type.String(),
  birthYear: Type.Union([Type.Integer(), Type.Null()]),
  occupation: Type.Union([Type.String(), Type.Null()]),
  masked: Type.Boolean(),
});
export type Resident = Static<typeof Resident>;
export const NewResident = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    idNumber: Type.Optional(Type.String({ minLength: 15, maxLength: 18 })),
    phone: Type.Optional(Type.String({ minLength: 5, maxLength: 20 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    unitId: Type.String({ minLength: 1 }),
    birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
    occupation: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type NewResident = Static<typeof NewResident>;
export const ResidentQuery = Type.Object(
  {
    unitId: Type.Optional(Type.String()),
    q: Type.Optional(Type.String({ maxLength: 64 })),
    unmask: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
/** A residents file imported (all or nothing): the rows read, and the first bad rows with the reason. */
export const ResidentImportReport = Type.Object({
  imported: Type.Integer(),
  /** data rows in the file */
  total: Type.Integer(),
  /** bad rows (nothing is imported when there is one) */
  failed: Type.Integer(),
  /** the first bad rows, in file order */
  rows: Type.Array(ImportRow),
  /** more bad rows than `rows` names */
  truncated: Type.Boolean(),
});
export type ResidentImportReport = Static<typeof ResidentImportReport>;
export const UnmaskQuery = Type.Object({ unmask: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

// Event sources bound to partners by an administrator (ingest/sources.ts): GET/PUT/DELETE /api/v1/event-sources….
export const EventSourceName = Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', maxLength: 64 });
export const EventSourceParams = Type.Object({ source: EventSourceName }, { additionalProperties: false });
export const EventSourceBinding = Type.Object({
  source: Type.String(),
  /** 'platform': the platform's own tokens (no unit, or the root's); 'unit': the partner unit `unitId` */
  owner: Type.Union([Type.Literal('platform'), Type.Literal('unit')]),
  unitId: Type.Union([Type.String(), Type.Null()]),
  unitName: Type.Union([Type.String(), Type.Null()]),
  unitKind: Type.Union([Type.String(), Type.Null()]),
  /** 'admin': bound by an administrator; 'first_use': claimed by the first token that posted it */
  boundBy: Type.Union([Type.Literal('admin'), Type.Literal('first_use')]),
  since: Type.String(),
});
export type EventSourceBinding = Static<typeof EventSourceBinding>;
export const EventSourceList = Type.Object({
  items: Type.Array(EventSourceBinding),
  total: Type.Integer(),
  /** whether a partner's first use of an unbound source claims it (ZHIWANG_EVENT_SOURCE_CLAIMS) */
  firstUseClaims: Type.Boolean(),
});
export const BindEventSource = Type.Object(
  { unitId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
