import { describe, expect, it } from 'vitest';
import { formatReceipt, parseConcat, parseReceipt, splitUcs2, splitUdh, ucs2Decode } from './codec.ts';

describe('ucs2 split', () => {
  it('keeps 70 units in one part without UDH', () => {
    const s = '预'.repeat(70);
    const segs = splitUcs2(s, 7);
    expect(segs).toHaveLength(1);
    expect(segs[0]!.udh).toBeNull();
    expect(segs[0]!.payload.length).toBe(140);
  });
  it('splits 71 units into two parts of at most 134 octets with a concat UDH', () => {
    const s = '警'.repeat(71);
    const segs = splitUcs2(s, 200);
    expect(segs).toHaveLength(2);
    for (const [i, seg] of segs.entries()) {
      expect(seg.udh!.length + seg.payload.length).toBeLessThanOrEqual(140);
      expect(parseConcat(seg.udh!)).toEqual({ ref: 200, total: 2, seq: i + 1 });
    }
    expect(segs.map((x) => ucs2Decode(x.payload)).join('')).toBe(s);
  });
  it('never cuts a surrogate pair', () => {
    const s = 'a'.repeat(66) + '😀' + 'b'.repeat(10);
    const segs = splitUcs2(s, 1);
    const texts = segs.map((x) => ucs2Decode(x.payload));
    expect(texts.join('')).toBe(s);
    expect(texts[0]!.endsWith('a')).toBe(true);
  });
  it('splitUdh only when the UDHI bit is set', () => {
    const raw = Buffer.from([5, 0, 3, 1, 2, 1, 0x4e, 0x2d]);
    expect(splitUdh(raw, 0x40).body).toEqual(Buffer.from([0x4e, 0x2d]));
    expect(splitUdh(raw, 0).udh).toBeNull();
  });
});

describe('receipt text', () => {
  it('round-trips and parses a carrier variant', () => {
    const r = {
      id: 'ABC1',
      sub: 1,
      dlvrd: 1,
      submitDate: '2601010800',
      doneDate: '2601010801',
      stat: 'DELIVRD' as const,
      err: '000',
    };
    expect(parseReceipt(formatReceipt(r))).toEqual(r);
    expect(
      parseReceipt('id:77 sub:001 dlvrd:000 submit date:2601010800 done date:2601010805 stat:undeliv err:034 Text:x'),
    ).toMatchObject({ id: '77', stat: 'UNDELIV', err: '034' });
    expect(parseReceipt('hello')).toBeNull();
    expect(parseReceipt('id:1 stat:WHATEVER')).toBeNull();
  });
});
