import { describe, expect, it } from 'vitest';
import {
  ORDER_KINDS,
  ORDER_STATUSES,
  transition,
  type OrderCommand,
  type OrderKind,
  type OrderStatus,
} from './lifecycle.ts';
import {
  allocateRefund,
  answerDue,
  DEFAULT_ORDERS_CONFIG as C,
  goldenPeriod,
  loadOrdersConfig,
  periodMs,
  remindersDue,
  stopAllowed,
} from './rules.ts';
import { bankFamily, mayAddress, resolveBank } from './banks.ts';

const COMMANDS: OrderCommand[] = [
  { type: 'send' },
  { type: 'receive' },
  { type: 'answer', outcome: 'executed' },
  { type: 'answer', outcome: 'partial', amount: 10 },
  { type: 'answer', outcome: 'rejected', reason: '户名不符' },
  { type: 'refuse', reason: 'stop_limit_reached' },
  { type: 'cancel' },
  { type: 'expire' },
  { type: 'release' },
  { type: 'renew' },
];

// The whole table: for every kind, status and command, the status reached (or null: refused as invalid).
function expected(kind: OrderKind, s: OrderStatus, c: OrderCommand): OrderStatus | null {
  const period = kind === 'stop_payment' || kind === 'freeze' || kind === 'protective_stop';
  switch (c.type) {
    case 'send':
      return s === 'draft' ? 'sent' : null;
    case 'receive':
      return s === 'sent' ? 'received' : null;
    case 'answer':
      if (s !== 'sent' && s !== 'received') return null;
      if (kind === 'evidence' && c.outcome === 'partial') return null;
      return c.outcome;
    case 'refuse':
      return s === 'draft' ? 'refused' : null;
    case 'cancel':
      return s === 'draft' || s === 'sent' ? 'cancelled' : null;
    case 'expire':
      return period && (s === 'executed' || s === 'partial') ? 'expired' : null;
    case 'release':
      return period && (s === 'executed' || s === 'partial') ? 'released' : null;
    case 'renew':
      return period && (s === 'executed' || s === 'partial') ? 'renewed' : null;
  }
}

describe('order lifecycle', () => {
  it('matches the table for every kind × status × command', () => {
    let n = 0;
    for (const kind of ORDER_KINDS)
      for (const status of ORDER_STATUSES)
        for (const c of COMMANDS) {
          const t = transition({ kind, status, amount: 100 }, c);
          const want = expected(kind, status, c);
          expect(t.ok ? t.status : null, `${kind} ${status} ${c.type}`).toBe(want);
          n++;
        }
    expect(n).toBe(ORDER_KINDS.length * ORDER_STATUSES.length * COMMANDS.length);
  });

  it('final states accept nothing', () => {
    for (const status of ['rejected', 'refused', 'cancelled', 'expired', 'released', 'renewed'] as const) {
      for (const c of COMMANDS) expect(transition({ kind: 'freeze', status, amount: 1 }, c).ok).toBe(false);
    }
  });

  it('checks answers: partial needs an amount below the one asked, rejection a reason, no negative money', () => {
    const o = { kind: 'stop_payment' as const, status: 'sent' as const, amount: 5000 };
    expect(transition(o, { type: 'answer', outcome: 'partial' })).toMatchObject({ ok: false, field: 'amount' });
    expect(transition(o, { type: 'answer', outcome: 'partial', amount: 5000 })).toMatchObject({
      ok: false,
      field: 'amount',
    });
    expect(transition(o, { type: 'answer', outcome: 'partial', amount: 1200, balance: 1200 })).toMatchObject({
      ok: true,
      status: 'partial',
      amountStopped: 1200,
      balance: 1200,
    });
    expect(transition(o, { type: 'answer', outcome: 'rejected', reason: '  ' })).toMatchObject({
      ok: false,
      field: 'reason',
    });
    expect(transition(o, { type: 'answer', outcome: 'executed', amount: -1 })).toMatchObject({
      ok: false,
      field: 'amount',
    });
    expect(transition(o, { type: 'answer', outcome: 'executed' })).toMatchObject({
      ok: true,
      status: 'executed',
      amountStopped: 5000,
    });
  });
});

