import { describe, expect, it } from 'vitest';
import { FRAUD_TYPES } from '../fraud-types/index.ts';
import { allSmsTexts, containsLink, selectScript, SMS_CORE } from './scripts.ts';

describe('script selection', () => {
  it('foreign call on impersonate_authority opens with the evidence and uses the catalogue points', () => {
    const s = selectScript({ fraudTypes: ['impersonate_authority'], evidence: ['call_then_transfer', 'foreign_call'] });
    expect(s.fraudType).toBe('impersonate_authority');
    expect(s.evidence).toBe('foreign_call'); // more specific than the transfer
    expect(s.voiceSegments[1]!.text).toMatch(/^您刚刚接听了境外来电/);
    expect(s.voiceSegments.at(-1)!.text).toContain('请按1');
    expect(s.voiceSegments.at(-1)!.text).toContain('请按2');
    expect(s.sms).toContain('安全账户');
    expect(s.sms.startsWith('【反诈中心】您刚接听了境外来电')).toBe(true);
  });
  it('picks the first known type and falls back to a generic text', () => {
    expect(selectScript({ fraudTypes: ['nope', 'fake_loan'], evidence: [] }).fraudType).toBe('fake_loan');
    const g = selectScript({ fraudTypes: ['nope'], evidence: [] });
    expect(g.fraudType).toBeNull();
    expect(g.sms).toContain('请勿向陌生人转账');
  });
  it('has an SMS text for every catalogue type', () => {
    expect(FRAUD_TYPES.map((t) => t.code).filter((c) => !SMS_CORE[c])).toEqual([]);
  });
  it('uses the configured signature', () => {
    expect(
      selectScript({ fraudTypes: [], evidence: [], smsSignature: '【南宁市反诈中心】' }).sms.startsWith(
        '【南宁市反诈中心】',
      ),
    ).toBe(true);
  });
});

describe('no links in warning SMS', () => {
  it('no produced SMS contains a link, and all fit in 3 UCS2 parts', () => {
    const texts = allSmsTexts();
    expect(texts.length).toBe((FRAUD_TYPES.length + 1) * 14);
    for (const t of texts) {
      expect(containsLink(t), t).toBe(false);
      expect(t.length, t).toBeLessThanOrEqual(201);
    }
  });
  it('the detector catches the usual disguises', () => {
    for (const t of [
      '点击 http://a.cn',
      'www.icbc-safe.com',
      '登录 icbc-refund.top 办理',
      '访问 ａｂｃ．ｃｏｍ',
      'abc。com',
      'hxxps://x',
    ]) {
      expect(containsLink(t), t).toBe(true);
    }
    expect(containsLink('请拨打96110。公检法不会电话办案。')).toBe(false);
  });
  it('refuses to build an SMS whose signature carries a link', () => {
    expect(() => selectScript({ fraudTypes: [], evidence: [], smsSignature: '【t.cn/abc】' })).toThrow(/link/);
  });
});
