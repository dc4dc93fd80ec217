import { compactAlnum } from './chars.ts';

// 统一社会信用代码, GB 32100-2015: registration authority(1) + organisation type(1) + GB/T 2260 region(6)
// + organisation code(9, GB 11714 with its own check) + check character(1).

export type CreditCodeRejectReason =
  'empty' | 'invalid_length' | 'invalid_characters' | 'invalid_region' | 'invalid_checksum';

export interface CreditCodeOk {
  ok: true;
  /** 18 upper-case characters. */
  normalized: string;
  /** Characters 3–8: county-level GB/T 2260 code ('100000' for central-government registrations). */
  regionCode: string;
  provinceCode: string;
  /** Characters 9–17: the GB 11714 organisation code (组织机构代码) carried inside. */
  orgCode: string;
  /** Whether the embedded organisation code's own check character is right; a warning only. */
  orgCodeOk: boolean;
  reason: undefined;
}
export interface CreditCodeError {
  ok: false;
  reason: CreditCodeRejectReason;
  normalized: undefined;
}
export type CreditCodeResult = CreditCodeOk | CreditCodeError;

// I, O, Z, S, V are excluded to avoid confusion with 1, 0, 2, 5, U.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARSET.length; i++) VALUE[CHARSET.charCodeAt(i)] = i;

const val = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c < 128 ? VALUE[c]! : -1;
};

/** GB 32100 check character for 17 characters; throws on characters outside the code's alphabet (programmer error). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new TypeError('creditCodeCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = val(first17, i);
    if (v < 0) throw new TypeError(`creditCodeCheckChar: '${first17[i]}' is not allowed`);
    sum += v * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 check: 8 body characters (digits or A–Z as 10–35), weights 3 7 9 10 5 8 4 2, 11 - sum mod 11. */
function orgCodeValid(code9: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = code9.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : -1;
    if (v < 0) return false;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return code9[8] === (r === 10 ? 'X' : r === 11 ? '0' : String(r));
}

function err(reason: CreditCodeRejectReason): CreditCodeError {
  return { ok: false, reason, normalized: undefined };
}

/** Parses a unified social credit code. Never throws. */
export function parseCreditCode(raw: string): CreditCodeResult {
  if (typeof raw !== 'string') return err('empty');
  const compact = compactAlnum(raw.trim());
  if (compact === null) return err('invalid_characters');
  if (compact.length === 0) return err('empty');
  if (compact.length !== 18) return err('invalid_length');
  const s = compact.toUpperCase();
  for (let i = 0; i < 18; i++) if (val(s, i) < 0) return err('invalid_characters');
  const regionCode = s.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return err('invalid_region');
  if (creditCodeCheckChar(s.slice(0, 17)) !== s[17]) return err('invalid_checksum');
  const orgCode = s.slice(8, 17);
  return {
    ok: true,
    normalized: s,
    regionCode,
    provinceCode: regionCode.slice(0, 2),
    orgCode,
    orgCodeOk: orgCodeValid(orgCode),
    reason: undefined,
  };
}
