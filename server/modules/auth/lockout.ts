/**
 * Failed-login lock-out per (username, client address). Counting per account alone let anyone lock any account —
 * the admin's included — for the lock period from anywhere, and answering 401 forever for unknown names but 429
 * after five tries for real ones told which accounts exist. Here a name that does not exist is counted and locked
 * exactly like one that does, and a lock holds only for the address that earned it (the per-address rate limit
 * of the login route bounds guessing across names). Counts live in this process: synchronous updates, so parallel
 * attempts each get their own number and the lock comes at exactly `maxFailures`.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();
  constructor(
    private readonly rule: { maxFailures: number; lockMinutes: number },
    private readonly maxEntries = 100_000,
  ) {}

  private key(username: string, ip: string | undefined): string {
    return `${username.trim().toLowerCase()}\u0000${ip ?? ''}`;
  }

  /** Seconds left on the lock of this name from this address, or 0. */
  lockedFor(username: string, ip: string | undefined, now: number): number {
    const e = this.entries.get(this.key(username, ip));
    return e && e.lockedUntil > now ? Math.ceil((e.lockedUntil - now) / 1000) : 0;
  }

  /** Counts a failure; returns the failures so far and the lock's seconds left (0: not locked). */
  fail(username: string, ip: string | undefined, now: number): { failures: number; lockedForSec: number } {
    const k = this.key(username, ip);
    let e = this.entries.get(k);
    if (!e || (e.lockedUntil && e.lockedUntil <= now)) {
      if (!e && this.entries.size >= this.maxEntries) this.prune(now);
      e = { failures: 0, lockedUntil: 0 };
      this.entries.set(k, e);
    }
    e.failures++;
    if (e.failures >= this.rule.maxFailures && e.lockedUntil <= now)
      e.lockedUntil = now + this.rule.lockMinutes * 60_000;
    return { failures: e.failures, lockedForSec: e.lockedUntil > now ? Math.ceil((e.lockedUntil - now) / 1000) : 0 };
  }

  succeed(username: string, ip: string | undefined): void {
    this.entries.delete(this.key(username, ip));
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (e.lockedUntil <= now) this.entries.delete(k);
    // still full (a flood of distinct names from locked addresses): forget the oldest half
    if (this.entries.size >= this.maxEntries) {
      let n = this.entries.size / 2;
      for (const k of this.entries.keys()) {
        if (n-- <= 0) break;
        this.entries.delete(k);
      }
    }
  }
}
