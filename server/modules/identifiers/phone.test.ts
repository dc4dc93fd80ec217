import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneKey, type PhoneResult } from './phone.ts';

const pick = (r: PhoneResult) =>
  r.ok
    ? { kind: r.kind, e164: r.e164, national: r.national, country: r.country, spoof: r.spoofSuspect, key: r.key }
    : { reason: r.reason };

describe('normalizePhone: Chinese mobiles in every written form', () => {
  const same = {
    kind: 'mobile',
    e164: '+8613800138000',
    national: '13800138000',
    country: 'CN',
    spoof: false,
    key: '13800138000',
  };
  it.each([
    '13800138000',
    '+8613800138000',
    '+86 138-0013-8000',
    '008613800138000',
    '0086 138 0013 8000',
    '8613800138000',
    '(+86) 138 0013 8000',
    '１３８００１３８０００',
    '＋８６ １３８－００１３－８０００',
    ' 138.0013.8000 ',
    '013800138000',
    '+86 0 13800138000',
    '+0086 13800138000',
  ])('%s', (raw) => expect(pick(normalizePhone(raw))).toEqual(same));

  it.each([
    '13062345678',
    '14562345678',
    '15062345678',
    '16662345678',
    '17762345678',
    '18862345678',
    '19962345678',
    '19262345678',
  ])('every 13x–19x segment is mobile: %s', (raw) =>
    expect(normalizePhone(raw)).toMatchObject({ ok: true, kind: 'mobile' }),
  );

  it.each(['12062345678', '11062345678', '10062345678', '1380013800', '138001380001'])('not a mobile: %s', (raw) => {
    const r = normalizePhone(raw);
    expect(r.ok && r.kind === 'mobile').toBe(false);
  });

  it.each([
    ['16262345678', true],
    ['16562345678', true],
    ['16762345678', true],
    ['17062345678', true],
    ['17162345678', true],
    ['16662345678', false],
    ['17262345678', false],
    ['13800138000', false],
    ['+8617062345678', true],
  ] as const)('virtual operator %s → %s', (raw, v) =>
    expect(normalizePhone(raw)).toMatchObject({ ok: true, virtualOperator: v }),
  );
});

describe('normalizePhone: landlines', () => {
  it.each([
    ['010-62345678', '01062345678', '+861062345678'],
    ['(010) 6234 5678', '01062345678', '+861062345678'],
    ['+86 10 62345678', '01062345678', '+861062345678'],
    ['+86 (0)10 62345678', '01062345678', '+861062345678'],
    ['861062345678', '01062345678', '+861062345678'],
    ['020-87654321', '02087654321', '+862087654321'],
    ['0771-2345678', '07712345678', '+867712345678'],
    ['0571 87654321', '057187654321', '+8657187654321'],
  ])('%s', (raw, national, e164) =>
    expect(pick(normalizePhone(raw))).toEqual({
      kind: 'landline',
      national,
      e164,
      country: 'CN',
      spoof: false,
      key: national,
    }),
  );

  it.each([
    ['87654321', 'missing_area_code'],
    ['2345678', 'missing_area_code'],
    ['011-62345678', 'invalid_number'], // 01x other than 010 is no area code
    ['010-6234567', 'landline'], // 7-digit subscriber: structurally 0 + area + 7 (kept permissive)
    ['010-12345678', 'invalid_number'], // subscriber numbers never start with 1 (special services) …
    ['010-0123456', 'invalid_number'], // subscriber numbers never start with 0/1
    ['0771-123456', 'invalid_number'],
    ['0771-623456789', 'invalid_number'],
  ])('%s → %s', (raw, want) => {
    const r = normalizePhone(raw);
    expect(r.ok ? r.kind : r.reason).toBe(want);
  });
});

