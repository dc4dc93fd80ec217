import { describe, expect, it } from 'vitest';
import {
  commandForExpiredTimer,
  transition,
  WARNING_STATES,
  type Command,
  type TransitionContext,
  type WarningState,
} from './lifecycle.ts';
import { DEFAULT_SLA, TIMER_KINDS } from './sla.ts';

const T0 = Date.UTC(2026, 0, 1, 8, 0, 0);
const ctx = (over: Partial<TransitionContext> = {}): TransitionContext => ({
  now: T0,
  level: 'high',
  sla: DEFAULT_SLA,
  unitId: 'u-station',
  routedUnitId: 'u-station',
  autoContactAttempts: 1,
  ...over,
});

const STATES = WARNING_STATES;
const COMMANDS: Record<string, Command> = {
  start_auto_contact: { type: 'start_auto_contact' },
  auto_contact_result: { type: 'auto_contact_result', outcome: 'busy' },
  retry_call: { type: 'retry_call' },
  hand_over: { type: 'hand_over', reason: 'deadline' },
  dispatch: { type: 'dispatch', unitId: 'u-2' },
  sign: { type: 'sign', userId: 'p-1' },
  assign: { type: 'assign', userId: 'p-2' },
  start_visit: { type: 'start_visit' },
  record_contact: { type: 'record_contact', channel: 'phone', reached: true },
  close_dissuaded: { type: 'close', disposition: 'dissuaded', lossAvoided: 5000, note: '已劝阻' },
  close_false_alarm: { type: 'close', disposition: 'false_alarm', note: '本人核实为正常交易' },
  escalate: { type: 'escalate', reason: 'manual' },
  reopen: { type: 'reopen', reason: 'new evidence' },
};

// The legal table, written out by hand from the lifecycle: state -> command -> next state. Escalating
// never changes the phase; every other pair is refused.
const LEGAL: Record<WarningState, Record<string, WarningState>> = {
  new: {
    start_auto_contact: 'auto_contact',
    hand_over: 'dispatched',
    dispatch: 'dispatched',
    close_false_alarm: 'closed',
    escalate: 'new',
  },
  reopened: {
    start_auto_contact: 'auto_contact',
    hand_over: 'dispatched',
    dispatch: 'dispatched',
    close_false_alarm: 'closed',
    escalate: 'reopened',
  },
  auto_contact: {
    auto_contact_result: 'dispatched',
    retry_call: 'auto_contact',
    hand_over: 'dispatched',
    dispatch: 'dispatched',
    close_dissuaded: 'closed',
    close_false_alarm: 'closed',
    escalate: 'auto_contact',
  },
  review: {
    hand_over: 'dispatched',
    dispatch: 'dispatched',
    close_dissuaded: 'closed',
    close_false_alarm: 'closed',
    escalate: 'review',
  },
  routing: { hand_over: 'dispatched', dispatch: 'dispatched', close_false_alarm: 'closed', escalate: 'routing' },
  dispatched: { dispatch: 'dispatched', sign: 'signed', close_false_alarm: 'closed', escalate: 'dispatched' },
  signed: {
    assign: 'signed',
    start_visit: 'visiting',
    record_contact: 'contacting',
    close_dissuaded: 'closed',
    close_false_alarm: 'closed',
    escalate: 'signed',
  },
  contacting: {
    assign: 'contacting',
    start_visit: 'visiting',
    record_contact: 'contacting',
    close_dissuaded: 'closed',
    close_false_alarm: 'closed',
    escalate: 'contacting',
  },
  visiting: {
    assign: 'visiting',
    record_contact: 'visiting',
    close_dissuaded: 'closed',
    close_false_alarm: 'closed',
    escalate: 'visiting',
  },
  closed: { reopen: 'reopened' },
};

describe('transition table', () => {
  for (const state of STATES) {
    for (const [name, cmd] of Object.entries(COMMANDS)) {
      const expected = LEGAL[state][name];
      it(`${state} + ${name} -> ${expected ?? 'rejected'}`, () => {
        const r = transition(state, cmd, ctx());
        if (expected) {
          expect(r).toMatchObject({ ok: true, next: expected });
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(['illegal_transition']).toContain(r.code);
        }
      });
    }
  }
});

