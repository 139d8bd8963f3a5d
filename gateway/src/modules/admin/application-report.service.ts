/**
 * 统计 and 导出 of applications for ops staff. Reviewers see the units on their account, admins all.
 */
import type { ServerResponse } from 'node:http';
import { IsolationLevel } from '@mikro-orm/core';
import { AppError, ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../account/identity-document';
import { maskDocumentNumber, maskPhone } from '../account/person-name';
import type { PiiProtector } from '../account/pii-protector';
import { auditUnmaskedRead, recordAudit } from '../audit/audit.service';
import { EXAM_LEVEL_LABELS, type ExamLevel } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
import { requireOpsRole } from '../ops/ops-principal';
import { ApplicationStatus } from '../registration/application.entity';
import { STATUS_LABELS } from '../registration/application-rules';

export interface StatisticsFilter {
  examId?: string | null;
  /** One unit; absent: every unit the caller covers. */
  unitCode?: string | null;
}

export interface StatisticsRow {
  unitCode: string;
  unitName: string;
  level: ExamLevel;
  status: ApplicationStatus;
  count: number;
}

export interface ExportRequest {
  examId: string;
  unitCode: string;
  unmasked: boolean;
  reason: string | null;
}

/** Rows read per keyset page: memory stays bounded by one page whatever the unit's size. */
export const EXPORT_PAGE_ROWS = 250;
/** Rows per socket write; the writer waits for 'drain' whenever the socket buffer is full. */
const EXPORT_WRITE_ROWS = 50;

export const EXPORT_HEADER = ['报名编号', '考试', '级别', '状态', '姓名', '证件类型', '证件号码', '手机号', '报考地市', '报名点', '报考科目', '提交时间', '审核时间'];

/** RFC 4180 field; cells a spreadsheet would run as a formula get a leading apostrophe. */
export function csvField(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (fields: Array<string | null | undefined>) => fields.map(csvField).join(',') + '\r\n';

/** China time, as staff read it: 2027-01-03 09:30:00. */
function chinaTime(value: Date | string | null): string {
  if (!value) return '';
  return new Date(new Date(value).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new ExportAborted());
    };
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

class ExportAborted extends Error {}

export class ApplicationReportService {
  constructor(private readonly pii: PiiProtector) {}

  /** Units the caller may see, narrowed by the filter; null: every unit (admins without a filter). */
  private unitScope(ctx: RequestContext, unitCode: string | null | undefined): string[] | null {
    if (unitCode) {
      requireOpsRole(ctx, 'REVIEWER', unitCode);
      return [unitCode];
    }
    const ops = requireOpsRole(ctx, 'REVIEWER');
    return ops.roles.includes('ADMIN') ? null : ops.unitCodes;
  }

  /** Applications per unit × level × status: one GROUP BY, whatever the number of units. */
  async statistics(ctx: RequestContext, filter: StatisticsFilter): Promise<StatisticsRow[]> {
    const units = this.unitScope(ctx, filter.unitCode);
    if (units !== null && units.length === 0) return [];
    if (filter.examId && !UUID_PATTERN.test(filter.examId)) return [];
    const where: string[] = [];
    const params: unknown[] = [];
    if (units !== null) {
      where.push('u.code = any(?::text[])');
      params.push(`{${units.join(',')}}`);
    }
    if (filter.examId) {
      where.push('a.exam_id = ?');
      params.push(filter.examId);
    }
    const rows = await ctx.em.execute<Array<{ unit_code: string; unit_name: string; level: ExamLevel; status: ApplicationStatus; count: number }>>(
      `select u.code as unit_code, u.name as unit_name, a.level, a.status, count(*)::int as count
         from application a
         join exam_unit eu on eu.id = a.exam_unit_id
         join registration_unit u on u.id = eu.unit_id
        ${where.length ? `where ${where.join(' and ')}` : ''}
        group by u.code, u.name, u.sort_order, a.level, a.status
        order by u.sort_order, u.code, a.level, a.status`,
      params,
    );
    return rows.map((r) => ({ unitCode: r.unit_code, unitName: r.unit_name, level: r.level, status: r.status, count: r.count }));
  }

  /**
   * Checks the request and writes its audit records (the export, and the unmasked read when there
   * is one) in one transaction before any row is sent: no record, no data. Returns the exam unit.
   */
  async beginExport(ctx: RequestContext, request: ExportRequest): Promise<{ examUnitId: string; examName: string; fileName: string }> {
    requireOpsRole(ctx, 'REVIEWER', request.unitCode);
    if (request.unmasked) {
      requireOpsRole(ctx, 'ADMIN');
      const length = Array.from(request.reason?.trim() ?? '').length;
      if (length < 4 || length > 200) throw new AppError(ErrorCode.BAD_USER_INPUT, '导出未脱敏数据须填写4至200字的事由(reason)');
    }
    if (!UUID_PATTERN.test(request.examId)) throw new AppError(ErrorCode.NOT_FOUND, '该考试或报名单位不存在');
    const [examUnit] = await ctx.em.execute<Array<{ id: string; exam_name: string; year: number; level: ExamLevel }>>(
      `select eu.id, e.name as exam_name, e.year, e.level from exam_unit eu join exam e on e.id = eu.exam_id join registration_unit u on u.id = eu.unit_id
        where eu.exam_id = ? and u.code = ?`,
      [request.examId, request.unitCode],
    );
    if (!examUnit) throw new AppError(ErrorCode.NOT_FOUND, '该考试或报名单位不存在');
    await ctx.em.transactional(async (em) => {
      const tx = { ...ctx, em };
      await recordAudit(tx, {
        action: 'APPLICATIONS_EXPORTED',
        targetType: 'EXAM_UNIT',
        targetId: examUnit.id,
        reason: request.unmasked ? request.reason!.trim() : null,
        details: { examId: request.examId, unitCode: request.unitCode, masked: !request.unmasked, format: 'CSV' },
      });
      if (request.unmasked) {
        await auditUnmaskedRead(tx, {
          targetType: 'EXAM_UNIT',
          targetId: examUnit.id,
          fields: ['documentNumber', 'phone'],
          reason: request.reason!,
          details: { examId: request.examId, unitCode: request.unitCode, export: 'applications.csv' },
        });
      }
    });
    return { examUnitId: examUnit.id, examName: examUnit.exam_name, fileName: `applications-${examUnit.year}-${examUnit.level.toLowerCase()}-${request.unitCode}.csv` };
  }

  /**
   * Streams the submitted applications of one exam unit as CSV (UTF-8 with BOM, for Excel), in keyset
   * pages of EXPORT_PAGE_ROWS read in one REPEATABLE READ snapshot, and waits for the socket whenever
   * its buffer is full. Stops reading when the client goes away. Returns the number of rows written.
   */
  async streamCsv(ctx: RequestContext, examUnitId: string, examName: string, unmasked: boolean, res: ServerResponse): Promise<number> {
    let rows = 0;
    const write = async (chunk: string) => {
      if (res.destroyed) throw new ExportAborted();
      if (!res.write(chunk)) await waitForDrain(res);
    };
    try {
      await ctx.em.transactional(
        async (em) => {
          await write('\uFEFF' + csvLine(EXPORT_HEADER));
          let after: string | null = null;
          for (;;) {
            const page: Array<Record<string, any>> = await em.execute(
              `select a.id, a.level, a.status, ca.name, ca.document_type, ca.document_number_encrypted, ca.phone_encrypted,
                      c.name as city_name, p.name as point_name, a.subject_codes, a.submitted_at, a.reviewed_at
                 from application a
                 join candidate_account ca on ca.id = a.account_id
                 left join registration_city c on c.id = a.city_id
                 left join registration_point p on p.id = a.point_id
                where a.exam_unit_id = ? and a.submitted_at is not null and a.status <> ?
                  ${after ? 'and a.id > ?' : ''}
                order by a.id
                limit ${EXPORT_PAGE_ROWS}`,
              after ? [examUnitId, ApplicationStatus.DRAFT, after] : [examUnitId, ApplicationStatus.DRAFT],
            );
            let chunk = '';
            let lastId: string | null = after;
            for (let i = 0; i < page.length; i++) {
              const r = page[i]!;
              lastId = r.id;
              const documentNumber = this.pii.decrypt('DOCUMENT_NUMBER', r.document_number_encrypted);
              const phone = this.pii.decrypt('PHONE', r.phone_encrypted);
              chunk += csvLine([
                r.id,
                examName,
                EXAM_LEVEL_LABELS[r.level as ExamLevel],
                STATUS_LABELS[r.status as ApplicationStatus],
                r.name,
                DOCUMENT_TYPE_LABELS[r.document_type as DocumentType] ?? r.document_type,
                unmasked ? documentNumber : maskDocumentNumber(documentNumber),
                unmasked ? phone : maskPhone(phone),
                r.city_name,
                r.point_name,
                (r.subject_codes ?? []).join(' '),
                chinaTime(r.submitted_at),
                chinaTime(r.reviewed_at),
              ]);
              page[i] = null as never; // let the page's rows go as soon as they are written
              if ((i + 1) % EXPORT_WRITE_ROWS === 0) {
                await write(chunk);
                chunk = '';
              }
            }
            if (chunk) await write(chunk);
            rows += page.length;
            if (page.length < EXPORT_PAGE_ROWS) break;
            after = lastId;
          }
        },
        { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
      );
    } catch (err) {
      if (err instanceof ExportAborted) {
        ctx.logger.warn({ rows }, 'applications export aborted by the client');
        return rows;
      }
      throw err;
    }
    return rows;
  }
}
