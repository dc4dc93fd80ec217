import { describe, expect, it } from 'vitest';
import { roleFitsUnit } from './rules.ts';
import { passwordProblem } from '../../platform/auth/secrets.ts';

describe('roles and units', () => {
  it.each([
    ['station_officer', 'station', true],
    ['station_officer', 'city', false],
    ['bank_liaison', 'bank_branch', true],
    ['bank_liaison', 'station', false],
    ['telecom_liaison', 'telecom', true],
    ['center_analyst', 'city', true],
    ['grid_worker', 'grid', true],
    ['admin', 'root', true],
  ] as const)('%s in a %s unit: %s', (role, kind, ok) => expect(roleFitsUnit(role, kind)).toBe(ok));
});

describe('password policy', () => {
  it.each([
    ['short1A', 'at least 10'],
    ['alllowercaseletters', 'mix'],
    ['Officer-admin-1', 'username'],
  ])('rejects %s', (pw, reason) => expect(passwordProblem(pw, 'admin')).toContain(reason));
  it('accepts a decent password', () => expect(passwordProblem('Zhiwang-2026-ok', 'officer')).toBeNull());
});
