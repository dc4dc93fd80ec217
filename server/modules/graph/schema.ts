import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// The graph module's own copy of what it links: identifiers seen in cases and warnings (from their events),
// case payments (flow sources), bank statements and their transactions, link decisions and 串并案 groups.
// The in-memory graph is rebuilt from these tables at start.

export const graphObservations = pgTable(
  'graph_observations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordKind: text('record_kind').notNull(), // case | warning
    recordId: text('record_id').notNull(),
    unitId: text('unit_id').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
    seenAs: text('seen_as').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('graph_observations_key_idx').on(t.kind, t.key),
    index('graph_observations_record_idx').on(t.recordKind, t.recordId),
  ],
);

export const graphCasePayments = pgTable(
  'graph_case_payments',
  {
    caseId: text('case_id').notNull(),
    paymentId: text('payment_id').notNull(),
    unitId: text('unit_id').notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    fromAccount: text('from_account'),
    toAccount: text('to_account').notNull(),
    toName: text('to_name'),
    toBank: text('to_bank'),
    channel: text('channel'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.paymentId] }), index('graph_case_payments_to_idx').on(t.toAccount)],
);

export const graphStatements = pgTable(
  'graph_statements',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    orderId: text('order_id'),
    fileId: text('file_id'),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    bank: text('bank'),
    account: text('account'),
    encoding: text('encoding'),
    rows: integer('rows').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('graph_statements_case_sha_uq').on(t.caseId, t.sha256)],
);

// One transfer appears in both banks' statements (out at one, in at the other): stored once.
export const graphTransactions = pgTable(
  'graph_transactions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    statementId: text('statement_id').notNull(),
    fromAccount: text('from_account').notNull(),
    toAccount: text('to_account').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    channel: text('channel').notNull(),
    counterpartyName: text('counterparty_name'),
    balanceCents: bigint('balance_cents', { mode: 'number' }),
  },
  (t) => [uniqueIndex('graph_transactions_uq').on(t.fromAccount, t.toAccount, t.at, t.amountCents)],
);

export const graphBankMappings = pgTable('graph_bank_mappings', {
  bank: text('bank').primaryKey(),
  mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const graphLinkDecisions = pgTable(
  'graph_link_decisions',
  {
    caseId: text('case_id').notNull(),
    otherKind: text('other_kind').notNull(), // case | warning
    otherId: text('other_id').notNull(),
    decision: text('decision').notNull(), // confirmed | rejected
    reason: text('reason'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.otherKind, t.otherId] })],
);

// 串并案 groups: a case belongs to at most one group; the lead case leads the investigation.
export const graphGroups = pgTable('graph_groups', {
  id: text('id').primaryKey(),
  leadCaseId: text('lead_case_id').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
export const graphGroupMembers = pgTable(
  'graph_group_members',
  {
    caseId: text('case_id').primaryKey(),
    groupId: text('group_id').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('graph_group_members_group_idx').on(t.groupId)],
);

// How warnings ended (warning.closed), for the person's history: "warned before, 劝阻成功 36 s ago".
export const graphWarningClosures = pgTable('graph_warning_closures', {
  warningId: text('warning_id').primaryKey(),
  disposition: text('disposition').notNull(),
  victimised: boolean('victimised').notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
});

// Mule accounts an analyst sent on (to the indicator block list, to the 两卡 registry): one row per account and
// target, so a second send answers "already there" instead of writing again.
export const graphMuleHandoffs = pgTable(
  'graph_mule_handoffs',
  {
    account: text('account').notNull(),
    target: text('target').notNull(), // block_list | cards
    refId: text('ref_id'),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    sentBy: text('sent_by').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.target] })],
);
