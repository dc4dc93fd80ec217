import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialEffects, transition, type Command, type Effect, type TransitionContext, type WarningState } from './lifecycle.ts';
import { DEFAULT_SLA, type TimerKind } from './sla.ts';

// Random command sequences against the state machine, with the timer effects applied to a set the way the
// repository will apply them. Invariants about timers are what make "a restart does not lose a timer" safe.
const cmd: fc.Arbitrary<Command> = fc.oneof(
  fc.constant<Command>({ type: 'start_auto_contact' }),
  fc.constantFrom('answered_safe', 'answered_help', 'busy', 'no_answer', 'failed').map((outcome): Command => ({ type: 'auto_contact_result', outcome })),
  fc.constantFrom('u1', 'u2').map((unitId): Command => ({ type: 'dispatch', unitId })),
  fc.constant<Command>({ type: 'sign', userId: 'p1' }),
  fc.constant<Command>({ type: 'assign', userId: 'p2' }),
  fc.constant<Command>({ type: 'start_visit' }),
  fc.constant<Command>({ type: 'record_contact', channel: 'phone', reached: true }),
  fc.constantFrom('dissuaded', 'unreachable', 'refused', 'false_alarm').map((disposition): Command => ({ type: 'close', disposition, note: 'n' })),
  fc.constant<Command>({ type: 'close', disposition: 'defrauded', loss: 100, note: 'n' }),
  fc.constant<Command>({ type: 'escalate', reason: 'r' }),
  fc.constant<Command>({ type: 'reopen', reason: 'r' }),
);

function apply(timers: Set<TimerKind>, effects: Effect[]): void {
  for (const e of effects) {
    if (e.type === 'schedule_timer') timers.add(e.timer);
    if (e.type === 'cancel_timer') timers.delete(e.timer);
  }
}

describe('lifecycle properties', () => {
  it('timers and states stay consistent under any command sequence', () => {
    fc.assert(fc.property(fc.constantFrom('high', 'medium', 'low'), fc.boolean(), fc.array(cmd, { maxLength: 40 }), (level, routed, cmds) => {
      let state: WarningState = 'new';
      let attempts = 0;
      const ctx = (): TransitionContext => ({ now: 0, level, sla: DEFAULT_SLA, routedUnitId: routed ? 'u1' : undefined, unitId: 'u1', autoContactAttempts: attempts });
      const timers = new Set<TimerKind>();
      apply(timers, initialEffects(ctx()));
      for (const c of cmds) {
        const r = transition(state, c, ctx());
        if (!r.ok) continue;
        for (const e of r.effects) if (e.type === 'place_call') attempts = e.attempt;
        apply(timers, r.effects);
        state = r.next;
        if (state === 'closed') expect(timers.size).toBe(0);
        if (state === 'dispatched') expect(timers.has('sign') && timers.has('visit')).toBe(true);
        if (state === 'visiting') expect(timers.has('visit')).toBe(false);
        if (state === 'auto_contact' && c.type === 'start_auto_contact') expect(timers.has('call_result')).toBe(true);
        // a case is opened only by a defrauded close, and always with a stop-payment request beside it
        const types = r.effects.map((e) => e.type);
        expect(types.includes('open_case')).toBe(types.includes('request_stop_payment'));
        if (types.includes('open_case')) expect(c).toMatchObject({ type: 'close', disposition: 'defrauded' });
      }
    }), { numRuns: 2000 });
  });
});
