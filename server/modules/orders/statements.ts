import type { FieldProblem } from '../../platform/errors.ts';

// Checks a statement file a bank returns with an evidence order before it is stored: XLSX as received, CSV in
// UTF-8 or GBK (as Chinese banks export it), every row as wide as the header, serial numbers unique. Pure.

export interface StatementCheck {
  encoding: 'xlsx' | 'utf-8' | 'gbk';
  rows: number;
  problems: FieldProblem[];
}

const SERIAL_HEADERS = ['交易流水号', '流水号', '交易序号', 'serial', 'serialno', 'transaction id'];

export function checkStatement(bytes: Uint8Array, fileName: string): StatementCheck {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (/\.xlsx$/i.test(fileName) || isZip) {
    return { encoding: 'xlsx', rows: 0, problems: isZip ? [] : [{ field: 'file', reason: 'not an XLSX file' }] };
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
  const serialCol = header.findIndex((h) => SERIAL_HEADERS.includes(h.trim().toLowerCase()));
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const cells = splitCsv(lines[i]!);
    if (cells.length !== header.length) {
      problems.push({ field: `rows[${i + 1}]`, reason: `${cells.length} columns, the header has ${header.length}` });
      continue;
    }
    if (serialCol >= 0) {
      const serial = cells[serialCol]!.trim();
      const first = seen.get(serial);
      if (serial && first !== undefined)
        problems.push({ field: `rows[${i + 1}]`, reason: `serial ${serial} repeats row ${first}` });
      else seen.set(serial, i + 1);
    }
    if (problems.length >= 100) break;
  }
  return { encoding, rows: lines.length - 1, problems };
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
