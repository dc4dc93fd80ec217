import { and, gte, like, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/schema.ts';
import { preventionCaseSignals } from './schema.ts';

export async function upsertCaseSignal(db: Db, row: typeof preventionCaseSignals.$inferInsert) {
  await db.insert(preventionCaseSignals).values(row).onConflictDoUpdate({
    target: preventionCaseSignals.caseId,
    set: { fraudTypes: row.fraudTypes, unitId: row.unitId, birthYear: row.birthYear, occupation: row.occupation, reportedAt: row.reportedAt },
  });
}

export async function caseSignals(db: Db, pathPrefix: string, since: Date) {
  return db.select({ s: preventionCaseSignals }).from(preventionCaseSignals).innerJoin(units, eq(units.id, preventionCaseSignals.unitId))
    .where(and(like(units.path, `${pathPrefix}%`), gte(preventionCaseSignals.reportedAt, since))).then((r) => r.map((x) => x.s));
}

export async function unitNames(db: Db, pathPrefix: string) {
  return db.select({ id: units.id, name: units.name, kind: units.kind }).from(units).where(sql`starts_with(${units.path}, ${pathPrefix})`);
}
