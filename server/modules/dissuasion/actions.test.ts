import { describe, expect, it } from 'vitest';
import { allowedActions } from './service.ts';
import { DEFAULT_SLA } from './sla.ts';
import { ROLE_PERMISSIONS, type Role } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/actor.ts';

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

const actorAs = (role: Role): Actor => ({
  kind: 'user',
  id: role,
  name: role,
  role,
  unitId: 'u1',
  unitPath: '/',
  permissions: new Set(ROLE_PERMISSIONS[role]),
});

describe('allowedActions offers only what the role may do', () => {
  it('a leader reads a closed warning but is offered no 重开 (the action would answer 403)', () => {
    expect(allowedActions('closed', ctx, actorAs('leader'))).toEqual([]);
    expect(allowedActions('dispatched', ctx, actorAs('leader'))).toEqual([]);
  });
  it('a station officer is offered what the state allows', () => {
    expect(allowedActions('closed', ctx, actorAs('station_officer'))).toEqual(['reopen']);
  });
});
