import { describe, expect, it } from 'vitest';
import { commandForExpiredTimer, transition, type Command, type TransitionContext, type WarningState } from './lifecycle.ts';
import { DEFAULT_SLA } from './sla.ts';

const T0 = Date.UTC(2026, 0, 1, 8, 0, 0);
const ctx = (over: Partial<TransitionContext> = {}): TransitionContext => ({
  now: T0, level: 'high', sla: DEFAULT_SLA, unitId: 'u-station', routedUnitId: 'u-station', autoContactAttempts: 1, ...over,
});

const STATES: WarningState[] = ['new', 'auto_contact', 'dispatched', 'signed', 'contacting', 'visiting', 'escalated', 'closed', 'reopened'];
const COMMANDS: Record<string, Command> = {
  start_auto_contact: { type: 'start_auto_contact' },
  auto_contact_result: { type: 'auto_contact_result', outcome: 'busy' },
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

// The legal table, written out by hand from the lifecycle: state -> command -> next state.
const LEGAL: Record<WarningState, Record<string, WarningState>> = {
  new: { start_auto_contact: 'auto_contact', dispatch: 'dispatched', close_false_alarm: 'closed', escalate: 'escalated' },
  reopened: { start_auto_contact: 'auto_contact', dispatch: 'dispatched', close_false_alarm: 'closed', escalate: 'escalated' },
  auto_contact: { auto_contact_result: 'dispatched', dispatch: 'dispatched', close_dissuaded: 'closed', close_false_alarm: 'closed', escalate: 'escalated' },
  dispatched: { dispatch: 'dispatched', sign: 'signed', close_false_alarm: 'closed', escalate: 'escalated' },
  signed: { assign: 'signed', start_visit: 'visiting', record_contact: 'contacting', close_dissuaded: 'closed', close_false_alarm: 'closed', escalate: 'escalated' },
  contacting: { assign: 'contacting', start_visit: 'visiting', record_contact: 'contacting', close_dissuaded: 'closed', close_false_alarm: 'closed', escalate: 'escalated' },
  visiting: { assign: 'visiting', record_contact: 'visiting', close_dissuaded: 'closed', close_false_alarm: 'closed', escalate: 'escalated' },
  escalated: { dispatch: 'dispatched', sign: 'signed', assign: 'escalated', start_visit: 'visiting', record_contact: 'contacting', close_dissuaded: 'closed', close_false_alarm: 'closed', escalate: 'escalated' },
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

describe('auto contact', () => {
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
      expect(r.effects).toContainEqual({ type: 'notify_unit', unitId: 'u-station', urgent: true, reason: `auto-contact ${outcome}` });
      expect(r.effects).toContainEqual({ type: 'schedule_timer', timer: 'sign', dueAt: T0 + 5 * 60_000 });
      expect(r.effects).toContainEqual({ type: 'schedule_timer', timer: 'visit', dueAt: T0 + 30 * 60_000 });
    });
  }
  it('busy on a medium warning retries while attempts remain, then dispatches', () => {
    const first = transition('auto_contact', { type: 'auto_contact_result', outcome: 'busy' }, ctx({ level: 'medium', autoContactAttempts: 1 }));
    expect(first.ok && first.next).toBe('auto_contact');
    expect(first.ok && first.effects).toContainEqual({ type: 'place_call', attempt: 2 });
    const last = transition('auto_contact', { type: 'auto_contact_result', outcome: 'busy' }, ctx({ level: 'medium', autoContactAttempts: 3 }));
    expect(last.ok && last.next).toBe('dispatched');
  });
  it('answered_safe on medium waits for the centre', () => {
    const r = transition('auto_contact', { type: 'auto_contact_result', outcome: 'answered_safe' }, ctx({ level: 'medium' }));
    expect(r).toEqual({ ok: true, next: 'auto_contact', effects: [{ type: 'cancel_timer', timer: 'call_result' }] });
  });
  it('dispatch without a covering unit goes to the manual queue and the supervisor', () => {
    const r = transition('auto_contact', { type: 'auto_contact_result', outcome: 'busy' }, ctx({ routedUnitId: undefined }));
    expect(r.ok && r.next).toBe('escalated');
    expect(r.ok && r.effects.map((e) => e.type)).toEqual(['cancel_timer', 'queue_manual_routing', 'notify_supervisor']);
  });
});

