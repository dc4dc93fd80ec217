import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSha256Hex, normalizeSha256, parseAppPackage } from './app-package.ts';

describe('parseAppPackage', () => {
  it.each([
    ['com.tencent.mm', 'either', 'com.tencent.mm'],
    ['  com.eg.android.AlipayGphone ', 'either', 'com.eg.android.AlipayGphone'], // Alipay: mixed case kept
    ['cn.gov.mps.ifrauddefense', 'either', 'cn.gov.mps.ifrauddefense'],
    ['com.example.my_app', 'android', 'com.example.my_app'], // '_' is Android-only
    ['com.example.my-app', 'ios', 'com.example.my-app'], // '-' is iOS-only
    ['com.example.2048', 'ios', 'com.example.2048'], // digit-first segment is iOS-only
    ['com.Example.App', 'either', 'com.Example.App'],
  ])('%j → %s', (raw, platform, normalized) =>
    expect(parseAppPackage(raw)).toMatchObject({ ok: true, platform, normalized, key: normalized }),
  );

  it('iOS bundle IDs are case-insensitive, so their key is lower-cased; Android keeps case', () => {
    expect(parseAppPackage('com.Example.App', 'ios')).toMatchObject({
      ok: true,
      platform: 'ios',
      key: 'com.example.app',
      normalized: 'com.Example.App',
    });
    expect(parseAppPackage('com.Example.App', 'android')).toMatchObject({
      ok: true,
      platform: 'android',
      key: 'com.Example.App',
    });
    expect(parseAppPackage('com.example.my-app', 'ios')?.key).toBe('com.example.my-app');
  });

  it.each([
    ['com.example.my-app', 'android'],
    ['com.example.2048', 'android'],
    ['com.example.my_app', 'ios'],
  ] as const)('%s is not valid on %s', (raw, platform) =>
    expect(parseAppPackage(raw, platform)).toMatchObject({ ok: false, reason: 'invalid_format' }),
  );

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['wechat', 'invalid_format'],
    ['com.', 'invalid_format'],
    ['.com.x', 'invalid_format'],
    ['com..x', 'invalid_format'],
    ['com.tencent mm', 'invalid_format'],
    ['com.腾讯.mm', 'invalid_format'],
    ['com/tencent', 'invalid_format'],
    [`com.${'a'.repeat(252)}`, 'too_long'],
  ])('%j → %s', (raw, reason) => expect(parseAppPackage(raw)).toMatchObject({ ok: false, reason }));

  it('property: joined valid Android segments always parse and keep their case', () => {
    const seg = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/);
    fc.assert(
      fc.property(fc.array(seg, { minLength: 2, maxLength: 5 }), (segs) => {
        const pkg = segs.join('.');
        const r = parseAppPackage(pkg, 'android');
        return r.ok && r.key === pkg;
      }),
    );
  });
  it('property: never throws', () =>
    fc.assert(fc.property(fc.string(), (s) => typeof parseAppPackage(s).ok === 'boolean')));
});

describe('sha256', () => {
  const h = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'; // sha256('')
  it('accepts 64 hex chars in either case', () => {
    expect(isSha256Hex(h)).toBe(true);
    expect(normalizeSha256(` ${h.toUpperCase()} `)).toBe(h);
  });
  it.each([h.slice(1), h + '0', h.slice(1) + 'g', '', `sha256:${h}`])('rejects %j', (s) => {
    expect(isSha256Hex(s)).toBe(false);
    expect(normalizeSha256(s)).toBeNull();
  });
});