describe('which feedback may close a warning, per phase', () => {
  // the centre while it holds the warning (machines, review), the unit once it signed; otherwise only 误报
  const ANY = ['auto_contact', 'review', 'signed', 'contacting', 'visiting'];
  const closes: Record<string, Extract<Command, { type: 'close' }>> = {
    dissuaded: { type: 'close', disposition: 'dissuaded', note: 'x' },
    defrauded: { type: 'close', disposition: 'defrauded', loss: 100, note: 'x' },
    unreachable: { type: 'close', disposition: 'unreachable', note: 'x' },
    refused: { type: 'close', disposition: 'refused', note: 'x' },
    false_alarm: { type: 'close', disposition: 'false_alarm', note: '核实正常' },
  };
  for (const state of STATES) {
    for (const [d, cmd] of Object.entries(closes)) {
      const allowed = state !== 'closed' && (d === 'false_alarm' || ANY.includes(state));
      it(`${state} + close ${d} -> ${allowed ? 'closed' : 'rejected'}`, () => {
        expect(transition(state, cmd, ctx()).ok).toBe(allowed);
      });
    }
  }
});

describe('auto contact', () => {
  it('with no automatic channel a failed call is not retried: 中/低 go to the centre review, 高 to a person (issue 10 #15)', () => {
    for (const level of ['medium', 'low'] as const) {
      const r = transition(
        'auto_contact',
        { type: 'auto_contact_result', outcome: 'failed' },
        ctx({ level, autoContactUnavailable: true }),
      );
      expect(r.ok && r.next).toBe('review');
      // with a gateway, the same failure is retried later
      expect(
        transition('auto_contact', { type: 'auto_contact_result', outcome: 'failed' }, ctx({ level })).ok &&
          'auto_contact',
      ).toBe('auto_contact');
    }
    const h = transition(
      'auto_contact',
      { type: 'auto_contact_result', outcome: 'failed' },
      ctx({ autoContactUnavailable: true }),
    );
    expect(h.ok && h.next).toBe('dispatched');
  });
  it('start places a call, sends an SMS and arms the callback timer', () => {
    const r = transition('new', { type: 'start_auto_contact' }, ctx({ autoContactAttempts: 0 }));
    expect(r.ok && r.effects).toEqual([
      { type: 'cancel_timer', timer: 'auto_contact' },
      { type: 'place_call', attempt: 1 },
      { type: 'schedule_timer', timer: 'call_result', dueAt: T0 + DEFAULT_SLA.levels.high.callResultMs },
      { type: 'send_sms' },
    ]);
  });
  for (const outcome of ['busy', 'no_answer'] as const) {
    it(`${outcome} on a high warning dispatches at once, urgently, with sign and visit timers`, () => {
      const r = transition('auto_contact', { type: 'auto_contact_result', outcome }, ctx());
      expect(r.ok && r.next).toBe('dispatched');
      if (!r.ok) return;
      expect(r.effects).toContainEqual({
        type: 'notify_unit',
        unitId: 'u-station',
        urgent: true,
        reason: `auto-contact ${outcome}`,
      });
      expect(r.effects).toContainEqual({ type: 'schedule_timer', timer: 'sign', dueAt: T0 + 5 * 60_000 });
      expect(r.effects).toContainEqual({ type: 'schedule_timer', timer: 'visit', dueAt: T0 + 30 * 60_000 });
    });
  }
  it('busy on a medium warning retries after a growing backoff while attempts remain, then dispatches', () => {
    const base = DEFAULT_SLA.levels.medium.retryBackoffMs;
    const first = transition(
      'auto_contact',
      { type: 'auto_contact_result', outcome: 'busy' },
      ctx({ level: 'medium', autoContactAttempts: 1 }),
    );
    expect(first).toEqual({
      ok: true,
      next: 'auto_contact',
      effects: [
        { type: 'cancel_timer', timer: 'call_result' },
        { type: 'schedule_timer', timer: 'call_retry', dueAt: T0 + base },
      ],
    });
    const second = transition(
      'auto_contact',
      { type: 'auto_contact_result', outcome: 'busy' },
      ctx({ level: 'medium', autoContactAttempts: 2 }),
    );
    expect(second.ok && second.effects).toContainEqual({
      type: 'schedule_timer',
      timer: 'call_retry',
      dueAt: T0 + 2 * base,
    });
    // the backoff ran out: the next call, with its own callback deadline
    const retry = transition('auto_contact', { type: 'retry_call' }, ctx({ level: 'medium', autoContactAttempts: 2 }));
    expect(retry.ok && retry.effects).toContainEqual({ type: 'place_call', attempt: 3 });
    expect(retry.ok && retry.effects).toContainEqual({
      type: 'schedule_timer',
      timer: 'call_result',
      dueAt: T0 + DEFAULT_SLA.levels.medium.callResultMs,
    });
    const last = transition(
      'auto_contact',
      { type: 'auto_contact_result', outcome: 'busy' },
      ctx({ level: 'medium', autoContactAttempts: 3 }),
    );
    expect(last.ok && last.next).toBe('dispatched');
  });
  it('the retry backoff is configuration', () => {
    const sla = structuredClone(DEFAULT_SLA);
    sla.levels.low.retryBackoffMs = 7_000;
    const r = transition(
      'auto_contact',
      { type: 'auto_contact_result', outcome: 'no_answer' },
      ctx({ level: 'low', sla }),
    );
    expect(r.ok && r.effects).toContainEqual({ type: 'schedule_timer', timer: 'call_retry', dueAt: T0 + 7_000 });
  });
  it('answered_safe (1) on medium goes to the centre review with a deadline; when it passes a person goes', () => {
    const r = transition(
      'auto_contact',
      { type: 'auto_contact_result', outcome: 'answered_safe' },
      ctx({ level: 'medium' }),
    );
    expect(r).toEqual({
      ok: true,
      next: 'review',
      effects: [
        { type: 'cancel_timer', timer: 'call_result' },
        { type: 'schedule_timer', timer: 'review', dueAt: T0 + DEFAULT_SLA.levels.medium.reviewMs },
      ],
    });
    const cmd = commandForExpiredTimer('review', 'review', ctx({ level: 'medium' }));
    const after = transition('review', cmd!, ctx({ level: 'medium' }));
    expect(after.ok && after.next).toBe('dispatched');
    expect(after.ok && after.effects).toContainEqual({ type: 'cancel_timer', timer: 'review' });
  });
  it('dispatch without a covering unit goes to the manual routing queue, with a deadline, and the supervisor hears', () => {
    const r = transition(
      'auto_contact',
      { type: 'auto_contact_result', outcome: 'busy' },
      ctx({ routedUnitId: undefined }),
    );
    expect(r.ok && r.next).toBe('routing');
    expect(r.ok && r.effects).toContainEqual({
      type: 'schedule_timer',
      timer: 'route',
      dueAt: T0 + DEFAULT_SLA.levels.high.routeMs,
    });
    expect(r.ok && r.effects.map((e) => e.type)).toContain('notify_supervisor');
    // the routing deadline keeps acting: escalate and come back after the same interval
    const fire = commandForExpiredTimer('route', 'routing', ctx({ routedUnitId: undefined }));
    const again = transition('routing', fire!, ctx({ routedUnitId: undefined }));
    expect(again.ok && again.next).toBe('routing');
    expect(again.ok && again.effects).toContainEqual({
      type: 'schedule_timer',
      timer: 'route',
      dueAt: T0 + DEFAULT_SLA.levels.high.routeMs,
    });
  });
});

