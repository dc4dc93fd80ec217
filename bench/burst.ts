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

const post = async (env: Env, body: string) => {
  const t = performance.now();
  const r = await fetch(`${env.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${env.token}` },
    body,
  });
  if (r.status !== 200) throw new Error(`ingest ${r.status}: ${await r.text()}`);
  const j = (await r.json()) as { accepted: number };
  return { ms: performance.now() - t, accepted: j.accepted };
};

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? +s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1) : NaN;
};

async function burst(env: Env, tag: string) {
  const now = Date.now();
  const alerts = Array.from({ length: N }, (_, i) => ({
    id: `${tag}-alert-${i}`,
    source: 'bank.ccb',
    type: 'alert',
    occurredAt: new Date(now - 1000 + (i % 500)).toISOString(),
    subject: { phone: String(15_700_000_000 + i), name: `客户${i}` },
    partnerKind: 'bank',
    unit: '建设银行金城江支行',
    note: '客户坚持向安全账户转账',
    amount: 600_000,
  }));
  const bodies: string[] = [];
  for (let i = 0; i < alerts.length; i += BATCH) bodies.push(JSON.stringify(alerts.slice(i, i + BATCH)));
  const started = new Set<string>();
  let tLast = 0;
  const off = env.rt.hub.onNotice((n) => {
    if (n.kind === 'warning_changed' && n.status !== 'new' && !started.has(n.warningId)) {
      started.add(n.warningId);
      tLast = performance.now();
    }
  });
  const before = env.detection.stats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let done = false,
    probeN = 0;
  const alertAcks: number[] = [],
    probeAcks: number[] = [];
  // the probe: ordinary events (a call record of someone unrelated) every 50 ms while the burst lasts
  const probe = (async () => {
    while (!done) {
      const body = JSON.stringify(
        Array.from({ length: 50 }, (_, k) => ({
          id: `${tag}-probe-${probeN}-${k}`,
          source: 'telecom.cmcc',
          type: 'call',
          occurredAt: new Date().toISOString(),
          subject: { phone: String(13_900_000_000 + probeN * 50 + k) },
          peer: '13800000000',
          direction: 'in',
          durationSec: 30,
          result: 'answered',
        })),
      );
      probeN++;
      const wait = new Promise((r) => setTimeout(r, 50));
      probeAcks.push((await post(env, body)).ms);
      await wait;
    }
  })();
  let next = 0,
    accepted = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const r = await post(env, bodies[next++]!);
        alertAcks.push(r.ms);
        accepted += r.accepted;
      }
    }),
  );
  const tAcked = performance.now();
  const deadline = performance.now() + 120_000;
  while (started.size < N && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  done = true;
  await probe;
  off();
  const seconds = (tLast - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const s = env.detection.stats();
  return {
    warnings: started.size,
    accepted,
    seconds: +seconds.toFixed(2),
    warningsPerSec: Math.round(started.size / seconds),
    ackedInMs: Math.round(tAcked - t0),
    alertAckMs: { p50: q(alertAcks, 0.5), p99: q(alertAcks, 0.99), max: q(alertAcks, 1) },
    probeAckMs: { n: probeAcks.length, p50: q(probeAcks, 0.5), p99: q(probeAcks, 0.99), max: q(probeAcks, 1) },
    allAckMs: { p50: q([...alertAcks, ...probeAcks], 0.5), p99: q([...alertAcks, ...probeAcks], 0.99) },
    detectionBatches: s.batches - before.batches,
    // this process's CPU (user + system) over the burst and the probe's tail: ≈ seconds × 1000 when one core is busy
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
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
// calls are queued at the gateway; their outcome comes long after the burst (the outcome path is bench/dissuasion.ts)
const voice = new VoiceGatewaySimulator({ secret, callbackDelayMs: 600_000 });
const voiceUrl = await voice.start();
const results: Record<string, unknown> = {
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    loadAvg: os.loadavg().map((x) => +x.toFixed(2)),
  },
  date: new Date().toISOString(),
  n: N,
  batch: BATCH,
  concurrency: CONCURRENCY,
};
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
      const b = await burst(env, `${kind}-${mode}`);
      if (prof) await prof(`/tmp/scale-prof/burst-${kind}-${mode}.cpuprofile`);
      console.log(
        `${kind} ${mode}: ${b.warnings}/${N} warnings started in ${b.seconds} s = ${b.warningsPerSec} warnings/s; ack p50/p99 alerts ${b.alertAckMs.p50}/${b.alertAckMs.p99} ms, probe ${b.probeAckMs.p50}/${b.probeAckMs.p99} ms (${b.probeAckMs.n} probes), all ${b.allAckMs.p50}/${b.allAckMs.p99} ms; alerts acked in ${b.ackedInMs} ms; CPU ${b.cpuMs} ms`,
      );
      r[mode] = b;
    } finally {
      await env.close();
    }
  }
  results[kind] = r;
}
await voice.stop();
(results.machine as Record<string, unknown>).loadAvgEnd = os.loadavg().map((x) => +x.toFixed(2));
console.log(JSON.stringify(results));
process.exit(0);
