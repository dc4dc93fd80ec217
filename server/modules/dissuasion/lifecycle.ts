import { timerDueAt, type AutoContactOutcome, type Level, type SlaConfig, type TimerKind } from './sla.ts';

/**
 * The warning lifecycle as a pure transition function. The service loads the warning, calls `transition`,
 * then in ONE transaction stores `next`, writes the audit row (command + result) and carries out `effects`
 * (timers are rows, so they survive a restart). Nothing here reads a clock or a database.
 */

export type WarningState =
  | 'new' | 'auto_contact' | 'dispatched' | 'signed' | 'contacting' | 'visiting' | 'escalated' | 'closed' | 'reopened';

export type Disposition = 'dissuaded' | 'defrauded' | 'unreachable' | 'refused' | 'false_alarm';
export const DISPOSITION_LABEL: Record<Disposition, string> = {
  dissuaded: '劝阻成功', defrauded: '已被骗', unreachable: '无法联系', refused: '拒绝配合', false_alarm: '误报',
};

export type ContactChannel = 'phone' | 'sms' | 'visit' | 'relative' | 'other';

export type Command =
  | { type: 'start_auto_contact' }
  | { type: 'auto_contact_result'; outcome: AutoContactOutcome }
  | { type: 'dispatch'; unitId: string }
  | { type: 'sign'; userId: string }
  | { type: 'assign'; userId: string }
  | { type: 'start_visit' }
  | { type: 'record_contact'; channel: ContactChannel; reached: boolean; note?: string }
  | { type: 'close'; disposition: Disposition; lossAvoided?: number; loss?: number; note: string }
  | { type: 'escalate'; reason: string }
  | { type: 'reopen'; reason: string };

export type Effect =
  | { type: 'schedule_timer'; timer: TimerKind; dueAt: number }
  | { type: 'cancel_timer'; timer: TimerKind }
  | { type: 'place_call'; attempt: number }
  | { type: 'send_sms' }
  | { type: 'notify_unit'; unitId: string; urgent: boolean; reason: string }
  | { type: 'notify_officer'; userId: string }
  | { type: 'notify_supervisor'; reason: string }
  | { type: 'queue_manual_routing' }
  | { type: 'open_case'; loss: number; note: string }
  | { type: 'request_stop_payment'; loss: number }
  | { type: 'schedule_followups'; closedAt: number }
  | { type: 'cancel_followups' };

export interface TransitionContext {
  now: number;
  level: Level;
  sla: SlaConfig;
  /** unit currently holding the warning (after dispatch) */
  unitId?: string;
  /** unit routing proposes (routing.ts); absent = nobody covers the subject */
  routedUnitId?: string;
  /** automatic call attempts already placed */
  autoContactAttempts: number;
}

export type ErrorCode = 'illegal_transition' | 'invalid_disposition' | 'invalid_argument';
export type TransitionResult =
  | { ok: true; next: WarningState; effects: Effect[] }
  | { ok: false; code: ErrorCode; reason: string };

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

const ALL_TIMERS: readonly TimerKind[] = ['auto_contact', 'call_result', 'sign', 'visit'];
const OPEN: readonly WarningState[] = ['new', 'auto_contact', 'dispatched', 'signed', 'contacting', 'visiting', 'escalated', 'reopened'];
/** States in which the holding unit has taken responsibility, so it may give any feedback. */
const FEEDBACK: readonly WarningState[] = ['auto_contact', 'signed', 'contacting', 'visiting', 'escalated'];

/** Timers a freshly created (or reopened) warning starts with. */
export function initialEffects(ctx: TransitionContext): Effect[] {
  return [{ type: 'schedule_timer', timer: 'auto_contact', dueAt: timerDueAt(ctx.sla, ctx.level, 'auto_contact', ctx.now) }];
}

const ok = (next: WarningState, effects: Effect[] = []): TransitionResult => ({ ok: true, next, effects });
const illegal = (state: WarningState, cmd: Command): TransitionResult => ({
  ok: false, code: 'illegal_transition', reason: `${cmd.type} is not allowed in state ${state}`,
});
const bad = (code: ErrorCode, reason: string): TransitionResult => ({ ok: false, code, reason });
const isOneOf = (s: WarningState, list: readonly WarningState[]) => list.includes(s);

