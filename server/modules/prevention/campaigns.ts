import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, inScope, type Actor } from '../../platform/auth/actor.ts';
import { invalid, notFound, conflict } from '../../platform/errors.ts';
import { maskPhone, phoneKey } from '../identifiers/index.ts';
import { visibleUnit } from '../org/index.ts';
import { residentsMatching } from '../residents/index.ts';
import type { SmsPort } from '../dissuasion/index.ts';
import { audit } from '../audit/index.ts';
import type { CampaignView, NewCampaign } from '../../../contract/prevention.ts';
import { campaignEffect, checkSmsText, inHoldout, OPT_OUT_SUFFIX } from './effect.ts';
import { type AgeBand } from './risk.ts';
import * as repo from './repository.ts';

type Clock = () => Date;
const MAX_MEMBERS = 50_000;
const DAY = 86_400_000;

/** Birth years of an age band in the year of `now`. */
function birthYears(band: AgeBand, now: Date): [number, number] {
  const y = now.getUTCFullYear();
  switch (band) {
    case 'under_18':
      return [y - 17, y];
    case '18_40':
      return [y - 40, y - 18];
    case '41_65':
      return [y - 65, y - 41];
    case 'over_65':
      return [y - 120, y - 66];
  }
}
const OCCUPATION_CODES: Record<string, string> = {
  学生: 'student',
  退休: 'retired',
  财务: 'finance',
  职员: 'office',
  个体: 'self_employed',
  务工: 'worker',
  务农: 'farmer',
  服务业: 'service',
  公务员: 'civil_servant',
  教师: 'teacher',
};

/** Launches an SMS campaign to a risk group; draws the holdout now, so the comparison is fixed before anyone is reached. */
export async function launchCampaign(
  db: Db,
  actor: Actor,
  input: NewCampaign,
  clock: Clock,
): Promise<{ id: string; target: number; holdout: number }> {
  assertCan(actor, 'prevention:write');
  const channels = input.channels ?? ['sms'];
  const problem = checkSmsText(input.text);
  if (problem) throw invalid('text', problem);
  const now = clock();
  return db.transaction(async (tx) => {
    const unit = await visibleUnit(tx, actor, input.unitId).catch(() => {
      throw invalid('unitId', 'no such unit in your jurisdiction');
    });
    const [from, to] = birthYears(input.ageBand, now);
    const occ = input.occupation
      ? [input.occupation, ...(OCCUPATION_CODES[input.occupation] ? [OCCUPATION_CODES[input.occupation]!] : [])]
      : undefined;
    const people = await residentsMatching(tx, {
      pathPrefix: unit.path,
      birthYearFrom: from,
      birthYearTo: to,
      occupations: occ,
      limit: MAX_MEMBERS,
    });
    if (!people.length) throw invalid('unitId', 'nobody in the registry matches this group');
    const id = randomUUID();
    const share = input.holdoutShare ?? 0.2;
    await repo.insertCampaign(tx, {
      id,
      unitId: unit.id,
      fraudType: input.fraudType,
      ageBand: input.ageBand,
      occupation: input.occupation ?? null,
      channel: channels[0]!,
      channels,
      text: input.text + OPT_OUT_SUFFIX,
      holdoutShare: share,
      dailyCap: input.dailyCap ?? 1000,
      launchedBy: actor.name,
      launchedAt: now,
    });
    const rows = people.map((p) => ({
      campaignId: id,
      residentId: p.id,
      unitId: p.unitId,
      arm: inHoldout(id, p.id, share) ? 'holdout' : 'target',
      phone: p.phone,
      ageBand: input.ageBand,
      occupation: p.occupation ?? null,
    }));
    await repo.insertMembers(tx, rows);
    const holdout = rows.filter((r) => r.arm === 'holdout').length;
    await audit(tx, actor, {
      action: 'create',
      entityType: 'prevention_campaign',
      entityId: id,
      details: {
        group: { fraudType: input.fraudType, ageBand: input.ageBand, occupation: input.occupation },
        target: rows.length - holdout,
        holdout,
      },
    });
    return { id, target: rows.length - holdout, holdout };
  });
}

/**
 * Sends today's batch through the SMS channel: target arm only, never an opted-out number, at most `dailyCap`
 * per 24 hours. Each outcome is stored per person (coverage).
 */
