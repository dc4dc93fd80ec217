import { Type, type Static } from 'typebox';

// Event contract v1 — what partners (telecoms, banks, logistics, apps, citizens) send.
// (source, id) is the idempotency key. Documented for partners in docs/integration.md.

const str = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

export const EventSubject = Type.Object(
  {
    phone: Type.Optional(str(32)),
    idNumber: Type.Optional(str(18, 15)),
    account: Type.Optional(str(40)),
    name: Type.Optional(str(64)),
  },
  { additionalProperties: false, description: 'the person at risk; at least one of phone, idNumber, account' },
);

const common = {
  id: str(128),
  source: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$', maxLength: 64 }),
  occurredAt: Type.String({ format: 'date-time' }),
  subject: EventSubject,
};
const closed = { additionalProperties: false } as const;

export const CallEvent = Type.Object(
  {
    ...common,
    type: Type.Literal('call'),
    peer: str(40),
    direction: Type.Enum(['in', 'out']),
    durationSec: Type.Integer({ minimum: 0, maximum: 86_400 }),
    result: Type.Enum(['answered', 'missed', 'busy', 'rejected']),
  },
  closed,
);
export const SmsEvent = Type.Object(
  {
    ...common,
    type: Type.Literal('sms'),
    peer: str(40),
    direction: Type.Enum(['in', 'out']),
    text: str(2000, 0),
  },
  closed,
);
export const UrlVisitEvent = Type.Object({ ...common, type: Type.Literal('url_visit'), url: str(2048) }, closed);
export const AppInstallEvent = Type.Object(
  {
    ...common,
    type: Type.Literal('app_install'),
    appName: str(128),
    package: Type.Optional(str(255)),
    sha256: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$' })),
  },
  closed,
);
export const TransactionEvent = Type.Object(
  {
    ...common,
    type: Type.Literal('transaction'),
    account: str(40),
    kind: Type.Enum(['transfer', 'withdrawal', 'deposit', 'loan', 'payment']),
    channel: Type.Enum(['counter', 'online', 'mobile', 'atm', 'pos']),
    direction: Type.Enum(['in', 'out']),
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e12 }),
    peerAccount: Type.Optional(str(40)),
    peerName: Type.Optional(str(128)),
    peerBank: Type.Optional(str(128)),
  },
  closed,
);
export const AlertEvent = Type.Object(
  {
    ...common,
    type: Type.Literal('alert'),
    partnerKind: Type.Enum(['bank', 'gold_shop', 'logistics', 'telecom', 'school', 'community']),
    unit: str(128),
    note: str(2000, 0),
    amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  },
  closed,
);
export const ParcelEvent = Type.Object(
  {
    ...common,
    type: Type.Literal('parcel'),
    sender: Type.Optional(str(128)),
    contents: str(500),
    note: Type.Optional(str(2000, 0)),
  },
  closed,
);
export const ReportEvent = Type.Object(
  {
    ...common,
    type: Type.Literal('report'),
    text: str(5000),
    peers: Type.Optional(Type.Array(str(2048), { maxItems: 50 })),
  },
  closed,
);

