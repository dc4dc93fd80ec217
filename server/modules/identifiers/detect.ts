import { parseAppPackage, normalizeSha256, type AppPackageOk } from './app-package.ts';
import { parseBankAccount, type BankAccountOk } from './bank-card.ts';
import { parseCreditCode, type CreditCodeOk } from './credit-code.ts';
import { normalizePhone, type PhoneOk } from './phone.ts';
import { parseResidentId, type ResidentIdOk } from './resident-id.ts';
import { parseUrl, type UrlOk } from './url.ts';

// For the public "check a number / link / account" page and free-text fields: one string in, the most likely
// identifier type out. Checksummed types outrank loose ones (a resident ID with a valid check digit is rarely
// anything else); the runner-up interpretations are returned so the UI can offer "did you mean …".

export type IdentifierType =
  'phone' | 'resident_id' | 'bank_account' | 'credit_code' | 'url' | 'app_package' | 'sha256' | 'unknown';

interface Base<T extends IdentifierType, D> {
  type: T;
  /** The canonical form used as a key: the phone key (keys.ts), 18-char ID, digits, upper-case code, URL, package, hex. */
  normalized: string;
  detail: D;
  /** Other types the string is also valid as, most likely first. */
  alternatives: IdentifierType[];
}
export type Detected =
  | Base<'phone', PhoneOk>
  | Base<'resident_id', ResidentIdOk>
  | Base<'bank_account', BankAccountOk>
  | Base<'credit_code', CreditCodeOk>
  | Base<'url', UrlOk>
  | Base<'app_package', AppPackageOk>
  | Base<'sha256', null>
  | { type: 'unknown'; normalized: null; detail: null; alternatives: [] };

// Package names are reversed domains; a leading TLD label (com.tencent.mm) is the tell. As a host, com.tencent.mm
// would even parse (mm is Myanmar), so this must be decided before trying URLs.
const REVERSE_DNS_ROOTS = new Set([
  'com',
  'cn',
  'org',
  'net',
  'io',
  'me',
  'tv',
  'co',
  'app',
  'top',
  'vip',
  'cc',
  'xyz',
  'info',
  'biz',
  'edu',
  'gov',
  'mobi',
  'uk',
  'de',
  'jp',
]);

type Candidate = Exclude<Detected, { type: 'unknown' }>;

/** Classifies a free-form string. Never throws. */
export function detectIdentifier(raw: string, options: { today?: Date } = {}): Detected {
  const s = typeof raw === 'string' ? raw.trim() : '';
  if (s === '' || s.length > 2048) return { type: 'unknown', normalized: null, detail: null, alternatives: [] };
  const found: Candidate[] = [];
  const later: Candidate[] = [];
  const add = (c: Candidate, low = false) => (low ? later : found).push(c);

  const hash = normalizeSha256(s);
  if (hash) add({ type: 'sha256', normalized: hash, detail: null, alternatives: [] });

  const id = parseResidentId(s, options);
  // 15-digit IDs have no check digit and were all replaced by 2013; a 15-digit string is more likely an account.
  if (id.ok) add({ type: 'resident_id', normalized: id.normalized, detail: id, alternatives: [] }, id.legacy);

  const cc = parseCreditCode(s);
  if (cc.ok) add({ type: 'credit_code', normalized: cc.normalized, detail: cc, alternatives: [] });

  const phone = normalizePhone(s);
  if (phone.ok) add({ type: 'phone', normalized: phone.key, detail: phone, alternatives: [] });

  const account = parseBankAccount(s);
  if (account.ok) add({ type: 'bank_account', normalized: account.normalized, detail: account, alternatives: [] });
  found.push(...later.splice(0));

  const pkg = parseAppPackage(s);
  const url = parseUrl(s);
  const pkgCand: Candidate | null = pkg.ok
    ? { type: 'app_package', normalized: pkg.normalized, detail: pkg, alternatives: [] }
    : null;
  const urlCand: Candidate | null = url.ok ? { type: 'url', normalized: url.url, detail: url, alternatives: [] } : null;
  const looksLikePackage = pkg.ok && REVERSE_DNS_ROOTS.has(s.slice(0, s.indexOf('.')).toLowerCase());
  for (const c of looksLikePackage ? [pkgCand, urlCand] : [urlCand, pkgCand]) if (c) found.push(c);

  const [best, ...rest] = found;
  if (!best) return { type: 'unknown', normalized: null, detail: null, alternatives: [] };
  best.alternatives = rest.map((c) => c.type);
  return best;
}
