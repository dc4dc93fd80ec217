// Engine decision-path benchmark (issue 3): `npm run bench -- engine`.
// Phases: 1M indicators + time-ordered synthetic events → throughput on one core and per-event latency;
// the same rules in json-rules-engine on a subsample (it is async and far slower) → ratio; then, in a
// child process with --expose-gc, memory for 10M indicators. Last line: one JSON object with all figures.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createEngine, IndicatorStore } from '../server/modules/engine/index.ts';
import { makeJre } from './engine/jre.ts';
import { readCorpus, scriptClassifier, trainWith } from '../server/modules/fraud-types/index.ts';
import { loadIndicators, makeEvents } from './engine/workload.ts';

const arg = (name: string, def: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const mb = (b: number) => Math.round(b / 1048576);

if (process.argv.includes('--memory-phase')) {
  // child: measure what `n` indicators cost on the heap and in RSS
  const n = arg('indicators', 10_000_000);
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const store = new IndicatorStore();
  loadIndicators(store, n);
  const loadSec = (performance.now() - t0) / 1000;
  gc();
  gc();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      indicators: store.size,
      loadSec: +loadSec.toFixed(1),
      heapMB: mb(after.heapUsed - before.heapUsed),
      rssMB: mb(after.rss - before.rss),
      arrayBuffersMB: mb(after.arrayBuffers - before.arrayBuffers),
    }),
  );
  process.exit(0);
}

const N_IND = arg('indicators', 1_000_000);
const N_EV = arg('events', 600_000);
const WARM = arg('warmup', 100_000);
const N_JRE = arg('jre', 30_000);
const SUBJECTS = arg('subjects', 200_000);

const ind = new IndicatorStore();
let t = performance.now();
loadIndicators(ind, N_IND);
const loadSec = (performance.now() - t) / 1000;
console.log(`loaded ${ind.size.toLocaleString()} indicators in ${loadSec.toFixed(1)} s`);
const events = makeEvents(N_EV, SUBJECTS);
console.log(
  `generated ${events.length.toLocaleString()} events over ${SUBJECTS.toLocaleString()} subjects (≈5% fraud-shaped)`,
);

// Pass 1: throughput, timed per batch of 10k (no per-event timer overhead).
const e1 = createEngine({ indicators: ind });
for (let i = 0; i < WARM; i++) e1.decide(events[i]!);
const actions = { none: 0, open: 0, update: 0, raise: 0 };
let hits = 0;
const cpu0 = process.cpuUsage();
// rates per batch of 50k events: on a shared machine the best and median batches show what one core does
const BATCH = 50_000;
const batchRates: number[] = [];
t = performance.now();
let tb = t;
for (let i = WARM; i < N_EV; i++) {
  const d = e1.decide(events[i]!);
  actions[d.action]++;
  hits += d.hits.length;
  if ((i - WARM + 1) % BATCH === 0) {
    const now = performance.now();
    batchRates.push(Math.round(BATCH / ((now - tb) / 1000)));
    tb = now;
  }
}
const measured = N_EV - WARM;
const tpSec = (performance.now() - t) / 1000;
const cpu = process.cpuUsage(cpu0);
// CPU time of the process (all threads, so GC helpers count against us): robust when the machine is shared
const cpuSec = (cpu.user + cpu.system) / 1e6;
const eventsPerSec = Math.round(measured / tpSec);
const eventsPerCpuSec = Math.round(measured / cpuSec);
const sortedRates = [...batchRates].sort((a, b) => a - b);
const bestBatch = sortedRates.at(-1) ?? 0;
const medianBatch = sortedRates[Math.floor(sortedRates.length / 2)] ?? 0;
console.log(
  `batches of ${BATCH / 1000}k: best ${bestBatch.toLocaleString()} events/s, median ${medianBatch.toLocaleString()} events/s`,
);
console.log(
  `throughput: ${eventsPerSec.toLocaleString()} events/s wall, ${eventsPerCpuSec.toLocaleString()} events per CPU-second (${measured.toLocaleString()} events in ${tpSec.toFixed(2)} s wall, ${cpuSec.toFixed(2)} s CPU); hits ${hits}, actions ${JSON.stringify(actions)}`,
);

