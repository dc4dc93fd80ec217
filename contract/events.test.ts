import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { EventSchemas, type ZhiwangEvent } from './events.ts';

const call: ZhiwangEvent = {
  id: 'c1',
  source: 'telecom.cmcc',
  type: 'call',
  occurredAt: '2026-03-01T10:00:00+08:00',
  subject: { phone: '13800138000' },
  peer: '0085261234567',
  direction: 'in',
  durationSec: 1500,
  result: 'answered',
};

describe('event contract v1', () => {
  const check = Compile(EventSchemas.call);
  it('accepts a valid call and narrows by type', () => {
    expect(check.Check(call)).toBe(true);
    if (call.type === 'call') expect(call.durationSec).toBe(1500); // discriminated union: compiles only if typed
  });
  it.each([
    ['unknown field', { ...call, colour: 'red' }],
    ['negative duration', { ...call, durationSec: -1 }],
    ['bad result', { ...call, result: 'maybe' }],
    ['time without offset', { ...call, occurredAt: 'yesterday' }],
    ['source with spaces', { ...call, source: 'China Mobile' }],
  ])('rejects %s', (_name, ev) => expect(check.Check(ev)).toBe(false));
});
