import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { systemClock } from '../../platform/clock.ts';
import { assertCan, type Actor } from '../../platform/auth/actor.ts';
import { AppError, forbidden, invalid, invalidMany, notFound } from '../../platform/errors.ts';
import type { OrderView, Totals } from '../../../contract/orders.ts';
import { audit } from '../audit/index.ts';
import { awaitsBank, type OrderStatus } from './lifecycle.ts';
import { present } from './present.ts';
import * as repo from './repository.ts';
import { DEFAULT_ORDERS_CONFIG, toYuan } from './rules.ts';
import { ordersRuntime, type OrdersRuntime } from './runtime.ts';
import { sideOf } from './service.ts';
import { checkStatementFile } from './statements.ts';

// Money totals, the orders of a case for other modules, statement files and the banks' webhook settings.

/** Totals in yuan for a case, a unit's subtree (default: the caller's) and a period; a bank sees its own. */
export async function orderTotals(
  db: Db,
  actor: Actor,
  f: { caseId?: string; unitId?: string; from?: string; to?: string },
): Promise<Totals> {
  assertCan(actor, 'orders:read');
  return db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    let scope: repo.TotalsFilter;
    if (side.kind === 'bank') scope = { bankUnitId: side.bankUnitId };
    else if (f.unitId) {
      const u = await repo.findUnit(tx, f.unitId);
      if (!u || !u.path.startsWith(actor.unitPath)) throw notFound('unit');
      scope = { unitPathPrefix: u.path };
    } else scope = { unitPathPrefix: actor.unitPath };
    const t = await repo.totals(tx, {
      ...scope,
      ...(f.caseId ? { caseId: f.caseId } : {}),
      ...(f.from ? { from: new Date(f.from) } : {}),
      ...(f.to ? { to: new Date(f.to) } : {}),
    });
    await audit(tx, actor, { action: 'view', entityType: 'order_totals', details: { ...f } });
    return {
      stopped: toYuan(t.stopped),
      frozen: toYuan(t.frozen),
      recovered: toYuan(t.recovered),
      returned: toYuan(t.returned),
      orders: t.orders,
      open: t.open,
    };
  });
}

/** The orders of one case as the caller may see them (for the cases module's detail page). */
export async function ordersOfCase(db: Db, actor: Actor, caseId: string): Promise<OrderView[]> {
  assertCan(actor, 'orders:read');
  const rt = ordersRuntime(db);
  const config = rt?.config ?? DEFAULT_ORDERS_CONFIG;
  const now = (rt?.clock ?? systemClock)();
  const side = await sideOf(db, actor);
  const { rows } = await repo.listOrders(db, {
    caseId,
    ...(side.kind === 'bank'
      ? {
          bankUnitId: side.bankUnitId,
          statuses: ['sent', 'received', 'executed', 'partial', 'rejected', 'expired', 'released', 'renewed'],
        }
      : { unitPathPrefix: actor.unitPath }),
    limit: 500,
    offset: 0,
  });
  return rows.map((o) => present(o, side, false, now, config));
}

/**
 * A statement file answering an evidence order: checked (encoding, columns, serials; row by row, nothing stored on
 * a problem), stored with its SHA-256 and published as `statement.received` for money-flow tracing.
 */
export async function uploadStatement(
  rt: OrdersRuntime,
  actor: Actor,
  id: string,
  file: { name: string; contentType?: string; bytes: Buffer },
) {
  assertCan(actor, 'orders:write');
  if (file.bytes.length === 0) throw invalid('file', 'empty file');
  if (file.bytes.length > rt.config.maxFileBytes)
    throw new AppError('payload_too_large', `a statement is at most ${rt.config.maxFileBytes} bytes`);
  const check = await checkStatementFile(file.bytes, file.name);
  if (check.problems.length) throw invalidMany(check.problems);
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    if (side.kind !== 'bank') throw forbidden('the bank addressed returns the statements');
    const o = await repo.findOrder(tx, id, true);
    if (!o || o.bankUnitId !== side.bankUnitId || o.status === 'draft') throw notFound('order');
    if (o.kind !== 'evidence') throw invalid('id', 'only an evidence order carries files');
    if (!awaitsBank(o.status as OrderStatus) && o.status !== 'executed')
      throw invalid('id', `the order is ${o.status}`);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const fileId = randomUUID();
    const now = rt.now();
    await repo.insertFile(tx, {
      id: fileId,
      orderId: id,
      fileName: file.name,
      contentType: file.contentType ?? null,
      size: file.bytes.length,
      sha256,
      encoding: check.encoding,
      content: file.bytes,
      uploadedBy: actor.id,
      uploadedAt: now,
    });
    await repo.insertStep(tx, {
      id: randomUUID(),
      orderId: id,
      at: now,
      step: 'file',
      fromStatus: o.status,
      toStatus: o.status,
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
      details: { fileId, fileName: file.name, sha256, rows: check.rows },
    });
    await audit(tx, actor, {
      action: 'import',
      entityType: 'order_file',
      entityId: fileId,
      details: { orderId: id, sha256, size: file.bytes.length, rows: check.rows },
    });
    if (o.caseId)
      await rt.publish(tx, 'statement.received', {
        orderId: id,
        caseId: o.caseId,
        fileId,
        sha256,
        fileName: file.name,
        ...(o.bankUnitId ? { bank: o.bankUnitId } : {}),
        account: o.accountKey,
      });
    return { id: fileId, sha256, size: file.bytes.length, encoding: check.encoding, rows: check.rows };
  });
}

/** A bank registers where its system is told of new orders (its own liaison, or an administrator of the tree). */
export async function putBankWebhook(rt: OrdersRuntime, actor: Actor, bankUnitId: string, webhookUrl: string | null) {
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    const bank = await repo.findUnit(tx, bankUnitId);
    if (!bank || bank.kind !== 'bank') throw notFound('bank');
    const own = side.kind === 'bank' && side.bankUnitId === bankUnitId && side.mayWrite;
    const admin = actor.permissions.has('units:write') && bank.path.startsWith(actor.unitPath);
    if (!own && !admin) throw forbidden('only the bank itself or an administrator sets its webhook');
    await repo.putBankWebhook(tx, bankUnitId, webhookUrl, rt.now());
    await audit(tx, actor, {
      action: 'update',
      entityType: 'order_bank_settings',
      entityId: bankUnitId,
      details: { webhook: !!webhookUrl },
    });
    return { bankUnitId, webhookUrl };
  });
}

/** The bytes of a file an evidence order received (the graph module parses them on `statement.received`). */
export async function statementFileBytes(db: Db, orderId: string, fileId: string): Promise<Buffer | null> {
  const f = await repo.findFile(db, orderId, fileId);
  return f ? Buffer.from(f.content as Uint8Array) : null;
}
