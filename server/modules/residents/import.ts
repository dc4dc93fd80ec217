import { randomUUID } from 'node:crypto';
import { and, inArray, like } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, type Actor } from '../../platform/auth/actor.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { DEFAULT_XLSX_LIMITS, readXlsx, XlsxRefused } from '../../platform/xlsx.ts';
import { hasUnstorableText, normalizePhone, parseResidentId } from '../identifiers/index.ts';
import { audit } from '../audit/index.ts';
import { units } from '../org/schema.ts';
import * as repo from './repository.ts';
import type { ResidentImportReport } from '../../../contract/access.ts';

/**
 * Bulk import of the resident registry from the spreadsheets communities keep. All or nothing: one bad row
 * and nothing is written. The answer is a summary: counts and the first REPORTED_ERRORS bad rows (a 1M-row file
 * answered every row, 62 MB — issue 10).
 */

/** How many bad rows the answer names (the counts cover them all). */
export const REPORTED_ERRORS = 100;

export interface TableRow {
  rowNumber: number;
  values: Record<string, string>;
}

/** RFC 4180 CSV (quoted fields, "" escapes, CRLF), UTF-8 with or without BOM. */
export function parseCsv(text: string): { headers: string[]; rows: TableRow[] } {
  const records: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let q = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      rec.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      rec.push(field);
      records.push(rec);
      rec = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || rec.length) {
    rec.push(field);
    records.push(rec);
  }
  const headers = (records[0] ?? []).map((h) => h.trim());
  const rows: TableRow[] = [];
  records.slice(1).forEach((r, i) => {
    const values: Record<string, string> = {};
    headers.forEach((h, j) => (values[h] = (r[j] ?? '').trim()));
    if (Object.values(values).some((v) => v !== '')) rows.push({ rowNumber: i + 2, values });
  });
  return { headers, rows };
}

/** A CSV or XLSX upload, told apart by its content (XLSX is a ZIP: "PK"), not by a name the client chose. */
export async function readTable(
  data: Buffer,
  maxRows = DEFAULT_XLSX_LIMITS.maxRows,
): Promise<{ headers: string[]; rows: TableRow[] }> {
  let t: { headers: string[]; rows: TableRow[] };
  if (data.length >= 2 && data[0] === 0x50 && data[1] === 0x4b) {
    try {
      t = await readXlsx(data, { ...DEFAULT_XLSX_LIMITS, maxRows });
    } catch (err) {
      // a broken file is the sender's mistake (400), one too big once unpacked or too long is 413: never a 500
      if (err instanceof XlsxRefused)
        throw err.kind === 'broken' ? invalid('file', err.message) : new AppError('payload_too_large', err.message);
      throw err;
    }
  } else t = parseCsv(data.toString('utf8'));
  if (t.rows.length > maxRows) throw new AppError('payload_too_large', `more than ${maxRows} rows`);
  return t;
}

const COLUMNS = {
  name: ['姓名', 'name'],
  idNumber: ['身份证号', 'id_number', 'idNumber'],
  phone: ['手机号', 'phone'],
  address: ['住址', 'address'],
  grid: ['网格', 'grid'],
  birthYear: ['出生年份', 'birth_year', 'birthYear'],
  occupation: ['职业', 'occupation'],
  relatives: ['亲属电话', 'relatives'],
} as const;

export function pick(values: Record<string, string>, names: readonly string[]): string {
  for (const n of names) {
    const k = Object.keys(values).find((h) => h.toLowerCase() === n.toLowerCase());
    if (k !== undefined && values[k]) return values[k]!;
  }
  return '';
}

/** the first REPORTED_ERRORS bad rows are named (contract/access.ts) */
export type ImportReport = ResidentImportReport;

function summary(imported: number, report: { row: number; ok: boolean; id?: string; error?: string }[]): ImportReport {
  const bad = report.filter((r) => !r.ok);
  return {
    imported,
    total: report.length,
    failed: bad.length,
    rows: bad.slice(0, REPORTED_ERRORS),
    truncated: bad.length > REPORTED_ERRORS,
  };
}

