import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, assertMayUnmask, can, type Actor } from '../../platform/auth/actor.ts';
import { forbidden, illegalTransition, invalid, notFound, stopLimitReached, tooEarly } from '../../platform/errors.ts';
import type { NewOrder, OrderDetail, OrderList, OrderQuery, OrderResult } from '../../../contract/orders.ts';
import { audit } from '../audit/index.ts';
import { accountKey, parseBankAccount } from '../identifiers/index.ts';
import { getWarning } from '../warnings/index.ts';
import type { CaseRecorded } from '../cases/index.ts';
import { mayAddress, resolveBank } from './banks.ts';
import {
  countsAgainstLimit,
  IS_STOP,
  ORDER_STATUSES,
  transition,
  type OrderCommand,
  type OrderKind,
  type OrderStatus,
} from './lifecycle.ts';
import { present, type Side } from './present.ts';
import * as repo from './repository.ts';
import { answerDue, periodMs, stopAllowed, toFen, toYuan } from './rules.ts';
import type { OrdersRuntime } from './runtime.ts';

// Use cases of the orders to banks. Police units own orders (scoped by unit path); a bank sees the orders
// addressed to it. Every change: the transition (lifecycle.ts), its step row, an audit row and `order.updated`,
// in one transaction.

const STOP_KINDS = (Object.keys(IS_STOP) as OrderKind[]).filter((k) => IS_STOP[k]);
const NOT_COUNTING = ORDER_STATUSES.filter((s) => !countsAgainstLimit(s));

/** The side an actor acts on: a bank (their unit lies in a bank's subtree) or the police. */
export async function sideOf(db: Db, actor: Actor): Promise<Side> {
  const mayWrite = can(actor, 'orders:write');
  if (actor.kind === 'system' || actor.unitPath === '/') return { kind: 'police', mayWrite };
  const bank = await repo.bankOnPath(db, actor.unitPath);
  return bank ? { kind: 'bank', bankUnitId: bank.id, mayWrite } : { kind: 'police', mayWrite };
}

const visibleTo = (o: repo.OrderWithUnits, actor: Actor, side: Side) =>
  side.kind === 'bank'
    ? o.bankUnitId === side.bankUnitId && o.status !== 'draft' && o.status !== 'refused'
    : o.unitPath.startsWith(actor.unitPath);

async function load(tx: Db, actor: Actor, side: Side, id: string, lock = false) {
  const o = await repo.findOrder(tx, id, lock);
  if (!o || !visibleTo(o, actor, side)) throw notFound('order');
  return o;
}

/** Applies one lifecycle command to a locked order: row, step, audit, event. */
async function apply(
  rt: OrdersRuntime,
  tx: Db,
  actor: Actor,
  o: repo.OrderWithUnits,
  cmd: OrderCommand,
  details: Record<string, unknown> = {},
) {
  const t = transition(
    {
      kind: o.kind as OrderKind,
      status: o.status as OrderStatus,
      amount: o.amountFen === null ? null : toYuan(o.amountFen),
    },
    cmd,
  );
  if (!t.ok)
    throw t.error === 'invalid_answer' ? invalid(t.field ?? 'outcome', t.message) : illegalTransition(t.message);
  const now = rt.now();
  const set: Partial<repo.NewOrderRow> = { status: t.status, updatedAt: now };
  switch (t.status) {
    case 'sent':
      Object.assign(set, {
        sentAt: now,
        dueAt: new Date(answerDue(o.kind as OrderKind, now.getTime(), rt.config)),
        escalations: 0,
      });
      break;
    case 'received':
      set.receivedAt = now;
      break;
    case 'executed':
    case 'partial': {
      const period = periodMs(o.kind as OrderKind, rt.config);
      Object.assign(set, {
        answeredAt: now,
        dueAt: null,
        reason: t.reason ?? null,
        amountStoppedFen: t.amountStopped === undefined || t.amountStopped === null ? null : toFen(t.amountStopped),
        balanceFen: t.balance === undefined || t.balance === null ? null : toFen(t.balance),
        expiresAt: period === null ? null : new Date(now.getTime() + period),
      });
      if (o.kind === 'refund') set.closedAt = now;
      break;
    }
    case 'rejected':
      Object.assign(set, { answeredAt: now, dueAt: null, reason: t.reason ?? null, closedAt: now });
      break;
    case 'refused':
    case 'cancelled':
      Object.assign(set, { reason: t.reason ?? null, dueAt: null, closedAt: now });
      break;
    case 'expired':
    case 'released':
    case 'renewed':
      Object.assign(set, { closedAt: now, ...(t.reason ? { reason: t.reason } : {}) });
      break;
    case 'draft':
      break;
  }
  if (!receivedAtSet(o) && (t.status === 'executed' || t.status === 'partial' || t.status === 'rejected'))
    set.receivedAt = now;
  const row = await repo.updateOrder(tx, o.id, set);
  await repo.insertStep(tx, {
    id: randomUUID(),
    orderId: o.id,
    at: now,
    step: cmd.type,
    fromStatus: o.status,
    toStatus: t.status,
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    details: { ...details, ...stepDetails(cmd) },
  });
  await audit(tx, actor, {
    action: 'transition',
    entityType: 'order',
    entityId: o.id,
    details: { command: cmd.type, from: o.status, to: t.status, ...stepDetails(cmd) },
  });
  await rt.publish(tx, 'order.updated', {
    orderId: o.id,
    ...(o.caseId ? { caseId: o.caseId } : {}),
    kind: o.kind,
    status: t.status,
    account: o.accountKey,
    bank: o.bankUnitId ?? o.bankName ?? '',
    ...(o.amountFen !== null ? { amount: toYuan(o.amountFen) } : {}),
    ...(row.amountStoppedFen !== null ? { amountStopped: toYuan(row.amountStoppedFen) } : {}),
    unitId: o.unitId,
    at: now.toISOString(),
    ...(o.previousId ? { previousId: o.previousId } : {}),
  });
  return { ...o, ...row };
}
const receivedAtSet = (o: repo.OrderRow) => o.receivedAt !== null;
const stepDetails = (c: OrderCommand): Record<string, unknown> => {
  switch (c.type) {
    case 'answer':
      return {
        outcome: c.outcome,
        ...(c.amount !== undefined ? { amount: c.amount } : {}),
        ...(c.balance !== undefined ? { balance: c.balance } : {}),
        ...(c.reason ? { reason: c.reason } : {}),
      };
    case 'refuse':
      return { reason: c.reason };
    case 'cancel':
    case 'release':
      return c.reason ? { reason: c.reason } : {};
    case 'send':
    case 'receive':
    case 'expire':
    case 'renew':
      return {};
  }
};

