import { describe, expect, it } from 'vitest';
import { checkNewUnit } from './rules.ts';
import { divisionCode, divisionLevel, divisionName } from './divisions.ts';

const city = { kind: 'city', code: '451200' };

describe('GB/T 2260 divisions', () => {
  it('knows real codes at every level', () => {
    expect(divisionName('45')).toBe('广西壮族自治区');
    expect(divisionName('4512')).toBe('河池市');
    expect(divisionName('451224')).toBe('东兰县');
    expect(divisionName('451202001')).toBe('金城江街道');
    expect(divisionName('451299')).toBeUndefined();
    expect(divisionLevel('451202001')).toBe('street');
  });

  it('writes provinces and cities in six digits and reads either form', () => {
    expect(divisionCode('45')).toBe('450000');
    expect(divisionCode('4512')).toBe('451200');
    expect(divisionCode('451224')).toBe('451224');
    expect(divisionName('450000')).toBe('广西壮族自治区');
    expect(divisionName('451200')).toBe('河池市');
    expect([divisionLevel('450000'), divisionLevel('451200'), divisionLevel('451202'), divisionLevel('4512')]).toEqual([
      'province',
      'city',
      'district',
      'city',
    ]);
  });
});

describe('checkNewUnit', () => {
  it('accepts a real district inside its city and takes the official name', () => {
    expect(checkNewUnit({ kind: 'district', code: '451228' }, city)).toEqual({
      problems: [],
      name: '都安瑶族自治县',
      code: '451228',
    });
  });

  it('stores a city given in the short form in six digits, inside its province', () => {
    expect(checkNewUnit({ kind: 'city', code: '4512' }, { kind: 'province', code: '450000' })).toEqual({
      problems: [],
      name: '河池市',
      code: '451200',
    });
    expect(
      checkNewUnit({ kind: 'city', code: '440300' }, { kind: 'province', code: '450000' }).problems[0],
    ).toMatchObject({ field: 'code', reason: expect.stringContaining('does not lie inside') });
  });

  it.each([
    [{ kind: 'district' as const, code: '451299' }, city, 'code', 'not a district code'],
    [{ kind: 'district' as const, code: '110101' }, city, 'code', 'does not lie inside'],
    [{ kind: 'district' as const }, city, 'code', 'required'],
    [{ kind: 'station' as const, name: '某所' }, city, 'parentId', 'cannot be placed under'],
    [{ kind: 'grid' as const }, { kind: 'station', code: null }, 'name', 'required'],
    [{ kind: 'bank_branch' as const, name: '支行' }, city, 'parentId', 'cannot be placed under'],
    [{ kind: 'root' as const }, city, 'kind', 'only one root'],
  ])('rejects %o under %o on %s', (input, parent, field, reason) => {
    const { problems } = checkNewUnit(input, parent);
    expect(problems.find((p) => p.field === field)?.reason).toContain(reason);
  });

  it('places partners under an area and stations only under districts', () => {
    expect(checkNewUnit({ kind: 'bank', name: '工行' }, city).problems).toEqual([]);
    expect(checkNewUnit({ kind: 'station', name: '所' }, { kind: 'district', code: '451202' }).problems).toEqual([]);
  });
});
