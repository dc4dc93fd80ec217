// Graph benchmark (issue 12): `npm run bench -- graph [--links=10000000] [--graphology-links=10000000]
// [--entities=1000000] [--transactions=10000000] [--community-edges=1000000] [--queries=2000] [--traces=500]`.
// Connected components over compact typed arrays vs graphology's on the same links (graphology runs in a child
// process with a large heap; by default on 1M links generated the same way, our union–find re-timed on them for the ratio: on this shared
// machine 10M links take graphology many minutes and several GB — pass
// --graphology-links=10000000 to run it); 3-hop neighbourhoods on a 1M-entity graph; 5-level money-flow traces over 10M
// transactions; Louvain (graphology-communities-louvain) on 1M edges; bytes per edge. Last line: one JSON object.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import Graph from 'graphology';
import { connectedComponents as graphologyCc } from 'graphology-components';
import louvain from 'graphology-communities-louvain';
import { buildUndirectedCsr, connectedComponents, HopSearcher } from '../server/modules/graph/csr.ts';
import { traceFlow, TxStore } from '../server/modules/graph/flow.ts';

const arg = (name: string, def: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);

/** xorshift32: reproducible, allocation-free. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** Random links over n nodes with a skewed (two-level) degree distribution, as identifier graphs have. */
function makeLinks(n: number, m: number, seed: number): { src: Int32Array; dst: Int32Array } {
  const r = rng(seed);
  const src = new Int32Array(m),
    dst = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    src[i] = r() % n;
    // one end in ten lands in the first 1% of nodes (popular values)
    dst[i] = r() % 10 === 0 ? r() % Math.max(1, (n / 100) | 0) : r() % n;
  }
  return { src, dst };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const sec = (t0: number) => +((performance.now() - t0) / 1000).toFixed(3);

// Child mode: graphology's connected components on the same generated links.
if (process.argv.includes('--graphology-child')) {
  const n = arg('nodes', 0),
    m = arg('links', 0);
  const { src, dst } = makeLinks(n, m, 7);
  const t0 = performance.now();
  const g = new Graph({ type: 'undirected', multi: true });
  for (let v = 0; v < n; v++) g.addNode(v);
  for (let i = 0; i < m; i++) g.addEdge(src[i], dst[i]);
  const buildSec = sec(t0);
  const t1 = performance.now();
  const comps = graphologyCc(g).length;
  process.stdout.write(
    JSON.stringify({
      buildSec,
      ccSec: sec(t1),
      components: comps,
      heapMb: Math.round(process.memoryUsage().rss / 1e6),
    }) + '\n',
  );
  process.exit(0);
}

const out: Record<string, unknown> = {
  bench: 'graph',
  date: new Date().toISOString(),
  cpus: cpus().length,
  node: process.version,
  loadAvgStart: loadavg().map((x) => +x.toFixed(2)),
};
const log = (s: string) => process.stdout.write(s + '\n');

// 1. connected components
{
  const m = arg('links', 10_000_000),
    n = Math.round(m / 2);
  const { src, dst } = makeLinks(n, m, 7);
  const t0 = performance.now();
  const { components } = connectedComponents(n, src, dst);
  const ccSec = sec(t0);
  Object.assign(out, { ccLinks: m, ccNodes: n, ccSec, ccComponents: components });
  log(
    `components: ${m.toLocaleString()} links over ${n.toLocaleString()} nodes → ${components.toLocaleString()} components in ${ccSec} s (union–find on Int32Array)`,
  );
  const gm = arg('graphology-links', Math.min(m, 1_000_000)),
    gn = Math.round(gm / 2);
  const t1 = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=20000',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--graphology-child',
      `--nodes=${gn}`,
      `--links=${gm}`,
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  const line = child.stdout?.trim().split('\n').pop();
  if (child.status === 0 && line) {
    const g = JSON.parse(line) as { buildSec: number; ccSec: number; components: number; heapMb: number };
    let ours = ccSec;
    if (gm !== m) {
      const l2 = makeLinks(gn, gm, 7);
      const t2 = performance.now();
      connectedComponents(gn, l2.src, l2.dst);
      ours = sec(t2);
    }
    Object.assign(out, {
      graphologyCcLinks: gm,
      graphologyCcSec: g.ccSec,
      graphologyBuildSec: g.buildSec,
      graphologyRssMb: g.heapMb,
      graphologyComponents: g.components,
      ccRatio: +(g.ccSec / Math.max(ours, 1e-3)).toFixed(1),
    });
    log(
      `graphology: same ${gm.toLocaleString()} links → ${g.components.toLocaleString()} components in ${g.ccSec} s (graph build ${g.buildSec} s, RSS ${g.heapMb} MB); ratio ${out.ccRatio}× (wall ${sec(t1)} s)`,
    );
  } else {
    Object.assign(out, {
      graphologyCcLinks: gm,
      graphologyCcSec: null,
      graphologyError: (child.error?.message ?? child.stderr?.slice(-300)) || `exit ${child.status}`,
    });
    log(`graphology: failed on ${gm.toLocaleString()} links: ${String(out.graphologyError)}`);
  }
}

