import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Public } from '../../graphql/access';
import type { AccountService } from './account.service';
import { LoginResultType, ViewerType } from './account.types';
import { viewerOf } from './account.resolver';
import { WeChatLoginStatus, type WeChatLoginService } from './wechat-login.service';
import { WeChatBindInput, WeChatLoginPollResultType, WeChatLoginTicketResultType } from './wechat-login.types';

@Resolver()
export class WeChatLoginResolver {
  constructor(
    private readonly wechat: WeChatLoginService,
    private readonly accounts: AccountService,
  ) {}

  private viewer(ctx: RequestContext, accountId: string, name: string): ViewerType {
    return viewerOf(ctx, this.accounts, accountId, name);
  }

  @Public('微信扫码登录: the caller is not signed in yet; the ticket is bound to this browser by an HttpOnly cookie')
  @Mutation(() => WeChatLoginTicketResultType, { description: '微信扫码登录: a new QR code for this browser (sets its nonce cookie)' })
  async createWeChatLoginTicket(@Ctx() ctx: RequestContext): Promise<WeChatLoginTicketResultType> {
    const result = await this.wechat.createTicket(ctx);
    if (!result.ok) return { ok: false, errorCode: result.errorCode, message: result.message, field: null, ticket: null };
    const { ticketId, qrContent, expiresAt, simulated } = result;
    return { ok: true, errorCode: null, message: '请使用微信扫一扫', field: null, ticket: { ticketId, qrContent, expiresAt, simulated } };
  }

  @Public('微信扫码登录: polled by the login page; only the browser that created the ticket gets an answer or a session')
  @Mutation(() => WeChatLoginPollResultType, {
    description: '微信扫码登录: the state of this browser’s QR code; signs in (session cookie) once confirmed by a bound WeChat identity',
  })
  async pollWeChatLogin(@Ctx() ctx: RequestContext, @Arg('ticketId', () => ID) ticketId: string): Promise<WeChatLoginPollResultType> {
    const result = await this.wechat.poll(ctx, ticketId, ctx.cookieHeader);
    if (!result.ok) return { ok: false, errorCode: result.errorCode, message: result.message, field: null, status: null, viewer: null };
    if (result.status === WeChatLoginStatus.SIGNED_IN) {
      return { ok: true, errorCode: null, message: '登录成功', field: null, status: result.status, viewer: this.viewer(ctx, result.accountId, result.name) };
    }
    return { ok: true, errorCode: null, message: result.message, field: null, status: result.status, viewer: null };
  }

  @Public('微信扫码登录 → 绑定已有账号: proves the account with its 登录 credentials (captcha, lockout)')
  @Mutation(() => LoginResultType, { description: '微信扫码登录 → 绑定已有账号: binds the confirmed WeChat identity to the account and signs in' })
  async bindWeChatAndLogin(@Ctx() ctx: RequestContext, @Arg('input', () => WeChatBindInput) input: WeChatBindInput): Promise<LoginResultType> {
    const { ticketId, ...credentials } = input;
    const result = await this.wechat.bindAndLogin(ctx, ticketId, ctx.cookieHeader, credentials);
    if (!result.ok) {
      const locked = result as { lockedUntil?: Date; remainingAttempts?: number };
      return {
        ok: false,
        errorCode: result.errorCode,
        message: result.message,
        field: result.field ?? null,
        lockedUntil: locked.lockedUntil ?? null,
        remainingAttempts: locked.remainingAttempts ?? null,
        viewer: null,
      };
    }
    return { ok: true, errorCode: null, message: '绑定成功,已登录', field: null, lockedUntil: null, remainingAttempts: null, viewer: this.viewer(ctx, result.accountId, result.name) };
  }
}
