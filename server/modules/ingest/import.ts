// CSV / XLSX import for batch partners: one event per row. Columns: `type, id, source, occurredAt`, the subject
// (`subject.phone`, `subject.idNumber`, `subject.account`, `subject.name`), then EITHER a `payload` column holding
// the type's fields as JSON OR flat columns named like the contract fields (docs/integration.md).
import { DEFAULT_XLSX_LIMITS, readXlsx } from '../../platform/xlsx.ts';

const NUMERIC = new Set(['durationSec', 'amount']);
const LIST = new Set(['peers']); // separated by ';'
const COMMON = new Set(['type', 'id', 'source', 'occurredAt', 'payload']);

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); a UTF-8 BOM is dropped. */
export function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out: string[][] = [];
  let row: string[] = [],
    field = '',
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      out.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
  return out.filter((r) => r.some((c) => c.trim() !== ''));
}

export interface SheetRow {
  rowNumber: number;
  values: Record<string, string>;
}

export function csvRows(text: string): SheetRow[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  const names = header.map((h) => h.trim());
  // Row numbers as a spreadsheet shows them (header = 1); blank lines were dropped, so count from the source.
  return body.map((cells, i) => ({
    rowNumber: i + 2,
    values: Object.fromEntries(names.map((n, k) => [n, (cells[k] ?? '').trim()])),
  }));
}

export async function sheetRows(
  file: { filename: string; mimetype: string; data: Buffer },
  maxRows = 10_000,
): Promise<SheetRow[]> {
  const isXlsx = /\.xlsx$/i.test(file.filename) || file.mimetype.includes('spreadsheetml');
  // the ZIP is checked before exceljs parses it: unpacked size and row count capped (platform/xlsx.ts)
  if (isXlsx) return (await readXlsx(file.data, { ...DEFAULT_XLSX_LIMITS, maxRows })).rows;
  return csvRows(file.data.toString('utf8'));
}

/** Builds the contract object of a row; a bad `payload` cell is reported as the row's error. */
export function rowToEvent(values: Record<string, string>): { event: Record<string, unknown> } | { error: string } {
  const e: Record<string, unknown> = {};
  const subject: Record<string, string> = {};
  for (const [k, raw] of Object.entries(values)) {
    if (raw === '') continue;
    if (k.startsWith('subject.')) subject[k.slice(8)] = raw;
    else if (COMMON.has(k)) {
      if (k !== 'payload') e[k] = raw;
    } else if (NUMERIC.has(k)) e[k] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    else if (LIST.has(k))
      e[k] = raw
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    else e[k] = raw;
  }
  e.subject = subject;
  if (values.payload) {
    let p: unknown;
    try {
      p = JSON.parse(values.payload);
    } catch {
      return { error: 'payload: not valid JSON' };
    }
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return { error: 'payload: must be a JSON object' };
    Object.assign(e, p, { subject: { ...subject, ...((p as { subject?: object }).subject ?? {}) } });
  }
  return { event: e };
}
