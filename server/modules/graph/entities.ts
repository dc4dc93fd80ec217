// The entity/observation model of the graph module. Pure: no I/O.
// An observation says "this identifier value was seen in this record (case / warning / statement), as this role,
// at this time". Links between records are derived from shared canonical keys, never stored as such.
import {
  accountKey,
  parseUrl,
  parseAppPackage,
  phoneKey,
  residentIdKey,
  maskAccount,
  maskPhone,
  maskResidentId,
  FULL_MASK,
} from '../identifiers/index.ts';

export const ENTITY_KINDS = [
  'phone',
  'account',
  'url',
  'domain',
  'app',
  'wechat',
  'qq',
  'alipay',
  'imei',
  'wallet',
  'id_number',
  'ip',
  'other',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export type RecordKind = 'case' | 'warning';

export interface Observation {
  recordKind: RecordKind;
  recordId: string;
  kind: EntityKind;
  /** Canonical key (identifiers/keys.ts for phones, accounts, ID numbers; registrable domain for URLs). */
  key: string;
  /** The raw value as written where it was seen (masked on presentation). */
  value: string;
  /** The role in the record: 'victim_phone', 'suspect_phone', 'to_account', 'url', … */
  seenAs: string;
  /** ms since epoch. */
  at: number;
}

/** Canonical key of a raw value of a kind; null when the value is not shaped like that kind. */
export function canonicalKey(kind: EntityKind, raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (s === '') return null;
  switch (kind) {
    case 'phone':
      return phoneKey(s);
    case 'account':
      return accountKey(s);
    case 'id_number':
      return residentIdKey(s);
    case 'url': {
      const u = parseUrl(s);
      return u.ok ? u.url : null;
    }
    case 'domain': {
      const u = parseUrl(s.includes('://') ? s : `http://${s}`);
      return u.ok ? (u.registrableDomain ?? u.host) : null;
    }
    case 'app': {
      const p = parseAppPackage(s);
      return p.ok ? p.key : null;
    }
    case 'imei': {
      const d = s.replace(/[\s-]/g, '');
      return /^\d{14,16}$/.test(d) ? d.slice(0, 14) : null; // the check digit / SV digits do not identify the device
    }
    case 'wallet':
      return /^[0-9A-Za-z]{20,100}$/.test(s) ? (s.startsWith('0x') || s.startsWith('0X') ? s.toLowerCase() : s) : null;
    case 'wechat':
    case 'qq':
    case 'alipay':
    case 'ip':
    case 'other':
      return s.toLowerCase();
  }
}

/** Additional observations implied by one: a URL is also its registrable domain (the usual link between sites). */
export function derivedObservations(o: Observation): Observation[] {
  if (o.kind !== 'url') return [];
  const u = parseUrl(o.value);
  if (!u.ok) return [];
  const d = u.registrableDomain ?? u.host;
  return [{ ...o, kind: 'domain', key: d, value: d, seenAs: `${o.seenAs}_domain` }];
}

/** The node key used inside the graph: kind and canonical key, so a phone and an account with equal digits differ. */
export function entityId(kind: EntityKind, key: string): string {
  return `${kind}:${key}`;
}
export function splitEntityId(id: string): { kind: EntityKind; key: string } {
  const i = id.indexOf(':');
  return { kind: id.slice(0, i) as EntityKind, key: id.slice(i + 1) };
}

/** Masks a value for presentation unless the caller may see it in full. */
export function maskValue(kind: EntityKind, value: string, unmasked: boolean): string {
  if (unmasked) return value;
  switch (kind) {
    case 'phone':
      return maskPhone(value);
    case 'account':
      return maskAccount(value);
    case 'id_number':
      return maskResidentId(value);
    case 'url':
    case 'domain':
    case 'app':
      return value; // public infrastructure, not personal data
    default:
      return value.length <= 4 ? FULL_MASK : `${value.slice(0, 2)}****${value.slice(-2)}`;
  }
}