describe('close', () => {
  const close = (over: Partial<Extract<Command, { type: 'close' }>>, state: WarningState = 'visiting') =>
    transition(state, { type: 'close', disposition: 'dissuaded', note: 'x', ...over }, ctx());
  it('defrauded hands off: open_case + request_stop_payment, no follow-ups', () => {
    const r = close({ disposition: 'defrauded', loss: 12000 });
    expect(r.ok && r.effects).toContainEqual({ type: 'open_case', loss: 12000, lossAvoided: null, note: 'x' });
    expect(r.ok && r.effects).toContainEqual({ type: 'request_stop_payment', loss: 12000 });
    expect(r.ok && r.effects.some((e) => e.type === 'schedule_followups')).toBe(false);
  });
  it('defrauded without a loss is rejected', () => {
    expect(close({ disposition: 'defrauded' })).toMatchObject({ ok: false, code: 'invalid_disposition' });
    expect(close({ disposition: 'defrauded', loss: 0 })).toMatchObject({ ok: false, code: 'invalid_disposition' });
  });
  it('dissuaded schedules follow-ups and cancels every timer', () => {
    const r = close({ lossAvoided: 30000 });
    expect(r.ok && r.effects).toContainEqual({ type: 'schedule_followups', closedAt: T0 });
    expect(r.ok && r.effects.filter((e) => e.type === 'cancel_timer')).toHaveLength(TIMER_KINDS.length);
  });
  it('validates amounts and notes', () => {
    expect(close({ loss: 100 })).toMatchObject({ ok: false, code: 'invalid_disposition' });
    expect(close({ lossAvoided: -1 })).toMatchObject({ ok: false, code: 'invalid_argument' });
    expect(close({ lossAvoided: Number.NaN })).toMatchObject({ ok: false, code: 'invalid_argument' });
    expect(close({ disposition: 'false_alarm', note: '  ' })).toMatchObject({ ok: false, code: 'invalid_disposition' });
    expect(close({ disposition: 'false_alarm', lossAvoided: 5 })).toMatchObject({
      ok: false,
      code: 'invalid_disposition',
    });
    expect(close({ disposition: 'refused', lossAvoided: 5 })).toMatchObject({ ok: false, code: 'invalid_disposition' });
    expect(close({ disposition: 'unreachable' }).ok).toBe(true);
    expect(close({ note: 'x'.repeat(2001) })).toMatchObject({ ok: false, code: 'invalid_argument' });
  });
  it('before signing only false_alarm closes', () => {
    expect(close({ disposition: 'unreachable' }, 'dispatched')).toMatchObject({
      ok: false,
      code: 'illegal_transition',
    });
  });
  it('reopen cancels follow-ups, clears the escalation and re-arms the auto-contact timer', () => {
    const r = transition(
      'closed',
      { type: 'reopen', reason: 'victim report' },
      ctx({ closedDisposition: 'dissuaded' }),
    );
    expect(r.ok && r.effects).toEqual([
      { type: 'cancel_followups' },
      { type: 'reset_escalation' },
      { type: 'schedule_timer', timer: 'auto_contact', dueAt: T0 + 60_000 },
    ]);
  });
  it('reopening a 已被骗 withdraws the case hand-off and the flags it raised', () => {
    const r = transition('closed', { type: 'reopen', reason: '误判' }, ctx({ closedDisposition: 'defrauded' }));
    expect(r.ok && r.effects).toContainEqual({ type: 'withdraw_victim' });
  });
  it('rejects empty ids and reasons', () => {
    expect(transition('new', { type: 'dispatch', unitId: ' ' }, ctx())).toMatchObject({
      ok: false,
      code: 'invalid_argument',
    });
    expect(transition('dispatched', { type: 'sign', userId: '' }, ctx())).toMatchObject({
      ok: false,
      code: 'invalid_argument',
    });
    expect(transition('new', { type: 'escalate', reason: '' }, ctx())).toMatchObject({
      ok: false,
      code: 'invalid_argument',
    });
    expect(transition('closed', { type: 'reopen', reason: '' }, ctx())).toMatchObject({
      ok: false,
      code: 'invalid_argument',
    });
  });
  it('escalation marks the warning, notifies the unit duty officer and the supervising level, and keeps the phase', () => {
    const r = transition('dispatched', { type: 'escalate', reason: '签收超时' }, ctx());
    expect(r.ok && r.next).toBe('dispatched');
    expect(r.ok && r.effects.map((e) => e.type)).toEqual(['mark_escalated', 'notify_unit', 'notify_supervisor']);
  });
});

