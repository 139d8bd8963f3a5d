import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type RequestContext, withEntityManager } from '../../graphql/context';
import { readCookie, serializeCookie } from '../../http/cookies';
import { ACCOUNT_MESSAGES, AccountErrorCode, accountFailure, type AccountFailure } from './account.errors';
import type { AccountService, LoginFields, LoginResult, SignedIn } from './account.service';
import type { LoginThrottleService } from './login-throttle.service';
import type { SessionService } from './session.service';
import type { WeChatCallback, WeChatLoginProvider } from './wechat-provider';
import { WeChatTicketStatus } from './wechat-login.entity';

/** HttpOnly cookie binding a ticket to the browser that asked for it. */
export const WECHAT_NONCE_COOKIE = 'ccap_wx';
/** After 确认登录 the candidate may still bind an account (type 证件号码, 密码, 验证码) for this long. */
export const WECHAT_BIND_WINDOW_MS = 10 * 60_000;
/** QR codes one client address may ask for per 15 minutes (the page asks once, and on 刷新二维码). */
export const WECHAT_TICKETS_PER_CLIENT = 60;
/** Tickets are kept this long after they expire (for the log's sake), then deleted when new ones are made. */
const TICKET_RETENTION_MS = 24 * 60 * 60_000;

/** What the login page shows while it polls. */
export enum WeChatLoginStatus {
  /** 请使用微信扫一扫 */
  WAITING = 'WAITING',
  /** 已扫码,请在手机上确认 */
  SCANNED = 'SCANNED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
  /** Confirmed by a WeChat identity bound to no account: 绑定已有账号. */
  BIND_REQUIRED = 'BIND_REQUIRED',
  /** Signed in: this response set the session cookie. */
  SIGNED_IN = 'SIGNED_IN',
}

export interface WeChatTicketIssued {
  ok: true;
  ticketId: string;
  qrContent: string;
  expiresAt: Date;
  simulated: boolean;
}

export type WeChatPollResult = { ok: true; status: Exclude<WeChatLoginStatus, WeChatLoginStatus.SIGNED_IN>; message: string } | (SignedIn & { status: WeChatLoginStatus.SIGNED_IN }) | AccountFailure;

export type WeChatBindResult = SignedIn | AccountFailure | LoginResult;

interface TicketRow {
  id: string;
  browser_nonce_hash: Buffer;
  status: WeChatTicketStatus;
  openid: string | null;
  expires_at: Date;
  confirmed_at: Date | null;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const failure = (code: keyof typeof ACCOUNT_MESSAGES & keyof typeof AccountErrorCode) => accountFailure(AccountErrorCode[code], ACCOUNT_MESSAGES[code]);

/**
 * 微信扫码登录. A ticket is created for one browser (nonce cookie), the phone reports 已扫码 and
 * 确认登录 through the provider's signed callback, and the browser that created the ticket, polling,
 * turns a confirmed ticket into a session exactly once: at once when the WeChat identity is bound to
 * an account, or after 绑定已有账号 (证件号码或手机号 + 密码 + 验证码) when it is not.
 */
export class WeChatLoginService {
  constructor(
    private readonly deps: {
      provider: WeChatLoginProvider | null;
      accounts: AccountService;
      sessions: SessionService;
      loginThrottle: LoginThrottleService;
      ticketTtlMs: number;
      secureCookie: boolean;
    },
  ) {}

  private nonceCookie(value: string, maxAgeSeconds: number): string {
    // Strict: only the portal's own pages ever send it (polling and binding are same-origin requests).
    return serializeCookie(WECHAT_NONCE_COOKIE, value, { httpOnly: true, secure: this.deps.secureCookie, sameSite: 'Strict', path: '/', maxAgeSeconds });
  }

  private queueCookie(ctx: RequestContext, cookie: string): void {
    const others = ctx.responseCookies.filter((queued) => !queued.startsWith(`${WECHAT_NONCE_COOKIE}=`));
    ctx.responseCookies.splice(0, ctx.responseCookies.length, ...others, cookie);
  }

