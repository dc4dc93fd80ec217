// Canonical keys: the one string every module uses for "this identifier" in maps, joins, lists and partitions.
// Phone: national digits for a Chinese number ('13800138000', '01062345678'), E.164 for a foreign one, '+…' for a
// spoof (phone.ts PhoneOk.key); resident ID: 18 characters; account: digits; IP: canonical text.
// Keys depend on the shape of the input only, not on validity checks that can change with the date (a future
// birth date) or with reference data (BIN tables): two spellings of one identifier must give one key, forever.
// The engine (server/modules/engine/ids.ts) keeps allocation-light fast paths for the common shapes and must
// agree with these functions; server/modules/engine/ids.test.ts checks it with a property test.
import { isIP } from 'node:net';
import { compactAlnum } from './chars.ts';
import { upgradeTo18 } from './resident-id.ts';

import { phoneKey as phoneKeyOf } from './phone.ts';
export { phoneKey } from './phone.ts';

const DIGITS = /^\d+$/;
const ID18 = /^\d{17}[\dXx]$/;
const ID15 = /^\d{15}$/;

/** Resident ID key: the 18-character form with upper-case X; a 15-digit legacy ID is upgraded, so a person's old
 *  and new ID numbers meet. null when the input is not shaped like an ID. */
export function residentIdKey(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const s = compactAlnum(raw.trim());
  if (s === null) return null;
  if (s.length === 18 && ID18.test(s)) return s.charCodeAt(17) === 120 ? s.slice(0, 17) + 'X' : s;
  if (s.length === 15 && ID15.test(s)) return upgradeTo18(s);
  return null;
}

/** Bank account / card key: the digits, separators and full-width forms folded. null when not all digits. */
export function accountKey(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const s = compactAlnum(raw.trim());
  return s && DIGITS.test(s) ? s : null;
}

/**
 * IP address key: IPv4 dotted quad as is; IPv6 in the WHATWG URL serialisation (compressed, lower case), so
 * `2001:DB8:0:0::1` and `2001:db8::1` meet. Brackets (as in URLs) are accepted. null when not an IP literal.
 */
export function ipKey(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  if (s.charCodeAt(0) === 91 && s.charCodeAt(s.length - 1) === 93) s = s.slice(1, -1);
  const v = isIP(s);
  if (v === 4) return s;
  if (v !== 6) return null;
  try {
    return new URL(`http://[${s}]/`).hostname.slice(1, -1);
  } catch {
    return null; // zone ids (fe80::1%eth0) are valid for isIP but never reach us from a URL
  }
}

/**
 * The warning subject key: the one string that names a person at risk across the engine, hand entries and
 * upstream pushes ('p:' + phone key, else 'i:' + resident ID key, else 'a:' + account key), so one person never
 * holds two open warnings because two sources spelled their key differently. The engine's keys
 * (detection/logic.ts eventKeys) are these. null when no identifier is usable.
 */
export function subjectKey(s: {
  phone?: string | null | undefined;
  idNumber?: string | null | undefined;
  account?: string | null | undefined;
}): string | null {
  return subjectKeyList(s)[0] ?? null;
}

/** Every subject key of a person, in `subjectKey`'s order of preference. */
export function subjectKeyList(s: {
  phone?: string | null | undefined;
  idNumber?: string | null | undefined;
  account?: string | null | undefined;
}): string[] {
  const out: string[] = [];
  const p = s.phone ? phoneKeyOf(s.phone) : null;
  if (p) out.push('p:' + p);
  const i = s.idNumber ? residentIdKey(s.idNumber) : null;
  if (i) out.push('i:' + i);
  const a = s.account ? accountKey(s.account) : null;
  if (a) out.push('a:' + a);
  return out;
}
