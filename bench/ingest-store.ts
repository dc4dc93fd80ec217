// Ingest's storing transaction alone on PostgreSQL (issue 10): `npm run bench -- ingest-store [--events=60000]`.
// No HTTP, no detection: `ingestEvents` with a platform token, batches of 1,000, 4 in flight, in a scratch database;
// meanwhile pg_stat_activity is sampled every 300 ms and the wait events of the bench's sessions are counted —
// the figure that shows where a batch waits (identity rows locked by a concurrent batch: `Lock:transactionid`).
// Last line: one JSON object.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../server/platform/db/index.ts';
import { ingestEvents } from '../server/modules/ingest/service.ts';
import { SYSTEM_ACTOR } from '../server/platform/auth/actor.ts';
import { checkEvent } from '../server/modules/ingest/validate.ts';
import { makeEvents } from './engine/workload.ts';

const arg = (name: string, def: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const PG_URL = process.env.DATABASE_URL || 'postgresql://root@localhost/postgres?host=/var/run/postgresql';
const n = arg('events', 60000);
const name = `zw_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
await admin.query(`create database ${name}`);
const u = new URL(PG_URL);
u.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: u.toString() });
await database.migrate();
const actor = { ...SYSTEM_ACTOR, kind: 'token' as const };
const events = makeEvents(Math.ceil(n * 1.03), Math.max(1000, Math.floor(n / 5)), 0.05, 7)
  .filter((e) => checkEvent(e).ok)
  .slice(0, n);
const batches: unknown[][] = [];
for (let i = 0; i < events.length; i += 1000) batches.push(events.slice(i, i + 1000));
const waits = new Map<string, number>();
let sampling = true;
const sampler = (async () => {
  while (sampling) {
    const r = await admin.query(
      `select coalesce(wait_event_type, 'cpu') || ':' || coalesce(wait_event, '-') as w, left(query, 50) as q
       from pg_stat_activity where datname = $1 and state = 'active'`,
      [name],
    );
    for (const x of r.rows as { w: string; q: string }[]) {
      const k = `${x.w} ${x.q.replace(/\s+/g, ' ').trim()}`;
      waits.set(k, (waits.get(k) ?? 0) + 1);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
})();
const load0 = os.loadavg();
const t0 = performance.now();
let next = 0,
  accepted = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < batches.length) {
      const r = await ingestEvents(database.db, actor, batches[next++]!);
      accepted += r.accepted;
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
sampling = false;
await sampler;
const top = [...waits].sort((a, b) => b[1] - a[1]).slice(0, 8);
console.log(`postgres: ${accepted} events stored in ${seconds.toFixed(2)} s: ${Math.round(accepted / seconds)} ev/s`);
for (const [k, c] of top) console.log(`  ${String(c).padStart(5)} samples  ${k}`);
await database.close();
await admin.query(`drop database ${name} with (force)`);
await admin.end();
console.log(
  JSON.stringify({
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAvg: load0, loadAvgEnd: os.loadavg() },
    date: new Date().toISOString(),
    events: accepted,
    perSec: Math.round(accepted / seconds),
    waits: Object.fromEntries(top),
  }),
);