// 2. 3-hop neighbourhoods on a 1M-entity graph (3M links), hubs (degree > 200) shown but not expanded
{
  const n = arg('entities', 1_000_000),
    m = n * 3;
  const { src, dst } = makeLinks(n, m, 11);
  const t0 = performance.now();
  const g = buildUndirectedCsr(n, src, dst);
  const buildSec = sec(t0);
  const hs = new HopSearcher(g);
  const r = rng(5);
  const times: number[] = [];
  let reached = 0;
  const q = arg('queries', 2000);
  for (let i = 0; i < q; i++) {
    const s = r() % n;
    const t = performance.now();
    const res = hs.search(s, 3, { maxDegree: 200, limit: 5000 });
    times.push(performance.now() - t);
    reached += res.nodes.length;
  }
  const bytes = g.offsets.byteLength + g.adj.byteLength + g.edge.byteLength + src.byteLength + dst.byteLength;
  Object.assign(out, {
    hopEntities: n,
    hopLinks: m,
    hopCsrBuildSec: buildSec,
    hop3P50Ms: +pct(times, 50).toFixed(3),
    hop3P99Ms: +pct(times, 99).toFixed(3),
    hop3MeanNodes: Math.round(reached / q),
    bytesPerEdge: +(bytes / m).toFixed(1),
  });
  log(
    `3-hop: ${n.toLocaleString()} entities, ${m.toLocaleString()} links (CSR built in ${buildSec} s, ${(bytes / m).toFixed(1)} bytes per link incl. the link list); ${q} queries p50 ${out.hop3P50Ms} ms p99 ${out.hop3P99Ms} ms, ${out.hop3MeanNodes} nodes on average (cap 5,000; hubs > 200 not expanded)`,
  );
}

