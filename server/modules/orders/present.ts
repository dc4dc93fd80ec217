import type { OrderView } from '../../../contract/orders.ts';
import { maskAccount, maskName } from '../identifiers/index.ts';
import { awaitsBank, HAS_PERIOD, inForce, type OrderKind, type OrderStatus } from './lifecycle.ts';
import type { OrderWithUnits } from './repository.ts';
import { goldenPeriod, toYuan, type OrdersConfig } from './rules.ts';

/** Who is looking: the police side (owning units) or the bank an order is addressed to. */
export type Side = { kind: 'police'; mayWrite: boolean } | { kind: 'bank'; bankUnitId: string; mayWrite: boolean };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const yuan = (fen: number | null) => (fen === null ? null : toYuan(fen));

export function actionsFor(
  o: Pick<OrderWithUnits, 'kind' | 'status' | 'bankUnitId'>,
  side: Side,
): OrderView['actions'] {
  const kind = o.kind as OrderKind;
  const status = o.status as OrderStatus;
  const out: OrderView['actions'] = [];
  if (!side.mayWrite) return out;
  if (side.kind === 'bank') {
    if (side.bankUnitId !== o.bankUnitId) return out;
    if (status === 'sent') out.push('receive');
    if (awaitsBank(status)) out.push('answer');
    if (kind === 'evidence' && (awaitsBank(status) || status === 'executed')) out.push('upload');
    return out;
  }
  if (status === 'draft') {
    if (o.bankUnitId) out.push('send');
    out.push('cancel');
  }
  if (status === 'sent') out.push('cancel');
  if (HAS_PERIOD[kind] && inForce(status)) out.push('release', 'renew');
  return out;
}

/**
 * An order as shown to `side`. The bank it is addressed to sees the account in full (it must act on it); the
 * police see it masked unless they asked with a purpose (`unmasked`).
 */
export function present(o: OrderWithUnits, side: Side, unmasked: boolean, now: number, c: OrdersConfig): OrderView {
  const full = unmasked || (side.kind === 'bank' && side.bankUnitId === o.bankUnitId);
  return {
    id: o.id,
    kind: o.kind as OrderView['kind'],
    status: o.status as OrderView['status'],
    caseId: o.caseId,
    warningId: o.warningId,
    account: full ? o.account : maskAccount(o.account),
    accountName: o.accountName === null ? null : full ? o.accountName : maskName(o.accountName),
    masked: !full,
    bank: o.bankUnitName ?? o.bankName,
    bankUnitId: o.bankUnitId,
    unitId: o.unitId,
    unitName: o.unitName,
    amount: yuan(o.amountFen),
    amountStopped: yuan(o.amountStoppedFen),
    balance: yuan(o.balanceFen),
    returned: yuan(o.returnedFen),
    reason: o.reason,
    automatic: o.automatic,
    previousId: o.previousId,
    createdAt: o.createdAt.toISOString(),
    sentAt: iso(o.sentAt),
    receivedAt: iso(o.receivedAt),
    answeredAt: iso(o.answeredAt),
    dueAt: iso(o.dueAt),
    escalations: o.escalations,
    expiresAt: iso(o.expiresAt),
    golden: golden(o, now, c),
    actions: actionsFor(o, side),
  };
}

function golden(o: OrderWithUnits, now: number, c: OrdersConfig): OrderView['golden'] {
  const g = goldenPeriod(o.paidAt?.getTime() ?? null, o.reportedAt?.getTime() ?? null, now, c);
  const v = (x: { endsAt: number; remainingMs: number } | null) =>
    x ? { endsAt: new Date(x.endsAt).toISOString(), remainingMs: x.remainingMs } : null;
  return { fromPayment: v(g.fromPayment), fromReport: v(g.fromReport) };
}
