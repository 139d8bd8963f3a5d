/**
 * 报考条件 (会考〔2024〕3号) as data, plus a pure pre-check for 告知承诺制: the candidate signs the
 * commitment, the system checks what it can and says exactly which condition is not met. The
 * conduct conditions (abiding by 会计法 …) are covered by the commitment, not checked here.
 */

/** 'YYYY-MM-DD' */
export type IsoDate = string;

export type ExamLevel = 'JUNIOR' | 'INTERMEDIATE' | 'SENIOR';

export const EXAM_LEVEL_LABELS: Readonly<Record<ExamLevel, string>> = {
  JUNIOR: '初级',
  INTERMEDIATE: '中级',
  SENIOR: '高级',
};

export type EducationLevel =
  | 'HIGH_SCHOOL'
  | 'JUNIOR_COLLEGE'
  | 'BACHELOR'
  | 'SECOND_BACHELOR'
  | 'GRADUATE_CLASS'
  | 'MASTER'
  | 'DOCTOR';

export const EDUCATION_LEVEL_LABELS: Readonly<Record<EducationLevel, string>> = {
  HIGH_SCHOOL: '高中(含中专、职高、技校)',
  JUNIOR_COLLEGE: '大专',
  BACHELOR: '本科(学士)',
  SECOND_BACHELOR: '第二学士学位',
  GRADUATE_CLASS: '研究生班',
  MASTER: '硕士',
  DOCTOR: '博士',
};

/** Fields whose national-exam 中级 qualification opens the 中级 accounting exam. */
export type QualificationField = 'ECONOMICS' | 'STATISTICS' | 'AUDIT';

/**
 * One way to qualify for a level. Provinces may add local routes (mostly for 高级): append rows to
 * a copy of ELIGIBILITY_ROUTES and pass it to checkEligibility.
 */
export type EligibilityRoute =
  | {
      id: string;
      level: ExamLevel;
      /** Full condition as the 选择报考条件 page lists it. */
      label: string;
      kind: 'EDUCATION_AND_WORK';
      educations: readonly EducationLevel[];
      /** How the education is named in messages: “本科学历或学士学位须…”. */
      educationLabel: string;
      requiredAccountingYears: number;
      /**
       * ALL_ACCOUNTING_WORK: work before and after obtaining the education add up (财会〔2000〕16号).
       * AFTER_ACCOUNTANT_TITLE: only work after obtaining 会计师 counts (高级).
       */
      yearsCounted: 'ALL_ACCOUNTING_WORK' | 'AFTER_ACCOUNTANT_TITLE';
    }
  | {
      id: string;
      level: ExamLevel;
      label: string;
      kind: 'OTHER_INTERMEDIATE_QUALIFICATION';
      fields: readonly QualificationField[];
    };

const ALL_EDUCATION_LEVELS = Object.keys(EDUCATION_LEVEL_LABELS) as EducationLevel[];

function educationRoute(
  id: string,
  level: ExamLevel,
  educations: readonly EducationLevel[],
  educationLabel: string,
  requiredAccountingYears: number,
): EligibilityRoute {
  const afterTitle = level === 'SENIOR';
  const work =
    requiredAccountingYears === 0
      ? ''
      : `,${afterTitle ? '取得会计师资格后' : ''}从事会计工作满${requiredAccountingYears}年`;
  return {
    id,
    level,
    label: `${educationLabel}${work}`,
    kind: 'EDUCATION_AND_WORK',
    educations,
    educationLabel,
    requiredAccountingYears,
    yearsCounted: afterTitle ? 'AFTER_ACCOUNTANT_TITLE' : 'ALL_ACCOUNTING_WORK',
  };
}

