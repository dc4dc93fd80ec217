import { expect, it } from 'vitest';
import { FRAUD_TYPES } from '../fraud-types/index.ts';
import { checkContent, containsLink, diffContent, indexTokens, nextStatus, queryTokens } from './content.ts';
import { seedContent, seedEntries } from './seed.ts';

it('jieba search tokens: the short word inside a longer one is indexed, punctuation is not', () => {
  const t = indexTokens('网上刷单返利兼职，日赚三百！').split(' ');
  expect(t).toEqual(expect.arrayContaining(['刷单', '返利', '兼职']));
  expect(t.some((x) => /[，！]/.test(x))).toBe(false);
  expect(queryTokens('安全账户')).toEqual(['安全', '账户']);
  expect(queryTokens("x' | y")).toEqual(['x', 'y']); // nothing that could break a tsquery
});

it('link check: schemes, www, domains (also full-width dots), short links, IPs; plain Chinese and 96110 pass', () => {
  for (const bad of ['https://a.cn', 'www.abc', 'abc.com', 'abc。com', 't.cn/A6xyz1', 'dwz.cn/abcd', '1.2.3.4'])
    expect(containsLink(bad), bad).toBe(true);
  for (const ok of ['请拨打96110咨询', '转账前请核实，金额3.5万元', '公检法不会电话办案'])
    expect(containsLink(ok), ok).toBe(false);
});

it('every seeded entry is valid content: SMS and call texts pass the link check', () => {
  expect(seedEntries()).toHaveLength(FRAUD_TYPES.length);
  for (const e of seedEntries()) {
    expect(checkContent(e.content), e.code).toEqual([]);
    expect(e.content.smsTemplates.length, e.code).toBeGreaterThan(0);
    expect(e.content.talkingPoints.general.length, e.code).toBeGreaterThan(0);
  }
});

it('review lifecycle and diff', () => {
  expect(nextStatus('draft', 'submit')).toBe('in_review');
  expect(nextStatus('draft', 'publish')).toBeNull();
  expect(nextStatus('in_review', 'publish')).toBe('published');
  expect(nextStatus('in_review', 'reject')).toBe('draft');
  expect(nextStatus('published', 'edit')).toBeNull();
  const a = seedContent(FRAUD_TYPES[0]!);
  const b = { ...a, smsTemplates: ['新短信'], signals: [...a.signals, '新信号'] };
  expect(diffContent(a, b)).toEqual([
    { field: 'signals', removed: [], added: ['新信号'] },
    { field: 'smsTemplates', removed: a.smsTemplates, added: ['新短信'] },
  ]);
});
