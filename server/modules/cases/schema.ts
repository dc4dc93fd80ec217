import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * A fraud case (案件) from intake (接警) on. Owned by a unit (scoping); the victim is copied as reported (and linked
 * to the resident registry when known). `dedupeKey` makes "the same report twice" one case: source + reference
 * when the report has a reference, else the victim's phone key + the report time.
 */
export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    caseNo: text('case_no').notNull(),
    /** → units.id (the foreign key is in the migration: this file imports no other module, schema.ts sits below them all) */
    unitId: text('unit_id').notNull(),
    source: text('source').notNull(),
    reference: text('reference'),
    dedupeKey: text('dedupe_key').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    victimName: text('victim_name').notNull(),
    victimPhone: text('victim_phone'),
    victimPhoneKey: text('victim_phone_key'),
    victimIdNumber: text('victim_id_number'),
    victimResidentId: text('victim_resident_id'),
    contactMethod: text('contact_method'),
    fraudTypes: jsonb('fraud_types').$type<string[]>().notNull(),
    loss: doublePrecision('loss').notNull(),
    summary: text('summary').notNull(),
    stage: text('stage').notNull().default('reported'),
    stageAt: timestamp('stage_at', { withTimezone: true }).notNull(),
    fromWarningId: text('from_warning_id'),
    /** the warning that made this case was reopened (no longer 已被骗): the case is withdrawn, kept with the reason */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    recordedBy: text('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('cases_dedupe_uq').on(t.dedupeKey),
    uniqueIndex('cases_case_no_uq').on(t.caseNo),
    index('cases_unit_idx').on(t.unitId, t.reportedAt),
    index('cases_victim_phone_idx').on(t.victimPhoneKey),
    index('cases_victim_id_idx').on(t.victimIdNumber),
    index('cases_warning_idx').on(t.fromWarningId),
  ],
);

/** Each payment the victim made: the first-level account (一级账户) it reached. */
export const casePayments = pgTable(
  'case_payments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    seq: integer('seq').notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    amount: doublePrecision('amount').notNull(),
    channel: text('channel'),
    fromAccount: text('from_account'),
    fromAccountKey: text('from_account_key'),
    toAccount: text('to_account').notNull(),
    toAccountKey: text('to_account_key').notNull(),
    toName: text('to_name'),
    toBank: text('to_bank'),
    luhnWarning: integer('luhn_warning').notNull().default(0),
  },
  (t) => [uniqueIndex('case_payments_seq_uq').on(t.caseId, t.seq), index('case_payments_to_idx').on(t.toAccountKey)],
);

/** Every identifier involved, keyed by the identifiers module (phones, URLs, apps, WeChat/QQ/Alipay, IMEI, wallets…). */
export const caseIdentifiers = pgTable(
  'case_identifiers',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    uniqueIndex('case_identifiers_uq').on(t.caseId, t.kind, t.key),
    index('case_identifiers_key_idx').on(t.kind, t.key),
  ],
);

/** The case chain: one row per step taken (接警 → 受理 → 立案/不予立案 → 侦查 → 破案 → 移送起诉 → 结案). */
export const caseSteps = pgTable(
  'case_steps',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    stage: text('stage').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    officerId: text('officer_id'),
    officerName: text('officer_name'),
    reason: text('reason'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_steps_case_idx').on(t.caseId, t.at)],
);

/** Evidence items (勘验取证): the file is in the storage port under `storageKey`; SHA-256 proves it unchanged. */
export const caseEvidence = pgTable(
  'case_evidence',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime'),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    description: text('description'),
    collectedAt: timestamp('collected_at', { withTimezone: true }).notNull(),
    collectedBy: text('collected_by').notNull(),
    custodian: text('custodian').notNull(),
  },
  (t) => [index('case_evidence_case_idx').on(t.caseId)],
);

/** Chain of custody: collected, transferred, viewed (each also an audit row). */
export const caseEvidenceCustody = pgTable(
  'case_evidence_custody',
  {
    id: text('id').primaryKey(),
    evidenceId: text('evidence_id')
      .notNull()
      .references(() => caseEvidence.id),
    action: text('action').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    toCustodian: text('to_custodian'),
    note: text('note'),
  },
  (t) => [index('case_custody_evidence_idx').on(t.evidenceId, t.at)],
);

/** Suspects along the chain (金主 → 操盘手 → 操作手 → 卡商 → 卡农 → 取现人, 引流) and their status. */
export const caseSuspects = pgTable(
  'case_suspects',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    phone: text('phone'),
    role: text('role').notNull(),
    status: text('status').notNull(),
    arrestedAt: timestamp('arrested_at', { withTimezone: true }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_suspects_case_idx').on(t.caseId), index('case_suspects_id_idx').on(t.idNumber)],
);
