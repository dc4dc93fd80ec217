// In-memory indicator lists (block and allow) with O(1) lookups. Memory matters (10M entries must fit in
// about 1 GB), so an entry is one Map key (the normalised value) pointing at a slot in packed typed arrays;
// source, reason and fraud type are interned. No object per entry.
import { buildMatcher, type Matcher } from './matcher.ts';
import { accountKey, domainOf, phoneKey, urlKey } from './ids.ts';
import { ipKey } from '../identifiers/index.ts';
import { KeyTable } from './keytable.ts';

export const INDICATOR_KINDS = [
  'phone',
  'account',
  'domain',
  'url',
  'app_package',
  'app_hash',
  'ip',
  'keyword',
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export type ListName = 'block' | 'allow';

export interface IndicatorInput {
  kind: IndicatorKind;
  value: string;
  list?: ListName;
  source?: string;
  reason?: string;
  confidence?: number; // 0..100
  validUntil?: number | null; // epoch ms; compared with event time, not the wall clock
  fraudType?: string; // catalogue code, when the list says what it is evidence of
}

export interface IndicatorEntry extends Required<Omit<IndicatorInput, 'validUntil' | 'fraudType'>> {
  validUntil: number | null;
  fraudType: string | null;
}

const BLOCK = 1,
  ALLOW = 2;

/** The key an indicator value is stored under; engine lookups use the same normalisation. */
export function indicatorKey(kind: IndicatorKind, value: string): string {
  switch (kind) {
    case 'phone':
      return phoneKey(value);
    case 'account':
      return accountKey(value);
    case 'domain':
      return domainOf(value) ?? value.trim().toLowerCase();
    case 'url':
      return urlKey(value);
    case 'ip':
      return ipKey(value) ?? value.trim().toLowerCase();
    case 'app_package':
      return value.trim().toLowerCase();
    case 'app_hash':
      return value.trim().toLowerCase();
    case 'keyword':
      return value.trim();
  }
}

class Interner {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);
  constructor(private readonly max: number) {}
  id(s: string | undefined | null): number {
    if (!s) return 0;
    let i = this.ids.get(s);
    if (i === undefined) {
      if (this.values.length > this.max) throw new RangeError('too many distinct indicator sources/types');
      i = this.values.length;
      this.values.push(s);
      this.ids.set(s, i);
    }
    return i;
  }
}

export class IndicatorStore {
  // value → slot; digit values (phones, accounts) are stored by value in a typed array, not as strings (keytable.ts)
  private readonly maps = Object.fromEntries(INDICATOR_KINDS.map((k) => [k, new KeyTable()])) as Record<
    IndicatorKind,
    KeyTable
  >;
  /** allow entries also live in small per-kind sets: the check runs for every event, and a small set stays in cache */
  private readonly allowSets = Object.fromEntries(INDICATOR_KINDS.map((k) => [k, new Set<string>()])) as Record<
    IndicatorKind,
    Set<string>
  >;
  private cap = 1024;
  private flags = new Uint8Array(this.cap);
  private conf = new Uint8Array(this.cap);
  private validSec = new Uint32Array(this.cap); // 0 = no end; seconds keep it 4 bytes until 2106
  private src = new Uint16Array(this.cap); // interned source (few distinct: partner feeds)
  private reason = new Uint32Array(this.cap); // interned reason (may be many)
  private ftype = new Uint8Array(this.cap); // interned fraud type code (a dozen)
  private free: number[] = [];
  private used = 0;
  private readonly sources = new Interner(0xffff);
  private readonly reasons = new Interner(0xffffffff);
  private readonly types = new Interner(0xff);
  private keywordMatcher: Matcher | null = null;
  private keywordList: string[] = [];
  /** bumps on every change so callers (and tests) can see a change took effect */
  version = 0;

  get size(): number {
    return this.used - this.free.length;
  }

  private grow(): void {
    this.cap = Math.ceil(this.cap * 1.5); // 1.5× keeps the slack of a 10M list near 100 MB, not 300
    const f = new Uint8Array(this.cap);
    f.set(this.flags);
    this.flags = f;
    const c = new Uint8Array(this.cap);
    c.set(this.conf);
    this.conf = c;
    const v = new Uint32Array(this.cap);
    v.set(this.validSec);
    this.validSec = v;
    const so = new Uint16Array(this.cap);
    so.set(this.src);
    this.src = so;
    const re = new Uint32Array(this.cap);
    re.set(this.reason);
    this.reason = re;
    const ft = new Uint8Array(this.cap);
    ft.set(this.ftype);
    this.ftype = ft;
  }

