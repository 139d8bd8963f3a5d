import type { RequestContext } from '../../graphql/context';

/** Password checks per account within a window before the account locks. */
export const ACCOUNT_MAX_ATTEMPTS = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LOCK_MS = 15 * 60_000;

export type CountedAttempt =
  | { counted: true; attempts: number; lockedUntil: Date | null }
  | { counted: false; lockedUntil: Date };

/**
 * Attempt counters in PostgreSQL, shared by every gateway process. A counter runs for LOGIN_WINDOW_MS
 * from its first attempt; reaching the maximum locks the key for LOGIN_LOCK_MS, after which counting
 * starts afresh. So an account sees at most ACCOUNT_MAX_ATTEMPTS password checks per 15 minutes,
 * 20 an hour: well under ASVS's 100 failed attempts per hour.
 */
export class LoginThrottleService {
  /** Null when the key may try now. */
  async lockedUntil(ctx: RequestContext, key: string): Promise<Date | null> {
    const [row] = await ctx.em.execute<Array<{ locked_until: string }>>(
      `select locked_until from login_throttle where key = ? and locked_until > ?`,
      [key, ctx.clock.now()],
    );
    return row ? new Date(row.locked_until) : null;
  }

  /**
   * Counts one attempt unless the key is locked, in one statement, so concurrent attempts on any
   * number of processes never exceed `maxAttempts`. The attempt that reaches the maximum sets the
   * lock at once; `reset` lifts it if that attempt turns out to succeed.
   */
  async countAttempt(ctx: RequestContext, key: string, maxAttempts: number): Promise<CountedAttempt> {
    const now = ctx.clock.now();
    const lockEnd = new Date(now.getTime() + LOGIN_LOCK_MS);
    const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
    // A counter starts afresh when its window has passed or its lock has run out.
    const fresh = `(t.window_started_at <= ? or t.locked_until is not null)`;
    const [row] = await ctx.em.execute<Array<{ attempts: number; locked_until: string | null }>>(
      `insert into login_throttle as t (key, attempts, window_started_at, locked_until)
       values (?, 1, ?, case when 1 >= ? then ?::timestamptz end)
       on conflict (key) do update set
         attempts = case when ${fresh} then 1 else t.attempts + 1 end,
         window_started_at = case when ${fresh} then excluded.window_started_at else t.window_started_at end,
         locked_until = case when (case when ${fresh} then 1 else t.attempts + 1 end) >= ? then ?::timestamptz end
       where t.locked_until is null or t.locked_until <= excluded.window_started_at
       returning attempts, locked_until`,
      [key, now, maxAttempts, lockEnd, windowStart, windowStart, windowStart, maxAttempts, lockEnd],
    );
    if (row) return { counted: true, attempts: row.attempts, lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
    const lockedUntil = await this.lockedUntil(ctx, key);
    // The lock ran out between the two statements: count again.
    return lockedUntil ? { counted: false, lockedUntil } : this.countAttempt(ctx, key, maxAttempts);
  }

  async reset(ctx: RequestContext, key: string): Promise<void> {
    await ctx.em.execute(`delete from login_throttle where key = ?`, [key]);
  }
}
