/**
 * Failed-login lock-out per (username, client address). Counting per account alone let anyone lock any account —
 * the admin's included — for the lock period from anywhere, and answering 401 forever for unknown names but 429
 * after five tries for real ones told which accounts exist. Here a name that does not exist is counted and locked
 * exactly like one that does, and a lock holds only for the address that earned it (the per-address rate limit
 * of the login route bounds guessing across names).
 *
 * The counts live in the database (`login_failures`, users/schema.ts), so every server process on one database
 * shares them: a guesser spreading attempts over several nodes behind a balancer is counted once. One upsert per
 * failure, atomic, so parallel attempts each get their own number and the lock comes at exactly `maxFailures`.
 * A count without a lock expires the lock period after its last failure; expired rows are swept now and then.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { sha256 } from '../../platform/auth/secrets.ts';

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;
const normalName = (username: string) => username.trim().toLowerCase();

export class LoginThrottle {
  private lastSweep = 0;
  constructor(private readonly rule: { maxFailures: number; lockMinutes: number }) {}

  private key(username: string, ip: string | undefined): string {
    return sha256(`${normalName(username)}\u0000${ip ?? ''}`);
  }

  /** Seconds left on the lock of this name from this address, or 0. */
  async lockedFor(db: Db, username: string, ip: string | undefined, now: number): Promise<number> {
    const at = new Date(now).toISOString();
    const r = rowsOf<{ until: string | Date }>(
      await db.execute(sql`
      select locked_until as until from login_failures
      where key = ${this.key(username, ip)} and locked_until > ${at}::timestamptz`),
    )[0];
    return r ? Math.ceil((new Date(r.until).getTime() - now) / 1000) : 0;
  }

  /** Counts a failure; returns the failures so far and the lock's seconds left (0: not locked). */
  async fail(
    db: Db,
    username: string,
    ip: string | undefined,
    now: number,
  ): Promise<{ failures: number; lockedForSec: number }> {
    const at = sql`${new Date(now).toISOString()}::timestamptz`;
    const end = sql`${new Date(now + this.rule.lockMinutes * 60_000).toISOString()}::timestamptz`;
    const max = this.rule.maxFailures;
    // a row past its expiry starts again at 1; a lock in force is kept as it is (not extended)
    const r = rowsOf<{ failures: number; locked_until: string | Date | null }>(
      await db.execute(sql`
      insert into login_failures as f (key, failures, locked_until, expires_at)
      values (${this.key(username, ip)}, 1,
        case when 1 >= ${max}::int then ${end} end, ${end})
      on conflict (key) do update set
        failures = case when f.expires_at <= ${at} then 1 else f.failures + 1 end,
        locked_until = case
          when f.expires_at > ${at} and f.locked_until > ${at} then f.locked_until
          when (case when f.expires_at <= ${at} then 1 else f.failures + 1 end) >= ${max}::int then ${end}
          end,
        expires_at = case when f.expires_at > ${at} and f.locked_until > ${at} then f.expires_at else ${end} end
      returning failures, locked_until`),
    )[0]!;
    if (now - this.lastSweep > 60_000 || now < this.lastSweep) {
      this.lastSweep = now;
      await db.execute(sql`delete from login_failures where expires_at <= ${at}`);
    }
    const until = r.locked_until ? new Date(r.locked_until).getTime() : 0;
    return { failures: Number(r.failures), lockedForSec: until > now ? Math.ceil((until - now) / 1000) : 0 };
  }

  async succeed(db: Db, username: string, ip: string | undefined): Promise<void> {
    await db.execute(sql`delete from login_failures where key = ${this.key(username, ip)}`);
  }
}
