// The demo's knowledge base and 复盘 as server/main.ts --demo loads them: 12 published entries from the catalogue
// and one review of a recorded case with its time line and action items (one done); loading twice adds nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import type { Database } from '../../server/platform/db/index.ts';
import { demoGridCodes, loadDemoOrganisation } from '../../server/demo-organisation.ts';
import { registerDemoResidents } from '../../server/modules/residents/demo.ts';
import { recordDemoCase } from '../../server/modules/cases/index.ts';
import { ensureKnowledgeSeeded } from '../../server/modules/knowledge/index.ts';
import { loadDemoReviews } from '../../server/modules/reviews/demo.ts';
import { actionBoard, listReviews, getReview } from '../../server/modules/reviews/service.ts';
import { createTestDatabase } from '../harness/db.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoOrganisation(database.db, 'Demo-pass-2026-x');
});
afterAll(async () => database?.close());

it('12 published knowledge entries and a 复盘 with action items', async () => {
  const db = database.db;
  expect(await ensureKnowledgeSeeded(db, new Date())).toBe(12);
  expect(await ensureKnowledgeSeeded(db, new Date())).toBe(0);
  const ports = {
    gridCode: (await demoGridCodes(db))[0],
    register: (p: Parameters<typeof registerDemoResidents>[1][number]) => registerDemoResidents(db, [p]),
    recordCase: (r: Parameters<typeof recordDemoCase>[1]) => recordDemoCase(db, r),
  };
  expect(await loadDemoReviews(db, ports)).toBe(true);
  expect(await loadDemoReviews(db, ports)).toBe(false);
  const list = await listReviews(db, SYSTEM_ACTOR);
  expect(list.items).toHaveLength(1);
  const r = await getReview(db, SYSTEM_ACTOR, list.items[0]!.id, new Date());
  expect(r.timeline.map((t) => t.step)).toEqual(['loss', 'case_reported']);
  expect(r.actions.map((a) => `${a.kind}:${a.status}`).sort()).toEqual([
    'bank_procedure:open',
    'rule_threshold:open',
    'script:done',
  ]);
  expect((await actionBoard(db, SYSTEM_ACTOR, undefined, new Date())).items).toHaveLength(2);
});
