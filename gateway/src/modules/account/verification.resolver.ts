import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Public } from '../../graphql/access';
import { CaptchaType, SendSmsCodeResultType } from './account.types';
import type { CaptchaService } from './captcha.service';
import { SmsCodePurpose } from './sms-code.entity';
import type { SmsCodeService } from './sms-code.service';

@Resolver()
export class VerificationResolver {
  constructor(
    private readonly smsCodes: SmsCodeService,
    private readonly captchas: CaptchaService,
  ) {}

  @Public('registration and password reset happen before sign-in (throttled per phone and client)')
  @Mutation(() => SendSmsCodeResultType, { description: '免费获取验证码: valid 3 minutes, one per phone and purpose every 3 minutes' })
  async sendSmsCode(
    @Ctx() ctx: RequestContext,
    @Arg('phone', () => String) phone: string,
    @Arg('purpose', () => SmsCodePurpose) purpose: SmsCodePurpose,
  ): Promise<SendSmsCodeResultType> {
    const result = await this.smsCodes.send(ctx, phone, purpose);
    if (!result.ok) {
      const { errorCode, message, field, retryAfterSeconds } = result;
      return { ok: false, errorCode, message, field: field ?? null, retryAfterSeconds: retryAfterSeconds ?? null, expiresAt: null };
    }
    return { ok: true, errorCode: null, message: '验证码已发送', field: null, retryAfterSeconds: result.retryAfterSeconds, expiresAt: result.expiresAt };
  }

  @Public('the login form needs it before sign-in')
  @Mutation(() => CaptchaType, { description: '图片验证码 for the login form (a mutation: each call issues a new one)' })
  captcha(@Ctx() ctx: RequestContext): Promise<CaptchaType> {
    return this.captchas.issue(ctx);
  }
}
