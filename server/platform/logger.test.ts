import { describe, expect, it } from 'vitest';
import { redactDeep, redactIdentifiers } from './logger.ts';

// Finding 11 (issue 10): searched phones and IDs are not kept in full in audit details or request logs.
describe('redactIdentifiers', () => {
  it('masks phones, resident IDs and card numbers, keeps the rest', () => {
    expect(redactIdentifiers('/api/v1/warnings?phone=13977625745&page=2')).toBe(
      '/api/v1/warnings?phone=139****5745&page=2',
    );
    expect(redactIdentifiers('q=11010519491231002X')).toBe('q=110****002X');
    expect(redactIdentifiers('+86 139 7762 5745')).toBe('139****5745');
    expect(redactIdentifiers('6222021234567890123')).toBe('622****0123');
    expect(redactIdentifiers('0771-2801234')).toBe('077****1234'); // a landline is a subject's number too
    for (const keep of ['95588', 'a3f1c2d4-1b2c-4d5e-8f90-123456789012', '2026-06-19T09:30:00+08:00', '12345'])
      expect(redactIdentifiers(keep)).toBe(keep);
  });
  it('walks audit details without changing the input', () => {
    const d = { query: { q: '13800138000', unitId: 'u1' }, ids: ['13900139000'], n: 13800138000 };
    expect(redactDeep(d)).toEqual({ query: { q: '138****8000', unitId: 'u1' }, ids: ['139****9000'], n: 13800138000 });
    expect(d.query.q).toBe('13800138000');
  });
});