export interface Draft {
  kind: OrderKind;
  unitId: string;
  unitPath: string;
  caseId: string | null;
  warningId: string | null;
  paymentId: string | null;
  account: string;
  accountName: string | null;
  bank: string | undefined;
  amount: number | undefined;
  paidAt: Date | null;
  reportedAt: Date | null;
  automatic: boolean;
  previousId?: string | null;
  reason?: string | null;
}

/**
 * Creates an order under the stop limit (the account's lock held for the transaction). Past the limit an
 * automatic order is kept as refused (stop_limit_reached) and a manual one is a 409. Sent at once when the bank is
 * known and the deployment sends automatically (or `send` says so).
 */
export async function createOne(
  rt: OrdersRuntime,
  tx: Db,
  actor: Actor,
  d: Draft,
  send: boolean,
  checkAddress: boolean,
) {
  const parsed = parseBankAccount(d.account);
  const key = accountKey(d.account) ?? d.account.replace(/\s+/g, '');
  const banks = await repo.bankUnits(tx);
  const bank = resolveBank(banks, d.bank, parsed.bank?.name, d.unitPath);
  if (d.bank && !bank && checkAddress) throw invalid('bank', 'no bank of that name or id in the organisation');
  if (bank && checkAddress && !mayAddress(actor.unitPath, bank.path))
    throw forbidden('you may not send orders to this bank');
  const existing = IS_STOP[d.kind] ? await repo.lockAndCountStops(tx, key, STOP_KINDS, NOT_COUNTING) : 0;
  const allowed = stopAllowed(d.kind, existing, rt.config);
  if (!allowed && !d.automatic)
    throw stopLimitReached(`at most ${rt.config.maxStopsPerAccount} stops per account; this account has ${existing}`);
  const now = rt.now();
  const id = randomUUID();
  const row = await repo.insertOrder(tx, {
    id,
    kind: d.kind,
    status: 'draft',
    caseId: d.caseId,
    warningId: d.warningId,
    paymentId: d.paymentId,
    unitId: d.unitId,
    bankUnitId: bank?.id ?? null,
    bankName: d.bank ?? parsed.bank?.name ?? null,
    account: parsed.ok ? parsed.normalized : d.account,
    accountKey: key,
    accountName: d.accountName,
    amountFen: d.amount === undefined ? null : toFen(d.amount),
    automatic: d.automatic,
    previousId: d.previousId ?? null,
    paidAt: d.paidAt,
    reportedAt: d.reportedAt,
    createdAt: now,
    createdBy: actor.id,
    updatedAt: now,
    reason: bank ? (d.reason ?? null) : 'bank_unresolved',
  });
  await repo.insertStep(tx, {
    id: randomUUID(),
    orderId: id,
    at: now,
    step: 'create',
    fromStatus: null,
    toStatus: 'draft',
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    details: { automatic: d.automatic, stopsBefore: existing },
  });
  await audit(tx, actor, {
    action: 'create',
    entityType: 'order',
    entityId: id,
    details: {
      kind: d.kind,
      caseId: d.caseId,
      warningId: d.warningId,
      bankUnitId: bank?.id ?? null,
      automatic: d.automatic,
    },
  });
  const o = (await repo.findOrder(tx, id))!;
  if (!allowed) return apply(rt, tx, actor, o, { type: 'refuse', reason: 'stop_limit_reached' });
  if (send && bank) return apply(rt, tx, actor, o, { type: 'send' });
  return { ...o, ...row };
}

