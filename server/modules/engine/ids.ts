// Identifier keys on the hot path. The identifiers module (server/modules/identifiers/keys.ts) is the authority
// on what the canonical key of a phone, resident ID or account is; these functions return exactly its keys
// (ids.test.ts proves it with a property test) but answer the common shapes (a plain 11-digit mobile, an 18-digit
// ID, an all-digit account) without calling it. Values the identifiers module cannot key (a peer number like
// "12", an invalid international number) still need a key here: they fall back to their digits.
import { getDomain } from 'tldts';
import { normalizePhone } from '../identifiers/index.ts';
import { accountKey as canonicalAccountKey, ipKey, residentIdKey } from '../identifiers/index.ts';

const DOMESTIC_LOOKING = /^(1[3-9]\d{9}|0[1-9]\d{8,10}|9[56]\d{3,6}|1[01]\d{1,3}|[48]00\d{7})$/;

/** Strips separators; returns the digits with a leading '+' kept as '00'. */
function digitsOf(raw: string): string {
  let s = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) s += raw[i];
    else if (c === 43 && s.length === 0) s = '00';
  }
  return s;
}

/**
 * ASCII digits only, not starting with 0 (trunk/international prefixes) and not a 12–13 digit number starting with
 * 86 (a country code without its '+'): then the identifiers module keys it as it stands (a mobile, a service or SMS
 * number, or digits it cannot classify), never as spoofed or international. Most subject and peer numbers.
 */
export function plainDomestic(raw: string): boolean {
  const n = raw.length;
  if (n === 0) return false;
  const a = raw.charCodeAt(0);
  if (a < 49 || a > 57) return false;
  if (a === 56 && raw.charCodeAt(1) === 54 && (n === 12 || n === 13)) return false;
  for (let i = 1; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A plain-domestic number that is a mobile (1[3-9] + 9 digits) on a virtual-operator segment. */
export function virtualMobile(raw: string): boolean {
  if (raw.length !== 11 || raw.charCodeAt(0) !== 49) return false;
  const b = raw.charCodeAt(1);
  return b >= 51 && virtualSegment(raw);
}

/** 162/165/167/170/171 (the identifiers module's virtualOperator), for an 11-digit mobile. */
function virtualSegment(m: string): boolean {
  const b = m.charCodeAt(1),
    d = m.charCodeAt(2);
  return (b === 54 && (d === 50 || d === 53 || d === 55)) || (b === 55 && (d === 48 || d === 49));
}

export interface PhoneInfo {
  key: string; // the canonical key (identifiers/keys.ts phoneKey); digits for what is not a phone number
  intl: boolean; // reaches us from abroad (not +86)
  spoofed: boolean; // a "00"/"+" prefix on a number that looks domestic (domain.md §9)
  virtual: boolean; // virtual-operator mobile segment (domain.md §9): a risk feature
}

/** Key used for lists, linking and partitions: every spelling of one number gives one key. */
export function phoneKey(raw: string): string {
  return plainDomestic(raw) ? raw : phoneKeySlow(raw); // its own key: no allocation
}

// The slow paths live in their own functions so that the fast ones stay small enough to be inlined.
function phoneKeySlow(raw: string): string {
  const r = normalizePhone(raw);
  return r.ok ? r.key : digitsOf(raw);
}

// Other peers (prefixed, formatted) are fewer and repeat a lot (a scam call centre's +852 number), and some cost a
// libphonenumber parse: cached, bounded (dropped when big, like the host cache).
const peerCache = new Map<string, PhoneInfo>();

/** The key and flags of a peer number. */
export function phoneInfo(raw: string): PhoneInfo {
  if (plainDomestic(raw)) return { key: raw, intl: false, spoofed: false, virtual: virtualMobile(raw) };
  let p = peerCache.get(raw);
  if (p === undefined) {
    p = classifyPeer(raw);
    if (peerCache.size >= 50_000) peerCache.clear();
    peerCache.set(raw, p);
  }
  return p;
}

function classifyPeer(raw: string): PhoneInfo {
  const r = normalizePhone(raw);
  if (r.ok) {
    // a spoof keeps the shown prefix in its key ('+96110' from "0096110", '+8696110' from "+86 96110")
    const intl = r.kind === 'international' || (r.spoofSuspect && !r.key.startsWith('+86'));
    return { key: r.key, intl, spoofed: r.spoofSuspect, virtual: r.virtualOperator };
  }
  // not a number the identifiers module accepts: judge the digits as they were shown
  const d = digitsOf(raw);
  if (!d.startsWith('00') || d.startsWith('0086')) return { key: d, intl: false, spoofed: false, virtual: false };
  return { key: d, intl: true, spoofed: DOMESTIC_LOOKING.test(d.slice(2)), virtual: false };
}

const hostCache = new Map<string, HostInfo>();

/** Host part of a URL without parsing it fully (scheme, userinfo, port stripped), lower-case. */
function hostOf(url: string): string {
  let start = url.indexOf('://');
  start = start < 0 ? 0 : start + 3;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break; // / ? #
    end++;
  }
  let host = url.slice(start, end);
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.charCodeAt(0) !== 91) {
    const colon = host.indexOf(':');
    if (colon >= 0) host = host.slice(0, colon);
  }
  return host.toLowerCase();
}

export interface HostInfo {
  domain: string | null; // registrable domain (eTLD+1), lower-case
  ip: string | null; // the IP's key when the host is an IP literal (then there is no domain)
}

/** What the engine needs of a URL's host. Hosts repeat a lot, so the public-suffix lookup is cached (bounded: the
 *  cache is simply dropped when it gets big). */
