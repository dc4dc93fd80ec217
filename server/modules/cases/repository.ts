import { and, asc, desc, eq, gte, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/index.ts';
import {
  caseEvidence,
  caseEvidenceCustody,
  caseIdentifiers,
  casePayments,
  cases,
  caseSteps,
  caseSuspects,
} from './schema.ts';

// All SQL of the cases module, on its own tables (+ units for scoping).

export type CaseRow = typeof cases.$inferSelect & {
  unitName: string;
  unitPath: string;
  paid: number;
  paymentCount: number;
};

const paidSql = sql<number>`coalesce((select sum(p.amount) from case_payments p where p.case_id = ${cases.id}), 0)::float8`;
const countSql = sql<number>`(select count(*) from case_payments p where p.case_id = ${cases.id})::int`;
const columns = { c: cases, unitName: units.name, unitPath: units.path, paid: paidSql, paymentCount: countSql };
type Joined = { c: typeof cases.$inferSelect; unitName: string; unitPath: string; paid: number; paymentCount: number };
const flatten = (x: Joined): CaseRow => ({
  ...x.c,
  unitName: x.unitName,
  unitPath: x.unitPath,
  paid: Number(x.paid),
  paymentCount: Number(x.paymentCount),
});

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  const rows = await db
    .select(columns)
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(eq(cases.id, id))
    .limit(1);
  return rows[0] && flatten(rows[0]);
}

/** Who owns a case: the officer who recorded it and its unit. */
export async function caseOwner(db: Db, id: string) {
  const rows = await db
    .select({ recordedBy: cases.recordedBy, unitId: cases.unitId, unitPath: units.path })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(eq(cases.id, id))
    .limit(1);
  return rows[0];
}

/** The case a warning's 已被骗 closure created (dedupe key `warning:<id>`). */
export async function caseOfWarning(db: Db, warningId: string) {
  const rows = await db
    .select()
    .from(cases)
    .where(eq(cases.dedupeKey, `warning:${warningId}`))
    .limit(1);
  return rows[0];
}

/** Withdraws a case (`at`, `reason`) or reinstates it (nulls); `now` stamps the change. */
export async function setWithdrawn(db: Db, id: string, at: Date | null, reason: string | null, now: Date) {
  await db.update(cases).set({ withdrawnAt: at, withdrawnReason: reason, updatedAt: now }).where(eq(cases.id, id));
}

/** The unit path of a case (visibility checks of other modules), without loading it. */
export async function casePath(db: Db, id: string): Promise<string | undefined> {
  const rows = await db
    .select({ path: units.path })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(eq(cases.id, id))
    .limit(1);
  return rows[0]?.path;
}

export async function findByDedupeKey(db: Db, key: string) {
  return (await db.select({ id: cases.id }).from(cases).where(eq(cases.dedupeKey, key)).limit(1))[0];
}

export async function findByWarning(db: Db, warningId: string) {
  return (await db.select({ id: cases.id }).from(cases).where(eq(cases.fromWarningId, warningId)).limit(1))[0];
}

