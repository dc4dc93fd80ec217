import { describe, expect, it } from 'vitest';
import { EFFECT_KIND, EXTERNAL, isExternal, isStored } from './effects.ts';
import type { Effect } from './lifecycle.ts';

describe('the effect table', () => {
  it('places every effect: the outside world after the commit, rows in the transaction, a dispatch notice both', () => {
    expect([...EXTERNAL].sort()).toEqual(
      ['notify_officer', 'notify_supervisor', 'notify_unit', 'place_call', 'send_sms'].sort(),
    );
    const notify: Effect = { type: 'notify_unit', unitId: 'u', urgent: true, reason: 'r' };
    expect([isExternal(notify), isStored(notify)]).toEqual([true, true]);
    const timer: Effect = { type: 'schedule_timer', timer: 'sign', dueAt: 1 };
    expect([isExternal(timer), isStored(timer)]).toEqual([false, true]);
    expect(Object.values(EFFECT_KIND).every((k) => ['stored', 'external', 'both'].includes(k))).toBe(true);
  });

  it('a new Effect kind does not compile until it is placed', () => {
    // the table is `satisfies Record<Effect['type'], …>`: a table missing a kind is a type error
    // @ts-expect-error — every kind but one is missing
    const bad: Record<Effect['type'], string> = { place_call: 'external' };
    expect(bad).toBeTruthy();
  });
});
