import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { digitValue, isSeparator } from './chars.ts';

// Chinese numbers (the overwhelming majority on the risk engine's hot path) are classified by hand-written
// charCode checks: libphonenumber costs ~10µs per parse, which would eat the whole 100k events/s budget.
// libphonenumber is only consulted for numbers behind an international prefix that are not +86.

export type PhoneKind = 'mobile' | 'landline' | 'service' | 'international' | 'unknown';
export type ServiceType =
  | 'national_service' // 95xxx (banks, carriers, insurers)
  | 'local_service' // 96xxx, and 12345-style hotlines written with an area code
  | 'shared_cost' // 400
  | 'toll_free' // 800
  | 'sms_port' // 106x
  | 'government' // 12xxx: 12381, 12110, 12315 ...
  | 'carrier' // 100xx, 1010xxxx
  | 'emergency'; // 110, 119, 120, 122 ...
export type PhoneRejectReason =
  | 'empty'
  | 'too_long'
  | 'invalid_characters'
  | 'missing_area_code' // a 7–8 digit local number: cannot be keyed without knowing the city
  | 'invalid_number'
  | 'invalid_international';

export interface PhoneOk {
  ok: true;
  kind: Exclude<PhoneKind, 'unknown'>;
  /**
   * Canonical map key (identifiers/keys.ts): the national digits for a Chinese number ('13800138000', '01062345678',
   * '4008123123', '95588' — unambiguous inside China's numbering plan, and what partners, residents and officers
   * write), E.164 for other countries ('+85296110123'); spoofs get '+'+the shown digits so they never merge with the
   * real number. A key starts with '+' exactly when the number is not (really) Chinese.
   */
  key: string;
  /** Set for mobile, landline, 400/800 and valid international numbers (never for spoofs). */
  e164: string | undefined;
  /** Digits as dialled inside the country: '13800138000', '01012345678', '95588', '077896110'. */
  national: string;
  /** ISO 3166-1 alpha-2 of the numbering plan the national digits belong to; undefined for non-geographic. */
  country: string | undefined;
  serviceType: ServiceType | undefined;
  /** 162/165/167/170/171: virtual-operator (MVNO) segments, a risk feature. */
  virtualOperator: boolean;
  /** A '+'/'00' international prefix on something that is really a domestic number pattern. */
  spoofSuspect: boolean;
  reason: undefined;
}
export interface PhoneError {
  ok: false;
  kind: 'unknown';
  reason: PhoneRejectReason;
  virtualOperator: false;
  spoofSuspect: false;
  // Optional so callers can read r.e164 / r.national without narrowing first.
  key?: undefined;
  e164?: undefined;
  national?: undefined;
  country?: undefined;
  serviceType?: undefined;
}
export type PhoneResult = PhoneOk | PhoneError;

const MAX_RAW = 64;
const MAX_DIGITS = 20;
const ASCII_DIGITS = /^\d+$/;

// Pre-built errors: rejections are common in dirty imports and carry no per-input data.
const ERR: { [R in PhoneRejectReason]: PhoneError } = {
  empty: fail('empty'),
  too_long: fail('too_long'),
  invalid_characters: fail('invalid_characters'),
  missing_area_code: fail('missing_area_code'),
  invalid_number: fail('invalid_number'),
  invalid_international: fail('invalid_international'),
};
function fail(reason: PhoneRejectReason): PhoneError {
  return Object.freeze({
    ok: false,
    kind: 'unknown',
    reason,
    virtualOperator: false,
    spoofSuspect: false,
  }) as PhoneError;
}

function make(
  kind: PhoneOk['kind'],
  national: string,
  e164: string | undefined,
  country: string | undefined,
  serviceType: ServiceType | undefined,
  virtualOperator: boolean,
): PhoneOk {
  // Same property order everywhere keeps one hidden class on the hot path.
  return {
    ok: true,
    kind,
    key: country === 'CN' || e164 === undefined ? national : e164,
    e164,
    national,
    country,
    serviceType,
    virtualOperator,
    spoofSuspect: false,
    reason: undefined,
  };
}

