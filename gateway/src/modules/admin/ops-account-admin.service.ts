/**
 * Ops account management by admins (the CLI stays for the first admin). Creation reuses
 * OpsAuthService.createAccount, the CLI's own path; every change is audited in its transaction.
 */
import { type RequestContext, withEntityManager } from '../../graphql/context';
import type { PiiProtector } from '../account/pii-protector';
import { recordAudit } from '../audit/audit.service';
import { UUID_PATTERN } from '../exam/exam.service';
import { OPS_ROLES } from '../ops/ops-account.entity';
import type { OpsAuthService } from '../ops/ops-auth.service';
import { requireOpsRole, type OpsRole } from '../ops/ops-principal';
import { base32Encode, generateTotpSecret, otpauthUrl } from '../ops/totp';
import { AdminErrorCode, adminFailure, type AdminFailure } from './admin.errors';

export type OpsAccountSecretOutcome = { ok: true; id: string; username: string; message: string; totpSecret: string; otpauthUrl: string } | AdminFailure;
export type OpsAccountOutcome = { ok: true; id: string; message: string } | AdminFailure;

const TOTP_ISSUER = 'CCAP Ops';
export const OPS_ACCOUNT_PAGE_MAX = 200;

export interface OpsAccountFilter {
  role?: OpsRole | null;
  /** Reviewers acting for this unit. */
  unitCode?: string | null;
  disabled?: boolean | null;
}

export interface OpsAccountSummary {
  id: string;
  username: string;
  roles: OpsRole[];
  unitCodes: string[];
  disabled: boolean;
  lastLoginAt: Date | null;
  activeSessions: number;
  createdAt: Date;
  updatedAt: Date;
}

export class OpsAccountAdminService {
  constructor(
    private readonly opsAuth: OpsAuthService,
    private readonly pii: PiiProtector,
  ) {}

  async create(ctx: RequestContext, input: { username: string; password: string; role: OpsRole; unitCodes: string[] }): Promise<OpsAccountSecretOutcome> {
    requireOpsRole(ctx, 'ADMIN');
    const result = await this.opsAuth.createAccount(ctx, input);
    if (!result.ok) return adminFailure(AdminErrorCode.OPS_ACCOUNT_REFUSED, result.message, result.errorCode);
    return {
      ok: true,
      id: result.accountId,
      username: result.username,
      message: '账号已创建;动态口令密钥只显示这一次,请当面交给本人',
      totpSecret: base32Encode(result.totpSecret),
      otpauthUrl: otpauthUrl(result.totpSecret, { issuer: TOTP_ISSUER, accountName: result.username }),
    };
  }

