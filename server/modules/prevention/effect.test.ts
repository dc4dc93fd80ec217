import { describe, expect, it } from 'vitest';
import { campaignEffect, checkSmsText, inHoldout, wilson } from './effect.ts';

describe('campaign effect', () => {
  it('counts, rates and a confidence interval of the difference', () => {
    const e = campaignEffect({ people: 800, victims: 4 }, { people: 200, victims: 8 })!;
    expect(e.target.rate).toBe(0.005);
    expect(e.holdout.rate).toBe(0.04);
    expect(e.difference).toBeCloseTo(-0.035, 6);
    expect(e.ci95[0]).toBeLessThan(e.difference);
    expect(e.ci95[1]).toBeGreaterThan(e.difference);
    expect(e.ci95[1]).toBeLessThan(0);
    expect(e.significant).toBe(true);
  });
  it('small groups are not significant; zero counts still give an interval', () => {
    const e = campaignEffect({ people: 20, victims: 0 }, { people: 5, victims: 0 })!;
    expect(e.difference).toBe(0);
    expect(e.ci95[0]).toBeLessThan(0);
    expect(e.ci95[1]).toBeGreaterThan(0);
    expect(e.significant).toBe(false);
    expect(campaignEffect({ people: 0, victims: 0 }, { people: 5, victims: 0 })).toBeNull();
  });
  it('Wilson interval of 0/10 and 10/10', () => {
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(10, 10)[1]).toBe(1);
    expect(wilson(5, 10)[0]).toBeCloseTo(0.2366, 3);
  });
  it('the holdout is stable and about its share', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `p${i}`);
    const n = ids.filter((id) => inHoldout('c1', id, 0.2)).length;
    expect(n / ids.length).toBeGreaterThan(0.17);
    expect(n / ids.length).toBeLessThan(0.23);
    expect(ids.filter((id) => inHoldout('c1', id, 0.2)).length).toBe(n);
  });
  it('SMS texts carry no links', () => {
    expect(checkSmsText('【河池反诈】刷单就是诈骗，详见 http://x.cn')).toMatch(/no links/);
    expect(checkSmsText('【河池反诈】刷单就是诈骗，访问 fanzha.top 领取')).toMatch(/no links/);
    expect(checkSmsText('【河池反诈】所有刷单都是诈骗，先垫付后返利的都是骗局。')).toBeNull();
  });
});
