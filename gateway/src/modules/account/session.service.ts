import { createHash, randomBytes } from 'node:crypto';
import type { RequestContext, Viewer } from '../../graphql/context';
import { serializeCookie } from '../../http/cookies';
import { SESSION_CACHE_TTL_MS, type SessionCache } from './session-cache';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, ErrorCode } from '../../common/errors';
import { GroupRunner } from '../../common/group-runner';
import { arrayLiteral, executeCall, prepared, preparedQuery, type PreparedCall } from '../../orm/raw-transaction';

export const SESSION_COOKIE = 'ccap_sid';
/** Sliding expiry is refreshed at most this often, so a busy page does not write on every request. */
export const SESSION_REFRESH_INTERVAL_MS = 60_000;

/** 32 random bytes, base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface SessionOptions {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  secureCookie: boolean;
}

/**
 * A signed-in request's first statement when its session is not cached, for a group of lookups ($1 the
 * token hashes, hex); the time conditions are checked per lookup. Prepared: PostgreSQL plans it once per
 * connection.
 */
const LIVE_SESSIONS = prepared(
  'ccap_live_sessions',
  `select encode(s.token_hash, 'hex') as token_hash_hex, s.account_id, s.last_seen_at, s.expires_at, a.name
     from candidate_session s join candidate_account a on a.id = s.account_id
    where s.token_hash = any(select decode(h, 'hex') from unnest($1::text[]) as h) and s.revoked_at is null`,
);

interface SessionRow {
  account_id: string;
  name: string;
  last_seen_at: string;
  expires_at: string;
}

interface SessionLookup {
  em: EntityManager;
  tokenHashHex: string;
  now: Date;
  /** Idle sessions last seen before this are over. */
  idleSince: Date;
}

async function lookUpTogether(lookups: SessionLookup[]): Promise<Array<SessionRow | null>> {
  const rows = await preparedQuery<SessionRow & { token_hash_hex: string }>(lookups[0]!.em, LIVE_SESSIONS, [
    arrayLiteral(lookups.map((l) => l.tokenHashHex)),
  ]);
  const byToken = new Map(rows.map((row) => [row.token_hash_hex, row]));
  return lookups.map((lookup) => {
    const row = byToken.get(lookup.tokenHashHex);
    const live = row && new Date(row.expires_at) > lookup.now && new Date(row.last_seen_at) > lookup.idleSince;
    return live ? row : null;
  });
}

const INSERT_SESSION = prepared(
  'ccap_insert_session',
  `insert into candidate_session (token_hash, account_id, created_at, last_seen_at, expires_at, revoked_at) values ($1, $2, $3, $3, $4, null)`,
);

const REVOKE_SESSION = prepared('ccap_revoke_session', `update candidate_session set revoked_at = $1 where token_hash = $2 and revoked_at is null`);

/**
 * A signed-in request refused because too many session lookups already wait in this process: nothing
 * was done. HTTP 503 with Retry-After (Apollo takes `extensions.http` for the response and leaves it
 * out of the body), so a load balancer or the browser can tell overload from a fault.
 */
