import { TIMER_KINDS, timerDueAt, type AutoContactOutcome, type Level, type SlaConfig, type TimerKind } from './sla.ts';

/**
 * The warning lifecycle as a pure transition function. The service loads the warning, calls `transition`,
 * then in ONE transaction stores `next`, writes the audit row (command + result) and carries out `effects`
 * (timers are rows, so they survive a restart). Nothing here reads a clock or a database.
 */

/**
 * The phase a warning is in. Escalation (超时升级, 督办) is not a phase: it is a level on the warning's workflow
 * (`mark_escalated`) that leaves the phase as it was, so an escalated warning keeps its rules (who may sign, which
 * feedback is allowed) and its running deadlines. Every open phase has at least one running timer, so every
 * warning is in someone's queue with a deadline: the machines (new, auto_contact), the centre (review, routing)
 * or the unit holding it (dispatched … visiting).
 */
export type WarningState =
  | 'new'
  | 'auto_contact'
  | 'review'
  | 'routing'
  | 'dispatched'
  | 'signed'
  | 'contacting'
  | 'visiting'
  | 'closed'
  | 'reopened';
export const WARNING_STATES: readonly WarningState[] = [
  'new',
  'auto_contact',
  'review',
  'routing',
  'dispatched',
  'signed',
  'contacting',
  'visiting',
  'closed',
  'reopened',
];

