import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { locateResident } from '../residents/index.ts';
import { listUsers } from '../users/index.ts';
import type { DissuasionContext, Loaded } from './context.ts';
import { isStored, type EffectOf, type StoredEffectType } from './effects.ts';
import { scheduleFollowups } from './followup.ts';
import type { Command, Disposition, Effect, TransitionContext } from './lifecycle.ts';
import * as repo from './repository.ts';
import type { Level, TimerKind } from './sla.ts';
import { recordVictim, requestCaseIntake, withdrawVictim, type Flagged } from './victims.ts';

/**
 * Storing a transition, written once: applying one command (transitions.ts) and starting a burst of warnings
 * (start.ts) both build the transition context, the audit details and the workflow row's patch here, and store
 * the effects' rows with `storeEffects` — timers of the whole batch in two statements, every other stored effect
 * through one handler per kind (exhaustive: a stored kind added to effects.ts fails the typecheck until handled).
 */

export const FIELD_CHECKLIST = [
  '四查看：查看手机通话记录、短信、聊天软件、转账记录',
  '三询问：询问对方身份、资金去向、是否已转账',
  '一保护：保护资金（止付冻结）与人身安全',
];
export const DESK_ITEMS = ['核查资金流向（查询涉案账户）', '必要时申请保护性止付'];

