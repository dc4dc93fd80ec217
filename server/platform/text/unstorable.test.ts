import { describe, expect, it } from 'vitest';
import { findUnstorableText, hasUnstorableText } from './unstorable.ts';

describe('text PostgreSQL cannot store', () => {
  it.each([
    ['a\u0000b', true],
    ['\ud800', true],
    ['x\udc00', true],
    ['\udc00\ud800', true], // a low then a high surrogate is not a pair
    ['😀 emoji (a surrogate pair)', false],
    ['罗小明 新建路8号', false],
    ['tab\tand newline\n', false],
    ['', false],
  ])('%j → %s', (text, bad) => expect(hasUnstorableText(text)).toBe(bad));

  it('names the first bad string or key inside arrays and objects', () => {
    expect(findUnstorableText({ name: 'ok', items: [{ a: 'fine' }, { reason: 'x\u0000' }] })).toBe('items.1.reason');
    expect(findUnstorableText({ ['k\u0000']: 1 })).toBe('k\ufffd');
    expect(findUnstorableText('\ud800')).toBe('');
    expect(findUnstorableText({ n: 1, b: true, z: null, list: ['a', 'b'] })).toBeNull();
  });
});