  /**
   * Ops accounts in username order, keyset pages. Selects the columns it shows, so the password hash
   * and the TOTP secret never leave the table.
   */
  async list(ctx: RequestContext, filter: OpsAccountFilter, first: number, after: string | null): Promise<{ items: OpsAccountSummary[]; nextCursor: string | null }> {
    requireOpsRole(ctx, 'ADMIN');
    const limit = Math.min(Math.max(first, 1), OPS_ACCOUNT_PAGE_MAX);
    const where: string[] = [];
    const params: unknown[] = [ctx.clock.now()];
    if (filter.role) {
      where.push('? = any(a.roles)');
      params.push(filter.role);
    }
    if (filter.unitCode) {
      where.push('? = any(a.unit_codes)');
      params.push(filter.unitCode);
    }
    if (filter.disabled != null) {
      where.push('a.disabled = ?');
      params.push(filter.disabled);
    }
    if (after) {
      where.push('a.username > ?');
      params.push(Buffer.from(after, 'base64url').toString('utf8'));
    }
    const rows = await ctx.em.execute<Array<Record<string, any>>>(
      `select a.id, a.username, a.roles, a.unit_codes, a.disabled, a.last_login_at, a.created_at, a.updated_at,
              (select count(*)::int from ops_session s where s.account_id = a.id and s.revoked_at is null and s.expires_at > ?) as active_sessions
         from ops_account a
        ${where.length ? `where ${where.join(' and ')}` : ''}
        order by a.username limit ${limit + 1}`,
      params,
    );
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id,
      username: r.username,
      roles: r.roles,
      unitCodes: r.unit_codes,
      disabled: r.disabled,
      lastLoginAt: r.last_login_at ? new Date(r.last_login_at) : null,
      activeSessions: r.active_sessions,
      createdAt: new Date(r.created_at),
      updatedAt: new Date(r.updated_at),
    }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? Buffer.from(last.username).toString('base64url') : null };
  }

  private async lockAccount(tx: RequestContext, id: string): Promise<{ id: string; username: string; roles: OpsRole[]; unit_codes: string[]; disabled: boolean } | null> {
    if (!UUID_PATTERN.test(id)) return null;
    const [row] = await tx.em.execute<Array<{ id: string; username: string; roles: OpsRole[]; unit_codes: string[]; disabled: boolean }>>(
      `select id, username, roles, unit_codes, disabled from ops_account where id = ? for update`,
      [id],
    );
    return row ?? null;
  }

  /** Disabling also ends the account's sessions at once. An admin cannot disable themselves. */
  async setDisabled(ctx: RequestContext, id: string, disabled: boolean): Promise<OpsAccountOutcome> {
    const ops = requireOpsRole(ctx, 'ADMIN');
    if (disabled && id === ops.id) return adminFailure(AdminErrorCode.SELF_CHANGE, '不能停用自己的账号', 'id');
    return ctx.em.transactional(async (em): Promise<OpsAccountOutcome> => {
      const tx = withEntityManager(ctx, em);
      const account = await this.lockAccount(tx, id);
      if (!account) return adminFailure(AdminErrorCode.NOT_FOUND, '账号不存在', 'id');
      await em.execute(`update ops_account set disabled = ?, updated_at = ? where id = ?`, [disabled, ctx.clock.now(), id]);
      if (disabled) await em.execute(`update ops_session set revoked_at = ? where account_id = ? and revoked_at is null`, [ctx.clock.now(), id]);
      await recordAudit(tx, {
        action: disabled ? 'OPS_ACCOUNT_DISABLED' : 'OPS_ACCOUNT_ENABLED',
        targetType: 'OPS_ACCOUNT',
        targetId: id,
        details: { username: account.username, from: account.disabled, to: disabled },
      });
      return { ok: true, id, message: disabled ? '账号已停用' : '账号已启用' };
    });
  }

  /** A new TOTP key (shown once); the old one stops working and the account's sessions end. */
  async resetTotp(ctx: RequestContext, id: string): Promise<OpsAccountSecretOutcome> {
    requireOpsRole(ctx, 'ADMIN');
    const secret = generateTotpSecret();
    return ctx.em.transactional(async (em): Promise<OpsAccountSecretOutcome> => {
      const tx = withEntityManager(ctx, em);
      const account = await this.lockAccount(tx, id);
      if (!account) return adminFailure(AdminErrorCode.NOT_FOUND, '账号不存在', 'id');
      const now = ctx.clock.now();
      await em.execute(`update ops_account set totp_secret_encrypted = ?, totp_last_used_step = null, updated_at = ? where id = ?`, [
        this.pii.encrypt('OPS_TOTP_SECRET', secret.toString('base64')),
        now,
        id,
      ]);
      await em.execute(`update ops_session set revoked_at = ? where account_id = ? and revoked_at is null`, [now, id]);
      await recordAudit(tx, { action: 'OPS_ACCOUNT_TOTP_RESET', targetType: 'OPS_ACCOUNT', targetId: id, details: { username: account.username } });
      return {
        ok: true,
        id,
        username: account.username,
        message: '动态口令已重置;新密钥只显示这一次,原密钥立即失效',
        totpSecret: base32Encode(secret),
        otpauthUrl: otpauthUrl(secret, { issuer: TOTP_ISSUER, accountName: account.username }),
      };
    });
  }

  /** Role and units, with the CLI's rules: reviewers need ≥ 1 known unit, admins none. Sessions end so the change applies at once. */
  async setRoles(ctx: RequestContext, id: string, role: OpsRole, unitCodes: string[]): Promise<OpsAccountOutcome> {
    const ops = requireOpsRole(ctx, 'ADMIN');
    if (!OPS_ROLES.includes(role)) return adminFailure(AdminErrorCode.INVALID_INPUT, '角色须为REVIEWER或ADMIN', 'role');
    if (id === ops.id && role !== 'ADMIN') return adminFailure(AdminErrorCode.SELF_CHANGE, '不能取消自己的管理员角色', 'role');
    const units = [...new Set(unitCodes.map((c) => c.trim()).filter(Boolean))];
    if (role === 'REVIEWER' && units.length === 0) return adminFailure(AdminErrorCode.INVALID_INPUT, '审核人员须指定至少一个报名单位', 'unitCodes');
    if (role === 'ADMIN' && units.length > 0) return adminFailure(AdminErrorCode.INVALID_INPUT, '管理员不限报名单位,请勿指定', 'unitCodes');
    if (units.some((c) => !/^\d{6}$/.test(c))) return adminFailure(AdminErrorCode.INVALID_INPUT, '报名单位代码须为6位数字', 'unitCodes');
    return ctx.em.transactional(async (em): Promise<OpsAccountOutcome> => {
      const tx = withEntityManager(ctx, em);
      if (units.length > 0) {
        const known = await em.execute<Array<{ code: string }>>(`select code from registration_unit where code = any(?::text[])`, [`{${units.join(',')}}`]);
        const unknown = units.filter((c) => !known.some((k) => k.code === c));
        if (unknown.length > 0) return adminFailure(AdminErrorCode.INVALID_INPUT, `报名单位代码不存在:${unknown.join(',')}`, 'unitCodes');
      }
      const account = await this.lockAccount(tx, id);
      if (!account) return adminFailure(AdminErrorCode.NOT_FOUND, '账号不存在', 'id');
      const now = ctx.clock.now();
      await em.execute(`update ops_account set roles = ?::text[], unit_codes = ?::text[], updated_at = ? where id = ?`, [`{${role}}`, `{${units.join(',')}}`, now, id]);
      if (id !== ops.id) await em.execute(`update ops_session set revoked_at = ? where account_id = ? and revoked_at is null`, [now, id]);
      await recordAudit(tx, {
        action: 'OPS_ACCOUNT_ROLES_CHANGED',
        targetType: 'OPS_ACCOUNT',
        targetId: id,
        details: { username: account.username, before: { roles: account.roles, unitCodes: account.unit_codes }, after: { roles: [role], unitCodes: units } },
      });
      return { ok: true, id, message: '角色与报名单位已修改' };
    });
  }
}
