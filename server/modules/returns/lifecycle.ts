// 劝返 status as a pure state machine with a due date. No I/O: service.ts applies it inside a transaction.
//   abroad (在境外) ──▶ persuading (劝返中) ──▶ returned (已劝返)
//        │                   │        └──────▶ written_off (已核减: verified not abroad, deceased, duplicate, …)
//        └───────────────────┴──▶ returned | written_off
//   returned ──▶ abroad (left again: a new item on the board)
// Open statuses are the board's items ("逐一销账": each stays until closed); closed ones leave it.

export const RETURN_STATUSES = ['abroad', 'persuading', 'returned', 'written_off'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const OPEN_STATUSES: readonly ReturnStatus[] = ['abroad', 'persuading'];

const NEXT: Record<ReturnStatus, readonly ReturnStatus[]> = {
  abroad: ['persuading', 'returned', 'written_off'],
  persuading: ['abroad', 'returned', 'written_off'],
  returned: ['abroad'],
  written_off: [],
};

/** Days given to close an item when it is listed, and again when it goes back to 在境外. */
export const DEFAULT_DUE_DAYS = 30;
const DAY = 86_400_000;

export const isOpen = (s: ReturnStatus) => OPEN_STATUSES.includes(s);
export const canMove = (from: ReturnStatus, to: ReturnStatus) => NEXT[from].includes(to);

export interface Transition {
  status: ReturnStatus;
  dueAt: Date;
  closedAt: Date | null;
}

/**
 * The next state, or a reason why not. Closing (returned, written_off) needs a reason for 核减; reopening
 * (back to abroad) sets a new due date. `dueAt` given explicitly wins (an extension agreed by the unit).
 */
export function transition(
  current: { status: ReturnStatus; dueAt: Date },
  to: ReturnStatus,
  now: Date,
  o: { reason?: string; dueAt?: Date } = {},
): Transition | { error: string; field: string } {
  if (!canMove(current.status, to)) return { error: `cannot go from ${current.status} to ${to}`, field: 'status' };
  if (to === 'written_off' && !o.reason?.trim()) return { error: '核减 needs a reason', field: 'reason' };
  if (o.dueAt && o.dueAt.getTime() <= now.getTime())
    return { error: 'the due date must be in the future', field: 'dueAt' };
  const reopened = current.status === 'returned' && to === 'abroad';
  const dueAt = o.dueAt ?? (reopened ? new Date(now.getTime() + DEFAULT_DUE_DAYS * DAY) : current.dueAt);
  return { status: to, dueAt, closedAt: isOpen(to) ? null : now };
}

export const initialDue = (now: Date, days = DEFAULT_DUE_DAYS) => new Date(now.getTime() + days * DAY);

/** Open and past its due date. */
export const isOverdue = (p: { status: ReturnStatus; dueAt: Date }, now: Date) =>
  isOpen(p.status) && p.dueAt.getTime() < now.getTime();

/**
 * The return rate: returned / (everyone listed − 核减). Written-off people were never (or are no longer) to be
 * brought back, so they leave the denominator, as in the centres' reports (seed 004: 1,709 returned, 87.02 %).
 */
export function returnRate(c: { total: number; returned: number; writtenOff: number }): number | null {
  const den = c.total - c.writtenOff;
  return den > 0 ? Math.round((c.returned / den) * 10_000) / 10_000 : null;
}
