import { and, count, desc, eq, gte, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/schema.ts';
import {
  preventionCampaignMembers as members,
  preventionCampaigns as campaigns,
  preventionCaseSignals,
  preventionSmsOptouts as optouts,
} from './schema.ts';

export async function upsertCaseSignal(db: Db, row: typeof preventionCaseSignals.$inferInsert) {
  await db
    .insert(preventionCaseSignals)
    .values(row)
    .onConflictDoUpdate({
      target: preventionCaseSignals.caseId,
      set: {
        fraudTypes: row.fraudTypes,
        unitId: row.unitId,
        residentId: row.residentId,
        birthYear: row.birthYear,
        occupation: row.occupation,
        reportedAt: row.reportedAt,
      },
    });
}

export async function caseSignals(db: Db, pathPrefix: string, since: Date) {
  return db
    .select({ s: preventionCaseSignals })
    .from(preventionCaseSignals)
    .innerJoin(units, eq(units.id, preventionCaseSignals.unitId))
    .where(and(like(units.path, `${pathPrefix}%`), gte(preventionCaseSignals.reportedAt, since)))
    .then((r) => r.map((x) => x.s));
}

export async function unitNames(db: Db, pathPrefix: string) {
  return db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(sql`starts_with(${units.path}, ${pathPrefix})`);
}

// ── campaigns ──

export const insertCampaign = async (db: Db, row: typeof campaigns.$inferInsert) =>
  void (await db.insert(campaigns).values(row));
export async function insertMembers(db: Db, rows: (typeof members.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(members).values(rows.slice(i, i + 1000));
}
export async function findCampaign(db: Db, id: string) {
  const [r] = await db
    .select({ c: campaigns, unitPath: units.path, unitName: units.name })
    .from(campaigns)
    .innerJoin(units, eq(units.id, campaigns.unitId))
    .where(eq(campaigns.id, id))
    .limit(1);
  return r && { ...r.c, unitPath: r.unitPath, unitName: r.unitName };
}
export async function listCampaigns(db: Db, pathPrefix: string) {
  const rows = await db
    .select({ c: campaigns, unitName: units.name })
    .from(campaigns)
    .innerJoin(units, eq(units.id, campaigns.unitId))
    .where(like(units.path, `${pathPrefix}%`))
    .orderBy(desc(campaigns.launchedAt))
    .limit(200);
  return rows.map((r) => ({ ...r.c, unitName: r.unitName }));
}
/** Target members not yet contacted, for today's batch. */
export async function pendingTargets(db: Db, campaignId: string, limit: number) {
  return db
    .select()
    .from(members)
    .where(and(eq(members.campaignId, campaignId), eq(members.arm, 'target'), isNull(members.outcome)))
    .orderBy(members.residentId)
    .limit(limit);
}
export async function sentSince(db: Db, campaignId: string, since: Date) {
  const [r] = await db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.campaignId, campaignId), eq(members.outcome, 'sent'), gte(members.at, since)));
  return r?.n ?? 0;
}
export async function setOutcome(
  db: Db,
  campaignId: string,
  residentId: string,
  outcome: string,
  at: Date,
  detail: string | null,
) {
  await db
    .update(members)
    .set({ outcome, at, detail })
    .where(and(eq(members.campaignId, campaignId), eq(members.residentId, residentId)));
}
export async function optedOut(db: Db, phones: string[]) {
  if (!phones.length) return new Set<string>();
  return new Set(
    (await db.select({ phone: optouts.phone }).from(optouts).where(inArray(optouts.phone, phones))).map((r) => r.phone),
  );
}
export const addOptout = async (db: Db, phone: string, at: Date) =>
  void (await db.insert(optouts).values({ phone, at }).onConflictDoNothing());

/** Coverage per grid and arm: people, reached. */
export async function coverage(db: Db, campaignId: string) {
  return db
    .select({
      unitId: members.unitId,
      unitName: units.name,
      arm: members.arm,
      people: count(),
      reached: sql<number>`count(*) filter (where ${members.outcome} = 'sent')::int`,
    })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(eq(members.campaignId, campaignId))
    .groupBy(members.unitId, units.name, members.arm)
    .orderBy(units.name);
}

/** Victims per arm: people of the campaign with a case of the campaign's type recorded after launch. */
export async function victimsByArm(db: Db, campaignId: string, fraudType: string, after: Date) {
  const res = await db.execute(sql`
    select m.arm, count(distinct m.resident_id)::int as victims from ${members} m
    join ${preventionCaseSignals} s on s.resident_id = m.resident_id
    where m.campaign_id = ${campaignId} and s.reported_at > ${after} and s.fraud_types @> ${JSON.stringify([fraudType])}::jsonb
    group by m.arm`);
  return (res as unknown as { rows: { arm: string; victims: number }[] }).rows;
}
