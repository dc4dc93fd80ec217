import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/harness/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { IndicatorStore } from '../engine/index.ts';
import { DEFAULT_CONFIG } from '../engine/index.ts';
import { indicators } from './schema.ts';
import { indicatorChangesSince, loadIndicators } from './service.ts';
import { lockIndicatorWrites } from './repository.ts';
import { currentEngineConfig } from '../rules/index.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const row = (id: string, kind: string, value: string, list = 'block') => ({
  id,
  kind,
  value,
  rawValue: value,
  list,
  source: 'test',
  reason: 'r',
  createdBy: 'u',
  updatedBy: 'u',
});

describe('indicator change feed (raw rows)', () => {
  it('loads live rows, then follows adds and tombstones by version', async () => {
    const { db } = database;
    await db.insert(indicators).values(row('f1', 'phone', '17000000001'));
    const s = new IndicatorStore();
    const v0 = await loadIndicators(db, s);
    expect(v0).toBeGreaterThan(0);
    expect(s.blocked('phone', '17000000001', Date.now())).toBeGreaterThanOrEqual(0);

    await db.insert(indicators).values(row('f2', 'domain', 'feed-test.example'));
    await db
      .update(indicators)
      .set({ deletedAt: new Date(), version: sql`nextval('indicator_version_seq')` })
      .where(eq(indicators.id, 'f1'));
    const v1 = await indicatorChangesSince(db, v0, s);
    expect(v1).toBeGreaterThan(v0);
    expect(s.blocked('phone', '17000000001', Date.now())).toBe(-1);
    expect(s.blocked('domain', 'feed-test.example', Date.now())).toBeGreaterThanOrEqual(0);
    expect(await indicatorChangesSince(db, v1, s)).toBe(v1); // nothing new
  });

  it('carries validity, confidence, source, reason and fraud type into the store', async () => {
    const { db } = database;
    const until = Date.parse('2030-06-01T00:00:00Z');
    await db.insert(indicators).values({
      ...row('f3', 'account', '6222021234567890128'),
      validUntil: new Date(until),
      confidence: 65,
      fraudType: 'fake_loan',
    });
    const s = new IndicatorStore();
    await loadIndicators(db, s);
    expect(s.get('account', '6222021234567890128')).toMatchObject({
      validUntil: until,
      confidence: 65,
      fraudType: 'fake_loan',
      source: 'test',
      reason: 'r',
    });
    expect(s.blocked('account', '6222021234567890128', until - 1000)).toBeGreaterThanOrEqual(0);
    expect(s.blocked('account', '6222021234567890128', until + 1000)).toBe(-1);
  });

  it('serves the built-in config as version 1 when none is stored', async () => {
    const cur = await currentEngineConfig(database.db);
    expect(cur.version).toBe('1');
    expect(cur.config.levels).toEqual(DEFAULT_CONFIG.levels);
  });
});

// Only meaningful with real concurrent connections (PGlite runs one statement at a time, so it is skipped there).
describe.skipIf(!process.env.DATABASE_URL)('change feed under concurrent writers (PostgreSQL)', () => {
  it('a poller never skips a row whose transaction commits after a later one started', async () => {
    const { db } = database;
    const store = new IndicatorStore();
    const v0 = await loadIndicators(db, store);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let aInserted!: () => void;
    const inserted = new Promise<void>((r) => {
      aInserted = r;
    });
    // A: takes the write lock and a version, then stays open
    const a = db.transaction(async (tx) => {
      await lockIndicatorWrites(tx);
      await tx.insert(indicators).values(row('c1', 'phone', '17000000101'));
      aInserted();
      await gate;
    });
    await inserted;
    // B: starts later, must wait for A instead of committing a higher version first
    let bDone = false;
    const b = db
      .transaction(async (tx) => {
        await lockIndicatorWrites(tx);
        await tx.insert(indicators).values(row('c2', 'phone', '17000000102'));
      })
      .then(() => {
        bDone = true;
      });
    await new Promise((r) => setTimeout(r, 300));
    expect(bDone).toBe(false);
    expect(await indicatorChangesSince(db, v0, store)).toBe(v0); // nothing committed yet, cursor stays
    release();
    await Promise.all([a, b]);
    const v1 = await indicatorChangesSince(db, v0, store);
    expect(v1).toBeGreaterThan(v0);
    expect(store.blocked('phone', '17000000101', Date.now())).toBeGreaterThanOrEqual(0);
    expect(store.blocked('phone', '17000000102', Date.now())).toBeGreaterThanOrEqual(0);
  });
});
