import { inArray } from 'drizzle-orm';
import { assertCan, inScope, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { alreadyDone, forbidden, invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { outboundUrlProblem } from '../channels/index.ts';
import { audit } from '../audit/index.ts';
import { visibleUnit } from '../org/index.ts';
import { units } from '../org/schema.ts';
import { findUser } from '../users/index.ts';
import { listUsers } from '../users/index.ts';
import { closedCountsByUnit } from '../warnings/index.ts';
import { presentSubject, wantsUnmasked } from './personal.ts';
import * as repo from './repository.ts';
import type { DissuasionContext } from './context.ts';
import { ASSIGNABLE_ROLES, namesOf, presentFollowup } from './service.ts';

// Around the warnings rather than on one: the grid worker's follow-ups, the 预警后被骗 KPI, and each unit's
// notification settings (duty officer, group robot).

// ── follow-ups and the KPI ───────────────────────────────────────────────────────────────────────────────────
export async function listFollowups(
  rt: DissuasionContext,
  actor: Actor,
  q: { due?: string; all?: boolean; mine?: boolean; unmask?: boolean },
) {
  assertCan(actor, 'warnings:read');
  const full = wantsUnmasked(actor, q.unmask);
  const dueBefore = q.due ? new Date(`${q.due}T23:59:59.999+08:00`) : undefined;
  return rt.db
    .transaction(async (tx) => {
      const rows = await repo.searchFollowups(tx, {
        pathPrefix: actor.unitPath,
        viewerId: actor.id,
        mine: !!q.mine,
        ...(dueBefore ? { dueBefore } : {}),
        open: !q.all,
      });
      const names = await namesOf(
        tx,
        rows.map((r) => r.f.assigneeId),
      );
      // the person to revisit, masked like everywhere else; the read is audited like a warning list
      if (rows.length)
        await audit(tx, actor, {
          action: full ? 'view_unmasked' : 'view',
          entityType: 'followup',
          details: { warningIds: [...new Set(rows.map((r) => r.f.warningId))].slice(0, 500) },
        });
      return {
        items: rows.map((r) => {
          const s = r.w.subject as { name?: string; phone?: string; address?: string };
          const d = r.w.disposition as { disposition?: string; label?: string } | null;
          return {
            ...presentFollowup(r.f),
            unitName: r.unitName,
            assigneeName: names.get(r.f.assigneeId) ?? null,
            level: r.w.level,
            fraudTypes: r.w.fraudTypes.map((f) => ({ code: f.code, name: f.name })),
            subject: presentSubject({ name: s.name, phone: s.phone, address: s.address }, full),
            disposition: d?.disposition ?? null,
            closedAt: r.w.closedAt?.toISOString() ?? null,
            /** whether the caller may open the warning itself (a grid worker below the station may not) */
            canOpen: false as boolean,
            warningUnitId: r.w.unitId,
          };
        }),
      };
    })
    .then(async (res) => {
      const ids = [...new Set(res.items.map((i) => i.warningUnitId))];
      const paths = ids.length
        ? await rt.db.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, ids))
        : [];
      const visible = new Set(paths.filter((p) => inScope(actor, p.path)).map((p) => p.id));
      return { items: res.items.map(({ warningUnitId, ...i }) => ({ ...i, canOpen: visible.has(warningUnitId) })) };
    });
}

/** The visit's record, by whoever does follow-ups (not a read-only leader): in the unit's subtree, or the assignee. */
export async function recordFollowup(rt: DissuasionContext, actor: Actor, id: string, record: string) {
  assertCan(actor, 'followups:write');
  return rt.db.transaction(async (tx) => {
    const f = await repo.findFollowup(tx, id);
    const assignee = f?.f.assigneeKind === 'grid_worker' && f.f.assigneeId === actor.id;
    if (!f || !(inScope(actor, f.unitPath) || assignee)) throw notFound('followup');
    if (f.f.cancelledAt) throw alreadyDone('follow-up was cancelled (the warning was reopened)');
    if (!(await repo.completeFollowup(tx, id, actor.id, record, rt.now())))
      throw alreadyDone('follow-up already recorded');
    await audit(tx, actor, {
      action: 'update',
      entityType: 'followup',
      entityId: id,
      details: { warningId: f.f.warningId, seq: f.f.seq },
    });
    return { ok: true };
  });
}

