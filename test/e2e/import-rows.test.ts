import { describe, expect, it } from 'vitest';
import { refusedRows } from '../../web/src/components/importRows.ts';
import { indicatorRows } from '../../web/src/features/indicators/api.ts';
import { importProblems } from '../../web/src/features/returns/transitions.ts';

// The shared import dialog's reading of a refused file (unit project): the refusal's own field and its details,
// each bad row once and in row order, whichever way the feature's server names the rows.

describe('a refused import as rows', () => {
  it('reads the indicators\' "rows[N].field" names, the refusal\'s own field first, each problem once', () => {
    const refusal = {
      field: 'rows[7].value',
      reason: 'not a phone number',
      message: '输入有误',
      details: [
        { field: 'rows[7].value', reason: 'not a phone number' },
        { field: 'rows[2].kind', reason: 'unknown kind' },
        { field: 'file', reason: 'too many rows' },
      ],
    };
    expect(refusedRows(refusal, indicatorRows)).toEqual([
      { row: 0, field: 'file', reason: 'too many rows' },
      { row: 2, field: 'kind', reason: 'unknown kind' },
      { row: 7, field: 'value', reason: 'not a phone number' },
    ]);
  });

  it('reads the 劝返 "row N: 列" names, and keeps a problem without a reason of its own under the message', () => {
    const refusal = {
      field: 'row 4: 身份证号',
      reason: undefined,
      message: 'bad id',
      details: [
        { field: 'row 3: 姓名', reason: 'required' },
        { field: 'row 3: 姓名', reason: 'required' },
      ],
    };
    expect(refusedRows(refusal, importProblems)).toEqual([
      { row: 3, field: '姓名', reason: 'required' },
      { row: 4, field: '身份证号', reason: 'bad id' },
    ]);
  });
});
