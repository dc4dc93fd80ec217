// Pure validation and normalisation of indicator input. The stored `value` is the engine's own key
// (indicatorKey) so that a list entry and an event value meet in the same Map slot; the identifiers module
// decides whether the raw input is a real phone number, URL, package name or hash at all.
import { isIP } from 'node:net';
import { INDICATOR_KINDS, indicatorKey, type IndicatorKind } from '../engine/index.ts';
import { normalizePhone } from '../identifiers/index.ts';
import { parseUrl } from '../identifiers/index.ts';
import { parseAppPackage, normalizeSha256 } from '../identifiers/index.ts';
import { parseBankAccount } from '../identifiers/index.ts';
import { fraudType as catalogueType } from '../fraud-types/index.ts';

export const MAX_BULK = 10_000;
export const LISTS = ['block', 'allow'] as const;
export type List = (typeof LISTS)[number];

export interface IndicatorItemInput {
  kind: string;
  value: string;
  list?: string;
  reason?: string;
  source?: string;
  confidence?: number;
  validUntil?: string | null;
  fraudType?: string | null;
}

export interface NormalizedIndicator {
  kind: IndicatorKind;
  key: string;
  rawValue: string;
  list: List;
  reason: string | null;
  source: string;
  confidence: number;
  validUntil: Date | null;
  fraudType: string | null;
}

export interface ItemProblem {
  field: string;
  reason: string;
}

/** The normalised key of a raw value, or the reason it is not a valid identifier of that kind. */
export function normalizeValue(kind: IndicatorKind, raw: string): { key: string } | { reason: string } {
  const v = raw.trim();
  if (!v) return { reason: 'empty' };
  switch (kind) {
    case 'phone': {
      const p = normalizePhone(v);
      if (!p.ok) return { reason: `invalid phone number (${p.reason})` };
      break;
    }
    case 'account': {
      const a = parseBankAccount(v);
      if (!a.ok) return { reason: `invalid account number (${a.reason})` };
      break;
    }
    case 'domain': {
      const u = parseUrl(v);
      if (!u.ok || !u.registrableDomain || /[/?#@]/.test(v.replace(/^[a-z]+:\/\//i, '').replace(/\/$/, ''))) {
        return { reason: `invalid domain (${u.ok ? 'not a bare host name' : u.reason})` };
      }
      break;
    }
    case 'url': {
      const u = parseUrl(v);
      if (!u.ok) return { reason: `invalid URL (${u.reason})` };
      return { key: indicatorKey('url', u.url) };
    }
    case 'app_package': {
      const a = parseAppPackage(v);
      if (!a.ok) return { reason: `invalid app package name (${a.reason})` };
      break;
    }
    case 'app_hash':
      if (!normalizeSha256(v)) return { reason: 'invalid app hash (expected 64 hex characters of SHA-256)' };
      break;
    case 'ip':
      if (!isIP(v.replace(/^\[(.*)\]$/, '$1'))) return { reason: 'invalid IP address' };
      break;
    case 'keyword':
      if (v.length < 2 || v.length > 100) return { reason: 'keyword must be 2–100 characters' };
      break;
  }
  const key = indicatorKey(kind, v);
  return key ? { key } : { reason: 'empty after normalisation' };
}

/** Validates one item of a bulk request; problems name the field so a row-error report can point at it. */
export function normalizeItem(
  x: IndicatorItemInput,
  defaultSource: string,
): { ok: true; value: NormalizedIndicator } | { ok: false; problems: ItemProblem[] } {
  const problems: ItemProblem[] = [];
  const kind = x.kind as IndicatorKind;
  if (!(INDICATOR_KINDS as readonly string[]).includes(x.kind))
    problems.push({ field: 'kind', reason: `must be one of ${INDICATOR_KINDS.join(', ')}` });
  const list = (x.list ?? 'block') as List;
  if (!LISTS.includes(list)) problems.push({ field: 'list', reason: 'must be block or allow' });
  const confidence = x.confidence ?? 80;
  if (!Number.isInteger(confidence) || confidence < 0 || confidence > 100)
    problems.push({ field: 'confidence', reason: 'must be an integer 0–100' });
  let validUntil: Date | null = null;
  if (x.validUntil) {
    validUntil = new Date(x.validUntil);
    if (Number.isNaN(validUntil.getTime())) problems.push({ field: 'validUntil', reason: 'must be an ISO date-time' });
  }
  if (x.reason && x.reason.length > 500) problems.push({ field: 'reason', reason: 'at most 500 characters' });
  if (x.fraudType && !catalogueType(x.fraudType))
    problems.push({ field: 'fraudType', reason: 'unknown fraud type code' });
  let key = '';
  if (!problems.some((p) => p.field === 'kind')) {
    if (typeof x.value !== 'string') problems.push({ field: 'value', reason: 'required' });
    else {
      const n = normalizeValue(kind, x.value);
      if ('reason' in n) problems.push({ field: 'value', reason: n.reason });
      else key = n.key;
    }
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      kind,
      key,
      rawValue: x.value.trim(),
      list,
      reason: x.reason?.trim() || null,
      source: x.source?.trim() || defaultSource,
      confidence,
      validUntil,
      fraudType: x.fraudType || null,
    },
  };
}

/** Identity of an entry: one row per (kind, key, list). */
export const entryId = (n: Pick<NormalizedIndicator, 'kind' | 'key' | 'list'>) =>
  `${n.kind}\u0000${n.key}\u0000${n.list}`;
