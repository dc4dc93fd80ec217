// Subject linking: identifiers named together in one event (a bank event with resident ID + account + phone)
// belong to one person. Union-find over identifier keys, deterministic in event order so a replay after a
// restart rebuilds the same subjects. The subject with the smaller node id survives a merge. A forgotten (idle)
// subject's node ids are reused with a new generation, so a subject id ('S<n>' / 'S<n>.<g>') never names two
// subjects within a process; ids are not stable across restarts (the runtime keys warnings by identifier).
//
// Giant merges: a value shared by many people (a company account, a family phone, a test number) would fuse
// strangers into one subject. A merge that would exceed `maxKeysPerSubject` is refused and the event is
// attributed to the subject of its first identifier; allow-listed values never link (caller filters them).

import { KeyTable } from './keytable.ts';

export interface LinkResult {
  subject: number; // root node id of the subject the event belongs to
  merged: number[]; // subjects absorbed by this event (their state must move to `subject`)
}

/** Identifier kinds: 0 phone ('p:'), 1 resident id ('i:'), 2 account ('a:'). */
export const ID_KIND = { p: 0, i: 1, a: 2 } as const;

export class SubjectLinker {
  // one table per kind, keyed by the normalised value itself: no prefixed key string is built per event; digit
  // keys (phones, accounts, most IDs) are looked up by value in a typed array (keytable.ts), not as Map strings
  private readonly nodeOf: KeyTable[] = [new KeyTable(), new KeyTable(), new KeyTable()];
  private parent = new Int32Array(1024);
  private size = new Int32Array(1024);
  /** a reused node id gets a new generation, so the subject id built from it ('S<n>.<g>') is never an old one */
  private gen = new Uint32Array(1024);
  private kindOf = new Uint8Array(1024);
  private keyOf: (string | undefined)[] = [];
  /** the nodes of a subject form a circular list through `next` (a single node points at itself): a merge
   *  splices two lists by swapping two pointers, no allocation on the hot path */
  private next = new Int32Array(1024);
  private free: number[] = [];
  private count = 0;
  constructor(public maxKeysPerSubject = 16) {}

  /** Node ids handed out so far (live or released). */
  get nodes(): number {
    return this.count;
  }
  /** Identifiers currently known. */
  get live(): number {
    return this.count - this.free.length;
  }

  private node(kind: number, key: string): number {
    const map = this.nodeOf[kind]!;
    let n = map.get(key);
    if (n < 0) {
      n = this.free.length ? this.free.pop()! : this.count++;
      if (n >= this.parent.length) this.grow();
      this.parent[n] = n;
      this.size[n] = 1;
      this.next[n] = n;
      this.kindOf[n] = kind;
      this.keyOf[n] = key;
      map.set(key, n);
    }
    return n;
  }

  private grow(): void {
    const cap = this.parent.length * 2;
    const p = new Int32Array(cap);
    p.set(this.parent);
    this.parent = p;
    const s = new Int32Array(cap);
    s.set(this.size);
    this.size = s;
    const g = new Uint32Array(cap);
    g.set(this.gen);
    this.gen = g;
    const k = new Uint8Array(cap);
    k.set(this.kindOf);
    this.kindOf = k;
    const x = new Int32Array(cap);
    x.set(this.next);
    this.next = x;
  }

  find(n: number): number {
    let r = n;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[n] !== r) {
      const nx = this.parent[n]!;
      this.parent[n] = r;
      n = nx;
    }
    return r;
  }

  /** Subject of an identifier without creating it; -1 when unknown. */
  lookup(kind: number, key: string): number {
    const n = this.nodeOf[kind]?.get(key) ?? -1;
    return n < 0 ? -1 : this.find(n);
  }

  /** The subject id of a root node: 'S<n>', or 'S<n>.<generation>' once the node id has been reused. */
  sid(n: number): string {
    const g = this.gen[n]!;
    return g === 0 ? 'S' + n : `S${n}.${g}`;
  }

  /** The live node a subject id names (its subject may since have merged into another), or -1. */
  nodeOfSid(sid: string): number {
    const m = /^S(\d+)(?:\.(\d+))?$/.exec(sid);
    if (!m) return -1;
    const n = Number(m[1]);
    if (n >= this.count || this.keyOf[n] === undefined || this.gen[n] !== Number(m[2] ?? 0)) return -1;
    return n;
  }

  /** The nodes of the subject rooted at `root`. */
  membersOf(root: number): number[] {
    const out = [root];
    for (let m = this.next[root]!; m !== root; m = this.next[m]!) out.push(m);
    return out;
  }

  /** Forgets a subject: its identifiers become unknown and its node ids free for reuse (with a new generation). */
  release(root: number): void {
    for (const m of this.membersOf(root)) {
      this.nodeOf[this.kindOf[m]!]!.delete(this.keyOf[m]!);
      this.keyOf[m] = undefined;
      this.parent[m] = m;
      this.size[m] = 1;
      this.gen[m]!++;
      this.free.push(m);
    }
  }

  /** Links the identifiers of one event (parallel arrays, non-empty) and returns its subject. */
  link(kinds: readonly number[], keys: readonly string[]): LinkResult {
    const subject = this.linkRoot(kinds, keys);
    return { subject, merged: this.merged.slice(0, this.mergedCount) };
  }

  /** Subjects absorbed by the last `linkRoot` call: the first `mergedCount` entries of `merged`. One buffer reused
   *  for every event (read it before the next call): about half the events link a new identifier to their subject,
   *  and two arrays each time were a tenth of what the engine allocated. */
  readonly merged: number[] = [];
  mergedCount = 0;

  /** `link` without a result object per event: returns the subject, the absorbed ones are in `merged`. */
  linkRoot(kinds: readonly number[], keys: readonly string[]): number {
    let root = this.find(this.node(kinds[0]!, keys[0]!));
    this.mergedCount = 0;
    if (keys.length === 1) return root;
    const merged = this.merged;
    let count = 0;
    for (let i = 1; i < keys.length; i++) {
      const r = this.find(this.node(kinds[i]!, keys[i]!));
      if (r === root) continue;
      if (this.size[r]! + this.size[root]! > this.maxKeysPerSubject) continue; // hub guard
      const keep = r < root ? r : root;
      const gone = r < root ? root : r;
      this.parent[gone] = keep;
      this.size[keep]! += this.size[gone]!;
      const nk = this.next[keep]!;
      this.next[keep] = this.next[gone]!;
      this.next[gone] = nk; // splice the member lists
      merged[count++] = gone;
      root = keep;
    }
    // a node absorbed earlier in this loop may have been the root that later got absorbed itself
    let kept = 0;
    for (let i = 0; i < count; i++) if (merged[i] !== root) merged[kept++] = merged[i]!;
    this.mergedCount = kept;
    return root;
  }
}
