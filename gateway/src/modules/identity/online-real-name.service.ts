import { AppError, ErrorCode } from '../../common/errors';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../common/keyset-cursor';
import { type RequestContext, withEntityManager } from '../../graphql/context';
import type { DocumentType } from '../account/identity-document';
import { maskDocumentNumber } from '../account/person-name';
import type { PiiProtector } from '../account/pii-protector';
import { auditUnmaskedRead, recordAudit } from '../audit/audit.service';
import { UUID_PATTERN } from '../exam/exam.service';
import { requireOpsRole, type OpsPrincipal } from '../ops/ops-principal';
import { UploadPurpose } from '../registration/upload.entity';
import { type AccountUploadPolicy, type AccountUploadTokenOutcome, type UploadService } from '../registration/upload.service';
import { IDENTITY_MESSAGES, IdentityErrorCode, identityFailure, type IdentityFailure } from './identity.errors';
import { settleVerification } from './identity.service';
import { DOCUMENT_SIDES, documentImagesOf, type DocumentImage, RealNameDocumentSide } from './real-name-documents';
import { findRegion } from './real-name-regions';
import { RealNameMethod, RealNameStatus } from './real-name-verification.entity';

export interface OnlineSubmissionInput {
  portraitUploadId: string;
  emblemUploadId: string;
  handheldUploadId: string;
  provinceCode: string;
  cityCode: string;
  /** The separate consent (PIPL art. 29) to have reviewers look at the 证件 images. */
  consent: boolean;
}

export interface ReviewFilter {
  unitCode?: string | null;
  /** Default PENDING (待审核). */
  status?: RealNameStatus | null;
}

export interface RealNameReviewRow {
  id: string;
  status: RealNameStatus;
  unitCode: string;
  provinceName: string;
  cityName: string;
  candidateName: string;
  documentType: DocumentType;
  maskedDocumentNumber: string;
  submittedAt: Date;
  reviewedAt: Date | null;
  failureReason: string | null;
}

export interface RealNameReviewDetail extends RealNameReviewRow {
  accountId: string;
  documentNumber: string;
  documents: DocumentImage[];
}

export type ReviewDecision = { verificationId: string; ok: true; status: RealNameStatus } | ({ verificationId: string } & IdentityFailure);

export const REAL_NAME_REVIEW_PAGE_MAX = 100;
export const REAL_NAME_REVIEW_BATCH_MAX = 100;
const REASON_MIN_CODE_POINTS = 2;
const REASON_MAX_CODE_POINTS = 500;


/** Locks the account row (the same lock 支付宝 start and callback take first) and reads what gates 线上实名认证. */
async function lockedGate(tx: RequestContext, accountId: string): Promise<IdentityFailure | null> {
  const [account] = await tx.em.execute<Array<{ real_name_verified_at: Date | null }>>(
    `select real_name_verified_at from candidate_account where id = ? for update`,
    [accountId],
  );
  if (!account) throw new AppError(ErrorCode.UNAUTHENTICATED);
  if (account.real_name_verified_at) return identityFailure(IdentityErrorCode.ALREADY_VERIFIED, IDENTITY_MESSAGES.ALREADY_VERIFIED);
  const [pending] = await tx.em.execute(
    `select 1 from real_name_verification where account_id = ? and method = 'ONLINE' and status = 'PENDING' limit 1`,
    [accountId],
  );
  if (pending) return identityFailure(IdentityErrorCode.REVIEW_PENDING, IDENTITY_MESSAGES.REVIEW_PENDING);
  return null;
}

/**
 * When 证件 images may be uploaded and who else sees them: a candidate not yet verified and with no
 * submission waiting uploads; reviewers of the unit of a submission that uses an image see it.
 */
export class RealNameUploadPolicy implements AccountUploadPolicy {
  accepts(tx: RequestContext, accountId: string): Promise<IdentityFailure | null> {
    return lockedGate(tx, accountId);
  }

  /** Earlier images of the same side that no submission uses (a rejected submission keeps its images). */
  async superseded(tx: RequestContext, accountId: string, purpose: UploadPurpose): Promise<string[]> {
    const rows = await tx.em.execute<Array<{ id: string }>>(
      `select up.id from application_upload up
        where up.account_id = ? and up.purpose = ? and up.application_id is null and up.deleted_at is null
          and not exists (select 1 from real_name_verification v
                           where v.portrait_upload_id = up.id or v.emblem_upload_id = up.id or v.handheld_upload_id = up.id)`,
      [accountId, purpose],
    );
    return rows.map((r) => r.id);
  }