export async function warnedThenDefrauded(rt: DissuasionContext, actor: Actor, from: string, to: string) {
  assertCan(actor, 'warnings:read');
  const f = new Date(from);
  const t = new Date(to);
  if (!(f < t)) throw unprocessable('from must be before to', 'from');
  const [flags, closed] = await Promise.all([
    repo.flagCountsByUnit(rt.db, actor.unitPath, f, t),
    closedCountsByUnit(rt.db, actor.unitPath, f, t),
  ]);
  const byUnit = new Map<string, { unitId: string; unitName: string; warnedThenDefrauded: number; closed: number }>();
  for (const c of closed)
    byUnit.set(c.unitId, { unitId: c.unitId, unitName: c.unitName, warnedThenDefrauded: 0, closed: c.n });
  for (const x of flags)
    byUnit.set(x.unitId, {
      ...(byUnit.get(x.unitId) ?? { unitId: x.unitId, unitName: x.unitName, closed: 0 }),
      warnedThenDefrauded: x.n,
    });
  const units = [...byUnit.values()].sort(
    (a, b) => b.warnedThenDefrauded - a.warnedThenDefrauded || a.unitName.localeCompare(b.unitName),
  );
  return { from, to, total: units.reduce((s, u) => s + u.warnedThenDefrauded, 0), units };
}

/**
 * A unit's duty officer (值班民警: hears every notice for the unit by name, wherever they are logged in) and its
 * group robot webhook. The duty officer must be an active account of the unit or below it.
 */
export async function putUnitSettings(
  rt: DissuasionContext,
  actor: Actor,
  unitId: string,
  s: { dutyUserId: string | null; webhookUrl: string | null },
) {
  // every check before anything is written: a refused request leaves the settings as they were. A unit's settings
  // are its officers' business: a partner token never changes where a station's notices go.
  assertCan(actor, 'warnings:write');
  assertCan(actor, 'warnings:read');
  if (actor.kind === 'token') throw forbidden("partner tokens may not change a unit's notification settings");
  if (s.webhookUrl) {
    const problem = await outboundUrlProblem(s.webhookUrl, { allowPrivate: !!rt.o.webhookAllowPrivate });
    if (problem) throw invalid('webhookUrl', problem);
  }
  await rt.db.transaction(async (tx) => {
    const unit = await visibleUnit(tx, actor, unitId);
    if (s.dutyUserId) {
      const u = await findUser(tx, { id: s.dutyUserId });
      if (!u || !u.unitPath.startsWith(unit.path)) throw invalid('dutyUserId', 'no such officer in this unit');
      if (u.disabled) throw invalid('dutyUserId', 'this account is disabled');
    }
    await repo.putSettings(tx, unitId, s, new Date(rt.now()));
    await audit(tx, actor, {
      action: 'update',
      entityType: 'unit_notification_settings',
      entityId: unitId,
      details: { dutyUserId: s.dutyUserId, webhook: !!s.webhookUrl },
    });
  });
  return getUnitSettings(rt, actor, unitId);
}

/** The settings with the duty officer's name, and who could be chosen (active officers of the unit and below). */
export async function getUnitSettings(rt: DissuasionContext, actor: Actor, unitId: string) {
  assertCan(actor, 'warnings:read');
  const unit = await visibleUnit(rt.db, actor, unitId);
  const s = await repo.settingsOf(rt.db, unitId);
  const { items } = await listUsers(rt.db, { ...SYSTEM_ACTOR, unitPath: unit.path }, {});
  const candidates = items
    .filter((u) => ASSIGNABLE_ROLES.includes(u.role) && !u.disabled)
    .map((u) => ({ id: u.id, displayName: u.displayName, unitName: u.unitName }));
  const duty = s?.dutyUserId ? ((await namesOf(rt.db, [s.dutyUserId])).get(s.dutyUserId) ?? null) : null;
  return {
    unitId,
    unitName: unit.name,
    dutyUserId: s?.dutyUserId ?? null,
    dutyUserName: duty,
    webhookUrl: s?.webhookUrl ?? null,
    candidates,
  };
}
