import { readFile } from 'node:fs/promises';
import { BUILTIN_BANK_NAMES, BUILTIN_BINS } from './bin-data.ts';
import { compactAlnum } from './chars.ts';

export type CardType = 'debit' | 'credit' | 'prepaid' | 'semi_credit';
export interface BankInfo {
  code: string;
  name: string;
  cardType: CardType | undefined;
}
export type BankAccountRejectReason = 'empty' | 'invalid_characters' | 'too_short' | 'too_long';

export interface BankAccountOk {
  ok: true;
  /** Digits only. */
  normalized: string;
  /** 16–19 digits: the length of a bank card (as opposed to a bare account number). */
  isCardLength: boolean;
  /** Luhn result for card-length numbers (a warning only: typos and some old cards fail it); null otherwise. */
  luhnOk: boolean | null;
  /** Issuer from the longest matching BIN whose card length fits; undefined when unknown. */
  bank: BankInfo | undefined;
  reason: undefined;
}
export interface BankAccountError {
  ok: false;
  reason: BankAccountRejectReason;
  normalized: undefined;
  // Optional so callers can read r.bank / r.luhnOk without narrowing first.
  isCardLength?: undefined;
  luhnOk?: undefined;
  bank?: undefined;
}
export type BankAccountResult = BankAccountOk | BankAccountError;

interface Entry {
  length: number | undefined;
  info: BankInfo; // built once so lookups allocate nothing per call
}

const TYPE_CODES: Readonly<Record<string, CardType>> = { DC: 'debit', CC: 'credit', PC: 'prepaid', SCC: 'semi_credit' };

/** Immutable BIN → issuer table. Build with createBinTable or loadBinTable. */
export class BinTable {
  readonly #byBin = new Map<string, Entry[]>();
  readonly #names = new Map<string, string>();
  #minLen = Infinity;
  #maxLen = 0;
  #size = 0;

  /** Names: first writer wins, so hand-checked names are not replaced by older names from loaded data. */
  constructor(
    names: Iterable<readonly [string, string]>,
    bins: Iterable<readonly [string, string, number | undefined, string | undefined]>,
  ) {
    for (const [code, name] of names) if (!this.#names.has(code)) this.#names.set(code, name);
    for (const [bin, code, length, type] of bins) {
      if (!/^\d{1,10}$/.test(bin)) continue;
      const list = this.#byBin.get(bin) ?? [];
      if (list.some((e) => e.length === length)) continue; // first writer wins here too
      list.push({
        length,
        info: Object.freeze({
          code,
          name: this.#names.get(code) ?? code,
          cardType: type ? TYPE_CODES[type] : undefined,
        }),
      });
      this.#byBin.set(bin, list);
      this.#minLen = Math.min(this.#minLen, bin.length);
      this.#maxLen = Math.max(this.#maxLen, bin.length);
      this.#size++;
    }
  }

  get size(): number {
    return this.#size;
  }

  /** Longest-prefix match; an entry with a card length only matches numbers of that length. */
  lookup(digits: string): BankInfo | undefined {
    for (let len = Math.min(this.#maxLen, digits.length - 1); len >= this.#minLen; len--) {
      const list = this.#byBin.get(digits.slice(0, len));
      if (!list) continue;
      let loose: BankInfo | undefined;
      for (const e of list) {
        if (e.length === digits.length) return e.info;
        if (e.length === undefined) loose = e.info;
      }
      if (loose) return loose;
    }
    return undefined;
  }

  /** Entries as constructor input, to extend a table. */
  *entries(): Generator<readonly [string, string, number | undefined, string | undefined]> {
    for (const [bin, list] of this.#byBin) {
      for (const e of list) {
        const type = Object.keys(TYPE_CODES).find((k) => TYPE_CODES[k] === e.info.cardType);
        yield [bin, e.info.code, e.length, type] as const;
      }
    }
  }
  *names(): Generator<readonly [string, string]> {
    yield* this.#names;
  }
}

export const builtinBinTable = new BinTable(Object.entries(BUILTIN_BANK_NAMES), BUILTIN_BINS);
let defaultTable = builtinBinTable;

/** Installs the table used when parseBankAccount gets none (call once at startup after loadBinTable). */
export function setDefaultBinTable(table: BinTable): void {
  defaultTable = table;
}

function csvRows(text: string, required: readonly string[], file: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '')
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((h) => h.trim().toLowerCase());
  for (const col of required)
    if (!header.includes(col)) throw new Error(`${file}: missing column "${col}" (have: ${header.join(',')})`);
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? '').trim()]));
  });
}

/**
 * Extends `base` (default: the built-in table) with a BIN CSV (`bin,bank,type,length`) and a bank-name CSV
 * (`bank,name`), e.g. ../shared/data/reference/bcbc_bin.csv + bcbc_name.csv. The data is third-party, so it is
 * read at runtime and never committed. Resolves null when either file does not exist; throws on malformed files.
 */
export async function loadBinTable(
  binCsvPath: string | URL,
  namesCsvPath: string | URL,
  base: BinTable = builtinBinTable,
): Promise<BinTable | null> {
  let binText: string, nameText: string;
  try {
    [binText, nameText] = await Promise.all([readFile(binCsvPath, 'utf8'), readFile(namesCsvPath, 'utf8')]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const names = csvRows(nameText, ['bank', 'name'], String(namesCsvPath)).map((r) => [r.bank!, r.name!] as const);
  const bins = csvRows(binText, ['bin', 'bank'], String(binCsvPath)).map((r) => {
    const length = r.length ? Number(r.length) : undefined;
    return [r.bin!, r.bank!, Number.isInteger(length) ? length : undefined, r.type || undefined] as const;
  });
  return new BinTable([...base.names(), ...names], [...base.entries(), ...bins]);
}

/** Luhn (mod 10) check over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const DIGITS = /^\d+$/;

/** Parses a bank card or account number. Accounts are 10–30 digits; cards are 16–19. Never throws. */
export function parseBankAccount(raw: string, table: BinTable = defaultTable): BankAccountResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'empty', normalized: undefined };
  const s = compactAlnum(raw.trim());
  if (s === null || (s.length > 0 && !DIGITS.test(s)))
    return { ok: false, reason: 'invalid_characters', normalized: undefined };
  if (s.length === 0) return { ok: false, reason: 'empty', normalized: undefined };
  if (s.length < 10) return { ok: false, reason: 'too_short', normalized: undefined };
  if (s.length > 30) return { ok: false, reason: 'too_long', normalized: undefined };
  const isCardLength = s.length >= 16 && s.length <= 19;
  return {
    ok: true,
    normalized: s,
    isCardLength,
    luhnOk: isCardLength ? luhnValid(s) : null,
    // 15 is included for the few 15-digit cards (and AmEx-style) the BIN data knows.
    bank: s.length >= 15 && s.length <= 19 ? table.lookup(s) : undefined,
    reason: undefined,
  };
}
