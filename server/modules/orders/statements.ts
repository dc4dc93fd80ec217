import type { FieldProblem } from '../../platform/errors.ts';
import { readXlsxCells, XlsxRefused } from '../../platform/xlsx.ts';

// Checks a statement file a bank returns with an evidence order before it is stored: CSV in UTF-8 or GBK (as
// Chinese banks export it) or XLSX, the same rules row by row for both — every row as wide as the header, a serial
// number on each row and unique, amounts that are numbers, no text that was decoded with the wrong encoding
// (GBK read as Latin-1, replacement characters). Any problem: the whole file is refused with the report (nothing
// is half-imported). `checkStatement` is the pure CSV/shape part; `checkStatementFile` reads XLSX too.

export interface StatementCheck {
  encoding: 'xlsx' | 'utf-8' | 'gbk';
  rows: number;
  problems: FieldProblem[];
}

const SERIAL_HEADERS = ['交易流水号', '流水号', '交易序号', 'serial', 'serialno', 'transaction id'];
const AMOUNT_HEADERS = ['金额', '交易金额', 'amount'];
const MAX_PROBLEMS = 100;

/** GBK (or UTF-8) bytes shown as Latin-1: runs of À–ÿ and no CJK — "½»Ò×Á÷Ë®ºÅ" for 交易流水号. */
const MOJIBAKE = /[\u00C0-\u00FF][\u0080-\u00FF]/;
const CJK = /[\u4E00-\u9FFF]/;
function encodingProblem(text: string): string | null {
  if (text.includes('\uFFFD')) return 'undecodable characters (U+FFFD): saved with the wrong encoding';
  if (MOJIBAKE.test(text) && !CJK.test(text)) return 'text looks mis-decoded (GBK read as Latin-1): wrong encoding';
  return null;
}

/** The row-by-row rules, the same for CSV and XLSX rows. `rows[n]` names the row as numbered in the file. */
export function checkRows(header: string[], rows: { rowNumber: number; cells: string[] }[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const headerText = header.join(',');
  const enc = encodingProblem(headerText);
  if (enc) problems.push({ field: 'rows[1]', reason: `header: ${enc}` });
  const norm = header.map((h) => h.trim().toLowerCase());
  const serialCol = norm.findIndex((h) => SERIAL_HEADERS.includes(h));
  const amountCol = norm.findIndex((h) => AMOUNT_HEADERS.includes(h));
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of rows) {
    if (problems.length >= MAX_PROBLEMS) break;
    const field = `rows[${rowNumber}]`;
    if (cells.length !== header.length) {
      problems.push({ field, reason: `${cells.length} columns, the header has ${header.length}` });
      continue;
    }
    const bad = encodingProblem(cells.join(','));
    if (bad) {
      problems.push({ field, reason: bad });
      continue;
    }
    if (amountCol >= 0) {
      const a = cells[amountCol]!.trim().replace(/,/g, '');
      if (a !== '' && !/^[+-]?\d+(\.\d+)?$/.test(a))
        problems.push({ field, reason: `amount ${cells[amountCol]!.trim()} is not a number` });
    }
    if (serialCol >= 0) {
      const serial = cells[serialCol]!.trim();
      const first = seen.get(serial);
      if (!serial) problems.push({ field, reason: 'no serial number' });
      else if (first !== undefined) problems.push({ field, reason: `serial ${serial} repeats row ${first}` });
      else seen.set(serial, rowNumber);
    }
  }
  return problems;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** CSV (UTF-8 or GBK) checked row by row; an .xlsx name or ZIP bytes only recognised (`checkStatementFile` reads it). */
export function checkStatement(bytes: Uint8Array, fileName: string): StatementCheck {
  if (/\.xlsx$/i.test(fileName) || isZip(bytes)) {
    return { encoding: 'xlsx', rows: 0, problems: isZip(bytes) ? [] : [{ field: 'file', reason: 'not an XLSX file' }] };
  }
  if (!/\.(csv|txt)$/i.test(fileName))
    return { encoding: 'utf-8', rows: 0, problems: [{ field: 'name', reason: 'a statement is a .csv or .xlsx file' }] };
  let text: string;
  let encoding: 'utf-8' | 'gbk';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    encoding = 'utf-8';
  } catch {
    try {
      text = new TextDecoder('gbk', { fatal: true }).decode(bytes);
      encoding = 'gbk';
    } catch {
      return { encoding: 'utf-8', rows: 0, problems: [{ field: 'file', reason: 'neither UTF-8 nor GBK text' }] };
    }
  }
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return { encoding, rows: 0, problems: [{ field: 'file', reason: 'empty file' }] };
  const header = splitCsv(lines[0]!);
  const rows = lines.slice(1).map((l, i) => ({ rowNumber: i + 2, cells: splitCsv(l) }));
  return { encoding, rows: rows.length, problems: checkRows(header, rows) };
}

/** Any statement file: CSV as `checkStatement`; XLSX read (size- and row-capped) and its rows checked the same way. */
export async function checkStatementFile(bytes: Buffer, fileName: string): Promise<StatementCheck> {
  const first = checkStatement(bytes, fileName);
  if (first.encoding !== 'xlsx' || first.problems.length) return first;
  let rows: { rowNumber: number; cells: string[] }[];
  try {
    rows = await readXlsxCells(bytes);
  } catch (e) {
    if (e instanceof XlsxRefused)
      return { encoding: 'xlsx', rows: 0, problems: [{ field: 'file', reason: e.message }] };
    throw e;
  }
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!nonEmpty.length) return { encoding: 'xlsx', rows: 0, problems: [{ field: 'file', reason: 'empty file' }] };
  const [head, ...body] = nonEmpty;
  const width = head!.cells.length;
  // a spreadsheet row simply ends at its last filled cell: shorter rows are padded, wider ones stay a problem
  const padded = body.map((r) => ({
    rowNumber: r.rowNumber,
    cells: r.cells.length < width ? [...r.cells, ...Array<string>(width - r.cells.length).fill('')] : r.cells,
  }));
  return { encoding: 'xlsx', rows: body.length, problems: checkRows(head!.cells, padded) };
}

/** One CSV line (RFC 4180 quotes; no line breaks inside quoted cells in bank statements). */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