  /** A new QR code for this browser; replaces the nonce cookie, so an older code of the same page stops working here. */
  async createTicket(ctx: RequestContext): Promise<WeChatTicketIssued | AccountFailure> {
    const { provider } = this.deps;
    if (!provider) return failure('WECHAT_UNAVAILABLE');
    const attempt = await this.deps.loginThrottle.countAttempt(ctx, `wechat-ticket:${ctx.ip}`, WECHAT_TICKETS_PER_CLIENT);
    if (!attempt.counted) return accountFailure(AccountErrorCode.CLIENT_LOCKED, '获取二维码过于频繁,请稍后再试或使用账号密码登录');
    const nonce = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + this.deps.ticketTtlMs);
    await ctx.em.execute(`delete from wechat_login_ticket where expires_at < ?`, [new Date(now.getTime() - TICKET_RETENTION_MS)]);
    await ctx.em.execute(
      `insert into wechat_login_ticket (id, browser_nonce_hash, status, openid, created_at, expires_at) values (?, ?, ?, null, ?, ?)`,
      [id, sha256(nonce), WeChatTicketStatus.PENDING, now, expiresAt],
    );
    this.queueCookie(ctx, this.nonceCookie(nonce, Math.ceil((this.deps.ticketTtlMs + WECHAT_BIND_WINDOW_MS) / 1000)));
    return { ok: true, ticketId: id, qrContent: provider.qrContent(id), expiresAt, simulated: provider.simulated };
  }

  /** The provider's report from the phone. Only moves forward, only before the ticket expires. */
  async applyCallback(ctx: RequestContext, callback: WeChatCallback): Promise<{ ok: true; message: string } | AccountFailure> {
    const now = ctx.clock.now();
    const transitions: Record<WeChatCallback['event'], { to: WeChatTicketStatus; from: WeChatTicketStatus[]; set: string; message: string }> = {
      SCANNED: { to: WeChatTicketStatus.SCANNED, from: [WeChatTicketStatus.PENDING], set: 'scanned_at = ?', message: '已扫码' },
      CONFIRMED: {
        to: WeChatTicketStatus.CONFIRMED,
        from: [WeChatTicketStatus.PENDING, WeChatTicketStatus.SCANNED],
        set: 'confirmed_at = ?, openid = ?',
        message: '已确认登录',
      },
      CANCELLED: { to: WeChatTicketStatus.CANCELLED, from: [WeChatTicketStatus.PENDING, WeChatTicketStatus.SCANNED], set: 'confirmed_at = null, scanned_at = coalesce(scanned_at, ?)', message: '已取消登录' },
    };
    const t = transitions[callback.event];
    const params: unknown[] = callback.event === 'CONFIRMED' ? [now, callback.openid] : [now];
    const updated = await ctx.em.execute<Array<{ id: string }>>(
      `update wechat_login_ticket set status = ?, ${t.set}
        where id = ? and status in (${t.from.map(() => '?').join(', ')}) and expires_at > ?
        returning id`,
      [t.to, ...params, callback.ticketId, ...t.from, now],
    );
    if (updated.length > 0) {
      ctx.logger.info({ ticketId: callback.ticketId, event: callback.event }, 'wechat login ticket updated');
      return { ok: true, message: t.message };
    }
    const [row] = await ctx.em.execute<Array<{ status: WeChatTicketStatus; expires_at: Date }>>(
      `select status, expires_at from wechat_login_ticket where id = ?`,
      [callback.ticketId],
    );
    if (!row) return failure('WECHAT_TICKET_NOT_FOUND');
    // A repeated scan of a scanned code is harmless (the page was reloaded on the phone).
    if (callback.event === 'SCANNED' && row.status === WeChatTicketStatus.SCANNED && new Date(row.expires_at) > now) return { ok: true, message: t.message };
    if (new Date(row.expires_at) <= now && (row.status === WeChatTicketStatus.PENDING || row.status === WeChatTicketStatus.SCANNED)) {
      return failure('WECHAT_TICKET_EXPIRED');
    }
    return failure('WECHAT_TICKET_USED');
  }

