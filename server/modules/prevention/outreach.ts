// Campaign channels beyond SMS: WeChat group text, door-to-door tasks and visits (grid workers), talks (宣讲) with
// photos, volunteers and their hours. Scoped to the actor's unit subtree; every change audited in its transaction.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, assertMayUnmask, can, inScope, type Actor } from '../../platform/auth/actor.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { hasUnstorableText, maskPhone, normalizePhone } from '../identifiers/index.ts';
import { visibleUnit } from '../org/index.ts';
import { residentsByIds } from '../residents/index.ts';
import { fraudType } from '../fraud-types/index.ts';
import { audit } from '../audit/index.ts';
import { checkPhoto, photoType, wechatGroupText, type VisitOutcome } from './channels.ts';
import * as repo from './repository.ts';

type Clock = () => Date;

function noUnstorable(o: Record<string, unknown>) {
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string' && hasUnstorableText(v)) throw invalid(k, 'unstorable characters');
    if (Array.isArray(v))
      for (const x of v) if (typeof x === 'string' && hasUnstorableText(x)) throw invalid(k, 'unstorable characters');
  }
}

/** The record if it is in the caller's jurisdiction, else 404 (one outside it is not disclosed). */
async function scoped<T extends { unitPath: string }>(actor: Actor, what: string, load: Promise<T | null | undefined>) {
  const x = await load;
  if (!x || !inScope(actor, x.unitPath)) throw notFound(what);
  return x;
}
/** A reference in a request body: outside the caller's jurisdiction (or missing) it is a 400 on that field. */
const referenced = <T>(load: Promise<T>, field: string, what: string): Promise<T> =>
  load.catch(() => {
    throw invalid(field, `no such ${what} in your jurisdiction`);
  });
const visibleCampaign = (db: Db, actor: Actor, id: string) => scoped(actor, 'campaign', repo.findCampaign(db, id));

/** The text to paste into WeChat groups, generated from the campaign's group (type × audience), no links. */
export async function wechatText(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'prevention:read');
  const c = await visibleCampaign(db, actor, id);
  return {
    text: wechatGroupText({
      fraudType: c.fraudType,
      fraudTypeName: fraudType(c.fraudType)?.name ?? c.fraudType,
      ageBand: c.ageBand,
      occupation: c.occupation,
      unitName: c.unitName,
    }),
  };
}

/**
 * A grid worker's door-to-door list: the targeted residents (never the holdout) of door-to-door campaigns in
 * their grid, not yet met first, with name and address (to find them) and the phone masked unless unmasked.
 */
export async function doorTasks(db: Db, actor: Actor, q: { campaignId?: string; unmask?: boolean }) {
  assertCan(actor, 'prevention:read');
  const full = q.unmask ? (assertMayUnmask(actor), true) : false;
  const rows = await repo.doorTargets(db, actor.unitPath, q.campaignId, 500);
  const people = new Map(
    (
      await residentsByIds(
        db,
        rows.map((r) => r.residentId),
      )
    ).map((p) => [p.id, p]),
  );
  await audit(db, actor, {
    action: full ? 'view_unmasked' : 'view',
    entityType: 'prevention_door_tasks',
    details: { count: rows.length, campaignId: q.campaignId },
  });
  return {
    items: rows.map((r) => {
      const p = people.get(r.residentId);
      return {
        campaignId: r.campaignId,
        residentId: r.residentId,
        unitId: r.unitId,
        unitName: r.unitName,
        fraudType: r.fraudType,
        fraudTypeName: fraudType(r.fraudType)?.name ?? r.fraudType,
        name: p?.name ?? '',
        address: p?.address ?? null,
        phone: p?.phone ? (full ? p.phone : maskPhone(p.phone)) : null,
        lastOutcome: r.lastOutcome,
        lastVisitedAt: r.lastVisitedAt?.toISOString() ?? null,
      };
    }),
  };
}