export function sessionLookupBusy(): AppError {
  return new AppError(ErrorCode.SERVICE_BUSY, undefined, { http: { status: 503, headers: new Map([['retry-after', '1']]) } });
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Server-side sessions behind an HttpOnly cookie; revocable one by one or per account. */
export class SessionService {
  /**
   * Lookups that miss the cache while another is in flight go to PostgreSQL together (one round trip
   * for a burst of signed-in requests: the first minutes of registration, or every process right
   * after a restart).
   */
  private readonly lookups: GroupRunner<SessionLookup, SessionRow | null>;

  constructor(
    private readonly options: SessionOptions,
    /** Reuses lookups for a few seconds; revocations here and (notified) elsewhere drop them. */
    private readonly cache?: SessionCache,
    /** At most this many lookups wait for a group; one more fails its request at once (sessionLookupBusy). */
    maxWaiting?: number,
  ) {
    this.lookups = new GroupRunner({
      maxGroup: 100,
      maxWaiting,
      busy: sessionLookupBusy,
      alone: async (lookup) => (await lookUpTogether([lookup]))[0]!,
      together: lookUpTogether,
    });
  }

  private cookie(value: string, maxAgeSeconds?: number): string {
    // Lax, not Strict: a candidate following a link from a notice e-mail should arrive signed in.
    return serializeCookie(SESSION_COOKIE, value, {
      httpOnly: true,
      secure: this.options.secureCookie,
      sameSite: 'Lax',
      path: '/',
      maxAgeSeconds,
    });
  }

  /**
   * Creates a session row (inside the caller's transaction) and returns the cookie to send once that
   * transaction has committed. The cookie has no Max-Age: closing the browser ends it on shared computers.
   */
  async create(ctx: RequestContext, accountId: string): Promise<string> {
    const session = this.creation(accountId, ctx.clock.now());
    await executeCall(ctx.em, session.call);
    return session.cookie;
  }

  /** `create` as a statement for a batch (登录 sends it with the rest of its transaction in one message). */
  creation(accountId: string, now: Date): { call: PreparedCall; cookie: string } {
    const token = randomBytes(32).toString('base64url');
    return {
      call: { statement: INSERT_SESSION, args: [hashToken(token), accountId, now, new Date(now.getTime() + this.options.absoluteTimeoutMs)] },
      cookie: this.cookie(token),
    };
  }

  /** Queues the session cookie for the response; a later value replaces an earlier one (sign-in after a stale cookie was cleared). */
  sendCookie(ctx: RequestContext, cookie: string): void {
    const others = ctx.responseCookies.filter((queued) => !queued.startsWith(`${SESSION_COOKIE}=`));
    ctx.responseCookies.splice(0, ctx.responseCookies.length, ...others, cookie);
  }

  clearCookie(ctx: RequestContext): void {
    this.sendCookie(ctx, this.cookie('', 0));
  }

  /**
   * The viewer of a request from its session cookie: one primary-key lookup joined to the account.
   * A cookie that no longer names a live session is cleared.
   */
  async resolveViewer(ctx: RequestContext, token: string): Promise<Viewer | null> {
    if (!TOKEN_PATTERN.test(token)) {
      this.clearCookie(ctx);
      return null;
    }
    const now = ctx.clock.now();
    const tokenHash = hashToken(token);
    const tokenHashHex = tokenHash.toString('hex');
    const cached = this.cache?.get(tokenHashHex, now.getTime());
    if (cached) return { id: cached.accountId, name: cached.name, sessionTokenHash: tokenHash };
    const ticket = this.cache?.ticket();
    const row = await this.lookups.run({ em: ctx.db, tokenHashHex, now, idleSince: new Date(now.getTime() - this.options.idleTimeoutMs) });
    if (!row) {
      this.clearCookie(ctx);
      return null;
    }
    let lastSeen = new Date(row.last_seen_at).getTime();
    if (now.getTime() - lastSeen >= SESSION_REFRESH_INTERVAL_MS) {
      await ctx.em.execute(`update candidate_session set last_seen_at = ? where token_hash = ? and last_seen_at < ?`, [
        now,
        tokenHash,
        now,
      ]);
      lastSeen = now.getTime();
    }
    if (this.cache && ticket !== undefined) {
      // Until the next sliding refresh (or idle expiry) is due, the absolute expiry, or the TTL, whichever comes first.
      const until = Math.min(
        now.getTime() + SESSION_CACHE_TTL_MS,
        lastSeen + Math.min(SESSION_REFRESH_INTERVAL_MS, this.options.idleTimeoutMs),
        new Date(row.expires_at).getTime(),
      );
      this.cache.set(tokenHashHex, { accountId: row.account_id, name: row.name, until }, ticket, now.getTime());
    }
    return { id: row.account_id, name: row.name, sessionTokenHash: tokenHash };
  }

  async revoke(ctx: RequestContext, tokenHash: Buffer): Promise<void> {
    await executeCall(ctx.em, this.revocation(tokenHash, ctx.clock.now()));
  }

  /** `revoke` as a statement for a batch; the cached lookup is dropped at once. */
  revocation(tokenHash: Buffer, now: Date): PreparedCall {
    this.cache?.forget({ tokenHashHex: tokenHash.toString('hex') }, now.getTime());
    return { statement: REVOKE_SESSION, args: [now, tokenHash] };
  }

  /** 退出登录: revokes the session of this request and clears its cookie. */
  async end(ctx: RequestContext): Promise<void> {
    if (ctx.viewer) await this.revoke(ctx, ctx.viewer.sessionTokenHash);
    this.clearCookie(ctx);
  }

  /** Every browser of the account is signed out (after a password reset). Inside the caller's transaction. */
  async revokeAll(ctx: RequestContext, accountId: string): Promise<void> {
    this.cache?.forget({ accountId }, ctx.clock.now().getTime());
    await ctx.em.execute(`update candidate_session set revoked_at = ? where account_id = ? and revoked_at is null`, [
      ctx.clock.now(),
      accountId,
    ]);
  }
}