const c = (s: string, i: number) => s.charCodeAt(i) - 48; // digit at i (input is digits-only)

function isMobile(n: string): boolean {
  return n.length === 11 && c(n, 0) === 1 && c(n, 1) >= 3;
}
function isVirtualSegment(n: string): boolean {
  const b = c(n, 1),
    d = c(n, 2);
  return (b === 6 && (d === 2 || d === 5 || d === 7)) || (b === 7 && (d === 0 || d === 1));
}

/** Short service numbers that only exist inside China's network: an international prefix on them is fake. */
function shortService(n: string): ServiceType | undefined {
  const len = n.length;
  const a = c(n, 0),
    b = c(n, 1);
  if (a === 9 && b === 5 && len >= 5 && len <= 8) return 'national_service';
  if (a === 9 && b === 6 && len >= 5 && len <= 6) return 'local_service';
  if (a !== 1) return undefined;
  if (b === 0 && c(n, 2) === 6 && len >= 5) return 'sms_port'; // MAX_DIGITS bounds the top
  if (len === 5 && b === 2) return 'government';
  if (len === 5 && b === 0 && c(n, 2) === 0) return 'carrier';
  if (len === 8 && b === 0 && c(n, 2) === 1 && c(n, 3) === 0) return 'carrier';
  if (len === 3 && (b === 1 || (b === 2 && c(n, 2) <= 2))) return 'emergency';
  return undefined;
}

/** Classifies digits with no international prefix. null = not a Chinese number. */
function classifyDomestic(n: string): PhoneOk | null {
  const len = n.length;
  if (len < 3) return null;
  if (isMobile(n)) return make('mobile', n, '+86' + n, 'CN', undefined, isVirtualSegment(n));
  const a = c(n, 0);
  if (a === 0) {
    // Old switchboards prefix out-of-town mobiles with the trunk 0; 01x is only ever 010, so no clash.
    if (len === 12 && c(n, 1) === 1 && c(n, 2) >= 3) {
      const m = n.slice(1);
      return make('mobile', m, '+86' + m, 'CN', undefined, isVirtualSegment(m));
    }
    const b = c(n, 1);
    let area: number;
    if (b === 1)
      area = c(n, 2) === 0 ? 3 : 0; // 010 Beijing is the only 01x
    else if (b === 2)
      area = 3; // 020–029
    else if (b >= 3)
      area = 4; // 0xxx
    else area = 0;
    if (area === 0) return null;
    const subLen = len - area;
    const s0 = c(n, area);
    // Subscriber numbers never start with 0 (trunk) or 1 (special services).
    if ((subLen === 7 || subLen === 8) && s0 >= 2)
      return make('landline', n, '+86' + n.slice(1), 'CN', undefined, false);
    // 96110 is published as "area code + 96110"; a 12345 hotline likewise. The local part is 5–6 digits,
    // shorter than any subscriber number, so this cannot swallow a landline.
    if ((subLen === 5 || subLen === 6) && s0 === 9 && c(n, area + 1) === 6)
      return make('service', n, undefined, 'CN', 'local_service', false);
    if (subLen === 5 && s0 === 1 && c(n, area + 1) === 2)
      return make('service', n, undefined, 'CN', 'local_service', false);
    return null;
  }
  if (len === 10 && (a === 4 || a === 8) && c(n, 1) === 0 && c(n, 2) === 0) {
    return make('service', n, '+86' + n, 'CN', a === 4 ? 'shared_cost' : 'toll_free', false);
  }
  const st = shortService(n);
  return st ? make('service', n, undefined, 'CN', st, false) : null;
}

function spoof(real: PhoneOk, shownDigits: string): PhoneOk {
  return {
    ok: true,
    kind: real.kind,
    key: '+' + shownDigits,
    e164: undefined,
    national: real.national,
    country: real.country,
    serviceType: real.serviceType,
    virtualOperator: real.virtualOperator,
    spoofSuspect: true,
    reason: undefined,
  };
}

