import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export interface Column {
  header: string;
  key: string;
  width?: number;
}

/** One-sheet Excel workbook from rows (officers live in spreadsheets: exports are .xlsx with Chinese headers). */
export async function writeXlsx(
  sheetName: string,
  columns: Column[],
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  for await (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Limits of a spreadsheet upload, checked on the ZIP before any XML is parsed. */
export interface XlsxLimits {
  maxUnzippedBytes: number;
  maxRows: number;
}
export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxUnzippedBytes: 64 * 1024 * 1024, maxRows: 50_000 };

/** A spreadsheet refused before parsing: broken (400) or too big once unpacked / too many rows (413). */
export class XlsxRefused extends Error {
  constructor(
    readonly kind: 'broken' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Walks the ZIP's central directory and inflates every entry with a hard output cap (declared sizes can lie: a
 * 1.5 MB file unpacked to 390 MB), so a zip bomb costs at most `maxUnzippedBytes` of work and memory; counts the
 * rows of the sheets (`<row` elements) against `maxRows`. Runs before exceljs sees the file.
 */
export function checkXlsx(data: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): void {
  const broken = (why: string) => new XlsxRefused('broken', `not a readable XLSX file (${why})`);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken('no ZIP directory');
  const entries = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  let budget = limits.maxUnzippedBytes;
  let rows = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw broken('bad ZIP directory');
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const nameLen = data.readUInt16LE(p + 28),
      extraLen = data.readUInt16LE(p + 30),
      commentLen = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) throw broken('bad ZIP entry');
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    if (start + compressed > data.length) throw broken('truncated');
    const raw = data.subarray(start, start + compressed);
    let out: Buffer;
    try {
      out =
        method === 0
          ? raw
          : method === 8
            ? inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) })
            : (() => {
                throw broken('unsupported compression');
              })();
    } catch (err) {
      if (err instanceof XlsxRefused) throw err;
      if (
        (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ||
        (err as Error).message?.includes('maxOutputLength')
      ) {
        throw new XlsxRefused('too_large', `the spreadsheet unpacks to more than ${limits.maxUnzippedBytes} bytes`);
      }
      throw broken('corrupt data');
    }
    budget -= out.length;
    if (budget < 0)
      throw new XlsxRefused('too_large', `the spreadsheet unpacks to more than ${limits.maxUnzippedBytes} bytes`);
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      for (let i = out.indexOf('<row'); i >= 0; i = out.indexOf('<row', i + 4)) {
        if (++rows > limits.maxRows + 1) throw new XlsxRefused('too_large', `more than ${limits.maxRows} rows`);
      }
    }
  }
}

/**
 * Reads the first sheet into objects keyed by the header row's text; empty rows are skipped. The file is checked
 * first (`checkXlsx`): a broken or oversized one is an `XlsxRefused`, never an exception from inside exceljs.
 */
export async function readXlsx(
  data: Buffer,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): Promise<{ headers: string[]; rows: { rowNumber: number; values: Record<string, string> }[] }> {
  checkXlsx(data, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as never);
  } catch {
    throw new XlsxRefused('broken', 'not a readable XLSX file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (headers[col - 1] = String(cell.text ?? '').trim()));
  const rows: { rowNumber: number; values: Record<string, string> }[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    headers.forEach((h, i) => (values[h] = String(row.getCell(i + 1).text ?? '').trim()));
    if (Object.values(values).some((v) => v !== '')) rows.push({ rowNumber, values });
  });
  return { headers, rows };
}

/**
 * Reads the first sheet as raw rows of cell texts (index = column − 1), keeping cells past the header and the row
 * numbers as in the file: for row-by-row checks (statement files) that must see a row wider than its header.
 */
export async function readXlsxCells(
  data: Buffer,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): Promise<{ rowNumber: number; cells: string[] }[]> {
  checkXlsx(data, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as never);
  } catch {
    throw new XlsxRefused('broken', 'not a readable XLSX file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: { rowNumber: number; cells: string[] }[] = [];
  sheet.eachRow((row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => (cells[col - 1] = String(cell.text ?? '')));
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    rows.push({ rowNumber, cells });
  });
  return rows;
}