describe('escalation remembers the phase (audit findings)', () => {
  // what the stored timers would do to a 高 warning dispatched at T0 that nobody signs for
  const afterSignTimeout = (): WarningState => {
    const cmd = commandForExpiredTimer('sign', 'dispatched', ctx());
    const r = transition('dispatched', cmd!, ctx());
    if (!r.ok) throw new Error(r.reason);
    return r.next;
  };
  it('(a) a warning escalated by 签收超时 and never signed can still only be closed 误报', () => {
    const state = afterSignTimeout();
    expect(state).toBe('dispatched');
    for (const disposition of ['dissuaded', 'unreachable', 'refused'] as const) {
      expect(transition(state, { type: 'close', disposition, note: 'x' }, ctx())).toMatchObject({
        ok: false,
        code: 'illegal_transition',
      });
    }
    expect(transition(state, { type: 'close', disposition: 'defrauded', loss: 10, note: 'x' }, ctx())).toMatchObject({
      ok: false,
    });
    expect(transition(state, { type: 'close', disposition: 'false_alarm', note: '核实正常' }, ctx()).ok).toBe(true);
  });
  it('(b) a signed warning cannot be signed again, escalated or not', () => {
    for (const state of ['signed', 'contacting', 'visiting'] as const) {
      const escalated = transition(state, { type: 'escalate', reason: '督办' }, ctx());
      expect(escalated.ok && escalated.next).toBe(state);
      expect(transition(state, { type: 'sign', userId: 'p-9' }, ctx())).toMatchObject({
        ok: false,
        code: 'illegal_transition',
      });
    }
  });
  it('(c) after 签收超时 the face-to-face deadline still acts, and keeps acting until someone goes', () => {
    const state = afterSignTimeout();
    const cmd = commandForExpiredTimer('visit', state, ctx());
    expect(cmd).toMatchObject({ type: 'escalate', rearm: 'visit' });
    const r = transition(state, cmd!, ctx());
    expect(r.ok && r.next).toBe('dispatched');
    expect(r.ok && r.effects).toContainEqual({
      type: 'schedule_timer',
      timer: 'visit',
      dueAt: T0 + DEFAULT_SLA.levels.high.visitMs,
    });
    expect(r.ok && r.effects.map((e) => e.type)).toContain('notify_supervisor');
  });
  it('(d) keypad 1 on 中/低 leaves the warning in the centre review queue with a deadline', () => {
    for (const level of ['medium', 'low'] as const) {
      const r = transition('auto_contact', { type: 'auto_contact_result', outcome: 'answered_safe' }, ctx({ level }));
      expect(r.ok && r.next).toBe('review');
      expect(r.ok && r.effects.some((e) => e.type === 'schedule_timer' && e.timer === 'review')).toBe(true);
    }
  });
});

