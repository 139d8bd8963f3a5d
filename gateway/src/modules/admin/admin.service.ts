/**
 * 管理员 operations on exam set-up and payment channels. Every change runs in one transaction with
 * its audit record (recordAudit), and every input is validated here, on the server.
 */
import { type RequestContext, withEntityManager } from '../../graphql/context';
import { recordAudit } from '../audit/audit.service';
import { ExamLevel } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
import { requireOpsRole } from '../ops/ops-principal';
import { PaymentChannelCode } from '../payment/payment-channel.entity';
import { NoticeKind } from '../registration/exam-unit-setup.entity';
import { AdminErrorCode, adminFailure, type AdminFailure, type AdminOutcome } from './admin.errors';
import type {
  ExamInput,
  ExamUnitGuideInput,
  ExamUnitNoticeInput,
  ExamUnitWindowsInput,
  FeeRuleInput,
  FeeWaiverCategoryInput,
  MaterialRequirementInput,
  RegistrationCityInput,
  RegistrationPointInput,
} from './admin.inputs';

const CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;
const UNIT_CODE_PATTERN = /^\d{6}$/;
const PHONE_PATTERN = /^[0-9][0-9-]{4,29}$/;
const URL_PATTERN = /^https?:\/\/[^\s]+$/;
const MAX_INT = 2_147_483_647;

const length = (text: string) => Array.from(text).length;

/** A required text of 1..max code points (trimmed), or a failure naming the field. */
function text(value: string, field: string, label: string, max: number): string | AdminFailure {
  const trimmed = value.trim();
  if (length(trimmed) === 0) return adminFailure(AdminErrorCode.INVALID_INPUT, `${label}不能为空`, field);
  if (length(trimmed) > max) return adminFailure(AdminErrorCode.INVALID_INPUT, `${label}最多${max}个字`, field);
  return trimmed;
}

function nonNegativeInt(value: number, field: string, label: string): AdminFailure | null {
  return Number.isInteger(value) && value >= 0 && value <= MAX_INT ? null : adminFailure(AdminErrorCode.INVALID_INPUT, `${label}须为非负整数`, field);
}

const isFailure = (value: unknown): value is AdminFailure => typeof value === 'object' && value !== null && (value as AdminFailure).ok === false;

const ok = (id: string, message: string): AdminOutcome => ({ ok: true, id, message });

