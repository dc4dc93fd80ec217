import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMatcher } from './matcher.ts';

describe('Aho–Corasick matcher', () => {
  it('finds overlapping and nested Chinese phrases', () => {
    const pats = ['安全账户', '账户', '资金清查', '清查', '刷单', '刷单返利'];
    const m = buildMatcher(pats);
    const found = m
      .matchAll('请把钱转入安全账户配合资金清查，刷单返利')
      .map((i) => pats[i])
      .sort();
    expect(found).toEqual(['刷单', '刷单返利', '安全账户', '清查', '账户', '资金清查'].sort());
  });
  it('finds nothing in benign text', () => {
    expect(buildMatcher(['安全账户', '刷单']).matchAll('您本月工资已到账，请查收')).toEqual([]);
  });
  it('agrees with naive indexOf on random inputs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '安', '全'), minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.string({ unit: fc.constantFrom('a', 'b', '安', '全', 'c'), maxLength: 30 }),
        (pats, text) => {
          const got = buildMatcher(pats)
            .matchAll(text)
            .map((i) => pats[i]);
          const want = pats.filter((p) => text.includes(p));
          expect(new Set(got)).toEqual(new Set(want));
        },
      ),
    );
  });
});
