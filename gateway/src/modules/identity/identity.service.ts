import type { IncomingHttpHeaders } from 'node:http';
import { AppError, ErrorCode } from '../../common/errors';
import { type RequestContext, withEntityManager } from '../../graphql/context';
import type { PiiProtector } from '../account/pii-protector';
import { recordAudit, type AuditActor } from '../audit/audit.service';
import { UUID_PATTERN } from '../exam/exam.service';
import { IDENTITY_MESSAGES, IdentityErrorCode, identityFailure, type IdentityFailure } from './identity.errors';
import type { IdentityVerificationProvider } from './identity-provider';
import { documentImagesOf, type DocumentImage } from './real-name-documents';
import { findRegion } from './real-name-regions';
import { RealNameMethod, RealNameStatus } from './real-name-verification.entity';

export interface RealNameVerificationRow {
  id: string;
  method: RealNameMethod;
  status: RealNameStatus;
  certifyUrl: string | null;
  failureReason: string | null;
  /** null for 线上实名认证, which waits for its reviewer. */
  expiresAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  /** 线上实名认证: 所在省市 and the images submitted (empty for 支付宝). */
  provinceCode: string | null;
  cityCode: string | null;
  provinceName: string | null;
  cityName: string | null;
  documents: DocumentImage[];
}

export interface RealNameState {
  verified: boolean;
  verifiedAt: Date | null;
  latest: RealNameVerificationRow | null;
}

export type StartOutcome = { ok: true; verification: RealNameVerificationRow } | IdentityFailure;

export type CallbackOutcome = 'INVALID' | 'UNKNOWN' | 'APPLIED' | 'ALREADY_COMPLETED' | 'EXPIRED';

const SYSTEM_ACTOR = { type: 'SYSTEM' as const, id: null, username: 'identity-provider', role: null };

function requireViewer(ctx: RequestContext): string {
  if (!ctx.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED);
  return ctx.viewer.id;
}

const ROW_COLUMNS = `id, method, status, certify_url, failure_reason, expires_at, completed_at, created_at, provider_reference,
  province_code, city_code, portrait_upload_id, emblem_upload_id, handheld_upload_id`;

/**
 * 实名认证 (线上实名认证 is OnlineRealNameService). 支付宝扫码认证: the candidate consents, a verification row is created and the provider
 * returns the URL the candidate's phone opens; the provider's signed callback settles it, and success
 * sets `candidate_account.real_name_verified_at` (read by registration/real-name-check.ts).
 */
export class IdentityService {
  constructor(
    private readonly deps: {
      pii: PiiProtector;
      /** null when no provider is configured (production without a real Alipay integration). */
      provider: IdentityVerificationProvider | null;
      sessionTtlMs: number;
    },
  ) {}

  /** The certify URL is shown only while the attempt is open. */
  private toRow(raw: Record<string, any>): RealNameVerificationRow {
    const region = raw.province_code ? findRegion(raw.province_code, raw.city_code) : null;
    return {
      id: raw.id,
      method: raw.method,
      status: raw.status,
      certifyUrl: raw.status === RealNameStatus.PENDING ? (raw.certify_url ?? null) : null,
      failureReason: raw.failure_reason,
      expiresAt: raw.expires_at ? new Date(raw.expires_at) : null,
      completedAt: raw.completed_at ? new Date(raw.completed_at) : null,
      createdAt: new Date(raw.created_at),
      provinceCode: raw.province_code ?? null,
      cityCode: raw.city_code ?? null,
      provinceName: region?.provinceName ?? null,
      cityName: region?.cityName ?? null,
      documents: documentImagesOf(raw),
    };
  }

  private async account(ctx: RequestContext, accountId: string) {
    const [row] = await ctx.em.execute<Array<{ name: string; document_type: string; document_number_encrypted: Buffer; real_name_verified_at: Date | null }>>(
      `select name, document_type, document_number_encrypted, real_name_verified_at from candidate_account where id = ?`,
      [accountId],
    );
    if (!row) throw new AppError(ErrorCode.UNAUTHENTICATED);
    return row;
  }

