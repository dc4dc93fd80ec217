import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkStatement, checkStatementFile, splitCsv } from './statements.ts';

/** An .xlsx with the rows as given (a row may be wider than the header: a broken export). */
async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('流水');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
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
  it('checks XLSX rows like CSV: width, serials, amounts, wrong encoding — a row-by-row report', async () => {
    const good = await xlsx([
      ['交易流水号', '交易时间', '金额', '对方账户'],
      ['A1', '2026-12-02 08:01', 50000, '6222021234567890128'],
      ['A2', '2026-12-02 08:03', -49000], // trailing empty cells: a spreadsheet row just ends
    ]);
    expect(await checkStatementFile(good, 'stmt.xlsx')).toEqual({ encoding: 'xlsx', rows: 2, problems: [] });
    const bad = await xlsx([
      ['交易流水号', '交易时间', '金额'],
      ['A1', '2026-12-02 08:01', 100],
      ['A1', '2026-12-02 08:02', 200], // repeated serial
      ['A3', '2026-12-02 08:03', 300, 'extra'], // wider than the header
      ['A4', '2026-12-02 08:04', '一百'], // not an amount
      ['', '2026-12-02 08:05', 5], // no serial
      ['A6', 'Ê±¼ä', 7], // GBK bytes shown as Latin-1
      ['A7', 'bad \uFFFD text', 8], // replacement character
    ]);
    const r = await checkStatementFile(bad, 'stmt.xlsx');
    expect(r.rows).toBe(7);
    expect(r.problems).toEqual([
      { field: 'rows[3]', reason: 'serial A1 repeats row 2' },
      { field: 'rows[4]', reason: '4 columns, the header has 3' },
      { field: 'rows[5]', reason: 'amount 一百 is not a number' },
      { field: 'rows[6]', reason: 'no serial number' },
      { field: 'rows[7]', reason: 'text looks mis-decoded (GBK read as Latin-1): wrong encoding' },
      { field: 'rows[8]', reason: 'undecodable characters (U+FFFD): saved with the wrong encoding' },
    ]);
    // a mis-decoded header (a GBK CSV opened as Latin-1 and saved as .xlsx)
    const mojibake = await xlsx([
      ['½»Ò×Á÷Ë®ºÅ', '½ð¶î'],
      ['A1', 1],
    ]);
    expect((await checkStatementFile(mojibake, 's.xlsx')).problems[0]).toEqual({
      field: 'rows[1]',
      reason: 'header: text looks mis-decoded (GBK read as Latin-1): wrong encoding',
    });
    // not a workbook at all, a broken ZIP, an empty sheet
    expect((await checkStatementFile(Buffer.from('流水号,金额\n'), 's.xlsx')).problems).toEqual([
      { field: 'file', reason: 'not an XLSX file' },
    ]);
    expect((await checkStatementFile(Buffer.from('PK\x03\x04broken'), 's.xlsx')).problems[0]!.field).toBe('file');
    expect((await checkStatementFile(await xlsx([]), 's.xlsx')).problems).toEqual([
      { field: 'file', reason: 'empty file' },
    ]);
    // CSV goes through the same rules
    const csv = await checkStatementFile(Buffer.from('流水号,金额\nA1,x\n,2\n'), 's.csv');
    expect(csv.problems).toEqual([
      { field: 'rows[2]', reason: 'amount x is not a number' },
      { field: 'rows[3]', reason: 'no serial number' },
    ]);
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
