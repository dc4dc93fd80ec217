import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { publish } from '../../platform/events/index.ts';
import { audit } from '../audit/index.ts';
import { closedWarningsOfSubject } from '../warnings/index.ts';
import { normalizePhone, parseResidentId } from '../identifiers/index.ts';
import {
  findWarnedThenDefrauded,
  subjectKeys,
  type FollowupConfig,
  type VictimKind,
  type WarnedRecord,
} from './followup.ts';
import type { Disposition, Effect } from './lifecycle.ts';
import * as repo from './repository.ts';
import type { Loaded } from './context.ts';

/**
 * 已被骗 and 预警后被骗. A warning closed 已被骗 asks the case module for a case (a stored intake request it picks
 * up) and checks whether the person had been warned before; a victim recorded elsewhere (a case, a 96110
 * report) runs the same check. Identifiers are normalised first, so "+86 138-0013-8000" and "13800138000" are one
 * person, and a 15-digit legacy ID is the 18-digit one.
 */

export interface VictimEvent {
  kind: VictimKind;
  id: string;
  phone?: string | null;
  idNumber?: string | null;
  at: number;
}
export type Flagged = Pick<Loaded, 'id' | 'level' | 'subjectPhone' | 'fraudTypes'> & { unitId: string };

/** National phone digits and the 18-digit upper-case resident ID; null where the input is not one. */
export function normaliseIdentity(who: { phone?: string | null; idNumber?: string | null }): {
  phone: string | null;
  idNumber: string | null;
} {
  const p = who.phone?.trim() ? normalizePhone(who.phone) : null;
  const id = who.idNumber?.trim() ? parseResidentId(who.idNumber) : null;
  return { phone: p?.ok ? (p.national ?? null) : null, idNumber: id?.ok ? id.normalized : null };
}

/** The spellings a stored warning may carry for one normalised identity (older rows kept what came in). */
function spellings(n: { phone: string | null; idNumber: string | null }) {
  return {
    phones: n.phone ? [n.phone, `+86${n.phone}`, `0086${n.phone}`] : [],
    idNumbers: n.idNumber ? [...new Set([n.idNumber, n.idNumber.toLowerCase()])] : [],
  };
}

/**
 * Flags the earlier warnings of this person closed within their follow-up period, in the caller's transaction.
 * Returns the warnings newly flagged (their units are told after commit). `pathPrefix`: only warnings held in
 * that subtree (a victim typed in by an officer touches their jurisdiction's warnings only).
 */
export async function recordVictim(
  tx: Db,
  actor: Actor,
  ev: VictimEvent,
  rt: { followup: FollowupConfig },
  o: { pathPrefix?: string } = {},
): Promise<Flagged[]> {
  const who = normaliseIdentity(ev);
  if (!who.phone && !who.idNumber) return [];
  const maxDays = Math.max(...rt.followup.days);
  const since = new Date(ev.at - maxDays * 86_400_000);
  const candidates = await closedWarningsOfSubject(tx, spellings(who), since, o.pathPrefix ?? '/');
  const already = new Set(
    await repo.flaggedIds(
      tx,
      candidates.map((c) => c.id),
    ),
  );
  const warned: WarnedRecord[] = candidates.map((c) => {
    const stored = normaliseIdentity({ phone: c.subjectPhone, idNumber: c.subjectIdNumber });
    return {
      warningId: c.id,
      unitId: c.unitId,
      closedAt: c.closedAt!.getTime(),
      flagged: already.has(c.id),
      followupConfig: rt.followup,
      disposition: (c.disposition?.disposition ?? 'dissuaded') as Disposition,
      subjectKeys: subjectKeys({
        phones: stored.phone ? [stored.phone] : [],
        residentId: stored.idNumber ?? undefined,
      }),
    };
  });
  const keys = subjectKeys({ phones: who.phone ? [who.phone] : [], residentId: who.idNumber ?? undefined });
  const hits = findWarnedThenDefrauded({ kind: ev.kind, id: ev.id, subjectKeys: keys, at: ev.at }, warned);
  const out: Flagged[] = [];
  for (const h of hits) {
    const inserted = await repo.insertFlag(tx, {
      warningId: h.warningId,
      kind: 'warned_then_defrauded',
      unitId: h.unitId,
      victimKind: h.victimKind,
      victimId: h.victimId,
      at: new Date(ev.at),
      daysAfterClose: h.daysAfterClose,
      rule: h.rule,
    });
    if (!inserted) continue;
    await audit(tx, actor, {
      action: 'update',
      entityType: 'warning',
      entityId: h.warningId,
      details: {
        flag: 'warned_then_defrauded',
        victimKind: h.victimKind,
        victim: h.victimId,
        days: h.daysAfterClose,
        rule: h.rule,
      },
    });
    await publish(tx, 'warning.flagged', {
      warningId: h.warningId,
      unitId: h.unitId,
      kind: 'warned_then_defrauded',
      victimKind: h.victimKind,
      victimId: h.victimId,
      at: new Date(ev.at).toISOString(),
      daysAfterClose: h.daysAfterClose,
    });
    const c = candidates.find((x) => x.id === h.warningId)!;
    out.push({ id: c.id, level: c.level, subjectPhone: c.subjectPhone, fraudTypes: c.fraudTypes, unitId: c.unitId });
  }
  return out;
}

