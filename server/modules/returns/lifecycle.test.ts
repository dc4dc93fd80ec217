import { describe, expect, it } from 'vitest';
import { canMove, isOverdue, returnRate, transition } from './lifecycle.ts';

const now = new Date('2026-12-01T00:00:00Z');
const due = new Date('2026-12-20T00:00:00Z');

describe('劝返 lifecycle', () => {
  it('moves abroad → persuading → returned and closes', () => {
    const a = transition({ status: 'abroad', dueAt: due }, 'persuading', now);
    expect(a).toEqual({ status: 'persuading', dueAt: due, closedAt: null });
    const b = transition({ status: 'persuading', dueAt: due }, 'returned', now);
    expect(b).toEqual({ status: 'returned', dueAt: due, closedAt: now });
  });
  it('refuses moves the machine does not have', () => {
    expect(canMove('written_off', 'abroad')).toBe(false);
    expect(transition({ status: 'returned', dueAt: due }, 'persuading', now)).toMatchObject({ field: 'status' });
  });
  it('核减 needs a reason; a due date must be in the future', () => {
    expect(transition({ status: 'abroad', dueAt: due }, 'written_off', now)).toMatchObject({ field: 'reason' });
    expect(transition({ status: 'abroad', dueAt: due }, 'written_off', now, { reason: '查无此人' })).toMatchObject({
      status: 'written_off',
    });
    expect(transition({ status: 'abroad', dueAt: due }, 'persuading', now, { dueAt: now })).toMatchObject({
      field: 'dueAt',
    });
  });
  it('leaving again reopens with a new due date', () => {
    const t = transition({ status: 'returned', dueAt: due }, 'abroad', now);
    expect(t).toMatchObject({ status: 'abroad', closedAt: null });
    expect((t as { dueAt: Date }).dueAt.getTime()).toBe(now.getTime() + 30 * 86_400_000);
  });
  it('overdue only while open', () => {
    expect(isOverdue({ status: 'abroad', dueAt: new Date('2026-11-01') }, now)).toBe(true);
    expect(isOverdue({ status: 'returned', dueAt: new Date('2026-11-01') }, now)).toBe(false);
  });
  it('rate = returned / (total − written off), seed 004: 1,709 of 1,964 = 87.02 %', () => {
    expect(returnRate({ total: 1964, returned: 1709, writtenOff: 0 })).toBe(0.8702);
    expect(returnRate({ total: 2000, returned: 1709, writtenOff: 36 })).toBe(0.8702);
    expect(returnRate({ total: 0, returned: 0, writtenOff: 0 })).toBeNull();
  });
});
