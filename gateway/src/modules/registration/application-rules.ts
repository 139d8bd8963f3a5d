/**
 * Pure rules of an application: step order, what a complete 报名信息 is, the subject rule per level,
 * the eligibility input built from the form, fees. No database here; ApplicationService applies them.
 */
import {
  EDUCATION_LEVEL_LABELS,
  type EducationLevel,
  type EligibilityInput,
  type IsoDate,
  type QualificationField,
} from '../account/eligibility';
import { ExamLevel, EXAM_LEVEL_LABELS } from '../exam/exam.entity';
import { ApplicationStatus, ApplicationStep } from './application.entity';
import { RegistrationErrorCode, registrationFailure, type RegistrationFailure } from './registration.errors';

export const STEP_ORDER: readonly ApplicationStep[] = [
  ApplicationStep.AGREEMENT,
  ApplicationStep.NOTICES,
  ApplicationStep.CONDITIONS,
  ApplicationStep.DETAILS,
  ApplicationStep.MATERIALS,
  ApplicationStep.CONFIRM,
  ApplicationStep.REVIEW,
  ApplicationStep.PAYMENT,
];

export const STEP_LABELS: Readonly<Record<ApplicationStep, string>> = {
  AGREEMENT: '阅读须知',
  NOTICES: '通知公告',
  CONDITIONS: '选择报考条件',
  DETAILS: '报名信息填写',
  MATERIALS: '证明材料上传',
  CONFIRM: '信息确认',
  REVIEW: '审核告知',
  PAYMENT: '网上缴费',
};

export const STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  DRAFT: '填写中',
  SUBMITTED: '待审核',
  APPROVED: '审核通过',
  REJECTED: '审核不通过',
  PAID: '已缴费',
  WITHDRAWN: '已重新报名',
};

export function stepIndex(step: ApplicationStep): number {
  return STEP_ORDER.indexOf(step);
}

/** Whether an application at `current` may work on `step` (every earlier step is done). */
export function hasReached(current: ApplicationStep, step: ApplicationStep): boolean {
  return stepIndex(current) >= stepIndex(step);
}

export function laterStep(a: ApplicationStep, b: ApplicationStep): ApplicationStep {
  return stepIndex(a) >= stepIndex(b) ? a : b;
}

export function earlierStep(a: ApplicationStep, b: ApplicationStep): ApplicationStep {
  return stepIndex(a) <= stepIndex(b) ? a : b;
}

/** The candidate may change the application: still a draft, or sent back by the reviewer. */
export function isEditable(status: ApplicationStatus): boolean {
  return status === ApplicationStatus.DRAFT || status === ApplicationStatus.REJECTED;
}

/** 重新报名 is possible until the fee is paid (after payment nothing changes and nothing is refunded). */
export function isWithdrawable(status: ApplicationStatus): boolean {
  return (
    status === ApplicationStatus.DRAFT ||
    status === ApplicationStatus.SUBMITTED ||
    status === ApplicationStatus.APPROVED ||
    status === ApplicationStatus.REJECTED
  );
}

// ---------------------------------------------------------------------------------------------
// 报名信息: the personal-information draft

export type Gender = 'MALE' | 'FEMALE';
export type DegreeKind = 'BACHELOR' | 'SECOND_BACHELOR' | 'MASTER' | 'DOCTOR';

export const DEGREE_LABELS: Readonly<Record<DegreeKind, string>> = {
  BACHELOR: '学士',
  SECOND_BACHELOR: '第二学士',
  MASTER: '硕士',
  DOCTOR: '博士',
};

/** A degree counts for eligibility as the education of the same name (本科学历或学士学位 …). */
const DEGREE_AS_EDUCATION: Readonly<Record<DegreeKind, EducationLevel>> = {
  BACHELOR: 'BACHELOR',
  SECOND_BACHELOR: 'SECOND_BACHELOR',
  MASTER: 'MASTER',
  DOCTOR: 'DOCTOR',
};

