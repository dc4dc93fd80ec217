import { and, asc, desc, eq, inArray, isNotNull, like, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/index.ts';
import { orderBankSettings, orderFiles, orderRefunds, orders, orderSteps } from './schema.ts';

// All SQL of the orders module: its own tables, joined to units for scoping.

export type OrderRow = typeof orders.$inferSelect;
export type NewOrderRow = typeof orders.$inferInsert;
export type StepRow = typeof orderSteps.$inferSelect;
export type UnitRow = typeof units.$inferSelect;

export interface OrderWithUnits extends OrderRow {
  unitPath: string;
  unitName: string;
  bankPath: string | null;
  bankUnitName: string | null;
}

const cols = {
  order: orders,
  unitPath: units.path,
  unitName: units.name,
  bankPath: sql<string | null>`(select path from units b where b.id = ${orders.bankUnitId})`,
  bankUnitName: sql<string | null>`(select name from units b where b.id = ${orders.bankUnitId})`,
};

const flatten = (r: {
  order: OrderRow;
  unitPath: string;
  unitName: string;
  bankPath: string | null;
  bankUnitName: string | null;
}): OrderWithUnits => ({
  ...r.order,
  unitPath: r.unitPath,
  unitName: r.unitName,
  bankPath: r.bankPath,
  bankUnitName: r.bankUnitName,
});

export async function insertOrder(db: Db, row: NewOrderRow): Promise<OrderRow> {
  return (await db.insert(orders).values(row).returning())[0]!;
}

export async function updateOrder(db: Db, id: string, set: Partial<NewOrderRow>): Promise<OrderRow> {
  return (await db.update(orders).set(set).where(eq(orders.id, id)).returning())[0]!;
}

export async function findOrder(db: Db, id: string, lock = false): Promise<OrderWithUnits | undefined> {
  const q = db
    .select(cols)
    .from(orders)
    .innerJoin(units, eq(units.id, orders.unitId))
    .where(eq(orders.id, id))
    .limit(1);
  const rows = lock ? await q.for('update', { of: orders }) : await q;
  return rows[0] ? flatten(rows[0]) : undefined;
}

export interface ListFilter {
  /** police scope: the order's unit lies in this subtree */
  unitPathPrefix?: string;
  /** bank scope: addressed to this bank */
  bankUnitId?: string;
  caseId?: string;
  kind?: string;
  statuses?: string[];
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

function where(f: Omit<ListFilter, 'limit' | 'offset'>): SQL | undefined {
  const c: SQL[] = [];
  if (f.unitPathPrefix !== undefined && f.unitPathPrefix !== '/') c.push(like(units.path, `${f.unitPathPrefix}%`));
  if (f.bankUnitId !== undefined) c.push(eq(orders.bankUnitId, f.bankUnitId));
  if (f.caseId !== undefined) c.push(eq(orders.caseId, f.caseId));
  if (f.kind !== undefined) c.push(eq(orders.kind, f.kind));
  if (f.statuses?.length) c.push(inArray(orders.status, f.statuses));
  if (f.from) c.push(sql`${orders.createdAt} >= ${f.from.toISOString()}`);
  if (f.to) c.push(sql`${orders.createdAt} < ${f.to.toISOString()}`);
  return c.length ? and(...c) : undefined;
}

/**
 * A page of orders and the count of all that match, read by one statement (`count(*) over ()`): two statements could
 * see different sets under READ COMMITTED (an order committed between them, total ≠ items on PostgreSQL). Only a
 * page past the end, which has no row to carry the count, counts separately.
 */
export async function listOrders(db: Db, f: ListFilter): Promise<{ rows: OrderWithUnits[]; total: number }> {
  const w = where(f);
  const rows = await db
    .select({ ...cols, total: sql<number>`(count(*) over ())::int` })
    .from(orders)
    .innerJoin(units, eq(units.id, orders.unitId))
    .where(w)
    .orderBy(desc(orders.createdAt), asc(orders.id))
    .limit(f.limit)
    .offset(f.offset);
  if (rows.length) return { rows: rows.map(flatten), total: Number(rows[0]!.total) };
  if (f.offset === 0) return { rows: [], total: 0 };
  const [n] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .innerJoin(units, eq(units.id, orders.unitId))
    .where(w);
  return { rows: [], total: n?.n ?? 0 };
}

/** Stops on one account that count against the limit, after taking the account's lock for this transaction. */
export async function lockAndCountStops(
  db: Db,
  accountKey: string,
  kinds: string[],
  notCounting: string[],
): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'orders:' + accountKey}))`);
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(
      and(eq(orders.accountKey, accountKey), inArray(orders.kind, kinds), sql`${orders.status} not in ${notCounting}`),
    );
  return r?.n ?? 0;
}

export async function insertStep(db: Db, row: typeof orderSteps.$inferInsert): Promise<void> {
  await db.insert(orderSteps).values(row);
}

export const stepsOf = (db: Db, orderId: string): Promise<StepRow[]> =>
  db.select().from(orderSteps).where(eq(orderSteps.orderId, orderId)).orderBy(asc(orderSteps.seq));

export const filesOf = (db: Db, orderId: string) =>
  db
    .select({
      id: orderFiles.id,
      fileName: orderFiles.fileName,
      size: orderFiles.size,
      sha256: orderFiles.sha256,
      encoding: orderFiles.encoding,
      uploadedAt: orderFiles.uploadedAt,
    })
    .from(orderFiles)
    .where(eq(orderFiles.orderId, orderId))
    .orderBy(asc(orderFiles.uploadedAt));

export async function insertFile(db: Db, row: typeof orderFiles.$inferInsert): Promise<void> {
  await db.insert(orderFiles).values(row);
}

export async function findFile(db: Db, orderId: string, fileId: string) {
  return (
    await db
      .select()
      .from(orderFiles)
      .where(and(eq(orderFiles.orderId, orderId), eq(orderFiles.id, fileId)))
      .limit(1)
  )[0];
}

// --- units (org's table: every scoped query joins it) ---

export const findUnit = async (db: Db, id: string): Promise<UnitRow | undefined> =>
  (await db.select().from(units).where(eq(units.id, id)).limit(1))[0];

export const bankUnits = (db: Db): Promise<UnitRow[]> =>
  db.select().from(units).where(eq(units.kind, 'bank')).orderBy(asc(units.path));

/** The bank (kind 'bank') among the units on a path ('/a/b/c/'), if any: a liaison's or a token's bank. */
export async function bankOnPath(db: Db, path: string): Promise<UnitRow | undefined> {
  const ids = path.split('/').filter(Boolean);
  if (!ids.length) return undefined;
  return (
    await db
      .select()
      .from(units)
      .where(and(inArray(units.id, ids), eq(units.kind, 'bank')))
      .limit(1)
  )[0];
}

// --- the timer sweep ---

/** Orders waiting for a bank whose answer is overdue. */
export const overdue = (db: Db, now: Date, limit = 200) =>
  db
    .select({ id: orders.id })
    .from(orders)
    .where(and(inArray(orders.status, ['sent', 'received']), isNotNull(orders.dueAt), lte(orders.dueAt, now)))
    .orderBy(asc(orders.dueAt))
    .limit(limit);

/** Measures in force whose period is over, or whose reminder may be due (freezes, within the largest window). */
export const inForceEnding = (db: Db, before: Date, limit = 200) =>
  db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(inArray(orders.status, ['executed', 'partial']), isNotNull(orders.expiresAt), lte(orders.expiresAt, before)),
    )
    .orderBy(asc(orders.expiresAt))
    .limit(limit);

// --- bank settings ---

export async function bankWebhook(db: Db, bankUnitId: string): Promise<string | null> {
  return (
    (await db.select().from(orderBankSettings).where(eq(orderBankSettings.bankUnitId, bankUnitId)).limit(1))[0]
      ?.webhookUrl ?? null
  );
}

export async function putBankWebhook(db: Db, bankUnitId: string, webhookUrl: string | null, at: Date) {
  await db
    .insert(orderBankSettings)
    .values({ bankUnitId, webhookUrl, updatedAt: at })
    .onConflictDoUpdate({ target: orderBankSettings.bankUnitId, set: { webhookUrl, updatedAt: at } });
}

// --- money totals ---

export interface TotalsFilter {
  unitPathPrefix?: string;
  bankUnitId?: string;
  caseId?: string;
  from?: Date;
  to?: Date;
}

/** Sums in fen: stopped (stops answered), frozen (freezes answered), recovered (refunds executed), returned. */
export async function totals(db: Db, f: TotalsFilter) {
  const w = where(f);
  const answered = sql`${orders.status} in ('executed','partial','expired','released','renewed')`;
  const [r] = await db
    .select({
      stopped: sql<number>`coalesce(sum(case when ${orders.kind} in ('stop_payment','protective_stop') and ${answered} and ${orders.previousId} is null then ${orders.amountStoppedFen} end), 0)::bigint`,
      frozen: sql<number>`coalesce(sum(case when ${orders.kind} = 'freeze' and ${answered} and ${orders.previousId} is null then ${orders.amountStoppedFen} end), 0)::bigint`,
      recovered: sql<number>`coalesce(sum(case when ${orders.kind} = 'refund' and ${answered} then ${orders.amountStoppedFen} end), 0)::bigint`,
      returned: sql<number>`coalesce(sum(${orders.returnedFen}), 0)::bigint`,
      orders: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${orders.status} in ('draft','sent','received'))::int`,
    })
    .from(orders)
    .innerJoin(units, eq(units.id, orders.unitId))
    .where(w);
  return {
    stopped: Number(r!.stopped),
    frozen: Number(r!.frozen),
    recovered: Number(r!.recovered),
    returned: Number(r!.returned),
    orders: r!.orders,
    open: r!.open,
  };
}