function validTime(date: Date): boolean {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

/** Window rules: each ends after it starts; payment opens no earlier than registration and closes no earlier. */
export function checkWindows(w: Pick<ExamUnitWindowsInput, 'registrationStartsAt' | 'registrationEndsAt' | 'paymentStartsAt' | 'paymentEndsAt'>): AdminFailure | null {
  for (const field of ['registrationStartsAt', 'registrationEndsAt', 'paymentStartsAt', 'paymentEndsAt'] as const) {
    if (!validTime(w[field])) return adminFailure(AdminErrorCode.INVALID_INPUT, '时间格式不正确', field);
  }
  if (w.registrationEndsAt.getTime() <= w.registrationStartsAt.getTime()) {
    return adminFailure(AdminErrorCode.WINDOW_ORDER, '报名结束时间须晚于报名开始时间', 'registrationEndsAt');
  }
  if (w.paymentEndsAt.getTime() <= w.paymentStartsAt.getTime()) {
    return adminFailure(AdminErrorCode.WINDOW_ORDER, '缴费结束时间须晚于缴费开始时间', 'paymentEndsAt');
  }
  if (w.paymentStartsAt.getTime() < w.registrationStartsAt.getTime()) {
    return adminFailure(AdminErrorCode.WINDOW_ORDER, '缴费开始时间不能早于报名开始时间', 'paymentStartsAt');
  }
  if (w.paymentEndsAt.getTime() < w.registrationEndsAt.getTime()) {
    return adminFailure(AdminErrorCode.WINDOW_ORDER, '缴费结束时间不能早于报名结束时间', 'paymentEndsAt');
  }
  return null;
}

export class AdminService {
  private async inTransaction(ctx: RequestContext, work: (tx: RequestContext) => Promise<AdminOutcome>): Promise<AdminOutcome> {
    requireOpsRole(ctx, 'ADMIN');
    return ctx.em.transactional((em) => work(withEntityManager(ctx, em)));
  }

  private async examUnitExists(tx: RequestContext, examUnitId: string): Promise<{ unitCode: string } | null> {
    if (!UUID_PATTERN.test(examUnitId)) return null;
    const [row] = await tx.em.execute<Array<{ code: string }>>(
      `select u.code from exam_unit eu join registration_unit u on u.id = eu.unit_id where eu.id = ?`,
      [examUnitId],
    );
    return row ? { unitCode: row.code } : null;
  }

  /** Creates an exam (id absent) or renames one; year and level identify it and are unique together. */
  async saveExam(ctx: RequestContext, id: string | null, input: ExamInput): Promise<AdminOutcome> {
    const name = text(input.name, 'name', '考试名称', 100);
    if (isFailure(name)) return name;
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) return adminFailure(AdminErrorCode.INVALID_INPUT, '年份须在2000至2100之间', 'year');
    if (!Object.values(ExamLevel).includes(input.level)) return adminFailure(AdminErrorCode.INVALID_INPUT, '级别不正确', 'level');
    if (id !== null && !UUID_PATTERN.test(id)) return adminFailure(AdminErrorCode.NOT_FOUND, '考试不存在', 'id');
    return this.inTransaction(ctx, async (tx) => {
      const rows =
        id === null
          ? await tx.em.execute<Array<{ id: string }>>(
              `insert into exam (id, year, level, name, created_at) values (gen_random_uuid(), ?, ?, ?, ?) on conflict (year, level) do nothing returning id`,
              [input.year, input.level, name, tx.clock.now()],
            )
          : await tx.em.execute<Array<{ id: string }>>(
              `update exam set year = ?, level = ?, name = ? where id = ?
                 and not exists (select 1 from exam o where o.year = ? and o.level = ? and o.id <> ?) returning id`,
              [input.year, input.level, name, id, input.year, input.level, id],
            );
      const saved = rows[0];
      if (!saved) {
        if (id !== null && (await tx.em.execute(`select 1 from exam where id = ?`, [id])).length === 0) {
          return adminFailure(AdminErrorCode.NOT_FOUND, '考试不存在', 'id');
        }
        return adminFailure(AdminErrorCode.DUPLICATE, `${input.year}年该级别的考试已存在`, 'level');
      }
      await recordAudit(tx, {
        action: id === null ? 'EXAM_CREATED' : 'EXAM_UPDATED',
        targetType: 'EXAM',
        targetId: saved.id,
        details: { year: input.year, level: input.level, name },
      });
      return ok(saved.id, id === null ? '考试已创建' : '考试已修改');
    });
  }

  /** Opens (or changes) a unit's windows for an exam: creates the exam_unit when the unit joins. */
  async setExamUnitWindows(ctx: RequestContext, input: ExamUnitWindowsInput): Promise<AdminOutcome> {
    const windows = checkWindows(input);
    if (windows) return windows;
    const phones = input.consultPhones?.map((p) => p.trim()).filter(Boolean) ?? null;
    if (phones && (phones.length > 10 || phones.some((p) => !PHONE_PATTERN.test(p)))) {
      return adminFailure(AdminErrorCode.INVALID_INPUT, '咨询电话须为数字或“-”,最多10个', 'consultPhones');
    }
    const noticeUrl = input.noticeUrl?.trim() ?? null;
    if (noticeUrl !== null && (!URL_PATTERN.test(noticeUrl) || noticeUrl.length > 500)) {
      return adminFailure(AdminErrorCode.INVALID_INPUT, '公告网址须以http://或https://开头,最多500个字符', 'noticeUrl');
    }
    if (!UUID_PATTERN.test(input.examId)) return adminFailure(AdminErrorCode.NOT_FOUND, '考试不存在', 'examId');
    if (!UNIT_CODE_PATTERN.test(input.unitCode)) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位不存在', 'unitCode');
    return this.inTransaction(ctx, async (tx) => {
      const [unit] = await tx.em.execute<Array<{ id: string }>>(`select id from registration_unit where code = ?`, [input.unitCode]);
      if (!unit) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位不存在', 'unitCode');
      const [exam] = await tx.em.execute<Array<{ id: string }>>(`select id from exam where id = ?`, [input.examId]);
      if (!exam) return adminFailure(AdminErrorCode.NOT_FOUND, '考试不存在', 'examId');
      const [existing] = await tx.em.execute<Array<Record<string, any>>>(
        `select id, registration_starts_at, registration_ends_at, payment_starts_at, payment_ends_at, consult_phones, notice_url
           from exam_unit where exam_id = ? and unit_id = ? for update`,
        [exam.id, unit.id],
      );
      let id: string;
      if (existing) {
        id = existing.id;
        await tx.em.execute(
          `update exam_unit set registration_starts_at = ?, registration_ends_at = ?, payment_starts_at = ?, payment_ends_at = ?,
                  consult_phones = coalesce(?::text[], consult_phones), notice_url = coalesce(?, notice_url) where id = ?`,
          [input.registrationStartsAt, input.registrationEndsAt, input.paymentStartsAt, input.paymentEndsAt, phones ? `{${phones.join(',')}}` : null, noticeUrl, id],
        );
      } else {
        if (noticeUrl === null) return adminFailure(AdminErrorCode.INVALID_INPUT, '首次设置报名单位时须提供公告网址', 'noticeUrl');
        const [created] = await tx.em.execute<Array<{ id: string }>>(
          `insert into exam_unit (id, exam_id, unit_id, registration_starts_at, registration_ends_at, payment_starts_at, payment_ends_at, consult_phones, notice_url)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?::text[], ?) returning id`,
          [exam.id, unit.id, input.registrationStartsAt, input.registrationEndsAt, input.paymentStartsAt, input.paymentEndsAt, `{${(phones ?? []).join(',')}}`, noticeUrl],
        );
        id = created!.id;
      }
      await recordAudit(tx, {
        action: 'EXAM_UNIT_WINDOWS_SET',
        targetType: 'EXAM_UNIT',
        targetId: id,
        details: {
          examId: exam.id,
          unitCode: input.unitCode,
          created: !existing,
          before: existing
            ? {
                registrationStartsAt: existing.registration_starts_at,
                registrationEndsAt: existing.registration_ends_at,
                paymentStartsAt: existing.payment_starts_at,
                paymentEndsAt: existing.payment_ends_at,
                consultPhones: existing.consult_phones,
                noticeUrl: existing.notice_url,
              }
            : null,
          after: {
            registrationStartsAt: input.registrationStartsAt,
            registrationEndsAt: input.registrationEndsAt,
            paymentStartsAt: input.paymentStartsAt,
            paymentEndsAt: input.paymentEndsAt,
            consultPhones: phones ?? existing?.consult_phones ?? [],
            noticeUrl: noticeUrl ?? existing?.notice_url,
          },
        },
      });
      return ok(id, existing ? '报名单位时间已修改' : '报名单位已开通');
    });
  }

  async saveRegistrationCity(ctx: RequestContext, input: RegistrationCityInput): Promise<AdminOutcome> {
    const name = text(input.name, 'name', '地市名称', 50);
    if (isFailure(name)) return name;
    if (!UNIT_CODE_PATTERN.test(input.code)) return adminFailure(AdminErrorCode.INVALID_INPUT, '地市代码须为6位数字', 'code');
    const bad = nonNegativeInt(input.sortOrder, 'sortOrder', '排序');
    if (bad) return bad;
    if (input.id && !UUID_PATTERN.test(input.id)) return adminFailure(AdminErrorCode.NOT_FOUND, '报考地市不存在', 'id');
    return this.inTransaction(ctx, async (tx) => {
      const [unit] = await tx.em.execute<Array<{ id: string }>>(`select id from registration_unit where code = ?`, [input.unitCode]);
      if (!unit) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位不存在', 'unitCode');
      const [clash] = await tx.em.execute<Array<{ id: string }>>(`select id from registration_city where unit_id = ? and code = ? and id is distinct from ?`, [
        unit.id,
        input.code,
        input.id ?? null,
      ]);
      if (clash) return adminFailure(AdminErrorCode.DUPLICATE, `地市代码${input.code}已存在`, 'code');
      const [saved] = input.id
        ? await tx.em.execute<Array<{ id: string }>>(`update registration_city set code = ?, name = ?, sort_order = ? where id = ? and unit_id = ? returning id`, [
            input.code,
            name,
            input.sortOrder,
            input.id,
            unit.id,
          ])
        : await tx.em.execute<Array<{ id: string }>>(
            `insert into registration_city (id, unit_id, code, name, sort_order) values (gen_random_uuid(), ?, ?, ?, ?) returning id`,
            [unit.id, input.code, name, input.sortOrder],
          );
      if (!saved) return adminFailure(AdminErrorCode.NOT_FOUND, '报考地市不存在', 'id');
      await recordAudit(tx, {
        action: input.id ? 'REGISTRATION_CITY_UPDATED' : 'REGISTRATION_CITY_CREATED',
        targetType: 'REGISTRATION_CITY',
        targetId: saved.id,
        details: { unitCode: input.unitCode, code: input.code, name, sortOrder: input.sortOrder },
      });
      return ok(saved.id, input.id ? '报考地市已修改' : '报考地市已创建');
    });
  }

  async saveRegistrationPoint(ctx: RequestContext, input: RegistrationPointInput): Promise<AdminOutcome> {
    const name = text(input.name, 'name', '报名点名称', 100);
    if (isFailure(name)) return name;
    const address = text(input.address, 'address', '地址', 200);
    if (isFailure(address)) return address;
    const phone = input.phone.trim();
    if (!PHONE_PATTERN.test(phone)) return adminFailure(AdminErrorCode.INVALID_INPUT, '电话须为数字或“-”', 'phone');
    const bad = nonNegativeInt(input.sortOrder, 'sortOrder', '排序') ?? (input.capacity != null ? nonNegativeInt(input.capacity, 'capacity', '容量') : null);
    if (bad) return bad;
    if (!UUID_PATTERN.test(input.examUnitId)) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位考试不存在', 'examUnitId');
    if (!UUID_PATTERN.test(input.cityId)) return adminFailure(AdminErrorCode.NOT_FOUND, '报考地市不存在', 'cityId');
    if (input.id && !UUID_PATTERN.test(input.id)) return adminFailure(AdminErrorCode.NOT_FOUND, '报名点不存在', 'id');
    return this.inTransaction(ctx, async (tx) => {
      const [scope] = await tx.em.execute<Array<{ unit_code: string }>>(
        `select u.code as unit_code from exam_unit eu join registration_unit u on u.id = eu.unit_id
           join registration_city c on c.unit_id = eu.unit_id where eu.id = ? and c.id = ?`,
        [input.examUnitId, input.cityId],
      );
      if (!scope) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位考试或报考地市不存在(地市须属于该报名单位)', 'cityId');
      const capacity = input.capacity ?? null;
      if (input.id) {
        const [current] = await tx.em.execute<Array<{ taken: number; capacity: number | null }>>(
          `select taken, capacity from registration_point where id = ? and exam_unit_id = ? for update`,
          [input.id, input.examUnitId],
        );
        if (!current) return adminFailure(AdminErrorCode.NOT_FOUND, '报名点不存在', 'id');
        if (capacity !== null && capacity < current.taken) {
          return adminFailure(AdminErrorCode.CAPACITY_BELOW_TAKEN, `容量不能小于已报名人数${current.taken}`, 'capacity');
        }
        await tx.em.execute(`update registration_point set city_id = ?, name = ?, address = ?, phone = ?, capacity = ?, sort_order = ? where id = ?`, [
          input.cityId,
          name,
          address,
          phone,
          capacity,
          input.sortOrder,
          input.id,
        ]);
        await recordAudit(tx, {
          action: 'REGISTRATION_POINT_UPDATED',
          targetType: 'REGISTRATION_POINT',
          targetId: input.id,
          details: { unitCode: scope.unit_code, examUnitId: input.examUnitId, cityId: input.cityId, name, capacityBefore: current.capacity, capacity, taken: current.taken },
        });
        return ok(input.id, '报名点已修改');
      }
      const [created] = await tx.em.execute<Array<{ id: string }>>(
        `insert into registration_point (id, exam_unit_id, city_id, name, address, phone, capacity, taken, sort_order)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, 0, ?) returning id`,
        [input.examUnitId, input.cityId, name, address, phone, capacity, input.sortOrder],
      );
      await recordAudit(tx, {
        action: 'REGISTRATION_POINT_CREATED',
        targetType: 'REGISTRATION_POINT',
        targetId: created!.id,
        details: { unitCode: scope.unit_code, examUnitId: input.examUnitId, cityId: input.cityId, name, capacity },
      });
      return ok(created!.id, '报名点已创建');
    });
  }

  /**
   * Changes a point's capacity (null: no limit). One conditional UPDATE, so a submission racing with
   * the change can never leave `taken` above `capacity`; the check constraint backs it up.
   */
  async setRegistrationPointCapacity(ctx: RequestContext, pointId: string, capacity: number | null): Promise<AdminOutcome> {
    if (capacity !== null) {
      const bad = nonNegativeInt(capacity, 'capacity', '容量');
      if (bad) return bad;
    }
    if (!UUID_PATTERN.test(pointId)) return adminFailure(AdminErrorCode.NOT_FOUND, '报名点不存在', 'pointId');
    return this.inTransaction(ctx, async (tx) => {
      const [before] = await tx.em.execute<Array<{ capacity: number | null; taken: number; unit_code: string }>>(
        `select p.capacity, p.taken, u.code as unit_code from registration_point p join exam_unit eu on eu.id = p.exam_unit_id
           join registration_unit u on u.id = eu.unit_id where p.id = ? for update of p`,
        [pointId],
      );
      if (!before) return adminFailure(AdminErrorCode.NOT_FOUND, '报名点不存在', 'pointId');
      const updated = await tx.em.execute<Array<{ taken: number }>>(
        `update registration_point set capacity = ? where id = ? and (?::int is null or taken <= ?::int) returning taken`,
        [capacity, pointId, capacity, capacity],
      );
      if (updated.length === 0) return adminFailure(AdminErrorCode.CAPACITY_BELOW_TAKEN, `容量不能小于已报名人数${before.taken}`, 'capacity');
      await recordAudit(tx, {
        action: 'REGISTRATION_POINT_CAPACITY_CHANGED',
        targetType: 'REGISTRATION_POINT',
        targetId: pointId,
        details: { unitCode: before.unit_code, from: before.capacity, to: capacity, taken: updated[0]!.taken },
      });
      return ok(pointId, capacity === null ? '报名点已改为不限人数' : `报名点容量已改为${capacity}`);
    });
  }

  async setExamUnitGuide(ctx: RequestContext, input: ExamUnitGuideInput): Promise<AdminOutcome> {
    const agreementText = text(input.agreementText, 'agreementText', '阅读须知', 20_000);
    if (isFailure(agreementText)) return agreementText;
    const acceptingOffice = text(input.acceptingOffice, 'acceptingOffice', '受理部门', 100);
    if (isFailure(acceptingOffice)) return acceptingOffice;
    const reviewHint = text(input.reviewHint, 'reviewHint', '办理提示', 5_000);
    if (isFailure(reviewHint)) return reviewHint;
    return this.inTransaction(ctx, async (tx) => {
      const eu = await this.examUnitExists(tx, input.examUnitId);
      if (!eu) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位考试不存在', 'examUnitId');
      await tx.em.execute(
        `insert into exam_unit_guide (exam_unit_id, agreement_text, accepting_office, review_hint) values (?, ?, ?, ?)
         on conflict (exam_unit_id) do update set agreement_text = excluded.agreement_text, accepting_office = excluded.accepting_office, review_hint = excluded.review_hint`,
        [input.examUnitId, agreementText, acceptingOffice, reviewHint],
      );
      await recordAudit(tx, {
        action: 'EXAM_UNIT_GUIDE_SET',
        targetType: 'EXAM_UNIT',
        targetId: input.examUnitId,
        details: { unitCode: eu.unitCode, agreementLength: length(agreementText), acceptingOffice },
      });
      return ok(input.examUnitId, '阅读须知已保存');
    });
  }

  async saveExamUnitNotice(ctx: RequestContext, input: ExamUnitNoticeInput): Promise<AdminOutcome> {
    const title = text(input.title, 'title', '标题', 200);
    if (isFailure(title)) return title;
    const body = text(input.body, 'body', '正文', 50_000);
    if (isFailure(body)) return body;
    if (!Object.values(NoticeKind).includes(input.kind)) return adminFailure(AdminErrorCode.INVALID_INPUT, '公告类型不正确', 'kind');
    const publisher = input.publisher?.trim() || null;
    if (input.kind === NoticeKind.CITY && !publisher) return adminFailure(AdminErrorCode.INVALID_INPUT, '市级公告须填写发布地市', 'publisher');
    if (publisher && length(publisher) > 50) return adminFailure(AdminErrorCode.INVALID_INPUT, '发布单位最多50个字', 'publisher');
    if (!validTime(input.publishedAt)) return adminFailure(AdminErrorCode.INVALID_INPUT, '发布时间格式不正确', 'publishedAt');
    const bad = nonNegativeInt(input.sortOrder, 'sortOrder', '排序');
    if (bad) return bad;
    if (input.id && !UUID_PATTERN.test(input.id)) return adminFailure(AdminErrorCode.NOT_FOUND, '公告不存在', 'id');
    return this.inTransaction(ctx, async (tx) => {
      const eu = await this.examUnitExists(tx, input.examUnitId);
      if (!eu) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位考试不存在', 'examUnitId');
      const params = [input.kind, title, body, publisher, input.publishedAt, input.sortOrder];
      const [saved] = input.id
        ? await tx.em.execute<Array<{ id: string }>>(
            `update exam_unit_notice set kind = ?, title = ?, body = ?, publisher = ?, published_at = ?, sort_order = ? where id = ? and exam_unit_id = ? returning id`,
            [...params, input.id, input.examUnitId],
          )
        : await tx.em.execute<Array<{ id: string }>>(
            `insert into exam_unit_notice (id, exam_unit_id, kind, title, body, publisher, published_at, sort_order)
             values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?) returning id`,
            [input.examUnitId, ...params],
          );
      if (!saved) return adminFailure(AdminErrorCode.NOT_FOUND, '公告不存在', 'id');
      await recordAudit(tx, {
        action: input.id ? 'NOTICE_UPDATED' : 'NOTICE_CREATED',
        targetType: 'EXAM_UNIT_NOTICE',
        targetId: saved.id,
        details: { unitCode: eu.unitCode, examUnitId: input.examUnitId, kind: input.kind, title },
      });
      return ok(saved.id, input.id ? '公告已修改' : '公告已发布');
    });
  }

  async saveMaterialRequirement(ctx: RequestContext, input: MaterialRequirementInput): Promise<AdminOutcome> {
    if (!CODE_PATTERN.test(input.code)) return adminFailure(AdminErrorCode.INVALID_INPUT, '材料代码须为大写字母、数字和下划线', 'code');
    const name = text(input.name, 'name', '材料名称', 100);
    if (isFailure(name)) return name;
    const description = text(input.description, 'description', '材料说明', 5_000);
    if (isFailure(description)) return description;
    const bad = nonNegativeInt(input.sortOrder, 'sortOrder', '排序');
    if (bad) return bad;
    return this.inTransaction(ctx, async (tx) => {
      const eu = await this.examUnitExists(tx, input.examUnitId);
      if (!eu) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位考试不存在', 'examUnitId');
      const [saved] = await tx.em.execute<Array<{ id: string; inserted: boolean }>>(
        `insert into material_requirement (id, exam_unit_id, code, name, description, required, sort_order) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)
         on conflict (exam_unit_id, code) do update set name = excluded.name, description = excluded.description, required = excluded.required, sort_order = excluded.sort_order
         returning id, (xmax = 0) as inserted`,
        [input.examUnitId, input.code, name, description, input.required, input.sortOrder],
      );
      await recordAudit(tx, {
        action: 'MATERIAL_REQUIREMENT_SET',
        targetType: 'MATERIAL_REQUIREMENT',
        targetId: saved!.id,
        details: { unitCode: eu.unitCode, examUnitId: input.examUnitId, code: input.code, required: input.required, created: saved!.inserted },
      });
      return ok(saved!.id, '证明材料要求已保存');
    });
  }

  async setFeeRule(ctx: RequestContext, input: FeeRuleInput): Promise<AdminOutcome> {
    const bad = nonNegativeInt(input.perSubjectFen, 'perSubjectFen', '每科费用') ?? nonNegativeInt(input.perPersonFen, 'perPersonFen', '每人费用');
    if (bad) return bad;
    if (input.perSubjectFen > 1_000_000 || input.perPersonFen > 1_000_000) return adminFailure(AdminErrorCode.INVALID_INPUT, '费用不能超过10000元', 'perSubjectFen');
    return this.inTransaction(ctx, async (tx) => {
      const eu = await this.examUnitExists(tx, input.examUnitId);
      if (!eu) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位考试不存在', 'examUnitId');
      const [before] = await tx.em.execute<Array<{ per_subject_fen: number; per_person_fen: number }>>(
        `select per_subject_fen, per_person_fen from fee_rule where exam_unit_id = ? for update`,
        [input.examUnitId],
      );
      await tx.em.execute(
        `insert into fee_rule (exam_unit_id, per_subject_fen, per_person_fen) values (?, ?, ?)
         on conflict (exam_unit_id) do update set per_subject_fen = excluded.per_subject_fen, per_person_fen = excluded.per_person_fen`,
        [input.examUnitId, input.perSubjectFen, input.perPersonFen],
      );
      await recordAudit(tx, {
        action: 'FEE_RULE_SET',
        targetType: 'EXAM_UNIT',
        targetId: input.examUnitId,
        details: {
          unitCode: eu.unitCode,
          before: before ? { perSubjectFen: before.per_subject_fen, perPersonFen: before.per_person_fen } : null,
          after: { perSubjectFen: input.perSubjectFen, perPersonFen: input.perPersonFen },
        },
      });
      return ok(input.examUnitId, '收费标准已保存');
    });
  }

  async saveFeeWaiverCategory(ctx: RequestContext, input: FeeWaiverCategoryInput): Promise<AdminOutcome> {
    if (!CODE_PATTERN.test(input.code)) return adminFailure(AdminErrorCode.INVALID_INPUT, '类别代码须为大写字母、数字和下划线', 'code');
    const name = text(input.name, 'name', '类别名称', 100);
    if (isFailure(name)) return name;
    const description = text(input.description, 'description', '证明说明', 5_000);
    if (isFailure(description)) return description;
    return this.inTransaction(ctx, async (tx) => {
      const eu = await this.examUnitExists(tx, input.examUnitId);
      if (!eu) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位考试不存在', 'examUnitId');
      const [saved] = await tx.em.execute<Array<{ id: string }>>(
        `insert into fee_waiver_category (id, exam_unit_id, code, name, description) values (gen_random_uuid(), ?, ?, ?, ?)
         on conflict (exam_unit_id, code) do update set name = excluded.name, description = excluded.description returning id`,
        [input.examUnitId, input.code, name, description],
      );
      await recordAudit(tx, {
        action: 'FEE_WAIVER_CATEGORY_SET',
        targetType: 'FEE_WAIVER_CATEGORY',
        targetId: saved!.id,
        details: { unitCode: eu.unitCode, examUnitId: input.examUnitId, code: input.code, name },
      });
      return ok(saved!.id, '减免类别已保存');
    });
  }

  async setPaymentChannelEnabled(ctx: RequestContext, code: PaymentChannelCode, enabled: boolean): Promise<AdminOutcome> {
    if (!Object.values(PaymentChannelCode).includes(code)) return adminFailure(AdminErrorCode.NOT_FOUND, '支付平台不存在', 'code');
    return this.inTransaction(ctx, async (tx) => {
      const [before] = await tx.em.execute<Array<{ enabled: boolean }>>(`select enabled from payment_channel where code = ? for update`, [code]);
      if (!before) return adminFailure(AdminErrorCode.NOT_FOUND, '支付平台不存在', 'code');
      await tx.em.execute(`update payment_channel set enabled = ? where code = ?`, [enabled, code]);
      await recordAudit(tx, { action: enabled ? 'PAYMENT_CHANNEL_ENABLED' : 'PAYMENT_CHANNEL_DISABLED', targetType: 'PAYMENT_CHANNEL', targetId: code, details: { from: before.enabled, to: enabled } });
      return ok(code, enabled ? '支付平台已启用' : '支付平台已停用');
    });
  }

  /**
   * Removes a 报考地市 that nothing refers to: refused while it has 报名点 (of any exam) or any
   * application chose it, since the foreign key would silently clear the applications' city.
   */
  async deleteRegistrationCity(ctx: RequestContext, id: string): Promise<AdminOutcome> {
    if (!UUID_PATTERN.test(id)) return adminFailure(AdminErrorCode.NOT_FOUND, '报考地市不存在', 'id');
    return this.inTransaction(ctx, async (tx) => {
      const [city] = await tx.em.execute<Array<{ code: string; name: string; sort_order: number; unit_code: string }>>(
        `select c.code, c.name, c.sort_order, u.code as unit_code from registration_city c join registration_unit u on u.id = c.unit_id where c.id = ? for update of c`,
        [id],
      );
      if (!city) return adminFailure(AdminErrorCode.NOT_FOUND, '报考地市不存在', 'id');
      const [use] = await tx.em.execute<Array<{ points: number; applications: number }>>(
        `select (select count(*)::int from registration_point where city_id = ?) as points,
                (select count(*)::int from application where city_id = ?) as applications`,
        [id, id],
      );
      if (use!.points > 0) return adminFailure(AdminErrorCode.IN_USE, `该地市下还有${use!.points}个报名点,请先删除报名点`, 'id');
      if (use!.applications > 0) return adminFailure(AdminErrorCode.IN_USE, `已有${use!.applications}份报名选择了该地市,不能删除`, 'id');
      await tx.em.execute(`delete from registration_city where id = ?`, [id]);
      await recordAudit(tx, {
        action: 'REGISTRATION_CITY_DELETED',
        targetType: 'REGISTRATION_CITY',
        targetId: id,
        details: { unitCode: city.unit_code, removed: { code: city.code, name: city.name, sortOrder: city.sort_order } },
      });
      return ok(id, '报考地市已删除');
    });
  }

  /**
   * Removes a 报名点 no application has used: refused while places are taken or any application
   * (a draft, a held place, a withdrawn one) refers to it. The row lock makes a concurrent choice of
   * the point wait for the decision (its foreign-key check needs the row).
   */
  async deleteRegistrationPoint(ctx: RequestContext, id: string): Promise<AdminOutcome> {
    if (!UUID_PATTERN.test(id)) return adminFailure(AdminErrorCode.NOT_FOUND, '报名点不存在', 'id');
    return this.inTransaction(ctx, async (tx) => {
      const [point] = await tx.em.execute<Array<Record<string, any>>>(
        `select p.exam_unit_id, p.city_id, p.name, p.address, p.phone, p.capacity, p.taken, p.sort_order, u.code as unit_code
           from registration_point p join exam_unit eu on eu.id = p.exam_unit_id join registration_unit u on u.id = eu.unit_id
          where p.id = ? for update of p`,
        [id],
      );
      if (!point) return adminFailure(AdminErrorCode.NOT_FOUND, '报名点不存在', 'id');
      if (point.taken > 0) return adminFailure(AdminErrorCode.IN_USE, `该报名点已有${point.taken}人报名,不能删除;可将容量改为已报名人数以停止接收`, 'id');
      const [use] = await tx.em.execute<Array<{ applications: number }>>(
        `select count(*)::int as applications from application where point_id = ? or held_point_id = ?`,
        [id, id],
      );
      if (use!.applications > 0) return adminFailure(AdminErrorCode.IN_USE, `已有${use!.applications}份报名选择过该报名点,不能删除;可将容量改为已报名人数以停止接收`, 'id');
      await tx.em.execute(`delete from registration_point where id = ?`, [id]);
      await recordAudit(tx, {
        action: 'REGISTRATION_POINT_DELETED',
        targetType: 'REGISTRATION_POINT',
        targetId: id,
        details: {
          unitCode: point.unit_code,
          examUnitId: point.exam_unit_id,
          removed: { cityId: point.city_id, name: point.name, address: point.address, phone: point.phone, capacity: point.capacity, sortOrder: point.sort_order },
        },
      });
      return ok(id, '报名点已删除');
    });
  }

  /** Withdraws a 通知公告. Its full text stays in the audit record, so what candidates were shown remains on file. */
  async deleteExamUnitNotice(ctx: RequestContext, id: string): Promise<AdminOutcome> {
    if (!UUID_PATTERN.test(id)) return adminFailure(AdminErrorCode.NOT_FOUND, '公告不存在', 'id');
    return this.inTransaction(ctx, async (tx) => {
      const [notice] = await tx.em.execute<Array<Record<string, any>>>(
        `delete from exam_unit_notice n using exam_unit eu, registration_unit u
          where n.id = ? and eu.id = n.exam_unit_id and u.id = eu.unit_id
          returning n.exam_unit_id, n.kind, n.title, n.body, n.publisher, n.published_at, n.sort_order, u.code as unit_code`,
        [id],
      );
      if (!notice) return adminFailure(AdminErrorCode.NOT_FOUND, '公告不存在', 'id');
      await recordAudit(tx, {
        action: 'NOTICE_DELETED',
        targetType: 'EXAM_UNIT_NOTICE',
        targetId: id,
        details: {
          unitCode: notice.unit_code,
          examUnitId: notice.exam_unit_id,
          removed: { kind: notice.kind, title: notice.title, body: notice.body, publisher: notice.publisher, publishedAt: notice.published_at, sortOrder: notice.sort_order },
        },
      });
      return ok(id, '公告已删除');
    });
  }

  /**
   * Removes a 证明材料 requirement that no candidate has answered: refused while an upload for it is
   * kept (deleted uploads do not count) or an upload of it is under way (an unused, unexpired token).
   */
  async deleteMaterialRequirement(ctx: RequestContext, examUnitId: string, code: string): Promise<AdminOutcome> {
    if (!UUID_PATTERN.test(examUnitId)) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位考试不存在', 'examUnitId');
    return this.inTransaction(ctx, async (tx) => {
      const [material] = await tx.em.execute<Array<Record<string, any>>>(
        `select m.id, m.exam_unit_id, m.code, m.name, m.description, m.required, m.sort_order, u.code as unit_code
           from material_requirement m join exam_unit eu on eu.id = m.exam_unit_id join registration_unit u on u.id = eu.unit_id
          where m.exam_unit_id = ? and m.code = ? for update of m`,
        [examUnitId, code],
      );
      if (!material) return adminFailure(AdminErrorCode.NOT_FOUND, '证明材料要求不存在', 'code');
      const id: string = material.id;
      const [use] = await tx.em.execute<Array<{ uploads: number; pending: number }>>(
        `select (select count(*)::int from application_upload up join application a on a.id = up.application_id
                  where a.exam_unit_id = ? and up.purpose = 'MATERIAL' and up.material_code = ? and up.deleted_at is null) as uploads,
                (select count(*)::int from upload_token t join application a on a.id = t.application_id
                  where a.exam_unit_id = ? and t.purpose = 'MATERIAL' and t.material_code = ? and t.used_at is null and t.expires_at > ?) as pending`,
        [material.exam_unit_id, material.code, material.exam_unit_id, material.code, tx.clock.now()],
      );
      if (use!.uploads > 0) return adminFailure(AdminErrorCode.IN_USE, `已有${use!.uploads}份该材料的上传文件,不能删除;可改为非必传`, 'code');
      if (use!.pending > 0) return adminFailure(AdminErrorCode.IN_USE, '有考生正在上传该材料,请稍后再试', 'code');
      await tx.em.execute(`delete from material_requirement where id = ?`, [id]);
      await recordAudit(tx, {
        action: 'MATERIAL_REQUIREMENT_DELETED',
        targetType: 'MATERIAL_REQUIREMENT',
        targetId: id,
        details: {
          unitCode: material.unit_code,
          examUnitId: material.exam_unit_id,
          removed: { code: material.code, name: material.name, description: material.description, required: material.required, sortOrder: material.sort_order },
        },
      });
      return ok(id, '证明材料要求已删除');
    });
  }

  /** Removes a fee waiver category (no record refers to one); its text stays in the audit record. */
  async deleteFeeWaiverCategory(ctx: RequestContext, examUnitId: string, code: string): Promise<AdminOutcome> {
    if (!UUID_PATTERN.test(examUnitId)) return adminFailure(AdminErrorCode.NOT_FOUND, '报名单位考试不存在', 'examUnitId');
    return this.inTransaction(ctx, async (tx) => {
      const [waiver] = await tx.em.execute<Array<Record<string, any>>>(
        `delete from fee_waiver_category w using exam_unit eu, registration_unit u
          where w.exam_unit_id = ? and w.code = ? and eu.id = w.exam_unit_id and u.id = eu.unit_id
          returning w.id, w.exam_unit_id, w.code, w.name, w.description, u.code as unit_code`,
        [examUnitId, code],
      );
      if (!waiver) return adminFailure(AdminErrorCode.NOT_FOUND, '减免类别不存在', 'code');
      const id: string = waiver.id;
      await recordAudit(tx, {
        action: 'FEE_WAIVER_CATEGORY_DELETED',
        targetType: 'FEE_WAIVER_CATEGORY',
        targetId: id,
        details: { unitCode: waiver.unit_code, examUnitId: waiver.exam_unit_id, removed: { code: waiver.code, name: waiver.name, description: waiver.description } },
      });
      return ok(id, '减免类别已删除');
    });
  }
}
