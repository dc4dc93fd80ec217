import { describe, expect, it } from 'vitest';
import { checkStatement, splitCsv } from './statements.ts';
import { decide } from './demo.ts';

describe('statement files', () => {
  it('reads UTF-8 and GBK CSV, reports rows of the wrong width and repeated serials', () => {
    const utf8 = Buffer.from('\uFEFF交易流水号,金额\nA1,1\nA2,2\n');
    expect(checkStatement(utf8, 's.csv')).toEqual({ encoding: 'utf-8', rows: 2, problems: [] });
    const gbk = Buffer.from([0xbd, 0xbb, 0xd2, 0xd7, 0x2c, 0x61, 0x0a, 0x31, 0x2c, 0x32, 0x0a]); // 交易,a \n 1,2
    expect(checkStatement(gbk, 's.csv')).toMatchObject({ encoding: 'gbk', rows: 1, problems: [] });
    const bad = checkStatement(Buffer.from('流水号,金额\nA1,1\nA1,2\nA3\n'), 's.csv');
    expect(bad.problems).toEqual([
      { field: 'rows[3]', reason: 'serial A1 repeats row 2' },
      { field: 'rows[4]', reason: '1 columns, the header has 2' },
    ]);
    expect(checkStatement(Buffer.from([0x41, 0x81, 0x20, 0x0a]), 's.csv').problems[0]!.reason).toMatch(/UTF-8 nor GBK/);
    expect(checkStatement(Buffer.from('x'), 's.pdf').problems[0]!.field).toBe('name');
    expect(checkStatement(Buffer.from('PK\x03\x04rest'), 's.xlsx')).toMatchObject({ encoding: 'xlsx', problems: [] });
    expect(checkStatement(Buffer.from('plain'), 's.xlsx').problems).toHaveLength(1);
  });
  it('splits quoted cells', () => {
    expect(splitCsv('a,"b,c","d""e",')).toEqual(['a', 'b,c', 'd"e', '']);
  });
});

describe('demo banks', () => {
  it('answer most orders, some partly, some not — the same way for the same order', () => {
    const ds = Array.from({ length: 400 }, (_, i) => decide(`order-${i}`, 'stop_payment'));
    const share = (o: string) => ds.filter((d) => d.outcome === o).length / ds.length;
    expect(share('executed')).toBeGreaterThan(0.45);
    expect(share('partial')).toBeGreaterThan(0.12);
    expect(share('rejected')).toBeGreaterThan(0.05);
    for (const d of ds) {
      expect(d.answerAfterMs).toBeGreaterThan(d.ackAfterMs);
      if (d.outcome === 'partial') expect(d.fraction).toBeLessThan(1);
      if (d.outcome === 'rejected') expect(d.reason).toBeTruthy();
    }
    expect(decide('x', 'freeze')).toEqual(decide('x', 'freeze'));
  });
});
