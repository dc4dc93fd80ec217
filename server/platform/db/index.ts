import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { processLog } from '../logger.ts';
import * as schema from './schema.ts';

export { schema };
export type Schema = typeof schema;
/** A database handle or an open transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for the start-up banner (never includes a password). */
  location: string;
  /** Applies the numbered migrations in ./migrations, the same files on both engines. */
  migrate(): Promise<void>;
  /**
   * Housekeeping a PostgreSQL server does by itself (autovacuum) and the embedded database does not: reclaim the
   * event queue's deleted rows (every decided event leaves one) and refresh the planner's statistics. A no-op on
   * PostgreSQL. main.ts calls it every few minutes.
   */
  maintain(): Promise<void>;
  /**
   * LISTEN on `channel` (platform/events wakes on every node's commits through it). On PostgreSQL a connection of
   * its own, reconnected when the server drops it. Returns the function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Opens PostgreSQL when a URL is given, else an embedded PGlite in `dataDir` (or in memory for ':memory:'). */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  /** Told when the server drops an idle pooled connection (restart, failover, admin kill). */
  onConnectionError?: (err: Error) => void;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection killed by the server must not crash the process: the pool discards it and the next
    // query opens a new one. After close(), connections still shutting down may be killed too (a dropped test
    // database): that is expected and not reported.
    let closing = false;
    pool.on('error', (err) => {
      if (!closing) (opts.onConnectionError ?? ((e) => processLog.warn({ err: e }, 'database connection lost')))(err);
    });
    // Fail fast with a clear message instead of on the first request.
    await pool.query('select 1');
    const url = new URL(opts.databaseUrl);
    return {
      db: drizzlePg({ client: pool, schema }) as unknown as Db,
      kind: 'postgres',
      location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      migrate: async () => {
        // Several API nodes or engine workers may start together: one migrates, the others wait on the lock,
        // which must be taken and released on the same connection.
        const conn = await pool.connect();
        try {
          await conn.query('select pg_advisory_lock(727274)');
          await migratePg(drizzlePg({ client: conn }), { migrationsFolder: MIGRATIONS_DIR });
        } finally {
          await conn.query('select pg_advisory_unlock(727274)').catch(() => undefined);
          conn.release();
        }
      },
      maintain: async () => {},
      listen: (channel, onPayload) => listenPg(opts.databaseUrl!, channel, onPayload, () => closing),
      close: () => {
        closing = true;
        return pool.end();
      },
    };
  }
  const dir = opts.dataDir ?? ':memory:';
  let client: PGlite;
  if (dir === ':memory:') client = new PGlite();
  else {
    fs.mkdirSync(dir, { recursive: true });
    client = new PGlite(path.join(dir, 'pg'));
  }
  await client.waitReady;
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    kind: 'pglite',
    location: dir === ':memory:' ? 'memory' : path.join(dir, 'pg'),
    migrate: () => migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_DIR }),
    maintain: async () => {
      await client.exec('vacuum event_queue');
      await client.exec('analyze');
    },
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    close: () => client.close(),
  };
}

/** A LISTEN connection of its own (outside the pool), reconnected with a growing delay when the server drops it. */
async function listenPg(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  closing: () => boolean,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = 250;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === channel) onPayload(m.payload ?? '');
    });
    c.on('error', () => {
      if (stopped || closing()) return;
      client = null;
      c.end().catch(() => undefined);
      setTimeout(() => void reconnect(), delay).unref();
    });
    await c.connect();
    await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = c;
    delay = 250;
    onPayload('{}'); // a reconnect may have missed notifications: wake the listener once
  };
  const reconnect = async () => {
    if (stopped) return;
    try {
      await connect();
    } catch {
      delay = Math.min(delay * 2, 10_000);
      setTimeout(() => void reconnect(), delay).unref();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}