  /** The ticket of this browser, or why it cannot be used from here. `forUpdate` inside a transaction. */
  private async ownTicket(ctx: RequestContext, ticketId: string, cookieHeader: string | undefined, forUpdate = false): Promise<TicketRow | AccountFailure> {
    if (!UUID_PATTERN.test(ticketId)) return failure('WECHAT_TICKET_NOT_FOUND');
    const [row] = await ctx.em.execute<TicketRow[]>(
      `select id, browser_nonce_hash, status, openid, expires_at, confirmed_at from wechat_login_ticket where id = ?${forUpdate ? ' for update' : ''}`,
      [ticketId],
    );
    if (!row) return failure('WECHAT_TICKET_NOT_FOUND');
    const nonce = readCookie(cookieHeader, WECHAT_NONCE_COOKIE);
    if (!nonce || !NONCE_PATTERN.test(nonce) || !timingSafeEqual(sha256(nonce), Buffer.from(row.browser_nonce_hash))) {
      return failure('WECHAT_TICKET_OTHER_BROWSER');
    }
    return row;
  }

  private confirmedAndFresh(ctx: RequestContext, row: TicketRow): boolean {
    return row.status === WeChatTicketStatus.CONFIRMED && row.confirmed_at !== null && new Date(row.confirmed_at).getTime() + WECHAT_BIND_WINDOW_MS > ctx.clock.now().getTime();
  }

  private async boundAccount(ctx: RequestContext, openid: string): Promise<{ id: string; name: string } | undefined> {
    const [row] = await ctx.em.execute<Array<{ id: string; name: string }>>(
      `select a.id, a.name from wechat_binding b join candidate_account a on a.id = b.account_id where b.openid = ?`,
      [openid],
    );
    return row;
  }

  /** Polled by the login page every few seconds. Signs this browser in once the ticket is confirmed by a bound identity. */
  async poll(ctx: RequestContext, ticketId: string, cookieHeader: string | undefined): Promise<WeChatPollResult> {
    const row = await this.ownTicket(ctx, ticketId, cookieHeader);
    if ('ok' in row) return row;
    const now = ctx.clock.now();
    const expired = new Date(row.expires_at) <= now;
    switch (row.status) {
      case WeChatTicketStatus.PENDING:
        return expired ? { ok: true, status: WeChatLoginStatus.EXPIRED, message: ACCOUNT_MESSAGES.WECHAT_TICKET_EXPIRED } : { ok: true, status: WeChatLoginStatus.WAITING, message: '请使用微信扫一扫' };
      case WeChatTicketStatus.SCANNED:
        return expired ? { ok: true, status: WeChatLoginStatus.EXPIRED, message: ACCOUNT_MESSAGES.WECHAT_TICKET_EXPIRED } : { ok: true, status: WeChatLoginStatus.SCANNED, message: '扫码成功,请在手机上确认登录' };
      case WeChatTicketStatus.CANCELLED:
        return { ok: true, status: WeChatLoginStatus.CANCELLED, message: '已在手机上取消登录,请刷新二维码' };
      case WeChatTicketStatus.CONSUMED:
        return failure('WECHAT_TICKET_USED');
      case WeChatTicketStatus.CONFIRMED:
        break;
    }
    if (!this.confirmedAndFresh(ctx, row)) return { ok: true, status: WeChatLoginStatus.EXPIRED, message: ACCOUNT_MESSAGES.WECHAT_TICKET_EXPIRED };
    const account = await this.boundAccount(ctx, row.openid!);
    if (!account) return { ok: true, status: WeChatLoginStatus.BIND_REQUIRED, message: '该微信尚未绑定账号,请输入已注册的账号信息完成绑定' };
    const cookie = await ctx.em.transactional(async (em) => {
      const tx = withEntityManager(ctx, em);
      if (!(await this.consume(tx, row.id))) return null;
      if (ctx.viewer) await this.deps.sessions.revoke(tx, ctx.viewer.sessionTokenHash);
      return this.deps.sessions.create(tx, account.id);
    });
    // Two polls of the same browser raced: the other one signed in.
    if (!cookie) return failure('WECHAT_TICKET_USED');
    ctx.logger.info({ accountId: account.id, ticketId: row.id }, 'candidate signed in with wechat');
    this.queueCookie(ctx, this.nonceCookie('', 0));
    return { ...this.deps.accounts.signedIn(ctx, account.id, account.name, cookie), status: WeChatLoginStatus.SIGNED_IN };
  }