// Pass 2: per-event latency on a fresh engine over the same events.
const e2 = createEngine({ indicators: ind });
for (let i = 0; i < WARM; i++) e2.decide(events[i]!);
const lat = new Float64Array(measured);
for (let i = WARM; i < N_EV; i++) {
  const s = process.hrtime.bigint();
  e2.decide(events[i]!);
  lat[i - WARM] = Number(process.hrtime.bigint() - s) / 1000; // µs
}
lat.sort();
const pct = (p: number) => +lat[Math.min(lat.length - 1, Math.floor(lat.length * p))]!.toFixed(1);
const latency = { p50us: pct(0.5), p99us: pct(0.99), p999us: pct(0.999), maxus: +lat[lat.length - 1]!.toFixed(1) };
console.log(
  `latency per event: p50 ${latency.p50us} µs, p99 ${latency.p99us} µs, p99.9 ${latency.p999us} µs, max ${latency.maxus} µs`,
);

// Pass 3: json-rules-engine, same rules and inputs, on a subsample (async, one event at a time).
const jre = makeJre(ind);
const sub = events.slice(WARM, WARM + N_JRE);
for (let i = 0; i < 2000; i++) await jre(events[i]!);
const jc0 = process.cpuUsage();
t = performance.now();
for (const ev of sub) await jre(ev);
const jreSec = (performance.now() - t) / 1000;
const jc = process.cpuUsage(jc0);
const jrePerSec = Math.round(sub.length / jreSec);
const jrePerCpuSec = Math.round(sub.length / ((jc.user + jc.system) / 1e6));
const ratio = +(eventsPerSec / jrePerSec).toFixed(1);
const ratioCpu = +(eventsPerCpuSec / jrePerCpuSec).toFixed(1);
console.log(
  `json-rules-engine: ${jrePerSec.toLocaleString()} events/s wall, ${jrePerCpuSec.toLocaleString()} per CPU-second, on a ${sub.length.toLocaleString()}-event subsample → Zhiwang engine is ${ratio}× faster (wall), ${ratioCpu}× (CPU)`,
);

// Pass 3b: the script classifier's own cost per SMS text: distinct texts (the corpus, every one a cache miss on a
// fresh model: tokenise + features + 13 class scores + explanation) and the same texts again (template cache hit).
const model = trainWith([]);
const texts = [...readCorpus('train'), ...readCorpus('heldout')].map((e) => e.text);
const fresh = scriptClassifier(model);
t = performance.now();
for (const x of texts) fresh.classify(x);
const classifyColdUs = +(((performance.now() - t) * 1000) / texts.length).toFixed(1);
t = performance.now();
for (let k = 0; k < 20; k++) for (const x of texts) fresh.classify(x);
const classifyCachedUs = +(((performance.now() - t) * 1000) / (texts.length * 20)).toFixed(2);
console.log(
  `script classifier per SMS: ${classifyColdUs} µs for a text not seen before (${texts.length} distinct texts), ${classifyCachedUs} µs for a repeated template`,
);

// Pass 4: memory for 10M indicators, in a clean child process.
const child = spawnSync(
  process.execPath,
  [
    '--expose-gc',
    '--max-old-space-size=8192',
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--memory-phase',
    `--indicators=${arg('memIndicators', 10_000_000)}`,
  ],
  { encoding: 'utf8' },
);
const memLine = child.stdout.trim().split('\n').at(-1) ?? '';
let memory: Record<string, number> | { error: string };
try {
  memory = JSON.parse(memLine);
} catch {
  memory = { error: (child.stderr || memLine).slice(0, 300) };
}
console.log(`memory for 10M indicators: ${JSON.stringify(memory)}`);

console.log(
  JSON.stringify({
    bench: 'engine',
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model,
    nproc: cpus().length,
    indicators: ind.size,
    indicatorLoadSec: +loadSec.toFixed(1),
    events: measured,
    subjects: SUBJECTS,
    warmup: WARM,
    eventsPerSec,
    eventsPerCpuSec,
    bestBatchEventsPerSec: bestBatch,
    medianBatchEventsPerSec: medianBatch,
    ...latency,
    hits,
    actions,
    jsonRulesEngine: { eventsPerSec: jrePerSec, eventsPerCpuSec: jrePerCpuSec, subsample: sub.length, ratio, ratioCpu },
    scriptClassifier: {
      coldUsPerSms: classifyColdUs,
      cachedUsPerSms: classifyCachedUs,
      texts: texts.length,
      model: model.version,
    },
    memory10M: memory,
    loadAvg: loadavg().map((x) => +x.toFixed(2)),
    targets: { eventsPerSec: 100_000, p99us: 1000 },
  }),
);