export async function sendCampaignBatch(
  db: Db,
  actor: Actor,
  id: string,
  sms: SmsPort | undefined,
  clock: Clock,
): Promise<{ sent: number; failed: number; optedOut: number; noPhone: number }> {
  assertCan(actor, 'prevention:write');
  const c = await repo.findCampaign(db, id);
  if (!c || !inScope(actor, c.unitPath)) throw notFound('campaign');
  if (!(c.channels ?? ['sms']).includes('sms')) throw conflict('this campaign has no SMS channel');
  if (!sms) throw conflict('the SMS channel is not configured (SMPP)');
  const now = clock();
  const room = c.dailyCap - (await repo.sentSince(db, id, new Date(now.getTime() - DAY)));
  const out = { sent: 0, failed: 0, optedOut: 0, noPhone: 0 };
  if (room <= 0) return out;
  const batch = await repo.pendingTargets(db, id, room);
  const blocked = await repo.optedOut(
    db,
    batch.flatMap((m) => (m.phone ? [phoneKey(m.phone) ?? m.phone] : [])),
  );
  for (const m of batch) {
    const key = m.phone ? (phoneKey(m.phone) ?? m.phone) : null;
    if (!key) {
      await repo.setOutcome(db, id, m.residentId, 'no_phone', now, null);
      out.noPhone++;
      continue;
    }
    if (blocked.has(key)) {
      await repo.setOutcome(db, id, m.residentId, 'opted_out', now, null);
      out.optedOut++;
      continue;
    }
    try {
      const ids = await sms.send({ to: m.phone!, text: c.text, ref: `campaign.${id}.${m.residentId}` });
      await repo.setOutcome(db, id, m.residentId, 'sent', now, ids.join(','));
      out.sent++;
    } catch (e) {
      await repo.setOutcome(
        db,
        id,
        m.residentId,
        'failed',
        now,
        e instanceof Error ? e.message.slice(0, 200) : 'failed',
      );
      out.failed++;
    }
  }
  await audit(db, actor, {
    action: 'update',
    entityType: 'prevention_campaign',
    entityId: id,
    details: { batch: out },
  });
  return out;
}

/** A number that replied TD, or asked an officer: no more prevention SMS to it. */
export async function optOut(db: Db, actor: Actor, phone: string, clock: Clock) {
  assertCan(actor, 'prevention:write');
  const key = phoneKey(phone);
  if (!key) throw invalid('phone', 'not a phone number');
  await db.transaction(async (tx) => {
    await repo.addOptout(tx, key, clock());
    await audit(tx, actor, { action: 'create', entityType: 'sms_optout', details: { phone: maskPhone(key) } });
  });
}

export async function listCampaigns(db: Db, actor: Actor) {
  assertCan(actor, 'prevention:read');
  const rows = await repo.listCampaigns(db, actor.unitPath);
  return {
    items: rows.map((c) => ({
      id: c.id,
      unitId: c.unitId,
      unitName: c.unitName,
      fraudType: c.fraudType,
      ageBand: c.ageBand,
      occupation: c.occupation,
      channel: c.channel,
      channels: c.channels ?? [c.channel],
      text: c.text,
      launchedAt: c.launchedAt.toISOString(),
      launchedBy: c.launchedBy,
    })),
  };
}

/** Coverage per grid and the effect against the holdout (cases of the campaign's type after launch). */
export async function getCampaign(db: Db, actor: Actor, id: string): Promise<CampaignView> {
  assertCan(actor, 'prevention:read');
  const c = await repo.findCampaign(db, id);
  if (!c || !inScope(actor, c.unitPath)) throw notFound('campaign');
  const cov = await repo.coverage(db, id);
  const victims = new Map(
    (await repo.victimsByArm(db, id, c.fraudType, c.launchedAt)).map((r) => [r.arm, Number(r.victims)]),
  );
  const people = (arm: string) => cov.filter((r) => r.arm === arm).reduce((s, r) => s + Number(r.people), 0);
  const effect = campaignEffect(
    { people: people('target'), victims: victims.get('target') ?? 0 },
    { people: people('holdout'), victims: victims.get('holdout') ?? 0 },
  );
  const grids = new Map<
    string,
    { unitId: string; unitName: string; target: number; reached: number; holdout: number }
  >();
  for (const r of cov) {
    const g = grids.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, target: 0, reached: 0, holdout: 0 };
    if (r.arm === 'target') {
      g.target += Number(r.people);
      g.reached += Number(r.reached);
    } else g.holdout += Number(r.people);
    grids.set(r.unitId, g);
  }
  return {
    id: c.id,
    unitId: c.unitId,
    unitName: c.unitName,
    fraudType: c.fraudType,
    ageBand: c.ageBand,
    occupation: c.occupation,
    text: c.text,
    launchedAt: c.launchedAt.toISOString(),
    launchedBy: c.launchedBy,
    dailyCap: c.dailyCap,
    holdoutShare: c.holdoutShare,
    channels: c.channels ?? [c.channel],
    coverage: [...grids.values()],
    coverageByAudience: cov
      .filter((r) => r.arm === 'target')
      .map((r) => ({
        unitId: r.unitId,
        unitName: r.unitName,
        ageBand: r.ageBand,
        occupation: r.occupation,
        target: r.people,
        reached: r.reached,
        bySms: r.bySms,
        byVisit: r.byVisit,
      })),
    effect,
  };
}
