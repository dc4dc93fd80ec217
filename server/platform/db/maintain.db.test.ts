import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { ingestEvents } from '../../modules/ingest/service.ts';
import type { Database } from './index.ts';

// The embedded database never analyzes or vacuums by itself; maintain() does, and must be harmless on a server.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const reltuples = async (table: string) =>
  Number(
    (
      (await database.db.execute(sql`select reltuples from pg_class where relname = ${table}`)) as unknown as {
        rows: { reltuples: number }[];
      }
    ).rows[0]!.reltuples,
  );

describe('database housekeeping', () => {
  it('refreshes the planner statistics of the event log (PGlite), and runs cleanly on PostgreSQL', async () => {
    const events = Array.from({ length: 300 }, (_, i) => ({
      id: `m-${i}`,
      source: 'telecom.cmcc',
      type: 'call',
      occurredAt: '2026-06-01T10:00:00+08:00',
      subject: { phone: '13800138000' },
      peer: '10086',
      direction: 'in',
      durationSec: 30,
      result: 'answered',
    }));
    expect((await ingestEvents(database.db, SYSTEM_ACTOR, events)).accepted).toBe(300);
    await database.maintain();
    // a never-analyzed table reads -1 (PostgreSQL 14+) or 0; after ANALYZE, the row count
    if (database.kind === 'pglite') expect(await reltuples('events')).toBe(300);
    await database.maintain(); // again: idempotent
  });
});