export type Disposition = 'dissuaded' | 'defrauded' | 'unreachable' | 'refused' | 'false_alarm';
export const DISPOSITION_LABEL: Record<Disposition, string> = {
  dissuaded: '劝阻成功',
  defrauded: '已被骗',
  unreachable: '无法联系',
  refused: '拒绝配合',
  false_alarm: '误报',
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
  /** go to a person now: the routed unit if there is one, else the centre's manual routing queue */
  | { type: 'hand_over'; reason: string }
  /** the backoff after a failed automatic call ran out: call again */
  | { type: 'retry_call' }
  /** `rearm`: the deadline that fired and acts again after its interval (a reminder that keeps acting) */
  | { type: 'escalate'; reason: string; rearm?: TimerKind }
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
  | { type: 'mark_escalated'; reason: string }
  | { type: 'reset_escalation' }
  | { type: 'open_case'; loss: number; lossAvoided: number | null; note: string }
  | { type: 'request_stop_payment'; loss: number }
  /** a reopened 已被骗: the case intake it asked for and the 预警后被骗 flags it raised are withdrawn */
  | { type: 'withdraw_victim' }
  | { type: 'schedule_followups'; closedAt: number }
  | { type: 'cancel_followups' };

export interface TransitionContext {
  now: number;
  level: Level;
  sla: SlaConfig;
  /** unit currently holding the warning (after dispatch) */
  unitId?: string;
  /** unit routing proposes (routing/routing.ts); absent = nobody covers the subject */
  routedUnitId?: string;
  /** automatic call attempts already placed */
  autoContactAttempts: number;
  /** no automatic channel can reach the person (no voice gateway configured): no retries, straight on */
  autoContactUnavailable?: boolean;
  /** the disposition a closed warning was closed with (reopening a 已被骗 withdraws what it set off) */
  closedDisposition?: Disposition | undefined;
}

export type ErrorCode = 'illegal_transition' | 'invalid_disposition' | 'invalid_argument';
export type TransitionResult =
  { ok: true; next: WarningState; effects: Effect[] } | { ok: false; code: ErrorCode; reason: string };

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

const OPEN: readonly WarningState[] = WARNING_STATES.filter((x) => x !== 'closed');
/**
 * Phases in which someone has taken responsibility for the person, so any feedback may close the warning: the
 * centre while the machines or its own review hold it, the unit once it has signed for it. Before 签收 (and
 * while nobody covers the subject) only the centre's 误报 can end it.
 */
const FEEDBACK: readonly WarningState[] = ['auto_contact', 'review', 'signed', 'contacting', 'visiting'];
/** Timers of the phases before a person has it; handing it to a person ends them all. */
const BEFORE_PERSON: readonly TimerKind[] = ['auto_contact', 'call_result', 'call_retry', 'review', 'route'];

/** Timers a freshly created (or reopened) warning starts with. */
export function initialEffects(ctx: TransitionContext): Effect[] {
  return [
    { type: 'schedule_timer', timer: 'auto_contact', dueAt: timerDueAt(ctx.sla, ctx.level, 'auto_contact', ctx.now) },
  ];
}

const ok = (next: WarningState, effects: Effect[] = []): TransitionResult => ({ ok: true, next, effects });
const illegal = (state: WarningState, cmd: Command): TransitionResult => ({
  ok: false,
  code: 'illegal_transition',
  reason: `${cmd.type} is not allowed in state ${state}`,
});
const bad = (code: ErrorCode, reason: string): TransitionResult => ({ ok: false, code, reason });
const isOneOf = (s: WarningState, list: readonly WarningState[]) => list.includes(s);

const cancel = (timers: readonly TimerKind[]): Effect[] => timers.map((timer) => ({ type: 'cancel_timer', timer }));
const schedule = (timer: TimerKind, ctx: TransitionContext): Effect => ({
  type: 'schedule_timer',
  timer,
  dueAt: timerDueAt(ctx.sla, ctx.level, timer, ctx.now, ctx.autoContactAttempts),
});

function dispatchTo(unitId: string, urgent: boolean, reason: string, ctx: TransitionContext): Effect[] {
  return [
    ...cancel(BEFORE_PERSON),
    { type: 'notify_unit', unitId, urgent, reason },
    { type: 'schedule_timer', timer: 'sign', dueAt: timerDueAt(ctx.sla, ctx.level, 'sign', ctx.now) },
    { type: 'schedule_timer', timer: 'visit', dueAt: timerDueAt(ctx.sla, ctx.level, 'visit', ctx.now) },
  ];
}

function placeCall(ctx: TransitionContext): Effect[] {
  return [{ type: 'place_call', attempt: ctx.autoContactAttempts + 1 }, schedule('call_result', ctx)];
}

/**
 * To a person now: the unit routing found, else the centre's manual routing queue with its own deadline (the
 * supervisor hears at once that time is passing while nobody covers the subject).
 */
function handOver(state: WarningState, urgent: boolean, reason: string, ctx: TransitionContext): TransitionResult {
  if (ctx.routedUnitId) return ok('dispatched', dispatchTo(ctx.routedUnitId, urgent, reason, ctx));
  if (state === 'routing') return ok('routing');
  return ok('routing', [
    ...cancel(BEFORE_PERSON),
    { type: 'queue_manual_routing' },
    schedule('route', ctx),
    { type: 'notify_supervisor', reason: `${reason}, no unit covers the subject` },
  ]);
}

function onAutoContactResult(outcome: AutoContactOutcome, ctx: TransitionContext): TransitionResult {
  let action = ctx.sla.levels[ctx.level].onAutoContact[outcome];
  // retries are bounded; once spent, the next step is a person at the door
  if (action === 'retry' && ctx.autoContactAttempts >= ctx.sla.levels[ctx.level].maxAutoAttempts) action = 'dispatch';
  // with no automatic channel there is nothing to retry: a 高 goes to a person now, the others to the centre's review
  if (action === 'retry' && ctx.autoContactUnavailable) action = ctx.level === 'high' ? 'dispatch' : 'review';
  switch (action) {
    case 'retry':
      // not at once: a busy line is often still busy a second later; the backoff grows with each attempt
      return ok('auto_contact', [{ type: 'cancel_timer', timer: 'call_result' }, schedule('call_retry', ctx)]);
    case 'review':
      // the person said they are safe: the centre confirms within its review deadline, or a person goes
      return ok('review', [{ type: 'cancel_timer', timer: 'call_result' }, schedule('review', ctx)]);
    case 'dispatch':
      return handOver('auto_contact', outcome !== 'answered_safe', `auto-contact ${outcome}`, ctx);
    default:
      return assertNever(action);
  }
}

function validateClose(state: WarningState, c: Extract<Command, { type: 'close' }>): TransitionResult | null {
  if (!isOneOf(state, FEEDBACK) && c.disposition !== 'false_alarm') {
    // before a unit has signed for it, only the centre's "误报" can end a warning
    return bad('illegal_transition', `only false_alarm may close a warning in state ${state}`);
  }
  for (const [k, v] of [
    ['loss', c.loss],
    ['lossAvoided', c.lossAvoided],
  ] as const) {
    if (v !== undefined && (!Number.isFinite(v) || v < 0))
      return bad('invalid_argument', `${k} must be a non-negative amount`);
  }
  if (c.note.length > 2000) return bad('invalid_argument', 'note longer than 2000 characters');
  switch (c.disposition) {
    case 'defrauded':
      // a case and a stop-payment order need the amount; "unknown" is entered later in the case, not here
      if (!(c.loss !== undefined && c.loss > 0)) return bad('invalid_disposition', 'defrauded requires loss > 0');
      return null;
    case 'dissuaded':
      if (c.loss !== undefined && c.loss > 0)
        return bad('invalid_disposition', 'dissuaded with a loss: close as defrauded');
      return null;
    case 'false_alarm':
      if ((c.loss ?? 0) > 0 || (c.lossAvoided ?? 0) > 0)
        return bad('invalid_disposition', 'false_alarm carries no amounts');
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
  const effects: Effect[] = cancel(TIMER_KINDS);
  if (c.disposition === 'defrauded') {
    const loss = c.loss ?? 0;
    // hand-off to the case module: it owns what happens next, this module only asks
    effects.push(
      { type: 'open_case', loss, lossAvoided: c.lossAvoided ?? null, note: c.note },
      { type: 'request_stop_payment', loss },
    );
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
      return ok('auto_contact', [
        { type: 'cancel_timer', timer: 'auto_contact' },
        ...placeCall(ctx),
        { type: 'send_sms' },
      ]);
    case 'auto_contact_result':
      if (state !== 'auto_contact') return illegal(state, cmd);
      return onAutoContactResult(cmd.outcome, ctx);
    case 'retry_call':
      if (state !== 'auto_contact') return illegal(state, cmd);
      return ok('auto_contact', [{ type: 'cancel_timer', timer: 'call_retry' }, ...placeCall(ctx)]);
    case 'hand_over':
      if (!isOneOf(state, ['new', 'reopened', 'auto_contact', 'review', 'routing'])) return illegal(state, cmd);
      if (cmd.reason.trim() === '') return bad('invalid_argument', 'hand_over needs a reason');
      return handOver(state, true, cmd.reason, ctx);
    case 'dispatch':
      // the centre routes by hand, or moves a warning no one has signed for yet to another unit
      if (!isOneOf(state, ['new', 'reopened', 'auto_contact', 'review', 'routing', 'dispatched']))
        return illegal(state, cmd);
      if (cmd.unitId.trim() === '') return bad('invalid_argument', 'unitId is empty');
      return ok('dispatched', dispatchTo(cmd.unitId, ctx.level === 'high', 'dispatch', ctx));
    case 'sign':
      // once: the signer is the record of who took responsibility, and a late escalation does not undo it
      if (state !== 'dispatched') return illegal(state, cmd);
      if (cmd.userId.trim() === '') return bad('invalid_argument', 'userId is empty');
      return ok('signed', [{ type: 'cancel_timer', timer: 'sign' }]);
    case 'assign':
      if (!isOneOf(state, ['signed', 'contacting', 'visiting'])) return illegal(state, cmd);
      if (cmd.userId.trim() === '') return bad('invalid_argument', 'userId is empty');
      return ok(state, [{ type: 'notify_officer', userId: cmd.userId }]);
    case 'start_visit':
      // face-to-face: the visit deadline is met; the feedback deadline starts
      if (!isOneOf(state, ['signed', 'contacting'])) return illegal(state, cmd);
      return ok('visiting', [{ type: 'cancel_timer', timer: 'visit' }, schedule('feedback', ctx)]);
    case 'record_contact':
      if (!isOneOf(state, ['signed', 'contacting', 'visiting'])) return illegal(state, cmd);
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
      const effects: Effect[] = [
        { type: 'mark_escalated', reason: cmd.reason },
        { type: 'notify_supervisor', reason: cmd.reason },
      ];
      // the duty officer of the holding unit hears it too: they are the ones who can still act
      if (ctx.unitId)
        effects.splice(1, 0, { type: 'notify_unit', unitId: ctx.unitId, urgent: true, reason: cmd.reason });
      // the phase stays: the deadline that fired acts again after its interval until someone acts
      if (cmd.rearm) effects.push(schedule(cmd.rearm, ctx));
      return ok(state, effects);
    }
    case 'reopen': {
      if (state !== 'closed') return illegal(state, cmd);
      if (cmd.reason.trim() === '') return bad('invalid_argument', 'reopening needs a reason');
      const effects: Effect[] = [{ type: 'cancel_followups' }, { type: 'reset_escalation' }];
      if (ctx.closedDisposition === 'defrauded') effects.push({ type: 'withdraw_victim' });
      return ok('reopened', [...effects, ...initialEffects(ctx)]);
    }
    default:
      return assertNever(cmd);
  }
}

/**
 * What the workflow does when a stored timer fires. Returns null when the timer is stale (the state moved on
 * and the cancel did not land), so a late or duplicated fire is harmless. A deadline that passes in its phase
 * always acts: it hands the warning to a person, or escalates and comes back after its interval.
 */
export function commandForExpiredTimer(timer: TimerKind, state: WarningState, _ctx: TransitionContext): Command | null {
  switch (timer) {
    case 'auto_contact':
      // no automatic contact in time: skip ahead to a person, the next level of action
      return state === 'new' || state === 'reopened'
        ? { type: 'hand_over', reason: 'auto-contact deadline passed' }
        : null;
    case 'call_result':
      // gateway never called back: treat as failed so the level's policy decides
      return state === 'auto_contact' ? { type: 'auto_contact_result', outcome: 'failed' } : null;
    case 'call_retry':
      return state === 'auto_contact' ? { type: 'retry_call' } : null;
    case 'review':
      return state === 'review' ? { type: 'hand_over', reason: 'review deadline passed (复核超时)' } : null;
    case 'route':
      return state === 'routing'
        ? { type: 'escalate', reason: 'manual routing deadline passed (分派超时)', rearm: 'route' }
        : null;
    case 'sign':
      // the visit deadline is still running and keeps the warning under a clock
      return state === 'dispatched' ? { type: 'escalate', reason: 'sign-for deadline passed (签收超时)' } : null;
    case 'visit':
      return isOneOf(state, ['dispatched', 'signed', 'contacting'])
        ? { type: 'escalate', reason: 'face-to-face deadline passed (见面超时)', rearm: 'visit' }
        : null;
    case 'feedback':
      return state === 'visiting'
        ? { type: 'escalate', reason: 'feedback deadline passed (反馈超时)', rearm: 'feedback' }
        : null;
    default:
      return assertNever(timer);
  }
}
