import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResidentId, provinceName, residentIdCheckChar, upgradeTo18 } from './resident-id.ts';

const today = new Date('2024-06-15T12:00:00+08:00');
const parse = (raw: string) => parseResidentId(raw, { today });

describe('parseResidentId: well-known examples', () => {
  it('the GB 11643 textbook ID 11010519491231002X', () => {
    expect(parse('11010519491231002X')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      legacy: false,
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
      provinceCode: '11',
      provinceName: '北京市',
      reason: undefined,
    });
  });
  it.each([
    '11010519491231002x',
    ' 110105 19491231 002X ',
    '110105-19491231-002x',
    '１１０１０５１９４９１２３１００２Ｘ',
  ])('accepts the written variant %j', (raw) =>
    expect(parse(raw)).toMatchObject({ ok: true, normalized: '11010519491231002X' }),
  );

  it('odd sequence digit is male', () => {
    const first17 = '44030419900101001';
    expect(parse(first17 + residentIdCheckChar(first17))).toMatchObject({
      ok: true,
      sex: 'M',
      provinceName: '广东省',
      birthDate: '1990-01-01',
    });
  });

  it('legacy 15-digit ID upgrades to the same person as the 18-digit one', () => {
    expect(upgradeTo18('110105491231002')).toBe('11010519491231002X');
    expect(parse('110105491231002')).toMatchObject({
      ok: true,
      legacy: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
    });
  });
  it('upgradeTo18 rejects anything but 15 digits', () => {
    for (const bad of ['', '11010549123100', '1101054912310021', '11010549123100X', 'abcdefghijklmno'])
      expect(upgradeTo18(bad)).toBeNull();
  });
});

describe('parseResidentId: rejections', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['1101051949123100', 'invalid_length'],
    ['11010519491231002XX', 'invalid_length'],
    ['1101051949123100X2', 'invalid_format'],
    ['11010549123100X', 'invalid_format'],
    ['11010519491231002Y', 'invalid_format'],
    ['11010519491231002#', 'invalid_characters'],
    ['身份证11010519491231002X', 'invalid_characters'],
    ['11010519491231002 3', 'invalid_checksum'],
    ['110105194912310021', 'invalid_checksum'],
    ['99010519491231002X', 'invalid_region'],
    ['00010519491231002X', 'invalid_region'],
  ])('%j → %s', (raw, reason) => expect(parse(raw)).toMatchObject({ ok: false, reason, normalized: undefined }));

  const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
  it.each([
    ['11010518991231001', 'invalid_birth_date'], // before 1900
    ['11010519490231001', 'invalid_birth_date'], // 31 Feb
    ['11010519000229001', 'invalid_birth_date'], // 1900 is not a leap year
    ['11010519491301001', 'invalid_birth_date'],
    ['11010519491200001', 'invalid_birth_date'],
    ['11010520240616001', 'future_birth_date'], // one day after "today"
  ])('%s (with a correct check digit) → %s', (first17, reason) =>
    expect(parse(withCheck(first17))).toMatchObject({ ok: false, reason }),
  );

  it.each(['11010520000229001', '11010520240615001'])('accepts 29 Feb 2000 and a baby born today: %s', (first17) =>
    expect(parse(withCheck(first17)).ok).toBe(true),
  );

  it('a 15-digit ID with an impossible date is rejected', () =>
    expect(parse('110105490231002')).toMatchObject({ reason: 'invalid_birth_date' }));

  it('"today" is Beijing time: 2024-06-15 16:30 UTC is already 16 June in China', () => {
    const id = withCheck('11010520240616001');
    expect(parseResidentId(id, { today: new Date('2024-06-15T15:30:00Z') }).ok).toBe(false);
    expect(parseResidentId(id, { today: new Date('2024-06-15T16:30:00Z') }).ok).toBe(true);
  });

  it('never throws on non-string input', () => expect(parseResidentId(null as unknown as string).ok).toBe(false));
});

describe('residentIdCheckChar', () => {
  it('refuses malformed input loudly (programmer error)', () =>
    expect(() => residentIdCheckChar('123')).toThrow(TypeError));
  it('provinceName', () => {
    expect(provinceName('45')).toBe('广西壮族自治区');
    expect(provinceName('99')).toBeUndefined();
    expect(provinceName('toString')).toBeUndefined();
  });
});

// Generators for properties: a real province, a real calendar date 1900..today, any sequence.
const province = fc.constantFrom('11', '13', '31', '42', '44', '45', '65', '81', '83');
const date = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-06-14T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
const first17 = fc
  .tuple(province, fc.stringMatching(/^\d{4}$/), date, fc.stringMatching(/^\d{3}$/))
  .map(([p, r, d, s]) => p + r + d + s);

describe('properties', () => {
  it('every generated valid ID parses and round-trips, sex and date match', () => {
    fc.assert(
      fc.property(first17, (f) => {
        const id = f + residentIdCheckChar(f);
        const r = parse(id.toLowerCase());
        return (
          r.ok &&
          r.normalized === id &&
          r.birthDate.replaceAll('-', '') === f.slice(6, 14) &&
          r.sex === (Number(f[16]) % 2 ? 'M' : 'F') &&
          r.regionCode === f.slice(0, 6) &&
          !r.legacy
        );
      }),
    );
  });

  it('changing any single character of a valid ID is rejected (the check catches all single substitutions)', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (f, pos, delta) => {
        const id = f + residentIdCheckChar(f);
        const alphabet = '0123456789X';
        const cur = alphabet.indexOf(id[pos]!);
        const next = alphabet[(cur + delta) % 11]!;
        if (pos < 17 && next === 'X') return true; // not a digit there: a format error, covered elsewhere
        return !parse(id.slice(0, pos) + next + id.slice(pos + 1)).ok;
      }),
    );
  });

  it('swapping two adjacent different digits is rejected', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 15 }), (f, pos) => {
        const id = f + residentIdCheckChar(f);
        if (id[pos] === id[pos + 1]) return true;
        return !parse(id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2)).ok;
      }),
    );
  });

  it('15-digit legacy IDs of 19xx births upgrade to valid 18-digit IDs with the same fields', () => {
    const legacy = fc
      .tuple(
        province,
        fc.stringMatching(/^\d{4}$/),
        date.filter((d) => d.startsWith('19')),
        fc.stringMatching(/^\d{3}$/),
      )
      .map(([p, r, d, s]) => p + r + d.slice(2) + s);
    fc.assert(
      fc.property(legacy, (id15) => {
        const up = upgradeTo18(id15)!;
        const a = parse(id15),
          b = parse(up);
        return (
          a.ok && b.ok && a.legacy && !b.legacy && a.normalized === up && a.birthDate === b.birthDate && a.sex === b.sex
        );
      }),
    );
  });

  it('arbitrary strings never throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => typeof parse(s).ok === 'boolean'));
  });
});
