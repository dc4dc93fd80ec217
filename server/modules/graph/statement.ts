// Bank statements (流水) in: every bank's export differs, so a column mapping (saved per bank) says which header is
// which field. CSV in UTF-8 or GBK (common in bank exports), or XLSX. Pure except XLSX decoding (exceljs, in memory).
// Rows are checked one by one: the report lists every bad row with its reason.
import { readXlsx } from '../../platform/xlsx.ts';
import { accountKey } from '../identifiers/index.ts';
import type { TxChannel } from './flow.ts';

export const STATEMENT_FIELDS = [
  'account',
  'counterparty',
  'counterpartyName',
  'amount',
  'direction',
  'time',
  'balance',
  'channel',
  'summary',
] as const;
export type StatementField = (typeof STATEMENT_FIELDS)[number];
/** field → the header text in this bank's export. account/counterparty/amount/time are required. */
export type ColumnMapping = Partial<Record<StatementField, string>>;

/**
 * The mapping as the upload's form field gives it (JSON text): undefined when absent (the bank's saved one applies),
 * else an object of field → header text; anything else is the reason it is refused.
 */
export function parseMappingField(
  text: string | undefined,
): { ok: true; mapping?: ColumnMapping } | { ok: false; reason: string } {
  if (!text) return { ok: true };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string'))
    return { ok: false, reason: 'an object of field → header text' };
  return { ok: true, mapping: v as ColumnMapping };
}

export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;
export const MAX_STATEMENT_ROWS = 200_000;

export interface StatementRow {
  row: number;
  account: string;
  counterparty: string;
  counterpartyName?: string;
  amount: number;
  out: boolean;
  at: number;
  balance?: number;
  channel: TxChannel;
}
export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

/** Decodes CSV bytes: UTF-8 (with or without BOM) when valid, else GBK (GB18030). */
export function decodeText(buf: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buf), encoding: 'gb18030' };
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF); also tab-separated when the header has tabs and no commas. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [],
    field = '',
    q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else q = false;
      } else field += c;
    } else if (c === '"' && field === '') q = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((x) => x.trim() !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((x) => x.trim() !== '')) rows.push(row);
  return rows;
}

/** Header + rows as objects, from CSV or XLSX bytes. */
export async function readTable(
  buf: Buffer,
  fileName: string,
): Promise<{ headers: string[]; rows: { rowNumber: number; values: Record<string, string> }[]; encoding?: string }> {
  if (/\.xlsx$/i.test(fileName) || (buf[0] === 0x50 && buf[1] === 0x4b)) return readXlsx(buf);
  const { text, encoding } = decodeText(buf);
  const all = parseCsv(text);
  const headers = (all[0] ?? []).map((h) => h.trim());
  return {
    headers,
    encoding,
    rows: all.slice(1).map((r, i) => ({
      rowNumber: i + 2,
      values: Object.fromEntries(headers.map((h, j) => [h, (r[j] ?? '').trim()])),
    })),
  };
}

const CASH_WORDS: [RegExp, TxChannel][] = [
  [/ATM|取现|取款机/i, 'atm'],
  [/柜面|柜台|现金支取|counter/i, 'counter'],
  [/USDT|比特币|BTC|虚拟币|crypto/i, 'crypto'],
  [/黄金|金条|gold/i, 'gold'],
  [/POS|刷卡消费/i, 'pos'],
];
export function channelOf(text: string): TxChannel {
  for (const [re, c] of CASH_WORDS) if (re.test(text)) return c;
  return 'transfer';
}

/** Parses '2026-03-01 10:02:03', '2026/3/1 10:02', '20260301100203', '20260301' as China time (UTC+8). */
export function parseTime(s: string): number | null {
  const t = s.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(t);
  if (!m) {
    if (/\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
      const v = Date.parse(t);
      return Number.isNaN(v) ? null : v;
    }
    return null;
  }
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || se! > 59) return null;
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, se!) - 8 * 3_600_000;
}

function parseAmount(s: string): number | null {
  const t = s.replace(/[,，\s¥￥元]/g, '');
  if (!/^[+-]?\d+(\.\d{1,2})?$/.test(t)) return null;
  return Number(t);
}

/**
 * Applies a mapping to table rows. Direction: a 'direction' column (借/出/支出/D/- = out; 贷/入/收入/C/+ = in), else the
 * sign of the amount (negative = out). `statementAccount` fills the account when the export has no account column.
 */
