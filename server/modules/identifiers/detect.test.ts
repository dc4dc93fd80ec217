import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid } from './bank-card.ts';
import { detectIdentifier } from './detect.ts';
import * as api from './index.ts';
import { residentIdCheckChar } from './resident-id.ts';

const today = new Date('2024-06-15T12:00:00+08:00');
const detect = (s: string) => detectIdentifier(s, { today });
const withLuhn = (body: string) => body + [...'0123456789'].find((d) => luhnValid(body + d))!;

describe('detectIdentifier', () => {
  it.each([
    ['+86 138-0013-8000', 'phone', '13800138000'],
    ['13800138000', 'phone', '13800138000'],
    ['0778-96110', 'phone', '077896110'],
    ['95588', 'phone', '95588'],
    ['+0085296110', 'phone', '+85296110'],
    ['11010519491231002x', 'resident_id', '11010519491231002X'],
    ['6222 0216 0200 1234 567', 'bank_account', '6222021602001234567'],
    ['123456789012', 'bank_account', '123456789012'],
    ['91440300708461136t', 'credit_code', '91440300708461136T'],
    ['www.baidu.com', 'url', 'http://www.baidu.com/'],
    ['https://abc.com/x#y', 'url', 'https://abc.com/x'],
    ['abc.top/pay?id=1', 'url', 'http://abc.top/pay?id=1'],
    ['com.tencent.mm', 'app_package', 'com.tencent.mm'],
    ['org.telegram.messenger', 'app_package', 'org.telegram.messenger'],
    ['com.example.my_app', 'app_package', 'com.example.my_app'],
    [
      'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
      'sha256',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ],
  ])('%j → %s', (raw, type, normalized) => expect(detect(raw)).toMatchObject({ type, normalized }));

  it.each(['', '   ', 'hello', '你好', '12', '!!!', 'x'.repeat(3000)])('%j → unknown', (raw) =>
    expect(detect(raw)).toEqual({ type: 'unknown', normalized: null, detail: null, alternatives: [] }),
  );

  it('carries the parser result as detail', () => {
    const r = detect('16512345678');
    expect(r.type === 'phone' && r.detail.virtualOperator).toBe(true);
  });

  it('a mobile number is also a valid account number: offered as an alternative', () => {
    expect(detect('13800138000')).toMatchObject({ type: 'phone', alternatives: ['bank_account'] });
  });
  it('a 15-digit string that could be a legacy ID is an account first', () => {
    expect(detect('110105491231002')).toMatchObject({ type: 'bank_account', alternatives: ['resident_id'] });
  });
  it('a domain that happens to be a valid Android package is a URL first', () => {
    expect(detect('baidu.com')).toMatchObject({ type: 'url', alternatives: ['app_package'] });
    expect(detect('com.tencent.mm')).toMatchObject({ type: 'app_package', alternatives: ['url'] });
  });

  it('property: valid resident IDs are detected as such', () => {
    const f17 = fc
      .tuple(
        fc.constantFrom('11', '32', '44', '45'),
        fc.stringMatching(/^\d{4}$/),
        fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
      )
      .map(([p, r, d, s]) => p + r + d.toISOString().slice(0, 10).replaceAll('-', '') + s);
    fc.assert(fc.property(f17, (f) => detect(f + residentIdCheckChar(f)).type === 'resident_id'));
  });
  it('property: Luhn-valid 19-digit UnionPay cards are bank accounts', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (mid) => detect(withLuhn('622202' + mid)).type === 'bank_account'),
    );
  });
  it('property: never throws', () =>
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => typeof detect(s).type === 'string')));
});

describe('index exports', () => {
  it('exposes the whole API from one place', () => {
    for (const name of [
      'normalizePhone',
      'phoneKey',
      'parseResidentId',
      'upgradeTo18',
      'parseBankAccount',
      'loadBinTable',
      'parseCreditCode',
      'parseUrl',
      'parseAppPackage',
      'isSha256Hex',
      'maskPhone',
      'maskResidentId',
      'maskAccount',
      'maskName',
      'detectIdentifier',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