/** Digits after a '+86' / '0086'. */
function classifyAfter86(intl: string): PhoneResult {
  const r = intl.slice(2);
  if (r.length === 0) return ERR.invalid_number;
  let d = classifyDomestic(r);
  // Without the trunk 0 a landline reads '10 1234 5678'; try the 0 back before giving up.
  if ((!d || (d.kind === 'service' && d.e164 === undefined)) && c(r, 0) !== 0) d = classifyDomestic('0' + r) ?? d;
  if (!d) return ERR.invalid_number;
  // Only full-length numbers (mobile, landline, 400/800) are reachable from abroad; +86 on 95588/96110 is fake.
  if (d.kind === 'service' && d.e164 === undefined) return spoof(d, intl);
  return d;
}

function classifyInternational(intl: string): PhoneResult {
  if (intl.length < 3) return ERR.invalid_international;
  if (c(intl, 0) === 8 && c(intl, 1) === 6) return classifyAfter86(intl);
  if (c(intl, 0) !== 0) {
    const p = parsePhoneNumberFromString('+' + intl);
    // A number that is valid in its own country wins: e.g. +852 9611 0123 is a real Hong Kong mobile.
    if (p && p.isValid()) {
      const e164 = p.number as string;
      return make('international', p.nationalNumber as string, e164, p.country, undefined, false);
    }
  }
  // Invalid abroad: does a domestic pattern hide behind a 0–3 digit fake country code (+852 96110, +85 96110)?
  for (let k = 0; k <= 3 && intl.length - k >= 3; k++) {
    const d = classifyDomestic(k === 0 ? intl : intl.slice(k));
    if (d) return spoof(d, intl);
  }
  return ERR.invalid_international;
}

/**
 * The digits after the international prefixes: '+00…', '0000…' are one prefix written twice. Stripping them all
 * (not just the first) makes a spoof key such as '+10000' (shown as 0000 10000) re-key to itself.
 */
function withoutIntlPrefixes(digits: string): string {
  let i = 0;
  while (digits.length - i > 2 && c(digits, i) === 0 && c(digits, i + 1) === 0) i += 2;
  return i ? digits.slice(i) : digits;
}

/**
 * Normalises a phone number as written by partners, citizens or carriers. Never throws.
 * Accepts +86 / 0086 / 86 prefixes, '+00' double prefixes, separators, full-width digits.
 */
export function normalizePhone(raw: string): PhoneResult {
  if (typeof raw !== 'string') return ERR.empty;
  if (raw.length > MAX_RAW) return ERR.too_long;
  let digits: string;
  let plus = false;
  if (ASCII_DIGITS.test(raw)) digits = raw;
  else {
    digits = '';
    for (let i = 0; i < raw.length; i++) {
      const ch = raw.charCodeAt(i);
      const v = digitValue(ch);
      if (v >= 0) digits += v;
      else if ((ch === 0x2b || ch === 0xff0b) && digits.length === 0 && !plus) plus = true;
      else if (!isSeparator(ch)) return ERR.invalid_characters;
    }
  }
  if (digits.length === 0) return ERR.empty;
  if (digits.length > MAX_DIGITS) return ERR.too_long;

  if (plus) return classifyInternational(withoutIntlPrefixes(digits));
  if (digits.length > 2 && c(digits, 0) === 0 && c(digits, 1) === 0)
    return classifyInternational(withoutIntlPrefixes(digits));
  // Bare '86' prefix (spreadsheets strip the '+'): only when what follows is a full mobile/landline.
  if ((digits.length === 12 || digits.length === 13) && c(digits, 0) === 8 && c(digits, 1) === 6) {
    const r = classifyAfter86(digits);
    if (r.ok && !r.spoofSuspect && r.kind !== 'service') return r;
  }
  const d = classifyDomestic(digits);
  if (d) return d;
  if ((digits.length === 7 || digits.length === 8) && c(digits, 0) >= 2) return ERR.missing_area_code;
  return ERR.invalid_number;
}

/** Canonical key for maps and joins (national digits for Chinese numbers, E.164 for others, '+…' for spoofs), or null. */
export function phoneKey(raw: string): string | null {
  const r = normalizePhone(raw);
  return r.ok ? r.key : null;
}
