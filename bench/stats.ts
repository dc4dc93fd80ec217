// `npm run bench -- stats [--warnings=1000000] [--runs=40]`: dashboard queries over a year and more of data in
// PostgreSQL (DATABASE_URL, else the local socket). Warnings (two years, ~75 % closed, visits on high ones,
// some escalated) are generated in the database with generate_series; the roll-ups are rebuilt from them with the
// same code the server runs; then each dashboard request is timed over real HTTP as the city's leader.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/app.ts';
import { loadDemoOrganisation } from '../server/demo-organisation.ts';
import { bootstrapAdmin } from '../server/modules/users/bootstrap.ts';
import { rebuildStats } from '../server/modules/stats/index.ts';
import { openDatabase } from '../server/platform/db/index.ts';
import { Client } from '../test/harness/server.ts';

const arg = (name: string, def: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const N = arg('warnings', 1_000_000),
  RUNS = arg('runs', 40);
const PG_URL = process.env.DATABASE_URL || 'postgresql://root@localhost/postgres?host=/var/run/postgresql';
const PASSWORD = 'Bench-pass-2026';

const name = `zw_bench_stats_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
await admin.query(`create database ${name}`);
await admin.end();
const u = new URL(PG_URL);
u.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: u.toString() });
const cleanup = async () => {
  await database.close();
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
};

try {
  await database.migrate();
  await bootstrapAdmin(database.db, 'Zw-bench-root-2026');
  await loadDemoOrganisation(database.db, PASSWORD);
  const db = database.db;
  const t0 = performance.now();
  // warnings on the stations and grids of the demo city, spread over the 730 days up to 2026-11-30
  await db.execute(sql`
    with u as (select array_agg(id order by id) as ids from units where kind in ('station', 'grid')),
    g as (select i, case when i % 500 = 7 then 'rare_type' else (array['brushing_rebate','fake_investment','fake_shopping','fake_customer_service','fake_loan','impersonate_authority','online_romance'])[1 + (i * 7919) % 7] end as ft,
                 timestamptz '2026-11-30 23:00:00+08' - ((i * 104729) % (730 * 1440)) * interval '1 minute' as opened from generate_series(1::bigint, ${N}::bigint) i)
    insert into warnings (id, source, subject_key, subject, subject_phone, subject_id_number, level, fraud_types, rule_hits, evidence_event_ids, status, unit_id, opened_at, closed_at, disposition)
    select 'bw' || i, (array['engine','engine','upstream','manual'])[1 + i % 4], 'bs' || i, jsonb_build_object('name', '某某', 'phone', '139' || lpad((i % 100000000)::text, 8, '0')),
           '139' || lpad((i % 100000000)::text, 8, '0'), case when i % 3 = 0 then '451202' || (1940 + i % 70) || '0101' || lpad((i % 1000)::text, 3, '0') || 'X' end,
           (array['high','medium','medium','low'])[1 + i % 4], jsonb_build_array(jsonb_build_object('code', ft, 'name', ft)), '[]'::jsonb, '[]'::jsonb,
           case when i % 4 = 0 then 'new' else 'closed' end, (select ids[1 + i % array_length(ids, 1)] from u), opened,
           case when i % 4 <> 0 then opened + interval '2 hours' end,
           case when i % 4 <> 0 then jsonb_build_object('disposition', (array['dissuaded','dissuaded','dissuaded','unreachable','defrauded','false_alarm'])[1 + i % 6],
             'loss', case when i % 6 = 4 then 10000 + i % 90000 end, 'lossAvoided', case when i % 6 < 3 then 5000 + i % 50000 end) end
    from g`);
  await db.execute(sql`insert into contact_attempts (id, warning_id, channel, at, ok, outcome)
    select 'bv' || w.id, w.id, 'visit', w.closed_at, true, 'reached' from warnings w where w.level = 'high' and w.status = 'closed' and w.id like 'bw%' and abs(hashtext(w.id)) % 20 <> 0`);
  await db.execute(sql`insert into warning_workflow (warning_id, escalation_level)
    select id, 1 from warnings where id like 'bw%' and abs(hashtext(id)) % 12 = 0`);
  await db.execute(sql`analyze`);
  const loaded = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const rollupRows = await rebuildStats(db, '2024-12-01', '2026-11-30');
  await db.execute(sql`analyze stats_daily`);
  const rebuildSec = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  await rebuildStats(db, '2026-11-29', '2026-11-30');
  const refreshMs = performance.now() - t2;
  console.log(
    `loaded ${N} warnings in ${loaded.toFixed(0)} s; roll-ups: ${rollupRows} rows in ${rebuildSec.toFixed(0)} s; the 2-day refresh ${refreshMs.toFixed(0)} ms`,
  );

  const app = await createApp({
    db,
    config: { secureCookies: false, logLevel: 'silent' },
    dissuasion: { sweepMs: 1e9 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const leader = new Client(url);
  const login = await leader.post('/api/v1/auth/login', { username: 'leader', password: PASSWORD });
  if (login.status !== 200) throw new Error(`login ${login.status}`);
  const year = 'from=2025-12-01&to=2026-11-30',
    month = 'from=2026-11-01&to=2026-11-30';
  const queries: [string, string][] = [
    ['kpis (month, 同比/环比)', `/api/v1/stats/kpis?${month}`],
    ['kpis (year, 同比/环比)', `/api/v1/stats/kpis?${year}`],
    ['breakdown fraud_type (year)', `/api/v1/stats/breakdown?${year}&metric=warnings_opened&dim=fraud_type`],
    ['breakdown age_band (year)', `/api/v1/stats/breakdown?${year}&metric=warnings_opened&dim=age_band`],
    ['trend by month (year)', `/api/v1/stats/trend?${year}&metrics=warnings_opened,dissuaded,defrauded&bucket=month`],
    ['trend by day (month)', `/api/v1/stats/trend?${month}&metrics=warnings_opened,dissuaded,defrauded`],
    ['ranking (year)', `/api/v1/stats/ranking?${year}`],
    ['drill defrauded (month, page 1)', `/api/v1/stats/drill?${month}&kpi=defrauded`],
    [
      'drill fraud type slice (year, page 1)',
      `/api/v1/stats/drill?${year}&kpi=warnings_opened&dim=fraud_type&key=fake_loan`,
    ],
    [
      'drill rare fraud type slice (year, page 1)',
      `/api/v1/stats/drill?${year}&kpi=warnings_opened&dim=fraud_type&key=rare_type`,
    ],
  ];
  const results: Record<string, { p50: number; p95: number }> = {};
  const timeAll = async (qs: [string, string][]) => {
    for (const [label, path] of qs) await timeOne(label, path);
  };
  const timeOne = async (label: string, path: string) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const s = performance.now();
      const r = await leader.get(path);
      if (r.status !== 200) throw new Error(`${label}: ${r.status} ${JSON.stringify(r.body)}`);
      if (i >= 3) times.push(performance.now() - s); // 3 warm-up requests
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
    results[label] = { p50: q(0.5), p95: q(0.95) };
    console.log(
      `${label.padEnd(40)} p50 ${q(0.5).toFixed(1).padStart(7)} ms   p95 ${q(0.95).toFixed(1).padStart(7)} ms`,
    );
  };
  await timeAll(queries);
  // the same fraud-type drill-downs without the GIN index on warnings.fraud_types (migration 0026), for comparison
  await db.execute(sql`drop index if exists warnings_fraud_types_gin`);
  await db.execute(sql`analyze warnings`);
  await timeAll(
    queries.filter(([l]) => l.includes('fraud type slice')).map(([l, p]) => [`${l} — no GIN`, p] as [string, string]),
  );
  await app.close();
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    JSON.stringify({
      warnings: N,
      rollupRows,
      rebuildSec: Math.round(rebuildSec),
      refreshMs: Math.round(refreshMs),
      results,
      loadavg: os.loadavg(),
    }),
  );
} finally {
  await cleanup();
}
