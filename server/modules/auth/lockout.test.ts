import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './lockout.ts';

// Finding 10 (issue 10): a lock per name and address, the same for names that do not exist.
describe('LoginThrottle', () => {
  const rule = { maxFailures: 5, lockMinutes: 15 };
  it('locks a name from one address at exactly the fifth failure; other addresses are unaffected', () => {
    const t = new LoginThrottle(rule);
    const got = [1, 2, 3, 4, 5].map(() => t.fail('admin', '10.0.0.1', 0).lockedForSec);
    expect(got).toEqual([0, 0, 0, 0, 900]);
    expect(t.lockedFor('admin', '10.0.0.1', 1000)).toBe(899);
    expect(t.lockedFor('ADMIN ', '10.0.0.1', 1000)).toBe(899); // the same name however typed
    expect(t.lockedFor('admin', '10.0.0.2', 1000)).toBe(0); // the real admin elsewhere still logs in
    expect(t.lockedFor('admin', '10.0.0.1', 900_001)).toBe(0); // the lock runs out
    expect(t.fail('admin', '10.0.0.1', 900_001)).toEqual({ failures: 1, lockedForSec: 0 });
  });
  it('a success clears the count', () => {
    const t = new LoginThrottle(rule);
    for (let i = 0; i < 4; i++) t.fail('u', 'a', 0);
    t.succeed('u', 'a');
    expect(t.fail('u', 'a', 0).failures).toBe(1);
  });
  it('stays bounded under a flood of distinct names', () => {
    const t = new LoginThrottle(rule, 1000);
    for (let i = 0; i < 10_000; i++) t.fail(`n${i}`, 'a', 0);
    expect((t as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(1000);
  });
});