export interface CaseFilter {
  pathPrefix: string;
  stage?: string;
  type?: string;
  source?: string;
  unitId?: string;
  q?: string;
  accountKey?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function searchCases(db: Db, f: CaseFilter) {
  const conds: SQL[] = [like(units.path, `${f.pathPrefix}%`)];
  if (f.stage) conds.push(eq(cases.stage, f.stage));
  if (f.source) conds.push(eq(cases.source, f.source));
  if (f.unitId) conds.push(eq(cases.unitId, f.unitId));
  if (f.type) conds.push(sql`${cases.fraudTypes} @> ${JSON.stringify([f.type])}::jsonb`);
  if (f.from) conds.push(gte(cases.reportedAt, f.from));
  if (f.to) conds.push(lte(cases.reportedAt, f.to));
  if (f.q)
    conds.push(
      or(
        eq(cases.caseNo, f.q),
        eq(cases.victimName, f.q),
        eq(cases.victimPhoneKey, f.q),
        eq(cases.victimIdNumber, f.q.toUpperCase()),
      )!,
    );
  if (f.accountKey) {
    conds.push(
      sql`exists (select 1 from case_payments p where p.case_id = ${cases.id} and (p.to_account_key = ${f.accountKey} or p.from_account_key = ${f.accountKey}))`,
    );
  }
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    db
      .select(columns)
      .from(cases)
      .innerJoin(units, eq(units.id, cases.unitId))
      .where(where)
      .orderBy(desc(cases.reportedAt), asc(cases.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .innerJoin(units, eq(units.id, cases.unitId))
      .where(where),
  ]);
  return { rows: rows.map(flatten), total: count?.n ?? 0 };
}

export async function nextCaseNo(db: Db, unitCode: string, day: string): Promise<string> {
  const prefix = `AJ${unitCode}${day}`;
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(like(cases.caseNo, `${prefix}%`));
  return `${prefix}${String((r?.n ?? 0) + 1).padStart(4, '0')}`;
}

export const insertCase = (db: Db, row: typeof cases.$inferInsert) => db.insert(cases).values(row);
export const insertPayments = async (db: Db, rows: (typeof casePayments.$inferInsert)[]) => {
  if (rows.length) await db.insert(casePayments).values(rows);
};
export const insertIdentifiers = async (db: Db, rows: (typeof caseIdentifiers.$inferInsert)[]) => {
  if (rows.length) await db.insert(caseIdentifiers).values(rows).onConflictDoNothing();
};
export const insertStep = (db: Db, row: typeof caseSteps.$inferInsert) => db.insert(caseSteps).values(row);

export const paymentsOf = (db: Db, caseId: string) =>
  db.select().from(casePayments).where(eq(casePayments.caseId, caseId)).orderBy(asc(casePayments.seq));
export const identifiersOf = (db: Db, caseId: string) =>
  db
    .select()
    .from(caseIdentifiers)
    .where(eq(caseIdentifiers.caseId, caseId))
    .orderBy(asc(caseIdentifiers.kind), asc(caseIdentifiers.key));
export const stepsOf = (db: Db, caseId: string) =>
  db.select().from(caseSteps).where(eq(caseSteps.caseId, caseId)).orderBy(asc(caseSteps.at), asc(caseSteps.createdAt));

/** Payments already recorded for this victim (duplicate detection: the same payment reported twice). */
export async function samePayments(
  db: Db,
  victimPhoneKey: string,
  payments: { toAccountKey: string; paidAt: Date; amount: number }[],
) {
  if (!payments.length) return [];
  const conds = payments.map((p) =>
    and(
      eq(casePayments.toAccountKey, p.toAccountKey),
      eq(casePayments.paidAt, p.paidAt),
      eq(casePayments.amount, p.amount),
    )!,
  );
  return db
    .select({
      caseId: casePayments.caseId,
      toAccountKey: casePayments.toAccountKey,
      paidAt: casePayments.paidAt,
      amount: casePayments.amount,
    })
    .from(casePayments)
    .innerJoin(cases, eq(cases.id, casePayments.caseId))
    .where(and(eq(cases.victimPhoneKey, victimPhoneKey), or(...conds)));
}

export const touch = (db: Db, id: string, now: Date) =>
  db.update(cases).set({ updatedAt: now }).where(eq(cases.id, id));

export async function updateStage(db: Db, id: string, from: string, to: string, at: Date, now: Date): Promise<boolean> {
  const r = await db
    .update(cases)
    .set({ stage: to, stageAt: at, updatedAt: now })
    .where(and(eq(cases.id, id), eq(cases.stage, from)))
    .returning({ id: cases.id });
  return r.length === 1;
}

// ── evidence and custody ─────────────────────────────────────────────────────────────────────────────────────
export const insertEvidence = (db: Db, row: typeof caseEvidence.$inferInsert) => db.insert(caseEvidence).values(row);
export const insertCustody = (db: Db, row: typeof caseEvidenceCustody.$inferInsert) =>
  db.insert(caseEvidenceCustody).values(row);
export const evidenceOf = (db: Db, caseId: string) =>
  db.select().from(caseEvidence).where(eq(caseEvidence.caseId, caseId)).orderBy(asc(caseEvidence.collectedAt));
export const findEvidence = async (db: Db, caseId: string, id: string) =>
  (
    await db
      .select()
      .from(caseEvidence)
      .where(and(eq(caseEvidence.caseId, caseId), eq(caseEvidence.id, id)))
      .limit(1)
  )[0];
export async function custodyOf(db: Db, evidenceIds: string[]) {
  if (!evidenceIds.length) return [];
  return db
    .select()
    .from(caseEvidenceCustody)
    .where(inArray(caseEvidenceCustody.evidenceId, evidenceIds))
    .orderBy(asc(caseEvidenceCustody.at));
}
export const setCustodian = (db: Db, id: string, custodian: string) =>
  db.update(caseEvidence).set({ custodian }).where(eq(caseEvidence.id, id));

// ── suspects ─────────────────────────────────────────────────────────────────────────────────────────────────
export const insertSuspect = (db: Db, row: typeof caseSuspects.$inferInsert) => db.insert(caseSuspects).values(row);
export const suspectsOf = (db: Db, caseId: string) =>
  db.select().from(caseSuspects).where(eq(caseSuspects.caseId, caseId)).orderBy(asc(caseSuspects.createdAt));
export const findSuspect = async (db: Db, caseId: string, id: string) =>
  (
    await db
      .select()
      .from(caseSuspects)
      .where(and(eq(caseSuspects.caseId, caseId), eq(caseSuspects.id, id)))
      .limit(1)
  )[0];
export const updateSuspect = (db: Db, id: string, set: Partial<typeof caseSuspects.$inferInsert>) =>
  db.update(caseSuspects).set(set).where(eq(caseSuspects.id, id));

/** Cases of a victim (by phone key or resident ID), any unit: platform-internal, the caller scopes. */
export async function casesOfVictim(db: Db, who: { phoneKey?: string | null; idNumber?: string | null }) {
  const conds: SQL[] = [];
  if (who.phoneKey) conds.push(eq(cases.victimPhoneKey, who.phoneKey));
  if (who.idNumber) conds.push(eq(cases.victimIdNumber, who.idNumber));
  if (!conds.length) return [];
  return db
    .select({ id: cases.id, unitPath: units.path })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(or(...conds));
}
