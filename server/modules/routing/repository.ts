import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { routingAreas } from './schema.ts';

export const areaFor = async (db: Db, kind: 'phone_prefix' | 'branch', key: string) =>
  (
    await db
      .select({ a: routingAreas.areaCode })
      .from(routingAreas)
      .where(and(eq(routingAreas.kind, kind), eq(routingAreas.key, key)))
      .limit(1)
  )[0]?.a ?? null;
export async function putArea(db: Db, kind: 'phone_prefix' | 'branch', key: string, areaCode: string) {
  await db
    .insert(routingAreas)
    .values({ kind, key, areaCode })
    .onConflictDoUpdate({ target: [routingAreas.kind, routingAreas.key], set: { areaCode } });
}