describe('close', () => {
  const close = (over: Partial<Extract<Command, { type: 'close' }>>, state: WarningState = 'visiting') =>
    transition(state, { type: 'close', disposition: 'dissuaded', note: 'x', ...over }, ctx());
  it('defrauded hands off: open_case + request_stop_payment, no follow-ups', () => {
    const r = close({ disposition: 'defrauded', loss: 12000 });
    expect(r.ok && r.effects).toContainEqual({ type: 'open_case', loss: 12000, note: 'x' });
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
    expect(r.ok && r.effects.filter((e) => e.type === 'cancel_timer')).toHaveLength(4);
  });
  it('validates amounts and notes', () => {
    expect(close({ loss: 100 })).toMatchObject({ ok: false, code: 'invalid_disposition' });
    expect(close({ lossAvoided: -1 })).toMatchObject({ ok: false, code: 'invalid_argument' });
    expect(close({ lossAvoided: Number.NaN })).toMatchObject({ ok: false, code: 'invalid_argument' });
    expect(close({ disposition: 'false_alarm', note: '  ' })).toMatchObject({ ok: false, code: 'invalid_disposition' });
    expect(close({ disposition: 'false_alarm', lossAvoided: 5 })).toMatchObject({ ok: false, code: 'invalid_disposition' });
    expect(close({ disposition: 'refused', lossAvoided: 5 })).toMatchObject({ ok: false, code: 'invalid_disposition' });
    expect(close({ disposition: 'unreachable' }).ok).toBe(true);
    expect(close({ note: 'x'.repeat(2001) })).toMatchObject({ ok: false, code: 'invalid_argument' });
  });
  it('before signing only false_alarm closes', () => {
    expect(close({ disposition: 'unreachable' }, 'dispatched')).toMatchObject({ ok: false, code: 'illegal_transition' });
  });
  it('reopen cancels follow-ups and re-arms the auto-contact timer', () => {
    const r = transition('closed', { type: 'reopen', reason: 'victim report' }, ctx());
    expect(r.ok && r.effects).toEqual([
      { type: 'cancel_followups' },
      { type: 'schedule_timer', timer: 'auto_contact', dueAt: T0 + 60_000 },
    ]);
  });
  it('rejects empty ids and reasons', () => {
    expect(transition('new', { type: 'dispatch', unitId: ' ' }, ctx())).toMatchObject({ ok: false, code: 'invalid_argument' });
    expect(transition('dispatched', { type: 'sign', userId: '' }, ctx())).toMatchObject({ ok: false, code: 'invalid_argument' });
    expect(transition('new', { type: 'escalate', reason: '' }, ctx())).toMatchObject({ ok: false, code: 'invalid_argument' });
    expect(transition('closed', { type: 'reopen', reason: '' }, ctx())).toMatchObject({ ok: false, code: 'invalid_argument' });
  });
  it('escalation notifies the unit duty officer and the supervising level', () => {
    const r = transition('dispatched', { type: 'escalate', reason: '签收超时' }, ctx());
    expect(r.ok && r.effects.map((e) => e.type)).toEqual(['notify_unit', 'notify_supervisor']);
  });
});

describe('timer expiry', () => {
  it('maps each timer to the next level of action, and ignores stale fires', () => {
    expect(commandForExpiredTimer('auto_contact', 'new', ctx())).toEqual({ type: 'dispatch', unitId: 'u-station' });
    expect(commandForExpiredTimer('auto_contact', 'new', ctx({ routedUnitId: undefined }))?.type).toBe('escalate');
    expect(commandForExpiredTimer('auto_contact', 'dispatched', ctx())).toBeNull();
    expect(commandForExpiredTimer('call_result', 'auto_contact', ctx())).toEqual({ type: 'auto_contact_result', outcome: 'failed' });
    expect(commandForExpiredTimer('call_result', 'dispatched', ctx())).toBeNull();
    expect(commandForExpiredTimer('sign', 'dispatched', ctx())?.type).toBe('escalate');
    expect(commandForExpiredTimer('sign', 'signed', ctx())).toBeNull();
    expect(commandForExpiredTimer('visit', 'signed', ctx())?.type).toBe('escalate');
    expect(commandForExpiredTimer('visit', 'visiting', ctx())).toBeNull();
    expect(commandForExpiredTimer('visit', 'closed', ctx())).toBeNull();
  });
  it('every command produced by an expiry is itself a legal transition', () => {
    for (const [timer, state] of [['auto_contact', 'new'], ['call_result', 'auto_contact'], ['sign', 'dispatched'], ['visit', 'contacting']] as const) {
      const cmd = commandForExpiredTimer(timer, state, ctx());
      expect(cmd && transition(state, cmd, ctx()).ok).toBe(true);
    }
  });
});
