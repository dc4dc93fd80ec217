// One entry point for "an identifier of this kind, as typed by an officer or a partner": validate it and give the
// canonical key (keys.ts) that lists, joins and searches use. Covers the kinds a fraud case records (issue 11):
// phones, resident IDs, bank accounts, URLs, apps, WeChat/QQ/Alipay ids, devices (IMEI/MEID), crypto wallets, IPs.
// Pure: no I/O.
import { parseAppPackage } from './app-package.ts';
import { parseBankAccount } from './bank-card.ts';
import { compactAlnum } from './chars.ts';
import { ipKey } from './keys.ts';
import { luhnValid } from './bank-card.ts';
import { normalizePhone } from './phone.ts';
import { parseResidentId } from './resident-id.ts';
import { parseUrl } from './url.ts';

export const IDENTIFIER_KINDS = [
  'phone',
  'id_number',
  'bank_account',
  'url',
  'app',
  'wechat',
  'qq',
  'alipay',
  'imei',
  'wallet',
  'ip',
  'email',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
export const isIdentifierKind = (k: string): k is IdentifierKind => (IDENTIFIER_KINDS as readonly string[]).includes(k);

export type KeyedIdentifier =
  | { ok: true; kind: IdentifierKind; key: string; value: string; reason?: undefined }
  | { ok: false; kind: string; reason: string; key?: undefined; value?: undefined };

const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}$/;
// WeChat ids: 6–20 characters, a letter first, then letters, digits, '_' or '-' (a phone number also works as an id)
const WECHAT = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;
const QQ = /^[1-9]\d{4,11}$/;
const HEX = /^[0-9A-F]+$/;
const BTC_BASE58 = /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const BTC_BECH32 = /^(bc1)[02-9ac-hj-np-z]{11,71}$/;
const ETH = /^0x[0-9a-fA-F]{40}$/;
const TRON = /^T[1-9A-HJ-NP-Za-km-z]{33}$/;

const ok = (kind: IdentifierKind, key: string, value: string): KeyedIdentifier => ({ ok: true, kind, key, value });
const bad = (kind: string, reason: string): KeyedIdentifier => ({ ok: false, kind, reason });

/** Validates one identifier of a given kind; `value` is the cleaned form to store, `key` the canonical key. */
export function keyIdentifier(kind: string, raw: string): KeyedIdentifier {
  const v = typeof raw === 'string' ? raw.trim() : '';
  if (!v) return bad(kind, 'empty');
  switch (kind) {
    case 'phone': {
      const p = normalizePhone(v);
      return p.ok ? ok('phone', p.key, p.national ?? v) : bad(kind, `not a phone number (${p.reason})`);
    }
    case 'id_number': {
      const r = parseResidentId(v);
      return r.ok ? ok('id_number', r.normalized, r.normalized) : bad(kind, `not a valid resident ID (${r.reason})`);
    }
    case 'bank_account': {
      const a = parseBankAccount(v);
      return a.ok ? ok('bank_account', a.normalized, a.normalized) : bad(kind, `not an account number (${a.reason})`);
    }
    case 'url': {
      const u = parseUrl(v);
      return u.ok ? ok('url', u.url, u.url) : bad(kind, `not a URL (${u.reason})`);
    }
    case 'app': {
      const a = parseAppPackage(v);
      return a.ok ? ok('app', a.key, a.normalized) : bad(kind, `not an app package / bundle id (${a.reason})`);
    }
    case 'wechat': {
      const p = normalizePhone(v);
      if (p.ok && p.kind === 'mobile') return ok('wechat', p.key, p.national ?? v);
      return WECHAT.test(v)
        ? ok('wechat', v.toLowerCase(), v)
        : bad(kind, 'not a WeChat id (6–20 letters, digits, _ or -, a letter first)');
    }
    case 'qq': {
      const d = compactAlnum(v);
      return d && QQ.test(d) ? ok('qq', d, d) : bad(kind, 'not a QQ number (5–12 digits)');
    }
    case 'alipay': {
      const p = normalizePhone(v);
      if (p.ok && p.kind === 'mobile') return ok('alipay', p.key, p.national ?? v);
      return EMAIL.test(v)
        ? ok('alipay', v.toLowerCase(), v)
        : bad(kind, 'not an Alipay account (a mobile number or an e-mail address)');
    }
    case 'email':
      return EMAIL.test(v) ? ok('email', v.toLowerCase(), v) : bad(kind, 'not an e-mail address');
    case 'imei': {
      const d = (compactAlnum(v) ?? '').toUpperCase();
      if (/^\d{15}$/.test(d)) return luhnValid(d) ? ok('imei', d, d) : bad(kind, 'IMEI check digit does not match');
      if (/^\d{14}$/.test(d)) return ok('imei', d, d); // IMEI without its check digit
      if (d.length === 14 && HEX.test(d)) return ok('imei', d, d); // MEID (CDMA)
      return bad(kind, 'not an IMEI (15 digits) or MEID (14 hex characters)');
    }
    case 'wallet': {
      if (ETH.test(v)) return ok('wallet', v.toLowerCase(), v);
      if (TRON.test(v) || BTC_BASE58.test(v)) return ok('wallet', v, v); // base58 is case-sensitive
      if (BTC_BECH32.test(v.toLowerCase())) return ok('wallet', v.toLowerCase(), v.toLowerCase());
      return bad(kind, 'not a wallet address (TRON T…, Ethereum 0x…, Bitcoin 1…/3…/bc1…)');
    }
    case 'ip': {
      const k = ipKey(v);
      return k ? ok('ip', k, k) : bad(kind, 'not an IP address');
    }
    default:
      return bad(kind, `unknown identifier kind (one of ${IDENTIFIER_KINDS.join(', ')})`);
  }
}