describe('timer expiry', () => {
  // every (timer, state) pair: what fires in its phase acts, a fire in any other phase is stale
  const ACTS: Record<string, Partial<Record<WarningState, Command['type']>>> = {
    auto_contact: { new: 'hand_over', reopened: 'hand_over' },
    call_result: { auto_contact: 'auto_contact_result' },
    call_retry: { auto_contact: 'retry_call' },
    review: { review: 'hand_over' },
    route: { routing: 'escalate' },
    sign: { dispatched: 'escalate' },
    visit: { dispatched: 'escalate', signed: 'escalate', contacting: 'escalate' },
    feedback: { visiting: 'escalate' },
  };
  for (const timer of TIMER_KINDS) {
    for (const state of STATES) {
      const expected = ACTS[timer]![state];
      it(`${timer} expiring in ${state} -> ${expected ?? 'stale'}`, () => {
        const cmd = commandForExpiredTimer(timer, state, ctx());
        expect(cmd?.type ?? null).toBe(expected ?? null);
        // a command produced by an expiry is itself a legal transition in that state
        if (cmd) expect(transition(state, cmd, ctx()).ok).toBe(true);
      });
    }
  }
  it('the auto-contact deadline without a covering unit goes to the manual routing queue', () => {
    const cmd = commandForExpiredTimer('auto_contact', 'new', ctx({ routedUnitId: undefined }))!;
    expect(transition('new', cmd, ctx({ routedUnitId: undefined }))).toMatchObject({ ok: true, next: 'routing' });
  });
});
