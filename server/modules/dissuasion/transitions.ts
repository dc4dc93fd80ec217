import { publish } from '../../platform/events/index.ts';
import './events.ts';
import { inScope, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { audit } from '../audit/index.ts';
import * as warningsRepo from '../warnings/index.ts';
import type { DissuasionContext, Loaded } from './context.ts';
import { isExternal } from './effects.ts';
import {
  commandForExpiredTimer,
  transition,
  DISPOSITION_LABEL,
  type Command,
  type Disposition,
  type TransitionResult,
} from './lifecycle.ts';
import * as repo from './repository.ts';
import { TIMER_KINDS, type TimerKind } from './sla.ts';
import { auditArgs, ctxOf, storeEffects, transitionDetails, workflowPatch } from './store.ts';

/**
 * One transition on the database: lock the warning → pure `transition` → in ONE transaction the new state, the
 * audit row and the stored effects (store.ts: timers, tasks, follow-ups, flags) → after commit the external effects
 * (call, SMS, notifications), each recorded as an attempt. A refused command is audited too, and changes nothing.
 */

export type ApplyInput = { command: Command } | { timer: TimerKind };
export type ApplyResult = TransitionResult | { ok: false; code: 'not_found' | 'stale_timer'; reason: string };

export async function applyCommand(
  rt: DissuasionContext,
  actor: Actor,
  warningId: string,
  input: ApplyInput,
): Promise<ApplyResult> {
  const now = rt.now();
  const out = await rt.db.transaction(async (tx) => {
    await repo.lockWarning(tx, warningId);
    const w = await warningsRepo.findWarning(tx, warningId);
    if (!w || !inScope(actor, w.unitPath))
      return { r: { ok: false as const, code: 'not_found' as const, reason: 'warning not found' } };
    const l: Loaded = { ...w, wf: await repo.workflowOf(tx, warningId) };
    const ctx = ctxOf(rt, l, now);
    // the gateway's silence is the call's outcome: the attempt stops looking queued, whatever happens next
    if ('timer' in input && input.timer === 'call_result') await repo.timeOutQueuedCalls(tx, warningId, now);
    const cmd = 'command' in input ? input.command : commandForExpiredTimer(input.timer, l.status as never, ctx);
    if (!cmd) return { r: { ok: false as const, code: 'stale_timer' as const, reason: 'timer no longer applies' } };
    if (cmd.type === 'dispatch') {
      const target = await repo.unitById(tx, cmd.unitId);
      if (!target || !inScope(actor, target.path))
        return {
          r: { ok: false as const, code: 'invalid_argument' as const, reason: 'no such unit in your jurisdiction' },
        };
    }
    const r = transition(l.status as never, cmd, ctx);
    const base = {
      command: cmd.type,
      args: auditArgs(cmd),
      from: l.status,
      slaVersion: rt.sla.version,
      ...('timer' in input ? { timer: input.timer } : {}),
    };
    if (!r.ok) {
      // refusals are audited: "who tried to close this before it was signed for" is a supervision question
      await audit(tx, actor, {
        action: 'transition',
        entityType: 'warning',
        entityId: warningId,
        details: { ...base, to: l.status, ok: false, code: r.code, reason: r.reason },
      });
      return { r };
    }
    let unitId = l.unitId;
    let routed = l.routed;
    if (cmd.type === 'dispatch') {
      unitId = cmd.unitId;
      routed = true;
    }
    const patch: Parameters<typeof warningsRepo.updateWarning>[2] = { status: r.next, unitId, routed };
    const wfPatch = workflowPatch(l, cmd, r.effects, now);
    if (cmd.type === 'close') {
      patch.closedAt = new Date(now);
      patch.disposition = {
        disposition: cmd.disposition,
        label: DISPOSITION_LABEL[cmd.disposition],
        lossAvoided: cmd.lossAvoided ?? null,
        loss: cmd.loss ?? null,
        note: cmd.note,
        by: actor.name,
        at: new Date(now).toISOString(),
      };
    }
    if (cmd.type === 'reopen') patch.closedAt = null;
    await warningsRepo.updateWarning(tx, warningId, patch, rt.now);
    if (Object.keys(wfPatch).length) await repo.updateWorkflow(tx, warningId, wfPatch);
    await audit(tx, actor, {
      action: 'transition',
      entityType: 'warning',
      entityId: warningId,
      details: transitionDetails(
        cmd,
        l.status,
        r.next,
        r.effects,
        rt.sla.version,
        'timer' in input ? input.timer : undefined,
      ),
    });
    const after: Loaded = { ...l, status: r.next, unitId, routed, wf: { ...l.wf, ...wfPatch } as repo.WorkflowRow };
    if (unitId !== l.unitId) {
      const u = await repo.unitById(tx, unitId);
      if (u) Object.assign(after, { unitPath: u.path, unitName: u.name });
    }
    const flagged = await storeEffects(rt, tx, actor, [{ l: after, cmd, effects: r.effects }], now);
    if (cmd.type === 'close') {
      await publish(tx, 'warning.closed', {
        warningId,
        unitId,
        subjectKey: l.subjectKey,
        disposition: cmd.disposition,
        closedAt: new Date(now).toISOString(),
        victimised: cmd.disposition === 'defrauded',
        loss: cmd.loss ?? null,
      });
    }
    if (cmd.type === 'reopen')
      await publish(tx, 'warning.reopened', {
        warningId,
        unitId,
        subjectKey: l.subjectKey,
        previousDisposition: (l.disposition?.disposition as Disposition | undefined) ?? null,
        reason: cmd.reason,
        reopenedAt: new Date(now).toISOString(),
      });
    return { r, after, flagged };
  });
  if (!out.r.ok || !('after' in out) || !out.after) return out.r;
  const { after, flagged } = out;
  rt.hub.publish({
    kind: 'warning_changed',
    warningId,
    unitPath: after.unitPath,
    status: after.status,
    level: after.level,
    at: new Date(now).toISOString(),
  });
  const external = out.r.effects.filter(isExternal);
  if (external.length) void rt.track(rt.runExternal(actor, after, external));
  if (after.status === 'closed') rt.emitClosed(after.subjectKey, new Date(now));
  for (const f of flagged ?? [])
    void rt.track(rt.notifyUnit(f, f.unitId, true, '预警后被骗：曾预警对象已被骗', 'warned_then_defrauded'));
  return out.r;
}

/**
 * New evidence raised an open warning to 高 while it was still with the machines (new / auto-contact): a
 * person goes now rather than waiting for the lower level's policy. Later states already have a person on it.
 */
export async function levelRaised(rt: DissuasionContext, warningId: string): Promise<ApplyResult | null> {
  const w = await warningsRepo.findWarning(rt.db, warningId);
  if (!w || w.level !== 'high' || !['new', 'auto_contact', 'review', 'reopened'].includes(w.status)) return null;
  return applyCommand(rt, SYSTEM_ACTOR, warningId, { command: { type: 'hand_over', reason: 'level raised to 高' } });
}

/**
 * The warning was closed as a duplicate of another open warning of the same person (warnings/merge.ts, in the
 * detection transaction): its deadlines and open tasks end, and a unit that already had it on its list is told
 * where the work continues. Its timers are stale either way (a closed warning's deadline does nothing), so a
 * crash before this runs leaves only tidying undone.
 */
export async function mergedAway(rt: DissuasionContext, warningId: string, intoId: string): Promise<void> {
  const now = rt.now();
  const held = await rt.db.transaction(async (tx) => {
    await repo.lockWarning(tx, warningId);
    for (const kind of TIMER_KINDS) await repo.cancelTimer(tx, warningId, kind, now);
    const open = (await repo.tasksOf(tx, warningId)).filter((t) => t.status === 'open');
    await repo.closeTasks(tx, warningId, now);
    return [...new Set(open.map((t) => t.unitId))];
  });
  const w = held.length ? await warningsRepo.findWarning(rt.db, intoId) : undefined;
  for (const unitId of held) {
    await rt.notifyUnit(
      {
        id: warningId,
        level: w?.level ?? 'low',
        subjectPhone: w?.subjectPhone ?? null,
        fraudTypes: w?.fraudTypes ?? [],
      },
      unitId,
      false,
      `同一人的预警已合并，请在预警 ${intoId} 继续处置`,
      'notify_unit',
    );
  }
}