export function mapRows(
  headers: string[],
  rows: { rowNumber: number; values: Record<string, string> }[],
  mapping: ColumnMapping,
  statementAccount?: string,
): { rows: StatementRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  for (const f of ['counterparty', 'amount', 'time'] as const) {
    if (!mapping[f]) problems.push({ row: 0, field: `mapping.${f}`, reason: 'required' });
    else if (!headers.includes(mapping[f]))
      problems.push({ row: 0, field: `mapping.${f}`, reason: `no column "${mapping[f]}" in the file` });
  }
  if (!mapping.account && !statementAccount)
    problems.push({ row: 0, field: 'mapping.account', reason: 'required (or give the statement account)' });
  else if (mapping.account && !headers.includes(mapping.account))
    problems.push({ row: 0, field: 'mapping.account', reason: `no column "${mapping.account}" in the file` });
  if (problems.length) return { rows: [], problems };
  if (rows.length > MAX_STATEMENT_ROWS)
    return { rows: [], problems: [{ row: 0, field: 'file', reason: `more than ${MAX_STATEMENT_ROWS} rows` }] };
  const out: StatementRow[] = [];
  const get = (r: Record<string, string>, f: StatementField) => (mapping[f] ? (r[mapping[f]] ?? '') : '');
  for (const { rowNumber, values } of rows) {
    const bad = (field: string, reason: string) => problems.push({ row: rowNumber, field, reason });
    const account = accountKey(get(values, 'account') || statementAccount || '');
    const cpRaw = get(values, 'counterparty');
    const summary = `${get(values, 'channel')} ${get(values, 'summary')} ${get(values, 'counterpartyName')}`;
    const channel = channelOf(summary);
    const counterparty =
      accountKey(cpRaw) ??
      (channel !== 'transfer' ? `${channel}:${cpRaw || get(values, 'counterpartyName') || 'cash'}` : null);
    const amount = parseAmount(get(values, 'amount'));
    const at = parseTime(get(values, 'time'));
    const n0 = problems.length;
    if (!account) bad('account', 'not an account number');
    if (!counterparty) bad('counterparty', cpRaw ? 'not an account number' : 'empty');
    if (amount === null || amount === 0) bad('amount', 'not an amount (digits, up to 2 decimals)');
    if (at === null) bad('time', 'not a date-time (2026-03-01 10:02:03)');
    let outDir: boolean | null = amount !== null && amount < 0;
    const dir = get(values, 'direction').trim();
    if (mapping.direction) {
      if (/^(借|出|支出|转出|D|DR|-|out)$/i.test(dir)) outDir = true;
      else if (/^(贷|入|收入|转入|C|CR|\+|in)$/i.test(dir)) outDir = false;
      else {
        bad('direction', `unknown direction "${dir}"`);
        outDir = null;
      }
    }
    const bal = mapping.balance ? parseAmount(get(values, 'balance')) : null;
    if (problems.length > n0 || outDir === null) continue;
    const row: StatementRow = {
      row: rowNumber,
      account: account!,
      counterparty: counterparty!,
      amount: Math.abs(amount!),
      out: outDir,
      at: at!,
      channel,
    };
    const name = get(values, 'counterpartyName');
    if (name) row.counterpartyName = name;
    if (bal !== null) row.balance = bal;
    out.push(row);
  }
  return { rows: out, problems };
}

/** Suggests a mapping from common Chinese bank header names (the user confirms or corrects it). */
export function suggestMapping(headers: string[]): ColumnMapping {
  const pick = (res: RegExp[]) => headers.find((h) => res.some((r) => r.test(h)));
  const m: ColumnMapping = {};
  const set = (f: StatementField, v: string | undefined) => {
    if (v) m[f] = v;
  };
  set('account', pick([/^(本方)?账号$/, /^卡号$/, /^查询账号$/, /^交易卡号$/, /^account$/i]));
  set('counterparty', pick([/对方账号|对手账号|对方卡号|交易对手账[号户]/, /^counterparty$/i]));
  set('counterpartyName', pick([/对方户名|对手户名|对方名称|交易对手名称/]));
  set('amount', pick([/^交易金额/, /^金额/, /^amount$/i]));
  set('direction', pick([/借贷标志|收付标志|借贷方向|^方向$|收支/]));
  set('time', pick([/^交易时间/, /^交易日期/, /^时间$/, /^time$/i]));
  set('balance', pick([/余额/]));
  set('channel', pick([/交易渠道|渠道|交易方式/]));
  set('summary', pick([/摘要|用途|附言|备注/]));
  return m;
}
