// App identifiers as reported by app stores, MDM/anti-fraud apps on handsets, and citizens.

export type AppPlatform = 'android' | 'ios';
export type AppPackageRejectReason = 'empty' | 'too_long' | 'invalid_format';

export interface AppPackageOk {
  ok: true;
  /** Trimmed, case preserved (Android package names are case-sensitive). */
  normalized: string;
  /** Map key: iOS bundle IDs are case-insensitive (Apple), so lower-cased; otherwise the normalized form. */
  key: string;
  /** 'either' when the string is valid on both platforms and none was given. */
  platform: AppPlatform | 'either';
  reason: undefined;
}
export interface AppPackageError {
  ok: false;
  reason: AppPackageRejectReason;
  normalized?: undefined;
  key?: undefined;
}
export type AppPackageResult = AppPackageOk | AppPackageError;

const MAX_LEN = 255;
// Android: Java-identifier-like segments (letter first, then letters/digits/_), at least two segments.
const ANDROID = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$/;
// iOS: alphanumerics and hyphens, reverse-DNS, at least two segments.
const IOS = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/** Parses an Android package name or iOS bundle ID; pass the platform when the source knows it. Never throws. */
export function parseAppPackage(raw: string, platform?: AppPlatform): AppPackageResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'empty' };
  const s = raw.trim();
  if (s.length === 0) return { ok: false, reason: 'empty' };
  if (s.length > MAX_LEN) return { ok: false, reason: 'too_long' };
  const android = platform !== 'ios' && ANDROID.test(s);
  const ios = platform !== 'android' && IOS.test(s);
  if (!android && !ios) return { ok: false, reason: 'invalid_format' };
  const p: AppPackageOk['platform'] = android && ios ? 'either' : android ? 'android' : 'ios';
  // With platform unknown, keep case in the key: merging two Android packages that differ only in case is worse
  // than keeping two keys for one iOS app.
  return { ok: true, normalized: s, key: p === 'ios' ? s.toLowerCase() : s, platform: p, reason: undefined };
}

const SHA256 = /^[0-9a-fA-F]{64}$/;

/** True for a 64-character hex SHA-256 digest (either case, surrounding whitespace ignored). */
export function isSha256Hex(raw: string): boolean {
  return typeof raw === 'string' && SHA256.test(raw.trim());
}

/** Lower-case hex SHA-256, or null when the input is not one. */
export function normalizeSha256(raw: string): string | null {
  return isSha256Hex(raw) ? raw.trim().toLowerCase() : null;
}
