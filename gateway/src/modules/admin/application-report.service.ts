/**
 * 统计 and 导出 of applications for ops staff. Reviewers see the units on their account, admins all.
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { IsolationLevel } from '@mikro-orm/core';
import ExcelJS from 'exceljs';
import { AppError, ErrorCode } from '../../common/errors';
import { type RequestContext, withEntityManager } from '../../graphql/context';
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

export type ExportFormat = 'CSV' | 'XLSX';

export interface ExportRequest {
  examId: string;
  unitCode: string;
  unmasked: boolean;
  reason: string | null;
  format: ExportFormat;
}

export interface StartedExport {
  examUnitId: string;
  examName: string;
  unmasked: boolean;
  fileName: string;
}

/** Where export rows go: `row` takes one row's cells, `flush` hands what was taken to the socket. */
interface ExportSink {
  row(cells: string[]): void;
  flush(): Promise<void>;
}

/** Rows read per keyset page: memory stays bounded by one page whatever the unit's size. */
export const EXPORT_PAGE_ROWS = 250;
/** Rows per socket write; the writer waits for 'drain' whenever the socket buffer is full. */
const EXPORT_WRITE_ROWS = 50;

export const EXPORT_HEADER = ['报名编号', '考试', '级别', '状态', '姓名', '证件类型', '证件号码', '手机号', '报考地市', '报名点', '报考科目', '提交时间', '审核时间'];
/** Column widths of the XLSX sheet, in characters, in EXPORT_HEADER's order. */
const XLSX_COLUMN_WIDTHS = [38, 30, 8, 10, 14, 16, 22, 14, 14, 24, 36, 20, 20];

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
  async beginExport(ctx: RequestContext, request: ExportRequest): Promise<StartedExport> {
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
    const extension = request.format.toLowerCase();
    await ctx.em.transactional(async (em) => {
      const tx = withEntityManager(ctx, em);
      await recordAudit(tx, {
        action: 'APPLICATIONS_EXPORTED',
        targetType: 'EXAM_UNIT',
        targetId: examUnit.id,
        reason: request.unmasked ? request.reason!.trim() : null,
        details: { examId: request.examId, unitCode: request.unitCode, masked: !request.unmasked, format: request.format },
      });
      if (request.unmasked) {
        await auditUnmaskedRead(tx, {
          targetType: 'EXAM_UNIT',
          targetId: examUnit.id,
          fields: ['documentNumber', 'phone'],
          reason: request.reason!,
          details: { examId: request.examId, unitCode: request.unitCode, export: `applications.${extension}` },
        });
      }
    });
    return {
      examUnitId: examUnit.id,
      examName: examUnit.exam_name,
      unmasked: request.unmasked,
      fileName: `applications-${examUnit.year}-${examUnit.level.toLowerCase()}-${request.unitCode}.${extension}`,
    };
  }

  /**
   * Streams the submitted applications of one exam unit in the requested format and ends the
   * response. Returns the number of rows written (fewer when the client went away).
   */
  streamExport(ctx: RequestContext, started: StartedExport, format: ExportFormat, res: ServerResponse): Promise<number> {
    return format === 'XLSX' ? this.streamXlsx(ctx, started, res) : this.streamCsv(ctx, started, res);
  }

  /** CSV, UTF-8 with a BOM (Excel reads it as UTF-8 only then). */
  private async streamCsv(ctx: RequestContext, started: StartedExport, res: ServerResponse): Promise<number> {
    let chunk = '\uFEFF' + csvLine(EXPORT_HEADER);
    const rows = await this.eachRow(ctx, started, {
      row: (cells) => {
        chunk += csvLine(cells);
      },
      flush: async () => {
        if (res.destroyed) throw new ExportAborted();
        const text = chunk;
        chunk = '';
        if (text && !res.write(text)) await waitForDrain(res);
      },
    });
    res.end();
    return rows;
  }

  /**
   * XLSX through exceljs's streaming WorkbookWriter: each row is serialised and handed to the zip
   * stream when it is committed, inline strings (no shared-string table held until the end), no
   * styles. The zip stream is piped into the response; after each batch the writer waits while the
   * socket's buffer is full, so what sits in memory is a batch or two, not the sheet.
   * Every cell is a text cell (t="inlineStr"), never a formula, so `=…` is shown as typed.
   */
  private async streamXlsx(ctx: RequestContext, started: StartedExport, res: ServerResponse): Promise<number> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
    workbook.creator = '全国会计人员统一服务管理平台';
    const sheet = workbook.addWorksheet('报名信息', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = EXPORT_HEADER.map((header, i) => ({ key: String(i), width: XLSX_COLUMN_WIDTHS[i] ?? 14 }));
    sheet.addRow(EXPORT_HEADER).commit();
    let finished = false;
    try {
      const rows = await this.eachRow(ctx, started, {
        row: (cells) => sheet.addRow(cells.map((cell) => cell ?? '')).commit(),
        flush: async () => {
          if (res.destroyed) throw new ExportAborted();
          if (res.writableNeedDrain) await waitForDrain(res);
        },
      });
      if (res.destroyed) return rows;
      sheet.commit();
      // Finishes the zip, which ends the response; resolves on the response's 'finish', which never
      // comes when the client leaves during the last bytes: its 'close' ends the wait then.
      const committed = workbook.commit();
      committed.catch(() => undefined); // once the client is gone, a late stream error is of no interest
      await Promise.race([committed, once(res, 'close')]);
      finished = true;
      return rows;
    } finally {
      if (!finished) (workbook as unknown as { zip: { abort(): void } }).zip.abort();
    }
  }

  /**
   * Reads the submitted applications of one exam unit in keyset pages of EXPORT_PAGE_ROWS, all in one
   * REPEATABLE READ snapshot, hands each row to the sink and flushes it every EXPORT_WRITE_ROWS rows
   * (the sink waits for the socket there). Stops reading when the client goes away.
   */
  private async eachRow(ctx: RequestContext, started: StartedExport, sink: ExportSink): Promise<number> {
    let rows = 0;
    try {
      await ctx.em.transactional(
        async (em) => {
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
              after ? [started.examUnitId, ApplicationStatus.DRAFT, after] : [started.examUnitId, ApplicationStatus.DRAFT],
            );
            let lastId: string | null = after;
            for (let i = 0; i < page.length; i++) {
              const r = page[i]!;
              lastId = r.id;
              sink.row(this.exportCells(r, started));
              page[i] = null as never; // let the page's rows go as soon as they are written
              if ((i + 1) % EXPORT_WRITE_ROWS === 0) await sink.flush();
            }
            await sink.flush();
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

  /** One row in EXPORT_HEADER's order; 证件号码 and 手机号 masked unless the export is unmasked. */
  private exportCells(r: Record<string, any>, started: StartedExport): string[] {
    const documentNumber = this.pii.decrypt('DOCUMENT_NUMBER', r.document_number_encrypted);
    const phone = this.pii.decrypt('PHONE', r.phone_encrypted);
    return [
      r.id,
      started.examName,
      EXAM_LEVEL_LABELS[r.level as ExamLevel],
      STATUS_LABELS[r.status as ApplicationStatus],
      r.name,
      DOCUMENT_TYPE_LABELS[r.document_type as DocumentType] ?? r.document_type,
      started.unmasked ? documentNumber : maskDocumentNumber(documentNumber),
      started.unmasked ? phone : maskPhone(phone),
      r.city_name ?? '',
      r.point_name ?? '',
      (r.subject_codes ?? []).join(' '),
      chinaTime(r.submitted_at),
      chinaTime(r.reviewed_at),
    ];
  }
}
