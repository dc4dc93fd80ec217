import type { ReturnPerson } from '../../../../contract/returns.ts';

// The moves the server allows (server/modules/returns/lifecycle.ts; the web may not import server code, so the
// table is repeated here and test/e2e/returns-logic.test.ts checks that both agree on every pair).
export type ReturnStatus = ReturnPerson['status'];
export const RETURN_NEXT: Record<ReturnStatus, readonly ReturnStatus[]> = {
  abroad: ['persuading', 'returned', 'written_off'],
  persuading: ['abroad', 'returned', 'written_off'],
  returned: ['abroad'],
  written_off: [],
};
export const OPEN: readonly ReturnStatus[] = ['abroad', 'persuading'];

/** A status change the server would refuse without a reason. */
export const needsReason = (to: ReturnStatus) => to === 'written_off';

/** Days until the due date (negative: overdue), counted in whole days. */
export function daysLeft(dueAt: string, now = Date.now()): number {
  return Math.ceil((new Date(dueAt).getTime() - now) / 86_400_000);
}

/** "row 3: 身份证号" → { row: 3, field: '身份证号' } (the import's refusal names each bad row this way). */
export function importProblems(
  details: { field: string; reason: string }[],
): { row: number; field: string; reason: string }[] {
  return details
    .map((d) => {
      const m = /^row (\d+): (.+)$/.exec(d.field);
      return m ? { row: Number(m[1]), field: m[2]!, reason: d.reason } : { row: 0, field: d.field, reason: d.reason };
    })
    .sort((a, b) => a.row - b.row);
}
