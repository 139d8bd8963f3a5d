import { type RequestContext, withEntityManager } from '../../graphql/context';
import { ACCOUNT_MESSAGES, AccountErrorCode, accountFailure, type AccountFailure } from './account.errors';
import { validateDocumentNumber, validateNationality, normalizeDocumentNumber, type DocumentType } from './identity-document';
import { ACCOUNT_MAX_ATTEMPTS, lockOf, type LoginThrottleService } from './login-throttle.service';
import { executeCall, prepared, preparedBatch, rawTransaction, type PreparedCall } from '../../orm/raw-transaction';
import { checkPasswordStrength, type PasswordRule } from './password-policy';
import type { PasswordHasher } from './password-hasher';
import { maskDocumentNumber, maskPhone, validatePersonName } from './person-name';
import { normalizeMobile, validateMobile } from './phone';
import { maskedDocumentLookup } from './masked-document-number';
import type { PiiProtector } from './pii-protector';
import type { SessionService } from './session.service';
import { SmsCodePurpose } from './sms-code.entity';
import { SMS_SIGNATURE, type SmsCodeService } from './sms-code.service';
import type { SmsProvider } from './sms-provider';
import type { CaptchaService } from './captcha.service';

// An 11-digit passport number could equal someone's phone; the document match wins.
const ACCOUNT_FOR_LOGIN = prepared(
  'ccap_account_for_login',
  `select id, name, password_hash from candidate_account
    where document_number_lookup = $1 or phone_lookup = $2
    order by document_number_lookup = $1 desc limit 1`,
);

export interface RegisterFields {
  documentType: DocumentType;
  documentNumber: string;
  nationality?: string | null;
  name: string;
  password: string;
  confirmPassword: string;
  phone: string;
  smsCode: string;
}

export interface LoginFields {
  /** 证件号码 or 手机号, as registered. */
  identifier: string;
  password: string;
  captchaId: string;
  captchaAnswer: string;
}

export interface ResetPasswordFields {
  documentType: DocumentType;
  documentNumber: string;
  name: string;
  newPassword: string;
  confirmNewPassword: string;
  phone: string;
  smsCode: string;
}

export interface SignedIn {
  ok: true;
  accountId: string;
  name: string;
}

export type RegisterResult = SignedIn | FormFailure;
export type LoginResult = SignedIn | (AccountFailure & { lockedUntil?: Date; remainingAttempts?: number });
export type ResetPasswordResult = { ok: true } | FormFailure;

export interface AccountProfile {
  documentType: DocumentType;
  maskedDocumentNumber: string;
  maskedPhone: string;
}

interface IdentityFields {
  documentType: DocumentType;
  documentNumber: string;
  nationality?: string | null;
  name: string;
  phone: string;
}

export type FormFailure = AccountFailure & { unmetPasswordRules?: PasswordRule[] };

/** The identity fields of a form after validation, normalised as stored. */
interface ValidatedIdentity {
  documentNumber: string;
  nationality: string | null;
  name: string;
  phone: string;
}

