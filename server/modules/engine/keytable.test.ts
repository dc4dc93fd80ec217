import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyTable } from './keytable.ts';

// keys that collide if the encoding lost leading zeros or lengths, 18/19-digit edges, and non-digit keys
const key = fc.oneof(
  fc.stringMatching(/^[0-9]{1,20}$/),
  fc.constantFrom('0', '00', '000000000', '0000000000', '1', '01', '999999999', '1000000000', '999999999999999999'),
  fc.constantFrom('9999999999999999999', '１２３', '12a', '', '+8613800138000', 'example.com'),
  fc.integer({ min: 0, max: 40 }).map((i) => String(13_800_000_000 + i)),
);

describe('KeyTable', () => {
  it('behaves like a Map<string, number> under any sequence of sets, gets and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('set', 'get', 'delete'), key, fc.integer({ min: 0, max: 2 ** 31 - 1 })), {
          maxLength: 400,
        }),
        fc.integer({ min: 1, max: 64 }),
        (ops, cap) => {
          const t = new KeyTable(cap);
          const m = new Map<string, number>();
          for (const [op, k, v] of ops) {
            if (op === 'set') {
              t.set(k, v);
              m.set(k, v);
            } else if (op === 'delete') expect(t.delete(k)).toBe(m.delete(k));
            expect(t.get(k)).toBe(m.get(k) ?? -1);
            expect(t.size).toBe(m.size);
          }
          for (const [k, v] of m) expect(t.get(k)).toBe(v);
          expect([...t.keys()].sort()).toEqual([...m.keys()].sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every entry through growth and mass deletion', () => {
    const t = new KeyTable(16);
    const n = 50_000;
    for (let i = 0; i < n; i++) t.set(String(13_800_000_000 + i * 7), i);
    expect(t.size).toBe(n);
    for (let i = 0; i < n; i += 2) expect(t.delete(String(13_800_000_000 + i * 7))).toBe(true);
    for (let i = 0; i < n; i++) expect(t.get(String(13_800_000_000 + i * 7))).toBe(i % 2 ? i : -1);
    expect(t.size).toBe(n / 2);
  });
});
