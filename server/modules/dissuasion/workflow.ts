import { commandForExpiredTimer, initialEffects, transition, type Command, type Effect, type TransitionContext, type TransitionResult, type WarningState } from './lifecycle.ts';
import type { Level, SlaConfig, TimerKind } from './sla.ts';

/**
 * Runs the pure lifecycle against ports: the seam the service will use once the database exists. The order
 * is fixed: transition → persist state + audit → effects. A channel failing after the state moved is an
 * attempt with a failed outcome (recorded), never a rolled-back decision.
 */

export interface WarningRecord {
  id: string;
  state: WarningState;
  level: Level;
  unitId?: string | undefined;
  routedUnitId?: string | undefined;
  autoContactAttempts: number;
  subjectPhone: string;
  fraudTypes: string[];
  evidence: string[];
}

export interface AuditRow {
  warningId: string; at: number; command: Command | { type: 'create' }; from: WarningState | null; to: WarningState | null;
  ok: boolean; code?: string; reason?: string; effects: Effect['type'][]; slaVersion: string;
}
export interface AttemptRow { warningId: string; channel: string; at: number; ok: boolean; detail: string }

export interface TimerStore {
  schedule(warningId: string, timer: TimerKind, dueAt: number): void | Promise<void>;
  cancel(warningId: string, timer: TimerKind): void | Promise<void>;
  due(now: number): { warningId: string; timer: TimerKind; dueAt: number }[] | Promise<{ warningId: string; timer: TimerKind; dueAt: number }[]>;
}

export interface WorkflowPorts {
  now(): number;
  sla: SlaConfig;
  timers: TimerStore;
  /** persist the new state and its audit row together (one transaction in the real repository) */
  save(w: WarningRecord, audit: AuditRow): void | Promise<void>;
  attempt(row: AttemptRow): void | Promise<void>;
  /** side effects by channel; each returns a short detail for the attempt record or throws */
  placeCall(w: WarningRecord, attempt: number): Promise<string>;
  sendSms(w: WarningRecord): Promise<string>;
  notify(w: WarningRecord, e: Extract<Effect, { type: 'notify_unit' | 'notify_officer' | 'notify_supervisor' }>): Promise<string>;
  /** open_case, request_stop_payment, schedule/cancel_followups, queue_manual_routing: owned by other modules */
  handOff(w: WarningRecord, e: Effect): Promise<void>;
}

const ctxOf = (w: WarningRecord, p: WorkflowPorts): TransitionContext => ({
  now: p.now(), level: w.level, sla: p.sla, unitId: w.unitId, routedUnitId: w.routedUnitId, autoContactAttempts: w.autoContactAttempts,
});

async function run(w: WarningRecord, effects: Effect[], p: WorkflowPorts): Promise<void> {
  for (const e of effects) {
    const at = p.now();
    try {
      switch (e.type) {
        case 'schedule_timer': await p.timers.schedule(w.id, e.timer, e.dueAt); break;
        case 'cancel_timer': await p.timers.cancel(w.id, e.timer); break;
        case 'place_call': await p.attempt({ warningId: w.id, channel: 'voice', at, ok: true, detail: await p.placeCall(w, e.attempt) }); break;
        case 'send_sms': await p.attempt({ warningId: w.id, channel: 'sms', at, ok: true, detail: await p.sendSms(w) }); break;
        case 'notify_unit': case 'notify_officer': case 'notify_supervisor':
          await p.attempt({ warningId: w.id, channel: e.type, at, ok: true, detail: await p.notify(w, e) }); break;
        default: await p.handOff(w, e);
      }
    } catch (err) {
      const channel = e.type === 'place_call' ? 'voice' : e.type === 'send_sms' ? 'sms' : e.type;
      await p.attempt({ warningId: w.id, channel, at, ok: false, detail: err instanceof Error ? err.message : String(err) });
    }
  }
}

export async function createWarning(w: WarningRecord, p: WorkflowPorts): Promise<void> {
  const effects = initialEffects(ctxOf(w, p));
  await p.save(w, { warningId: w.id, at: p.now(), command: { type: 'create' }, from: null, to: w.state, ok: true, effects: effects.map((e) => e.type), slaVersion: p.sla.version });
  await run(w, effects, p);
}

export async function execute(w: WarningRecord, cmd: Command, p: WorkflowPorts): Promise<TransitionResult> {
  const from = w.state;
  const r = transition(from, cmd, ctxOf(w, p));
  const base = { warningId: w.id, at: p.now(), command: cmd, from, slaVersion: p.sla.version };
  if (!r.ok) {
    // refusals are audited too: "who tried to close this before it was signed for" is a supervision question
    await p.save(w, { ...base, to: from, ok: false, code: r.code, reason: r.reason, effects: [] });
    return r;
  }
  w.state = r.next;
  if (cmd.type === 'dispatch') w.unitId = cmd.unitId;
  for (const e of r.effects) {
    if (e.type === 'notify_unit' && r.next === 'dispatched') w.unitId = e.unitId;
    if (e.type === 'place_call') w.autoContactAttempts = e.attempt;
  }
  await p.save(w, { ...base, to: r.next, ok: true, effects: r.effects.map((e) => e.type) });
  await run(w, r.effects, p);
  return r;
}

/** Called by a poller (and once at start-up, so timers that ran out while the process was down still act). */
export async function fireDueTimers(load: (id: string) => Promise<WarningRecord | null> | WarningRecord | null, p: WorkflowPorts): Promise<number> {
  let fired = 0;
  for (const t of await p.timers.due(p.now())) {
    await p.timers.cancel(t.warningId, t.timer);
    const w = await load(t.warningId);
    if (!w) continue;
    const cmd = commandForExpiredTimer(t.timer, w.state, ctxOf(w, p));
    if (cmd) { await execute(w, cmd, p); fired++; }
  }
  return fired;
}

/** In-memory timer store; `snapshot`/`restore` stand in for the table that makes timers survive a restart. */
export class MemoryTimerStore implements TimerStore {
  private rows = new Map<string, { warningId: string; timer: TimerKind; dueAt: number }>();
  schedule(warningId: string, timer: TimerKind, dueAt: number) { this.rows.set(`${warningId}|${timer}`, { warningId, timer, dueAt }); }
  cancel(warningId: string, timer: TimerKind) { this.rows.delete(`${warningId}|${timer}`); }
  due(now: number) { return [...this.rows.values()].filter((r) => now >= r.dueAt).sort((a, b) => a.dueAt - b.dueAt); }
  active(warningId: string) { return [...this.rows.values()].filter((r) => r.warningId === warningId); }
  snapshot(): string { return JSON.stringify([...this.rows.values()]); }
  static restore(json: string): MemoryTimerStore {
    const s = new MemoryTimerStore();
    for (const r of JSON.parse(json) as { warningId: string; timer: TimerKind; dueAt: number }[]) s.schedule(r.warningId, r.timer, r.dueAt);
    return s;
  }
}