describe('normalizePhone: service numbers', () => {
  it.each([
    ['95588', '95588', 'national_service'],
    ['955 88', '95588', 'national_service'],
    ['95105588', '95105588', 'national_service'],
    ['96110', '96110', 'local_service'],
    ['0778-96110', '077896110', 'local_service'],
    ['(0778)96110', '077896110', 'local_service'],
    ['010-96110', '01096110', 'local_service'],
    ['0771-12345', '077112345', 'local_service'],
    ['10690000', '10690000', 'sms_port'],
    ['1069 0123 4567 8', '1069012345678', 'sms_port'],
    ['106575201234567890', '106575201234567890', 'sms_port'],
    ['12381', '12381', 'government'],
    ['12110', '12110', 'government'],
    ['12345', '12345', 'government'],
    ['10086', '10086', 'carrier'],
    ['10010', '10010', 'carrier'],
    ['110', '110', 'emergency'],
    ['120', '120', 'emergency'],
  ])('%s → %s (%s)', (raw, national, serviceType) => {
    expect(normalizePhone(raw)).toMatchObject({
      ok: true,
      kind: 'service',
      national,
      key: national,
      serviceType,
      spoofSuspect: false,
      country: 'CN',
    });
  });

  it.each([
    ['4008123123', 'shared_cost'],
    ['400-812-3123', 'shared_cost'],
    ['800-820-8820', 'toll_free'],
  ])('%s is %s', (raw, st) =>
    expect(normalizePhone(raw)).toMatchObject({ ok: true, kind: 'service', serviceType: st, spoofSuspect: false }),
  );
  it('400/800 are full numbers with an E.164 form', () => {
    expect(normalizePhone('4008123123')).toMatchObject({
      national: '4008123123',
      e164: '+864008123123',
      key: '4008123123',
    });
    expect(normalizePhone('+86 400 812 3123')).toMatchObject({
      kind: 'service',
      spoofSuspect: false,
      e164: '+864008123123',
    });
  });
  it('short service numbers have no E.164 form', () =>
    expect(normalizePhone('95588')).toMatchObject({ e164: undefined }));
});

describe('normalizePhone: international prefixes and spoofing', () => {
  it.each([
    // raw, kind it pretends to be, national part
    ['+0085296110', 'service', '96110'], // '+00' + HK code + 96110: the classic fake anti-fraud centre number
    ['0086 96110', 'service', '96110'], // 96110 is never reachable from abroad
    ['+86 96110', 'service', '96110'],
    ['0096110', 'service', '96110'], // '00' glued straight onto 96110
    ['+8596110', 'service', '96110'], // +85 is no country code at all: a mangled +852 in front of 96110
    ['+85296110', 'service', '96110'], // +852 96110 is too short for Hong Kong, so it is 96110 behind a foreign prefix
    ['+86 0778 96110', 'service', '077896110'],
    ['+86 778 96110', 'service', '077896110'],
    ['+8695588', 'service', '95588'],
    ['00195588', 'service', '95588'],
    ['+86 110', 'service', '110'],
    ['0013800138000', 'mobile', '13800138000'],
    ['+13800138000', 'mobile', '13800138000'],
    ['+4413800138000', 'mobile', '13800138000'],
    ['+0771 2345678', 'landline', '07712345678'],
  ])('%s is a spoof of a %s number', (raw, kind, national) => {
    const r = normalizePhone(raw);
    expect(r).toMatchObject({ ok: true, kind, national, spoofSuspect: true, e164: undefined, country: 'CN' });
    // The spoof must never share a key with the genuine number it imitates.
    expect(phoneKey(raw)).not.toBe(phoneKey(national));
    expect(phoneKey(raw)?.startsWith('+')).toBe(true);
  });

  it('an international prefix written twice is one prefix, so a spoof key re-keys to itself', () => {
    for (const raw of ['0000 10000', '+00 10000', '0010000']) expect(phoneKey(raw)).toBe('+10000');
    expect(phoneKey('+10000')).toBe('+10000');
    expect(normalizePhone('0000 0086 13800138000')).toMatchObject({
      ok: true,
      key: '13800138000',
      spoofSuspect: false,
    });
  });

  it.each([
    ['+1 212 555 1234', '+12125551234', 'US'],
    ['001 212 555 1234', '+12125551234', 'US'],
    ['+852 2345 6789', '+85223456789', 'HK'],
    ['00852 9611 0123', '+85296110123', 'HK'], // a real HK mobile that happens to start 96110
    ['+0044 20 7946 0958', '+442079460958', 'GB'],
    ['+81 90-1234-5678', '+819012345678', 'JP'],
  ])('genuine international %s', (raw, e164, country) => {
    expect(normalizePhone(raw)).toMatchObject({
      ok: true,
      kind: 'international',
      e164,
      key: e164,
      country,
      spoofSuspect: false,
    });
  });

  it.each(['+44 12', '+999 1234567', '+1', '00'])('invalid international %s', (raw) =>
    expect(normalizePhone(raw)).toMatchObject({ ok: false }),
  );
});