export const EVENT_TYPES = [
  'call',
  'sms',
  'url_visit',
  'app_install',
  'transaction',
  'alert',
  'parcel',
  'report',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EventSchemas = {
  call: CallEvent,
  sms: SmsEvent,
  url_visit: UrlVisitEvent,
  app_install: AppInstallEvent,
  transaction: TransactionEvent,
  alert: AlertEvent,
  parcel: ParcelEvent,
  report: ReportEvent,
} as const;

export const Event = Type.Union(Object.values(EventSchemas));

export type CallEvent = Static<typeof CallEvent>;
export type SmsEvent = Static<typeof SmsEvent>;
export type UrlVisitEvent = Static<typeof UrlVisitEvent>;
export type AppInstallEvent = Static<typeof AppInstallEvent>;
export type TransactionEvent = Static<typeof TransactionEvent>;
export type AlertEvent = Static<typeof AlertEvent>;
export type ParcelEvent = Static<typeof ParcelEvent>;
export type ReportEvent = Static<typeof ReportEvent>;
export type ZhiwangEvent =
  CallEvent | SmsEvent | UrlVisitEvent | AppInstallEvent | TransactionEvent | AlertEvent | ParcelEvent | ReportEvent;

/** Limits of one request (HTTP body, file import): more events or bytes → 413 payload_too_large. */
export const MAX_EVENTS_PER_REQUEST = 10_000;
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/**
 * One example per event type: shown in OpenAPI and in docs/integration.md (a test keeps the two equal and checks
 * that every example is accepted).
 */
export const EVENT_EXAMPLES: { [K in EventType]: Extract<ZhiwangEvent, { type: K }> } = {
  call: {
    id: 'c-1',
    source: 'telecom.cmcc',
    type: 'call',
    occurredAt: '2026-06-19T09:30:00+08:00',
    subject: { phone: '13907780001' },
    peer: '0085296110110',
    direction: 'in',
    durationSec: 1500,
    result: 'answered',
  },
  sms: {
    id: 's-1',
    source: 'telecom.cmcc',
    type: 'sms',
    occurredAt: '2026-06-19T09:31:00+08:00',
    subject: { phone: '13907780001' },
    peer: '10690000',
    direction: 'in',
    text: '您涉嫌洗钱，请配合资金清查，将资金转入安全账户',
  },
  url_visit: {
    id: 'u-1',
    source: 'telecom.cmcc',
    type: 'url_visit',
    occurredAt: '2026-06-19T09:35:00+08:00',
    subject: { phone: '13907780001' },
    url: 'https://gjzf-anquan.top/login',
  },
  app_install: {
    id: 'a-1',
    source: 'app.nafc',
    type: 'app_install',
    occurredAt: '2026-06-19T09:40:00+08:00',
    subject: { phone: '13907780001' },
    appName: '腾讯会议',
    package: 'com.tencent.wemeet',
  },
  transaction: {
    id: 't-1',
    source: 'bank.icbc',
    type: 'transaction',
    occurredAt: '2026-06-19T10:10:00+08:00',
    subject: { phone: '13907780001', idNumber: '451202196503120027', account: '6222020200112233445' },
    account: '6222020200112233445',
    kind: 'transfer',
    channel: 'mobile',
    direction: 'out',
    amount: 180000,
    peerAccount: '6217995550001234567',
    peerName: '李某',
    peerBank: '某农商行',
  },
  alert: {
    id: 'al-1',
    source: 'bank.ccb',
    type: 'alert',
    occurredAt: '2026-06-19T10:20:00+08:00',
    subject: { phone: '13907780002', name: '韦某' },
    partnerKind: 'bank',
    unit: '建设银行金城江支行',
    note: '客户坚持转账110万元，称配合公检法调查',
    amount: 1100000,
  },
  parcel: {
    id: 'p-1',
    source: 'logistics.sf',
    type: 'parcel',
    occurredAt: '2026-06-19T11:00:00+08:00',
    subject: { phone: '13907780003' },
    sender: '广东某地',
    contents: '二维码传单 200 张',
    note: '收件人称是刷单兼职资料',
  },
  report: {
    id: 'r-1',
    source: 'police.96110',
    type: 'report',
    occurredAt: '2026-06-19T11:30:00+08:00',
    subject: { phone: '13907780004' },
    text: '接到自称客服电话要求注销校园贷',
    peers: ['+85261234567'],
  },
};

const batchExamples = Object.fromEntries(
  EVENT_TYPES.map((t) => [t, { summary: `one ${t} event`, value: [EVENT_EXAMPLES[t]] }]),
);

/**
 * The request body of POST /api/v1/events, for OpenAPI only: the route checks every event on its own (a bad event
 * is rejected in the response, the others are kept), so this schema documents the contract and is not enforced
 * on the batch as a whole.
 */
export const EventBatchBody = {
  description:
    `A JSON array (application/json) or NDJSON lines (application/x-ndjson; text/plain is read as NDJSON) of events, ` +
    `at most ${MAX_EVENTS_PER_REQUEST.toLocaleString('en')} events and ${MAX_REQUEST_BYTES / 1024 / 1024} MB (else 413). (source, id) is the ` +
    'idempotency key. subject needs at least one of phone, idNumber (valid GB 11643 check character), account (10–30 digits).',
  content: {
    'application/json': {
      schema: { ...Type.Array(Event, { maxItems: MAX_EVENTS_PER_REQUEST }), 'x-examples': batchExamples },
    },
    'application/x-ndjson': {
      schema: {
        type: 'string',
        description: 'one event (a JSON object of the same schema) per line; blank lines are skipped',
        'x-examples': {
          mixed: {
            summary: 'two events',
            value: [EVENT_EXAMPLES.call, EVENT_EXAMPLES.transaction].map((e) => JSON.stringify(e)).join('\n'),
          },
        },
      },
    },
  },
};

/** The request body of POST /api/v1/events/import, for OpenAPI only (multipart; the file is parsed by the route). */
export const EventFileBody = {
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: {
            type: 'string',
            format: 'binary',
            description:
              '.csv (UTF-8, RFC 4180) or .xlsx (first sheet): header row type,id,source,occurredAt,subject.phone,subject.idNumber,' +
              'subject.account,subject.name, then a payload column (JSON) or flat columns named like the contract fields ' +
              `(peers separated by ";"). At most ${MAX_EVENTS_PER_REQUEST.toLocaleString('en')} rows and ${MAX_REQUEST_BYTES / 1024 / 1024} MB.`,
          },
        },
      },
    },
  },
};

/** Per-event outcome in the ingest response, in request order. */
export const IngestOutcome = Type.Object(
  {
    index: Type.Integer({
      description:
        'position in the JSON array / among the non-blank NDJSON lines (from 0); for a file: the row number (header = 1)',
    }),
    id: Type.Optional(Type.String()),
    status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
    reason: Type.Optional(Type.String({ description: 'why the event was rejected' })),
    field: Type.Optional(Type.String({ description: 'the offending field, dot-separated (subject.phone)' })),
  },
  closed,
);
export const IngestResponse = Type.Object(
  {
    accepted: Type.Integer(),
    duplicate: Type.Integer(),
    rejected: Type.Integer(),
    results: Type.Array(IngestOutcome),
  },
  {
    examples: [
      {
        accepted: 2,
        duplicate: 1,
        rejected: 1,
        results: [
          { index: 0, id: 'c-20260619-0001', status: 'accepted' },
          { index: 1, id: 'c-20260619-0002', status: 'accepted' },
          { index: 2, id: 'c-20260619-0001', status: 'duplicate' },
          {
            index: 3,
            id: 'c-20260619-0003',
            status: 'rejected',
            field: 'durationSec',
            reason: 'durationSec: must be >= 0',
          },
        ],
      },
    ],
  },
);
export type IngestResponse = Static<typeof IngestResponse>;
