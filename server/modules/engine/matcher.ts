// Aho–Corasick over UTF-16 code units. Chinese scripts have a huge alphabet, so transitions live in one
// Map keyed by node * 65536 + char (small integers while nodes < 32768, which V8 keeps unboxed) instead of
// a dense table. Outputs of suffix nodes are merged at build time so matching never walks output links.

export interface Matcher {
  readonly size: number;
  /** Writes the ids of patterns found (with repeats) into `out`, returns how many; `out` is reused by callers. */
  matchInto(text: string, out: number[]): number;
  /** Distinct pattern ids found, convenience for cold paths. */
  matchAll(text: string): number[];
}

export function buildMatcher(patterns: readonly string[]): Matcher {
  const next = new Map<number, number>();
  const fail: number[] = [0];
  const outs: (number[] | null)[] = [null];
  const children: number[][] = [[]];
  for (let id = 0; id < patterns.length; id++) {
    const p = patterns[id]!;
    if (p.length === 0) continue;
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const key = node * 65536 + p.charCodeAt(i);
      let child = next.get(key);
      if (child === undefined) {
        child = fail.length;
        next.set(key, child);
        fail.push(0);
        outs.push(null);
        children.push([]);
        children[node]!.push(p.charCodeAt(i));
      }
      node = child;
    }
    (outs[node] ??= []).push(id);
  }
  // Breadth-first: a node's failure target is always shallower, so it is final when we reach the node.
  const queue: number[] = [];
  for (const c of children[0]!) queue.push(next.get(c)!);
  for (let qi = 0; qi < queue.length; qi++) {
    const node = queue[qi]!;
    const fo = outs[fail[node]!];
    if (fo) outs[node] = outs[node] ? outs[node]!.concat(fo) : fo;
    for (const c of children[node]!) {
      const child = next.get(node * 65536 + c)!;
      let f = fail[node]!;
      let target = 0;
      for (;;) {
        const t = next.get(f * 65536 + c);
        if (t !== undefined && t !== child) {
          target = t;
          break;
        }
        if (f === 0) break;
        f = fail[f]!;
      }
      fail[child] = target;
      queue.push(child);
    }
  }
  const failArr = Int32Array.from(fail);

  function matchInto(text: string, out: number[]): number {
    let n = 0;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      for (;;) {
        const t = next.get(node * 65536 + c);
        if (t !== undefined) {
          node = t;
          break;
        }
        if (node === 0) break;
        node = failArr[node]!;
      }
      const o = outs[node];
      if (o) for (let k = 0; k < o.length; k++) out[n++] = o[k]!;
    }
    return n;
  }
  return {
    size: patterns.length,
    matchInto,
    matchAll(text) {
      const buf: number[] = [];
      const n = matchInto(text, buf);
      return [...new Set(buf.slice(0, n))];
    },
  };
}
