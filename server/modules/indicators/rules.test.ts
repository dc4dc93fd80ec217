import { describe, expect, it } from 'vitest';
import { indicatorKey } from '../engine/index.ts';
import { normalizeItem, normalizeValue } from './rules.ts';
import { parseCsv } from './files.ts';
import { builtinAllowList } from './builtin.ts';

const key = (kind: Parameters<typeof normalizeValue>[0], v: string) => {
  const r = normalizeValue(kind, v);
  return 'key' in r ? r.key : `! ${r.reason}`;
};

describe('indicator normalisation', () => {
  it('gives one key per identifier, the key the engine looks up', () => {
    for (const v of ['+86 138-0013-8000', '13800138000', '008613800138000', ' 138 0013 8000 '])
      expect(key('phone', v)).toBe('13800138000');
    expect(key('url', 'HTTPS://www.Pay-Refund.cn/Login/?a=1#x')).toBe(
      indicatorKey('url', 'http://pay-refund.cn/login'),
    );
    expect(key('domain', 'WWW.Fake-Invest.com.cn')).toBe('fake-invest.com.cn');
    expect(key('app_hash', 'A'.repeat(64))).toBe('a'.repeat(64));
    expect(key('ip', ' 10.1.2.3 ')).toBe('10.1.2.3');
  });

  it('rejects values that are not identifiers of the kind', () => {
    expect(key('phone', '12')).toMatch(/^! invalid phone/);
    expect(key('url', 'javascript:alert(1)')).toMatch(/^! invalid URL/);
    expect(key('domain', 'evil.cn/path')).toMatch(/^! invalid domain/);
    expect(key('app_package', 'not a package')).toMatch(/^! invalid app package/);
    expect(key('app_hash', 'abc')).toMatch(/^! invalid app hash/);
    expect(key('ip', '300.1.1.1')).toMatch(/^! invalid IP/);
    expect(key('keyword', 'x')).toMatch(/^! keyword/);
  });

  it('checks the other fields and names them', () => {
    const r = normalizeItem(
      { kind: 'phone', value: '13800138000', list: 'grey', confidence: 3.5, validUntil: 'soon', fraudType: 'nope' },
      'manual',
    );
    expect(r.ok ? [] : r.problems.map((p) => p.field).sort()).toEqual([
      'confidence',
      'fraudType',
      'list',
      'validUntil',
    ]);
    const ok = normalizeItem(
      { kind: 'phone', value: '13800138000', validUntil: '2030-01-01T00:00:00+08:00' },
      'manual',
    );
    expect(ok.ok && ok.value).toMatchObject({ list: 'block', source: 'manual', confidence: 80 });
  });

  it('builtin allow-list entries are all valid and all allow', () => {
    for (const b of builtinAllowList()) {
      const r = normalizeItem(b, 'x');
      expect(r.ok, `${b.kind} ${b.value}`).toBe(true);
      expect(b.list).toBe('allow');
    }
    expect(builtinAllowList().some((b) => b.value === '96110')).toBe(false);
  });
});

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n3,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['3', ''],
    ]);
  });
});
