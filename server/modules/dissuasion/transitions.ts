import { publish } from '../../platform/events/index.ts';
import './events.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { inScope, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { audit } from '../audit/service.ts';
import { units } from '../org/schema.ts';
import { listUsers } from '../users/service.ts';
import * as warningsRepo from '../warnings/repository.ts';
import type { WarningWithUnit } from '../warnings/repository.ts';
import { scheduleFollowups } from './followup.ts';
import { recordVictim, requestCaseIntake, withdrawVictim } from './victims.ts';
import {
  commandForExpiredTimer,
  transition,
  DISPOSITION_LABEL,
  type Command,
  type Disposition,
  type Effect,
  type TransitionContext,
  type TransitionResult,
} from './lifecycle.ts';
import * as repo from './repository.ts';
import type { DissuasionRuntime } from './runtime.ts';
import { TIMER_KINDS, type Level, type TimerKind } from './sla.ts';

/**
 * One transition on the database: lock the warning → pure `transition` → in ONE transaction the new state, the
 * audit row and the stored effects (timers, tasks, follow-ups, flags) → after commit the external effects
 * (call, SMS, notifications), each recorded as an attempt. A refused command is audited too, and changes nothing.
 */

export type Loaded = WarningWithUnit & { wf: repo.WorkflowRow };
export const EXTERNAL: readonly Effect['type'][] = [
  'place_call',
  'send_sms',
  'notify_unit',
  'notify_officer',
  'notify_supervisor',
];

export const FIELD_CHECKLIST = [
  '四查看：查看手机通话记录、短信、聊天软件、转账记录',
  '三询问：询问对方身份、资金去向、是否已转账',
  '一保护：保护资金（止付冻结）与人身安全',
];
export const DESK_ITEMS = ['核查资金流向（查询涉案账户）', '必要时申请保护性止付'];

export const loadForEffects = {
  unit: async (db: Db, id: string) => (await db.select().from(units).where(eq(units.id, id)).limit(1))[0],
};

export function ctxOf(rt: DissuasionRuntime, l: Loaded, now: number): TransitionContext {
  return {
    now,
    level: l.level as Level,
    sla: rt.sla,
    unitId: l.unitId,
    routedUnitId: l.routed ? l.unitId : undefined,
    autoContactAttempts: l.wf.autoContactAttempts,
    // no voice gateway: retrying a call that cannot be placed only delays the person who must act
    ...(rt.channels.voice ? {} : { autoContactUnavailable: true }),
    closedDisposition: (l.disposition?.disposition as Disposition | undefined) ?? undefined,
  };
}

export type ApplyInput = { command: Command } | { timer: TimerKind };
export type ApplyResult = TransitionResult | { ok: false; code: 'not_found' | 'stale_timer'; reason: string };

/** Commands arguments worth keeping in the audit row (never personal data: notes stay on the warning). */
export const auditArgs = (c: Command): Record<string, unknown> => {
  const { type: _t, ...rest } = c as Command & Record<string, unknown>;
  if ('note' in rest) rest.note = typeof rest.note === 'string' ? `${rest.note.length} chars` : undefined;
  return rest;
};

export async function applyCommand(
  rt: DissuasionRuntime,
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
      const target = await loadForEffects.unit(tx, cmd.unitId);
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
    const wfPatch: Parameters<typeof repo.updateWorkflow>[2] = {};
    if (cmd.type === 'sign')
      Object.assign(wfPatch, {
        signedBy: cmd.userId,
        signedAt: new Date(now),
        assigneeId: l.wf.assigneeId ?? cmd.userId,
      });
    if (cmd.type === 'assign') wfPatch.assigneeId = cmd.userId;
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
    for (const e of r.effects) {
      if (e.type === 'place_call') wfPatch.autoContactAttempts = e.attempt;
      if (e.type === 'mark_escalated')
        Object.assign(wfPatch, {
          escalationLevel: l.wf.escalationLevel + 1,
          escalatedAt: new Date(now),
          escalationReason: e.reason,
        });
      if (e.type === 'reset_escalation')
        Object.assign(wfPatch, { escalationLevel: 0, escalatedAt: null, escalationReason: null });
    }
    await warningsRepo.updateWarning(tx, warningId, patch);
    if (Object.keys(wfPatch).length) await repo.updateWorkflow(tx, warningId, wfPatch);
    await audit(tx, actor, {
      action: 'transition',
      entityType: 'warning',
      entityId: warningId,
      details: { ...base, to: r.next, ok: true, effects: r.effects.map((e) => e.type) },
    });
    const after: Loaded = { ...l, status: r.next, unitId, routed, wf: { ...l.wf, ...wfPatch } as repo.WorkflowRow };
    if (unitId !== l.unitId) {
      const u = await loadForEffects.unit(tx, unitId);
      if (u) Object.assign(after, { unitPath: u.path, unitName: u.name });
    }
    const flagged = await storeEffects(rt, tx, actor, after, cmd, r.effects, now);
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
  const external = out.r.effects.filter((e) => EXTERNAL.includes(e.type));
  if (external.length) void rt.track(rt.runExternal(actor, after, external));
  if (after.status === 'closed') rt.emitClosed(after.subjectKey, new Date(now));
  for (const f of flagged ?? [])
    void rt.track(rt.notifyUnit(f, f.unitId, true, '预警后被骗：曾预警对象已被骗', 'warned_then_defrauded'));
  return out.r;
}

