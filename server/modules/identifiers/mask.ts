import { compactAlnum } from './chars.ts';
import { normalizePhone } from './phone.ts';

// Role-based display masking (PIPL: least exposure). Rules are by shape, not validity: an ID with a typo is still
// personal data. Anything we cannot place is masked completely; none of these functions throws.

/** What a value we cannot classify is shown as: reveals neither content nor length. */
export const FULL_MASK = '****';

/** '13800138000' / '+86 138-0013-8000' → '138****8000'; landlines keep the area code; public service numbers are shown. */
export function maskPhone(raw: string): string {
  const r = normalizePhone(raw);
  if (!r.ok) return FULL_MASK;
  const n = r.national;
  switch (r.kind) {
    case 'mobile':
      return `${n.slice(0, 3)}****${n.slice(-4)}`;
    case 'landline': {
      const area = n[1] === '1' || n[1] === '2' ? 3 : 4;
      return `${n.slice(0, area)}****${n.slice(-4)}`;
    }
    case 'service':
      // 95588, 96110, 400 numbers are published by organisations, not personal data.
      return r.spoofSuspect ? r.key : n;
    case 'international': {
      const cc = r.e164 && r.e164.endsWith(n) ? r.e164.slice(0, r.e164.length - n.length) : '+';
      return `${cc}****${n.slice(n.length >= 8 ? -4 : -2)}`;
    }
  }
}

/** '11010519491231002X' → '110105********002X' (region kept, birth date hidden); 15-digit IDs alike. */
export function maskResidentId(raw: string): string {
  const s = typeof raw === 'string' ? compactAlnum(raw.trim()) : null;
  if (s !== null && /^\d{17}[\dXx]$/.test(s)) return `${s.slice(0, 6)}********${s.slice(-4).toUpperCase()}`;
  if (s !== null && /^\d{15}$/.test(s)) return `${s.slice(0, 6)}*****${s.slice(-4)}`;
  return FULL_MASK;
}

/**
 * Cards (≥16 digits): first 6 (BIN: names the bank) + '****' + last 4, e.g. '622202****1234'.
 * Shorter accounts reveal less so that at least a third of the digits stay hidden: 12–15 → 4 + 4; 8–11 → last 4.
 */
export function maskAccount(raw: string): string {
  const s = typeof raw === 'string' ? compactAlnum(raw.trim()) : null;
  if (s === null || !/^\d{8,}$/.test(s) || s.length > 30) return FULL_MASK;
  const head = s.length >= 16 ? 6 : s.length >= 12 ? 4 : 0;
  return `${s.slice(0, head)}****${s.slice(-4)}`;
}

const NAME_SEPARATORS = new Set(['·', '•', '・', '.', ' ', '-']);

/** '张三' → '张*', '王小明' → '王*明', '欧阳娜娜' → '欧**娜'; separators in '阿卜杜拉·买买提' are kept. */
export function maskName(raw: string): string {
  if (typeof raw !== 'string') return FULL_MASK;
  const chars = Array.from(raw.trim()); // code points: rare-character names use surrogate pairs
  const n = chars.length;
  if (n === 0) return '';
  if (n > 64) return FULL_MASK;
  const keepLast = n >= 3;
  let out = '';
  for (let i = 0; i < n; i++) {
    const ch = chars[i]!;
    if (i === 0 || (keepLast && i === n - 1)) out += n === 1 ? '*' : ch;
    else out += NAME_SEPARATORS.has(ch) ? ch : '*';
  }
  return out;
}

/**
 * '广西河池市金城江区新建路12号' → '广西河池市金城江区***': the area down to the county is kept (it says which
 * jurisdiction, not where the person lives); without a county, the first six characters.
 */
export function maskAddress(raw: string): string {
  const a = typeof raw === 'string' ? raw.replace(/\s+/g, '') : '';
  if (!a) return FULL_MASK;
  const county = /^.{2,12}?(区|县|旗)/.exec(a)?.[0];
  const keep = county && county.length < a.length ? county : a.slice(0, Math.min(6, Math.floor(a.length / 2)));
  return `${keep}***`;
}
