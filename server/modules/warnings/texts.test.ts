// A warning's summary as codes: only when the codes rebuild the stored Chinese exactly.
import { describe, expect, it } from 'vitest';
import { text } from '../../../contract/texts.ts';
import type { StoredRuleHit } from './schema.ts';
import { summaryTextOf } from './texts.ts';

const hit = (score: number, reason: string, withText = true): StoredRuleHit => ({
  ruleId: 'r',
  configVersion: '1',
  fraudTypes: [],
  score,
  reason,
  ...(withText ? { text: text('hit.listed_keyword', { keywords: reason }) } : {}),
  eventIds: [],
  at: '2026-01-01T00:00:00.000Z',
});

describe('summaryTextOf', () => {
  it("an engine warning: the three strongest hits' codes, strongest first, as the summary joined them", () => {
    const hits = [hit(10, 'a'), hit(40, 'b'), hit(20, 'c'), hit(30, 'd')];
    expect(summaryTextOf('engine', 'b；d；c', hits)?.map((t) => t.params.keywords)).toEqual(['b', 'd', 'c']);
  });
  it('none when the summary says something else, or a hit has no code (stored before codes were kept)', () => {
    expect(summaryTextOf('engine', 'b；d', [hit(40, 'b'), hit(30, 'd'), hit(1, 'x')])).toBeNull();
    expect(summaryTextOf('engine', 'b；d', [hit(40, 'b'), hit(30, 'd', false)])).toBeNull();
    expect(summaryTextOf('engine', null, [hit(40, 'b')])).toBeNull();
  });
  it('a hand entry or push: the generated summary has its code, one a person wrote has none', () => {
    expect(summaryTextOf('manual', '人工录入预警', [])).toEqual([text('summary.manual')]);
    expect(summaryTextOf('upstream', '上级推送预警', [])).toEqual([text('summary.upstream')]);
    expect(summaryTextOf('manual', '96110来电：对方自称客服', [])).toBeNull();
    expect(summaryTextOf('manual', '96110来电：对方自称客服', [hit(0, '96110来电：对方自称客服', false)])).toBeNull();
  });
  it("a summary the system wrote from a person's report: the hand entry's one hit carries its code", () => {
    const desk = { ...hit(0, '96110 来电：q', false), text: text('summary.desk_call', { question: 'q' }) };
    expect(summaryTextOf('manual', '96110 来电：q', [desk])).toEqual([desk.text]);
    expect(summaryTextOf('manual', '96110 来电：other', [desk])).toBeNull();
  });
});
