// All SQL of the graph module, on its own tables (and units for scoping).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/index.ts';
import {
  graphBankMappings,
  graphCasePayments,
  graphGroupMembers,
  graphGroups,
  graphLinkDecisions,
  graphMuleHandoffs,
  graphObservations,
  graphStatements,
  graphTransactions,
  graphWarningClosures,
} from './schema.ts';
import type { Observation, RecordKind } from './entities.ts';

export type ObservationRow = typeof graphObservations.$inferSelect;
export type PaymentRow = typeof graphCasePayments.$inferSelect;
export type TransactionRow = typeof graphTransactions.$inferSelect;

export async function replaceRecordObservations(
  db: Db,
  kind: RecordKind,
  id: string,
  unitId: string,
  obs: Observation[],
): Promise<void> {
  await db
    .delete(graphObservations)
    .where(and(eq(graphObservations.recordKind, kind), eq(graphObservations.recordId, id)));
  if (!obs.length) return;
  await db.insert(graphObservations).values(
    obs.map((o) => ({
      recordKind: o.recordKind,
      recordId: o.recordId,
      unitId,
      kind: o.kind,
      key: o.key,
      value: o.value,
      seenAs: o.seenAs,
      at: new Date(o.at),
    })),
  );
}

/**
 * `replaceRecordObservations` for many records of one kind in two statements (a burst of warnings opened together):
 * the same rows as replacing them one by one, in order — a record named twice keeps its last observations.
 */
export async function replaceManyRecordObservations(
  db: Db,
  kind: RecordKind,
  records: readonly { id: string; unitId: string; obs: Observation[] }[],
): Promise<void> {
  if (!records.length) return;
  const last = new Map(records.map((r) => [r.id, r]));
  await db.execute(sql`
    delete from graph_observations
    where record_kind = ${kind} and record_id in (select jsonb_array_elements_text(${JSON.stringify([...last.keys()])}::jsonb))`);
  const rows = [...last.values()].flatMap((r) =>
    r.obs.map((o) => ({
      record_kind: o.recordKind,
      record_id: o.recordId,
      unit_id: r.unitId,
      kind: o.kind,
      key: o.key,
      value: o.value,
      seen_as: o.seenAs,
      at: new Date(o.at).toISOString(),
    })),
  );
  if (!rows.length) return;
  // one JSON parameter rather than eight per row: cheap to build and to bind however many rows there are
  await db.execute(sql`
    insert into graph_observations (record_kind, record_id, unit_id, kind, key, value, seen_as, at)
    select x.record_kind, x.record_id, x.unit_id, x.kind, x.key, x.value, x.seen_as, x.at
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as e(v, ord),
      jsonb_to_record(e.v) as x(record_kind text, record_id text, unit_id text, kind text, key text, value text,
        seen_as text, at timestamptz)
    order by e.ord`);
}

export async function replaceCasePayments(
  db: Db,
  caseId: string,
  rows: (typeof graphCasePayments.$inferInsert)[],
): Promise<void> {
  await db.delete(graphCasePayments).where(eq(graphCasePayments.caseId, caseId));
  if (rows.length) await db.insert(graphCasePayments).values(rows);
}

export async function* iterateObservations(db: Db, batch = 20_000): AsyncGenerator<ObservationRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(graphObservations)
      .where(sql`${graphObservations.id} > ${after}`)
      .orderBy(asc(graphObservations.id))
      .limit(batch);
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}
export async function* iterateTransactions(db: Db, batch = 50_000): AsyncGenerator<TransactionRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(graphTransactions)
      .where(sql`${graphTransactions.id} > ${after}`)
      .orderBy(asc(graphTransactions.id))
      .limit(batch);
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

export async function allPayments(db: Db): Promise<PaymentRow[]> {
  return db.select().from(graphCasePayments);
}
export async function casePayments(db: Db, caseId: string): Promise<PaymentRow[]> {
  return db
    .select()
    .from(graphCasePayments)
    .where(eq(graphCasePayments.caseId, caseId))
    .orderBy(asc(graphCasePayments.paidAt));
}

