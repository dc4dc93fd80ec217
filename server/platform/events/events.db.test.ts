import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createTestDatabase } from '../../../test/harness/db.ts';
import type { Database } from '../db/index.ts';
import { batched, on, publish, publishMany, subscribe } from './index.ts';
import { startEventDispatcher } from './dispatcher.ts';

declare module './index.ts' {
  interface EventMap {
    'test.ping': { n: number };
    'test.pong': { n: number };
    'test.fail': { n: number };
    'test.bulk': { n: number };
  }
}

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;
let database: Database;
const seen: string[] = [];
let failuresLeft = 0;
const bulkCalls: number[][] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`create table handled (subscriber text, n int, unique (subscriber, n))`);
  // writes through ctx.db: the effect commits with the cursor, so a duplicate delivery would violate the unique key
  subscribe('test.recorder', {
    'test.ping': async (p, { db }) => {
      seen.push(`ping${p.n}`);
      await db.execute(sql`insert into handled values ('rec', ${p.n})`);
    },
    'test.pong': async (p, { db }) => {
      seen.push(`pong${p.n}`);
      await db.execute(sql`insert into handled values ('rec', ${1000 + p.n})`);
    },
  });
  // a batch form: a run of consecutive events in one call; n = 66 makes the batch fail (the run is then handled one
  // by one), n = 67 fails one by one too (retried, its writes undone, the events before it kept)
  subscribe('test.bulk', {
    'test.bulk': batched<'test.bulk'>(
      async (p, { db }) => {
        await db.execute(sql`insert into handled values ('bulk', ${p.n})`);
        if (p.n === 67 && failuresLeft-- > 0) throw new Error('not this one');
      },
      async (ps, { db }) => {
        bulkCalls.push(ps.map((p) => p.n));
        await db.execute(
          sql`insert into handled select 'bulk', x::int from jsonb_array_elements_text(${JSON.stringify(ps.map((p) => p.n))}::jsonb) x`,
        );
        if (ps.some((p) => p.n === 66 || p.n === 67)) throw new Error('batch refused');
      },
    ),
  });
  subscribe('test.flaky', {
    'test.fail': async (p, { db }) => {
      await db.execute(sql`insert into handled values ('flaky', ${p.n})`); // rolled back with the failure
      if (p.n === 13 && failuresLeft-- > 0) throw new Error('not today');
    },
  });
});
afterAll(async () => {
  await database?.close();
});

const handled = async (subscriber: string) =>
  rowsOf<{ n: number }>(
    await database.db.execute(sql`select n from handled where subscriber = ${subscriber} order by n`),
  ).map((r) => r.n);

