import { randomInt } from 'node:crypto';
import type { RequestContext } from '../../graphql/context';
import { ACCOUNT_MESSAGES, AccountErrorCode, accountFailure, type AccountFailure } from './account.errors';
import { validateMobile } from './phone';
import type { PiiProtector } from './pii-protector';
import { SmsCodePurpose } from './sms-code.entity';
import type { SmsProvider } from './sms-provider';

/** 手机短信验证码在3分钟内有效,且每3分钟只能发送一次验证码 (manual 2.1). */
export const SMS_CODE_TTL_MS = 3 * 60_000;
export const SMS_RESEND_INTERVAL_MS = 3 * 60_000;
/** Wrong entries a code survives; the next wrong one kills it (a million codes, five guesses). */
export const SMS_CODE_MAX_FAILED_ATTEMPTS = 5;

export const SMS_SIGNATURE = '【全国会计人员统一服务管理平台】';

const CODE_MESSAGES: Readonly<Record<SmsCodePurpose, (code: string) => string>> = {
  REGISTER: (code) => `${SMS_SIGNATURE}您正在注册会计人员账号,验证码为${code},3分钟内有效。请勿将验证码告知他人。`,
  RESET_PASSWORD: (code) => `${SMS_SIGNATURE}您正在找回密码,验证码为${code},3分钟内有效。如非本人操作,请忽略本短信。`,
};

export type SendSmsCodeResult =
  | { ok: true; retryAfterSeconds: number; expiresAt: Date }
  | (AccountFailure & { retryAfterSeconds?: number });

export type ConsumeSmsCodeResult = { ok: true } | AccountFailure;

/** Six digits from the CSPRNG, leading zeros kept. */
export function generateSmsCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Codes typed with a Chinese IME may be full-width (１２３４５６). */
function normalizeEnteredCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '');
}

export class SmsCodeService {
  constructor(
    private readonly pii: PiiProtector,
    private readonly provider: SmsProvider,
  ) {}

  private codeHash(phoneLookup: Buffer, purpose: SmsCodePurpose, code: string): Buffer {
    return this.pii.secretHash('sms-code', purpose, phoneLookup.toString('hex'), code);
  }

  /**
   * Issues and sends a code. The throttle is one conditional upsert of the phone+purpose row: of any
   * number of concurrent requests, on any number of gateway processes, exactly one finds the last
   * send older than the interval and replaces the code; the others get no row back.
   */
  async send(ctx: RequestContext, rawPhone: string, purpose: SmsCodePurpose): Promise<SendSmsCodeResult> {
    const phone = validateMobile(rawPhone);
    if (!phone.ok) return accountFailure(AccountErrorCode.PHONE_FORMAT, phone.message, 'phone');
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + SMS_CODE_TTL_MS);
    const phoneLookup = this.pii.lookupHash('PHONE', phone.normalized);
    const code = generateSmsCode();
    const codeHash = this.codeHash(phoneLookup, purpose, code);
    const issued = await ctx.em.execute<Array<{ sent_at: string }>>(
      `insert into sms_code as c (phone_lookup, purpose, code_hash, sent_at, expires_at, failed_attempts, consumed_at)
       values (?, ?, ?, ?, ?, 0, null)
       on conflict (phone_lookup, purpose) do update
          set code_hash = excluded.code_hash, sent_at = excluded.sent_at, expires_at = excluded.expires_at,
              failed_attempts = 0, consumed_at = null
        where c.sent_at <= ?
       returning c.sent_at`,
      [phoneLookup, purpose, codeHash, now, expiresAt, new Date(now.getTime() - SMS_RESEND_INTERVAL_MS)],
    );
    if (issued.length === 0) {
      const [last] = await ctx.em.execute<Array<{ sent_at: string }>>(
        `select sent_at from sms_code where phone_lookup = ? and purpose = ?`,
        [phoneLookup, purpose],
      );
      const nextAllowed = new Date(last!.sent_at).getTime() + SMS_RESEND_INTERVAL_MS;
      const retryAfterSeconds = Math.max(1, Math.ceil((nextAllowed - now.getTime()) / 1000));
      return {
        ...accountFailure(AccountErrorCode.SMS_TOO_FREQUENT, `验证码每3分钟只能发送一次,请${retryAfterSeconds}秒后再试`, 'phone'),
        retryAfterSeconds,
      };
    }
    try {
      await this.provider.send(phone.normalized, CODE_MESSAGES[purpose](code), { purpose, code, requestId: ctx.requestId });
    } catch (err) {
      ctx.logger.error({ err, purpose }, 'SMS provider refused a verification code');
      // Nothing was delivered: free the throttle so the candidate can retry at once, but only if no
      // later send has replaced our code meanwhile.
      await ctx.em.execute(`delete from sms_code where phone_lookup = ? and purpose = ? and code_hash = ?`, [
        phoneLookup,
        purpose,
        codeHash,
      ]);
      return accountFailure(AccountErrorCode.SMS_SEND_FAILED, ACCOUNT_MESSAGES.SMS_SEND_FAILED, 'phone');
    }
    return { ok: true, retryAfterSeconds: SMS_RESEND_INTERVAL_MS / 1000, expiresAt };
  }

  /**
   * Accepts a code once. Call it inside the transaction that does what the code authorises, with
   * `ctx.em` bound to it, and commit even when the rest fails for a business reason: a consumed code
   * or a counted wrong attempt must stay so.
   */
  async consume(ctx: RequestContext, normalizedPhone: string, purpose: SmsCodePurpose, rawCode: string): Promise<ConsumeSmsCodeResult> {
    const code = normalizeEnteredCode(rawCode);
    const wrong = accountFailure(AccountErrorCode.SMS_CODE_INVALID, ACCOUNT_MESSAGES.SMS_CODE_INVALID, 'smsCode');
    if (!/^\d{6}$/.test(code)) return wrong;
    const now = ctx.clock.now();
    const phoneLookup = this.pii.lookupHash('PHONE', normalizedPhone);
    const live = `phone_lookup = ? and purpose = ? and consumed_at is null and expires_at > ? and failed_attempts < ?`;
    const liveParams = [phoneLookup, purpose, now, SMS_CODE_MAX_FAILED_ATTEMPTS];
    const codeHash = this.codeHash(phoneLookup, purpose, code);

    const consumed = await ctx.em.execute<unknown[]>(
      `update sms_code set consumed_at = ? where ${live} and code_hash = ? returning 1`,
      [now, ...liveParams, codeHash],
    );
    if (consumed.length > 0) return { ok: true };

    const counted = await ctx.em.execute<Array<{ failed_attempts: number }>>(
      `update sms_code set failed_attempts = failed_attempts + 1 where ${live} and code_hash <> ? returning failed_attempts`,
      [...liveParams, codeHash],
    );
    if (counted.length > 0) {
      return counted[0]!.failed_attempts >= SMS_CODE_MAX_FAILED_ATTEMPTS
        ? accountFailure(AccountErrorCode.SMS_CODE_INVALID, ACCOUNT_MESSAGES.SMS_CODE_ATTEMPTS_EXHAUSTED, 'smsCode')
        : wrong;
    }
    // No live code: one was sent but is used, expired or exhausted (so say "get a new one"), or none was.
    const [issued] = await ctx.em.execute<unknown[]>(`select 1 from sms_code where phone_lookup = ? and purpose = ?`, [
      phoneLookup,
      purpose,
    ]);
    return issued ? accountFailure(AccountErrorCode.SMS_CODE_EXPIRED, ACCOUNT_MESSAGES.SMS_CODE_EXPIRED, 'smsCode') : wrong;
  }
}