/** The unit path of a case or warning as the graph saw it (for scoping until cases' assertCaseVisible is used). */
export async function recordUnitPaths(db: Db, kind: RecordKind, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectDistinct({ id: graphObservations.recordId, path: units.path })
    .from(graphObservations)
    .innerJoin(units, eq(units.id, graphObservations.unitId))
    .where(and(eq(graphObservations.recordKind, kind), inArray(graphObservations.recordId, ids)));
  return new Map(rows.map((r) => [r.id, r.path]));
}
export async function casePaymentUnitPath(db: Db, caseId: string): Promise<string | null> {
  const rows = await db
    .select({ path: units.path })
    .from(graphCasePayments)
    .innerJoin(units, eq(units.id, graphCasePayments.unitId))
    .where(eq(graphCasePayments.caseId, caseId))
    .limit(1);
  return rows[0]?.path ?? null;
}

export async function insertStatement(
  db: Db,
  row: typeof graphStatements.$inferInsert,
  txs: (typeof graphTransactions.$inferInsert)[],
): Promise<{ inserted: TransactionRow[] }> {
  await db.insert(graphStatements).values(row);
  const inserted: TransactionRow[] = [];
  for (let i = 0; i < txs.length; i += 2000) {
    inserted.push(
      ...(await db
        .insert(graphTransactions)
        .values(txs.slice(i, i + 2000))
        .onConflictDoNothing()
        .returning()),
    );
  }
  return { inserted };
}
export async function findStatementBySha(db: Db, caseId: string, sha256: string) {
  return (
    (
      await db
        .select()
        .from(graphStatements)
        .where(and(eq(graphStatements.caseId, caseId), eq(graphStatements.sha256, sha256)))
        .limit(1)
    )[0] ?? null
  );
}

/** A bank unit of the organisation tree named by its id or its code (statements from evidence orders carry the id). */
export async function bankUnitByIdOrCode(db: Db, bank: string): Promise<{ id: string; name: string } | null> {
  const rows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(inArray(units.kind, ['bank', 'bank_branch']), sql`(${units.id} = ${bank} OR ${units.code} = ${bank})`))
    .limit(1);
  return rows[0] ?? null;
}