/** Records a visit; only to a targeted member of the campaign inside the visitor's jurisdiction (the holdout is never contacted). */
export async function recordVisit(
  db: Db,
  actor: Actor,
  campaignId: string,
  body: { residentId: string; outcome: VisitOutcome; note?: string },
  clock: Clock,
) {
  assertCan(actor, can(actor, 'prevention:write') ? 'prevention:write' : 'prevention:visit');
  noUnstorable(body);
  return db.transaction(async (tx) => {
    const c = await repo.findCampaign(tx, campaignId);
    const m = c && (await repo.member(tx, campaignId, body.residentId));
    if (!c || !m || !inScope(actor, m.unitPath)) throw notFound('campaign member');
    if (m.arm !== 'target') throw invalid('residentId', 'in the holdout of this campaign: not to be contacted');
    if (!(c.channels ?? []).includes('door')) throw invalid('campaignId', 'this campaign has no door-to-door channel');
    const id = randomUUID();
    await repo.insertVisit(tx, {
      id,
      campaignId,
      residentId: body.residentId,
      unitId: m.unitId,
      outcome: body.outcome,
      note: body.note ?? null,
      visitedBy: actor.name,
      visitedAt: clock(),
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'prevention_visit',
      entityId: id,
      details: { campaignId, outcome: body.outcome },
    });
    return { id };
  });
}

export interface NewTalk {
  unitId: string;
  campaignId?: string;
  title: string;
  place: string;
  heldAt: string;
  speakers: string[];
  audience?: string;
  attendance: number;
}
export async function createTalk(db: Db, actor: Actor, t: NewTalk, clock: Clock) {
  assertCan(actor, 'prevention:write');
  noUnstorable(t as unknown as Record<string, unknown>);
  const heldAt = new Date(t.heldAt);
  if (Number.isNaN(heldAt.getTime())) throw invalid('heldAt', 'not a date');
  return db.transaction(async (tx) => {
    const unit = await referenced(visibleUnit(tx, actor, t.unitId), 'unitId', 'unit');
    if (t.campaignId) await referenced(visibleCampaign(tx, actor, t.campaignId), 'campaignId', 'campaign');
    const id = randomUUID();
    await repo.insertTalk(tx, {
      id,
      unitId: unit.id,
      campaignId: t.campaignId ?? null,
      title: t.title,
      place: t.place,
      heldAt,
      speakers: t.speakers,
      audience: t.audience ?? null,
      attendance: t.attendance,
      createdBy: actor.name,
      createdAt: clock(),
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'prevention_talk',
      entityId: id,
      details: { attendance: t.attendance },
    });
    return { id };
  });
}

export async function listTalks(db: Db, actor: Actor, q: { campaignId?: string }) {
  assertCan(actor, 'prevention:read');
  const rows = await repo.listTalks(db, actor.unitPath, q.campaignId);
  return {
    items: rows.map((t) => ({
      id: t.id,
      unitId: t.unitId,
      unitName: t.unitName,
      campaignId: t.campaignId,
      title: t.title,
      place: t.place,
      heldAt: t.heldAt.toISOString(),
      speakers: t.speakers,
      audience: t.audience,
      attendance: t.attendance,
      photos: t.photos,
    })),
  };
}

/** Adds a photo of a talk: JPEG/PNG/WebP by its bytes, at most 5 MB. */
export async function addTalkPhoto(db: Db, actor: Actor, talkId: string, data: Buffer, clock: Clock) {
  assertCan(actor, 'prevention:write');
  const problem = checkPhoto(data);
  if (problem) throw invalid('file', problem);
  return db.transaction(async (tx) => {
    await scoped(actor, 'talk', repo.findTalk(tx, talkId));
    const id = randomUUID();
    await repo.insertPhoto(tx, {
      id,
      talkId,
      mime: photoType(data)!,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data: data.toString('base64'),
      addedBy: actor.name,
      addedAt: clock(),
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'prevention_talk_photo',
      entityId: id,
      details: { talkId, size: data.length },
    });
    return { id };
  });
}
export async function getTalkPhoto(db: Db, actor: Actor, talkId: string, photoId: string) {
  assertCan(actor, 'prevention:read');
  await scoped(actor, 'talk', repo.findTalk(db, talkId));
  const p = await repo.photo(db, talkId, photoId);
  if (!p) throw notFound('photo');
  return { mime: p.mime, data: Buffer.from(p.data, 'base64') };
}

