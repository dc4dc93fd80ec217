import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, parseCreditCode } from './credit-code.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('parseCreditCode: published codes', () => {
  // Real codes from the public enterprise credit registry; both their GB 32100 and embedded GB 11714
  // check characters are right, which a mis-remembered code would fail with probability 1 - 1/341.
  it.each([
    ['91440300708461136T', '440300'], // 深圳市腾讯计算机系统有限公司
    ['914403001922038216', '440300'], // 华为技术有限公司 (an all-digit code)
    ['91330100716105852F', '330100'],
    ['91330100799655058B', '330100'],
    ['91110108551385082Q', '110108'],
    ['91110000710925462X', '110000'],
  ])('%s', (code, regionCode) => {
    expect(parseCreditCode(code)).toEqual({
      ok: true,
      normalized: code,
      regionCode,
      provinceCode: regionCode.slice(0, 2),
      orgCode: code.slice(8, 17),
      orgCodeOk: true,
      reason: undefined,
    });
  });
  it.each([' 91440300708461136t ', '91440300-70846113-6T', '９１４４０３００７０８４６１１３６Ｔ'])(
    'written variant %j',
    (raw) => expect(parseCreditCode(raw)).toMatchObject({ ok: true, normalized: '91440300708461136T' }),
  );
});

describe('parseCreditCode: rejections', () => {
  it.each([
    ['', 'empty'],
    ['9144030070846113', 'invalid_length'],
    ['91440300708461136TT', 'invalid_length'],
    ['91440300708461136I', 'invalid_characters'],
    ['9144030070846113OT', 'invalid_characters'],
    ['S1440300708461136T', 'invalid_characters'],
    ['91440300708461136Z', 'invalid_characters'],
    ['91440300708461136V', 'invalid_characters'],
    ['91440300708461136#', 'invalid_characters'],
    ['91440300708461136U', 'invalid_checksum'],
    ['91440300708461137T', 'invalid_checksum'],
    ['914A0300708461136T', 'invalid_region'],
  ])('%j → %s', (raw, reason) => expect(parseCreditCode(raw)).toMatchObject({ ok: false, reason }));

  it('a bad embedded organisation code is a warning, not a rejection', () => {
    const first17 = '9144030070846113' + '7'; // org check digit changed from 6 to 7
    expect(parseCreditCode(first17 + creditCodeCheckChar(first17))).toMatchObject({ ok: true, orgCodeOk: false });
  });
  it('check char 0 when the sum is a multiple of 31', () => {
    // All-zero body: sum 0 → (31 - 0) mod 31 = 0, the edge of the formula.
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0');
  });
  it('programmer errors throw', () => {
    expect(() => creditCodeCheckChar('123')).toThrow(TypeError);
    expect(() => creditCodeCheckChar('9144030070846113I')).toThrow(TypeError);
  });
});

const body = fc
  .tuple(
    fc.constantFrom(...'1234569ANY'),
    fc.constantFrom(...'1239'),
    fc.stringMatching(/^[1-6]\d{5}$/),
    fc.array(fc.constantFrom(...CHARSET), { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, r, o]) => a + b + r + o.join(''));

describe('properties', () => {
  it('computed codes parse, round-trip and survive lower-casing', () => {
    fc.assert(
      fc.property(body, (f) => {
        const code = f + creditCodeCheckChar(f);
        const r = parseCreditCode(code.toLowerCase());
        return r.ok && r.normalized === code && r.regionCode === f.slice(2, 8);
      }),
    );
  });
  it('any single-character substitution is rejected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (f, pos, delta) => {
        const code = f + creditCodeCheckChar(f);
        const next = CHARSET[(CHARSET.indexOf(code[pos]!) + delta) % 31]!;
        return !parseCreditCode(code.slice(0, pos) + next + code.slice(pos + 1)).ok;
      }),
    );
  });
  it('arbitrary strings never throw', () =>
    fc.assert(fc.property(fc.string({ maxLength: 24 }), (s) => typeof parseCreditCode(s).ok === 'boolean')));
});
