import type { ApiError } from '../api/client.ts';

// How an import dialog reads a refused file: the server names each bad row in its own way ("rows[12].value",
// "row 3: 姓名"); the feature reads those names into row numbers, this turns the refusal into the table shown.

export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

/** The refusal's field problems (its `field` and its `details`) as rows, each problem once, in row order. */
export function refusedRows(
  e: Pick<ApiError, 'field' | 'reason' | 'message' | 'details'>,
  rows: (details: { field: string; reason: string }[]) => RowProblem[],
): RowProblem[] {
  const all = [...(e.field ? [{ field: e.field, reason: e.reason ?? e.message }] : []), ...e.details];
  const seen = new Set<string>();
  return rows(all)
    .filter((p) => {
      const k = `${p.row}|${p.field}|${p.reason}`;
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .sort((a, b) => a.row - b.row);
}
