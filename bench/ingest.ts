// Durable end-to-end benchmark (issue 3): `npm run bench -- ingest [--events=100000] [--pg-events=200000]
// [--seconds=15] [--rate=2000]`. HTTP batches in → stored in the event log → decided by the detection runtime →
// warnings stored, on PGlite (a data directory on disk) and on PostgreSQL (DATABASE_URL, else the local socket
// server, in a scratch database). Then event-to-warning latency at a steady rate. Last line: one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../server/platform/db/index.ts';
import { createApp } from '../server/app.ts';
import { bootstrapAdmin } from '../server/modules/users/bootstrap.ts';
import { createDetectionRuntime, type DetectionRuntime } from '../server/modules/detection/runtime.ts';
import { createThreadedDetection } from '../server/modules/detection/thread.ts';
import { checkEvent } from '../server/modules/ingest/validate.ts';
import { ADMIN_PASSWORD, partnerToken } from '../server/modules/detection/testing/process.ts';
import { makeEvents } from './engine/workload.ts';

const arg = (name: string, def: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const PG_URL = process.env.DATABASE_URL || 'postgresql://root@localhost/postgres?host=/var/run/postgresql';
const BATCH = 1000,
  CONCURRENCY = 4;

interface Env {
  url: string;
  token: string;
  runtime: Omit<DetectionRuntime, 'inBatch'>;
  close(): Promise<void>;
}

// 'postgres-thread': the same PostgreSQL run with detection in a worker thread (detection/thread.ts), the default
// of `npm start` on PostgreSQL; 'postgres' keeps it on the HTTP thread (ZHIWANG_ENGINE_THREAD=off), for comparison.
async function setup(kind: 'pglite' | 'postgres' | 'postgres-thread'): Promise<Env> {
  let database: Database,
    cleanup = async () => {},
    databaseUrl = '';
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-bench-'));
    database = await openDatabase({ dataDir: dir });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `zw_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    database = await openDatabase({ databaseUrl });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  await database.migrate();
  await bootstrapAdmin(database.db, ADMIN_PASSWORD);
  // The workflow is left out: this measures the engine's path to a stored warning. Warnings nobody starts would
  // be picked up by the workflow's sweep (100 at a time) in the middle of the latency run; the workflow's own
  // path (event → call → dispatch) is measured by server/modules/bench/dissuasion.ts.
  const app = await createApp({
    db: database.db,
    config: { secureCookies: false, logLevel: 'silent' },
    dissuasion: { sweepMs: 1e9 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const runtime =
    kind === 'postgres-thread' ? createThreadedDetection({ databaseUrl }) : createDetectionRuntime({ db: database.db });
  await runtime.start();
  const token = await partnerToken(url);
  return {
    url,
    token,
    runtime,
    close: async () => {
      await runtime.stop();
      await app.close();
      await database.close();
      await cleanup();
    },
  };
}

// Bodies go as bytes, serialised before the clock starts: the partner's cost of building them is not the server's.
const bytes = (x: unknown): Uint8Array<ArrayBuffer> => new TextEncoder().encode(JSON.stringify(x));
const post = (env: Env, body: Uint8Array<ArrayBuffer>) =>
  fetch(`${env.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${env.token}` },
    body,
  }).then(async (r) => {
    if (r.status !== 200) throw new Error(`ingest ${r.status}: ${await r.text()}`);
    return (await r.json()) as { accepted: number };
  });

function validEvents(n: number, prefix: string, seed: number) {
  return makeEvents(Math.ceil(n * 1.03), Math.max(1000, Math.floor(n / 5)), 0.05, seed)
    .filter((e) => checkEvent(e).ok)
    .slice(0, n)
    .map((e) => ({ ...e, id: `${prefix}${e.id}` }));
}

async function throughput(env: Env, n: number) {
  const events = validEvents(n, 't', 7);
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  for (let i = 0; i < events.length; i += BATCH) bodies.push(bytes(events.slice(i, i + BATCH)));
  const before = env.runtime.stats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0,
    accepted = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const r = await post(env, bodies[next++]!);
        accepted += r.accepted;
      }
    }),
  );
  const tAcked = performance.now();
  while (env.runtime.stats().decided - before.decided < accepted) await new Promise((r) => setTimeout(r, 5));
  const tDecided = performance.now();
  const s = env.runtime.stats();
  const cpu = process.cpuUsage(cpu0);
  const detectionMs = Object.fromEntries(
    Object.entries(s.ms).map(([k, v]) => [k, Math.round(v - before.ms[k as keyof typeof s.ms])]),
  );
  return {
    events: accepted,
    ingestPerSec: Math.round(accepted / ((tAcked - t0) / 1000)),
    endToEndPerSec: Math.round(accepted / ((tDecided - t0) / 1000)),
    seconds: +((tDecided - t0) / 1000).toFixed(2),
    warningWrites: s.warnings - before.warnings,
    batches: s.batches - before.batches,
    // Node CPU time of this process (HTTP client + server + detection; PGlite's database runs in it too).
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    detectionMs,
  };
}

/** A steady `rate` events/s in 20 batches a second; each batch carries one bank-counter alert for a new person. */
async function latency(env: Env, seconds: number, rate: number) {
  const perBatch = Math.round(rate / 20);
  const background = validEvents(seconds * rate, 'l', 11);
  const sent = new Map<string, number>();
  const lat: number[] = [];
  const off = env.runtime.onWarning((w) => {
    const t = sent.get(w.subjectKey);
    if (t !== undefined && w.created) {
      lat.push(performance.now() - t);
      sent.delete(w.subjectKey);
    }
  });
  const start = performance.now();
  const inflight: Promise<unknown>[] = [];
  for (let b = 0; b < seconds * 20; b++) {
    const due = start + b * 50;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const phone = String(15_600_000_000 + b);
    const batch = background.slice(b * perBatch, (b + 1) * perBatch - 1);
    batch.push({
      id: `alert-${b}`,
      source: 'bank.ccb',
      type: 'alert',
      occurredAt: new Date().toISOString(),
      subject: { phone },
      partnerKind: 'bank',
      unit: '建设银行金城江支行',
      note: '客户坚持向安全账户转账',
      amount: 600_000,
    } as never);
    sent.set(`p:${phone}`, performance.now());
    inflight.push(post(env, bytes(batch)));
  }
  await Promise.all(inflight);
  const end = performance.now() + 5000;
  while (sent.size && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
  off();
  lat.sort((a, b) => a - b);
  const q = (p: number) => +(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN).toFixed(1);
  return {
    rate,
    seconds,
    samples: lat.length,
    missing: sent.size,
    p50ms: q(0.5),
    p99ms: q(0.99),
    maxMs: +(lat.at(-1) ?? NaN).toFixed(1),
  };
}

const results: Record<string, unknown> = {
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    loadAvg: os.loadavg().map((x) => +x.toFixed(2)),
  },
  date: new Date().toISOString(),
};
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.split('=')[1]
  ?.split(',');
for (const kind of (['pglite', 'postgres', 'postgres-thread'] as const).filter((k) => !only || only.includes(k))) {
  let env: Env;
  try {
    env = await setup(kind);
  } catch (err) {
    console.log(`${kind}: not available (${(err as Error).message}); skipped`);
    results[kind] = { skipped: (err as Error).message };
    continue;
  }
  try {
    const tp = await throughput(env, kind === 'pglite' ? arg('events', 100_000) : arg('pg-events', 200_000));
    console.log(
      `${kind}: ${tp.events} events, HTTP→stored ${tp.ingestPerSec} ev/s, HTTP→stored→decided→warnings ${tp.endToEndPerSec} ev/s (${tp.seconds} s, ${tp.warningWrites} warning writes, ${tp.batches} decision batches, CPU ${tp.cpuSeconds} s; detection ms ${JSON.stringify(tp.detectionMs)})`,
    );
    const lt = await latency(env, arg('seconds', 15), arg('rate', 2000));
    console.log(
      `${kind}: event→warning at ${lt.rate} ev/s: p50 ${lt.p50ms} ms, p99 ${lt.p99ms} ms, max ${lt.maxMs} ms (${lt.samples} samples, ${lt.missing} missing)`,
    );
    results[kind] = { throughput: tp, latency: lt };
  } finally {
    await env.close();
  }
}
// The load at the end too: the machine is shared, and a figure taken while others' tests ran must say so.
(results.machine as Record<string, unknown>).loadAvgEnd = os.loadavg().map((x) => +x.toFixed(2));
console.log(JSON.stringify(results));