// 3. 5-level money-flow traces over 10M transactions (1M accounts, 30 days, time-ordered)
{
  const m = arg('transactions', 10_000_000),
    accounts = Math.round(m / 10);
  const store = new TxStore(m);
  for (let a = 0; a < accounts; a++) store.account(`62${String(a).padStart(14, '0')}`);
  const r = rng(3);
  const span = 30 * 86_400_000;
  const rssBefore = process.memoryUsage().rss;
  // Planted laundering trees (the traces worth measuring): a victim's payment into a first account that splits it
  // to 3 accounts within the hour, each of them to 3 more, 5 levels deep (121 accounts, 1 % ATM cash-outs), merged
  // in time order into the background of random transfers.
  const trees = arg('traces', 500);
  const planted: { from: number; to: number; cents: number; at: number; channel: number }[] = [];
  const roots: number[] = [];
  for (let k = 0; k < trees; k++) {
    const t0 = 86_400_000 + (r() % (span - 3 * 86_400_000));
    const first = r() % accounts;
    roots.push(planted.length);
    planted.push({ from: r() % accounts, to: first, cents: 5_000_000 + (r() % 5_000_000), at: t0, channel: 0 });
    let level = [{ acct: first, cents: planted[planted.length - 1]!.cents, at: t0 }];
    for (let l = 1; l < 5; l++) {
      const next: typeof level = [];
      for (const x of level) {
        for (let c = 0; c < 3; c++) {
          const to = r() % accounts;
          const at = x.at + 60_000 + (r() % 3_600_000);
          const cents = Math.floor(x.cents / 3) - 100;
          planted.push({ from: x.acct, to, cents, at, channel: r() % 100 === 0 ? 1 : 0 });
          next.push({ acct: to, cents, at });
        }
      }
      level = next;
    }
  }
  const order = planted.map((_, i) => i).sort((a, b) => planted[a]!.at - planted[b]!.at);
  const rootTx: number[] = [];
  const isRoot = new Set(roots);
  let pi = 0;
  const background = m - planted.length;
  for (let i = 0; i < background; i++) {
    const at = Math.floor((i / background) * span);
    while (pi < order.length && planted[order[pi]!]!.at <= at) {
      const p = planted[order[pi]!]!;
      if (isRoot.has(order[pi]!)) rootTx.push(store.count);
      store.addIds(p.from, p.to, p.cents, p.at, p.channel);
      pi++;
    }
    const to = r() % 20 === 0 ? r() % 1000 : r() % accounts; // 1,000 busy accounts (merchants)
    store.addIds(r() % accounts, to, 1000 + (r() % 500_000), at, r() % 50 === 0 ? 1 : 0); // 2% ATM withdrawals
  }
  while (pi < order.length) {
    const p = planted[order[pi]!]!;
    if (isRoot.has(order[pi]!)) rootTx.push(store.count);
    store.addIds(p.from, p.to, p.cents, p.at, p.channel);
    pi++;
  }
  const t0 = performance.now();
  store.build();
  const buildSec = sec(t0);
  const storeBytes =
    store.from.byteLength +
    store.to.byteLength +
    store.amount.byteLength +
    store.at.byteLength +
    store.channel.byteLength +
    store.outOff.byteLength +
    store.outTx.byteLength +
    store.inOff.byteLength +
    store.inTx.byteLength +
    store.counterparties.byteLength;
  const times: Record<'lifo' | 'proportional', number[]> = { lifo: [], proportional: [] };
  let nodesSum = 0;
  const k = rootTx.length;
  for (let i = 0; i < k; i++) {
    const tx = rootTx[i]!; // a victim's payment: trace the money it brought
    for (const rule of ['lifo', 'proportional'] as const) {
      const t = performance.now();
      const res = traceFlow(
        store,
        [{ account: store.accounts[store.to[tx]!]!, at: store.at[tx]!, amount: store.amount[tx]! / 100 }],
        { depth: 5, rule, hubCounterparties: 200, holdWindow: 3 * 86_400_000 },
      );
      times[rule].push(performance.now() - t);
      if (rule === 'lifo') nodesSum += res.nodes.length;
    }
  }
  Object.assign(out, {
    traceTransactions: m,
    traceAccounts: accounts,
    traceBuildSec: buildSec,
    traceStoreBytesPerTx: +(storeBytes / m).toFixed(1),
    traceP50Ms: +pct(times.lifo, 50).toFixed(3),
    traceP99Ms: +pct(times.lifo, 99).toFixed(3),
    traceProportionalP50Ms: +pct(times.proportional, 50).toFixed(3),
    traceProportionalP99Ms: +pct(times.proportional, 99).toFixed(3),
    traceMeanNodes: Math.round(nodesSum / k),
    traceRssMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6),
  });
  log(
    `trace: ${m.toLocaleString()} transactions, ${accounts.toLocaleString()} accounts (indexed in ${buildSec} s, ${out.traceStoreBytesPerTx} bytes per transaction); ${k} traces, 5 levels, 3-day hold window, planted 5-level laundering trees in random background: LIFO p50 ${out.traceP50Ms} ms p99 ${out.traceP99Ms} ms (${out.traceMeanNodes} accounts on average), proportional p50 ${out.traceProportionalP50Ms} ms p99 ${out.traceProportionalP99Ms} ms`,
  );
}

// 4. Louvain on 1M edges: 100k nodes in planted communities of 50, 90% of edges inside
{
  const m = arg('community-edges', 1_000_000),
    n = Math.round(m / 10);
  const r = rng(9);
  const g = new Graph({ type: 'undirected' });
  for (let v = 0; v < n; v++) g.addNode(v);
  let added = 0;
  while (added < m) {
    const a = r() % n;
    const b = r() % 10 < 9 ? a - (a % 50) + (r() % 50) : r() % n;
    if (a === b || g.hasEdge(a, b)) continue;
    g.addEdge(a, b);
    added++;
  }
  const t0 = performance.now();
  const res = louvain.detailed(g, { rng: () => r() / 4294967296 });
  const communitySec = sec(t0);
  Object.assign(out, {
    communityEdges: m,
    communityNodes: n,
    communitySec,
    communities: res.count,
    modularity: +res.modularity.toFixed(3),
  });
  log(
    `louvain: ${m.toLocaleString()} edges, ${n.toLocaleString()} nodes → ${res.count.toLocaleString()} communities, modularity ${res.modularity.toFixed(3)}, in ${communitySec} s`,
  );
}

out.loadAvgEnd = loadavg().map((x) => +x.toFixed(2));
log(JSON.stringify(out));
