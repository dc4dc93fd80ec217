// Subject linking: identifiers named together in one event (a bank event with resident ID + account + phone)
// belong to one person. Union-find over identifier keys, deterministic in event order so a replay after a
// restart rebuilds the same subjects and ids. The older subject (smaller id) always survives a merge.
//
// Giant merges: a value shared by many people (a company account, a family phone, a test number) would fuse
// strangers into one subject. A merge that would exceed `maxKeysPerSubject` is refused and the event is
// attributed to the subject of its first identifier; allow-listed values never link (caller filters them).

export interface LinkResult {
  subject: number; // root node id of the subject the event belongs to
  merged: number[]; // subjects absorbed by this event (their state must move to `subject`)
}

/** Identifier kinds: 0 phone ('p:'), 1 resident id ('i:'), 2 account ('a:'). */
export const ID_KIND = { p: 0, i: 1, a: 2 } as const;

export class SubjectLinker {
  // one map per kind, keyed by the normalised value itself: no prefixed key string is built per event, and
  // the value's hash (cached in the string) is shared with the allow-list lookup of the same value
  private readonly nodeOf: Map<string, number>[] = [new Map(), new Map(), new Map()];
  private parent = new Int32Array(1024);
  private size = new Int32Array(1024);
  private count = 0;
  constructor(public maxKeysPerSubject = 16) {}

  get nodes(): number { return this.count; }

  private node(kind: number, key: string): number {
    const map = this.nodeOf[kind]!;
    let n = map.get(key);
    if (n === undefined) {
      n = this.count++;
      if (n >= this.parent.length) {
        const p = new Int32Array(this.parent.length * 2); p.set(this.parent); this.parent = p;
        const s = new Int32Array(this.size.length * 2); s.set(this.size); this.size = s;
      }
      this.parent[n] = n;
      this.size[n] = 1;
      map.set(key, n);
    }
    return n;
  }

  find(n: number): number {
    let r = n;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[n] !== r) { const nx = this.parent[n]!; this.parent[n] = r; n = nx; }
    return r;
  }

  /** Subject of an identifier without creating it; -1 when unknown. */
  lookup(kind: number, key: string): number {
    const n = this.nodeOf[kind]?.get(key);
    return n === undefined ? -1 : this.find(n);
  }

  /** Links the identifiers of one event (parallel arrays, non-empty) and returns its subject. */
  link(kinds: readonly number[], keys: readonly string[]): LinkResult {
    let root = this.find(this.node(kinds[0]!, keys[0]!));
    if (keys.length === 1) return { subject: root, merged: NONE };
    let merged: number[] = NONE;
    for (let i = 1; i < keys.length; i++) {
      const r = this.find(this.node(kinds[i]!, keys[i]!));
      if (r === root) continue;
      if (this.size[r]! + this.size[root]! > this.maxKeysPerSubject) continue; // hub guard
      const keep = r < root ? r : root;
      const gone = r < root ? root : r;
      this.parent[gone] = keep;
      this.size[keep]! += this.size[gone]!;
      if (merged === NONE) merged = [];
      merged.push(gone);
      root = keep;
    }
    // a node absorbed earlier in this loop may have been the root that later got absorbed itself
    return { subject: root, merged: merged === NONE ? NONE : merged.filter((m) => m !== root) };
  }
}

const NONE: number[] = [];
