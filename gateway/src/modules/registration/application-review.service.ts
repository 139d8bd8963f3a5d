import { type RequestContext, withEntityManager } from '../../graphql/context';
import { AppError, ErrorCode } from '../../common/errors';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../common/keyset-cursor';
import type { ExamLevel } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
import type { PiiProtector } from '../account/pii-protector';
import { maskDocumentNumber } from '../account/person-name';
import type { DocumentType } from '../account/identity-document';
import { auditUnmaskedRead, recordAudit } from '../audit/audit.service';
import { requireOpsRole, type OpsPrincipal } from '../ops/ops-principal';
import { ApplicationActorKind, ApplicationStatus, ApplicationStep } from './application.entity';
import { lockApplication, recordTransition } from './application.service';
import { REGISTRATION_MESSAGES, RegistrationErrorCode, registrationFailure, type RegistrationFailure } from './registration.errors';

export interface ReviewFilter {
  /** One unit; absent: every unit the reviewer covers. */
  unitCode?: string | null;
  examId?: string | null;
  level?: ExamLevel | null;
  /** Absent: every status a submitted application can have. */
  status?: ApplicationStatus | null;
}

export interface ReviewSummaryRow {
  id: string;
  status: ApplicationStatus;
  level: ExamLevel;
  examId: string;
  examName: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  candidateName: string;
  documentType: DocumentType;
  maskedDocumentNumber: string;
  cityName: string | null;
  pointName: string | null;
  subjectCodes: string[];
  submittedAt: Date;
}