export interface BasicInfo {
  gender?: Gender | null;
  /** 民族 */
  ethnicity?: string | null;
  /** 政治面貌 */
  politicalStatus?: string | null;
  email?: string | null;
  mailingAddress?: string | null;
  postalCode?: string | null;
}

export interface EducationRecord {
  level: EducationLevel;
  school: string;
  major: string;
  graduationDate: IsoDate;
  certificateNumber?: string | null;
}

export interface DegreeRecord {
  degree: DegreeKind;
  school: string;
  major: string;
  obtainedDate: IsoDate;
  certificateNumber?: string | null;
}

export interface WorkPeriod {
  employer: string;
  start: IsoDate;
  end?: IsoDate | null;
  isAccounting: boolean;
  partTimeWhileStudying?: boolean | null;
}

export interface OtherQualification {
  field: QualificationField;
  obtainedDate: IsoDate;
  certificateNumber?: string | null;
}

export interface WorkInfo {
  /** 工作单位 now; students leave it empty (初级 only). */
  employer?: string | null;
  /** 单位性质 */
  employerNature?: string | null;
  /** 职务 */
  position?: string | null;
  records: WorkPeriod[];
  /** Date 会计师 (中级资格) was obtained; needed for 高级. */
  accountantTitleSince?: IsoDate | null;
  otherQualifications: OtherQualification[];
}

/** Photo apart (it is an upload), everything 报名信息填写 collects about the person. */
export interface PersonalInfo {
  basic: BasicInfo;
  educations: EducationRecord[];
  degrees: DegreeRecord[];
  work: WorkInfo;
}

export const EMPTY_PERSONAL_INFO: PersonalInfo = {
  basic: {},
  educations: [],
  degrees: [],
  work: { records: [], otherQualifications: [] },
};

/** Up to 5 education and 5 degree records, as CPTA-style checks accept. */
export const MAX_EDUCATIONS = 5;
export const MAX_DEGREES = 5;
export const MAX_WORK_PERIODS = 20;
/** One per field: 经济, 统计, 审计. */
export const MAX_OTHER_QUALIFICATIONS = 3;
export const MAX_TEXT_CODE_POINTS = 100;
export const MAX_CERTIFICATE_CODE_POINTS = 40;

export const QUALIFICATION_FIELD_LABELS: Readonly<Record<QualificationField, string>> = {
  ECONOMICS: '经济',
  STATISTICS: '统计',
  AUDIT: '审计',
};

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900;
}

const invalid = (field: string, message: string) => registrationFailure(RegistrationErrorCode.DETAILS_INVALID, message, { field });

/** Text fields are counted in code points: names of schools and employers may hold rare characters. */
function textTooLong(value: string | null | undefined, max = MAX_TEXT_CODE_POINTS): boolean {
  return value != null && Array.from(value).length > max;
}

/** 2026-12-31 → 2026年12月31日 */
function chineseDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export interface DateBounds {
  /** Today in China: work and qualifications cannot start or be obtained later. */
  today: IsoDate;
  /**
   * The latest 毕业/学位 date accepted: an application takes 31 December of its exam year (education
   * obtained by then counts, so this year's graduates may register); 信息采集 the end of next year.
   */
  latestAwardDate: IsoDate;
}

/** Bounds for 信息采集, which belongs to no exam year. */
export function profileDateBounds(today: IsoDate): DateBounds {
  return { today, latestAwardDate: `${Number(today.slice(0, 4)) + 1}-12-31` };
}

/** Bounds for an application of `examYear`. */
export function applicationDateBounds(today: IsoDate, examYear: number): DateBounds {
  return { today, latestAwardDate: `${examYear}-12-31` };
}

/**
 * Format problems of a draft: dates (calendar dates, in order, not in the future beyond what the
 * record allows), lengths in code points, list sizes, duplicates, email, postcode. A draft may be
 * incomplete (a row without school yet); completeness is checked by `missingPersonalInfo` when the
 * candidate confirms. The first problem wins, top to bottom, with the field it belongs to.
 */