export async function importResidents(db: Db, actor: Actor, data: Buffer): Promise<ImportReport> {
  assertCan(actor, 'residents:write');
  const table = await readTable(data);
  if (!table.rows.length) throw invalid('file', 'no data rows');
  if (!table.headers.some((h) => COLUMNS.name.some((n) => n.toLowerCase() === h.toLowerCase())))
    throw invalid('file', 'missing column 姓名/name');
  return db.transaction(async (tx) => {
    // grids the actor may write to, by code and by name
    const grids = await tx
      .select({ id: units.id, code: units.code, name: units.name })
      .from(units)
      .where(and(like(units.path, `${actor.unitPath}%`), inArray(units.kind, ['grid', 'station'])));
    const report: ImportReport['rows'] = [];
    const seen = new Set<string>();
    const inserts: Parameters<typeof repo.insertResident>[1][] = [];
    for (const { rowNumber, values } of table.rows) {
      const err = (e: string) => report.push({ row: rowNumber, ok: false, error: e });
      const unstorable = Object.keys(values).find((h) => hasUnstorableText(values[h]));
      if (unstorable !== undefined) {
        err(`${unstorable.slice(0, 20)}: contains a NUL character, which cannot be stored`);
        continue;
      }
      const name = pick(values, COLUMNS.name);
      if (!name || name.length > 50) {
        err('姓名 required (≤ 50 characters)');
        continue;
      }
      const rawId = pick(values, COLUMNS.idNumber);
      const id = rawId ? parseResidentId(rawId) : null;
      if (id && !id.ok) {
        err(`身份证号: ${id.reason ?? 'invalid'}`);
        continue;
      }
      const rawPhone = pick(values, COLUMNS.phone);
      const phone = rawPhone ? normalizePhone(rawPhone) : null;
      if (phone && !phone.ok) {
        err(`手机号: ${phone.reason ?? 'invalid'}`);
        continue;
      }
      const g = pick(values, COLUMNS.grid);
      const grid = grids.find((x) => x.code === g) ?? grids.find((x) => x.name === g);
      if (!grid) {
        err(`网格 "${g}" not found in your jurisdiction`);
        continue;
      }
      const by = pick(values, COLUMNS.birthYear);
      if (by && !/^(19|20)\d\d$/.test(by)) {
        err('出生年份 must be a year');
        continue;
      }
      const idNumber = id?.ok ? id.normalized! : null;
      if (idNumber && seen.has(idNumber)) {
        err('身份证号 repeated in the file');
        continue;
      }
      if (idNumber) seen.add(idNumber);
      const relatives = pick(values, COLUMNS.relatives)
        .split(/[;；]/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => ({ phone: p }));
      const rid = randomUUID();
      inserts.push({
        id: rid,
        name,
        idNumber,
        phone: phone?.ok ? (phone.national ?? rawPhone) : null,
        address: pick(values, COLUMNS.address) || null,
        unitId: grid.id,
        birthYear: by ? Number(by) : id?.ok && id.birthDate ? Number(id.birthDate.slice(0, 4)) : null,
        occupation: pick(values, COLUMNS.occupation) || null,
        relatives: relatives.length ? relatives : null,
      });
      report.push({ row: rowNumber, ok: true, id: rid });
    }
    const ids = inserts.map((r) => r.idNumber).filter((x): x is string => !!x);
    if (ids.length) {
      const existing = await repo.existingIdNumbers(tx, ids, actor.unitPath);
      const byId = new Map(inserts.map((x) => [x.id, x]));
      for (const r of report) {
        const row = r.id ? byId.get(r.id) : undefined;
        if (row?.idNumber && existing.has(row.idNumber))
          Object.assign(r, { ok: false, error: '身份证号 already in the registry', id: undefined });
      }
    }
    if (report.some((r) => !r.ok)) return summary(0, report);
    for (const r of inserts) await repo.insertResident(tx, r);
    await audit(tx, actor, {
      action: 'import',
      entityType: 'resident',
      details: { rows: inserts.length, ids: inserts.map((r) => r.id) },
    });
    return summary(inserts.length, report);
  });
}
