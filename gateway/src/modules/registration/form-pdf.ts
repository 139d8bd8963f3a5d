import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import PDFDocument from 'pdfkit';
import type { RequestContext } from '../../graphql/context';
import { sendJson, type RouteHandler } from '../../http/server';
import { EDUCATION_LEVEL_LABELS, ELIGIBILITY_ROUTES } from '../account/eligibility';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../account/identity-document';
import { maskDocumentNumber, maskName } from '../account/person-name';
import type { PiiProtector } from '../account/pii-protector';
import { EXAM_LEVEL_LABELS } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
import { hasOpsRole } from '../ops/ops-principal';
import { ApplicationStatus } from './application.entity';
import { ApplicationReadService, loadSubjects, type ApplicationRow } from './application-read.service';
import { DEGREE_LABELS, QUALIFICATION_FIELD_LABELS, STATUS_LABELS } from './application-rules';
import { sharedFontChain, type FontChain, type FontFace } from './form-pdf-fonts';
import type { StorageProvider } from './storage-provider';

/**
 * 报名表打印: GET /api/applications/<id>/form.pdf for the candidate who owns the application or a
 * reviewer of its unit (anyone else: 404, as if it did not exist; nobody signed in: 401), and the
 * public GET /api/forms/verify?code=… that checks the 校验码 printed on a form.
 *
 * 证件号码 is printed in full only on the owner's copy (they need it to match their ID at 现场审核);
 * a reviewer's download shows it masked (4+4), as their lists do.
 *
 * The 校验码 is `<application id>.<version>.<mac>`: version is updated_at in ms (base 36), mac the first
 * 80 bits of HMAC-SHA256(FORM_VERIFY_KEY, "form:v1:<id>:<version>") in hex. A form printed before the
 * application changed verifies as SUPERSEDED, a forged or altered code as INVALID.
 */

export const FORM_PATH_PREFIX = '/api/applications/';
export const FORM_VERIFY_PATH = '/api/forms/verify';
const FORM_PATH = /^\/api\/applications\/([0-9a-f-]{36})\/form\.pdf$/i;
const PRINTABLE = new Set<ApplicationStatus>([ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.PAID]);
const MAC_HEX = 20;

export function formVersion(updatedAt: Date): string {
  return updatedAt.getTime().toString(36);
}

export function formVerificationCode(key: Buffer, applicationId: string, version: string): string {
  const mac = createHmac('sha256', key).update(`form:v1:${applicationId.toLowerCase()}:${version}`).digest('hex').slice(0, MAC_HEX);
  return `${applicationId.toLowerCase()}.${version}.${mac}`;
}