/** The hand-off to the case module: what it needs to open the case without reading this module's tables. */
export async function requestCaseIntake(
  tx: Db,
  actor: Actor,
  l: Loaded,
  e: Extract<Effect, { type: 'open_case' }>,
  now: number,
): Promise<void> {
  const s = l.subject;
  const row = {
    warningId: l.id,
    unitId: l.unitId,
    disposition: 'defrauded',
    loss: e.loss,
    lossAvoided: e.lossAvoided,
    note: e.note,
    subject: {
      ...(s.name ? { name: s.name } : {}),
      ...(l.subjectPhone ? { phone: l.subjectPhone } : {}),
      ...(l.subjectIdNumber ? { idNumber: l.subjectIdNumber } : {}),
      ...(s.address ? { address: s.address } : {}),
    },
    fraudTypes: l.fraudTypes.map((f) => f.code),
  };
  // A warning made from the person's own report (群众举报 / 96110) already carries a pending request with the loss
  // they stated: the officer's closure confirms it — one request per victim, now with the confirmed amount and
  // note — instead of a second one beside it (the case module takes the oldest pending request).
  const pending = await repo.pendingCaseIntakeOfWarning(tx, l.id);
  if (pending) {
    await repo.confirmCaseIntake(tx, pending.id, { ...row, note: `${row.note}\n（原请求：${pending.note}）` });
    await audit(tx, actor, {
      action: 'update',
      entityType: 'case_intake_request',
      entityId: pending.id,
      details: { warningId: l.id, loss: e.loss, confirmed: true, reportedLoss: pending.loss },
    });
    return;
  }
  const id = await repo.insertCaseIntake(tx, { ...row, requestedBy: actor.id, requestedAt: new Date(now) });
  await audit(tx, actor, {
    action: 'create',
    entityType: 'case_intake_request',
    entityId: id,
    details: { warningId: l.id, loss: e.loss },
  });
}

/**
 * A 已被骗 warning reopened: it was not (yet) a victim after all. Its pending case intake is withdrawn and the
 * 预警后被骗 flags it raised on earlier warnings are removed (each removal audited: the KPI changes).
 */
export async function withdrawVictim(tx: Db, actor: Actor, warningId: string, now: number): Promise<void> {
  const intakes = await repo.withdrawCaseIntakes(tx, warningId, now);
  for (const id of intakes)
    await audit(tx, actor, {
      action: 'update',
      entityType: 'case_intake_request',
      entityId: id,
      details: { status: 'withdrawn', warningId },
    });
  const flags = await repo.deleteFlagsRaisedBy(tx, 'warning_defrauded', warningId);
  for (const f of flags) {
    await audit(tx, actor, {
      action: 'update',
      entityType: 'warning',
      entityId: f.warningId,
      details: { flag: 'warned_then_defrauded', withdrawn: true, victim: warningId },
    });
  }
}
