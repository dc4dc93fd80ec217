import { describe, expect, it } from 'vitest';
import { isValidWork, leadingZeroBits, powDigest, solve } from './pow.ts';
import { isImageOfType, verdictOf } from './verdict.ts';

describe('proof of work', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0x01]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x00, 0x10]))).toBe(19);
    expect(leadingZeroBits(Uint8Array.from([0, 0]))).toBe(16);
  });
  it('a solved nonce verifies; the digest really has the zero bits', () => {
    const n = solve('abc', 12);
    expect(isValidWork('abc', n, 12)).toBe(true);
    expect(leadingZeroBits(powDigest('abc', n))).toBeGreaterThanOrEqual(12);
    expect(isValidWork('abd', n, 12)).toBe(leadingZeroBits(powDigest('abd', n)) >= 12);
  });
});

describe('verdict', () => {
  const base = { blocked: false, allowed: false, reporters: 0, confirmedReports: 0, cases: 0 };
  it('grades', () => {
    expect(verdictOf(base).verdict).toBe('no_risk_found');
    expect(verdictOf({ ...base, reporters: 1 }).verdict).toBe('suspicious');
    expect(verdictOf({ ...base, reporters: 3 }).verdict).toBe('high_risk');
    expect(verdictOf({ ...base, blocked: true }).verdict).toBe('high_risk');
    expect(verdictOf({ ...base, cases: 1 }).verdict).toBe('high_risk');
    expect(verdictOf({ ...base, confirmedReports: 1 }).verdict).toBe('high_risk');
    expect(verdictOf({ ...base, allowed: true, reporters: 9 }).verdict).toBe('no_risk_found');
    expect(verdictOf({ ...base, blocked: true }).label).toBe('高风险');
    expect(verdictOf({ ...base, blocked: true }).advice.join()).toMatch(/96110/);
  });
  it('checks image bytes against the declared type', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    expect(isImageOfType('image/png', png)).toBe(true);
    expect(isImageOfType('image/jpeg', png)).toBe(false);
    expect(isImageOfType('image/jpeg', jpg)).toBe(true);
    expect(isImageOfType('image/webp', Buffer.from('RIFF0000WEBPVP8 '))).toBe(true);
    expect(isImageOfType('image/gif', png)).toBe(false);
    expect(isImageOfType('image/png', Buffer.from('<svg onload=alert(1)>'))).toBe(false);
  });
});
