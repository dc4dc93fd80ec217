// A burst of warnings (issue 10): `npm run bench -- burst [--n=1000] [--batch=50] [--concurrency=4] [--pg=1]`.
// N high-risk bank alerts, each for a new person, in requests of `batch` (a backlog released after a bank outage,
// an upstream batch): every one must be decided, opened as a 高 warning, routed to its station and have its
// automatic contact scheduled (workflow started, first timers stored, the call queued at the voice gateway
// simulator). Measured: warnings/s from the first request to the last warning started, and the acknowledgement
// latency of the ingest requests during the burst (the alerts' own requests, and a probe of 50 ordinary events
// every 50 ms until the burst is done). Today's path and the new one, each on a fresh database, in one run, on
// PGlite (on disk) and on PostgreSQL (DATABASE_URL, else the local socket server, a scratch database).
// Last line: one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { performance as performance_ } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase, type Database } from '../server/platform/db/index.ts';
import { createApp } from '../server/app.ts';
import { bootstrapAdmin } from '../server/modules/users/bootstrap.ts';
import {
  createDetectionRuntime,
  EMBEDDED_BATCHES,
  type DetectionRuntime,
} from '../server/modules/detection/runtime.ts';
import { wireDetection, type DissuasionRuntime } from '../server/modules/dissuasion/runtime.ts';
import { VoiceGatewaySimulator } from '../server/modules/channels/voice/simulator.ts';
import { ADMIN_PASSWORD, partnerToken } from '../server/modules/detection/testing/process.ts';
import { seedOrg } from '../test/factories.ts';
import { abs, sendBurst, type OutsideReply, type OutsideRequest } from './burst-outside.ts';

