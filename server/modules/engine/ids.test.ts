import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accountKey, domainOf, idKey, parseIsoMs, phoneInfo, phoneKey } from './ids.ts';
import * as canonical from '../identifiers/index.ts';
import { normalizePhone, parseBankAccount, parseResidentId, residentIdCheckChar } from '../identifiers/index.ts';

describe('engine identifier helpers', () => {
  it('parseIsoMs agrees with Date.parse on offsets, fractions and Z', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        fc.boolean(),
        (d, offMin, frac) => {
          const local = new Date(d.getTime() + offMin * 60_000).toISOString().slice(0, frac ? 23 : 19);
          const sign = offMin >= 0 ? '+' : '-';
          const a = Math.abs(offMin);
          const s = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
          expect(parseIsoMs(s)).toBe(Date.parse(s));
          expect(parseIsoMs(local + 'Z')).toBe(Date.parse(local + 'Z'));
        },
      ),
    );
    expect(parseIsoMs('2026-02-30T25:00:00+08:00')).toBe(Date.parse('2026-02-30T25:00:00+08:00'));
    expect(parseIsoMs('garbage')).toBeNaN();
  });
  it('phone keys and spoofing', () => {
    expect(phoneKey('+86 138-0013-8000')).toBe('13800138000');
    expect(phoneKey('008613800138000')).toBe('13800138000');
    expect(phoneInfo('0096110')).toMatchObject({ intl: true, spoofed: true });
    expect(phoneInfo('+447700900123')).toMatchObject({ intl: true, spoofed: false });
    expect(phoneInfo('13800138000')).toMatchObject({ intl: false, spoofed: false });
    expect(phoneInfo('+86 96110')).toMatchObject({ intl: false, spoofed: true });
  });
  it('domainOf takes the registrable domain, ignoring port, userinfo, path', () => {
    expect(domainOf('https://user@m.Stock-Win.top:8443/a?b#c')).toBe('stock-win.top');
    expect(domainOf('http://a.b.gov.cn/x')).toBe('b.gov.cn');
    expect(domainOf('not a url')).toBeNull();
  });

  it('one key per identifier: the spellings the audit found disagreeing now meet', () => {
    expect(phoneKey('010-62345678')).toBe(phoneKey('+86 10 6234 5678'));
    expect(phoneKey('+867715551234')).toBe(phoneKey('(0771)5551234'));
    expect(phoneInfo('8613800138000').key).toBe(phoneKey('8613800138000'));
    expect(phoneKey('8613800138000')).toBe(phoneKey('13800138000'));
    const id18 = '45272319900101123' + residentIdCheckChar('45272319900101123');
    const id15 = '452723900101123'; // the same person's first-generation ID
    expect(idKey(id15)).toBe(id18);
    expect(idKey(id18.slice(0, 17) + id18[17]!.toLowerCase())).toBe(id18);
    expect(accountKey('６２２２ ０２０２–0011')).toBe('622202020011');
    // a spoofed service number never shares a key (nor an allow-list entry) with the real one
    expect(phoneInfo('+86 96110').key).not.toBe(phoneKey('96110'));
    expect(phoneInfo('17012345678')).toMatchObject({ virtual: true, intl: false, spoofed: false });
  });
});

// Realistic spellings: the digits of real shapes, wrapped in the prefixes and separators partners and people use.
const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));
const phoneCore = fc.oneof(
  fc.tuple(fc.constantFrom('13', '15', '17', '18', '19', '16', '14'), digits(9, 9)).map(([a, b]) => a + b), // mobile
  fc
    .tuple(
      fc.constantFrom('010', '020', '021', '0771', '0778', '0571', '0898'),
      fc.integer({ min: 2, max: 9 }),
      digits(6, 7),
    )
    .map(([a, b, c]) => `${a}${b}${c}`), // landline
  fc.constantFrom('95588', '96110', '110', '12381', '10086', '10690000', '4008123123', '8001234567', '077196110'),
  digits(1, 16), // anything
);
const phoneSpelling = fc
  .tuple(
    fc.constantFrom('', '+86', '+86 ', '0086', '86', '00', '+', '+852 ', '+1', '+44', '0', '(+86) '),
    phoneCore,
    fc.constantFrom('', ' ', '-', '.'),
    fc.boolean(),
  )
  .map(([prefix, core, sep, fullWidth]) => {
    let s = prefix + (sep ? core.replace(/(\d{3,4})(?=\d)/g, `$1${sep}`) : core);
    if (fullWidth) s = s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    return s;
  });
const idSpelling = fc
  .tuple(
    fc.constantFrom('110105', '450102', '452723', '440301'),
    fc.integer({ min: 1930, max: 2010 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    digits(3, 3),
    fc.constantFrom('18', '15', '18x', 'junk'),
  )
  .map(([r, y, m, d, seq, shape]) => {
    const date = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
    const first17 = r + date + seq;
    if (shape === '15') return r + date.slice(2) + seq;
    if (shape === 'junk') return first17.slice(0, 16);
    const c = residentIdCheckChar(first17);
    return first17 + (shape === '18x' ? c.toLowerCase() : c);
  });
const accountSpelling = fc
  .tuple(digits(10, 22), fc.constantFrom('', ' ', '-', '–'), fc.boolean())
  .map(([d, sep, fw]) => {
    let s = sep ? d.replace(/(\d{4})(?=\d)/g, `$1${sep}`) : d;
    if (fw) s = s.replace(/\d/g, (x) => String.fromCharCode(0xff10 + Number(x)));
    return s;
  });

describe('engine keys agree with the identifiers module (the authority)', () => {
  it('phones: the engine key is the canonical key whenever there is one; phoneInfo and phoneKey agree', () => {
    // plain digit strings of every length exercise the engine's no-allocation fast path against the authority
    fc.assert(
      fc.property(
        fc.oneof(phoneSpelling, fc.string({ maxLength: 20 }), fc.stringMatching(/^(86|1|9|4)?[0-9]{0,19}$/)),
        (raw) => {
          const k = canonical.phoneKey(raw);
          const info = phoneInfo(raw);
          expect(info.key).toBe(phoneKey(raw));
          if (k !== null) expect(phoneKey(raw)).toBe(k);
          const r = normalizePhone(raw);
          if (r.ok)
            expect({ spoofed: info.spoofed, virtual: info.virtual }).toEqual({
              spoofed: r.spoofSuspect,
              virtual: r.virtualOperator,
            });
          expect(phoneKey(phoneKey(raw))).toBe(phoneKey(raw)); // stored keys (indicator rows) re-key to themselves
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('resident IDs: 18-digit, lower-case x and 15-digit spellings give the canonical 18-character key', () => {
    fc.assert(
      fc.property(fc.oneof(idSpelling, fc.string({ maxLength: 20 })), (raw) => {
        const k = canonical.residentIdKey(raw);
        if (k !== null) expect(idKey(raw)).toBe(k);
        const p = parseResidentId(raw);
        if (p.ok) expect(idKey(raw)).toBe(p.normalized);
        expect(idKey(idKey(raw))).toBe(idKey(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it('accounts: the digits, whatever the separators or width', () => {
    fc.assert(
      fc.property(fc.oneof(accountSpelling, fc.string({ maxLength: 24 })), (raw) => {
        const k = canonical.accountKey(raw);
        if (k !== null) expect(accountKey(raw)).toBe(k);
        const p = parseBankAccount(raw);
        if (p.ok) expect(accountKey(raw)).toBe(p.normalized);
        expect(accountKey(accountKey(raw))).toBe(accountKey(raw));
      }),
      { numRuns: 3000 },
    );
  });
});
