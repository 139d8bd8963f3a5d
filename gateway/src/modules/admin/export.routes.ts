import type { IncomingMessage } from 'node:http';
import { AppError, ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { sendJson, type RouteHandler } from '../../http/server';
import type { ApplicationReportService, ExportFormat, StartedExport } from './application-report.service';

export const APPLICATIONS_EXPORT_PATH = '/api/ops/exports/applications.csv';
export const APPLICATIONS_XLSX_EXPORT_PATH = '/api/ops/exports/applications.xlsx';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type ContextFactory = (req: IncomingMessage, requestId: string) => Promise<RequestContext>;

const STATUS_OF: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

/**
 * GET /api/ops/exports/applications.csv (or .xlsx)?examId=…&unitCode=…[&unmasked=1&reason=…]
 * Reviewers of the unit and admins; unmasked for admins only, with a reason. Audited before the first row.
 */
export function exportRoutes(reports: ApplicationReportService, createContext: ContextFactory): { exact: Record<string, RouteHandler> } {
  const applications = (format: ExportFormat): RouteHandler => async (req, res, requestId) => {
    if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' }, { allow: 'GET' });
    const query = new URL(req.url ?? '/', 'http://gateway').searchParams;
    const ctx = await createContext(req, requestId);
    const request = {
      examId: query.get('examId') ?? '',
      unitCode: query.get('unitCode') ?? '',
      unmasked: query.get('unmasked') === '1',
      reason: query.get('reason'),
      format,
    };
    let started: StartedExport;
    try {
      if (!request.examId || !/^\d{6}$/.test(request.unitCode)) throw new AppError(ErrorCode.BAD_USER_INPUT, '请提供examId和6位报名单位代码unitCode');
      started = await reports.beginExport(ctx, request);
    } catch (err) {
      if (err instanceof AppError) {
        const code = String(err.extensions.code);
        return sendJson(res, STATUS_OF[code] ?? 400, { ok: false, error: code, message: err.message }, { 'x-request-id': requestId });
      }
      throw err;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="${started.fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
    });
    const rows = await reports.streamExport(ctx, started, format, res);
    ctx.logger.info({ rows, unitCode: request.unitCode, examId: request.examId, masked: !request.unmasked, format }, 'applications exported');
  };
  return { exact: { [APPLICATIONS_EXPORT_PATH]: applications('CSV'), [APPLICATIONS_XLSX_EXPORT_PATH]: applications('XLSX') } };
}