export function validatePersonalInfoFormat(info: PersonalInfo, bounds: DateBounds): RegistrationFailure | null {
  const { today, latestAwardDate } = bounds;
  const { basic } = info;
  for (const key of ['ethnicity', 'politicalStatus', 'mailingAddress'] as const) {
    if (textTooLong(basic[key])) return invalid(`personalInfo.basic.${key}`, `内容过长,最多${MAX_TEXT_CODE_POINTS}个字`);
  }
  if (basic.email && (textTooLong(basic.email) || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(basic.email))) {
    return invalid('personalInfo.basic.email', '电子邮箱格式不正确');
  }
  if (basic.postalCode && !/^\d{6}$/.test(basic.postalCode)) return invalid('personalInfo.basic.postalCode', '邮政编码应为6位数字');

  const textProblem = (at: string, record: { school: string; major: string; certificateNumber?: string | null }) => {
    if (textTooLong(record.school)) return invalid(`${at}.school`, `内容过长,最多${MAX_TEXT_CODE_POINTS}个字`);
    if (textTooLong(record.major)) return invalid(`${at}.major`, `内容过长,最多${MAX_TEXT_CODE_POINTS}个字`);
    if (textTooLong(record.certificateNumber, MAX_CERTIFICATE_CODE_POINTS)) {
      return invalid(`${at}.certificateNumber`, `证书编号过长,最多${MAX_CERTIFICATE_CODE_POINTS}个字符`);
    }
    return null;
  };

  if (info.educations.length > MAX_EDUCATIONS) return invalid('personalInfo.educations', `学历信息最多填写${MAX_EDUCATIONS}条`);
  const educationKeys = new Set<string>();
  for (const [i, e] of info.educations.entries()) {
    const at = `personalInfo.educations[${i}]`;
    if (!(e.level in EDUCATION_LEVEL_LABELS)) return invalid(`${at}.level`, '请选择学历');
    const text = textProblem(at, e);
    if (text) return text;
    if (!isCalendarDate(e.graduationDate)) return invalid(`${at}.graduationDate`, '毕业时间格式应为YYYY-MM-DD');
    if (e.graduationDate > latestAwardDate) return invalid(`${at}.graduationDate`, `毕业时间不能晚于${chineseDate(latestAwardDate)}`);
    const key = `${e.level}|${e.graduationDate}`;
    if (educationKeys.has(key)) return invalid(at, `第${i + 1}条学历信息与前面的记录重复,请删除`);
    educationKeys.add(key);
  }
  if (info.degrees.length > MAX_DEGREES) return invalid('personalInfo.degrees', `学位信息最多填写${MAX_DEGREES}条`);
  const degreeKeys = new Set<string>();
  for (const [i, d] of info.degrees.entries()) {
    const at = `personalInfo.degrees[${i}]`;
    if (!(d.degree in DEGREE_LABELS)) return invalid(`${at}.degree`, '请选择学位');
    const text = textProblem(at, d);
    if (text) return text;
    if (!isCalendarDate(d.obtainedDate)) return invalid(`${at}.obtainedDate`, '取得学位时间格式应为YYYY-MM-DD');
    if (d.obtainedDate > latestAwardDate) return invalid(`${at}.obtainedDate`, `取得学位时间不能晚于${chineseDate(latestAwardDate)}`);
    const key = `${d.degree}|${d.obtainedDate}`;
    if (degreeKeys.has(key)) return invalid(at, `第${i + 1}条学位信息与前面的记录重复,请删除`);
    degreeKeys.add(key);
  }
  const { work } = info;
  for (const key of ['employer', 'employerNature', 'position'] as const) {
    if (textTooLong(work[key])) return invalid(`personalInfo.work.${key}`, `内容过长,最多${MAX_TEXT_CODE_POINTS}个字`);
  }
  if (work.records.length > MAX_WORK_PERIODS) return invalid('personalInfo.work.records', `工作经历最多填写${MAX_WORK_PERIODS}条`);
  for (const [i, r] of work.records.entries()) {
    const at = `personalInfo.work.records[${i}]`;
    if (textTooLong(r.employer)) return invalid(`${at}.employer`, `内容过长,最多${MAX_TEXT_CODE_POINTS}个字`);
    if (!isCalendarDate(r.start)) return invalid(`${at}.start`, '开始时间格式应为YYYY-MM-DD');
    if (r.start > today) return invalid(`${at}.start`, '开始时间不能晚于今天');
    if (r.end != null && !isCalendarDate(r.end)) return invalid(`${at}.end`, '结束时间格式应为YYYY-MM-DD');
    if (r.end != null && r.end < r.start) return invalid(`${at}.end`, '结束时间不能早于开始时间');
    // Years are counted up to 31 December of the exam year: a future end would claim work not done yet.
    if (r.end != null && r.end > today) return invalid(`${at}.end`, '结束时间不能晚于今天;仍在该单位工作的,结束时间请留空');
  }
  if (work.accountantTitleSince != null && (!isCalendarDate(work.accountantTitleSince) || work.accountantTitleSince > today)) {
    return invalid('personalInfo.work.accountantTitleSince', '取得会计师资格时间格式应为YYYY-MM-DD,且不能晚于今天');
  }
  if (work.otherQualifications.length > MAX_OTHER_QUALIFICATIONS) {
    return invalid('personalInfo.work.otherQualifications', `其他专业中级资格最多填写${MAX_OTHER_QUALIFICATIONS}条(经济、统计、审计各一条)`);
  }
  const fields = new Set<QualificationField>();
  for (const [i, q] of work.otherQualifications.entries()) {
    const at = `personalInfo.work.otherQualifications[${i}]`;
    if (!(q.field in QUALIFICATION_FIELD_LABELS)) return invalid(`${at}.field`, '请选择资格专业(经济、统计或审计)');
    if (fields.has(q.field)) return invalid(`${at}.field`, `${QUALIFICATION_FIELD_LABELS[q.field]}专业中级资格只需填写一条`);
    fields.add(q.field);
    if (!isCalendarDate(q.obtainedDate) || q.obtainedDate > today) {
      return invalid(`${at}.obtainedDate`, '取得资格时间格式应为YYYY-MM-DD,且不能晚于今天');
    }
    if (textTooLong(q.certificateNumber, MAX_CERTIFICATE_CODE_POINTS)) {
      return invalid(`${at}.certificateNumber`, `证书编号过长,最多${MAX_CERTIFICATE_CODE_POINTS}个字符`);
    }
  }
  return null;
}