export interface ReviewPage {
  items: ReviewSummaryRow[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ReviewCandidate {
  accountId: string;
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  phone: string;
}

export type ReviewDecision = { applicationId: string; ok: true; status: ApplicationStatus } | ({ applicationId: string } & RegistrationFailure);

export const REVIEW_PAGE_MAX = 100;
export const REVIEW_BATCH_MAX = 100;
export const REVIEW_REASON_MAX_CODE_POINTS = 500;

/**
 * 审核: reviewers see and decide the submitted applications of their units (admins: every unit).
 * Unit scope is checked against each application's own unit, never against what the caller sends.
 */
export class ApplicationReviewService {
  constructor(private readonly pii: PiiProtector) {}

  /** Units the caller may see, narrowed by the filter; null means every unit (admins without a filter). */
  private unitScope(ctx: RequestContext, filter: ReviewFilter): string[] | null {
    if (filter.unitCode) {
      requireOpsRole(ctx, 'REVIEWER', filter.unitCode);
      return [filter.unitCode];
    }
    const ops = requireOpsRole(ctx, 'REVIEWER');
    return ops.roles.includes('ADMIN') ? null : ops.unitCodes;
  }

  /** Oldest submission first, keyset-paginated on (submitted_at, id): no OFFSET, no count. */
  async list(ctx: RequestContext, filter: ReviewFilter, first: number, after?: string | null): Promise<ReviewPage> {
    const units = this.unitScope(ctx, filter);
    if (units !== null && units.length === 0) return { items: [], nextCursor: null };
    const limit = Math.min(Math.max(first, 1), REVIEW_PAGE_MAX);
    const where: string[] = ['a.submitted_at is not null'];
    const params: unknown[] = [];
    if (units !== null) {
      where.push('u.code in (?)');
      params.push(units);
    }
    if (filter.examId) {
      if (!UUID_PATTERN.test(filter.examId)) return { items: [], nextCursor: null };
      where.push('a.exam_id = ?');
      params.push(filter.examId);
    }
    if (filter.level) {
      where.push('a.level = ?');
      params.push(filter.level);
    }
    if (filter.status) {
      where.push('a.status = ?');
      params.push(filter.status);
    }
    if (after) {
      const cursor = decodeKeysetCursor(after);
      where.push('(a.submitted_at, a.id) > (?, ?)');
      params.push(cursor.at, cursor.id);
    }
    const rows = await ctx.em.execute<Array<Record<string, any>>>(
      `select a.id, a.status, a.level, a.exam_id, e.name as exam_name, u.id as unit_id, u.code as unit_code, u.name as unit_name,
              ca.name as candidate_name, ca.document_type, ca.document_number_encrypted,
              c.name as city_name, p.name as point_name, a.subject_codes, a.submitted_at
         from application a
         join exam e on e.id = a.exam_id
         join exam_unit eu on eu.id = a.exam_unit_id
         join registration_unit u on u.id = eu.unit_id
         join candidate_account ca on ca.id = a.account_id
         left join registration_city c on c.id = a.city_id
         left join registration_point p on p.id = a.point_id
        where ${where.join(' and ')}
        order by a.submitted_at, a.id
        limit ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit).map(
      (r): ReviewSummaryRow => ({
        id: r.id,
        status: r.status,
        level: r.level,
        examId: r.exam_id,
        examName: r.exam_name,
        unitId: r.unit_id,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        candidateName: r.candidate_name,
        documentType: r.document_type,
        // Lists show the number masked; the full one is on the detail page.
        maskedDocumentNumber: maskDocumentNumber(this.pii.decrypt('DOCUMENT_NUMBER', r.document_number_encrypted)),
        cityName: r.city_name,
        pointName: r.point_name,
        subjectCodes: r.subject_codes ?? [],
        submittedAt: new Date(r.submitted_at),
      }),
    );
    const last = page.at(-1);
    return { items: page, nextCursor: rows.length > limit && last ? encodeKeysetCursor(last.submittedAt, last.id) : null };
  }

  /**
   * Unit code of an application (for the scope check before anything else is read), or null.
   * Drafts are the candidate's business until submitted.
   */
  async unitOf(ctx: RequestContext, applicationId: string): Promise<string | null> {
    if (!UUID_PATTERN.test(applicationId)) return null;
    const [row] = await ctx.em.execute<Array<{ code: string }>>(
      `select u.code from application a join exam_unit eu on eu.id = a.exam_unit_id join registration_unit u on u.id = eu.unit_id
        where a.id = ? and a.submitted_at is not null`,
      [applicationId],
    );
    return row?.code ?? null;
  }

  /** Opens one application for review; throws NOT_FOUND / FORBIDDEN like any guarded read. */
  async requireReviewable(ctx: RequestContext, applicationId: string): Promise<void> {
    requireOpsRole(ctx, 'REVIEWER');
    const unitCode = await this.unitOf(ctx, applicationId);
    if (!unitCode) throw new AppError(ErrorCode.NOT_FOUND, '报名信息不存在');
    requireOpsRole(ctx, 'REVIEWER', unitCode);
  }

  /** Identity of the applicant, unmasked: reviewers compare it with the uploaded documents. */
  async candidateOf(ctx: RequestContext, applicationId: string): Promise<ReviewCandidate> {
    const [row] = await ctx.em.execute<Array<Record<string, any>>>(
      `select ca.id, ca.name, ca.document_type, ca.document_number_encrypted, ca.phone_encrypted
         from application a join candidate_account ca on ca.id = a.account_id where a.id = ?`,
      [applicationId],
    );
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, '报名信息不存在');
    // Recorded before the data leaves the service: no record, no data.
    await auditUnmaskedRead(ctx, {
      targetType: 'APPLICATION',
      targetId: applicationId,
      fields: ['documentNumber', 'phone'],
      reason: '报名审核',
      details: { accountId: row.id },
    });
    return {
      accountId: row.id,
      name: row.name,
      documentType: row.document_type,
      documentNumber: this.pii.decrypt('DOCUMENT_NUMBER', row.document_number_encrypted),
      phone: this.pii.decrypt('PHONE', row.phone_encrypted),
    };
  }

  approve(ctx: RequestContext, applicationIds: readonly string[]): Promise<ReviewDecision[]> {
    return this.decideEach(ctx, applicationIds, ApplicationStatus.APPROVED, null);
  }

  async reject(ctx: RequestContext, applicationIds: readonly string[], reason: string): Promise<ReviewDecision[]> {
    const trimmed = reason.trim();
    const length = Array.from(trimmed).length;
    if (length < 2 || length > REVIEW_REASON_MAX_CODE_POINTS) {
      requireOpsRole(ctx, 'REVIEWER');
      const failure = registrationFailure(
        RegistrationErrorCode.REVIEW_REASON_REQUIRED,
        length < 2 ? REGISTRATION_MESSAGES.REVIEW_REASON_REQUIRED : `审核意见最多${REVIEW_REASON_MAX_CODE_POINTS}个字`,
        { field: 'reason' },
      );
      return applicationIds.map((applicationId) => ({ applicationId, ...failure }));
    }
    return this.decideEach(ctx, applicationIds, ApplicationStatus.REJECTED, trimmed);
  }

  /**
   * Each application is decided in its own transaction, so one that cannot be decided (another
   * unit, already decided, withdrawn meanwhile) does not hold back the rest.
   */
  private async decideEach(
    ctx: RequestContext,
    applicationIds: readonly string[],
    to: ApplicationStatus.APPROVED | ApplicationStatus.REJECTED,
    reason: string | null,
  ): Promise<ReviewDecision[]> {
    const ops = requireOpsRole(ctx, 'REVIEWER');
    if (applicationIds.length > REVIEW_BATCH_MAX) throw new AppError(ErrorCode.BAD_USER_INPUT, `一次最多审核${REVIEW_BATCH_MAX}条报名信息`);
    const decisions: ReviewDecision[] = [];
    for (const applicationId of new Set(applicationIds)) {
      decisions.push(await this.decideOne(ctx, ops, applicationId, to, reason));
    }
    return decisions;
  }

  private async decideOne(
    ctx: RequestContext,
    ops: OpsPrincipal,
    applicationId: string,
    to: ApplicationStatus.APPROVED | ApplicationStatus.REJECTED,
    reason: string | null,
  ): Promise<ReviewDecision> {
    const fail = (failure: RegistrationFailure): ReviewDecision => ({ applicationId, ...failure });
    return ctx.em.transactional(async (em): Promise<ReviewDecision> => {
      const tx: RequestContext = withEntityManager(ctx, em);
      const app = await lockApplication(tx, applicationId);
      const covers = app && (ops.roles.includes('ADMIN') || ops.unitCodes.includes(app.unitCode));
      // Another unit's application and a missing one look alike to the reviewer.
      if (!app || !covers || app.status === ApplicationStatus.DRAFT) {
        return fail(registrationFailure(RegistrationErrorCode.APPLICATION_NOT_FOUND, '报名信息不存在或不属于您负责的报名单位'));
      }
      if (app.status !== ApplicationStatus.SUBMITTED) {
        return fail(registrationFailure(RegistrationErrorCode.INVALID_TRANSITION, `该报名当前状态不是待审核,不能${to === ApplicationStatus.APPROVED ? '审核通过' : '审核不通过'}`));
      }
      const now = ctx.clock.now();
      // Approved: on to 网上缴费. Rejected: back to 信息确认, from where the candidate edits and resubmits.
      const step = to === ApplicationStatus.APPROVED ? ApplicationStep.PAYMENT : ApplicationStep.CONFIRM;
      await em.execute(
        `update application set status = ?, current_step = ?, reviewed_at = ?, reviewed_by = ?, review_reason = ?, updated_at = ? where id = ?`,
        [to, step, now, ops.id, reason, now, app.id],
      );
      await recordTransition(tx, app.id, app.status, to, { kind: ApplicationActorKind.OPS, id: ops.id }, reason);
      await recordAudit(tx, {
        action: to === ApplicationStatus.APPROVED ? 'APPLICATION_APPROVED' : 'APPLICATION_REJECTED',
        targetType: 'APPLICATION',
        targetId: app.id,
        reason,
        details: { unitCode: app.unitCode, from: app.status },
      });
      return { applicationId, ok: true, status: to };
    });
  }
}