export function ctxOf(rt: DissuasionContext, l: Loaded, now: number): TransitionContext {
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

/** Commands arguments worth keeping in the audit row (never personal data: notes stay on the warning). */
export const auditArgs = (c: Command): Record<string, unknown> => {
  const { type: _t, ...rest } = c as Command & Record<string, unknown>;
  if ('note' in rest) rest.note = typeof rest.note === 'string' ? `${rest.note.length} chars` : undefined;
  return rest;
};

/** The audit details of an applied transition. */
export const transitionDetails = (
  cmd: Command,
  from: string,
  to: string,
  effects: Effect[],
  slaVersion: string,
  timer?: TimerKind,
): Record<string, unknown> => ({
  command: cmd.type,
  args: auditArgs(cmd),
  from,
  slaVersion,
  ...(timer ? { timer } : {}),
  to,
  ok: true,
  effects: effects.map((e) => e.type),
});

/** What a transition changes on the workflow row (the signer, the assignee, the call count, the escalation). */
export function workflowPatch(
  l: Loaded,
  cmd: Command,
  effects: Effect[],
  now: number,
): Partial<typeof import('./schema.ts').warningWorkflow.$inferInsert> {
  const patch: Partial<typeof import('./schema.ts').warningWorkflow.$inferInsert> = {};
  if (cmd.type === 'sign')
    Object.assign(patch, { signedBy: cmd.userId, signedAt: new Date(now), assigneeId: l.wf.assigneeId ?? cmd.userId });
  if (cmd.type === 'assign') patch.assigneeId = cmd.userId;
  for (const e of effects) {
    if (e.type === 'place_call') patch.autoContactAttempts = e.attempt;
    if (e.type === 'mark_escalated')
      Object.assign(patch, {
        escalationLevel: l.wf.escalationLevel + 1,
        escalatedAt: new Date(now),
        escalationReason: e.reason,
      });
    if (e.type === 'reset_escalation')
      Object.assign(patch, { escalationLevel: 0, escalatedAt: null, escalationReason: null });
  }
  return patch;
}

/** One transition to store: the warning as it is after it (status, unit), the command, its effects. */
export interface StoreItem {
  l: Loaded;
  cmd: Command;
  effects: Effect[];
}

interface StoreCtx {
  rt: DissuasionContext;
  tx: Db;
  actor: Actor;
  item: StoreItem;
  now: number;
  flagged: Flagged[];
}
type StoreHandlers = { [K in StoredEffectType]: (c: StoreCtx, e: EffectOf<K>) => Promise<void> };

const noop = async () => {};

const STORE: StoreHandlers = {
  // timers: the whole batch at once (timerRows)
  schedule_timer: noop,
  cancel_timer: noop,
  // the workflow row (workflowPatch)
  mark_escalated: noop,
  reset_escalation: noop,
  // routed=false already puts it on the centre's manual queue
  queue_manual_routing: noop,
  notify_unit: async ({ tx, item: { l, cmd, effects } }, e) => {
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
  },
  schedule_followups: async ({ rt, tx, item: { l }, now }, e) => {
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
  },
  cancel_followups: async ({ tx, item: { l }, now }) => {
    await repo.cancelFollowups(tx, l.id, now);
  },
  request_stop_payment: async ({ tx, item: { l } }, e) => {
    await repo.insertTask(tx, {
      warningId: l.id,
      kind: 'desk',
      unitId: await centreOf(tx, l.unitPath),
      title: `申请紧急止付（损失 ${e.loss} 元）`,
      items: ['向银行发起紧急止付', '移交立案（案件模块）'],
    });
  },
  open_case: async ({ rt, tx, actor, item: { l }, now, flagged }, e) => {
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
  },
  withdraw_victim: async ({ tx, actor, item: { l }, now }) => {
    await withdrawVictim(tx, actor, l.id, now);
  },
};

/**
 * Effects that are rows, stored in the transitions' transaction: every item's timers (two statements for the
 * batch), then per item its other stored effects in order. Returns the 预警后被骗 flags raised.
 */
export async function storeEffects(
  rt: DissuasionContext,
  tx: Db,
  actor: Actor,
  items: readonly StoreItem[],
  now: number,
  // the warnings were created in this transaction: there are no timers stored before to cancel
  o: { noEarlierTimers?: boolean } = {},
): Promise<Flagged[]> {
  const timers: TimerRow[] = [],
    cancels: TimerCancel[] = [];
  for (const { l, effects } of items) {
    const t = timerRows(l.id, effects, now, rt.sla.version);
    timers.push(...t.rows);
    cancels.push(...t.cancels);
  }
  if (!o.noEarlierTimers) await repo.cancelTimersAt(tx, cancels);
  await repo.insertTimers(tx, timers);
  const flagged: Flagged[] = [];
  for (const item of items) {
    const c: StoreCtx = { rt, tx, actor, item, now, flagged };
    for (const e of item.effects) {
      if (!isStored(e)) continue;
      await (STORE[e.type] as (c: StoreCtx, e: Effect) => Promise<void>)(c, e);
    }
    const { cmd, effects, l } = item;
    if (cmd.type === 'close' && !effects.some((e) => e.type === 'schedule_followups' || e.type === 'open_case'))
      await repo.closeTasks(tx, l.id, now);
  }
  return flagged;
}

type TimerRow = { warningId: string; kind: TimerKind; dueAt: Date; slaVersion: string; cancelledAt: Date | null };
type TimerCancel = { warningId: string; kind: TimerKind; at: Date };

/**
 * The timer rows that the effects, applied in order (a schedule first cancels the kind's live timer at the new due
 * time; a cancel at `now`), leave behind: new rows (some cancelled again within the transaction) and, per kind,
 * the one cancellation of rows stored before.
 */
export function timerRows(warningId: string, effects: Effect[], now: number, slaVersion: string) {
  const rows: TimerRow[] = [];
  const cancels: TimerCancel[] = [];
  const live = new Map<TimerKind, TimerRow>();
  const touched = new Set<TimerKind>();
  const cancel = (kind: TimerKind, at: Date) => {
    if (!touched.has(kind)) {
      touched.add(kind);
      cancels.push({ warningId, kind, at });
    }
    const row = live.get(kind);
    if (row) {
      row.cancelledAt = at;
      live.delete(kind);
    }
  };
  for (const e of effects) {
    if (e.type === 'schedule_timer') {
      cancel(e.timer, new Date(e.dueAt));
      const row = { warningId, kind: e.timer, dueAt: new Date(e.dueAt), slaVersion, cancelledAt: null };
      rows.push(row);
      live.set(e.timer, row);
    } else if (e.type === 'cancel_timer') cancel(e.timer, new Date(now));
  }
  return { rows, cancels };
}

const cmdDispatches = (cmd: Command, unitId: string) => cmd.type !== 'dispatch' || cmd.unitId === unitId;
const startsSignClock = (effects: Effect[]) => effects.some((x) => x.type === 'schedule_timer' && x.timer === 'sign');

/** The city (centre) above a unit; the desk task of 双线并行 is the centre's. */
async function centreOf(tx: Db, unitPath: string): Promise<string> {
  const ids = unitPath.split('/').filter(Boolean);
  for (const id of ids.reverse()) {
    const u = await repo.unitById(tx, id);
    if (u && u.kind === 'city') return u.id;
  }
  return ids.at(-1)!;
}

/** The grid worker of the subject's registry grid, if the registry knows the person and the grid has one. */
async function gridWorkerFor(tx: Db, l: Loaded): Promise<{ userId: string; unitId: string } | null> {
  const home = await locateResident(tx, { idNumber: l.subjectIdNumber, phone: l.subjectPhone });
  if (!home) return null;
  const { items } = await listUsers(tx, SYSTEM_ACTOR, { unitId: home.unitId, role: 'grid_worker' });
  // a disabled account reads nothing: its follow-ups would never happen
  const u = items.find((x) => !x.disabled);
  return u ? { userId: u.id, unitId: home.unitId } : null;
}