describe('platform events', () => {
  it('delivers committed events once, in commit order, and nothing of a rolled-back transaction', async () => {
    const d = await startEventDispatcher({ db: database.db, listen: database.listen, pollMs: 60_000 });
    await database.db.transaction(async (tx) => {
      await publish(tx, 'test.ping', { n: 1 });
      await publish(tx, 'test.pong', { n: 1 });
    });
    await database.db
      .transaction(async (tx) => {
        await publish(tx, 'test.ping', { n: 2 });
        tx.rollback();
      })
      .catch(() => undefined);
    await database.db.transaction(async (tx) => publishMany(tx, 'test.ping', [{ n: 3 }, { n: 4 }]));
    await d.drain();
    await d.drain();
    expect(seen).toEqual(['ping1', 'pong1', 'ping3', 'ping4']);
    expect(await handled('rec')).toEqual([1, 3, 4, 1001]);
    await d.stop();
    // a restarted node resumes behind the cursor: nothing again
    const d2 = await startEventDispatcher({ db: database.db, pollMs: 60_000 });
    await d2.drain();
    expect(seen).toHaveLength(4);
    await d2.stop();
  });

  it('wakes on NOTIFY at commit without being asked to drain', async () => {
    const d = await startEventDispatcher({ db: database.db, listen: database.listen, pollMs: 60_000 });
    const before = seen.length;
    await database.db.transaction(async (tx) => publish(tx, 'test.ping', { n: 5 }));
    await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(before + 1);
    await d.stop();
  });

  it('calls `on` listeners with the payload after commit', async () => {
    const d = await startEventDispatcher({ db: database.db, listen: database.listen, pollMs: 60_000 });
    const got: unknown[] = [];
    const off = on('test.pong', (p) => {
      got.push(p);
    });
    await database.db.transaction(async (tx) => publish(tx, 'test.pong', { n: 7 }));
    await expect.poll(() => got.length, { timeout: 5_000 }).toBe(1);
    expect(got[0]).toEqual({ n: 7 });
    off();
    await d.drain();
    await d.stop();
  });

  it('retries a failing handler with its writes undone, then parks an event that keeps failing', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const d = await startEventDispatcher({
      db: database.db,
      log: { warn: () => {}, error: () => {} },
      pollMs: 60_000,
      maxAttempts: 3,
      retryBaseMs: 10,
      now: () => new Date(t),
    });
    failuresLeft = 1;
    await database.db.transaction(async (tx) => publishMany(tx, 'test.fail', [{ n: 12 }, { n: 13 }, { n: 14 }]));
    await d.drain();
    expect(await handled('flaky')).toEqual([12]); // 13 failed, its insert rolled back; 14 waits behind it
    t += 1_000;
    await d.drain();
    expect(await handled('flaky')).toEqual([12, 13, 14]);
    failuresLeft = 99;
    await database.db.transaction(async (tx) => publishMany(tx, 'test.fail', [{ n: 13 }, { n: 15 }]));
    for (let i = 0; i < 4; i++) {
      t += 60_000;
      await d.drain();
    }
    const dead = rowsOf<{ attempts: number }>(
      await database.db.execute(sql`select attempts from event_dead_letters where subscriber = 'test.flaky'`),
    );
    expect(dead).toEqual([{ attempts: 3 }]);
    expect(await handled('flaky')).toEqual([12, 13, 14, 15]);
    await d.stop();
  });

  it('hands runs of events to a batch handler once, and falls back to one by one when the batch fails', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const d = await startEventDispatcher({
      db: database.db,
      log: { warn: () => {}, error: () => {} },
      pollMs: 60_000,
      retryBaseMs: 1_000,
      now: () => new Date(t),
      only: ['test.bulk'],
    });
    await database.db.transaction(async (tx) => publishMany(tx, 'test.bulk', [{ n: 1 }, { n: 2 }, { n: 3 }]));
    await d.drain();
    expect(bulkCalls).toEqual([[1, 2, 3]]);
    expect(await handled('bulk')).toEqual([1, 2, 3]);
    // the batch fails: its writes are undone and each event is handled on its own, exactly once
    await database.db.transaction(async (tx) => publishMany(tx, 'test.bulk', [{ n: 65 }, { n: 66 }]));
    await d.drain();
    expect(bulkCalls.at(-1)).toEqual([65, 66]);
    expect(await handled('bulk')).toEqual([1, 2, 3, 65, 66]);
    // one event of the run keeps failing on its own: the ones before it stay handled, it is retried later
    failuresLeft = 1;
    await database.db.transaction(async (tx) => publishMany(tx, 'test.bulk', [{ n: 68 }, { n: 67 }, { n: 69 }]));
    await d.drain();
    expect(await handled('bulk')).toEqual([1, 2, 3, 65, 66, 68]);
    t += 60_000;
    await d.drain();
    expect(await handled('bulk')).toEqual([1, 2, 3, 65, 66, 67, 68, 69]);
    await d.stop();
  });

  // Two transactions in flight at once need two connections: only a PostgreSQL server has them (PGlite is one
  // connection), so this case runs in the PostgreSQL pass of CI.
  it.runIf(!!process.env.DATABASE_URL)('never skips an event whose transaction commits after a later one', async () => {
    const url = database.location && process.env.DATABASE_URL ? await currentUrl() : '';
    const slow = new pg.Client({ connectionString: url });
    await slow.connect();
    const d = await startEventDispatcher({ db: database.db, pollMs: 60_000 });
    await slow.query('begin');
    await slow.query(`insert into domain_events (name, payload) values ('test.ping', '{"n": 100}')`); // lower id, uncommitted
    await database.db.transaction(async (tx) => publish(tx, 'test.ping', { n: 101 }));
    await d.drain();
    expect(await handled('rec')).not.toContain(101); // waits behind the open transaction instead of passing it
    await slow.query('commit');
    await d.drain();
    const ns = await handled('rec');
    expect(ns).toContain(100);
    expect(ns).toContain(101);
    expect(seen.indexOf('ping100')).toBeLessThan(seen.indexOf('ping101'));
    await slow.end();
    await d.stop();
  });
});

async function currentUrl(): Promise<string> {
  const r = rowsOf<{ db: string }>(await database.db.execute(sql`select current_database() as db`));
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${r[0]!.db}`;
  return url.toString();
}