export async function createVolunteer(
  db: Db,
  actor: Actor,
  v: { unitId: string; name: string; phone?: string },
  clock: Clock,
) {
  assertCan(actor, 'prevention:write');
  noUnstorable(v);
  let phone: string | null = null;
  if (v.phone) {
    const r = normalizePhone(v.phone);
    if (!r.ok) throw invalid('phone', 'not a phone number');
    phone = r.key;
  }
  return db.transaction(async (tx) => {
    const unit = await referenced(visibleUnit(tx, actor, v.unitId), 'unitId', 'unit');
    const id = randomUUID();
    await repo.insertVolunteer(tx, { id, unitId: unit.id, name: v.name, phone, createdAt: clock() });
    await audit(tx, actor, { action: 'create', entityType: 'prevention_volunteer', entityId: id });
    return { id };
  });
}

export async function logVolunteerHours(
  db: Db,
  actor: Actor,
  volunteerId: string,
  h: { day: string; hours: number; activity: string; campaignId?: string; talkId?: string },
  clock: Clock,
) {
  assertCan(actor, 'prevention:write');
  noUnstorable(h);
  if (Number.isNaN(Date.parse(h.day))) throw invalid('day', 'not a date (YYYY-MM-DD)');
  if (Date.parse(h.day) > clock().getTime()) throw invalid('day', 'in the future');
  return db.transaction(async (tx) => {
    await scoped(actor, 'volunteer', repo.findVolunteer(tx, volunteerId));
    if (h.campaignId) await referenced(visibleCampaign(tx, actor, h.campaignId), 'campaignId', 'campaign');
    const id = randomUUID();
    await repo.insertHours(tx, {
      id,
      volunteerId,
      campaignId: h.campaignId ?? null,
      talkId: h.talkId ?? null,
      day: h.day.slice(0, 10),
      hours: h.hours,
      activity: h.activity,
      recordedBy: actor.name,
      recordedAt: clock(),
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'prevention_volunteer_hours',
      entityId: id,
      details: { hours: h.hours },
    });
    return { id };
  });
}

export async function listVolunteers(db: Db, actor: Actor) {
  assertCan(actor, 'prevention:read');
  const rows = await repo.listVolunteers(db, actor.unitPath);
  await audit(db, actor, { action: 'view', entityType: 'prevention_volunteer', details: { count: rows.length } });
  return {
    items: rows.map((v) => ({
      id: v.id,
      unitId: v.unitId,
      unitName: v.unitName,
      name: v.name,
      phone: v.phone ? maskPhone(v.phone) : null,
      hours: Math.round(v.hours * 10) / 10,
    })),
    totalHours: Math.round(rows.reduce((s, v) => s + v.hours, 0) * 10) / 10,
  };
}

/**
 * Door-to-door progress per grid and per grid worker (who visited), in the actor's jurisdiction. Like the task list,
 * a campaign launched above the actor's unit counts only its grids inside the jurisdiction.
 */
export async function doorProgress(db: Db, actor: Actor, q: { campaignId?: string }) {
  assertCan(actor, 'prevention:read');
  const r = await repo.doorProgress(db, actor.unitPath, q.campaignId);
  return {
    grids: r.grids,
    visitors: r.visitors.map((v) => ({ ...v, lastAt: v.lastAt.toISOString() })),
  };
}

/** The photos of a talk (ids to fetch them one by one). */
export async function listTalkPhotos(db: Db, actor: Actor, talkId: string) {
  assertCan(actor, 'prevention:read');
  const t = await repo.findTalk(db, talkId);
  if (!t || !inScope(actor, t.unitPath)) throw notFound('talk');
  return { items: await repo.photoIds(db, talkId) };
}
