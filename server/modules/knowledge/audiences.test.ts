import { describe, expect, it } from 'vitest';
import { audienceOf, talkingPointsFor } from './audiences.ts';

describe('talking points by audience', () => {
  it('merges the type points from the catalogue with the audience points', () => {
    const [p] = talkingPointsFor(['impersonate_authority'], 'elderly');
    expect(p!.name).toBe('冒充公检法及政府机关');
    expect(p!.points.length).toBeGreaterThan(0);
    expect(p!.audiencePoints).toContain('警察不会打电话让您转账，更不会让您去宾馆“隔离”');
    expect(talkingPointsFor(['impersonate_authority'], 'general')[0]!.audiencePoints).toEqual([]);
  });
  it('skips unknown types and duplicates', () => {
    expect(talkingPointsFor(['nope', 'brushing_rebate', 'brushing_rebate']).map((p) => p.fraudType)).toEqual([
      'brushing_rebate',
    ]);
  });
  it('guesses the audience', () => {
    expect(audienceOf({ age: 70 })).toBe('elderly');
    expect(audienceOf({ age: 30, occupation: 'finance' })).toBe('finance_staff');
    expect(audienceOf({ age: 19 })).toBe('student');
    expect(audienceOf({})).toBe('general');
  });
});
