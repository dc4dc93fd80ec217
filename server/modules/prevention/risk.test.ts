import { describe, expect, it } from 'vitest';
import { ageBand, riskGroups, type Signal } from './risk.ts';

const NOW = new Date('2026-12-02T00:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const sig = (over: Partial<Signal>): Signal => ({ kind: 'warning', fraudType: 'brushing_rebate', unitId: 'g1', birthYear: 2005, occupation: null, at: daysAgo(1), ...over });

describe('risk groups', () => {
  it('age bands', () => {
    expect([2010, 2000, 1970, 1950, null, 1800].map((y) => ageBand(y, NOW))).toEqual(['under_18', '18_40', '41_65', 'over_65', null, null]);
  });

  it('ranks a rising local group above a quiet one, with the counts behind it', () => {
    const signals = [
      ...Array.from({ length: 4 }, () => sig({})),
      sig({ kind: 'case' }),
      sig({ unitId: 'g2', fraudType: 'fake_investment', birthYear: 1960, at: daysAgo(20) }),
    ];
    const groups = riskGroups(signals, [{ unitId: 'g1', birthYear: 2005, occupation: '学生', n: 300 }, { unitId: 'g1', birthYear: 2004, occupation: '职员', n: 50 }], NOW);
    expect(groups[0]).toMatchObject({ fraudType: 'brushing_rebate', ageBand: '18_40', occupation: '学生', unitId: 'g1', rising: true,
      counts: { casesThisWeek: 1, warningsThisWeek: 4, casesPrevious4Weeks: 0, warningsPrevious4Weeks: 0, residents: 300 } });
    expect(groups[1]).toMatchObject({ occupation: '职员', counts: { residents: 50 } });
    const quiet = groups.find((g) => g.unitId === 'g2')!;
    expect(quiet).toMatchObject({ rising: false, counts: { warningsPrevious4Weeks: 1, residents: 0 } });
    expect(quiet.score).toBeLessThan(groups[1]!.score);
    expect(quiet.occupation).toBeUndefined();
  });

  it('occupation affinity: students rank above others for the same signals; old and future signals are ignored', () => {
    const g = riskGroups([sig({ fraudType: 'game_trade' }), sig({ at: daysAgo(60) }), sig({ at: new Date(NOW.getTime() + 1000) })],
      [{ unitId: 'g1', birthYear: 2005, occupation: '务工', n: 100 }, { unitId: 'g1', birthYear: 2005, occupation: '学生', n: 100 }], NOW);
    expect(g.map((x) => [x.fraudType, x.occupation])).toEqual([['game_trade', '学生'], ['game_trade', '务工']]);
  });

  it('occupation codes are matched and shown by their Chinese name', () => {
    const g = riskGroups([sig({})], [{ unitId: 'g1', birthYear: 2005, occupation: 'student', n: 10 }, { unitId: 'g1', birthYear: 2005, occupation: '学生', n: 5 }], NOW);
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ occupation: '学生', counts: { residents: 15 } });
  });

  it('the same signals give the same ranking (deterministic order on ties)', () => {
    const s = [sig({ unitId: 'b' }), sig({ unitId: 'a' })];
    expect(riskGroups(s, [], NOW).map((g) => g.unitId)).toEqual(['a', 'b']);
    expect(riskGroups([...s].reverse(), [], NOW).map((g) => g.unitId)).toEqual(['a', 'b']);
  });
});