describe('normalizePhone: garbage never throws', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['+', 'empty'],
    ['abc', 'invalid_characters'],
    ['138o0138000', 'invalid_characters'],
    ['13800138000转123', 'invalid_characters'],
    ['++8613800138000', 'invalid_characters'],
    ['138+00138000', 'invalid_characters'],
    ['1'.repeat(21), 'too_long'],
    ['1 '.repeat(40), 'too_long'],
    ['12', 'invalid_number'],
    ['0', 'invalid_number'],
  ])('%j → %s', (raw, reason) => expect(normalizePhone(raw)).toMatchObject({ ok: false, kind: 'unknown', reason }));

  it('tolerates non-string input from untyped callers', () =>
    expect(normalizePhone(undefined as unknown as string)).toMatchObject({ ok: false }));

  it('property: any string yields a result and never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => typeof normalizePhone(s).ok === 'boolean'));
    fc.assert(fc.property(fc.stringMatching(/^[+0-9 ()-]{0,25}$/), (s) => typeof normalizePhone(s).ok === 'boolean'));
  });
});

describe('phoneKey', () => {
  it('maps all forms of one number to one key', () => {
    const keys = new Set(
      ['13800138000', '+86 138 0013 8000', '008613800138000', '8613800138000', '013800138000'].map(phoneKey),
    );
    expect([...keys]).toEqual(['13800138000']);
  });
  it('returns null for invalid input', () => expect(phoneKey('hello')).toBeNull());
  it('keys a service number by its national digits', () => {
    expect(phoneKey('0778-96110')).toBe('077896110');
    expect(phoneKey('95588')).toBe('95588');
  });

  const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/)).map(([s, r]) => `1${s}${r}`);
  const sep = fc.constantFrom('', ' ', '-', ' - ');
  it('property: every valid mobile in every prefix form keys to its national digits', () => {
    fc.assert(
      fc.property(mobile, fc.constantFrom('', '+86', '0086', '86', '+86 ', '0'), sep, (m, prefix, s) => {
        const raw = `${prefix}${m.slice(0, 3)}${s}${m.slice(3, 7)}${s}${m.slice(7)}`;
        const r = normalizePhone(raw);
        return (
          r.ok &&
          r.kind === 'mobile' &&
          r.e164 === `+86${m}` &&
          r.national === m &&
          !r.spoofSuspect &&
          phoneKey(raw) === m
        );
      }),
    );
  });
  it('property: "00" + a Chinese mobile (no 86) is never taken as a plain domestic mobile', () => {
    fc.assert(
      fc.property(mobile, (m) => {
        const r = normalizePhone(`00${m}`);
        // Either a spoof, or (rarely) a genuinely valid NANP number such as +1 3xx: never the domestic mobile itself.
        return r.ok && (r.spoofSuspect || r.kind === 'international') && r.key !== m;
      }),
    );
  });
});
