// A string → non-negative integer map for identifier keys (phone numbers, accounts, resident IDs), the engine's two
// hot look-ups per event: subject linking and the block list. Profiles of the bench put most of their time in cache
// misses of a V8 Map with hundreds of thousands to millions of string keys (bucket, entry, then the stored key string
// to compare). Here a key made of 1–18 ASCII digits — nearly every phone and account — is encoded as two 32-bit
// integers and stored beside its value in one open-addressing table (linear probing, one typed array): usually one
// cache line per look-up, no string kept per key, nothing for the garbage collector to trace. Any other key (a
// domain, a 19-digit card, a key with letters) goes to an ordinary Map; which side a key lives on depends only on
// the key, so both sides together behave exactly like one Map.

const EMPTY = 0; // no encoded key has hi = 0 (see encode)
const MAX_LOAD = 0.75;

// encode() writes its result here: module-level so the hot path allocates nothing
let eHi = 0,
  eLo = 0;

/** Encodes a key of 1–18 ASCII digits as (eHi, eLo), one-to-one, leading zeros kept; false for any other key.
 *  Up to 9 digits: eHi = -2^31 + length, eLo = the value. 10–18 digits: eHi = "1" followed by all but the last nine
 *  digits (at most 1,999,999,999, positive), eLo = the last nine. */
function encode(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 18) return false;
  let hi = 1,
    lo = 0;
  const split = n > 9 ? n - 9 : 0;
  for (let i = 0; i < split; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    hi = hi * 10 + d;
  }
  for (let i = split; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    lo = lo * 10 + d;
  }
  eHi = split === 0 ? (0x80000000 + n) | 0 : hi;
  eLo = lo;
  return true;
}

function decode(hi: number, lo: number): string {
  if (hi < 0) return String(lo).padStart(hi + 0x80000000, '0');
  return String(hi).slice(1) + String(lo).padStart(9, '0');
}

function hash(hi: number, lo: number): number {
  let h = Math.imul(hi, 0x9e3779b1) ^ lo;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

export class KeyTable {
  /** slot i: [3i] hi, [3i+1] lo, [3i+2] value; hi = EMPTY marks a free slot */
  private cells: Int32Array;
  private mask: number;
  private count = 0;
  private readonly other = new Map<string, number>();

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.cells = new Int32Array(cap * 3);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count + this.other.size;
  }

  /** The value of `key`, or -1 when absent. */
  get(key: string): number {
    if (!encode(key)) return this.other.get(key) ?? -1;
    const c = this.cells,
      m = this.mask,
      hi = eHi,
      lo = eLo;
    for (let i = hash(hi, lo) & m; ; i = (i + 1) & m) {
      const h = c[i * 3]!;
      if (h === EMPTY) return -1;
      if (h === hi && c[i * 3 + 1] === lo) return c[i * 3 + 2]!;
    }
  }

  /** Sets `key` to `value` (a non-negative 32-bit integer). */
  set(key: string, value: number): void {
    if (!encode(key)) {
      this.other.set(key, value);
      return;
    }
    if (this.count + 1 > (this.mask + 1) * MAX_LOAD) this.resize((this.mask + 1) * 2);
    this.put(eHi, eLo, value);
  }

  private put(hi: number, lo: number, value: number): void {
    const c = this.cells,
      m = this.mask;
    for (let i = hash(hi, lo) & m; ; i = (i + 1) & m) {
      const h = c[i * 3]!;
      if (h === EMPTY) {
        c[i * 3] = hi;
        c[i * 3 + 1] = lo;
        c[i * 3 + 2] = value;
        this.count++;
        return;
      }
      if (h === hi && c[i * 3 + 1] === lo) {
        c[i * 3 + 2] = value;
        return;
      }
    }
  }

  private resize(cap: number): void {
    const old = this.cells;
    this.cells = new Int32Array(cap * 3);
    this.mask = cap - 1;
    this.count = 0;
    for (let i = 0; i < old.length; i += 3) if (old[i] !== EMPTY) this.put(old[i]!, old[i + 1]!, old[i + 2]!);
  }

  /** Removes `key`; true when it was present. Backward-shift deletion: no tombstones, probe chains stay short. */
  delete(key: string): boolean {
    if (!encode(key)) return this.other.delete(key);
    const c = this.cells,
      m = this.mask,
      hi = eHi,
      lo = eLo;
    let i = hash(hi, lo) & m;
    for (; ; i = (i + 1) & m) {
      const h = c[i * 3]!;
      if (h === EMPTY) return false;
      if (h === hi && c[i * 3 + 1] === lo) break;
    }
    // move later entries of the probe run back into the hole when their home slot allows it
    for (let j = (i + 1) & m; c[j * 3] !== EMPTY; j = (j + 1) & m) {
      const k = hash(c[j * 3]!, c[j * 3 + 1]!) & m;
      if (i <= j ? k <= i || k > j : k <= i && k > j) {
        c[i * 3] = c[j * 3]!;
        c[i * 3 + 1] = c[j * 3 + 1]!;
        c[i * 3 + 2] = c[j * 3 + 2]!;
        i = j;
      }
    }
    c[i * 3] = EMPTY;
    this.count--;
    return true;
  }

  /** All keys (digit keys rebuilt from their encoding), in no particular order. */
  *keys(): IterableIterator<string> {
    const c = this.cells;
    for (let i = 0; i < c.length; i += 3) if (c[i] !== EMPTY) yield decode(c[i]!, c[i + 1]!);
    yield* this.other.keys();
  }
}
