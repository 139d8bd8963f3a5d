import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestContext } from '../../graphql/context';
import { readCookie, serializeCookie } from '../../http/cookies';
import type { OpsPrincipal, OpsRole } from './ops-principal';

/** Separate from the candidates' `ccap_sid`: signing in as one never signs in as the other. */
export const OPS_SESSION_COOKIE = 'ccap_ops_sid';
/** Sliding expiry is refreshed at most this often, so a busy explorer does not write on every request. */
export const OPS_SESSION_REFRESH_INTERVAL_MS = 60_000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface OpsSessionOptions {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  secureCookie: boolean;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Server-side ops sessions behind an HttpOnly cookie, like the candidates' but stricter. */
export class OpsSessionService {
  constructor(private readonly options: OpsSessionOptions) {}

  private cookie(value: string, maxAgeSeconds?: number): string {
    // Strict: the explorer is opened by typing its address; no link from elsewhere needs to arrive signed in.
    return serializeCookie(OPS_SESSION_COOKIE, value, {
      httpOnly: true,
      secure: this.options.secureCookie,
      sameSite: 'Strict',
      path: '/',
      maxAgeSeconds,
    });
  }

  /** A later value replaces an earlier one queued in the same response. */
  sendCookie(ctx: RequestContext, cookie: string): void {
    const others = ctx.responseCookies.filter((queued) => !queued.startsWith(`${OPS_SESSION_COOKIE}=`));
    ctx.responseCookies.splice(0, ctx.responseCookies.length, ...others, cookie);
  }

  clearCookie(ctx: RequestContext): void {
    this.sendCookie(ctx, this.cookie('', 0));
  }

  /** Inserts the session inside the caller's transaction; returns the cookie to send once it commits. */
  async create(ctx: RequestContext, accountId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = ctx.clock.now();
    await ctx.em.execute(
      `insert into ops_session (token_hash, account_id, created_at, last_seen_at, expires_at, revoked_at, ip) values (?, ?, ?, ?, ?, null, ?)`,
      [hashToken(token), accountId, now, now, new Date(now.getTime() + this.options.absoluteTimeoutMs), ctx.ip.slice(0, 45)],
    );
    return this.cookie(token);
  }

  /**
   * The ops principal of a request from its `ccap_ops_sid` cookie: one lookup joined to the account,
   * which must not be disabled (disabling an account ends its sessions at their next request).
   * A cookie that names no live session is cleared.
   */
  async resolvePrincipal(req: IncomingMessage, ctx: RequestContext): Promise<OpsPrincipal | null> {
    const token = readCookie(req.headers.cookie, OPS_SESSION_COOKIE);
    if (!token) return null;
    if (!TOKEN_PATTERN.test(token)) {
      this.clearCookie(ctx);
      return null;
    }
    const now = ctx.clock.now();
    const tokenHash = hashToken(token);
    const [row] = await ctx.em.execute<Array<{ id: string; username: string; roles: OpsRole[]; unit_codes: string[]; last_seen_at: string }>>(
      `select a.id, a.username, a.roles, a.unit_codes, s.last_seen_at
         from ops_session s join ops_account a on a.id = s.account_id
        where s.token_hash = ? and s.revoked_at is null and s.expires_at > ? and s.last_seen_at > ? and not a.disabled`,
      [tokenHash, now, new Date(now.getTime() - this.options.idleTimeoutMs)],
    );
    if (!row) {
      this.clearCookie(ctx);
      return null;
    }
    if (now.getTime() - new Date(row.last_seen_at).getTime() >= OPS_SESSION_REFRESH_INTERVAL_MS) {
      await ctx.em.execute(`update ops_session set last_seen_at = ? where token_hash = ? and last_seen_at < ?`, [now, tokenHash, now]);
    }
    return { id: row.id, username: row.username, roles: row.roles, unitCodes: row.unit_codes, sessionTokenHash: tokenHash };
  }

  async revoke(ctx: RequestContext, tokenHash: Buffer): Promise<void> {
    await ctx.em.execute(`update ops_session set revoked_at = ? where token_hash = ? and revoked_at is null`, [ctx.clock.now(), tokenHash]);
  }
}