describe('order rules', () => {
  it('periods and limits come from the configuration', () => {
    expect(periodMs('stop_payment', C)).toBe(48 * 3_600_000);
    expect(periodMs('freeze', C)).toBe(183 * 86_400_000);
    expect(periodMs('evidence', C)).toBeNull();
    expect(stopAllowed('stop_payment', 1, C)).toBe(true);
    expect(stopAllowed('stop_payment', 2, C)).toBe(false);
    expect(stopAllowed('protective_stop', 2, C)).toBe(false);
    expect(stopAllowed('freeze', 9, C)).toBe(true);
    expect(stopAllowed('stop_payment', 2, { ...C, maxStopsPerAccount: 3 })).toBe(true);
    expect(answerDue('stop_payment', 0, C)).toBe(15 * 60_000);
    expect(answerDue('stop_payment', 0, C, 2)).toBe(45 * 60_000);
  });

  it('reads and checks ZHIWANG_ORDERS_* variables', () => {
    expect(loadOrdersConfig({ ZHIWANG_ORDERS_SEND: 'confirm', ZHIWANG_ORDERS_MAX_STOPS: '3' })).toMatchObject({
      sendMode: 'confirm',
      maxStopsPerAccount: 3,
    });
    expect(() => loadOrdersConfig({ ZHIWANG_ORDERS_SEND: 'maybe' })).toThrow(/auto or confirm/);
    expect(() => loadOrdersConfig({ ZHIWANG_ORDERS_STOP_HOURS: '-1' })).toThrow(/STOP_HOURS/);
  });

  it('counts the golden half hour down from the payment and from the report', () => {
    const g = goldenPeriod(0, 10 * 60_000, 20 * 60_000, C);
    expect(g.fromPayment).toEqual({ endsAt: 30 * 60_000, remainingMs: 10 * 60_000 });
    expect(g.fromReport).toEqual({ endsAt: 40 * 60_000, remainingMs: 20 * 60_000 });
    expect(goldenPeriod(0, null, 99 * 60_000, C)).toEqual({
      fromPayment: { endsAt: 30 * 60_000, remainingMs: 0 },
      fromReport: null,
    });
  });

  it('reminds before a freeze expires, once per configured day', () => {
    const day = 86_400_000,
      exp = 100 * day;
    expect(remindersDue(exp, 0, exp - 20 * day, C)).toBe(0);
    expect(remindersDue(exp, 0, exp - 10 * day, C)).toBe(1);
    expect(remindersDue(exp, 1, exp - 10 * day, C)).toBe(0);
    expect(remindersDue(exp, 1, exp - 2 * day, C)).toBe(1);
  });

  it('returns traced money first, the rest pro rata, to the fen', () => {
    const r = allocateRefund(10_000, [
      { victimId: 'a', tracedFen: 3_000, lossFen: 5_000 },
      { victimId: 'b', tracedFen: 0, lossFen: 3_000 },
      { victimId: 'c', tracedFen: 0, lossFen: 3_000 },
    ]);
    expect(r).toEqual([
      { victimId: 'a', fen: 3_000, basis: 'traced' },
      { victimId: 'a', fen: 1_750, basis: 'pro_rata' },
      { victimId: 'b', fen: 2_625, basis: 'pro_rata' },
      { victimId: 'c', fen: 2_625, basis: 'pro_rata' },
    ]);
    const odd = allocateRefund(100, [
      { victimId: 'x', tracedFen: 0, lossFen: 1 },
      { victimId: 'y', tracedFen: 0, lossFen: 1 },
      { victimId: 'z', tracedFen: 0, lossFen: 1 },
    ]);
    expect(odd.reduce((s, v) => s + v.fen, 0)).toBe(3); // never more than what was lost
    const some = allocateRefund(100, [
      { victimId: 'x', tracedFen: 0, lossFen: 1000 },
      { victimId: 'y', tracedFen: 0, lossFen: 1000 },
      { victimId: 'z', tracedFen: 0, lossFen: 1000 },
    ]);
    expect(some.map((v) => v.fen)).toEqual([34, 33, 33]);
  });

  it('shares mixed money pro rata to the traced claims when it does not cover them all', () => {
    // two victims paid 6,000 and 2,000 into one account; 4,000 is held: whose is left cannot be told
    expect(
      allocateRefund(400_000, [
        { victimId: 'a', tracedFen: 600_000, lossFen: 600_000 },
        { victimId: 'b', tracedFen: 200_000, lossFen: 200_000 },
      ]),
    ).toEqual([
      { victimId: 'a', fen: 300_000, basis: 'pro_rata' },
      { victimId: 'b', fen: 100_000, basis: 'pro_rata' },
    ]);
    // one claimant: what is held is theirs (traced), never more than they paid
    expect(allocateRefund(900, [{ victimId: 'a', tracedFen: 1_000, lossFen: 1_000 }])).toEqual([
      { victimId: 'a', fen: 900, basis: 'traced' },
    ]);
    expect(allocateRefund(5_000, [{ victimId: 'a', tracedFen: 1_000, lossFen: 1_000 }])).toEqual([
      { victimId: 'a', fen: 1_000, basis: 'traced' },
    ]);
  });
});

describe('banks', () => {
  const banks = [
    { id: 'icbc', name: '中国工商银行河池分行', code: '102-4512', path: '/root/gx/hc/icbc/' },
    { id: 'icbc-nn', name: '中国工商银行南宁分行', code: '102-4501', path: '/root/gx/nn/icbc-nn/' },
    { id: 'abc', name: '中国农业银行河池分行', code: '103-4512', path: '/root/gx/hc/abc/' },
  ];
  it('knows a bank by its name, short name or id, nearest to the case', () => {
    expect(bankFamily('中国工商银行')).toBe('工商');
    expect(bankFamily('工行')).toBe('工商');
    expect(bankFamily('中国银行股份有限公司')).toBe('中国');
    expect(resolveBank(banks, '中国工商银行', undefined, '/root/gx/hc/jcj/st1/')?.id).toBe('icbc');
    expect(resolveBank(banks, '工行', undefined, '/root/gx/nn/x/')?.id).toBe('icbc-nn');
    expect(resolveBank(banks, undefined, '中国农业银行', '/root/gx/hc/jcj/')?.id).toBe('abc');
    expect(resolveBank(banks, 'abc', undefined, '/elsewhere/')?.id).toBe('abc');
    expect(resolveBank(banks, '招商银行', undefined, '/root/gx/hc/')).toBeNull();
    expect(resolveBank(banks, '工商银行', undefined, '/root/other/')).toBeNull(); // two candidates, none near
  });
  it('lets a unit address the banks serving its area', () => {
    expect(mayAddress('/root/gx/hc/jcj/st1/', '/root/gx/hc/icbc/')).toBe(true);
    expect(mayAddress('/root/gx/nn/x/', '/root/gx/hc/icbc/')).toBe(false);
    expect(mayAddress('/root/gx/', '/root/gx/hc/icbc/')).toBe(true);
  });
});
