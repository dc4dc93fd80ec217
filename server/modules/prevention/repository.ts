import { and, count, desc, eq, gte, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { units } from '../org/schema.ts';
import {
  preventionCampaignMembers as members,
  preventionCampaigns as campaigns,
  preventionCaseSignals,
  preventionSmsOptouts as optouts,
  preventionTalkPhotos as talkPhotos,
  preventionTalks as talks,
  preventionVisits as visits,
  preventionVolunteerHours as volunteerHours,
  preventionVolunteers as volunteers,
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

/** Coverage per grid, audience (age band × occupation) and arm: people, reached (SMS sent or met on a visit). */
export async function coverage(db: Db, campaignId: string) {
  const res = await db.execute(sql`
    select m.unit_id, u.name as unit_name, m.arm, coalesce(m.age_band, '') as age_band,
           coalesce(m.occupation, '') as occupation, count(*)::int as people,
           count(*) filter (where m.outcome = 'sent' or exists (select 1 from prevention_visits v
             where v.campaign_id = m.campaign_id and v.resident_id = m.resident_id and v.outcome = 'met'))::int as reached,
           count(*) filter (where m.outcome = 'sent')::int as by_sms,
           count(*) filter (where exists (select 1 from prevention_visits v
             where v.campaign_id = m.campaign_id and v.resident_id = m.resident_id and v.outcome = 'met'))::int as by_visit
    from ${members} m join ${units} u on u.id = m.unit_id
    where m.campaign_id = ${campaignId}
    group by 1, 2, 3, 4, 5 order by 2, 4, 5`);
  return (res as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => ({
    unitId: String(r.unit_id),
    unitName: String(r.unit_name),
    arm: String(r.arm),
    ageBand: String(r.age_band),
    occupation: String(r.occupation),
    people: Number(r.people),
    reached: Number(r.reached),
    bySms: Number(r.by_sms),
    byVisit: Number(r.by_visit),
  }));
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

// ── door-to-door, talks, volunteers ──

/** Target members of door-to-door campaigns in a unit subtree (a grid worker's list), with their last visit. */
export async function doorTargets(db: Db, pathPrefix: string, campaignId: string | undefined, limit: number) {
  const res = await db.execute(sql`
    select m.campaign_id, m.resident_id, m.unit_id, u.name as unit_name, c.fraud_type, c.age_band,
           v.outcome as last_outcome, v.visited_at as last_visited_at
    from ${members} m
    join ${campaigns} c on c.id = m.campaign_id
    join ${units} u on u.id = m.unit_id
    left join lateral (select outcome, visited_at from ${visits} v
                       where v.campaign_id = m.campaign_id and v.resident_id = m.resident_id
                       order by visited_at desc limit 1) v on true
    where m.arm = 'target' and starts_with(u.path, ${pathPrefix}) and c.channels @> '["door"]'::jsonb
      ${campaignId ? sql`and m.campaign_id = ${campaignId}` : sql``}
    order by (v.outcome = 'met') nulls first, u.name, m.resident_id
    limit ${limit}`);
  return (res as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => ({
    campaignId: String(r.campaign_id),
    residentId: String(r.resident_id),
    unitId: String(r.unit_id),
    unitName: String(r.unit_name),
    fraudType: String(r.fraud_type),
    ageBand: String(r.age_band),
    lastOutcome: (r.last_outcome as string | null) ?? null,
    lastVisitedAt: r.last_visited_at ? new Date(r.last_visited_at as string) : null,
  }));
}
export async function member(db: Db, campaignId: string, residentId: string) {
  const [r] = await db
    .select({ m: members, unitPath: units.path })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(and(eq(members.campaignId, campaignId), eq(members.residentId, residentId)))
    .limit(1);
  return r && { ...r.m, unitPath: r.unitPath };
}
export const insertVisit = async (db: Db, row: typeof visits.$inferInsert) =>
  void (await db.insert(visits).values(row));
export const insertTalk = async (db: Db, row: typeof talks.$inferInsert) => void (await db.insert(talks).values(row));
export const insertPhoto = async (db: Db, row: typeof talkPhotos.$inferInsert) =>
  void (await db.insert(talkPhotos).values(row));
export async function findTalk(db: Db, id: string) {
  const [r] = await db
    .select({ t: talks, unitPath: units.path, unitName: units.name })
    .from(talks)
    .innerJoin(units, eq(units.id, talks.unitId))
    .where(eq(talks.id, id))
    .limit(1);
  return r && { ...r.t, unitPath: r.unitPath, unitName: r.unitName };
}
export async function listTalks(db: Db, pathPrefix: string, campaignId?: string) {
  const rows = await db
    .select({
      t: talks,
      unitName: units.name,
      photos: sql<number>`(select count(*) from ${talkPhotos} p where p.talk_id = ${talks.id})::int`,
    })
    .from(talks)
    .innerJoin(units, eq(units.id, talks.unitId))
    .where(and(like(units.path, `${pathPrefix}%`), campaignId ? eq(talks.campaignId, campaignId) : undefined))
    .orderBy(desc(talks.heldAt))
    .limit(200);
  return rows.map((r) => ({ ...r.t, unitName: r.unitName, photos: Number(r.photos) }));
}
export async function photo(db: Db, talkId: string, photoId: string) {
  const [p] = await db
    .select()
    .from(talkPhotos)
    .where(and(eq(talkPhotos.talkId, talkId), eq(talkPhotos.id, photoId)))
    .limit(1);
  return p;
}
export const photoIds = (db: Db, talkId: string) =>
  db
    .select({ id: talkPhotos.id, mime: talkPhotos.mime, size: talkPhotos.size })
    .from(talkPhotos)
    .where(eq(talkPhotos.talkId, talkId));
export const insertVolunteer = async (db: Db, row: typeof volunteers.$inferInsert) =>
  void (await db.insert(volunteers).values(row));
export async function findVolunteer(db: Db, id: string) {
  const [r] = await db
    .select({ v: volunteers, unitPath: units.path })
    .from(volunteers)
    .innerJoin(units, eq(units.id, volunteers.unitId))
    .where(eq(volunteers.id, id))
    .limit(1);
  return r && { ...r.v, unitPath: r.unitPath };
}
export const insertHours = async (db: Db, row: typeof volunteerHours.$inferInsert) =>
  void (await db.insert(volunteerHours).values(row));
export async function listVolunteers(db: Db, pathPrefix: string) {
  const rows = await db
    .select({
      v: volunteers,
      unitName: units.name,
      hours: sql<number>`coalesce((select sum(h.hours) from ${volunteerHours} h where h.volunteer_id = ${volunteers.id}), 0)::float8`,
    })
    .from(volunteers)
    .innerJoin(units, eq(units.id, volunteers.unitId))
    .where(like(units.path, `${pathPrefix}%`))
    .orderBy(units.name, volunteers.name)
    .limit(2000);
  return rows.map((r) => ({ ...r.v, unitName: r.unitName, hours: Number(r.hours) }));
}

/**
 * Door-to-door progress in a unit subtree: per grid the targeted residents, those visited at least once and those
 * met; per visitor (grid worker) their visits, distinct residents and residents met, with the last visit.
 */
export async function doorProgress(db: Db, pathPrefix: string, campaignId: string | undefined) {
  const byCampaign = (alias: string) => (campaignId ? sql`and ${sql.raw(alias)}.campaign_id = ${campaignId}` : sql``);
  const grids = await db.execute(sql`
    select m.unit_id, u.name as unit_name, count(*)::int as target,
           count(*) filter (where exists (select 1 from ${visits} v
             where v.campaign_id = m.campaign_id and v.resident_id = m.resident_id))::int as visited,
           count(*) filter (where exists (select 1 from ${visits} v
             where v.campaign_id = m.campaign_id and v.resident_id = m.resident_id and v.outcome = 'met'))::int as met
    from ${members} m
    join ${campaigns} c on c.id = m.campaign_id
    join ${units} u on u.id = m.unit_id
    where m.arm = 'target' and starts_with(u.path, ${pathPrefix}) and c.channels @> '["door"]'::jsonb ${byCampaign('m')}
    group by m.unit_id, u.name
    order by u.name`);
  const visitors = await db.execute(sql`
    select v.visited_by, v.unit_id, u.name as unit_name, count(*)::int as visits,
           count(distinct v.resident_id)::int as residents,
           count(distinct v.resident_id) filter (where v.outcome = 'met')::int as met,
           max(v.visited_at) as last_at
    from ${visits} v
    join ${units} u on u.id = v.unit_id
    where starts_with(u.path, ${pathPrefix}) ${byCampaign('v')}
    group by v.visited_by, v.unit_id, u.name
    order by u.name, v.visited_by`);
  type Rows = { rows: Record<string, unknown>[] };
  return {
    grids: (grids as unknown as Rows).rows.map((r) => ({
      unitId: String(r.unit_id),
      unitName: String(r.unit_name),
      target: Number(r.target),
      visited: Number(r.visited),
      met: Number(r.met),
    })),
    visitors: (visitors as unknown as Rows).rows.map((r) => ({
      visitedBy: String(r.visited_by),
      unitId: String(r.unit_id),
      unitName: String(r.unit_name),
      visits: Number(r.visits),
      residents: Number(r.residents),
      met: Number(r.met),
      lastAt: new Date(r.last_at as string),
    })),
  };
}