export async function getBankMapping(db: Db, bank: string) {
  return (await db.select().from(graphBankMappings).where(eq(graphBankMappings.bank, bank)).limit(1))[0] ?? null;
}
export async function saveBankMapping(db: Db, bank: string, mapping: Record<string, string>, by: string, at: Date) {
  await db
    .insert(graphBankMappings)
    .values({ bank, mapping, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({ target: graphBankMappings.bank, set: { mapping, updatedBy: by, updatedAt: at } });
}

export async function linkDecisions(db: Db, caseId: string) {
  return db.select().from(graphLinkDecisions).where(eq(graphLinkDecisions.caseId, caseId));
}
export async function upsertDecision(db: Db, row: typeof graphLinkDecisions.$inferInsert) {
  await db
    .insert(graphLinkDecisions)
    .values(row)
    .onConflictDoUpdate({
      target: [graphLinkDecisions.caseId, graphLinkDecisions.otherKind, graphLinkDecisions.otherId],
      set: { decision: row.decision, reason: row.reason, decidedBy: row.decidedBy, decidedAt: row.decidedAt },
    });
}

export async function groupOf(db: Db, caseId: string) {
  const m = (await db.select().from(graphGroupMembers).where(eq(graphGroupMembers.caseId, caseId)).limit(1))[0];
  if (!m) return null;
  const g = (await db.select().from(graphGroups).where(eq(graphGroups.id, m.groupId)).limit(1))[0]!;
  const members = await db
    .select()
    .from(graphGroupMembers)
    .where(eq(graphGroupMembers.groupId, m.groupId))
    .orderBy(asc(graphGroupMembers.addedAt));
  return { ...g, members: members.map((x) => x.caseId) };
}
export async function createGroup(db: Db, id: string, leadCaseId: string, by: string, at: Date) {
  await db.insert(graphGroups).values({ id, leadCaseId, createdBy: by, createdAt: at, updatedAt: at });
}
export async function addMembers(db: Db, groupId: string, caseIds: string[], by: string, at: Date) {
  if (!caseIds.length) return;
  await db
    .insert(graphGroupMembers)
    .values(caseIds.map((caseId) => ({ caseId, groupId, addedBy: by, addedAt: at })))
    .onConflictDoUpdate({ target: graphGroupMembers.caseId, set: { groupId, addedBy: by, addedAt: at } });
}
export async function removeMember(db: Db, caseId: string) {
  await db.delete(graphGroupMembers).where(eq(graphGroupMembers.caseId, caseId));
}
export async function setLead(db: Db, groupId: string, leadCaseId: string, at: Date) {
  await db.update(graphGroups).set({ leadCaseId, updatedAt: at }).where(eq(graphGroups.id, groupId));
}
export async function deleteGroup(db: Db, groupId: string) {
  await db.delete(graphGroupMembers).where(eq(graphGroupMembers.groupId, groupId));
  await db.delete(graphGroups).where(eq(graphGroups.id, groupId));
}

export async function upsertClosure(db: Db, row: typeof graphWarningClosures.$inferInsert) {
  await db
    .insert(graphWarningClosures)
    .values(row)
    .onConflictDoUpdate({
      target: graphWarningClosures.warningId,
      set: { disposition: row.disposition, victimised: row.victimised, closedAt: row.closedAt },
    });
}
export async function closures(db: Db, warningIds: string[]) {
  if (!warningIds.length) return [];
  return db.select().from(graphWarningClosures).where(inArray(graphWarningClosures.warningId, warningIds));
}

/** Other records where the same person (phone / ID number, as victim or warned subject) appears. */
export const PERSON_ROLES = ['victim_phone', 'victim_id', 'warned_subject', 'warned_phone'];
export async function personRecords(db: Db, kind: RecordKind, id: string) {
  const own = await db
    .select({ kind: graphObservations.kind, key: graphObservations.key })
    .from(graphObservations)
    .where(
      and(
        eq(graphObservations.recordKind, kind),
        eq(graphObservations.recordId, id),
        inArray(graphObservations.seenAs, PERSON_ROLES),
        inArray(graphObservations.kind, ['phone', 'id_number']),
      ),
    );
  if (!own.length) return [];
  return db
    .select({
      recordKind: graphObservations.recordKind,
      recordId: graphObservations.recordId,
      kind: graphObservations.kind,
      key: graphObservations.key,
      value: graphObservations.value,
      seenAs: graphObservations.seenAs,
      at: graphObservations.at,
      path: units.path,
    })
    .from(graphObservations)
    .innerJoin(units, eq(units.id, graphObservations.unitId))
    .where(
      and(
        inArray(graphObservations.seenAs, PERSON_ROLES),
        sql`(${graphObservations.kind}, ${graphObservations.key}) in (${sql.join(
          own.map((o) => sql`(${o.kind}, ${o.key})`),
          sql`, `,
        )})`,
        sql`not (${graphObservations.recordKind} = ${kind} and ${graphObservations.recordId} = ${id})`,
      ),
    )
    .orderBy(asc(graphObservations.at))
    .limit(500);
}

export async function muleHandoffs(db: Db, accounts?: string[]) {
  const q = db
    .select({ account: graphMuleHandoffs.account, target: graphMuleHandoffs.target, refId: graphMuleHandoffs.refId })
    .from(graphMuleHandoffs);
  return accounts ? (accounts.length ? q.where(inArray(graphMuleHandoffs.account, accounts)) : []) : q;
}

/** Records a hand-off; false when this account was already sent to this target (the row stays as it was). */
export async function insertMuleHandoff(db: Db, row: typeof graphMuleHandoffs.$inferInsert): Promise<boolean> {
  const r = await db
    .insert(graphMuleHandoffs)
    .values(row)
    .onConflictDoNothing()
    .returning({ account: graphMuleHandoffs.account });
  return r.length > 0;
}
export async function setMuleHandoffRef(db: Db, account: string, target: string, refId: string | null) {
  await db
    .update(graphMuleHandoffs)
    .set({ refId })
    .where(and(eq(graphMuleHandoffs.account, account), eq(graphMuleHandoffs.target, target)));
}

/** Each case's payments: total (cents) and first payment time (for a gang's loss and time line). */
export async function caseLosses(db: Db, caseIds: string[]): Promise<Map<string, { cents: number; firstAt: Date }>> {
  const out = new Map<string, { cents: number; firstAt: Date }>();
  for (let i = 0; i < caseIds.length; i += 5000) {
    const rows = await db
      .select({
        caseId: graphCasePayments.caseId,
        cents: sql<string>`sum(${graphCasePayments.amountCents})`,
        firstAt: sql<string>`min(${graphCasePayments.paidAt})`,
      })
      .from(graphCasePayments)
      .where(inArray(graphCasePayments.caseId, caseIds.slice(i, i + 5000)))
      .groupBy(graphCasePayments.caseId);
    for (const r of rows) out.set(r.caseId, { cents: Number(r.cents), firstAt: new Date(r.firstAt) });
  }
  return out;
}
