import { type RequestContext, withEntityManager } from '../../graphql/context';
import { recordAudit, type AuditActor } from '../audit/audit.service';
import { ACCOUNT_MAX_ATTEMPTS, type LoginThrottleService } from '../account/login-throttle.service';
import type { PasswordHasher } from '../account/password-hasher';
import type { PiiProtector } from '../account/pii-protector';
import { OPS_ROLES } from './ops-account.entity';
import { OpsErrorCode, opsFailure, type OpsFailure } from './ops.errors';
import { checkOpsPasswordStrength } from './ops-password-policy';
import type { OpsPrincipal, OpsRole } from './ops-principal';
import type { OpsSessionService } from './ops-session.service';
import { generateTotpSecret, matchTotpStep } from './totp';

/** Lower-case ASCII, 3–32 characters, starting with a letter: typed often, shown in every audit record. */
export const OPS_USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

export interface OpsLoginFields {
  username: string;
  password: string;
  totp: string;
}

export type OpsLoginResult =
  | { ok: true; principal: OpsPrincipal }
  | (OpsFailure & { lockedUntil?: Date; remainingAttempts?: number });

export interface NewOpsAccount {
  username: string;
  password: string;
  role: OpsRole;
  unitCodes: string[];
  /** Only the development seed passes one (its published demo secret); otherwise a fresh random key. */
  totpSecret?: Buffer;
}

export type CreateOpsAccountResult = { ok: true; accountId: string; username: string; totpSecret: Buffer } | OpsFailure;