  /** 支付宝扫码认证: needs the separate consent of this attempt. */
  async startAlipay(ctx: RequestContext, consent: boolean): Promise<StartOutcome> {
    const accountId = requireViewer(ctx);
    if (consent !== true) return identityFailure(IdentityErrorCode.CONSENT_REQUIRED, IDENTITY_MESSAGES.CONSENT_REQUIRED, 'consent');
    const provider = this.deps.provider;
    if (!provider) return identityFailure(IdentityErrorCode.PROVIDER_UNAVAILABLE, IDENTITY_MESSAGES.PROVIDER_UNAVAILABLE);
    return ctx.em.transactional(async (em) => {
      const tx: RequestContext = withEntityManager(ctx, em);
      // Serialises concurrent starts of one account (and a callback settling it).
      await em.execute(`select 1 from candidate_account where id = ? for update`, [accountId]);
      const account = await this.account(tx, accountId);
      if (account.real_name_verified_at) return identityFailure(IdentityErrorCode.ALREADY_VERIFIED, IDENTITY_MESSAGES.ALREADY_VERIFIED);
      if (account.document_type !== 'RESIDENT_ID') {
        return identityFailure(IdentityErrorCode.DOCUMENT_TYPE_UNSUPPORTED, IDENTITY_MESSAGES.DOCUMENT_TYPE_UNSUPPORTED);
      }
      const now = ctx.clock.now();
      // A new attempt supersedes any pending one of the same account.
      await em.execute(
        `update real_name_verification set status = 'EXPIRED', completed_at = ? where account_id = ? and status = 'PENDING' and method = 'ALIPAY'`,
        [now, accountId],
      );
      const expiresAt = new Date(now.getTime() + this.deps.sessionTtlMs);
      const [raw] = await em.execute<Array<Record<string, any>>>(
        `insert into real_name_verification (id, account_id, method, status, consented_at, provider_reference, certify_url, failure_reason, expires_at, completed_at, created_at)
         values (gen_random_uuid(), ?, 'ALIPAY', 'PENDING', ?, null, null, null, ?, null, ?)
         returning ${ROW_COLUMNS}`,
        [accountId, now, expiresAt, now],
      );
      const documentNumber = this.deps.pii.decrypt('DOCUMENT_NUMBER', account.document_number_encrypted);
      const started = await provider.start({ verificationId: raw!.id, name: account.name, documentNumber, expiresAt });
      await em.execute(`update real_name_verification set provider_reference = ?, certify_url = ? where id = ?`, [
        started.providerReference,
        started.certifyUrl,
        raw!.id,
      ]);
      await recordAudit(tx, {
        action: 'REAL_NAME_VERIFICATION_STARTED',
        targetType: 'RealNameVerification',
        targetId: raw!.id,
        details: { method: RealNameMethod.ALIPAY, consentedAt: now.toISOString() },
      });
      return { ok: true as const, verification: this.toRow({ ...raw!, certify_url: started.certifyUrl }) };
    });
  }

  /** The candidate's 实名认证 state and latest attempt (pending ones past their time read as EXPIRED). */
  async state(ctx: RequestContext): Promise<RealNameState> {
    const accountId = requireViewer(ctx);
    const account = await this.account(ctx, accountId);
    const [raw] = await ctx.em.execute<Array<Record<string, any>>>(
      `select ${ROW_COLUMNS} from real_name_verification where account_id = ? order by created_at desc, id limit 1`,
      [accountId],
    );
    return {
      verified: account.real_name_verified_at !== null,
      verifiedAt: account.real_name_verified_at ? new Date(account.real_name_verified_at) : null,
      latest: raw ? this.rowFor(ctx, raw) : null,
    };
  }

  /** One attempt of the signed-in candidate (polled by the 扫码 panel); null for anyone else's. */
  async verification(ctx: RequestContext, id: string): Promise<RealNameVerificationRow | null> {
    const accountId = requireViewer(ctx);
    if (!UUID_PATTERN.test(id)) return null;
    const [raw] = await ctx.em.execute<Array<Record<string, any>>>(
      `select ${ROW_COLUMNS} from real_name_verification where id = ? and account_id = ?`,
      [id, accountId],
    );
    return raw ? this.rowFor(ctx, raw) : null;
  }

  /** A pending attempt past its time reads as EXPIRED (the callback, if it ever comes, is refused). */
  private rowFor(ctx: RequestContext, raw: Record<string, any>): RealNameVerificationRow {
    if (raw.status === RealNameStatus.PENDING && raw.expires_at && new Date(raw.expires_at).getTime() <= ctx.clock.now().getTime()) {
      return this.toRow({ ...raw, status: RealNameStatus.EXPIRED, failure_reason: IDENTITY_MESSAGES.EXPIRED });
    }
    return this.toRow(raw);
  }

