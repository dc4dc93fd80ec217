import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUrl } from './url.ts';

describe('parseUrl: accepted', () => {
  it.each([
    ['abc.com/x', 'http://abc.com/x', 'abc.com', 'abc.com'],
    ['https://WWW.Example.COM:443/Path?q=1#frag', 'https://www.example.com/Path?q=1', 'www.example.com', 'example.com'],
    ['HTTP://abc.com:80', 'http://abc.com/', 'abc.com', 'abc.com'],
    ['abc.com:8080/x', 'http://abc.com:8080/x', 'abc.com', 'abc.com'],
    ['//cdn.abc.com/a.js', 'http://cdn.abc.com/a.js', 'cdn.abc.com', 'abc.com'],
    ['m.icbc-vip.com.cn/login', 'http://m.icbc-vip.com.cn/login', 'm.icbc-vip.com.cn', 'icbc-vip.com.cn'],
    ['a.b.gov.cn', 'http://a.b.gov.cn/', 'a.b.gov.cn', 'b.gov.cn'],
    ['scam.github.io/pay', 'http://scam.github.io/pay', 'scam.github.io', 'scam.github.io'], // private suffix: one site per user
    ['abc.com.', 'http://abc.com/', 'abc.com', 'abc.com'],
    ['abc。com/x', 'http://abc.com/x', 'abc.com', 'abc.com'], // ideographic full stop typed on a Chinese IME
    ['hxxps://evil[.]top/a', 'https://evil.top/a', 'evil.top', 'evil.top'], // defanged in a report
    [
      'https://xn--fsqu00a.xn--fiqs8s/',
      'https://xn--fsqu00a.xn--fiqs8s/',
      'xn--fsqu00a.xn--fiqs8s',
      'xn--fsqu00a.xn--fiqs8s',
    ],
    [
      '例子.中国/付款',
      'http://xn--fsqu00a.xn--fiqs8s/%E4%BB%98%E6%AC%BE',
      'xn--fsqu00a.xn--fiqs8s',
      'xn--fsqu00a.xn--fiqs8s',
    ],
  ])('%s', (raw, url, host, registrableDomain) => {
    expect(parseUrl(raw)).toMatchObject({ ok: true, url, host, registrableDomain, isIp: false });
  });

  it('IDN hosts are shown in Unicode', () =>
    expect(parseUrl('http://例子.中国/')).toMatchObject({ hostUnicode: '例子.中国' }));

  it.each([
    ['1.2.3.4/x', 'http://1.2.3.4/x', '1.2.3.4'],
    ['https://8.8.8.8:8443/', 'https://8.8.8.8:8443/', '8.8.8.8'],
    ['http://0x7f.1/', 'http://127.0.0.1/', '127.0.0.1'], // obfuscated IPs are normalised when the scheme is explicit
    ['http://[2001:DB8::1]/a', 'http://[2001:db8::1]/a', '2001:db8::1'],
    ['[::1]:8080', 'http://[::1]:8080/', '::1'],
  ])('IP %s', (raw, url, host) =>
    expect(parseUrl(raw)).toEqual({
      ok: true,
      url,
      scheme: url.startsWith('https') ? 'https' : 'http',
      host,
      hostUnicode: host,
      registrableDomain: null,
      isIp: true,
      hasUserInfo: false,
      reason: undefined,
    }),
  );

  it('flags user-info, the bank.com@evil trick, and reports the real host', () => {
    expect(parseUrl('https://www.icbc.com.cn@evil.top/login')).toMatchObject({
      ok: true,
      host: 'evil.top',
      registrableDomain: 'evil.top',
      hasUserInfo: true,
    });
    expect(parseUrl('https://evil.top/login')).toMatchObject({ hasUserInfo: false });
  });
});

describe('parseUrl: rejected', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['a'.repeat(2049), 'too_long'],
    ['http://abc.com/a b', 'invalid_characters'],
    ['abc.com/\tx', 'invalid_characters'],
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['mailto:a@b.com', 'unsupported_scheme'],
    ['ftp://abc.com/', 'unsupported_scheme'],
    ['data:text/html,hi', 'unsupported_scheme'],
    ['http://', 'invalid_url'],
    ['http://exa mple.com', 'invalid_characters'],
    ['http://a<b.com/', 'invalid_url'],
    ['localhost', 'invalid_host'],
    ['http://localhost:3000/', 'invalid_host'],
    ['com.cn', 'invalid_host'],
    ['hello', 'invalid_host'],
    ['12345', 'invalid_host'],
    ['13800138000', 'invalid_url'],
    ['0x7f.1', 'invalid_host'],
    ['abc.notarealtld', 'unknown_tld'],
    ['abc.xyz123', 'unknown_tld'],
  ])('%j → %s', (raw, reason) => expect(parseUrl(raw)).toMatchObject({ ok: false, reason }));
  it('surrounding whitespace is trimmed, not an error', () =>
    expect(parseUrl(' abc.com\n')).toMatchObject({ ok: true, url: 'http://abc.com/' }));
});

describe('properties', () => {
  it('never throws; accepted URLs are stable under re-parsing', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 60 }), fc.webUrl({ withFragments: true, withQueryParameters: true })),
        (s) => {
          const r = parseUrl(s);
          if (!r.ok) return true;
          const again = parseUrl(r.url);
          return again.ok && again.url === r.url && again.host === r.host && !r.url.includes('#');
        },
      ),
    );
  });
  it('host is always lower-case ASCII', () => {
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (d, p) => {
        const r = parseUrl(d.toUpperCase() + p);
        return !r.ok || (r.host === r.host.toLowerCase() && /^[\x21-\x7e]+$/.test(r.host));
      }),
    );
  });
});