const incomplete = (field: string, message: string) => registrationFailure(RegistrationErrorCode.DETAILS_INCOMPLETE, message, { field });

/**
 * What 确认无误,下一步 needs besides city, point, subjects and photo (checked by the service): the
 * first missing item of the form, top to bottom. Every row given must be complete.
 */
export function missingPersonalInfo(info: PersonalInfo, level: ExamLevel): RegistrationFailure | null {
  const { basic } = info;
  if (!basic.gender) return incomplete('personalInfo.basic.gender', '请选择性别');
  if (!basic.ethnicity?.trim()) return incomplete('personalInfo.basic.ethnicity', '请填写民族');
  if (!basic.mailingAddress?.trim()) return incomplete('personalInfo.basic.mailingAddress', '请填写通讯地址');
  if (info.educations.length === 0) return incomplete('personalInfo.educations', '请至少填写一条学历信息');
  for (const [i, e] of info.educations.entries()) {
    if (!e.school.trim()) return incomplete(`personalInfo.educations[${i}].school`, `请填写第${i + 1}条学历的毕业院校`);
    if (!e.major.trim()) return incomplete(`personalInfo.educations[${i}].major`, `请填写第${i + 1}条学历的所学专业`);
  }
  for (const [i, d] of info.degrees.entries()) {
    if (!d.school.trim()) return incomplete(`personalInfo.degrees[${i}].school`, `请填写第${i + 1}条学位的授予单位`);
    if (!d.major.trim()) return incomplete(`personalInfo.degrees[${i}].major`, `请填写第${i + 1}条学位的专业`);
  }
  // Students may register for 初级 where they study; 中级/高级 are open only to people at work.
  if (level !== ExamLevel.JUNIOR && !info.work.employer?.trim()) return incomplete('personalInfo.work.employer', '请填写工作单位');
  for (const [i, r] of info.work.records.entries()) {
    if (!r.employer.trim()) return incomplete(`personalInfo.work.records[${i}].employer`, `请填写第${i + 1}条工作经历的工作单位`);
  }
  for (const [i, q] of info.work.otherQualifications.entries()) {
    if (!q.certificateNumber?.trim()) {
      return incomplete(
        `personalInfo.work.otherQualifications[${i}].certificateNumber`,
        `请填写${QUALIFICATION_FIELD_LABELS[q.field] ?? ''}专业中级资格的证书编号`,
      );
    }
  }
  return null;
}

