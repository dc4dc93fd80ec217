import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, type Actor } from '../../platform/auth/actor.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { DEFAULT_XLSX_LIMITS, readXlsx, writeXlsx, XlsxRefused } from '../../platform/xlsx.ts';
import { audit } from '../audit/index.ts';
import type { NewReturnPerson } from '../../../contract/returns.ts';
import { checkPerson, present, type Clock } from './service.ts';
import * as repo from './repository.ts';

/** Upload limits: 5 MB file, 5,000 rows (a county's list is hundreds). */
export const RETURNS_IMPORT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 5_000 };

/** The spreadsheet's columns (Chinese headers, as the units keep them) → fields. */
export const RETURN_COLUMNS: { header: string; field: keyof NewReturnPerson; required?: boolean }[] = [
  { header: '姓名', field: 'name', required: true },
  { header: '身份证号', field: 'idNumber' },
  { header: '手机号', field: 'phone' },
  { header: '滞留地', field: 'location', required: true },
  { header: '户籍地单位编号', field: 'householdUnitId', required: true },
  { header: '流入地单位编号', field: 'residenceUnitId' },
  { header: '销账期限', field: 'dueAt' },
  { header: '上游编号', field: 'upstreamRef' },
  { header: '备注', field: 'note' },
];

const STATUS_ZH: Record<string, string> = {
  abroad: '在境外',
  persuading: '劝返中',
  returned: '已劝返',
  written_off: '已核减',
};

/**
 * Imports a list from XLSX. All or nothing: any bad row and nothing is written, but every bad row is reported
 * with its row number, field and reason, so the sheet is fixed in one pass. A known 上游编号 is skipped (updated: 0).
 */
export async function importPersons(db: Db, actor: Actor, data: Buffer, clock: Clock) {
  assertCan(actor, 'returns:write');
  if (data.length > RETURNS_IMPORT_LIMITS.maxBytes)
    throw new AppError('payload_too_large', `at most ${RETURNS_IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`);
  let sheet;
  try {
    sheet = await readXlsx(data, { ...DEFAULT_XLSX_LIMITS, maxRows: RETURNS_IMPORT_LIMITS.maxRows });
  } catch (err) {
    if (err instanceof XlsxRefused)
      throw err.kind === 'broken' ? invalid('file', err.message) : new AppError('payload_too_large', err.message);
    throw err;
  }
  const missing = RETURN_COLUMNS.filter((c) => c.required && !sheet.headers.includes(c.header));
  if (missing.length) throw invalid('file', `missing columns: ${missing.map((c) => c.header).join(', ')}`);
  if (!sheet.rows.length) throw invalid('file', 'no rows');
  if (sheet.rows.length > RETURNS_IMPORT_LIMITS.maxRows)
    throw new AppError('payload_too_large', `at most ${RETURNS_IMPORT_LIMITS.maxRows} rows`);
  const now = clock();
  const errors: { row: number; field: string; reason: string }[] = [];
  const result = await db.transaction(async (tx) => {
    const rows = [];
    const refsSeen = new Set<string>();
    for (const r of sheet.rows) {
      const input: Record<string, string> = {};
      for (const c of RETURN_COLUMNS) {
        const v = r.values[c.header]?.trim();
        if (v) input[c.field] = v;
        else if (c.required) errors.push({ row: r.rowNumber, field: c.header, reason: 'required' });
      }
      if (input.name && input.name.length > 64)
        errors.push({ row: r.rowNumber, field: '姓名', reason: 'at most 64 characters' });
      if (input.location && input.location.length > 128)
        errors.push({ row: r.rowNumber, field: '滞留地', reason: 'at most 128 characters' });
      if (input.dueAt && Number.isNaN(Date.parse(input.dueAt)))
        errors.push({ row: r.rowNumber, field: '销账期限', reason: 'not a date (YYYY-MM-DD)' });
      if (input.upstreamRef) {
        if (refsSeen.has(input.upstreamRef))
          errors.push({ row: r.rowNumber, field: '上游编号', reason: 'repeated in the file' });
        refsSeen.add(input.upstreamRef);
      }
      if (!input.name || !input.location || !input.householdUnitId) continue;
      const person = {
        ...input,
        dueAt: input.dueAt ? new Date(input.dueAt).toISOString() : undefined,
      } as NewReturnPerson;
      const c = await checkPerson(tx, actor, person, now);
      for (const p of c.problems)
        errors.push({
          row: r.rowNumber,
          field: RETURN_COLUMNS.find((x) => x.field === p.field)?.header ?? p.field,
          reason: p.reason,
        });
      if (c.row) rows.push(c.row);
    }
    if (errors.length) return null;
    const known = new Set(
      (
        await repo.findByUpstreamRef(
          tx,
          rows.flatMap((r) => (r.upstreamRef ? [r.upstreamRef] : [])),
        )
      ).map((r) => r.upstreamRef),
    );
    let imported = 0;
    for (const row of rows) {
      if (row.upstreamRef && known.has(row.upstreamRef)) continue;
      const id = randomUUID();
      await repo.insertPerson(tx, { ...row, id, source: 'import', createdBy: actor.name });
      await repo.insertHistory(tx, {
        id: randomUUID(),
        personId: id,
        fromStatus: null,
        toStatus: 'abroad',
        reason: 'import',
        by: actor.name,
        at: now,
      });
      imported++;
    }
    await audit(tx, actor, {
      action: 'import',
      entityType: 'return_person',
      details: { rows: sheet.rows.length, imported },
    });
    return { imported, updated: 0, errors: [] };
  });
  if (!result) {
    throw new AppError(
      'validation_failed',
      `${errors.length} problem(s) in the file; nothing was imported`,
      errors.slice(0, 500).map((e) => ({ field: `row ${e.row}: ${e.field}`, reason: e.reason })),
    );
  }
  return result;
}

/** The list under the actor's jurisdiction as XLSX (masked unless unmasked with a purpose: the caller checks). */
export async function exportPersons(db: Db, actor: Actor, full: boolean, clock: Clock): Promise<Buffer> {
  assertCan(actor, 'returns:read');
  const now = clock();
  const buf = await writeXlsx(
    '劝返名单',
    [
      { header: '姓名', key: 'name', width: 10 },
      { header: '身份证号', key: 'idNumber', width: 20 },
      { header: '手机号', key: 'phone', width: 14 },
      { header: '滞留地', key: 'location', width: 16 },
      { header: '户籍地', key: 'householdUnitName', width: 16 },
      { header: '户籍地单位编号', key: 'householdUnitId', width: 14 },
      { header: '流入地', key: 'residenceUnitName', width: 16 },
      { header: '流入地单位编号', key: 'residenceUnitId', width: 14 },
      { header: '状态', key: 'status', width: 8 },
      { header: '销账期限', key: 'dueAt', width: 12 },
      { header: '逾期', key: 'overdue', width: 6 },
      { header: '上游编号', key: 'upstreamRef', width: 14 },
    ],
    (async function* () {
      for await (const p of repo.allPersons(db, actor.unitPath)) {
        const v = present(p, full, now);
        yield {
          ...v,
          status: STATUS_ZH[v.status] ?? v.status,
          dueAt: v.dueAt.slice(0, 10),
          overdue: v.overdue ? '是' : '',
        };
      }
    })(),
  );
  await audit(db, actor, { action: 'export', entityType: 'return_person', details: { unmasked: full } });
  return buf;
}
