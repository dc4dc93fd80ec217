import { describe, expect, it } from 'vitest';
import type { OrderUpdated } from '../orders/index.ts';
import { orderMoney } from './money.ts';

const o = (x: Partial<OrderUpdated>): OrderUpdated => ({
  orderId: 'o1',
  kind: 'stop_payment',
  status: 'sent',
  account: 'a',
  bank: 'b',
  unitId: 'u',
  at: '2026-12-02T08:00:00Z',
  ...x,
});

describe('orderMoney', () => {
  it('counts the amount stopped once the bank answered, not before, not when rejected', () => {
    expect(orderMoney(o({ status: 'sent', amount: 500 }))).toEqual({ kind: 'stop_payment', amount: 0 });
    expect(orderMoney(o({ status: 'executed', amountStopped: 500 }))).toEqual({ kind: 'stop_payment', amount: 500 });
    expect(orderMoney(o({ status: 'partial', amountStopped: 120 }))).toEqual({ kind: 'stop_payment', amount: 120 });
    expect(orderMoney(o({ status: 'rejected', amount: 500 }))).toEqual({ kind: 'stop_payment', amount: 0 });
  });
  it('keeps the amount when the measure ends; a renewal order counts nothing', () => {
    expect(orderMoney(o({ status: 'released', amountStopped: 500 }))!.amount).toBe(500);
    expect(orderMoney(o({ status: 'executed', amountStopped: 500, previousId: 'o0' }))!.amount).toBe(0);
  });
  it('buckets: protective stops with stops, freezes, refunds; evidence orders carry no money', () => {
    expect(orderMoney(o({ kind: 'protective_stop', status: 'executed', amountStopped: 9 }))!.kind).toBe('stop_payment');
    expect(orderMoney(o({ kind: 'freeze', status: 'executed', amountStopped: 9 }))!.kind).toBe('freeze');
    expect(orderMoney(o({ kind: 'refund', status: 'executed', amountStopped: 9 }))!.kind).toBe('refund');
    expect(orderMoney(o({ kind: 'evidence', status: 'executed' }))).toBeNull();
  });
});