export function hostInfoOf(url: string): HostInfo {
  const host = hostOf(url.trim());
  let h = hostCache.get(host);
  if (h === undefined) {
    const ip = ipOfHost(host);
    h = { domain: ip ? null : (getDomain(host, { allowPrivateDomains: true }) ?? null), ip };
    if (hostCache.size >= 50_000) hostCache.clear();
    hostCache.set(host, h);
  }
  return h;
}

export interface UrlInfo extends HostInfo {
  key: string; // urlKey
}
const urlCache = new Map<string, UrlInfo>();

/** `urlKey` and `hostInfoOf` of a URL, cached by the URL (bounded like the host cache): links repeat (a campaign's
 *  one link, the big sites' pages), and each computation slices and lower-cases several new strings. */
export function urlInfoOf(url: string): UrlInfo {
  let u = urlCache.get(url);
  if (u === undefined) {
    const h = hostInfoOf(url);
    u = { key: urlKey(url), domain: h.domain, ip: h.ip };
    if (urlCache.size >= 50_000) urlCache.clear();
    urlCache.set(url, u);
  }
  return u;
}

/** Registrable domain (eTLD+1) of a URL or host, lower-case; null when none (also for an IP). */
export function domainOf(url: string): string | null {
  return hostInfoOf(url).domain;
}

/** IP literal of a URL's host ('103.1.2.3', '[2001:db8::1]', also the forms a browser reads as IPv4: '0x67.1.2.3'),
 *  as its canonical key (identifiers/keys.ts ipKey); null for a host name. */
export function ipOfUrl(url: string): string | null {
  return hostInfoOf(url).ip;
}

// module-level on purpose: closures inside the hot function would be re-created (and re-named by tsx) per call
function num(s: string, i: number, len: number): number {
  let v = 0;
  for (let k = 0; k < len; k++) {
    const x = s.charCodeAt(i + k) - 48;
    if (x < 0 || x > 9) return NaN;
    v = v * 10 + x;
  }
  return v;
}

/** Epoch ms of an ISO 8601 date-time; a hand-rolled path for the usual shape, Date.parse otherwise. */
export function parseIsoMs(s: string): number {
  // YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58)
    return Date.parse(s);
  const y = num(s, 0, 4),
    mo = num(s, 5, 2),
    da = num(s, 8, 2),
    h = num(s, 11, 2),
    mi = num(s, 14, 2),
    se = num(s, 17, 2);
  let i = 19,
    ms = 0;
  if (s.charCodeAt(i) === 46) {
    i++;
    let scale = 100;
    while (i < n) {
      const x = s.charCodeAt(i) - 48;
      if (x < 0 || x > 9) break;
      ms += x * scale;
      scale /= 10;
      i++;
    }
  }
  let off = 0;
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) {
    if (i + 1 !== n) return Date.parse(s);
  } else if ((z === 43 || z === 45) && n === i + 6 && s.charCodeAt(i + 3) === 58)
    off = (z === 43 ? 1 : -1) * (num(s, i + 1, 2) * 60 + num(s, i + 4, 2));
  else return Date.parse(s);
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59 || se > 60) return Date.parse(s);
  const t = Date.UTC(y, mo - 1, da, h, mi, se) + Math.floor(ms) - off * 60_000;
  return Number.isNaN(t) ? Date.parse(s) : t;
}

/** URL key for list lookups: lower-case host + path without scheme, query or fragment. */
export function urlKey(url: string): string {
  let s = url.trim().toLowerCase();
  const scheme = s.indexOf('://');
  if (scheme >= 0) s = s.slice(scheme + 3);
  const cut = s.search(/[?#]/);
  if (cut >= 0) s = s.slice(0, cut);
  if (s.startsWith('www.')) s = s.slice(4);
  return s.endsWith('/') ? s.slice(0, -1) : s;
}

function allDigits(raw: string): boolean {
  if (raw.length === 0) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function accountKey(raw: string): string {
  return allDigits(raw) ? raw : accountKeySlow(raw);
}

function accountKeySlow(raw: string): string {
  return canonicalAccountKey(raw) ?? raw.replace(/[\s-]/g, '');
}

/** Resident ID key: 18 characters, upper-case X, a 15-digit legacy ID upgraded (old and new IDs link). */
export function idKey(raw: string): string {
  if (raw.length === 18) {
    let ok = true;
    for (let i = 0; i < 17 && ok; i++) {
      const c = raw.charCodeAt(i);
      ok = c >= 48 && c <= 57;
    }
    const c = raw.charCodeAt(17);
    if (ok && ((c >= 48 && c <= 57) || c === 88)) return raw;
  }
  return idKeySlow(raw);
}

function idKeySlow(raw: string): string {
  return residentIdKey(raw) ?? raw.trim().toUpperCase();
}

function ipOfHost(lowerHost: string): string | null {
  let host = lowerHost;
  if (host.length === 0) return null;
  if (host.charCodeAt(0) === 91) {
    const close = host.indexOf(']');
    return close > 0 ? ipKey(host.slice(0, close + 1)) : null;
  }
  // a host name ends in a letter label (its TLD): only digits, dots and hex marks can make an IP
  if (host.endsWith('.')) host = host.slice(0, -1);
  const last = host.charCodeAt(host.length - 1);
  if (!((last >= 48 && last <= 57) || (last >= 97 && last <= 102) || last === 120)) return null;
  const k = ipKey(host);
  if (k) return k;
  if (!/^[0-9a-fx.]+$/.test(host)) return null;
  try {
    return ipKey(new URL(`http://${host}/`).hostname); // WHATWG IPv4 parsing: 0x67.1.2.3, 1730217987, 0147.1.2.3
  } catch {
    return null;
  }
}
