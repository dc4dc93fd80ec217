import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commandForExpiredTimer,
  initialEffects,
  transition,
  type Command,
  type Effect,
  type TransitionContext,
  type WarningState,
} from './lifecycle.ts';
import { DEFAULT_SLA, TIMER_KINDS, type TimerKind } from './sla.ts';

// Random command sequences against the state machine, with the timer effects applied to a set the way the
// repository will apply them. Invariants about timers are what make "a restart does not lose a timer" safe.
const cmd: fc.Arbitrary<Command> = fc.oneof(
  fc.constant<Command>({ type: 'start_auto_contact' }),
  fc
    .constantFrom('answered_safe', 'answered_help', 'busy', 'no_answer', 'failed')
    .map((outcome): Command => ({ type: 'auto_contact_result', outcome })),
  fc.constantFrom('u1', 'u2').map((unitId): Command => ({ type: 'dispatch', unitId })),
  fc.constant<Command>({ type: 'sign', userId: 'p1' }),
  fc.constant<Command>({ type: 'assign', userId: 'p2' }),
  fc.constant<Command>({ type: 'start_visit' }),
  fc.constant<Command>({ type: 'record_contact', channel: 'phone', reached: true }),
  fc
    .constantFrom('dissuaded', 'unreachable', 'refused', 'false_alarm')
    .map((disposition): Command => ({ type: 'close', disposition, note: 'n' })),
  fc.constant<Command>({ type: 'close', disposition: 'defrauded', loss: 100, note: 'n' }),
  fc.constant<Command>({ type: 'escalate', reason: 'r' }),
  fc.constant<Command>({ type: 'reopen', reason: 'r' }),
  fc.constant<Command>({ type: 'hand_over', reason: 'r' }),
);
/** A step is an officer's command or a stored timer running out (only an active one can fire). */
type Step = { cmd: Command } | { fire: TimerKind };
const step: fc.Arbitrary<Step> = fc.oneof(
  cmd.map((c) => ({ cmd: c })),
  fc.constantFrom(...TIMER_KINDS).map((t) => ({ fire: t })),
);

function apply(timers: Set<TimerKind>, effects: Effect[]): void {
  for (const e of effects) {
    if (e.type === 'schedule_timer') timers.add(e.timer);
    if (e.type === 'cancel_timer') timers.delete(e.timer);
  }
}

describe('lifecycle properties', () => {
  it('timers and states stay consistent under any command sequence', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('high', 'medium', 'low'),
        fc.boolean(),
        fc.array(step, { maxLength: 40 }),
        (level, routed, steps) => {
          let state: WarningState = 'new';
          let attempts = 0;
          const ctx = (): TransitionContext => ({
            now: 0,
            level,
            sla: DEFAULT_SLA,
            routedUnitId: routed ? 'u1' : undefined,
            unitId: 'u1',
            autoContactAttempts: attempts,
          });
          const timers = new Set<TimerKind>();
          apply(timers, initialEffects(ctx()));
          for (const s of steps) {
            let c: Command | null;
            if ('fire' in s) {
              if (!timers.has(s.fire)) continue;
              timers.delete(s.fire); // claimed: a fired timer is consumed whatever it leads to
              c = commandForExpiredTimer(s.fire, state, ctx());
              if (!c) continue;
            } else c = s.cmd;
            const r = transition(state, c, ctx());
            if (!r.ok) continue;
            for (const e of r.effects) if (e.type === 'place_call') attempts = e.attempt;
            apply(timers, r.effects);
            state = r.next;
            if (state === 'closed') expect(timers.size).toBe(0);
            // every open warning is in someone's queue with a deadline
            else expect(timers.size).toBeGreaterThan(0);
            // the sign-for deadline fires once; the face-to-face deadline runs (and re-arms) until someone goes
            if (state === 'dispatched') expect(timers.has('visit')).toBe(true);
            if (state === 'dispatched' && c.type === 'dispatch') expect(timers.has('sign')).toBe(true);
            if (state === 'review') expect(timers.has('review')).toBe(true);
            if (state === 'routing') expect(timers.has('route')).toBe(true);
            if (state === 'visiting') expect(timers.has('visit')).toBe(false);
            if (state === 'auto_contact' && c.type === 'start_auto_contact')
              expect(timers.has('call_result')).toBe(true);
            // a case is opened only by a defrauded close, and always with a stop-payment request beside it
            const types = r.effects.map((e) => e.type);
            expect(types.includes('open_case')).toBe(types.includes('request_stop_payment'));
            if (types.includes('open_case')) expect(c).toMatchObject({ type: 'close', disposition: 'defrauded' });
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