function dispatchTo(unitId: string, urgent: boolean, reason: string, ctx: TransitionContext): Effect[] {
  return [
    { type: 'cancel_timer', timer: 'auto_contact' },
    { type: 'cancel_timer', timer: 'call_result' },
    { type: 'notify_unit', unitId, urgent, reason },
    { type: 'schedule_timer', timer: 'sign', dueAt: timerDueAt(ctx.sla, ctx.level, 'sign', ctx.now) },
    { type: 'schedule_timer', timer: 'visit', dueAt: timerDueAt(ctx.sla, ctx.level, 'visit', ctx.now) },
  ];
}

function placeCall(ctx: TransitionContext): Effect[] {
  return [
    { type: 'place_call', attempt: ctx.autoContactAttempts + 1 },
    { type: 'schedule_timer', timer: 'call_result', dueAt: timerDueAt(ctx.sla, ctx.level, 'call_result', ctx.now) },
  ];
}

function onAutoContactResult(outcome: AutoContactOutcome, ctx: TransitionContext): TransitionResult {
  let action = ctx.sla.levels[ctx.level].onAutoContact[outcome];
  // retries are bounded; once spent, the next step is a person at the door
  if (action === 'retry' && ctx.autoContactAttempts >= ctx.sla.levels[ctx.level].maxAutoAttempts) action = 'dispatch';
  switch (action) {
    case 'retry':
      return ok('auto_contact', [{ type: 'cancel_timer', timer: 'call_result' }, ...placeCall(ctx)]);
    case 'review':
      return ok('auto_contact', [{ type: 'cancel_timer', timer: 'call_result' }]);
    case 'dispatch': {
      const urgent = outcome !== 'answered_safe';
      if (!ctx.routedUnitId) {
        // nobody covers the subject: a human routes it, and the supervisor sees that time is passing
        return ok('escalated', [
          { type: 'cancel_timer', timer: 'call_result' },
          { type: 'queue_manual_routing' },
          { type: 'notify_supervisor', reason: `auto-contact ${outcome}, no unit covers the subject` },
        ]);
      }
      return ok('dispatched', dispatchTo(ctx.routedUnitId, urgent, `auto-contact ${outcome}`, ctx));
    }
    default:
      return assertNever(action);
  }
}

function validateClose(state: WarningState, c: Extract<Command, { type: 'close' }>): TransitionResult | null {
  if (!isOneOf(state, FEEDBACK) && c.disposition !== 'false_alarm') {
    // before a unit has signed for it, only the centre's "误报" can end a warning
    return bad('illegal_transition', `only false_alarm may close a warning in state ${state}`);
  }
  for (const [k, v] of [['loss', c.loss], ['lossAvoided', c.lossAvoided]] as const) {
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) return bad('invalid_argument', `${k} must be a non-negative amount`);
  }
  if (c.note.length > 2000) return bad('invalid_argument', 'note longer than 2000 characters');
  switch (c.disposition) {
    case 'defrauded':
      // a case and a stop-payment order need the amount; "unknown" is entered later in the case, not here
      if (!(c.loss !== undefined && c.loss > 0)) return bad('invalid_disposition', 'defrauded requires loss > 0');
      return null;
    case 'dissuaded':
      if (c.loss !== undefined && c.loss > 0) return bad('invalid_disposition', 'dissuaded with a loss: close as defrauded');
      return null;
    case 'false_alarm':
      if ((c.loss ?? 0) > 0 || (c.lossAvoided ?? 0) > 0) return bad('invalid_disposition', 'false_alarm carries no amounts');
      if (c.note.trim() === '') return bad('invalid_disposition', 'false_alarm requires a note saying why');
      return null;
    case 'unreachable':
    case 'refused':
      if ((c.lossAvoided ?? 0) > 0) return bad('invalid_disposition', `${c.disposition} cannot claim loss avoided`);
      return null;
    default:
      return assertNever(c.disposition);
  }
}

function closeEffects(c: Extract<Command, { type: 'close' }>, ctx: TransitionContext): Effect[] {
  const effects: Effect[] = ALL_TIMERS.map((timer) => ({ type: 'cancel_timer', timer }));
  if (c.disposition === 'defrauded') {
    const loss = c.loss ?? 0;
    // hand-off to the case module: it owns what happens next, this module only asks
    effects.push({ type: 'open_case', loss, note: c.note }, { type: 'request_stop_payment', loss });
  }
  // a false alarm has no one to revisit; a victim is followed by the case, every other subject by the grid
  if (c.disposition !== 'false_alarm' && c.disposition !== 'defrauded') {
    effects.push({ type: 'schedule_followups', closedAt: ctx.now });
  }
  return effects;
}

