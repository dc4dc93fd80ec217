import { describe, expect, it } from 'vitest';
import { allowedActions } from './service.ts';
import { DEFAULT_SLA } from './sla.ts';

const ctx = { now: 0, level: 'high' as const, sla: DEFAULT_SLA, autoContactAttempts: 1, unitId: 'u1' };

describe('allowedActions (the buttons) come from the state machine', () => {
  it('offers what each state allows, nothing else', () => {
    expect(allowedActions('dispatched', ctx).sort()).toEqual(['close', 'dispatch', 'escalate', 'sign']);
    expect(allowedActions('signed', ctx).sort()).toEqual([
      'assign',
      'close',
      'escalate',
      'record_contact',
      'start_visit',
    ]);
    expect(allowedActions('visiting', ctx)).not.toContain('start_visit');
    expect(allowedActions('closed', ctx)).toEqual(['reopen']);
    expect(allowedActions('new', ctx)).not.toContain('sign');
  });
});