export async function insertRefunds(db: Db, rows: (typeof orderRefunds.$inferInsert)[]) {
  if (rows.length) await db.insert(orderRefunds).values(rows);
}
export const refundsOf = (db: Db, caseId: string) =>
  db.select().from(orderRefunds).where(eq(orderRefunds.caseId, caseId)).orderBy(asc(orderRefunds.victimId));

/** Sent orders whose bank has not been told yet (webhook), oldest first. */
export const unnotified = (db: Db, limit = 50) =>
  db
    .select({ id: orders.id, bankUnitId: orders.bankUnitId })
    .from(orders)
    .where(
      and(isNotNull(orders.sentAt), sql`${orders.notifiedAt} is null`, inArray(orders.status, ['sent', 'received'])),
    )
    .orderBy(asc(orders.sentAt))
    .limit(limit);

// --- refunds (返还) ---

/** The payments into accounts (one automatic stop order per payment): per case and account, what was paid there. */
export async function claimsOnAccounts(db: Db, accountKeys: string[]) {
  if (!accountKeys.length) return [];
  return db
    .select({
      caseId: orders.caseId,
      accountKey: orders.accountKey,
      account: orders.account,
      bankUnitId: orders.bankUnitId,
      bankName: orders.bankName,
      paidFen: sql<number>`coalesce(sum(${orders.amountFen}), 0)::bigint`,
    })
    .from(orders)
    .where(
      and(
        eq(orders.kind, 'stop_payment'),
        isNotNull(orders.paymentId),
        isNotNull(orders.caseId),
        inArray(orders.accountKey, accountKeys),
      ),
    )
    .groupBy(orders.caseId, orders.accountKey, orders.account, orders.bankUnitId, orders.bankName)
    .orderBy(asc(orders.caseId));
}

