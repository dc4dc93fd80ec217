import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FULL_MASK, maskAccount, maskAddress, maskName, maskPhone, maskResidentId } from './mask.ts';
import { normalizePhone } from './phone.ts';
import { residentIdCheckChar } from './resident-id.ts';

const digitsIn = (s: string) => s.replace(/\D/g, '');

describe('maskPhone', () => {
  it.each([
    ['13800138000', '138****8000'],
    ['+86 138-0013-8000', '138****8000'],
    ['008613800138000', '138****8000'],
    ['+8613800138000', '138****8000'],
    ['010-62345678', '010****5678'],
    ['0771-2345678', '0771****5678'],
    ['+852 2345 6789', '+852****6789'],
    ['+1 212 555 1234', '+1****1234'],
    ['95588', '95588'],
    ['0778-96110', '077896110'],
    ['400-812-3123', '4008123123'], // public numbers are not personal data
    ['+0085296110', '+85296110'], // a spoof is shown as written, prefix and all
    ['0013800138000', '138****8000'], // spoof of a mobile: that mobile may be a real person's
    ['', FULL_MASK],
    ['abc', FULL_MASK],
    ['87654321', FULL_MASK],
    ['1380013800', FULL_MASK],
  ])('%j → %s', (raw, want) => expect(maskPhone(raw)).toBe(want));

  it('never throws on non-strings', () => expect(maskPhone(null as unknown as string)).toBe(FULL_MASK));

  it('property: a mobile reveals exactly its first 3 and last 4 digits, in place', () => {
    const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/)).map(([a, b]) => `1${a}${b}`);
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('', '+86 ', '0086'),
        (m, prefix) => maskPhone(prefix + m) === `${m.slice(0, 3)}****${m.slice(7)}`,
      ),
    );
  });
  it('property: unless it is a public service number, at most 8 digits are revealed and at least 4 hidden', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9 -]{0,20}$/), (s) => {
        const r = normalizePhone(s);
        const out = maskPhone(s);
        if (r.ok && r.kind === 'service') return true;
        return out === FULL_MASK || (out.includes('****') && digitsIn(out).length <= 8);
      }),
    );
  });
});

describe('maskResidentId', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    [' 110105 19491231 002X', '110105********002X'],
    ['110105491231002', '110105*****1002'],
    ['110105194912310021', '110105********0021'], // bad checksum: still personal data, masked the same way
    ['', FULL_MASK],
    ['1101051949', FULL_MASK],
    ['11010519491231002XX', FULL_MASK],
    ['abc', FULL_MASK],
  ])('%j → %s', (raw, want) => expect(maskResidentId(raw)).toBe(want));

  it('property: the birth date (digits 7–14) is never revealed; only first 6 and last 4 are', () => {
    const body = fc.stringMatching(/^\d{17}$/);
    fc.assert(
      fc.property(body, (f) => {
        const id = f + residentIdCheckChar(f);
        const out = maskResidentId(id);
        return (
          out.length === 18 &&
          out.slice(6, 14) === '********' &&
          out.slice(0, 6) === id.slice(0, 6) &&
          out.slice(14) === id.slice(14)
        );
      }),
    );
  });
});

describe('maskAccount', () => {
  it.each([
    ['6222021602001234567', '622202****4567'],
    ['6222 0216 0200 1234 567', '622202****4567'],
    ['6225880123456789', '622588****6789'],
    ['123456789012', '1234****9012'],
    ['1234567890', '****7890'],
    ['12345678', '****5678'],
    ['1234567', FULL_MASK],
    ['abc', FULL_MASK],
    ['', FULL_MASK],
    ['1'.repeat(31), FULL_MASK],
  ])('%j → %s', (raw, want) => expect(maskAccount(raw)).toBe(want));

  it('property: at most 10 digits and at most two thirds of the digits are revealed, taken from the ends', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8,30}$/), (s) => {
        const out = maskAccount(s);
        const [head, tail] = out.split('****') as [string, string];
        const shown = digitsIn(out).length;
        return shown <= 10 && shown <= (2 * s.length) / 3 && s.startsWith(head) && s.endsWith(tail);
      }),
    );
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['王小明', '王*明'],
    ['欧阳娜娜', '欧**娜'],
    ['李', '*'],
    [' 张三 ', '张*'],
    ['', ''],
    ['阿卜杜拉·买买提', '阿***·**提'],
    ['John Smith', 'J*** ****h'],
    ['𠮷野家', '𠮷*家'], // surrogate-pair first character
  ])('%j → %s', (raw, want) => expect(maskName(raw)).toBe(want));
  it('absurdly long or non-string input is fully masked', () => {
    expect(maskName('张'.repeat(65))).toBe(FULL_MASK);
    expect(maskName(undefined as unknown as string)).toBe(FULL_MASK);
  });
  it('property: same length in characters, at most the first and (for ≥3 chars) last character revealed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨'), { minLength: 1, maxLength: 8 }),
        (chars) => {
          const out = Array.from(maskName(chars.join('')));
          const revealed = out.filter((c) => c !== '*').length;
          return out.length === chars.length && revealed <= (chars.length >= 3 ? 2 : chars.length === 2 ? 1 : 0);
        },
      ),
    );
  });
});

describe('never throws', () => {
  it('property: arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) =>
        [maskPhone(s), maskResidentId(s), maskAccount(s), maskName(s)].every((x) => typeof x === 'string'),
      ),
    );
  });
  it('addresses keep the area down to the county, never the street or number', () => {
    expect(maskAddress('广西河池市金城江区新建路12号')).toBe('广西河池市金城江区***');
    expect(maskAddress('宜州区 城东社区 8 栋')).toBe('宜州区***');
    expect(maskAddress('新建路12号3单元')).toBe('新建路1***'); // at most half of it
    expect(maskAddress('金城江区')).toBe('金城***');
    expect(maskAddress('  ')).toBe(FULL_MASK);
  });
});