  /**
   * The provider's result (POST /api/identity/callback). A body whose signature does not verify
   * changes nothing. Settles a PENDING attempt once; repeats are acknowledged and ignored.
   */
  async handleCallback(ctx: RequestContext, rawBody: Buffer, headers: IncomingHttpHeaders): Promise<CallbackOutcome> {
    const result = this.deps.provider?.verifyCallback(rawBody, headers) ?? null;
    if (!result) {
      ctx.logger.warn('identity callback with an invalid signature or body ignored');
      return 'INVALID';
    }
    if (!UUID_PATTERN.test(result.verificationId)) return 'UNKNOWN';
    return ctx.em.transactional(async (em) => {
      const tx: RequestContext = withEntityManager(ctx, em);
      const [row] = await em.execute<Array<{ account_id: string; status: RealNameStatus; expires_at: Date }>>(
        `select account_id, status, expires_at from real_name_verification where id = ? and method = 'ALIPAY'`,
        [result.verificationId],
      );
      if (!row) return 'UNKNOWN' as const;
      // Same lock order as startAlipay: account first, then the attempt.
      await em.execute(`select 1 from candidate_account where id = ? for update`, [row.account_id]);
      const [locked] = await em.execute<Array<{ status: RealNameStatus; expires_at: Date }>>(
        `select status, expires_at from real_name_verification where id = ? for update`,
        [result.verificationId],
      );
      if (locked!.status !== RealNameStatus.PENDING) return 'ALREADY_COMPLETED' as const;
      const now = ctx.clock.now();
      if (new Date(locked!.expires_at).getTime() <= now.getTime()) {
        await em.execute(`update real_name_verification set status = 'EXPIRED', failure_reason = ?, completed_at = ? where id = ?`, [
          IDENTITY_MESSAGES.EXPIRED,
          now,
          result.verificationId,
        ]);
        return 'EXPIRED' as const;
      }
      const passed = result.outcome === 'PASSED';
      await settleVerification(tx, {
        verificationId: result.verificationId,
        accountId: row.account_id,
        method: RealNameMethod.ALIPAY,
        passed,
        failureReason: passed ? null : IDENTITY_MESSAGES.MISMATCH,
        details: { outcome: result.outcome },
        actor: SYSTEM_ACTOR,
      });
      return 'APPLIED' as const;
    });
  }
}

/**
 * Settles one attempt (the caller holds the account's lock): SUCCEEDED also sets
 * `candidate_account.real_name_verified_at`, the one column registration/real-name-check.ts reads,
 * whichever way the candidate was verified. Writes REAL_NAME_VERIFIED / REAL_NAME_VERIFICATION_FAILED.
 */
export async function settleVerification(
  tx: RequestContext,
  outcome: {
    verificationId: string;
    accountId: string;
    method: RealNameMethod;
    passed: boolean;
    failureReason: string | null;
    reviewedBy?: string | null;
    reason?: string | null;
    details?: Record<string, unknown>;
    actor?: AuditActor;
  },
): Promise<void> {
  const now = tx.clock.now();
  await tx.em.execute(`update real_name_verification set status = ?, failure_reason = ?, completed_at = ?, reviewed_by = ? where id = ?`, [
    outcome.passed ? RealNameStatus.SUCCEEDED : RealNameStatus.FAILED,
    outcome.failureReason,
    now,
    outcome.reviewedBy ?? null,
    outcome.verificationId,
  ]);
  if (outcome.passed) {
    await tx.em.execute(`update candidate_account set real_name_verified_at = coalesce(real_name_verified_at, ?), updated_at = ? where id = ?`, [
      now,
      now,
      outcome.accountId,
    ]);
  }
  await recordAudit(tx, {
    action: outcome.passed ? 'REAL_NAME_VERIFIED' : 'REAL_NAME_VERIFICATION_FAILED',
    targetType: 'CandidateAccount',
    targetId: outcome.accountId,
    reason: outcome.reason ?? null,
    details: { verificationId: outcome.verificationId, method: outcome.method, ...outcome.details },
    ...(outcome.actor ? { actor: outcome.actor } : {}),
  });
}