/** The accounts a case's victim paid into (its payments' stop orders). */
export async function accountsOfCase(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ k: orders.accountKey })
    .from(orders)
    .where(and(eq(orders.caseId, caseId), eq(orders.kind, 'stop_payment'), isNotNull(orders.paymentId)));
  return rows.map((r) => r.k);
}

/**
 * Per account: the money held now (the largest amount a stop or freeze in force holds there — a freeze continues
 * a stop on the same money).
 */
export async function heldOnAccounts(db: Db, accountKeys: string[]) {
  if (!accountKeys.length) return [];
  return db
    .select({
      accountKey: orders.accountKey,
      heldFen: sql<number>`coalesce(max(case when ${orders.kind} in ('stop_payment','freeze','protective_stop') and ${orders.status} in ('executed','partial') then ${orders.amountStoppedFen} end), 0)::bigint`,
    })
    .from(orders)
    .where(inArray(orders.accountKey, accountKeys))
    .groupBy(orders.accountKey);
}

/** Per account and case: what refund orders already claim (not rejected, cancelled or refused). */
export async function refundingOnAccounts(db: Db, accountKeys: string[]) {
  if (!accountKeys.length) return [];
  return db
    .select({
      accountKey: orders.accountKey,
      caseId: orders.caseId,
      fen: sql<number>`coalesce(sum(${orders.amountFen}), 0)::bigint`,
    })
    .from(orders)
    .where(
      and(
        eq(orders.kind, 'refund'),
        inArray(orders.accountKey, accountKeys),
        sql`${orders.status} not in ('rejected','cancelled','refused')`,
      ),
    )
    .groupBy(orders.accountKey, orders.caseId);
}

/** The refund rows of a case with their orders' state. */
export const refundsWithOrders = (db: Db, caseId: string) =>
  db
    .select({
      refund: orderRefunds,
      status: orders.status,
      account: orders.account,
      accountKey: orders.accountKey,
      returnedFen: orders.returnedFen,
      amountStoppedFen: orders.amountStoppedFen,
    })
    .from(orderRefunds)
    .innerJoin(orders, eq(orders.id, orderRefunds.orderId))
    .where(eq(orderRefunds.caseId, caseId))
    .orderBy(asc(orders.createdAt));

export const refundOfOrder = async (db: Db, orderId: string) =>
  (await db.select().from(orderRefunds).where(eq(orderRefunds.orderId, orderId)).limit(1))[0];

export async function markRefundReturned(db: Db, orderId: string, at: Date) {
  await db.update(orderRefunds).set({ returnedAt: at }).where(eq(orderRefunds.orderId, orderId));
}

/** Refund orders still drafts whose notice period is over (the sweep sends them). */
export const refundsDue = (db: Db, now: Date, limit = 100) =>
  db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(orderRefunds, eq(orderRefunds.orderId, orders.id))
    .where(
      and(
        eq(orders.status, 'draft'),
        isNotNull(orders.bankUnitId),
        isNotNull(orderRefunds.notBefore),
        lte(orderRefunds.notBefore, now),
      ),
    )
    .limit(limit);
