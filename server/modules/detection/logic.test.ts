import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/index.ts';
import { PARTITIONS } from '../ingest/index.ts';
import { eventKeys, mergeSubject, ownedPartitions, replayWindowSec } from './logic.ts';

describe('detection logic', () => {
  it('workers own disjoint partition sets that cover every partition', () => {
    expect(ownedPartitions(undefined)).toBeNull();
    expect(ownedPartitions({ index: 0, count: 1 })).toBeNull();
    const sets = [0, 1, 2].map((index) => ownedPartitions({ index, count: 3 })!);
    const all = sets.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: PARTITIONS }, (_, i) => i));
    expect(() => ownedPartitions({ index: 3, count: 3 })).toThrow(/outside/);
    expect(() => ownedPartitions({ index: 0, count: Number('x') })).toThrow(/worker count/);
  });

  it('replays at least the longest rule window', () => {
    const base = replayWindowSec(DEFAULT_CONFIG);
    expect(base).toBeGreaterThanOrEqual(
      Math.max(
        DEFAULT_CONFIG.evidenceWindowSec,
        DEFAULT_CONFIG.withdrawals.windowSec,
        DEFAULT_CONFIG.loans.cashoutWindowSec,
      ),
    );
    expect(
      replayWindowSec({ ...DEFAULT_CONFIG, withdrawals: { ...DEFAULT_CONFIG.withdrawals, windowSec: 40 * 86_400 } }),
    ).toBe(40 * 86_400);
    expect(replayWindowSec({ ...DEFAULT_CONFIG, loans: { ...DEFAULT_CONFIG.loans, cashoutWindowSec: base + 1 } })).toBe(
      base + 1,
    );
  });

  it("keys identifiers like the engine, canonical (phone) first, and includes a transaction's own account", () => {
    expect(
      eventKeys({
        type: 'transaction',
        account: '6222 0202 0011 2233 445',
        subject: { idNumber: '451202196503120027', phone: '+86 139 0778 0001' },
      }),
    ).toEqual(['p:13907780001', 'i:451202196503120027', 'a:6222020200112233445']);
    expect(mergeSubject({ phone: '1', name: '甲' }, { type: 'sms', subject: { phone: '2' } })).toEqual({
      phone: '2',
      name: '甲',
    });
  });
});
