// CSV and XLSX import/export of indicator lists. Officers work in spreadsheets: Chinese headers and labels are
// written, and both Chinese and English headers/labels are read back, so an export re-imports unchanged.
import { readXlsx, writeXlsx } from '../../platform/xlsx.ts';
import { FILE_COLUMNS, KIND_LABELS, LIST_LABELS } from '../../../contract/indicators.ts';
import type { IndicatorItemInput } from './rules.ts';
import type { IndicatorRow } from './schema.ts';

export const MAX_IMPORT_ROWS = 100_000;

const kindByLabel = new Map<string, string>(Object.entries(KIND_LABELS).map(([k, v]) => [v, k]));
const listByLabel = new Map<string, string>(Object.entries(LIST_LABELS).map(([k, v]) => [v, k]));
const columnOf = new Map<string, string>(
  FILE_COLUMNS.flatMap((c) => [
    [c.header, c.key],
    [c.en.toLowerCase(), c.key],
  ]),
);

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    field = '',
    quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// A leading = + - @ would make Excel run the cell as a formula (CSV injection): such cells get a ' prefix,
// which Excel hides and the importer strips.
const FORMULA = /^[=+\-@\t]/;
const csvField = (raw: string) => {
  const v = FORMULA.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};
const unguard = (v: string) => (v.startsWith("'") && FORMULA.test(v.slice(1)) ? v.slice(1) : v);

function toItem(values: Record<string, string>): IndicatorItemInput {
  const get = (k: string) => (values[k] ? unguard(values[k].trim()) : '') || undefined;
  const kind = get('kind') ?? '';
  const list = get('list');
  const conf = get('confidence');
  return {
    kind: kindByLabel.get(kind) ?? kind,
    value: get('value') ?? '',
    list: list ? (listByLabel.get(list) ?? list) : undefined,
    reason: get('reason'),
    source: get('source'),
    confidence: conf === undefined ? undefined : Number(conf),
    validUntil: get('validUntil') ?? null,
    fraudType: get('fraudType') ?? null,
  };
}

export type FileRow = { row: number; item: IndicatorItemInput };

/** Rows of an uploaded file (row numbers as a spreadsheet shows them: the header is row 1), or a file-level error. */
export async function readIndicatorFile(
  filename: string,
  data: Buffer,
): Promise<{ rows: FileRow[] } | { error: string }> {
  const isXlsx = data.subarray(0, 2).toString('latin1') === 'PK' || /\.xlsx$/i.test(filename);
  let headers: string[];
  let raw: { rowNumber: number; values: Record<string, string> }[];
  if (isXlsx) {
    try {
      ({ headers, rows: raw } = await readXlsx(data));
    } catch {
      return { error: 'not a readable .xlsx file' };
    }
  } else {
    const table = parseCsv(data.toString('utf8'));
    headers = (table[0] ?? []).map((h) => h.trim());
    raw = table
      .slice(1)
      .map((cells, i) => ({
        rowNumber: i + 2,
        values: Object.fromEntries(headers.map((h, j) => [h, (cells[j] ?? '').trim()])),
      }))
      .filter((r) => Object.values(r.values).some((v) => v !== ''));
  }
  const keys = headers.map((h) => columnOf.get(h) ?? columnOf.get(h.toLowerCase()));
  if (!keys.includes('kind') || !keys.includes('value'))
    return { error: `the header row must name the columns 类型 (kind) and 值 (value)` };
  if (raw.length > MAX_IMPORT_ROWS) return { error: `at most ${MAX_IMPORT_ROWS} rows per file` };
  return {
    rows: raw.map((r) => {
      const values: Record<string, string> = {};
      headers.forEach((h, i) => {
        const k = keys[i];
        if (k) values[k] = r.values[h] ?? '';
      });
      return { row: r.rowNumber, item: toItem(values) };
    }),
  };
}

function fileRow(r: IndicatorRow): Record<string, string> {
  return {
    kind: KIND_LABELS[r.kind as keyof typeof KIND_LABELS] ?? r.kind,
    value: r.value,
    list: LIST_LABELS[r.list as keyof typeof LIST_LABELS] ?? r.list,
    reason: r.reason ?? '',
    source: r.source,
    confidence: String(r.confidence),
    validUntil: r.validUntil?.toISOString() ?? '',
    fraudType: r.fraudType ?? '',
  };
}

export async function writeIndicatorFile(format: 'xlsx' | 'csv', rows: AsyncIterable<IndicatorRow>): Promise<Buffer> {
  if (format === 'xlsx') {
    async function* mapped() {
      for await (const r of rows) yield fileRow(r);
    }
    return writeXlsx(
      '指标库',
      FILE_COLUMNS.map((c) => ({
        header: c.header,
        key: c.key,
        width: c.key === 'value' || c.key === 'reason' ? 36 : 14,
      })),
      mapped(),
    );
  }
  const lines = [FILE_COLUMNS.map((c) => c.header).join(',')];
  for await (const r of rows) {
    const v = fileRow(r);
    lines.push(FILE_COLUMNS.map((c) => csvField(v[c.key]!)).join(','));
  }
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8'); // BOM: Excel opens UTF-8 Chinese correctly
}