/** National routes of 会考〔2024〕3号, in the order the notice lists them. */
export const ELIGIBILITY_ROUTES: readonly EligibilityRoute[] = [
  educationRoute('JUNIOR_HIGH_SCHOOL_OR_ABOVE', 'JUNIOR', ALL_EDUCATION_LEVELS, '高中毕业(含中专、职高、技校)及以上学历', 0),
  educationRoute('INTERMEDIATE_JUNIOR_COLLEGE', 'INTERMEDIATE', ['JUNIOR_COLLEGE'], '大专学历', 5),
  educationRoute('INTERMEDIATE_BACHELOR', 'INTERMEDIATE', ['BACHELOR'], '本科学历或学士学位', 4),
  educationRoute(
    'INTERMEDIATE_SECOND_BACHELOR_OR_GRADUATE_CLASS',
    'INTERMEDIATE',
    ['SECOND_BACHELOR', 'GRADUATE_CLASS'],
    '第二学士学位或研究生班毕业',
    2,
  ),
  educationRoute('INTERMEDIATE_MASTER', 'INTERMEDIATE', ['MASTER'], '硕士学位', 1),
  educationRoute('INTERMEDIATE_DOCTOR', 'INTERMEDIATE', ['DOCTOR'], '博士学位', 0),
  {
    id: 'INTERMEDIATE_OTHER_QUALIFICATION',
    level: 'INTERMEDIATE',
    label: '通过全国统一考试,取得经济、统计、审计专业技术中级资格',
    kind: 'OTHER_INTERMEDIATE_QUALIFICATION',
    fields: ['ECONOMICS', 'STATISTICS', 'AUDIT'],
  },
  educationRoute('SENIOR_JUNIOR_COLLEGE', 'SENIOR', ['JUNIOR_COLLEGE'], '大专学历', 10),
  educationRoute(
    'SENIOR_BACHELOR_OR_MASTER',
    'SENIOR',
    ['BACHELOR', 'SECOND_BACHELOR', 'GRADUATE_CLASS', 'MASTER'],
    '本科、学士、硕士、第二学士学位或研究生班学历',
    5,
  ),
  educationRoute('SENIOR_DOCTOR', 'SENIOR', ['DOCTOR'], '博士学位', 2),
];