  add(x: IndicatorInput): void {
    const key = indicatorKey(x.kind, x.value);
    if (!key) return;
    const map = this.maps[x.kind];
    let slot = map.get(key);
    if (slot < 0) {
      slot = this.free.length ? this.free.pop()! : this.used++;
      if (slot >= this.cap) this.grow();
      this.flags[slot] = 0;
      map.set(key, slot);
    }
    // Allow and block flags are kept separately: an allow entry always wins, whatever the order of adds.
    this.flags[slot]! |= x.list === 'allow' ? ALLOW : BLOCK;
    if (x.list === 'allow') this.allowSets[x.kind].add(key);
    this.conf[slot] = Math.max(0, Math.min(100, Math.round(x.confidence ?? 80)));
    this.validSec[slot] = x.validUntil ? Math.ceil(x.validUntil / 1000) : 0;
    this.src[slot] = this.sources.id(x.source);
    this.reason[slot] = this.reasons.id(x.reason);
    this.ftype[slot] = this.types.id(x.fraudType);
    if (x.kind === 'keyword') this.keywordMatcher = null;
    this.version++;
  }

  addMany(xs: Iterable<IndicatorInput>): void {
    for (const x of xs) this.add(x);
  }

  /** Removes the value from one list (or both when `list` is omitted). */
  remove(kind: IndicatorKind, value: string, list?: ListName): boolean {
    const map = this.maps[kind];
    const key = indicatorKey(kind, value);
    const slot = map.get(key);
    if (slot < 0) return false;
    this.flags[slot]! &= list === 'allow' ? ~ALLOW : list === 'block' ? ~BLOCK : 0;
    if (!(this.flags[slot]! & ALLOW)) this.allowSets[kind].delete(key);
    if (this.flags[slot] === 0) {
      map.delete(key);
      this.free.push(slot);
    }
    if (kind === 'keyword') this.keywordMatcher = null;
    this.version++;
    return true;
  }

  /** True when the (already normalised) key is allow-listed: benign, never raises or links. */
  allowed(kind: IndicatorKind, key: string): boolean {
    const set = this.allowSets[kind];
    return set.size !== 0 && set.has(key);
  }

  /** Slot of a live block entry for the normalised key at time `t`, or -1 (absent, allowed or expired). */
  blocked(kind: IndicatorKind, key: string, t: number): number {
    const slot = this.maps[kind].get(key);
    if (slot < 0) return -1;
    const f = this.flags[slot]!;
    if ((f & ALLOW) !== 0 || (f & BLOCK) === 0) return -1;
    const v = this.validSec[slot]!;
    return v !== 0 && v * 1000 < t ? -1 : slot;
  }

  reasonOf(slot: number): string {
    return this.reasons.values[this.reason[slot]!]!;
  }
  sourceOf(slot: number): string {
    return this.sources.values[this.src[slot]!]!;
  }
  fraudTypeOf(slot: number): string | null {
    return this.types.values[this.ftype[slot]!] || null;
  }
  confidenceOf(slot: number): number {
    return this.conf[slot]!;
  }

  get(kind: IndicatorKind, value: string): IndicatorEntry | null {
    const slot = this.maps[kind].get(indicatorKey(kind, value));
    if (slot < 0) return null;
    return {
      kind,
      value: indicatorKey(kind, value),
      list: this.flags[slot]! & ALLOW ? 'allow' : 'block',
      source: this.sourceOf(slot),
      reason: this.reasonOf(slot),
      confidence: this.conf[slot]!,
      validUntil: this.validSec[slot] ? this.validSec[slot]! * 1000 : null,
      fraudType: this.fraudTypeOf(slot),
    };
  }

  /** Block-listed keywords found in text (rebuilt lazily after keyword changes). */
  keywordsIn(text: string, t: number, out: number[]): string[] | null {
    if (!this.keywordMatcher) {
      this.keywordList = [...this.maps.keyword.keys()];
      this.keywordMatcher = buildMatcher(this.keywordList);
    }
    if (this.keywordMatcher.size === 0) return null;
    const n = this.keywordMatcher.matchInto(text, out);
    let found: string[] | null = null;
    for (let i = 0; i < n; i++) {
      const kw = this.keywordList[out[i]!]!;
      if (this.blocked('keyword', kw, t) >= 0 && !(found ??= []).includes(kw)) found.push(kw);
    }
    return found;
  }
}
