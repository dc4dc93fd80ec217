import { describe, expect, it } from 'vitest';
import {
  addYears, checkDuration, MEASURE_STATUSES, restricts, transition, type ActorKind, type MeasureEvent, type MeasureState, type MeasureStatus,
} from './lifecycle.ts';

const END = new Date('2028-12-01T00:00:00Z');
const state = (status: MeasureStatus): MeasureState => ({ status, proposedBy: 'p', confirmedBy: status === 'proposed' ? null : 'c', endsAt: END });

// The full table: status × event (by a third user, at the due time) → next status or refusal.
const EXPECTED: Record<MeasureStatus, Partial<Record<string, MeasureStatus>>> = {
  proposed: { confirm: 'in_force', reject: 'rejected' },
  rejected: {},
  in_force: { ack: 'executed', appeal: 'appealed', expire: 'expired' },
  executed: { appeal: 'appealed', expire: 'expired' },
  appealed: { decideUp: 'upheld', decideDown: 'revoked', expire: 'expired' },
  upheld: { expire: 'expired' },
  revoked: { release: 'released' },
  released: {},
  expired: {},
};
const EVENTS: Record<string, MeasureEvent> = {
  confirm: { type: 'confirm', by: 'x', byKind: 'user' },
  reject: { type: 'reject', by: 'x', byKind: 'user' },
  ack: { type: 'ack', by: 'x', byKind: 'user' },
  appeal: { type: 'appeal', by: 'x', byKind: 'user' },
  decideUp: { type: 'decide', by: 'x', byKind: 'user', upheld: true },
  decideDown: { type: 'decide', by: 'x', byKind: 'user', upheld: false },
  release: { type: 'release', by: 'x', byKind: 'user' },
  expire: { type: 'expire', at: END },
};

describe('measure lifecycle', () => {
  for (const s of MEASURE_STATUSES) {
    for (const [name, e] of Object.entries(EVENTS)) {
      const want = EXPECTED[s][name];
      it(`${s} + ${name} → ${want ?? 'refused'}`, () => {
        const r = transition(state(s), e);
        if (want) expect(r).toEqual({ ok: true, status: want });
        else expect(r).toEqual({ ok: false, reason: 'not_allowed_in_status' });
      });
    }
  }

  it('the proposer cannot confirm their own proposal, the system and tokens cannot confirm at all', () => {
    expect(transition(state('proposed'), { type: 'confirm', by: 'p', byKind: 'user' })).toEqual({ ok: false, reason: 'same_person' });
    expect(transition(state('proposed'), { type: 'confirm', by: 'system', byKind: 'system' })).toEqual({ ok: false, reason: 'needs_a_person' });
    expect(transition(state('proposed'), { type: 'confirm', by: 't', byKind: 'token' })).toEqual({ ok: false, reason: 'needs_a_person' });
  });

  it('an appeal is decided by a third person', () => {
    for (const by of ['p', 'c']) {
      expect(transition(state('appealed'), { type: 'decide', by, byKind: 'user', upheld: true })).toEqual({ ok: false, reason: 'same_person' });
    }
    expect(transition(state('appealed'), { type: 'decide', by: 'x', byKind: 'system', upheld: false })).toEqual({ ok: false, reason: 'needs_a_person' });
  });

  it('expiry waits for the end date', () => {
    expect(transition(state('executed'), { type: 'expire', at: new Date(END.getTime() - 1) })).toEqual({ ok: false, reason: 'not_yet_due' });
  });

  it('no sequence of events without a person confirming ever restricts anyone', () => {
    // every event except a user's confirm, by every kind of actor: exhaustively up to 4 steps from proposed
    const kinds: ActorKind[] = ['user', 'token', 'system'];
    const events: MeasureEvent[] = [
      ...kinds.flatMap((k): MeasureEvent[] => [
        { type: 'reject', by: 'x', byKind: k }, { type: 'ack', by: 'x', byKind: k }, { type: 'appeal', by: 'x', byKind: k },
        { type: 'decide', by: 'x', byKind: k, upheld: true }, { type: 'decide', by: 'x', byKind: k, upheld: false },
        { type: 'release', by: 'x', byKind: k },
      ]),
      { type: 'confirm', by: 'p', byKind: 'user' }, // the proposer
      { type: 'confirm', by: 's', byKind: 'system' },
      { type: 'confirm', by: 't', byKind: 'token' },
      { type: 'expire', at: END },
    ];
    let visited = 0;
    const walk = (s: MeasureState, depth: number) => {
      visited++;
      expect(restricts(s.status)).toBe(false);
      if (depth === 0) return;
      for (const e of events) {
        const r = transition(s, e);
        if (r.ok) walk({ ...s, status: r.status }, depth - 1);
      }
    };
    walk(state('proposed'), 4);
    expect(visited).toBeGreaterThan(1); // reject was reachable: the walk did move
  });

  it('only confirmed states restrict', () => {
    expect(MEASURE_STATUSES.filter(restricts)).toEqual(['in_force', 'executed', 'appealed', 'upheld']);
  });
});

describe('durations', () => {
  const start = new Date('2026-12-02T00:00:00Z');
  it('2 or 3 years', () => {
    expect(checkDuration({ startsAt: start, endsAt: addYears(start, 2) }, [])).toBeNull();
    expect(checkDuration({ startsAt: start, endsAt: addYears(start, 3) }, [])).toBeNull();
    expect(checkDuration({ startsAt: start, endsAt: addYears(start, 1) }, [])).toBe('term_too_short');
    expect(checkDuration({ startsAt: start, endsAt: addYears(start, 4) }, [])).toBe('term_too_long');
    expect(checkDuration({ startsAt: start, endsAt: start }, [])).toBe('ends_before_start');
  });
  it('at most 5 consecutive years', () => {
    const first = { startsAt: addYears(start, -3), endsAt: start };
    expect(checkDuration({ startsAt: start, endsAt: addYears(start, 2) }, [first])).toBeNull();
    expect(checkDuration({ startsAt: start, endsAt: addYears(start, 3) }, [first])).toBe('more_than_consecutive_limit');
    // a gap of a year breaks the chain
    const old = { startsAt: addYears(start, -4), endsAt: addYears(start, -1) };
    expect(checkDuration({ startsAt: start, endsAt: addYears(start, 3) }, [old])).toBeNull();
    // chains over several earlier terms
    const a = { startsAt: addYears(start, -4), endsAt: addYears(start, -2) }, b = { startsAt: addYears(start, -2), endsAt: start };
    expect(checkDuration({ startsAt: start, endsAt: addYears(start, 2) }, [b, a])).toBe('more_than_consecutive_limit');
  });
  it('29 February plus years is 28 February', () => {
    expect(addYears(new Date('2028-02-29T00:00:00Z'), 2).toISOString()).toBe('2030-02-28T00:00:00.000Z');
  });
});