/** 接警即止付: every first-level payment of a recorded case yields a stop-payment order (once per payment). */
export async function handleCaseRecorded(rt: OrdersRuntime, tx: Db, p: CaseRecorded, actor: Actor) {
  const unit = await repo.findUnit(tx, p.unitId);
  if (!unit) return [];
  const done = new Set(
    (await repo.listOrders(tx, { caseId: p.caseId, kind: 'stop_payment', limit: 10_000, offset: 0 })).rows.map(
      (o) => o.paymentId,
    ),
  );
  const out = [];
  for (const pay of p.payments) {
    if (done.has(pay.paymentId)) continue;
    out.push(
      await createOne(
        rt,
        tx,
        actor,
        {
          kind: 'stop_payment',
          unitId: unit.id,
          unitPath: unit.path,
          caseId: p.caseId,
          warningId: p.fromWarningId ?? null,
          paymentId: pay.paymentId,
          account: pay.toAccount,
          accountName: pay.toName ?? null,
          bank: pay.toBank,
          amount: pay.amount,
          paidAt: new Date(pay.paidAt),
          reportedAt: new Date(p.reportedAt),
          automatic: true,
        },
        rt.config.sendMode === 'auto',
        false,
      ),
    );
  }
  return out;
}

/** Looks a case up for the order's owner unit. Replaced by cases' `assertCaseVisible` once cases is on main. */
export type CaseLookup = (
  tx: Db,
  actor: Actor,
  caseId: string,
) => Promise<{ unitId: string; reportedAt?: string | null }>;

export async function createOrder(rt: OrdersRuntime, actor: Actor, input: NewOrder, lookupCase: CaseLookup) {
  assertCan(actor, 'orders:write');
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    if (side.kind === 'bank') throw forbidden('a bank answers orders; the police make them');
    let unitId: string;
    let reportedAt: Date | null = null;
    if (input.caseId) {
      const c = await lookupCase(tx, actor, input.caseId);
      unitId = c.unitId;
      reportedAt = c.reportedAt ? new Date(c.reportedAt) : null;
    } else if (input.kind === 'protective_stop' && input.warningId) {
      const w = await getWarning(tx, actor, input.warningId);
      unitId = w.unitId;
    } else {
      throw invalid(
        'caseId',
        input.kind === 'protective_stop' ? 'a protective stop needs a caseId or a warningId' : 'required',
      );
    }
    const unit = await repo.findUnit(tx, unitId);
    if (!unit || !unit.path.startsWith(actor.unitPath)) throw notFound('case');
    if (!parseBankAccount(input.account).ok) throw invalid('account', 'not an account number');
    if ((input.kind === 'refund' || input.kind === 'freeze') && input.amount === undefined)
      throw invalid('amount', `a ${input.kind} order says how much`);
    const o = await createOne(
      rt,
      tx,
      actor,
      {
        kind: input.kind,
        unitId,
        unitPath: unit.path,
        caseId: input.caseId ?? null,
        warningId: input.warningId ?? null,
        paymentId: null,
        account: input.account,
        accountName: input.accountName ?? null,
        bank: input.bank,
        amount: input.amount,
        paidAt: null,
        reportedAt,
        automatic: false,
        reason: input.reason ?? null,
      },
      rt.config.sendMode === 'auto',
      true,
    );
    return present(o, side, false, rt.clock(), rt.config);
  });
}

