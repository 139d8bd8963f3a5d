import type { RequestContext } from '../../graphql/context';
import { executeCall, prepared, preparedQuery, type PreparedCall } from '../../orm/raw-transaction';

/** Password checks per account within a window before the account locks. */
export const ACCOUNT_MAX_ATTEMPTS = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LOCK_MS = 15 * 60_000;

export type CountedAttempt =
  | { counted: true; attempts: number; lockedUntil: Date | null }
  | { counted: false; lockedUntil: Date };

// A counter starts afresh when its window has passed ($3) or its lock has run out.
const FRESH = `(t.window_started_at <= $3 or t.locked_until is not null)`;
const COUNT_ATTEMPT = prepared(
  'ccap_count_login_attempt',
  `insert into login_throttle as t (key, attempts, window_started_at, locked_until)
   values ($1, 1, $2, case when 1 >= $4 then $5::timestamptz end)
   on conflict (key) do update set
     attempts = case when ${FRESH} then 1 else t.attempts + 1 end,
     window_started_at = case when ${FRESH} then excluded.window_started_at else t.window_started_at end,
     locked_until = case when (case when ${FRESH} then 1 else t.attempts + 1 end) >= $4 then $5::timestamptz end
   where t.locked_until is null or t.locked_until <= excluded.window_started_at
   returning attempts, locked_until`,
);
const LOCKED_UNTIL = prepared('ccap_login_locked_until', `select locked_until from login_throttle where key = $1 and locked_until > $2`);
const RESET = prepared('ccap_login_throttle_reset', `delete from login_throttle where key = $1`);

/**
 * Attempt counters in PostgreSQL, shared by every gateway process. A counter runs for LOGIN_WINDOW_MS
 * from its first attempt; reaching the maximum locks the key for LOGIN_LOCK_MS, after which counting
 * starts afresh. So an account sees at most ACCOUNT_MAX_ATTEMPTS password checks per 15 minutes,
 * 20 an hour: well under ASVS's 100 failed attempts per hour.
 */
export class LoginThrottleService {
  /** Null when the key may try now. */
  async lockedUntil(ctx: RequestContext, key: string): Promise<Date | null> {
    return lockOf(await executeCall<{ locked_until: string }>(ctx.em, this.lockCheck(key, ctx.clock.now())));
  }

  /** `lockedUntil` as a statement for a batch; read its rows with `lockOf`. */
  lockCheck(key: string, now: Date): PreparedCall {
    return { statement: LOCKED_UNTIL, args: [key, now] };
  }

  /**
   * Counts one attempt unless the key is locked, in one statement, so concurrent attempts on any
   * number of processes never exceed `maxAttempts`. The attempt that reaches the maximum sets the
   * lock at once; `reset` lifts it if that attempt turns out to succeed. Committed on its own
   * connection: no caller's rollback can take a counted attempt back.
   */
  async countAttempt(ctx: RequestContext, key: string, maxAttempts: number): Promise<CountedAttempt> {
    const now = ctx.clock.now();
    const lockEnd = new Date(now.getTime() + LOGIN_LOCK_MS);
    const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const [row] = await preparedQuery<{ attempts: number; locked_until: string | null }>(ctx.db, COUNT_ATTEMPT, [key, now, windowStart, maxAttempts, lockEnd]);
    if (row) return { counted: true, attempts: row.attempts, lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
    const lockedUntil = await this.lockedUntil(ctx, key);
    // The lock ran out between the two statements: count again.
    return lockedUntil ? { counted: false, lockedUntil } : this.countAttempt(ctx, key, maxAttempts);
  }

  async reset(ctx: RequestContext, key: string): Promise<void> {
    await executeCall(ctx.em, this.resetting(key));
  }

  /** `reset` as a statement for a batch. */
  resetting(key: string): PreparedCall {
    return { statement: RESET, args: [key] };
  }
}

export function lockOf(rows: ReadonlyArray<Record<string, unknown>>): Date | null {
  const lockedUntil = rows[0]?.locked_until;
  return lockedUntil ? new Date(lockedUntil as string) : null;
}