const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const chinaClockTime = (instant: Date) => new Date(instant.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(11, 16);

/** Throttle keys, apart from the candidates' so a flood on one side never locks the other. */
const accountKey = (accountId: string) => `ops-account:${accountId}`;
const clientKey = (ip: string) => `ops-ip:${ip}`;

interface AccountRow {
  id: string;
  username: string;
  password_hash: string;
  totp_secret_encrypted: Buffer;
  roles: OpsRole[];
  unit_codes: string[];
  disabled: boolean;
}

export class OpsAuthService {
  constructor(
    private readonly deps: {
      pii: PiiProtector;
      passwords: PasswordHasher;
      sessions: OpsSessionService;
      loginThrottle: LoginThrottleService;
      /** Failed ops sign-ins from one address (all accounts) per window before it locks. */
      clientMaxFailures: number;
    },
  ) {}

  static normalizeUsername(raw: string): string {
    return raw.trim().toLowerCase();
  }

  /**
   * Sign-in with username, password and TOTP code. The order follows the candidates' login: the
   * client's lock, then the account's (unknown usernames are counted and locked alike and checked
   * against a decoy hash), then password and code together, so the answer never says which of the
   * three was wrong. A code is accepted once: its step must be later than the last one used, which
   * the success transaction checks and records in one conditional UPDATE. Every checked attempt is
   * audited (refusals because of a lock are not).
   */
  async login(ctx: RequestContext, input: OpsLoginFields): Promise<OpsLoginResult> {
    const { loginThrottle, passwords, pii } = this.deps;
    const username = OpsAuthService.normalizeUsername(input.username);
    const clientLockedUntil = await loginThrottle.lockedUntil(ctx, clientKey(ctx.ip));
    // Refusals while locked are not audited: they cost an attacker nothing, and the audit trail cannot
    // be pruned. The failures that caused the lock were recorded.
    if (clientLockedUntil) {
      return {
        ...opsFailure(OpsErrorCode.CLIENT_LOCKED, `当前网络登录失败次数过多,请于${chinaClockTime(clientLockedUntil)}后再试`),
        lockedUntil: clientLockedUntil,
      };
    }
    const [account] = OPS_USERNAME_PATTERN.test(username)
      ? await ctx.em.execute<AccountRow[]>(
          `select id, username, password_hash, totp_secret_encrypted, roles, unit_codes, disabled from ops_account where username = ?`,
          [username],
        )
      : [];
    const throttleKey = account ? accountKey(account.id) : `ops-username:${pii.secretHash('ops-username', username).toString('hex')}`;
    const attempt = await loginThrottle.countAttempt(ctx, throttleKey, ACCOUNT_MAX_ATTEMPTS);
    if (!attempt.counted) return this.accountLocked(attempt.lockedUntil);

    const passwordValid = account ? await passwords.verify(account.password_hash, input.password) : await passwords.verifyWithoutAccount(input.password);
    const step = account && passwordValid ? matchTotpStep(Buffer.from(pii.decrypt('OPS_TOTP_SECRET', account.totp_secret_encrypted), 'base64'), input.totp, ctx.clock.now()) : null;
    if (account && step !== null) {
      if (account.disabled) {
        await this.auditFailure(ctx, account, 'ACCOUNT_DISABLED');
        return opsFailure(OpsErrorCode.ACCOUNT_DISABLED, '该账号已停用,请联系管理员');
      }
      const signedIn = await ctx.em.transactional(async (em) => {
        const tx = withEntityManager(ctx, em);
        const consumed = await em.execute<Array<{ id: string }>>(
          `update ops_account set totp_last_used_step = ?, last_login_at = ?
            where id = ? and (totp_last_used_step is null or totp_last_used_step < ?) returning id`,
          [step, ctx.clock.now(), account.id, step],
        );
        if (consumed.length === 0) return null; // this code (or a later one) was used already: a replay
        await loginThrottle.reset(tx, throttleKey);
        if (ctx.ops?.sessionTokenHash) await this.deps.sessions.revoke(tx, ctx.ops.sessionTokenHash);
        const cookie = await this.deps.sessions.create(tx, account.id);
        await recordAudit(tx, { action: 'OPS_LOGIN', targetType: 'OPS_ACCOUNT', targetId: account.id, actor: this.actor(account) });
        return cookie;
      });
      if (signedIn) {
        this.deps.sessions.sendCookie(ctx, signedIn);
        ctx.logger.info({ opsAccountId: account.id }, 'ops staff signed in');
        return { ok: true, principal: { id: account.id, username: account.username, roles: account.roles, unitCodes: account.unit_codes } };
      }
    }

    await loginThrottle.countAttempt(ctx, clientKey(ctx.ip), this.deps.clientMaxFailures);
    await this.auditFailure(ctx, account ?? null, passwordValid ? 'TOTP_INVALID' : 'INVALID_CREDENTIALS');
    if (attempt.lockedUntil) return this.accountLocked(attempt.lockedUntil);
    const remainingAttempts = ACCOUNT_MAX_ATTEMPTS - attempt.attempts;
    return {
      ...opsFailure(OpsErrorCode.INVALID_CREDENTIALS, `用户名、密码或动态口令错误(每个动态口令只能使用一次),还可尝试${remainingAttempts}次`),
      remainingAttempts,
    };
  }

  private actor(account: Pick<AccountRow, 'id' | 'username' | 'roles'>): AuditActor {
    return { type: 'OPS', id: account.id, username: account.username, role: account.roles.includes('ADMIN') ? 'ADMIN' : 'REVIEWER' };
  }

  /**
   * A refused sign-in. The username is recorded only when it names an account: what people type into
   * a username field by mistake is sometimes their password.
   */
  private async auditFailure(ctx: RequestContext, account: AccountRow | null, reason: string): Promise<void> {
    await recordAudit(ctx, {
      action: 'OPS_LOGIN_FAILED',
      targetType: account ? 'OPS_ACCOUNT' : null,
      targetId: account?.id ?? null,
      // Not signed in: the attempt is nobody's act yet; the account is its target.
      actor: { type: 'ANONYMOUS', id: null, username: null, role: null },
      details: account ? { reason, username: account.username } : { reason },
    });
  }

  private accountLocked(lockedUntil: Date): OpsLoginResult {
    return {
      ...opsFailure(OpsErrorCode.ACCOUNT_LOCKED, `登录失败次数过多,账号已锁定,请于${chinaClockTime(lockedUntil)}后再试`),
      lockedUntil,
      remainingAttempts: 0,
    };
  }

  /** Ends this browser's ops session (if any) and clears the cookie; audited when there was one. */
  async logout(ctx: RequestContext): Promise<void> {
    const ops = ctx.ops;
    if (ops?.sessionTokenHash) {
      const tokenHash = ops.sessionTokenHash;
      await ctx.em.transactional(async (em) => {
        const tx = withEntityManager(ctx, em);
        await this.deps.sessions.revoke(tx, tokenHash);
        await recordAudit(tx, { action: 'OPS_LOGOUT', targetType: 'OPS_ACCOUNT', targetId: ops.id });
      });
    }
    this.deps.sessions.clearCookie(ctx);
  }

  /**
   * Creates an ops account (CLI, development seed, and admins through createOpsAccount). Returns the TOTP
   * secret once, to be shown to the new staff member; only its ciphertext is stored.
   */
  async createAccount(ctx: RequestContext, input: NewOpsAccount, createdBy?: AuditActor): Promise<CreateOpsAccountResult> {
    const username = OpsAuthService.normalizeUsername(input.username);
    if (!OPS_USERNAME_PATTERN.test(username)) {
      return opsFailure(OpsErrorCode.USERNAME_FORMAT, '用户名须为3至32位小写字母、数字、“.”、“_”或“-”,并以字母开头');
    }
    if (!OPS_ROLES.includes(input.role)) return opsFailure(OpsErrorCode.ROLE_UNITS, `角色须为${OPS_ROLES.join('或')}`);
    const unitCodes = [...new Set(input.unitCodes.map((code) => code.trim()).filter(Boolean))];
    if (input.role === 'REVIEWER' && unitCodes.length === 0) return opsFailure(OpsErrorCode.ROLE_UNITS, '审核人员须指定至少一个报名单位');
    if (input.role === 'ADMIN' && unitCodes.length > 0) return opsFailure(OpsErrorCode.ROLE_UNITS, '管理员不限报名单位,请勿指定');
    const strength = checkOpsPasswordStrength(input.password, username);
    if (!strength.ok) return opsFailure(OpsErrorCode.PASSWORD_WEAK, strength.message);
    const malformed = unitCodes.filter((code) => !/^\d{6}$/.test(code));
    if (malformed.length > 0) return opsFailure(OpsErrorCode.UNIT_UNKNOWN, `报名单位代码须为6位数字:${malformed.join(',')}`);
    if (unitCodes.length > 0) {
      const known = await ctx.em.execute<Array<{ code: string }>>(`select code from registration_unit where code = any(?::text[])`, [
        `{${unitCodes.join(',')}}`,
      ]);
      const unknown = unitCodes.filter((code) => !known.some((row) => row.code === code));
      if (unknown.length > 0) return opsFailure(OpsErrorCode.UNIT_UNKNOWN, `报名单位代码不存在:${unknown.join(',')}`);
    }

    const totpSecret = input.totpSecret ?? generateTotpSecret();
    const passwordHash = await this.deps.passwords.hash(input.password);
    return ctx.em.transactional(async (em): Promise<CreateOpsAccountResult> => {
      const tx = withEntityManager(ctx, em);
      const now = ctx.clock.now();
      const [inserted] = await em.execute<Array<{ id: string }>>(
        `insert into ops_account (id, username, password_hash, totp_secret_encrypted, roles, unit_codes, disabled, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?::text[], ?::text[], false, ?, ?)
         on conflict (username) do nothing returning id`,
        [username, passwordHash, this.deps.pii.encrypt('OPS_TOTP_SECRET', totpSecret.toString('base64')), `{${input.role}}`, `{${unitCodes.join(',')}}`, now, now],
      );
      if (!inserted) return opsFailure(OpsErrorCode.USERNAME_TAKEN, `用户名 ${username} 已存在`);
      await recordAudit(tx, {
        action: 'OPS_ACCOUNT_CREATED',
        targetType: 'OPS_ACCOUNT',
        targetId: inserted.id,
        details: { username, roles: [input.role], unitCodes },
        actor: createdBy,
      });
      return { ok: true, accountId: inserted.id, username, totpSecret };
    });
  }
}