export interface WorkRecord {
  start: IsoDate;
  /** null or absent: still working there. */
  end?: IsoDate | null;
  isAccounting: boolean;
  /** 在校生勤工助学: never counts as accounting work. */
  partTimeWhileStudying?: boolean;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a strict 'YYYY-MM-DD' calendar date. */
function toDayNumber(date: IsoDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const utc = Date.UTC(year, month - 1, day);
  const parsed = new Date(utc);
  if (!match || parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: "${date}"`);
  }
  return utc / MS_PER_DAY;
}

function endOfYear(year: number): number {
  return Date.UTC(year, 11, 31) / MS_PER_DAY;
}

/** The date `months` calendar months after `dayNumber`, clamped to month end (31 Jan + 1 = 28/29 Feb). */
function addMonths(dayNumber: number, months: number): number {
  const date = new Date(dayNumber * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDayOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDayOfTarget)) / MS_PER_DAY;
}

/** Whole calendar months in [start, endExclusive) and the days left over. */
function splitIntoMonths(start: number, endExclusive: number): { months: number; days: number } {
  const from = new Date(start * MS_PER_DAY);
  const to = new Date(endExclusive * MS_PER_DAY);
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  if (addMonths(start, months) > endExclusive) months--;
  return { months, days: endExclusive - addMonths(start, months) };
}

/**
 * Leftover days of separate periods are pooled into months at 31 days each: never more than a
 * calendar month, so a single period is never rounded up to a month it did not complete.
 */
const POOLED_DAYS_PER_MONTH = 31;

/**
 * Whole years of accounting work up to 31 December of the exam year (the cut-off of the notice).
 * - Counts work before and after obtaining the education alike (财会〔2000〕16号); excludes
 *   non-accounting work and part-time work while studying.
 * - Overlapping or back-to-back periods are merged, so two jobs held at once count once.
 * - Each merged period contributes whole calendar months (1 March → 28 February is 12 months,
 *   leap day or not); leftover days are pooled (see POOLED_DAYS_PER_MONTH). Years = months ÷ 12,
 *   rounded down: 3 years 11 months is 3 years.
 * - `since` (e.g. the date 会计师 was obtained) ignores work before that day.
 * Throws RangeError for a malformed date or a period that ends before it starts: input validation
 * is the caller's job, and a silent 0 would wrongly tell the candidate they are not eligible.
 */
export function countAccountingWorkYears(
  workRecords: readonly WorkRecord[],
  examYear: number,
  options: { since?: IsoDate } = {},
): number {
  const cutOff = endOfYear(examYear);
  const since = options.since === undefined ? -Infinity : toDayNumber(options.since);
  const periods: Array<{ start: number; end: number }> = [];
  for (const record of workRecords) {
    const start = toDayNumber(record.start);
    const end = record.end == null ? Infinity : toDayNumber(record.end);
    if (end < start) throw new RangeError(`work period ends before it starts: ${record.start} – ${record.end}`);
    if (!record.isAccounting || record.partTimeWhileStudying) continue;
    const clipped = { start: Math.max(start, since), end: Math.min(end, cutOff) };
    if (clipped.start <= clipped.end) periods.push(clipped);
  }
  periods.sort((a, b) => a.start - b.start);

  const merged: Array<{ start: number; end: number }> = [];
  for (const period of periods) {
    const last = merged.at(-1);
    if (last && period.start <= last.end + 1) last.end = Math.max(last.end, period.end);
    else merged.push({ ...period });
  }

  let months = 0;
  let leftoverDays = 0;
  for (const period of merged) {
    const split = splitIntoMonths(period.start, period.end + 1);
    months += split.months;
    leftoverDays += split.days;
  }
  months += Math.floor(leftoverDays / POOLED_DAYS_PER_MONTH);
  return Math.floor(months / 12);
}

export interface EligibilityInput {
  level: ExamLevel;
  /** An EligibilityRoute id. */
  route: string;
  educations: readonly { level: EducationLevel; graduationDate: IsoDate }[];
  workRecords: readonly WorkRecord[];
  examYear: number;
  /** Date 会计师 (中级) was obtained; required for 高级. */
  hasAccountantTitleSince?: IsoDate | null;
  otherIntermediateQualifications?: readonly { field: QualificationField; obtainedDate: IsoDate }[];
}

export type EligibilityUnmetCode =
  | 'ROUTE_NOT_AVAILABLE'
  | 'EDUCATION_MISSING'
  | 'EDUCATION_TOO_LATE'
  | 'ACCOUNTANT_TITLE_MISSING'
  | 'WORK_YEARS_NOT_MET'
  | 'QUALIFICATION_MISSING';

export type EligibilityResult =
  | { ok: true }
  | { ok: false; errorCode: 'ELIGIBILITY_NOT_MET'; unmet: Array<{ code: EligibilityUnmetCode; message: string }> };

/**
 * Checks one chosen route and lists every unmet condition, so the candidate can fix them at once.
 * Education and qualifications count if obtained by 31 December of the exam year.
 */
export function checkEligibility(
  input: EligibilityInput,
  routes: readonly EligibilityRoute[] = ELIGIBILITY_ROUTES,
): EligibilityResult {
  const unmet: Array<{ code: EligibilityUnmetCode; message: string }> = [];
  const cutOffText = `${input.examYear}年12月31日`;
  const cutOff = endOfYear(input.examYear);
  const route = routes.find((r) => r.id === input.route && r.level === input.level);

  if (!route) {
    unmet.push({
      code: 'ROUTE_NOT_AVAILABLE',
      message: `所选报考条件不适用于${EXAM_LEVEL_LABELS[input.level]}资格考试,请重新选择`,
    });
  } else if (route.kind === 'OTHER_INTERMEDIATE_QUALIFICATION') {
    const held = (input.otherIntermediateQualifications ?? []).some(
      (q) => route.fields.includes(q.field) && toDayNumber(q.obtainedDate) <= cutOff,
    );
    if (!held) {
      unmet.push({
        code: 'QUALIFICATION_MISSING',
        message: `所选报考条件要求${route.label},您未填写${cutOffText}前取得的相应资格`,
      });
    }
  } else {
    const matching = input.educations.filter((e) => route.educations.includes(e.level));
    if (matching.length === 0) {
      unmet.push({
        code: 'EDUCATION_MISSING',
        message: `所选报考条件要求${route.educationLabel},您未填写相应的学历或学位`,
      });
    } else if (!matching.some((e) => toDayNumber(e.graduationDate) <= cutOff)) {
      unmet.push({
        code: 'EDUCATION_TOO_LATE',
        message: `${route.educationLabel}须在${cutOffText}前取得`,
      });
    }

    const afterTitle = route.yearsCounted === 'AFTER_ACCOUNTANT_TITLE';
    if (afterTitle && !input.hasAccountantTitleSince) {
      unmet.push({
        code: 'ACCOUNTANT_TITLE_MISSING',
        message: `报考${EXAM_LEVEL_LABELS[route.level]}资格须已取得会计师资格`,
      });
    } else if (route.requiredAccountingYears > 0) {
      const since = afterTitle ? (input.hasAccountantTitleSince ?? undefined) : undefined;
      const years = countAccountingWorkYears(input.workRecords, input.examYear, { since });
      if (years < route.requiredAccountingYears) {
        const after = afterTitle ? '取得会计师资格后' : '';
        unmet.push({
          code: 'WORK_YEARS_NOT_MET',
          message:
            `${route.educationLabel}须${after}从事会计工作满${route.requiredAccountingYears}年,` +
            `截至${cutOffText}您${after}的会计工作年限为${years}年`,
        });
      }
    }
  }

  return unmet.length === 0 ? { ok: true } : { ok: false, errorCode: 'ELIGIBILITY_NOT_MET', unmet };
}
