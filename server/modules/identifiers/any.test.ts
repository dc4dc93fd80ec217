import { describe, expect, it } from 'vitest';
import { IDENTIFIER_KINDS, keyIdentifier } from './any.ts';

describe('keyIdentifier: every kind a case records, validated and keyed', () => {
  const ok: [string, string, string][] = [
    ['phone', '+86 138-0013-8000', '13800138000'],
    ['id_number', '11010519491231002x', '11010519491231002X'],
    ['bank_account', '6222 0212 3456 7890 128', '6222021234567890128'],
    ['url', 'HTTPS://Example.COM/a#frag', 'https://example.com/a'],
    ['app', 'com.fake.invest', 'com.fake.invest'],
    ['wechat', 'Fraud_Boss01', 'fraud_boss01'],
    ['wechat', '138 0013 8000', '13800138000'],
    ['qq', '１２３４５６７８', '12345678'],
    ['alipay', 'Boss@Example.com', 'boss@example.com'],
    ['alipay', '13800138000', '13800138000'],
    ['imei', '490154203237518', '490154203237518'],
    ['imei', 'a0000012345678', 'A0000012345678'],
    ['wallet', 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE', 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE'],
    ['wallet', '0x52908400098527886E0F7030069857D2E4169EE7', '0x52908400098527886e0f7030069857d2e4169ee7'],
    ['wallet', 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['ip', '2001:DB8:0:0::1', '2001:db8::1'],
    ['email', 'A@B.cn', 'a@b.cn'],
  ];
  it.each(ok)('%s %s → key %s', (kind, raw, key) => {
    const r = keyIdentifier(kind, raw);
    expect(r).toMatchObject({ ok: true, kind, key });
  });

  const bad: [string, string][] = [
    ['phone', '12'],
    ['id_number', '110105194912310021'],
    ['bank_account', '123'],
    ['url', 'not a url'],
    ['wechat', '1ab'],
    ['qq', '0123'],
    ['alipay', 'nobody'],
    ['imei', '490154203237519'],
    ['imei', '12'],
    ['wallet', 'T123'],
    ['ip', '999.1.1.1'],
    ['email', 'x@'],
    ['horoscope', 'leo'],
    ['phone', '   '],
  ];
  it.each(bad)('%s %s is refused with a reason', (kind, raw) => {
    const r = keyIdentifier(kind, raw);
    expect(r.ok).toBe(false);
    expect(r.reason).toBeTruthy();
  });

  it('every listed kind has a validator (no kind falls to "unknown")', () => {
    for (const k of IDENTIFIER_KINDS) expect(keyIdentifier(k, 'x').reason ?? '').not.toMatch(/unknown identifier kind/);
  });
});
