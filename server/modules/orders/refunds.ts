import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, type Actor } from '../../platform/auth/actor.ts';
import { alreadyDone, conflict, forbidden, illegalTransition, invalid, notFound } from '../../platform/errors.ts';
import type { OrderView, RefundPlan, ReturnedBody } from '../../../contract/orders.ts';
import { audit } from '../audit/index.ts';
import { maskAccount } from '../identifiers/index.ts';
import { present } from './present.ts';
import * as repo from './repository.ts';
import { allocateRefund, toFen, toYuan } from './rules.ts';
import type { OrdersRuntime } from './runtime.ts';
import { applyCommand, createOne, sideOf, type CaseLookup } from './service.ts';

// Refunds (返还). Per case: the money the stops and freezes in force hold on each account its victim paid into is
// shared among every victim who paid into that account (one victim per case). Traced first — by payment: the
// money a victim paid into a first-level account is theirs (the graph's money-flow trace would also reach deeper
// accounts, but graph imports orders, so orders cannot import graph without a module cycle); when what is held does
// not cover every claim the money is mixed and is shared pro rata to the claims, after the notice period (公告期,
// 30 days). A refund order (kind refund) goes to the bank holding the money; the bank executes it; the officer
// records the money as returned to the victim (orders.returned_fen → the "returned" totals).

const DAY = 86_400_000;

interface Share {
  caseId: string;
  /** the victim's share of what is held, less what refund orders already claim for them */
  fen: number;
  /** the whole share, and what is already being refunded of it */
  shareFen: number;
  refundingFen: number;
  paidFen: number;
  basis: 'traced' | 'pro_rata';
}
interface PlannedAccount {
  accountKey: string;
  account: string;
  bankUnitId: string | null;
  bankName: string | null;
  heldFen: number;
  refundingFen: number;
  shares: Share[];
}

/**
 * What is held on each account is shared among its claimants (allocateRefund); what refund orders already claim
 * for a victim is then taken off that victim's share — so proposing twice never returns more than the share.
 */
async function computePlan(tx: Db, caseId: string): Promise<PlannedAccount[]> {
  const keys = await repo.accountsOfCase(tx, caseId);
  const claims = await repo.claimsOnAccounts(tx, keys);
  const held = new Map((await repo.heldOnAccounts(tx, keys)).map((h) => [h.accountKey, Number(h.heldFen)]));
  const refunding = new Map(
    (await repo.refundingOnAccounts(tx, keys)).map((r) => [`${r.accountKey}|${r.caseId}`, Number(r.fen)]),
  );
  return keys.map((key) => {
    const mine = claims.filter((c) => c.accountKey === key);
    const byCase = new Map<string, number>();
    for (const c of mine) byCase.set(c.caseId!, (byCase.get(c.caseId!) ?? 0) + Number(c.paidFen));
    const heldFen = held.get(key) ?? 0;
    const victims = [...byCase].map(([id, paid]) => ({ victimId: id, tracedFen: paid, lossFen: paid }));
    const alloc = allocateRefund(heldFen, victims);
    const first = mine.find((c) => c.caseId === caseId) ?? mine[0]!;
    let refundingFen = 0;
    for (const [k, v] of refunding) if (k.startsWith(`${key}|`)) refundingFen += v;
    return {
      accountKey: key,
      account: first.account,
      bankUnitId: first.bankUnitId,
      bankName: first.bankName,
      heldFen,
      refundingFen,
      shares: alloc.map((a) => {
        const already = refunding.get(`${key}|${a.victimId}`) ?? 0;
        return {
          caseId: a.victimId,
          fen: Math.max(0, a.fen - already),
          shareFen: a.fen,
          refundingFen: already,
          paidFen: byCase.get(a.victimId) ?? 0,
          basis: a.basis,
        };
      }),
    };
  });
}

/** The refund plan of a case: per account, what is held and each victim's share, and the refunds already made. */
export async function refundPlan(
  rt: OrdersRuntime,
  actor: Actor,
  caseId: string,
  lookupCase: CaseLookup,
): Promise<RefundPlan> {
  assertCan(actor, 'orders:read');
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    if (side.kind === 'bank') throw notFound('case');
    const c = await lookupCase(tx, actor, caseId);
    const unit = await repo.findUnit(tx, c.unitId);
    if (!unit || !unit.path.startsWith(actor.unitPath)) throw notFound('case');
    const now = rt.now();
    const accounts = await computePlan(tx, caseId);
    const notice = (basis: string) =>
      basis === 'pro_rata' ? new Date(now.getTime() + rt.config.refundNoticeDays * DAY).toISOString() : null;
    const refunds = await repo.refundsWithOrders(tx, caseId);
    await audit(tx, actor, { action: 'view', entityType: 'refund_plan', entityId: caseId });
    return {
      caseId,
      noticeDays: rt.config.refundNoticeDays,
      now: now.toISOString(),
      accounts: accounts.map((a) => ({
        account: maskAccount(a.account),
        bank: a.bankName,
        bankUnitId: a.bankUnitId,
        held: toYuan(a.heldFen),
        refunding: toYuan(a.refundingFen),
        available: toYuan(Math.max(0, a.heldFen - a.refundingFen)),
        shares: a.shares.map((s) => ({
          caseId: s.caseId,
          thisCase: s.caseId === caseId,
          paid: toYuan(s.paidFen),
          share: toYuan(s.shareFen),
          refunding: toYuan(s.refundingFen),
          amount: toYuan(s.fen),
          basis: s.basis,
          notBefore: notice(s.basis),
        })),
      })),
      refunds: refunds.map((r) => ({
        orderId: r.refund.orderId,
        account: maskAccount(r.account),
        amount: toYuan(r.refund.amountFen),
        basis: r.refund.basis,
        status: r.status as RefundPlan['refunds'][number]['status'],
        notBefore: r.refund.notBefore?.toISOString() ?? null,
        returned: r.returnedFen === null ? null : toYuan(r.returnedFen),
        returnedAt: r.refund.returnedAt?.toISOString() ?? null,
      })),
    };
  });
}