export function transition(state: WarningState, cmd: Command, ctx: TransitionContext): TransitionResult {
  switch (cmd.type) {
    case 'start_auto_contact':
      if (state !== 'new' && state !== 'reopened') return illegal(state, cmd);
      return ok('auto_contact', [{ type: 'cancel_timer', timer: 'auto_contact' }, ...placeCall(ctx), { type: 'send_sms' }]);
    case 'auto_contact_result':
      if (state !== 'auto_contact') return illegal(state, cmd);
      return onAutoContactResult(cmd.outcome, ctx);
    case 'dispatch':
      if (!isOneOf(state, ['new', 'reopened', 'auto_contact', 'escalated', 'dispatched'])) return illegal(state, cmd);
      if (cmd.unitId.trim() === '') return bad('invalid_argument', 'unitId is empty');
      return ok('dispatched', dispatchTo(cmd.unitId, ctx.level === 'high', 'dispatch', ctx));
    case 'sign':
      // an escalated warning that was never signed for can still be signed by its unit
      if (state !== 'dispatched' && state !== 'escalated') return illegal(state, cmd);
      if (cmd.userId.trim() === '') return bad('invalid_argument', 'userId is empty');
      return ok('signed', [{ type: 'cancel_timer', timer: 'sign' }]);
    case 'assign':
      if (!isOneOf(state, ['signed', 'contacting', 'visiting', 'escalated'])) return illegal(state, cmd);
      if (cmd.userId.trim() === '') return bad('invalid_argument', 'userId is empty');
      return ok(state, [{ type: 'notify_officer', userId: cmd.userId }]);
    case 'start_visit':
      if (!isOneOf(state, ['signed', 'contacting', 'escalated'])) return illegal(state, cmd);
      return ok('visiting', [{ type: 'cancel_timer', timer: 'visit' }]);
    case 'record_contact':
      if (!isOneOf(state, ['signed', 'contacting', 'visiting', 'escalated'])) return illegal(state, cmd);
      // a visit in progress stays a visit; an attempt by phone does not stop the face-to-face clock
      return ok(state === 'visiting' ? 'visiting' : 'contacting');
    case 'close': {
      if (!isOneOf(state, OPEN)) return illegal(state, cmd);
      const err = validateClose(state, cmd);
      return err ?? ok('closed', closeEffects(cmd, ctx));
    }
    case 'escalate': {
      if (!isOneOf(state, OPEN)) return illegal(state, cmd);
      if (cmd.reason.trim() === '') return bad('invalid_argument', 'escalation needs a reason');
      const effects: Effect[] = [{ type: 'notify_supervisor', reason: cmd.reason }];
      // the duty officer of the holding unit hears it too: they are the ones who can still act
      if (ctx.unitId) effects.unshift({ type: 'notify_unit', unitId: ctx.unitId, urgent: true, reason: cmd.reason });
      return ok('escalated', effects);
    }
    case 'reopen':
      if (state !== 'closed') return illegal(state, cmd);
      if (cmd.reason.trim() === '') return bad('invalid_argument', 'reopening needs a reason');
      return ok('reopened', [{ type: 'cancel_followups' }, ...initialEffects(ctx)]);
    default:
      return assertNever(cmd);
  }
}

/**
 * What the workflow does when a stored timer fires. Returns null when the timer is stale (the state moved on
 * and the cancel did not land), so a late or duplicated fire is harmless.
 */
export function commandForExpiredTimer(timer: TimerKind, state: WarningState, ctx: TransitionContext): Command | null {
  switch (timer) {
    case 'auto_contact':
      if (state !== 'new' && state !== 'reopened') return null;
      // no automatic contact in time: skip ahead to a person, the next level of action
      return ctx.routedUnitId ? { type: 'dispatch', unitId: ctx.routedUnitId } : { type: 'escalate', reason: 'auto-contact deadline passed, unrouted' };
    case 'call_result':
      // gateway never called back: treat as failed so the level's policy decides
      return state === 'auto_contact' ? { type: 'auto_contact_result', outcome: 'failed' } : null;
    case 'sign':
      return state === 'dispatched' ? { type: 'escalate', reason: 'sign-for deadline passed (签收超时)' } : null;
    case 'visit':
      return isOneOf(state, ['dispatched', 'signed', 'contacting']) ? { type: 'escalate', reason: 'face-to-face deadline passed (见面超时)' } : null;
    default:
      return assertNever(timer);
  }
}
