import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/index.ts';
import { seedOrg } from '../../../test/factories.ts';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { backfillDemoHistory } from './index.ts';
import { getKpis } from './service.ts';

// The demo city's year of history: written once, falling over the year so this year compares lower than last.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedOrg(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe('demo history', () => {
  it('backfills a year of roll-ups once; 同比 then shows the fall', async () => {
    expect(await backfillDemoHistory(database.db, '2026-06-30', { days: 400 })).toBeGreaterThan(1000);
    expect(await backfillDemoHistory(database.db, '2026-06-30', { days: 400 })).toBe(0);
    const r = await getKpis(database.db, SYSTEM_ACTOR, { from: '2026-06-01', to: '2026-06-27' });
    const k = Object.fromEntries(r.kpis.map((x) => [x.key, x]));
    expect(k.warnings_opened!.value).toBeGreaterThan(0);
    expect(k.warnings_opened!.yoy).toBeLessThan(0);
    expect(k.face_to_face_rate!.value).toBeGreaterThan(80);
    expect(k.days_since_after_warning_victim!.value).toBeGreaterThanOrEqual(150);
  });
});
