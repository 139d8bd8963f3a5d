/** Notified with the hex token hash of every candidate session revoked or deleted (migration …_session_revoked_notify). */
export const SESSION_REVOKED_CHANNEL = 'session_revoked';

/** How long a session lookup is reused at most (the refresh interval and the session's own expiry bound it further). */
export const SESSION_CACHE_TTL_MS = 30_000;

export interface CachedSession {
  accountId: string;
  name: string;
  /** ms: the lookup is used until then, never past the session's absolute expiry or its next sliding refresh. */
  until: number;
}

/**
 * The viewer behind a session token, kept for a few seconds so a signed-in candidate's reads do
 * not each cost a database round trip. Revocation still takes effect:
 * - in this process at once: `forget` (called by 退出登录, sign-in over a session, password reset)
 *   drops the entry and keeps the token (or account) out of the cache for longer than any entry
 *   lives, so a lookup racing the revoking transaction cannot bring it back;
 * - in every other process when PostgreSQL's notification arrives (a trigger on candidate_session
 *   notifies on commit), which also refuses lookups that were in flight when it came.
 * Serves only while the listening connection is up (`activate`/`deactivate`, like PublicDataCache).
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  /** Tokens (hex hash) and accounts revoked here lately, by the time until which they stay uncached. */
  private readonly revokedTokens = new Map<string, number>();
  private readonly revokedAccounts = new Map<string, number>();
  private generation = 0;
  private active = false;

  constructor(private readonly maxEntries = 100_000) {}

  get isActive(): boolean {
    return this.active;
  }

  /** The cached lookup, when it is still good at `now` (ms). */
  get(tokenHashHex: string, now: number): CachedSession | undefined {
    if (!this.active) return undefined;
    const hit = this.entries.get(tokenHashHex);
    if (!hit) return undefined;
    if (now >= hit.until) {
      this.entries.delete(tokenHashHex);
      return undefined;
    }
    return hit;
  }

  /** A ticket to store the result of a lookup that starts now; stale if anything is revoked meanwhile. */
  ticket(): number {
    return this.generation;
  }

  set(tokenHashHex: string, session: CachedSession, ticket: number, now: number): void {
    if (!this.active || ticket !== this.generation) return;
    if ((this.revokedTokens.get(tokenHashHex) ?? 0) > now || (this.revokedAccounts.get(session.accountId) ?? 0) > now) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHashHex, session);
  }

  /** Revoked in this process (before the revoking transaction commits): gone now, and not cached again. */
  forget(revoked: { tokenHashHex: string } | { accountId: string }, now: number): void {
    this.generation++;
    const until = now + 2 * SESSION_CACHE_TTL_MS;
    if ('tokenHashHex' in revoked) {
      this.entries.delete(revoked.tokenHashHex);
      this.revokedTokens.set(revoked.tokenHashHex, until);
    } else {
      for (const [key, entry] of this.entries) if (entry.accountId === revoked.accountId) this.entries.delete(key);
      this.revokedAccounts.set(revoked.accountId, until);
    }
    prune(this.revokedTokens, now);
    prune(this.revokedAccounts, now);
  }

  /** A revocation committed somewhere (PostgreSQL notification). */
  revoked(tokenHashHex: string): void {
    this.generation++;
    this.entries.delete(tokenHashHex);
  }

  activate(): void {
    this.generation++;
    this.entries.clear();
    this.active = true;
  }

  deactivate(): void {
    this.generation++;
    this.active = false;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

function prune(marks: Map<string, number>, now: number): void {
  if (marks.size < 1000) return;
  for (const [key, until] of marks) if (until <= now) marks.delete(key);
}
