// Two engine workers as two real server processes on one PostgreSQL database (ZHIWANG_ENGINE_WORKERS=2): each
// decides only its partitions, together they decide every event exactly once, and the warnings equal a single
// reference engine's. PostgreSQL only: PGlite is one process's embedded database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ZhiwangEvent } from '../../../contract/events.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { partitionOf } from '../ingest/index.ts';
import { partnerToken, startServerProcess, type ServerProcess } from './testing/process.ts';
import { batches, scenarioEvents } from './testing/scenario.ts';
import { verifyAgainstReference } from './testing/verify.ts';

const server = process.env.DATABASE_URL;
if (!server)
  console.log('workers.db.test.ts: skipped — set DATABASE_URL to a PostgreSQL server to run two engine workers');

const post = (url: string, token: string, body: unknown) =>
  fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
const status = async (url: string, token: string) =>
  (await (await fetch(`${url}/api/v1/events/status`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    total: number;
    undecided: number;
  };

describe.skipIf(!server)('two engine workers on PostgreSQL', () => {
  it('split the partitions: none decided twice, none skipped', { timeout: 180_000 }, async () => {
    const name = `zw_workers_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(server!);
    u.pathname = `/${name}`;
    const env = (k: number) => ({
      DATABASE_URL: u.toString(),
      ZHIWANG_ENGINE_WORKERS: '2',
      ZHIWANG_ENGINE_WORKER: String(k),
    });
    const procs: ServerProcess[] = [];
    try {
      const w0 = await startServerProcess(env(0));
      procs.push(w0);
      const token = await partnerToken(w0.url);
      const events = scenarioEvents(6000, 400, 'w2');
      const [early, late] = [events.slice(0, 3000), events.slice(3000)];
      for (const b of batches(early, 500)) expect((await post(w0.url, token, b)).status).toBe(200);
      // Alone, worker 0 decides exactly the events of the even partitions.
      const mine = early.filter((e) => partitionOf(e as ZhiwangEvent) % 2 === 0).length;
      expect(mine).toBeGreaterThan(500);
      await until(async () => (await status(w0.url, token)).undecided === early.length - mine);
      await new Promise((r) => setTimeout(r, 500));
      expect(await status(w0.url, token)).toEqual({ total: early.length, undecided: early.length - mine });

      const w1 = await startServerProcess(env(1));
      procs.push(w1);
      await Promise.all(
        batches(late, 250).map((b, i) =>
          post(i % 2 ? w1.url : w0.url, token, b).then((r) => expect(r.status).toBe(200)),
        ),
      );
      await until(async () => {
        const s = await status(w1.url, token);
        return s.total === events.length && s.undecided === 0;
      });
      for (const p of procs.splice(0)) await p.stop();

      const database = await openDatabase({ databaseUrl: u.toString() });
      try {
        const v = await verifyAgainstReference(
          database.db,
          events.map((e) => ({ source: e.source, id: e.id })),
        );
        expect(v.undecided).toBe(0);
        expect(v.missingAcked).toEqual([]);
        expect(v.problems).toEqual([]);
        expect(v.warnings).toBeGreaterThan(50);
      } finally {
        await database.close();
      }
    } finally {
      for (const p of procs) await p.kill9().catch(() => undefined);
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
  });
});

async function until(f: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
