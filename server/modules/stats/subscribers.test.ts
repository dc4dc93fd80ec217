import { describe, expect, it } from 'vitest';
import { factsFromCase } from './subscribers.ts';

describe('case.recorded → roll-up increments', () => {
  it('counts the case and its loss on the Shanghai day, by fraud type and payment channel', () => {
    const facts = factsFromCase({
      caseId: 'c1',
      unitId: 'u1',
      reportedAt: '2026-06-01T17:30:00Z',
      fraudTypes: ['fake_investment', 'online_romance'],
      loss: 50000,
      victim: { name: '张三' },
      identifiers: [],
      payments: [
        { paymentId: 'p1', paidAt: '2026-06-01T10:00:00Z', amount: 30000, toAccount: '1', channel: 'mobile' },
        { paymentId: 'p2', paidAt: '2026-06-01T11:00:00Z', amount: 20000, toAccount: '2', channel: 'mobile' },
      ],
    });
    expect(facts.every((f) => f.day === '2026-06-02' && f.unitId === 'u1')).toBe(true); // 01:30 on 2 June in Shanghai
    const get = (m: string, d: string, k: string) =>
      facts.filter((f) => f.metric === m && f.dim === d && f.key === k).map((f) => f.value);
    expect(get('cases_recorded', 'all', '')).toEqual([1]);
    expect(get('case_loss', 'all', '')).toEqual([50000]);
    expect(get('cases_recorded', 'fraud_type', 'online_romance')).toEqual([1]);
    expect(get('cases_recorded', 'channel', 'mobile')).toEqual([1]);
  });
});