const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 14:05 in China time, for "请于14:05后再试". */
function chinaClockTime(instant: Date): string {
  return new Date(instant.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(11, 16);
}

/** 2026-11-26 14:05 in China time, for notifications. */
function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Throttle keys: per account, per identifier that matches none (so unknown ones lock alike), per client. */
const accountKey = (accountId: string) => `account:${accountId}`;
const unknownIdentifierKey = (lookup: Buffer) => `identifier:${lookup.toString('hex')}`;
const clientKey = (ip: string) => `ip:${ip}`;

export class AccountService {
  constructor(
    private readonly deps: {
      pii: PiiProtector;
      passwords: PasswordHasher;
      smsCodes: SmsCodeService;
      sms: SmsProvider;
      captchas: CaptchaService;
      sessions: SessionService;
      loginThrottle: LoginThrottleService;
      clientMaxFailures: number;
    },
  ) {}

  /**
   * Every field of the registration and reset forms, in the order the form shows them, so the first
   * problem reported is the topmost one. Format problems say nothing about any account.
   */
  private validateForm(
    ctx: RequestContext,
    input: IdentityFields,
    password: { value: string; confirmation: string; field: string; confirmationField: string },
    options: { requireNationality: boolean },
  ): ValidatedIdentity | FormFailure {
    const document = validateDocumentNumber(input.documentType, input.documentNumber, { today: ctx.clock.now() });
    if (!document.ok) return accountFailure(AccountErrorCode[document.errorCode], document.message, 'documentNumber');
    let nationality: string | null = null;
    if (options.requireNationality && input.documentType === 'FOREIGN_PASSPORT') {
      if (!input.nationality?.trim()) {
        return accountFailure(AccountErrorCode.NATIONALITY_CODE, ACCOUNT_MESSAGES.NATIONALITY_REQUIRED, 'nationality');
      }
      const checked = validateNationality(input.nationality);
      if (!checked.ok) return accountFailure(AccountErrorCode.NATIONALITY_CODE, checked.message, 'nationality');
      nationality = checked.normalized;
    }
    const name = validatePersonName(input.name, { documentType: input.documentType });
    if (!name.ok) return accountFailure(AccountErrorCode[name.errorCode], name.message, 'name');
    const strength = checkPasswordStrength(password.value, { documentNumber: document.normalized, phone: input.phone });
    if (!strength.ok) {
      return { ...accountFailure(AccountErrorCode.PASSWORD_WEAK, strength.message, password.field), unmetPasswordRules: strength.unmet };
    }
    if (password.value !== password.confirmation) {
      return accountFailure(AccountErrorCode.PASSWORD_MISMATCH, ACCOUNT_MESSAGES.PASSWORD_MISMATCH, password.confirmationField);
    }
    const phone = validateMobile(input.phone);
    if (!phone.ok) return accountFailure(AccountErrorCode.PHONE_FORMAT, phone.message, 'phone');
    return { documentNumber: document.normalized, nationality, name: name.normalized, phone: phone.normalized };
  }

  /**
   * 注册. Every rule is checked here whatever the browser did. The SMS code is consumed in the same
   * transaction that inserts the account and commits even when the document or phone turns out to
   * be taken: learning whether an ID number is registered costs a fresh code each time.
   * Registering and logging in both end the session the browser had before: one browser, one session.
   */
  async register(ctx: RequestContext, input: RegisterFields): Promise<RegisterResult> {
    const identity = this.validateForm(
      ctx,
      input,
      { value: input.password, confirmation: input.confirmPassword, field: 'password', confirmationField: 'confirmPassword' },
      { requireNationality: true },
    );
    if ('ok' in identity) return identity;

    const { pii } = this.deps;
    const documentLookup = pii.lookupHash('DOCUMENT_NUMBER', identity.documentNumber);
    const phoneLookup = pii.lookupHash('PHONE', identity.phone);
    const outcome = await ctx.em.transactional(async (em): Promise<AccountFailure | { ok: true; accountId: string; cookie: string }> => {
      const tx = withEntityManager(ctx, em);
      const code = await this.deps.smsCodes.consume(tx, identity.phone, SmsCodePurpose.REGISTER, input.smsCode);
      if (!code.ok) return code;
      // Hashed only now: a request with a wrong code must not cost 19 MiB and 30 ms of CPU.
      const passwordHash = await this.deps.passwords.hash(input.password);
      const now = ctx.clock.now();
      const inserted = await em.execute<Array<{ id: string }>>(
        `insert into candidate_account (id, document_type, document_number_encrypted, document_number_lookup, document_number_masked_lookup,
                                        nationality, name, phone_encrypted, phone_lookup, password_hash, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict do nothing
         returning id`,
        [
          input.documentType,
          pii.encrypt('DOCUMENT_NUMBER', identity.documentNumber),
          documentLookup,
          maskedDocumentLookup(pii, identity.documentNumber),
          identity.nationality,
          identity.name,
          pii.encrypt('PHONE', identity.phone),
          phoneLookup,
          passwordHash,
          now,
          now,
        ],
      );
      if (inserted.length === 0) {
        // ON CONFLICT DO NOTHING waited for any concurrent insert, so the row that won is visible now.
        const [taken] = await em.execute<Array<{ document_taken: boolean }>>(
          `select bool_or(document_number_lookup = ?) as document_taken from candidate_account
            where document_number_lookup = ? or phone_lookup = ?`,
          [documentLookup, documentLookup, phoneLookup],
        );
        return taken?.document_taken
          ? accountFailure(AccountErrorCode.DOCUMENT_ALREADY_REGISTERED, ACCOUNT_MESSAGES.DOCUMENT_ALREADY_REGISTERED, 'documentNumber')
          : accountFailure(AccountErrorCode.PHONE_ALREADY_REGISTERED, ACCOUNT_MESSAGES.PHONE_ALREADY_REGISTERED, 'phone');
      }
      const accountId = inserted[0]!.id;
      if (ctx.viewer) await this.deps.sessions.revoke(tx, ctx.viewer.sessionTokenHash);
      return { ok: true, accountId, cookie: await this.deps.sessions.create(tx, accountId) };
    });
    if (!outcome.ok) return outcome;
    ctx.logger.info({ accountId: outcome.accountId }, 'candidate account registered');
    return this.signedIn(ctx, outcome.accountId, identity.name, outcome.cookie);
  }

  signedIn(ctx: RequestContext, accountId: string, name: string, cookie: string): SignedIn {
    this.deps.sessions.sendCookie(ctx, cookie);
    return { ok: true, accountId, name };
  }

  /**
   * 登录 with 证件号码 or 手机号. Order matters: the captcha first (no captcha, no password check), then
   * the client's lock, then the account's. Unknown identifiers are counted and locked like accounts
   * and verified against a decoy hash, so neither the answer nor its timing tells whether one exists.
   */
  async login(ctx: RequestContext, input: LoginFields): Promise<LoginResult> {
    const checked = await this.authenticate(ctx, input);
    if (!checked.ok) return checked;
    // begin, the sign-in statements and commit go as one message: one round trip instead of five.
    const now = ctx.clock.now();
    const session = this.deps.sessions.creation(checked.accountId, now);
    await rawTransaction(ctx.db, (tx) => tx.batch(['begin', ...checked.signIn(now), session.call, 'commit']));
    return this.signedIn(ctx, checked.accountId, checked.name, session.cookie);
  }

  /**
   * The credential check of 登录 (captcha, locks, password), shared with binding a WeChat identity.
   * On success the caller runs `succeed` (or sends `signIn`'s statements) inside the transaction that
   * signs the browser in: it lifts the account's failure count and ends the session the browser had before.
   */
  async authenticate(
    ctx: RequestContext,
    input: LoginFields,
  ): Promise<
    | { ok: true; accountId: string; name: string; signIn(now: Date): PreparedCall[]; succeed(tx: RequestContext): Promise<void> }
    | Exclude<LoginResult, SignedIn>
  > {
    const { captchas, loginThrottle, passwords, pii } = this.deps;
    const consume = captchas.consumption(input.captchaId);
    if (!consume) return accountFailure(AccountErrorCode.CAPTCHA_INVALID, ACCOUNT_MESSAGES.CAPTCHA_INVALID, 'captchaAnswer');
    const now = ctx.clock.now();
    // The identifier carries no document type; every type normalises its number the same way.
    const documentLookup = pii.lookupHash('DOCUMENT_NUMBER', normalizeDocumentNumber('RESIDENT_ID', input.identifier));
    const phoneLookup = pii.lookupHash('PHONE', normalizeMobile(input.identifier));
    // One message (one round trip): the captcha is used up whatever follows, and the client's lock and
    // the account are read; with a wrong captcha the two reads are discarded unanswered.
    const [consumed, clientLock, accounts] = await preparedBatch(ctx.db, [
      consume,
      loginThrottle.lockCheck(clientKey(ctx.ip), now),
      { statement: ACCOUNT_FOR_LOGIN, args: [documentLookup, phoneLookup] },
    ]);
    if (!captchas.accepts(consumed!, input.captchaId, input.captchaAnswer, now)) {
      return accountFailure(AccountErrorCode.CAPTCHA_INVALID, ACCOUNT_MESSAGES.CAPTCHA_INVALID, 'captchaAnswer');
    }
    const clientLockedUntil = lockOf(clientLock!);
    if (clientLockedUntil) {
      return {
        ...accountFailure(AccountErrorCode.CLIENT_LOCKED, `当前网络登录失败次数过多,请于${chinaClockTime(clientLockedUntil)}后再试`),
        lockedUntil: clientLockedUntil,
      };
    }
    const account = accounts![0] as { id: string; name: string; password_hash: string } | undefined;
    const throttleKey = account ? accountKey(account.id) : unknownIdentifierKey(validateMobile(input.identifier).ok ? phoneLookup : documentLookup);
    const attempt = await loginThrottle.countAttempt(ctx, throttleKey, ACCOUNT_MAX_ATTEMPTS);
    if (!attempt.counted) return this.accountLocked(attempt.lockedUntil);

    const valid = account ? await passwords.verify(account.password_hash, input.password) : await passwords.verifyWithoutAccount(input.password);
    if (account && valid) {
      const signIn = (at: Date) => [loginThrottle.resetting(throttleKey), ...(ctx.viewer ? [this.deps.sessions.revocation(ctx.viewer.sessionTokenHash, at)] : [])];
      return {
        ok: true,
        accountId: account.id,
        name: account.name,
        signIn,
        succeed: async (tx) => {
          for (const call of signIn(tx.clock.now())) await executeCall(tx.em, call);
        },
      };
    }

    await loginThrottle.countAttempt(ctx, clientKey(ctx.ip), this.deps.clientMaxFailures);
    if (attempt.lockedUntil) return this.accountLocked(attempt.lockedUntil);
    const remainingAttempts = ACCOUNT_MAX_ATTEMPTS - attempt.attempts;
    return {
      ...accountFailure(AccountErrorCode.INVALID_CREDENTIALS, `证件号码/手机号或密码错误,还可尝试${remainingAttempts}次`),
      remainingAttempts,
    };
  }

  private accountLocked(lockedUntil: Date): Exclude<LoginResult, SignedIn> {
    return {
      ...accountFailure(
        AccountErrorCode.ACCOUNT_LOCKED,
        `密码错误次数过多,账号已锁定,请于${chinaClockTime(lockedUntil)}后再试,或通过“忘记密码”重置密码`,
      ),
      lockedUntil,
      remainingAttempts: 0,
    };
  }

  /**
   * 忘记密码 → 确认重置密码. Format mistakes are reported per field (they say nothing about any
   * account); whether the details match a registration is answered with one message whichever field
   * differs. Success signs out every browser of the account and lifts a login lock.
   */
  async resetPassword(ctx: RequestContext, input: ResetPasswordFields): Promise<ResetPasswordResult> {
    const identity = this.validateForm(
      ctx,
      input,
      { value: input.newPassword, confirmation: input.confirmNewPassword, field: 'newPassword', confirmationField: 'confirmNewPassword' },
      { requireNationality: false },
    );
    if ('ok' in identity) return identity;

    const { pii } = this.deps;
    const documentLookup = pii.lookupHash('DOCUMENT_NUMBER', identity.documentNumber);
    const phoneLookup = pii.lookupHash('PHONE', identity.phone);
    const outcome = await ctx.em.transactional(async (em): Promise<AccountFailure | { ok: true; accountId: string }> => {
      const tx = withEntityManager(ctx, em);
      const code = await this.deps.smsCodes.consume(tx, identity.phone, SmsCodePurpose.RESET_PASSWORD, input.smsCode);
      if (!code.ok) return code;
      const [account] = await em.execute<Array<{ id: string; document_type: DocumentType; name: string; phone_lookup: Buffer }>>(
        `select id, document_type, name, phone_lookup from candidate_account where document_number_lookup = ? for update`,
        [documentLookup],
      );
      if (!account || account.document_type !== input.documentType || account.name !== identity.name || !account.phone_lookup.equals(phoneLookup)) {
        return accountFailure(AccountErrorCode.RESET_DETAILS_MISMATCH, ACCOUNT_MESSAGES.RESET_DETAILS_MISMATCH);
      }
      const passwordHash = await this.deps.passwords.hash(input.newPassword);
      await em.execute(`update candidate_account set password_hash = ?, updated_at = ? where id = ?`, [passwordHash, ctx.clock.now(), account.id]);
      await this.deps.sessions.revokeAll(tx, account.id);
      await this.deps.loginThrottle.reset(tx, accountKey(account.id));
      return { ok: true, accountId: account.id };
    });
    if (!outcome.ok) return outcome;

    ctx.logger.info({ accountId: outcome.accountId }, 'candidate password reset');
    if (ctx.viewer?.id === outcome.accountId) this.deps.sessions.clearCookie(ctx);
    const notice = `${SMS_SIGNATURE}您的账号密码已于${chinaDateTime(ctx.clock.now())}重置成功,已登录的设备均已退出。如非本人操作,请立即通过“忘记密码”重新设置密码。`;
    try {
      await this.deps.sms.send(identity.phone, notice, { purpose: 'NOTIFICATION', requestId: ctx.requestId });
    } catch (err) {
      // The reset itself stands; the notice is a courtesy that must not undo it.
      ctx.logger.error({ err, accountId: outcome.accountId }, 'password reset notification could not be sent');
    }
    return { ok: true };
  }

  async logout(ctx: RequestContext): Promise<void> {
    await this.deps.sessions.end(ctx);
  }

  /** Masked identity details of the signed-in candidate; the numbers are decrypted only to be masked. */
  async profile(ctx: RequestContext, accountId: string): Promise<AccountProfile | null> {
    const [row] = await ctx.em.execute<Array<{ document_type: DocumentType; document_number_encrypted: Buffer; phone_encrypted: Buffer }>>(
      `select document_type, document_number_encrypted, phone_encrypted from candidate_account where id = ?`,
      [accountId],
    );
    if (!row) return null;
    return {
      documentType: row.document_type,
      maskedDocumentNumber: maskDocumentNumber(this.deps.pii.decrypt('DOCUMENT_NUMBER', row.document_number_encrypted)),
      maskedPhone: maskPhone(this.deps.pii.decrypt('PHONE', row.phone_encrypted)),
    };
  }
}
