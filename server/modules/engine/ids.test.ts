import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { domainOf, parseIsoMs, phoneInfo, phoneKey } from './ids.ts';

describe('engine identifier helpers', () => {
  it('parseIsoMs agrees with Date.parse on offsets, fractions and Z', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1971-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.integer({ min: -12 * 60, max: 14 * 60 }), fc.boolean(), (d, offMin, frac) => {
      const local = new Date(d.getTime() + offMin * 60_000).toISOString().slice(0, frac ? 23 : 19);
      const sign = offMin >= 0 ? '+' : '-';
      const a = Math.abs(offMin);
      const s = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
      expect(parseIsoMs(s)).toBe(Date.parse(s));
      expect(parseIsoMs(local + 'Z')).toBe(Date.parse(local + 'Z'));
    }));
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
});