  async reviewUnitOf(ctx: RequestContext, uploadId: string): Promise<string | null> {
    const [row] = await ctx.em.execute<Array<{ unit_code: string }>>(
      `select unit_code from real_name_verification
        where method = 'ONLINE' and (portrait_upload_id = ? or emblem_upload_id = ? or handheld_upload_id = ?)
        order by created_at desc limit 1`,
      [uploadId, uploadId, uploadId],
    );
    return row?.unit_code ?? null;
  }
}

/**
 * 线上实名认证: the candidate uploads 证件人像面, 证件国徽面/非人像面 and 手持证件人像面 (through the
 * one upload pipeline, registration/upload.service.ts), chooses 所在省市 and submits (待审核). A
 * reviewer of the registration unit the 所在省市 maps to approves, which verifies the account as the
 * 支付宝 path does, or rejects with a reason; after a rejection the candidate submits again.
 */
export class OnlineRealNameService {
  constructor(private readonly deps: { pii: PiiProtector; uploads: UploadService }) {}

  private requireViewer(ctx: RequestContext): string {
    if (!ctx.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED);
    return ctx.viewer.id;
  }

  /** Permission to upload one 证件 image (refused once verified or while a submission waits). */
  requestUploadToken(ctx: RequestContext, side: RealNameDocumentSide): Promise<AccountUploadTokenOutcome> {
    this.requireViewer(ctx);
    const purpose = DOCUMENT_SIDES.find((d) => d.side === side)!.purpose;
    return this.deps.uploads.issueAccountToken(ctx, purpose);
  }

  /** The registration unit that reviews a 所在省市: the 计划单列市 when the city is one, else the province. */
  private async unitFor(ctx: RequestContext, provinceCode: string, cityCode: string): Promise<string> {
    const rows = await ctx.em.execute<Array<{ code: string }>>(`select code from registration_unit where code in (?, ?)`, [cityCode, provinceCode]);
    return rows.some((r) => r.code === cityCode) ? cityCode : provinceCode;
  }

  /** 提交 (and 重新提交 after 审核未通过). Returns the new submission's id. */
  async submit(ctx: RequestContext, input: OnlineSubmissionInput): Promise<{ ok: true; verificationId: string } | IdentityFailure> {
    const accountId = this.requireViewer(ctx);
    if (input.consent !== true) return identityFailure(IdentityErrorCode.CONSENT_REQUIRED, IDENTITY_MESSAGES.ONLINE_CONSENT_REQUIRED, 'consent');
    const region = findRegion(input.provinceCode, input.cityCode);
    if (!region) return identityFailure(IdentityErrorCode.REGION_INVALID, IDENTITY_MESSAGES.REGION_INVALID, input.provinceCode ? 'cityCode' : 'provinceCode');
    const chosen: Record<UploadPurpose, string> = {
      [UploadPurpose.ID_PORTRAIT]: input.portraitUploadId,
      [UploadPurpose.ID_EMBLEM]: input.emblemUploadId,
      [UploadPurpose.ID_HANDHELD]: input.handheldUploadId,
    } as Record<UploadPurpose, string>;
    return ctx.em.transactional(async (em) => {
      const tx: RequestContext = withEntityManager(ctx, em);
      const refused = await lockedGate(tx, accountId);
      if (refused) return refused;
      const ids = Object.values(chosen).filter((id) => UUID_PATTERN.test(id));
      const live = ids.length
        ? await em.execute<Array<{ id: string; purpose: UploadPurpose }>>(
            `select id, purpose from application_upload where id in (?) and account_id = ? and application_id is null and deleted_at is null`,
            [ids, accountId],
          )
        : [];
      for (const side of DOCUMENT_SIDES) {
        if (!live.some((u) => u.id === chosen[side.purpose] && u.purpose === side.purpose)) {
          const field = `${side.side.toLowerCase()}UploadId`;
          return identityFailure(IdentityErrorCode.DOCUMENT_IMAGE_MISSING, IDENTITY_MESSAGES.DOCUMENT_IMAGE_MISSING(side.label), field);
        }
      }
      const unitCode = await this.unitFor(tx, input.provinceCode, input.cityCode);
      const now = ctx.clock.now();
      const [row] = await em.execute<Array<{ id: string }>>(
        `insert into real_name_verification (id, account_id, method, status, consented_at, expires_at, created_at,
                                             province_code, city_code, unit_code, portrait_upload_id, emblem_upload_id, handheld_upload_id)
         values (gen_random_uuid(), ?, 'ONLINE', 'PENDING', ?, null, ?, ?, ?, ?, ?, ?, ?) returning id`,
        [accountId, now, now, input.provinceCode, input.cityCode, unitCode, input.portraitUploadId, input.emblemUploadId, input.handheldUploadId],
      );
      await recordAudit(tx, {
        action: 'REAL_NAME_VERIFICATION_STARTED',
        targetType: 'RealNameVerification',
        targetId: row!.id,
        details: { method: RealNameMethod.ONLINE, unitCode, consentedAt: now.toISOString() },
      });
      return { ok: true as const, verificationId: row!.id };
    });
  }