/** Effects that are rows: stored in the transition's transaction. Returns 预警后被骗 flags raised. */
async function storeEffects(
  rt: DissuasionRuntime,
  tx: Db,
  actor: Actor,
  l: Loaded,
  cmd: Command,
  effects: Effect[],
  now: number,
) {
  const flagged: (Pick<Loaded, 'id' | 'level' | 'subjectPhone' | 'fraudTypes'> & { unitId: string })[] = [];
  for (const e of effects) {
    switch (e.type) {
      case 'schedule_timer':
        await repo.scheduleTimer(tx, l.id, e.timer, e.dueAt, rt.sla.version);
        break;
      case 'cancel_timer':
        await repo.cancelTimer(tx, l.id, e.timer, now);
        break;
      case 'notify_unit':
        // 双线并行: a dispatch (the one transition that starts the sign-for clock) opens the station's field task
        // and the centre's desk task together; an escalation notifying the same unit opens nothing new
        if (l.status === 'dispatched' && startsSignClock(effects) && cmdDispatches(cmd, e.unitId)) {
          await repo.insertTask(tx, {
            warningId: l.id,
            kind: 'field',
            unitId: e.unitId,
            title: '上门劝阻（见面核实）',
            items: FIELD_CHECKLIST,
          });
          const centre = await centreOf(tx, l.unitPath);
          await repo.insertTask(tx, {
            warningId: l.id,
            kind: 'desk',
            unitId: centre,
            title: '中心研判：资金核查与保护性止付',
            items: DESK_ITEMS,
          });
        }
        break;
      case 'schedule_followups': {
        const gridWorkerId = await gridWorkerFor(tx, l);
        const tasks = scheduleFollowups(
          { warningId: l.id, closedAt: e.closedAt, unitId: l.unitId, gridWorkerId: gridWorkerId?.userId },
          rt.followup,
        );
        await repo.insertFollowups(
          tx,
          tasks.map((t) => ({
            warningId: l.id,
            seq: t.seq,
            day: t.day,
            dueAt: new Date(t.dueAt),
            assigneeKind: t.assignee.kind,
            assigneeId: t.assignee.id,
            unitId: gridWorkerId?.unitId ?? l.unitId,
            configVersion: t.configVersion,
          })),
        );
        await repo.closeTasks(tx, l.id, now);
        break;
      }
      case 'cancel_followups':
        await repo.cancelFollowups(tx, l.id, now);
        break;
      case 'request_stop_payment':
        await repo.insertTask(tx, {
          warningId: l.id,
          kind: 'desk',
          unitId: await centreOf(tx, l.unitPath),
          title: `申请紧急止付（损失 ${e.loss} 元）`,
          items: ['向银行发起紧急止付', '移交立案（案件模块）'],
        });
        break;
      case 'open_case':
        // the case module picks the request up (it may come later); the 预警后被骗 check on earlier warnings runs now
        await requestCaseIntake(tx, actor, l, e, now);
        flagged.push(
          ...(await recordVictim(
            tx,
            actor,
            { kind: 'warning_defrauded', id: l.id, phone: l.subjectPhone, idNumber: l.subjectIdNumber, at: now },
            rt,
          )),
        );
        await repo.closeTasks(tx, l.id, now);
        break;
      case 'withdraw_victim':
        await withdrawVictim(tx, actor, l.id, now);
        break;
      case 'queue_manual_routing':
        break; // routed=false already puts it on the centre's manual queue
      default:
        break;
    }
  }
  if (cmd.type === 'close' && !effects.some((e) => e.type === 'schedule_followups' || e.type === 'open_case'))
    await repo.closeTasks(tx, l.id, now);
  return flagged;
}

const cmdDispatches = (cmd: Command, unitId: string) => cmd.type !== 'dispatch' || cmd.unitId === unitId;
const startsSignClock = (effects: Effect[]) => effects.some((x) => x.type === 'schedule_timer' && x.timer === 'sign');

/** The city (centre) above a unit; the desk task of 双线并行 is the centre's. */
async function centreOf(tx: Db, unitPath: string): Promise<string> {
  const ids = unitPath.split('/').filter(Boolean);
  for (const id of ids.reverse()) {
    const u = await loadForEffects.unit(tx, id);
    if (u && u.kind === 'city') return u.id;
  }
  return ids.at(-1)!;
}

/** The grid worker of the subject's registry grid, if the registry knows the person and the grid has one. */
async function gridWorkerFor(tx: Db, l: Loaded): Promise<{ userId: string; unitId: string } | null> {
  const { locateResident } = await import('../residents/service.ts');
  const home = await locateResident(tx, { idNumber: l.subjectIdNumber, phone: l.subjectPhone });
  if (!home) return null;
  const { items } = await listUsers(tx, SYSTEM_ACTOR, { unitId: home.unitId, role: 'grid_worker' });
  // a disabled account reads nothing: its follow-ups would never happen
  const u = items.find((x) => !x.disabled);
  return u ? { userId: u.id, unitId: home.unitId } : null;
}

/**
 * New evidence raised an open warning to 高 while it was still with the machines (new / auto-contact): a
 * person goes now rather than waiting for the lower level's policy. Later states already have a person on it.
 */
export async function levelRaised(rt: DissuasionRuntime, warningId: string): Promise<ApplyResult | null> {
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
export async function mergedAway(rt: DissuasionRuntime, warningId: string, intoId: string): Promise<void> {
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
