// Compact graph primitives on typed arrays: union–find and CSR (compressed sparse row) adjacency.
// Pure, allocation-light: a 10M-link graph is two Int32Arrays of links plus offsets (≈ 12 bytes per link per
// direction), no per-node objects.

/** Union–find with path halving and union by size over node ids 0..n-1. */
export class UnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  constructor(readonly n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      const g = p[p[x]!]!;
      p[x] = g;
      x = g;
    }
    return x;
  }
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra]! < this.size[rb]!) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return true;
  }
}

/**
 * Component label per node (0..k-1, numbered by each component's smallest node), over links src[i]–dst[i].
 * Rem's union–find with splicing: parent pointers only ever decrease (p[v] ≤ v), so one pass links and a second
 * pass labels in node order; about twice as fast as union by size + path halving on random links (cache misses
 * dominate; Patwary, Blair, Manne 2010).
 */
export function connectedComponents(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  count = src.length,
): { labels: Int32Array; components: number } {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < count; i++) {
    let rx = src[i]!,
      ry = dst[i]!;
    while (p[rx] !== p[ry]) {
      if (p[rx]! > p[ry]!) {
        if (rx === p[rx]) {
          p[rx] = p[ry]!;
          break;
        }
        const z = p[rx]!;
        p[rx] = p[ry]!;
        rx = z;
      } else {
        if (ry === p[ry]) {
          p[ry] = p[rx]!;
          break;
        }
        const z = p[ry]!;
        p[ry] = p[rx]!;
        ry = z;
      }
    }
  }
  const labels = p; // reused in place: p[v] < v for a non-root, whose label is already written
  let k = 0;
  for (let i = 0; i < n; i++) labels[i] = p[i] === i ? k++ : labels[p[i]!]!;
  return { labels, components: k };
}

/** Undirected CSR adjacency: neighbours of v are adj[offsets[v] .. offsets[v+1]), edge ids alongside. */
export interface Csr {
  n: number;
  offsets: Int32Array; // length n+1
  adj: Int32Array; // length 2m
  edge: Int32Array; // length 2m: the link index each entry came from
}

export function buildUndirectedCsr(n: number, src: Int32Array, dst: Int32Array, count = src.length): Csr {
  const deg = new Int32Array(n + 1);
  for (let i = 0; i < count; i++) {
    deg[src[i]! + 1]!++;
    deg[dst[i]! + 1]!++;
  }
  for (let v = 0; v < n; v++) deg[v + 1]! += deg[v]!;
  const offsets = deg;
  const fill = offsets.slice(0, n);
  const adj = new Int32Array(2 * count);
  const edge = new Int32Array(2 * count);
  for (let i = 0; i < count; i++) {
    const a = src[i]!,
      b = dst[i]!;
    let p = fill[a]!++;
    adj[p] = b;
    edge[p] = i;
    p = fill[b]!++;
    adj[p] = a;
    edge[p] = i;
  }
  return { n, offsets, adj, edge };
}

export function degree(g: Csr, v: number): number {
  return g.offsets[v + 1]! - g.offsets[v]!;
}

export interface HopResult {
  /** Nodes reached, in BFS order (the start first). */
  nodes: number[];
  /** hops[i]: distance of nodes[i]. */
  hops: number[];
  /** via[i]: the link index that first reached nodes[i] (-1 for the start). */
  via: number[];
  /** parent[i]: the node it was reached from (-1 for the start). */
  parent: number[];
  /** Nodes reached but not expanded because they are hubs or blocked; each listed once. */
  suppressed: number[];
  truncated: boolean;
}

/**
 * k-hop neighbourhood by BFS. `blocked(v)` nodes are reported but never expanded (allow-listed values, hubs);
 * nodes with degree > maxDegree are treated the same. `limit` caps the nodes returned (the UI asks for a
 * neighbourhood, never the whole graph). `seen` is a reusable stamp array (length n) for repeated queries.
 */
export class HopSearcher {
  private stamp: Int32Array;
  private epoch = 0;
  private queue: Int32Array;
  constructor(readonly g: Csr) {
    this.stamp = new Int32Array(g.n);
    this.queue = new Int32Array(Math.min(g.n, 1 << 20));
  }
  search(
    start: number,
    k: number,
    opts: { maxDegree?: number; limit?: number; blocked?: (v: number) => boolean } = {},
  ): HopResult {
    const { offsets, adj, edge } = this.g;
    const maxDegree = opts.maxDegree ?? Infinity;
    const limit = Math.min(opts.limit ?? 10_000, this.queue.length);
    const blocked = opts.blocked;
    if (++this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    const ep = this.epoch;
    const nodes = [start],
      hops = [0],
      via = [-1],
      parent = [-1],
      suppressed: number[] = [];
    this.stamp[start] = ep;
    let head = 0;
    let truncated = false;
    while (head < nodes.length) {
      const v = nodes[head]!;
      const h = hops[head]!;
      head++;
      if (h >= k) continue;
      const lo = offsets[v]!,
        hi = offsets[v + 1]!;
      if (v !== start && (hi - lo > maxDegree || (blocked !== undefined && blocked(v)))) {
        suppressed.push(v);
        continue;
      }
      for (let p = lo; p < hi; p++) {
        const w = adj[p]!;
        if (this.stamp[w] === ep) continue;
        if (nodes.length >= limit) {
          truncated = true;
          break;
        }
        this.stamp[w] = ep;
        nodes.push(w);
        hops.push(h + 1);
        via.push(edge[p]!);
        parent.push(v);
      }
      if (truncated) break;
    }
    return { nodes, hops, via, parent, suppressed, truncated };
  }
}

/** Shortest path between a and b (undirected, unweighted), as the node list, or null within maxHops. */
export function shortestPath(g: Csr, a: number, b: number, maxHops = 6, maxDegree = Infinity): number[] | null {
  if (a === b) return [a];
  const prev = new Map<number, number>([[a, -1]]);
  let frontier = [a];
  for (let h = 0; h < maxHops && frontier.length > 0; h++) {
    const next: number[] = [];
    for (const v of frontier) {
      if (v !== a && degree(g, v) > maxDegree) continue;
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const w = g.adj[p]!;
        if (prev.has(w)) continue;
        prev.set(w, v);
        if (w === b) {
          const path = [b];
          let x = v;
          while (x !== -1) {
            path.push(x);
            x = prev.get(x)!;
          }
          return path.reverse();
        }
        next.push(w);
      }
    }
    frontier = next;
  }
  return null;
}