const arg = (name: string, def: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const PG_URL = process.env.DATABASE_URL || 'postgresql://root@localhost/postgres?host=/var/run/postgresql';
const N = arg('n', 1000),
  BATCH = arg('batch', 50),
  CONCURRENCY = arg('concurrency', 4);
type Mode = 'today' | 'new';

interface Env {
  url: string;
  token: string;
  detection: DetectionRuntime;
  rt: DissuasionRuntime;
  close(): Promise<void>;
}

async function setup(kind: 'pglite' | 'postgres', mode: Mode, voiceUrl: string, secret: string): Promise<Env> {
  let database: Database,
    cleanup = async () => {};
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-burst-'));
    database = await openDatabase({ dataDir: dir });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `zw_burst_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString() });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  await database.migrate();
  await bootstrapAdmin(database.db, ADMIN_PASSWORD);
  await seedOrg(database.db); // stations and grids: the warnings are routed
  const app = await createApp({
    db: database.db,
    config: { secureCookies: false, logLevel: 'silent' },
    dissuasion: { sweepMs: 1e9, channels: { voiceGatewayUrl: voiceUrl, voiceGatewaySecret: secret } },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  // today: detection not yielding to ingest, one batch for all it finds; new: as server/main.ts runs it
  const detection = createDetectionRuntime({
    db: database.db,
    ...(mode === 'today' ? { maxIngestWaitMs: 0 } : kind === 'pglite' ? EMBEDDED_BATCHES : {}),
  });
  const rt = app.dissuasion;
  const off = wireDetection(rt, detection, mode === 'today' ? { legacy: true } : {});
  await detection.start();
  const token = await partnerToken(url);
  return {
    url,
    token,
    detection,
    rt,
    close: async () => {
      await detection.stop();
      off();
      await rt.idle();
      await app.close();
      await database.close();
      await cleanup();
    },
  };
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? +s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1) : NaN;
};

/** The outside world (voice gateway simulator, partners): a worker thread (default), or this thread (`--outside=0`). */
interface Outside {
  voiceUrl: string;
  burst(m: OutsideRequest, isDone: () => boolean): Promise<Extract<OutsideReply, { t: 'result' }>>;
  stop(): Promise<void>;
}

async function outsideWorker(secret: string): Promise<Outside> {
  const entry = new URL('./burst-outside.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  const w = new Worker(boot, { eval: true, workerData: { secret } });
  const next = () =>
    new Promise<OutsideReply>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  const first = await next();
  if (first.t !== 'voice') throw new Error('outside worker: no voice gateway');
  return {
    voiceUrl: first.url,
    async burst(m, isDone) {
      const reply = next();
      w.postMessage(m);
      while (!isDone()) await new Promise((r) => setTimeout(r, 5));
      w.postMessage({ t: 'done' });
      const r = await reply;
      if (r.t !== 'result') throw new Error('outside worker: no result');
      return r;
    },
    async stop() {
      const r = next();
      w.postMessage({ t: 'stop' });
      await r;
      await w.terminate();
    },
  };
}

async function outsideHere(secret: string): Promise<Outside> {
  const voice = new VoiceGatewaySimulator({ secret, callbackDelayMs: 600_000 });
  return { voiceUrl: await voice.start(), burst: sendBurst, stop: () => voice.stop() };
}

/** CPU time of this (the server's) thread alone, from Linux's per-thread counters (ms, 10 ms ticks); NaN elsewhere. */
function serverThreadCpuMs(): number {
  try {
    const f = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const after = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(after[11]) + Number(after[12])) * 10; // utime + stime, fields 14 and 15, in ticks of 10 ms
  } catch {
    return NaN;
  }
}

async function burst(env: Env, tag: string) {
  const started = new Set<string>();
  let tLast = 0;
  const off = env.rt.hub.onNotice((n) => {
    if (n.kind === 'warning_changed' && n.status !== 'new' && !started.has(n.warningId)) {
      started.add(n.warningId);
      tLast = abs();
    }
  });
  const before = env.detection.stats();
  const cpu0 = process.cpuUsage();
  const elu0 = performance_.eventLoopUtilization();
  const thread0 = serverThreadCpuMs();
  const tStart = abs();
  const deadline = performance.now() + 120_000;
  const sent = await outside.burst(
    { t: 'burst', url: env.url, token: env.token, tag, n: N, batch: BATCH, concurrency: CONCURRENCY },
    () => started.size >= N || performance.now() > deadline,
  );
  off();
  const { alertAcks, probeAcks, t0 } = sent;
  const seconds = (tLast - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const elu = performance_.eventLoopUtilization(elu0);
  const threadCpuMs = serverThreadCpuMs() - thread0;
  const s = env.detection.stats();
  return {
    warnings: started.size,
    accepted: sent.accepted,
    seconds: +seconds.toFixed(2),
    warningsPerSec: Math.round(started.size / seconds),
    ackedInMs: Math.round(sent.tAcked - t0),
    alertAckMs: { p50: q(alertAcks, 0.5), p99: q(alertAcks, 0.99), max: q(alertAcks, 1) },
    probeAckMs: { n: probeAcks.length, p50: q(probeAcks, 0.5), p99: q(probeAcks, 0.99), max: q(probeAcks, 1) },
    allAckMs: { p50: q([...alertAcks, ...probeAcks], 0.5), p99: q([...alertAcks, ...probeAcks], 0.99) },
    detectionBatches: s.batches - before.batches,
    // the whole process's CPU (user + system, every thread: with the outside world in a worker, its share too)
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    // how long the server's thread was busy (event-loop utilisation × wall time) from the request to the last start
    serverBusyMs: Math.round(elu.utilization * (abs() - tStart)),
    // the server thread's own CPU: on a loaded machine, the figure that does not depend on the other processes
    serverCpuMs: threadCpuMs,
    detectionMs: Object.fromEntries(
      Object.entries(s.ms).map(([k, v]) => [k, Math.round(v - before.ms[k as keyof typeof s.ms])]),
    ),
  };
}

async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file: string) => {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

const secret = `burst-${randomBytes(8).toString('hex')}`;
const outside = arg('outside', 1) ? await outsideWorker(secret) : await outsideHere(secret);
const voiceUrl = outside.voiceUrl;
const results: Record<string, unknown> = {
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    loadAvg: os.loadavg().map((x) => +x.toFixed(2)),
  },
  date: new Date().toISOString(),
  n: N,
  outside: arg('outside', 1) ? 'worker thread' : 'server thread',
  batch: BATCH,
  concurrency: CONCURRENCY,
};
const trace = process.env.ZW_BENCH_TRACE ? (await import('./pglite-trace.ts')).installTrace() : null;
const kinds = arg('pg', 1) ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
for (const kind of kinds) {
  const r: Record<string, unknown> = {};
  for (const mode of ['today', 'new'] as const) {
    let env: Env;
    try {
      env = await setup(kind, mode, voiceUrl, secret);
    } catch (err) {
      console.log(`${kind}: not available (${(err as Error).message}); skipped`);
      r[mode] = { skipped: (err as Error).message };
      continue;
    }
    try {
      const prof = process.env.ZW_BENCH_PROFILE ? await startProfile() : null;
      trace?.reset();
      const b = await burst(env, `${kind}-${mode}`);
      if (trace && kind === 'pglite') console.log(`${kind} ${mode} ${trace.report()}`);
      if (prof) await prof(`/tmp/scale-prof/burst-${kind}-${mode}.cpuprofile`);
      console.log(
        `${kind} ${mode}: ${b.warnings}/${N} warnings started in ${b.seconds} s = ${b.warningsPerSec} warnings/s; ack p50/p99 alerts ${b.alertAckMs.p50}/${b.alertAckMs.p99} ms, probe ${b.probeAckMs.p50}/${b.probeAckMs.p99} ms (${b.probeAckMs.n} probes), all ${b.allAckMs.p50}/${b.allAckMs.p99} ms; alerts acked in ${b.ackedInMs} ms; CPU ${b.cpuMs} ms, server thread busy ${b.serverBusyMs} ms, CPU ${b.serverCpuMs} ms`,
      );
      r[mode] = b;
    } finally {
      await env.close();
    }
  }
  results[kind] = r;
}
await outside.stop();
(results.machine as Record<string, unknown>).loadAvgEnd = os.loadavg().map((x) => +x.toFixed(2));
console.log(JSON.stringify(results));
process.exit(0);