  /** Single use: CONFIRMED → CONSUMED, true for the one request that did it. */
  private async consume(ctx: RequestContext, ticketId: string): Promise<boolean> {
    const rows = await ctx.em.execute<Array<{ id: string }>>(
      `update wechat_login_ticket set status = ?, consumed_at = ? where id = ? and status = ? returning id`,
      [WeChatTicketStatus.CONSUMED, ctx.clock.now(), ticketId, WeChatTicketStatus.CONFIRMED],
    );
    return rows.length === 1;
  }

  /**
   * 绑定已有账号: a confirmed ticket of this browser whose WeChat identity has no account yet, plus the
   * account's 登录 credentials (same captcha, locks and counting as 登录). Binds and signs in at once.
   */
  async bindAndLogin(ctx: RequestContext, ticketId: string, cookieHeader: string | undefined, credentials: LoginFields): Promise<WeChatBindResult> {
    const precheck = await this.ownTicket(ctx, ticketId, cookieHeader);
    if ('ok' in precheck) return precheck;
    if (precheck.status === WeChatTicketStatus.CONSUMED) return failure('WECHAT_TICKET_USED');
    if (precheck.status !== WeChatTicketStatus.CONFIRMED) return failure('WECHAT_NOT_CONFIRMED');
    if (!this.confirmedAndFresh(ctx, precheck)) return failure('WECHAT_TICKET_EXPIRED');

    const checked = await this.deps.accounts.authenticate(ctx, credentials);
    if (!checked.ok) return checked;

    const outcome = await ctx.em.transactional(async (em): Promise<AccountFailure | { ok: true; cookie: string }> => {
      const tx = withEntityManager(ctx, em);
      const row = await this.ownTicket(tx, ticketId, cookieHeader, true);
      if ('ok' in row) return row;
      if (!this.confirmedAndFresh(tx, row)) return failure(row.status === WeChatTicketStatus.CONSUMED ? 'WECHAT_TICKET_USED' : 'WECHAT_TICKET_EXPIRED');
      // One WeChat identity per account and one account per identity: either conflict inserts nothing.
      const inserted = await em.execute<Array<{ openid: string }>>(
        `insert into wechat_binding (openid, account_id, created_at) values (?, ?, ?) on conflict do nothing returning openid`,
        [row.openid, checked.accountId, ctx.clock.now()],
      );
      if (inserted.length === 0) return failure('WECHAT_ALREADY_BOUND');
      await this.consume(tx, row.id);
      await checked.succeed(tx);
      return { ok: true, cookie: await this.deps.sessions.create(tx, checked.accountId) };
    });
    if (!outcome.ok) return outcome;
    ctx.logger.info({ accountId: checked.accountId, ticketId }, 'wechat identity bound; candidate signed in');
    this.queueCookie(ctx, this.nonceCookie('', 0));
    return this.deps.accounts.signedIn(ctx, checked.accountId, checked.name, outcome.cookie);
  }
}