  // ── 审核 (reviewers of the unit; admins: all) ───────────────────────────────────────────────────

  private unitScope(ctx: RequestContext, unitCode?: string | null): string[] | null {
    if (unitCode) {
      requireOpsRole(ctx, 'REVIEWER', unitCode);
      return [unitCode];
    }
    const ops = requireOpsRole(ctx, 'REVIEWER');
    return ops.roles.includes('ADMIN') ? null : ops.unitCodes;
  }

  private reviewRow(r: Record<string, any>): RealNameReviewRow {
    const region = findRegion(r.province_code, r.city_code);
    return {
      id: r.id,
      status: r.status,
      unitCode: r.unit_code,
      provinceName: region?.provinceName ?? r.province_code,
      cityName: region?.cityName ?? r.city_code,
      candidateName: r.name,
      documentType: r.document_type,
      maskedDocumentNumber: maskDocumentNumber(this.deps.pii.decrypt('DOCUMENT_NUMBER', r.document_number_encrypted)),
      submittedAt: new Date(r.created_at),
      reviewedAt: r.status === RealNameStatus.PENDING || !r.completed_at ? null : new Date(r.completed_at),
      failureReason: r.failure_reason,
    };
  }

  /** Oldest submission first, keyset pages on (created_at, id). */
  async list(ctx: RequestContext, filter: ReviewFilter, first: number, after?: string | null): Promise<{ items: RealNameReviewRow[]; nextCursor: string | null }> {
    const units = this.unitScope(ctx, filter.unitCode);
    if (units !== null && units.length === 0) return { items: [], nextCursor: null };
    const limit = Math.min(Math.max(first, 1), REAL_NAME_REVIEW_PAGE_MAX);
    const where = [`v.method = 'ONLINE'`, 'v.status = ?'];
    const params: unknown[] = [filter.status ?? RealNameStatus.PENDING];
    if (units !== null) {
      where.push('v.unit_code in (?)');
      params.push(units);
    }
    if (after) {
      const cursor = decodeKeysetCursor(after);
      where.push('(v.created_at, v.id) > (?, ?)');
      params.push(cursor.at, cursor.id);
    }
    const rows = await ctx.em.execute<Array<Record<string, any>>>(
      `select v.id, v.status, v.unit_code, v.province_code, v.city_code, v.created_at, v.completed_at, v.failure_reason,
              ca.name, ca.document_type, ca.document_number_encrypted
         from real_name_verification v join candidate_account ca on ca.id = v.account_id
        where ${where.join(' and ')}
        order by v.created_at, v.id
        limit ?`,
      [...params, limit + 1],
    );
    const items = rows.slice(0, limit).map((r) => this.reviewRow(r));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeKeysetCursor(last.submittedAt, last.id) : null };
  }

  /**
   * One submission with the unmasked 证件号码 and the image addresses, for comparing them. Throws
   * NOT_FOUND for another unit's submission as for a missing one (reviewers learn nothing of it).
   */
  async detail(ctx: RequestContext, id: string): Promise<RealNameReviewDetail> {
    const ops = requireOpsRole(ctx, 'REVIEWER');
    const [row] = UUID_PATTERN.test(id)
      ? await ctx.em.execute<Array<Record<string, any>>>(
          `select v.id, v.account_id, v.status, v.unit_code, v.province_code, v.city_code, v.created_at, v.completed_at, v.failure_reason,
                  v.portrait_upload_id, v.emblem_upload_id, v.handheld_upload_id,
                  ca.name, ca.document_type, ca.document_number_encrypted
             from real_name_verification v join candidate_account ca on ca.id = v.account_id
            where v.id = ? and v.method = 'ONLINE'`,
          [id],
        )
      : [];
    if (!row || !covers(ops, row.unit_code)) throw new AppError(ErrorCode.NOT_FOUND, IDENTITY_MESSAGES.SUBMISSION_NOT_FOUND);
    return ctx.em.transactional(async (em) => {
      // Recorded before the data leaves the service: no record, no data.
      await auditUnmaskedRead(
        withEntityManager(ctx, em),
        { targetType: 'RealNameVerification', targetId: row.id, fields: ['documentNumber'], reason: '实名认证审核', details: { accountId: row.account_id, unitCode: row.unit_code } },
      );
      return {
        ...this.reviewRow(row),
        accountId: row.account_id,
        documentNumber: this.deps.pii.decrypt('DOCUMENT_NUMBER', row.document_number_encrypted),
        documents: documentImagesOf(row),
      };
    });
  }

  approve(ctx: RequestContext, ids: readonly string[]): Promise<ReviewDecision[]> {
    return this.decideEach(ctx, ids, RealNameStatus.SUCCEEDED, null);
  }

  reject(ctx: RequestContext, ids: readonly string[], reason: string): Promise<ReviewDecision[]> {
    const trimmed = reason.trim();
    const length = Array.from(trimmed).length;
    if (length < REASON_MIN_CODE_POINTS || length > REASON_MAX_CODE_POINTS) {
      requireOpsRole(ctx, 'REVIEWER');
      return Promise.resolve(
        [...new Set(ids)].map((verificationId) => ({ verificationId, ...identityFailure(IdentityErrorCode.REASON_REQUIRED, IDENTITY_MESSAGES.REASON_REQUIRED, 'reason') })),
      );
    }
    return this.decideEach(ctx, ids, RealNameStatus.FAILED, trimmed);
  }

  /** Each submission in its own transaction: one that cannot be decided does not hold back the others. */
  private async decideEach(
    ctx: RequestContext,
    ids: readonly string[],
    to: RealNameStatus.SUCCEEDED | RealNameStatus.FAILED,
    reason: string | null,
  ): Promise<ReviewDecision[]> {
    const ops = requireOpsRole(ctx, 'REVIEWER');
    const unique = [...new Set(ids)];
    if (unique.length > REAL_NAME_REVIEW_BATCH_MAX) {
      const failure = identityFailure(IdentityErrorCode.BATCH_TOO_LARGE, IDENTITY_MESSAGES.BATCH_TOO_LARGE(REAL_NAME_REVIEW_BATCH_MAX));
      return unique.map((verificationId) => ({ verificationId, ...failure }));
    }
    const decisions: ReviewDecision[] = [];
    for (const id of unique) decisions.push(await this.decideOne(ctx, ops, id, to, reason));
    return decisions;
  }

  private async decideOne(
    ctx: RequestContext,
    ops: OpsPrincipal,
    verificationId: string,
    to: RealNameStatus.SUCCEEDED | RealNameStatus.FAILED,
    reason: string | null,
  ): Promise<ReviewDecision> {
    const notFound = { verificationId, ...identityFailure(IdentityErrorCode.SUBMISSION_NOT_FOUND, IDENTITY_MESSAGES.SUBMISSION_NOT_FOUND) };
    if (!UUID_PATTERN.test(verificationId)) return notFound;
    const [target] = await ctx.em.execute<Array<{ account_id: string }>>(
      `select account_id from real_name_verification where id = ? and method = 'ONLINE'`,
      [verificationId],
    );
    if (!target) return notFound;
    return ctx.em.transactional(async (em): Promise<ReviewDecision> => {
      const tx: RequestContext = withEntityManager(ctx, em);
      // Lock order as everywhere in 实名认证: the account first, then the attempt.
      await em.execute(`select 1 from candidate_account where id = ? for update`, [target.account_id]);
      const [row] = await em.execute<Array<{ status: RealNameStatus; unit_code: string }>>(
        `select status, unit_code from real_name_verification where id = ? for update`,
        [verificationId],
      );
      // Another unit's submission and a missing one look alike to the reviewer.
      if (!row || !covers(ops, row.unit_code)) return notFound;
      if (row.status !== RealNameStatus.PENDING) return { verificationId, ...identityFailure(IdentityErrorCode.NOT_PENDING, IDENTITY_MESSAGES.NOT_PENDING) };
      // Exactly what a successful 支付宝 callback does (settleVerification), with the reviewer as the actor.
      await settleVerification(tx, {
        verificationId,
        accountId: target.account_id,
        method: RealNameMethod.ONLINE,
        passed: to === RealNameStatus.SUCCEEDED,
        failureReason: reason,
        reviewedBy: ops.id,
        reason,
        details: { unitCode: row.unit_code },
      });
      return { verificationId, ok: true, status: to };
    });
  }
}

function covers(ops: OpsPrincipal, unitCode: string): boolean {
  return ops.roles.includes('ADMIN') || ops.unitCodes.includes(unitCode);
}
