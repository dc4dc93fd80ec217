// An upstream (national/provincial) push as a CSV/XLSX table → the warnings it names: columns in Chinese or English,
// levels as 高/中/低 or high/medium/low, lists split on ; (and , for fraud types). Pure: the reading of the file is
// residents' readTable, the storing is service.importUpstream.
import type { NewWarning } from '../../../contract/dissuasion.ts';
import { pick } from '../residents/index.ts';

const LEVELS: Record<string, NewWarning['level']> = { 高: 'high', 中: 'medium', 低: 'low' };
const isLevel = (l: string): l is NewWarning['level'] => l === 'high' || l === 'medium' || l === 'low';
const list = (s: string, sep: RegExp) =>
  s
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);

export interface UpstreamTableRow {
  rowNumber: number;
  values: Record<string, string>;
}

/** A row with an unknown level, reported with its file row number (it never reaches the service). */
export interface RejectedRow {
  row: number;
  ok: false;
  error: string;
}

/** The warnings of a table, in file order, and the rows whose level is not one we know. */
export function warningsFromTable(rows: readonly UpstreamTableRow[]): { items: NewWarning[]; rejected: RejectedRow[] } {
  const items: NewWarning[] = [];
  const rejected: RejectedRow[] = [];
  for (const { rowNumber, values: v } of rows) {
    const rawLevel = pick(v, ['级别', 'level']);
    const level = LEVELS[rawLevel] ?? rawLevel;
    if (!isLevel(level)) {
      rejected.push({ row: rowNumber, ok: false, error: '级别 must be 高/中/低 or high/medium/low' });
      continue;
    }
    const s = {
      name: pick(v, ['姓名', 'name']),
      phone: pick(v, ['手机号', 'phone']),
      idNumber: pick(v, ['身份证号', 'id_number', 'idNumber']),
      address: pick(v, ['住址', 'address']),
    };
    const externalId = pick(v, ['编号', 'external_id', 'externalId']);
    const summary = pick(v, ['摘要', 'summary']);
    items.push({
      level,
      fraudTypes: list(pick(v, ['诈骗类型', 'fraud_types', 'fraudTypes']), /[;；,，]/),
      subject: Object.fromEntries(Object.entries(s).filter(([, x]) => x)) as NewWarning['subject'],
      leads: list(pick(v, ['线索', 'leads']), /[;；]/),
      ...(externalId ? { externalId } : {}),
      ...(summary ? { summary } : {}),
    });
  }
  return { items, rejected };
}
