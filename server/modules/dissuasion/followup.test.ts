import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FOLLOWUP,
  findWarnedThenDefrauded,
  followupPeriodEnd,
  parseFollowupConfig,
  scheduleFollowups,
  subjectKeys,
  warnedThenDefraudedByUnit,
  type WarnedRecord,
} from './followup.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 8);

describe('follow-up schedule', () => {
  it('default days 1, 7, 30, 60, 90 for the grid worker', () => {
    const tasks = scheduleFollowups({ warningId: 'w1', closedAt: T0, unitId: 'u1', gridWorkerId: 'g7' });
    expect(tasks.map((t) => (t.dueAt - T0) / DAY)).toEqual([1, 7, 30, 60, 90]);
    expect(tasks.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(tasks.map((t) => JSON.stringify(t.assignee)))).toEqual(
      new Set([JSON.stringify({ kind: 'grid_worker', id: 'g7' })]),
    );
    expect(tasks[0]!.configVersion).toBe(DEFAULT_FOLLOWUP.version);
  });
  it('falls back to the unit without a grid worker; honours a custom config', () => {
    const cfg = { version: 'x', days: [3, 14] };
    const tasks = scheduleFollowups({ warningId: 'w1', closedAt: T0, unitId: 'u1' }, cfg);
    expect(tasks.map((t) => t.day)).toEqual([3, 14]);
    expect(tasks[0]!.assignee).toEqual({ kind: 'unit', id: 'u1' });
    expect(followupPeriodEnd(T0, cfg)).toBe(T0 + 14 * DAY);
  });
  it('validates config', () => {
    expect(parseFollowupConfig(DEFAULT_FOLLOWUP).ok).toBe(true);
    expect(parseFollowupConfig({ version: 'x', days: [7, 1] })).toEqual({
      ok: false,
      errors: ['/days must be strictly increasing'],
    });
    expect(parseFollowupConfig({ version: 'x', days: [1, 1] }).ok).toBe(false);
    expect(parseFollowupConfig({ version: 'x', days: [] }).ok).toBe(false);
    expect(parseFollowupConfig({ version: 'x', days: [0] }).ok).toBe(false);
    expect(parseFollowupConfig({ version: 'x', days: [400] }).ok).toBe(false);
  });
});

describe('预警后被骗', () => {
  const keys = subjectKeys({ phones: ['+86 138-0013-8000'], residentId: '11010519491231002x' });
  const warned = (over: Partial<WarnedRecord> = {}): WarnedRecord => ({
    warningId: 'w1',
    unitId: 'u1',
    subjectKeys: keys,
    closedAt: T0,
    disposition: 'dissuaded',
    flagged: false,
    ...over,
  });
  const victim = (at: number, k = subjectKeys({ phones: ['13800138000'] })) => ({
    kind: 'case' as const,
    id: 'c9',
    subjectKeys: k,
    at,
  });

  it('subject keys normalise phone format and ID case', () => {
    expect(keys).toEqual(['p:13800138000', 'i:11010519491231002X']);
  });
  it('flags a warned subject defrauded within the period, with the rule id and days', () => {
    expect(findWarnedThenDefrauded(victim(T0 + 45 * DAY), [warned()])).toEqual([
      {
        warningId: 'w1',
        unitId: 'u1',
        victimKind: 'case',
        victimId: 'c9',
        daysAfterClose: 45,
        rule: 'followup.warned_then_defrauded.v1',
      },
    ]);
  });
  it('edges: at close no, 1 ms after yes, last instant of day 90 yes, after no', () => {
    expect(findWarnedThenDefrauded(victim(T0), [warned()])).toHaveLength(0);
    expect(findWarnedThenDefrauded(victim(T0 + 1), [warned()])).toHaveLength(1);
    expect(findWarnedThenDefrauded(victim(T0 + 90 * DAY), [warned()])).toHaveLength(1);
    expect(findWarnedThenDefrauded(victim(T0 + 90 * DAY + 1), [warned()])).toHaveLength(0);
  });
  it("uses the warning's own follow-up config for the period", () => {
    expect(
      findWarnedThenDefrauded(victim(T0 + 20 * DAY), [warned({ followupConfig: { version: 'short', days: [1, 14] } })]),
    ).toHaveLength(0);
  });
  it('needs a shared identity key; matches on the resident ID too', () => {
    expect(findWarnedThenDefrauded(victim(T0 + DAY, ['p:13900139000']), [warned()])).toHaveLength(0);
    expect(findWarnedThenDefrauded(victim(T0 + DAY, ['i:11010519491231002X']), [warned()])).toHaveLength(1);
  });
  it('skips warnings already flagged, closed as defrauded, and the victim warning itself; counts false alarms', () => {
    const ev = { kind: 'warning_defrauded' as const, id: 'w2', subjectKeys: keys, at: T0 + 2 * DAY };
    const res = findWarnedThenDefrauded(ev, [
      warned({ warningId: 'a', flagged: true }),
      warned({ warningId: 'b', disposition: 'defrauded' }),
      warned({ warningId: 'w2' }),
      warned({ warningId: 'c', disposition: 'false_alarm' }),
      warned({ warningId: 'd', disposition: 'refused', unitId: 'u2' }),
    ]);
    expect(res.map((r) => r.warningId)).toEqual(['c', 'd']);
  });
  it('KPI per unit over [from, to)', () => {
    const flags = [
      { unitId: 'u1', at: T0 },
      { unitId: 'u1', at: T0 + DAY },
      { unitId: 'u2', at: T0 + 2 * DAY },
    ];
    expect(warnedThenDefraudedByUnit(flags, T0, T0 + 2 * DAY)).toEqual({ u1: 2 });
  });
});