/** The eligibility pre-check input from the form: degrees count as the education of the same name. */
export function toEligibilityInput(level: ExamLevel, route: string, info: PersonalInfo, examYear: number): EligibilityInput {
  return {
    level,
    route,
    examYear,
    educations: [
      ...info.educations.map((e) => ({ level: e.level, graduationDate: e.graduationDate })),
      ...info.degrees.map((d) => ({ level: DEGREE_AS_EDUCATION[d.degree], graduationDate: d.obtainedDate })),
    ],
    workRecords: info.work.records.map((r) => ({
      start: r.start,
      end: r.end ?? null,
      isAccounting: r.isAccounting,
      partTimeWhileStudying: r.partTimeWhileStudying ?? false,
    })),
    hasAccountantTitleSince: info.work.accountantTitleSince ?? null,
    otherIntermediateQualifications: info.work.otherQualifications.map((q) => ({ field: q.field, obtainedDate: q.obtainedDate })),
  };
}

// ---------------------------------------------------------------------------------------------
// 报名科目

export interface SubjectOption {
  code: string;
  name: string;
}

/**
 * 初级: both subjects in the same year. 中级: 1–3 subjects, never one passed in the previous exam
 * year (those roll over). 高级: its one subject.
 */
export function checkSubjects(
  level: ExamLevel,
  chosen: readonly string[],
  levelSubjects: readonly SubjectOption[],
  rolledOver: ReadonlyMap<string, number>,
): RegistrationFailure | null {
  const fail = (code: RegistrationErrorCode, message: string) => registrationFailure(code, message, { field: 'subjectCodes' });
  const byCode = new Map(levelSubjects.map((s) => [s.code, s]));
  if (new Set(chosen).size !== chosen.length) return fail(RegistrationErrorCode.SUBJECTS_INVALID, '报名科目不能重复选择');
  const foreign = chosen.find((code) => !byCode.has(code));
  if (foreign !== undefined) return fail(RegistrationErrorCode.SUBJECTS_INVALID, `所选科目不属于${EXAM_LEVEL_LABELS[level]}资格考试`);
  if (chosen.length === 0) return fail(RegistrationErrorCode.SUBJECTS_INVALID, '请勾选报名科目');
  const names = levelSubjects.map((s) => s.name).join('和');
  switch (level) {
    case ExamLevel.JUNIOR:
      if (chosen.length !== levelSubjects.length) return fail(RegistrationErrorCode.SUBJECTS_INVALID, `初级资格考试须同时报考${names}两个科目`);
      return null;
    case ExamLevel.SENIOR:
      if (chosen.length !== 1) return fail(RegistrationErrorCode.SUBJECTS_INVALID, `高级资格考试只考${names}一个科目`);
      return null;
    case ExamLevel.INTERMEDIATE: {
      const passed = chosen.find((code) => rolledOver.has(code));
      if (passed !== undefined) {
        return fail(
          RegistrationErrorCode.SUBJECT_ALREADY_PASSED,
          `${byCode.get(passed)!.name}已于${rolledOver.get(passed)}年度考试合格,成绩在有效期内,不能重复报考`,
        );
      }
      return null;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 考试费

export interface FeeTerms {
  perSubjectFen: number;
  perPersonFen: number;
}

export function feeFen(terms: FeeTerms, subjectCount: number): number {
  return terms.perPersonFen + terms.perSubjectFen * subjectCount;
}