/** The parts of a well-formed code whose mac checks out; null otherwise. */
export function parseVerificationCode(key: Buffer, code: string): { applicationId: string; version: string } | null {
  const match = /^([0-9a-f-]{36})\.([0-9a-z]{1,12})\.([0-9a-f]{20})$/.exec(code.trim().toLowerCase());
  if (!match || !UUID_PATTERN.test(match[1]!)) return null;
  const expected = Buffer.from(formVerificationCode(key, match[1]!, match[2]!));
  const given = Buffer.from(match[0]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { applicationId: match[1]!, version: match[2]! };
}

export type FormVerification =
  | { valid: true; status: 'VALID'; maskedName: string; examName: string; level: string; unitName: string; applicationStatus: string }
  | { valid: false; status: 'SUPERSEDED'; maskedName: string; examName: string; message: string }
  | { valid: false; status: 'INVALID'; message: string };

export type FormResult =
  | { kind: 'ok'; pdf: Buffer; code: string; missingCodePoints: number[] }
  | { kind: 'unauthenticated' }
  | { kind: 'not_found' }
  | { kind: 'not_printable' };

interface AccountRow {
  name: string;
  document_type: DocumentType;
  document_number_encrypted: Buffer;
}

const PAYMENT_LABELS: Partial<Record<ApplicationStatus, string>> = {
  [ApplicationStatus.PAID]: '已缴费',
  [ApplicationStatus.APPROVED]: '待缴费',
};

export class FormPdfService {
  private readonly reads = new ApplicationReadService();

  constructor(
    private readonly deps: { pii: PiiProtector; storage: StorageProvider; verifyKey: Buffer; fonts?: FontChain },
  ) {}

  private get fonts(): FontChain {
    return this.deps.fonts ?? sharedFontChain();
  }

  async render(ctx: RequestContext, applicationId: string): Promise<FormResult> {
    if (!ctx.viewer && !ctx.ops) return { kind: 'unauthenticated' };
    const row = UUID_PATTERN.test(applicationId) ? await this.reads.byId(ctx, applicationId) : null;
    if (!row) return { kind: 'not_found' };
    const isOwner = ctx.viewer?.id === row.accountId;
    const ops = ctx.ops;
    const isReviewerOfUnit = hasOpsRole(ops, 'REVIEWER') && (ops.roles.includes('ADMIN') || ops.unitCodes.includes(row.unitCode));
    if (!isOwner && !isReviewerOfUnit) return { kind: 'not_found' };
    if (!PRINTABLE.has(row.status)) return { kind: 'not_printable' };

    const [account] = await ctx.em.execute<AccountRow[]>(
      `select name, document_type, document_number_encrypted from candidate_account where id = ?`,
      [row.accountId],
    );
    if (!account) return { kind: 'not_found' };
    const documentNumber = this.deps.pii.decrypt('DOCUMENT_NUMBER', Buffer.from(account.document_number_encrypted));
    const subjects = row.subjectCodes.length ? await loadSubjects(ctx.em, row.subjectCodes) : [];
    const [photoRow] = await ctx.em.execute<Array<{ storage_key: string }>>(
      `select storage_key from application_upload where application_id = ? and purpose = 'PHOTO' and deleted_at is null order by created_at desc limit 1`,
      [row.id],
    );
    const photo = photoRow ? await this.readStored(photoRow.storage_key) : null;
    const code = formVerificationCode(this.deps.verifyKey, row.id, formVersion(row.updatedAt));
    const { pdf, missing } = await this.draw({
      row,
      name: account.name,
      documentType: DOCUMENT_TYPE_LABELS[account.document_type] ?? account.document_type,
      documentNumber: isOwner ? documentNumber : maskDocumentNumber(documentNumber),
      subjects: row.subjectCodes.map((c, i) => subjects[i]?.name ?? c),
      photo,
      code,
    });
    if (missing.length) ctx.logger.warn({ applicationId: row.id, missing: missing.map((cp) => cp.toString(16)) }, 'form printed with characters no font has');
    return { kind: 'ok', pdf, code, missingCodePoints: missing };
  }

  async verify(ctx: RequestContext, code: string): Promise<FormVerification> {
    const invalid = { valid: false, status: 'INVALID', message: '校验码无效' } as const;
    const parsed = parseVerificationCode(this.deps.verifyKey, code);
    if (!parsed) return invalid;
    const row = await this.reads.byId(ctx, parsed.applicationId);
    if (!row) return invalid;
    const [account] = await ctx.em.execute<Array<{ name: string }>>(`select name from candidate_account where id = ?`, [row.accountId]);
    const maskedName = maskName(account?.name ?? '');
    if (row.status === ApplicationStatus.WITHDRAWN || formVersion(row.updatedAt) !== parsed.version) {
      return { valid: false, status: 'SUPERSEDED', maskedName, examName: row.examName, message: '报名信息已变更或已重新报名,请以最新打印的报名表为准' };
    }
    return {
      valid: true,
      status: 'VALID',
      maskedName,
      examName: row.examName,
      level: EXAM_LEVEL_LABELS[row.level],
      unitName: row.unitName,
      applicationStatus: STATUS_LABELS[row.status],
    };
  }

  private async readStored(key: string): Promise<Buffer | null> {
    const file = await this.deps.storage.open(key);
    if (!file) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private draw(data: {
    row: ApplicationRow;
    name: string;
    documentType: string;
    documentNumber: string;
    subjects: string[];
    photo: Buffer | null;
    code: string;
  }): Promise<{ pdf: Buffer; missing: number[] }> {
    const { row } = data;
    const fonts = this.fonts;
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${row.examYear}年全国会计专业技术资格考试报名表`, Author: '全国会计人员统一服务管理平台' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const registered = new Set<string>();
    const use = (face: FontFace) => {
      if (!registered.has(face.id)) {
        doc.registerFont(face.id, fonts.embeddable(face) as unknown as string);
        registered.add(face.id);
      }
      doc.font(face.id);
    };
    const missing: number[] = [];

    /** Draws text from (x, y), wrapping at maxWidth; returns the height used. */
    const write = (text: string, x: number, y: number, size: number, maxWidth: number, color = '#000'): number => {
      const layout = fonts.layout(text);
      missing.push(...layout.missing);
      const lineHeight = size * 1.45;
      let cx = x;
      let cy = y;
      doc.fontSize(size);
      for (const run of layout.runs) {
        use(run.face ?? fonts.latinFace);
        doc.fillColor(run.face ? color : '#c00000');
        // A marker stays in one piece; other runs may break between any two characters (CJK has no spaces).
        const pieces = run.face ? Array.from(run.text) : [run.text];
        for (const piece of pieces) {
          const w = doc.widthOfString(piece);
          if (cx + w > x + maxWidth && cx > x) {
            cx = x;
            cy += lineHeight;
          }
          doc.text(piece, cx, cy, { lineBreak: false });
          cx += w;
        }
      }
      doc.fillColor('#000');
      return cy - y + lineHeight;
    };

    const left = 48;
    const width = doc.page.width - 96;
    let y = 48;
    y += write(`${row.examYear}年全国会计专业技术资格考试 报名表`, left, y, 18, width);
    y += write(`报名序号:${row.id}`, left, y + 4, 9, width, '#333') + 8;

    const photoW = 90;
    const photoH = 126;
    const photoX = left + width - photoW;
    const photoY = y;
    if (data.photo) {
      try {
        doc.image(data.photo, photoX, photoY, { fit: [photoW, photoH], align: 'center', valign: 'center' });
      } catch {
        write('照片无法读取', photoX + 8, photoY + 56, 9, photoW - 16, '#c00000');
      }
    } else {
      write('未上传照片', photoX + 16, photoY + 56, 9, photoW - 16, '#c00000');
    }
    doc.rect(photoX, photoY, photoW, photoH).lineWidth(0.5).stroke('#666');

    const labelW = 84;
    const field = (label: string, value: string, valueWidth = width - labelW) => {
      const used = Math.max(write(label, left, y, 10.5, labelW - 6, '#444'), write(value || '—', left + labelW, y, 10.5, valueWidth));
      y += used + 4;
    };
    const besidePhoto = width - labelW - photoW - 12;
    const basic = row.personalInfo?.basic ?? {};
    const work = row.personalInfo?.work;
    field('姓名', data.name, besidePhoto);
    field('证件类型', data.documentType, besidePhoto);
    field('证件号码', data.documentNumber, besidePhoto);
    field('报考级别', `${EXAM_LEVEL_LABELS[row.level]}资格`, besidePhoto);
    field('报考省份', row.unitName, besidePhoto);
    field('报考地市', row.cityName ?? '', besidePhoto);
    y = Math.max(y, photoY + photoH + 8);
    field('考试名称', row.examName);
    field('报名点', [row.pointName, row.pointAddress].filter(Boolean).join(' '));
    field('报考科目', data.subjects.join('、'));
    field('民族', basic.ethnicity ?? '');
    field('政治面貌', basic.politicalStatus ?? '');
    field('通讯地址', [basic.mailingAddress, basic.postalCode].filter(Boolean).join(' '));
    field(
      '学历',
      (row.personalInfo?.educations ?? []).map((e) => `${EDUCATION_LEVEL_LABELS[e.level] ?? e.level} ${e.school} ${e.major} ${e.graduationDate}`).join(';'),
    );
    field('学位', (row.personalInfo?.degrees ?? []).map((d) => `${DEGREE_LABELS[d.degree] ?? d.degree} ${d.school} ${d.major} ${d.obtainedDate}`).join(';'));
    field('工作单位', [work?.employer, work?.employerNature, work?.position].filter(Boolean).join(' '));
    field(
      '工作经历',
      (work?.records ?? []).map((r) => `${r.start}至${r.end ?? '今'} ${r.employer}${r.isAccounting ? '(会计工作)' : ''}`).join(';'),
    );
    const qualifications = (work?.otherQualifications ?? []).map(
      (q) => `${QUALIFICATION_FIELD_LABELS[q.field] ?? q.field}专业中级资格 ${q.obtainedDate}${q.certificateNumber ? ` 证书编号${q.certificateNumber}` : ''}`,
    );
    if (work?.accountantTitleSince) qualifications.unshift(`会计师 ${work.accountantTitleSince}`);
    if (qualifications.length) field('已取得资格', qualifications.join(';'));
    field('报考条件', ELIGIBILITY_ROUTES.find((r) => r.id === row.conditionRoute)?.label ?? '');
    field('审核状态', STATUS_LABELS[row.status] + (row.status === ApplicationStatus.REJECTED && row.reviewReason ? `(${row.reviewReason})` : ''));
    field('缴费状态', PAYMENT_LABELS[row.status] ?? '未到缴费环节');
    field('提交时间', row.submittedAt ? row.submittedAt.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '');
    y += 8;
    field('校验码', data.code);
    y += write(`可在 ${FORM_VERIFY_PATH}?code=校验码 查验本表真伪。`, left, y, 9, width, '#333');
    if (missing.length) {
      const list = [...new Set(missing)].map((cp) => `U+${cp.toString(16).toUpperCase()}`).join('、');
      y += write(`注意:本表有字符无法以字体显示,已以红色码位标注(${list}),以系统登记为准。`, left, y + 4, 9, width, '#c00000');
    }
    doc.end();
    return done.then((pdf) => ({ pdf, missing }));
  }
}

type ContextFactory = (req: IncomingMessage, requestId: string) => Promise<RequestContext>;

/** GET /api/applications/<id>/form.pdf (prefix route) and GET /api/forms/verify?code=… (exact, public). */
export function formPdfRoutes(forms: FormPdfService, createContext: ContextFactory): { exact: Record<string, RouteHandler>; prefix: Record<string, RouteHandler> } {
  const methodOk = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method === 'GET') return true;
    sendJson(res, 405, { ok: false, error: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' }, { allow: 'GET' });
    return false;
  };
  const form: RouteHandler = async (req, res, requestId) => {
    const match = FORM_PATH.exec((req.url ?? '').split('?')[0]!);
    if (!match) return sendJson(res, 404, { error: 'NOT_FOUND', message: '接口不存在' });
    if (!methodOk(req, res)) return;
    const ctx = await createContext(req, requestId);
    const result = await forms.render(ctx, match[1]!);
    if (result.kind === 'unauthenticated') return sendJson(res, 401, { ok: false, error: 'UNAUTHENTICATED', message: '请先登录' });
    if (result.kind === 'not_found') return sendJson(res, 404, { ok: false, error: 'NOT_FOUND', message: '报名信息不存在' });
    if (result.kind === 'not_printable') return sendJson(res, 409, { ok: false, error: 'NOT_PRINTABLE', message: '报名提交后才能打印报名表' });
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': result.pdf.length,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="form-${match[1]!.toLowerCase()}.pdf"`,
      'x-request-id': requestId,
      ...(result.missingCodePoints.length ? { 'x-form-missing-glyphs': String(result.missingCodePoints.length) } : {}),
    });
    res.end(result.pdf);
  };
  const verify: RouteHandler = async (req, res, requestId) => {
    if (!methodOk(req, res)) return;
    const code = new URL(req.url ?? '/', 'http://gateway').searchParams.get('code') ?? '';
    const ctx = await createContext(req, requestId);
    sendJson(res, 200, await forms.verify(ctx, code.slice(0, 200)));
  };
  return { exact: { [FORM_VERIFY_PATH]: verify }, prefix: { [FORM_PATH_PREFIX]: form } };
}
