import { domainToUnicode } from 'node:url';
import { parse as parseHost } from 'tldts';

export type UrlRejectReason =
  | 'empty'
  | 'too_long'
  | 'invalid_characters' // whitespace or control characters inside
  | 'unsupported_scheme' // mailto:, javascript:, ftp:, …
  | 'invalid_url'
  | 'invalid_host' // no registrable domain (localhost, a bare public suffix like com.cn, a bare number)
  | 'unknown_tld';

export interface UrlOk {
  ok: true;
  /** WHATWG-normalised: lower-case punycode host, default port and fragment removed. */
  url: string;
  scheme: 'http' | 'https';
  /** ASCII (punycode) host, no brackets for IPv6. */
  host: string;
  /** Host for display: IDNs decoded to Unicode. */
  hostUnicode: string;
  /** eTLD+1 honouring private suffixes (xxx.github.io is its own site); null for IPs. */
  registrableDomain: string | null;
  isIp: boolean;
  /** user:pass@ before the host, the "https://bank.com@evil.example" phishing trick. */
  hasUserInfo: boolean;
  reason: undefined;
}
export interface UrlError {
  ok: false;
  reason: UrlRejectReason;
  url?: undefined;
  host?: undefined;
  registrableDomain?: undefined;
}
export type UrlResult = UrlOk | UrlError;

const MAX_LEN = 2048; // the event contract's limit for url_visit
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const PORT_AFTER_COLON = /^\d+(?:[/?#]|$)/;
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\s\u0000-\u001f\u007f]/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const err = (reason: UrlRejectReason): UrlError => ({ ok: false, reason });

/** Undo common defanging in reports and threat feeds: hxxp://, [.] and (.) */
function refang(s: string): string {
  if (!/^hxxps?:|\[\.\]|\(\.\)/i.test(s)) return s;
  return s.replace(/^hxxp/i, 'http').replace(/\[\.\]|\(\.\)/g, '.');
}

/** Parses a URL as a citizen or partner would write it. Missing scheme means http. Never throws. */
export function parseUrl(raw: string): UrlResult {
  if (typeof raw !== 'string') return err('empty');
  let s = refang(raw.trim());
  if (s.length === 0) return err('empty');
  if (s.length > MAX_LEN) return err('too_long');
  if (BAD_CHARS.test(s)) return err('invalid_characters');

  let typedScheme = false;
  const m = SCHEME.exec(s);
  if (m && !PORT_AFTER_COLON.test(s.slice(m[0].length))) {
    const scheme = m[1]!.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') return err('unsupported_scheme');
    typedScheme = true;
  } else {
    s = s.startsWith('//') ? 'http:' + s : 'http://' + s;
  }

  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return err('invalid_url');
  }
  // A trailing root dot names the same host; drop it so abc.com. and abc.com share a key.
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.slice(0, -1);
  u.hash = '';
  const hostname = u.hostname;
  if (hostname === '') return err('invalid_host');

  const isV6 = hostname.startsWith('[');
  const host = isV6 ? hostname.slice(1, -1) : hostname;
  const info = isV6 ? null : parseHost(host, { allowPrivateDomains: true });
  const isIp = isV6 || info?.isIp === true;
  if (isIp && !typedScheme && !isV6) {
    // Without a scheme, only a plain dotted quad counts as an IP: otherwise "12345" would become http://0.0.48.57/.
    const typed = s.slice(7).split(/[/?#]/, 1)[0]!.replace(/^.*@/, '').replace(/:\d*$/, '');
    if (!DOTTED_QUAD.test(typed) || typed !== host) return err('invalid_host');
  }
  if (!isIp) {
    if (!info?.domain) return err('invalid_host');
    if (!info.isIcann && !info.isPrivate) return err('unknown_tld');
  }
  return {
    ok: true,
    url: u.href,
    scheme: u.protocol === 'https:' ? 'https' : 'http',
    host,
    hostUnicode: isIp ? host : domainToUnicode(host) || host,
    registrableDomain: isIp ? null : info!.domain!,
    isIp,
    hasUserInfo: u.username !== '' || u.password !== '',
    reason: undefined,
  };
}
