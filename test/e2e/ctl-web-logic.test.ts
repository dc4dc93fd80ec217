import { describe, expect, it } from 'vitest';
import { canMove, RETURN_STATUSES } from '../../server/modules/returns/lifecycle.ts';
import { ROLE_PERMISSIONS, type Role } from '../../server/platform/auth/policy.ts';
import { daysLeft, importProblems, needsReason, RETURN_NEXT } from '../../web/src/features/returns/transitions.ts';
import { visibleMenu } from '../../web/src/layout/menu.tsx';
import { en as prevEn } from '../../web/src/i18n/en.ts';

// Pure logic of the door-to-door, talks and 劝返 pages (unit project): the web's copy of the server's state machine
// agrees on every pair, import refusals are read row by row, and the menu follows the server's role rules.

describe('劝返 transitions mirror the server', () => {
  it('allows exactly the moves the server allows', () => {
    for (const from of RETURN_STATUSES)
      for (const to of RETURN_STATUSES)
        expect([from, to, RETURN_NEXT[from].includes(to)]).toEqual([from, to, canMove(from, to)]);
    expect(Object.keys(RETURN_NEXT).sort()).toEqual([...RETURN_STATUSES].sort());
    expect(needsReason('written_off')).toBe(true);
    expect(needsReason('returned')).toBe(false);
  });

  it('counts days to the due date, negative when overdue', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(daysLeft('2026-03-13T12:00:00Z', now)).toBe(3);
    expect(daysLeft('2026-03-08T12:00:00Z', now)).toBe(-2);
  });

  it('reads the import refusal row by row, sorted', () => {
    expect(
      importProblems([
        { field: 'row 5: 身份证号', reason: 'not a valid resident ID number' },
        { field: 'row 3: 姓名', reason: 'required' },
        { field: 'file', reason: 'no rows' },
      ]),
    ).toEqual([
      { row: 0, field: 'file', reason: 'no rows' },
      { row: 3, field: '姓名', reason: 'required' },
      { row: 5, field: '身份证号', reason: 'not a valid resident ID number' },
    ]);
  });
});

describe('menu of the control and education pages', () => {
  const labelsOf = (role: Role) =>
    visibleMenu((p) => (ROLE_PERMISSIONS[role] as readonly string[]).includes(p)).flatMap((e) => [
      e.label,
      ...(e.children ?? []).map((c) => c.label),
    ]);
  it('shows each page to the roles the server lets use it', () => {
    expect(labelsOf('grid_worker')).toContain('menu.door');
    expect(labelsOf('grid_worker')).not.toContain('menu.returns');
    expect(labelsOf('center_analyst')).toEqual(expect.arrayContaining(['menu.door', 'menu.talks', 'menu.returns']));
    expect(labelsOf('station_officer')).toEqual(expect.arrayContaining(['menu.door', 'menu.talks', 'menu.returns']));
    expect(labelsOf('leader')).toEqual(expect.arrayContaining(['menu.talks', 'menu.returns']));
    expect(labelsOf('leader')).not.toContain('menu.door'); // a leader records no visits
    for (const r of ['bank_liaison', 'telecom_liaison', 'admin'] as const)
      expect(labelsOf(r).filter((l) => ['menu.door', 'menu.talks', 'menu.returns'].includes(l))).toEqual([]);
    expect(prevEn['menu.returns']).toBeTruthy();
  });
});
