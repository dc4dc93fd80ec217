import { describe, expect, it } from 'vitest';
import { parseMappingField } from './statement.ts';

describe('parseMappingField (the statement upload’s mapping field)', () => {
  it('absent or empty: no mapping (the bank’s saved one applies)', () => {
    expect(parseMappingField(undefined)).toEqual({ ok: true });
    expect(parseMappingField('')).toEqual({ ok: true });
  });
  it('an object of field → header text', () => {
    expect(parseMappingField('{"account":"本方账号","amount":"交易金额"}')).toEqual({
      ok: true,
      mapping: { account: '本方账号', amount: '交易金额' },
    });
  });
  it('refuses text that is not JSON, and JSON that is not an object of strings', () => {
    expect(parseMappingField('{account:')).toEqual({ ok: false, reason: 'not JSON' });
    for (const bad of ['null', '[]', '["a"]', '"x"', '{"amount":3}'])
      expect(parseMappingField(bad)).toEqual({ ok: false, reason: 'an object of field → header text' });
  });
});
