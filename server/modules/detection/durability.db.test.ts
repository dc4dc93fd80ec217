// Durability with a REAL process: stream batches into `server/main.ts`, kill -9 it mid-stream, restart it on the same
// data, and check that every acknowledged event is stored and decided exactly once, with no warning duplicated and
// every warning equal to an in-process reference run of the engine over the same events. PGlite always;
// PostgreSQL too when DATABASE_URL is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/index.ts';
import { partnerToken, startServerProcess, type ServerProcess } from './testing/process.ts';
import { batches, scenarioEvents } from './testing/scenario.ts';
import { verifyAgainstReference } from './testing/verify.ts';

const modes = ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])] as const;

async function scratchPg(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL!;
  const name = `zw_durable_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const post = (url: string, token: string, body: unknown) =>
  fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

async function waitAllDecided(url: string, token: string, expected: number, ms = 90_000) {
  const end = Date.now() + ms;
  for (;;) {
    const s = (await (
      await fetch(`${url}/api/v1/events/status`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { total: number; undecided: number };
    if (s.total === expected && s.undecided === 0) return s;
    if (Date.now() > end) throw new Error(`not all decided: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(modes)('kill -9 under load (%s)', (mode) => {
  it(
    'every acknowledged event is stored and decided once; no duplicate warning; replay is harmless',
    { timeout: 240_000 },
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-durable-'));
      const pgdb = mode === 'postgres' ? await scratchPg() : null;
      const env = { ZHIWANG_DATA_DIR: dir, ...(pgdb ? { DATABASE_URL: pgdb.url } : { DATABASE_URL: '' }) };
      const events = scenarioEvents(8000, 300, `k9-${mode}`);
      const all = batches(events, 200);
      const acked = new Set<number>();
      let srv: ServerProcess | null = null;
      try {
        srv = await startServerProcess(env);
        const token = await partnerToken(srv.url);

        // Four concurrent streams; kill -9 the moment the 12th batch is acknowledged, with others in flight.
        let next = 0,
          killed = false,
          inFlightAtKill = 0,
          inFlight = 0;
        const first = srv;
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            while (!killed && next < all.length) {
              const i = next++;
              inFlight++;
              try {
                const res = await post(first.url, token, all[i]);
                if (res.ok) {
                  const body = (await res.json()) as { accepted: number };
                  expect(body.accepted).toBe(all[i]!.length);
                  acked.add(i);
                }
              } catch {
                /* connection reset by the kill: not acknowledged */
              }
              inFlight--;
              if (acked.size >= 12 && !killed) {
                killed = true;
                inFlightAtKill = inFlight;
                await first.kill9();
              }
            }
          }),
        );
        expect(killed).toBe(true);
        expect(inFlightAtKill).toBeGreaterThan(0);

        srv = await startServerProcess(env);
        // Resend everything not acknowledged (some of it may have been stored before the kill), then replay an
        // acknowledged batch: all duplicates.
        for (let i = 0; i < all.length; i++) {
          if (acked.has(i)) continue;
          const res = await post(srv.url, token, all[i]);
          expect(res.status).toBe(200);
          const body = (await res.json()) as { accepted: number; duplicate: number };
          expect(body.accepted + body.duplicate).toBe(all[i]!.length);
        }
        const replayed = (await (await post(srv.url, token, all[[...acked][0]!])).json()) as {
          accepted: number;
          duplicate: number;
        };
        expect(replayed).toMatchObject({ accepted: 0, duplicate: 200 });
        await waitAllDecided(srv.url, token, events.length);
        await srv.stop();
        srv = null;

        const database = await openDatabase(pgdb ? { databaseUrl: pgdb.url } : { dataDir: dir });
        try {
          const ackedEvents = [...acked].flatMap((i) => all[i]!.map((e) => ({ source: e.source, id: e.id })));
          const v = await verifyAgainstReference(database.db, ackedEvents);
          console.log(
            mode,
            JSON.stringify({
              ...v,
              missingAcked: v.missingAcked.length,
              problems: v.problems.slice(0, 5),
              acked: acked.size,
            }),
          );
          expect(v.missingAcked).toEqual([]);
          expect(v.undecided).toBe(0);
          expect(v.stored).toBe(events.length);
          expect(v.problems).toEqual([]);
          expect(v.warnings).toBeGreaterThan(20);
          expect(v.warnings).toBe(v.referenceWarnings);
        } finally {
          await database.close();
        }
      } finally {
        await srv?.kill9().catch(() => undefined);
        await pgdb?.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