export async function listOrders(rt: OrdersRuntime, actor: Actor, q: OrderQuery): Promise<OrderList> {
  assertCan(actor, 'orders:read');
  if (q.unmask) assertMayUnmask(actor);
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    const pageSize = q.pageSize ?? 50;
    const statuses = q.inbox
      ? ['sent', 'received']
      : q.status
        ? [q.status]
        : side.kind === 'bank'
          ? ORDER_STATUSES.filter((s) => s !== 'draft' && s !== 'refused')
          : undefined;
    const { rows, total } = await repo.listOrders(tx, {
      ...(side.kind === 'bank' ? { bankUnitId: side.bankUnitId } : { unitPathPrefix: actor.unitPath }),
      ...(q.caseId ? { caseId: q.caseId } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(statuses ? { statuses } : {}),
      limit: pageSize,
      offset: ((q.page ?? 1) - 1) * pageSize,
    });
    await audit(tx, actor, {
      action: q.unmask ? 'view_unmasked' : 'view',
      entityType: 'orders',
      details: { caseId: q.caseId ?? null, inbox: !!q.inbox, count: rows.length },
    });
    const now = rt.clock();
    return {
      items: rows.map((o) => present(o, side, !!q.unmask, now, rt.config)),
      total,
      now: new Date(now).toISOString(),
    };
  });
}

export async function getOrder(rt: OrdersRuntime, actor: Actor, id: string, unmask = false): Promise<OrderDetail> {
  assertCan(actor, 'orders:read');
  if (unmask) assertMayUnmask(actor);
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    const o = await load(tx, actor, side, id);
    await audit(tx, actor, { action: unmask ? 'view_unmasked' : 'view', entityType: 'order', entityId: id });
    const steps = await repo.stepsOf(tx, id);
    const files = await repo.filesOf(tx, id);
    return {
      ...present(o, side, unmask, rt.clock(), rt.config),
      steps: steps.map((s) => ({
        at: s.at.toISOString(),
        step: s.step,
        from: s.fromStatus,
        to: s.toStatus,
        actor: s.actorName,
        details: s.details ?? null,
      })),
      files: files.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })),
    };
  });
}

type PoliceCommand = 'send' | 'cancel' | 'release' | 'renew';

/** The police side's commands on an order of their subtree. Renewing continues the measure with a new order. */
export async function policeAct(rt: OrdersRuntime, actor: Actor, id: string, command: PoliceCommand, reason?: string) {
  assertCan(actor, 'orders:write');
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    if (side.kind === 'bank') throw notFound('order');
    const o = await load(tx, actor, side, id, true);
    if (command === 'send' && !o.bankUnitId) throw invalid('bank', 'the order has no bank to send to');
    if (command === 'send' && o.kind === 'refund') {
      const r = await repo.refundOfOrder(tx, o.id);
      if (r?.notBefore && r.notBefore > rt.now())
        throw tooEarly(`the refund's notice period (公告期) runs until ${r.notBefore.toISOString()}`, 'notBefore');
    }
    if (command === 'renew') {
      const next = await createOne(
        rt,
        tx,
        actor,
        {
          kind: o.kind as OrderKind,
          unitId: o.unitId,
          unitPath: o.unitPath,
          caseId: o.caseId,
          warningId: o.warningId,
          paymentId: o.paymentId,
          account: o.account,
          accountName: o.accountName,
          bank: o.bankUnitId ?? o.bankName ?? undefined,
          amount:
            o.amountStoppedFen !== null
              ? toYuan(o.amountStoppedFen)
              : o.amountFen !== null
                ? toYuan(o.amountFen)
                : undefined,
          paidAt: o.paidAt,
          reportedAt: o.reportedAt,
          automatic: false,
          previousId: o.id,
        },
        true,
        true,
      );
      await apply(rt, tx, actor, o, { type: 'renew' }, { next: next.id });
      return present(next, side, false, rt.clock(), rt.config);
    }
    const cmd: OrderCommand = command === 'send' ? { type: 'send' } : { type: command, reason };
    return present(await apply(rt, tx, actor, o, cmd), side, false, rt.clock(), rt.config);
  });
}

/** The bank acknowledges an order (签收). */
export async function receiveOrder(rt: OrdersRuntime, actor: Actor, id: string) {
  assertCan(actor, 'orders:write');
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    if (side.kind !== 'bank') throw forbidden('only the bank addressed acknowledges an order');
    const o = await load(tx, actor, side, id, true);
    return present(await apply(rt, tx, actor, o, { type: 'receive' }), side, false, rt.clock(), rt.config);
  });
}

/** The bank's answer: executed, partially executed (amount stopped, balance) or rejected (reason). */
export async function answerOrder(rt: OrdersRuntime, actor: Actor, id: string, r: OrderResult) {
  assertCan(actor, 'orders:write');
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    if (side.kind !== 'bank') throw forbidden('only the bank addressed answers an order');
    const o = await load(tx, actor, side, id, true);
    return present(
      await apply(rt, tx, actor, o, {
        type: 'answer',
        outcome: r.outcome,
        amount: r.amount,
        balance: r.balance,
        reason: r.reason,
      }),
      side,
      false,
      rt.clock(),
      rt.config,
    );
  });
}

export { apply as applyCommand };