/**
 * Proposes the refunds of a case's victim: one refund order per account with a share, to the bank holding the
 * money. A traced share is sent at once (in auto mode); a pro-rata share stays a draft until its notice is over
 * (the sweep sends it then; sending it earlier is refused). 409 when nothing is left to refund.
 */
export async function proposeRefunds(
  rt: OrdersRuntime,
  actor: Actor,
  caseId: string,
  lookupCase: CaseLookup,
): Promise<OrderView[]> {
  assertCan(actor, 'orders:write');
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    if (side.kind === 'bank') throw forbidden('a bank answers orders; the police make them');
    const c = await lookupCase(tx, actor, caseId);
    const unit = await repo.findUnit(tx, c.unitId);
    if (!unit || !unit.path.startsWith(actor.unitPath)) throw notFound('case');
    const now = rt.now();
    const plan = await computePlan(tx, caseId);
    const out: OrderView[] = [];
    for (const a of plan) {
      const share = a.shares.find((s) => s.caseId === caseId);
      if (!share || share.fen <= 0 || !a.bankUnitId) continue;
      const notBefore = share.basis === 'pro_rata' ? new Date(now.getTime() + rt.config.refundNoticeDays * DAY) : null;
      const send = rt.config.sendMode === 'auto' && notBefore === null;
      const o = await createOne(
        rt,
        tx,
        actor,
        {
          kind: 'refund',
          unitId: c.unitId,
          unitPath: unit.path,
          caseId,
          warningId: null,
          paymentId: null,
          account: a.account,
          accountName: null,
          bank: a.bankUnitId,
          amount: toYuan(share.fen),
          paidAt: null,
          reportedAt: null,
          automatic: false,
          reason: share.basis === 'traced' ? 'refund_traced' : 'refund_pro_rata',
        },
        send,
        false,
      );
      await repo.insertRefunds(tx, [
        {
          id: randomUUID(),
          orderId: o.id,
          caseId,
          victimId: caseId,
          amountFen: share.fen,
          basis: share.basis,
          notBefore,
        },
      ]);
      await audit(tx, actor, {
        action: 'create',
        entityType: 'order_refund',
        entityId: o.id,
        details: { caseId, amount: toYuan(share.fen), basis: share.basis, notBefore: notBefore?.toISOString() ?? null },
      });
      const full = (await repo.findOrder(tx, o.id))!;
      out.push(present(full, side, false, rt.clock(), rt.config));
    }
    if (!out.length) throw conflict('nothing held on this case’s accounts is left to refund to its victim', 'caseId');
    return out;
  });
}

/** The officer records that the money of an executed refund order reached the victim (返还 done). */
export async function recordReturned(rt: OrdersRuntime, actor: Actor, id: string, body: ReturnedBody) {
  assertCan(actor, 'orders:write');
  return rt.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor);
    if (side.kind === 'bank') throw notFound('order');
    const o = await repo.findOrder(tx, id, true);
    if (!o || !o.unitPath.startsWith(actor.unitPath)) throw notFound('order');
    if (o.kind !== 'refund') throw invalid('id', 'only a refund order is returned to a victim');
    if (o.status !== 'executed' && o.status !== 'partial')
      throw illegalTransition(`the bank has not executed the refund (it is ${o.status})`);
    if (o.returnedFen !== null) throw alreadyDone('already recorded as returned', 'returned');
    const executed = o.amountStoppedFen ?? o.amountFen ?? 0;
    const fen = body.amount === undefined ? executed : toFen(body.amount);
    if (fen > executed) throw invalid('amount', `more than the bank executed (${toYuan(executed)})`);
    const now = rt.now();
    await repo.updateOrder(tx, id, { returnedFen: fen, updatedAt: now });
    await repo.markRefundReturned(tx, id, now);
    await repo.insertStep(tx, {
      id: randomUUID(),
      orderId: id,
      at: now,
      step: 'returned',
      fromStatus: o.status,
      toStatus: o.status,
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
      details: { amount: toYuan(fen), ...(body.note ? { note: body.note } : {}) },
    });
    await audit(tx, actor, {
      action: 'update',
      entityType: 'order_refund',
      entityId: id,
      details: { returned: toYuan(fen), caseId: o.caseId },
    });
    await rt.publish(tx, 'order.updated', {
      orderId: id,
      ...(o.caseId ? { caseId: o.caseId } : {}),
      kind: o.kind,
      status: o.status,
      account: o.accountKey,
      bank: o.bankUnitId ?? o.bankName ?? '',
      ...(o.amountFen !== null ? { amount: toYuan(o.amountFen) } : {}),
      ...(o.amountStoppedFen !== null ? { amountStopped: toYuan(o.amountStoppedFen) } : {}),
      unitId: o.unitId,
      at: now.toISOString(),
    });
    const row = (await repo.findOrder(tx, id))!;
    return present(row, side, false, rt.clock(), rt.config);
  });
}

/** Sends the refund drafts whose notice is over (the sweep). */
export async function sendDueRefunds(rt: OrdersRuntime, actor: Actor): Promise<number> {
  let n = 0;
  for (const { id } of await repo.refundsDue(rt.db, rt.now())) {
    await rt.db.transaction(async (tx) => {
      const o = await repo.findOrder(tx, id, true);
      if (!o || o.status !== 'draft') return;
      await applyCommand(rt, tx, actor, o, { type: 'send' });
      n++;
    });
  }
  return n;
}
