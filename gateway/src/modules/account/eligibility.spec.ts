import { describe, expect, it } from 'vitest';
import {
  checkEligibility,
  countAccountingWorkYears,
  ELIGIBILITY_ROUTES,
  type EligibilityInput,
  type EligibilityRoute,
  type WorkRecord,
} from './eligibility';

const accounting = (start: string, end?: string | null): WorkRecord => ({ start, end, isAccounting: true });

describe('ELIGIBILITY_ROUTES', () => {
  it('has unique ids', () => {
    const ids = ELIGIBILITY_ROUTES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('encodes the year thresholds of 会考〔2024〕3号', () => {
    const years = Object.fromEntries(
      ELIGIBILITY_ROUTES.map((r) => [r.id, r.kind === 'EDUCATION_AND_WORK' ? r.requiredAccountingYears : null]),
    );
    expect(years).toEqual({
      JUNIOR_HIGH_SCHOOL_OR_ABOVE: 0,
      INTERMEDIATE_JUNIOR_COLLEGE: 5,
      INTERMEDIATE_BACHELOR: 4,
      INTERMEDIATE_SECOND_BACHELOR_OR_GRADUATE_CLASS: 2,
      INTERMEDIATE_MASTER: 1,
      INTERMEDIATE_DOCTOR: 0,
      INTERMEDIATE_OTHER_QUALIFICATION: null,
      SENIOR_JUNIOR_COLLEGE: 10,
      SENIOR_BACHELOR_OR_MASTER: 5,
      SENIOR_DOCTOR: 2,
    });
  });

  it('labels routes for the 选择报考条件 page', () => {
    const labels = Object.fromEntries(ELIGIBILITY_ROUTES.map((r) => [r.id, r.label]));
    expect(labels['INTERMEDIATE_BACHELOR']).toBe('本科学历或学士学位,从事会计工作满4年');
    expect(labels['INTERMEDIATE_DOCTOR']).toBe('博士学位');
    expect(labels['SENIOR_JUNIOR_COLLEGE']).toBe('大专学历,取得会计师资格后从事会计工作满10年');
  });

  it('counts 高级 years only after 会计师 and all other years regardless of when', () => {
    for (const route of ELIGIBILITY_ROUTES) {
      if (route.kind !== 'EDUCATION_AND_WORK') continue;
      expect(route.yearsCounted, route.id).toBe(
        route.level === 'SENIOR' ? 'AFTER_ACCOUNTANT_TITLE' : 'ALL_ACCOUNTING_WORK',
      );
    }
  });
});

describe('countAccountingWorkYears', () => {
  it('returns 0 without work records', () => {
    expect(countAccountingWorkYears([], 2026)).toBe(0);
  });

  it('counts an open-ended job up to 31 December of the exam year', () => {
    expect(countAccountingWorkYears([accounting('2022-01-01')], 2025)).toBe(4);
    expect(countAccountingWorkYears([accounting('2022-01-01', null)], 2025)).toBe(4);
  });

  it('rounds down: one day short of 4 years is 3', () => {
    expect(countAccountingWorkYears([accounting('2022-01-02')], 2025)).toBe(3);
  });

  it('ignores work after the cut-off', () => {
    expect(countAccountingWorkYears([accounting('2022-01-01', '2030-06-30')], 2025)).toBe(4);
    expect(countAccountingWorkYears([accounting('2026-01-01', '2030-06-30')], 2025)).toBe(0);
  });

  it('counts calendar years, with or without a leap day in between', () => {
    // 1095 days with no 29 February: a days ÷ 365.25 rule would say 2.
    expect(countAccountingWorkYears([accounting('2025-01-01', '2027-12-31')], 2027)).toBe(3);
    expect(countAccountingWorkYears([accounting('2020-02-29', '2024-02-28')], 2026)).toBe(4);
    expect(countAccountingWorkYears([accounting('2020-02-29', '2024-02-27')], 2026)).toBe(3);
  });

  it('merges overlapping jobs so concurrent work counts once', () => {
    const records = [accounting('2020-01-01', '2022-12-31'), accounting('2022-01-01', '2023-12-31')];
    expect(countAccountingWorkYears(records, 2026)).toBe(4);
  });

  it('merges a job contained in another', () => {
    const records = [accounting('2020-01-01', '2023-12-31'), accounting('2021-01-01', '2021-06-30')];
    expect(countAccountingWorkYears(records, 2026)).toBe(4);
  });

  it('joins back-to-back jobs without losing the day in between', () => {
    const records = [accounting('2021-07-01', '2023-12-31'), accounting('2020-01-01', '2021-06-30')];
    expect(countAccountingWorkYears(records, 2026)).toBe(4);
  });

  it('pools leftover days of separate periods, 31 days per month', () => {
    // 23 months + 16 days, then 12 months + 16 days: 35 months + 32 days = 36 months.
    const pooled = [accounting('2020-01-16', '2021-12-31'), accounting('2022-03-01', '2023-03-16')];
    expect(countAccountingWorkYears(pooled, 2026)).toBe(3);
    // 16 + 15 = exactly 31 leftover days still make the 36th month.
    const exactly31 = [accounting('2020-01-16', '2021-12-31'), accounting('2022-03-01', '2023-03-15')];
    expect(countAccountingWorkYears(exactly31, 2026)).toBe(3);
    // 16 + 14 = 30 leftover days do not make a month.
    const short = [accounting('2020-01-16', '2021-12-31'), accounting('2022-03-01', '2023-03-14')];
    expect(countAccountingWorkYears(short, 2026)).toBe(2);
  });

  it('excludes non-accounting work and part-time work while studying', () => {
    const records: WorkRecord[] = [
      { start: '2016-09-01', end: '2020-06-30', isAccounting: true, partTimeWhileStudying: true },
      { start: '2020-07-01', end: '2021-12-31', isAccounting: false },
      accounting('2022-01-01'),
    ];
    expect(countAccountingWorkYears(records, 2026)).toBe(5);
  });

  it('counts only work from `since` on', () => {
    const records = [accounting('2010-01-01')];
    expect(countAccountingWorkYears(records, 2026, { since: '2021-06-01' })).toBe(5);
    expect(countAccountingWorkYears(records, 2026, { since: '2021-06-02' })).toBe(5);
    expect(countAccountingWorkYears(records, 2026, { since: '2022-01-02' })).toBe(4);
    expect(countAccountingWorkYears(records, 2026, { since: '2027-01-01' })).toBe(0);
  });

  it.each([
    ['a malformed start', { start: '2020/01/01', isAccounting: true }],
    ['an impossible date', { start: '2021-02-29', isAccounting: true }],
    ['a malformed end', { start: '2020-01-01', end: '2021-13-01', isAccounting: true }],
    ['an end before the start', { start: '2021-01-01', end: '2020-12-31', isAccounting: true }],
    ['a bad date in a non-accounting record', { start: '2020-02-30', isAccounting: false }],
  ])('throws RangeError for %s', (_label, record) => {
    expect(() => countAccountingWorkYears([record as WorkRecord], 2026)).toThrow(RangeError);
  });

  it('throws RangeError for a malformed `since`', () => {
    expect(() => countAccountingWorkYears([], 2026, { since: '2021-6-1' })).toThrow(RangeError);
  });
});

const examYear = 2026;

function intermediateBachelor(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    level: 'INTERMEDIATE',
    route: 'INTERMEDIATE_BACHELOR',
    educations: [{ level: 'BACHELOR', graduationDate: '2022-06-30' }],
    workRecords: [accounting('2023-01-01')],
    examYear,
    ...overrides,
  };
}

describe('checkEligibility: 初级', () => {
  const junior = (educations: EligibilityInput['educations']): EligibilityInput => ({
    level: 'JUNIOR',
    route: 'JUNIOR_HIGH_SCHOOL_OR_ABOVE',
    educations,
    workRecords: [],
    examYear,
  });

  it.each(['HIGH_SCHOOL', 'JUNIOR_COLLEGE', 'BACHELOR', 'DOCTOR'] as const)(
    'accepts %s without any work',
    (level) => {
      expect(checkEligibility(junior([{ level, graduationDate: '2020-06-30' }]))).toEqual({ ok: true });
    },
  );

  it('accepts education obtained on 31 December of the exam year, not a day later', () => {
    expect(checkEligibility(junior([{ level: 'HIGH_SCHOOL', graduationDate: '2026-12-31' }]))).toEqual({ ok: true });
    expect(checkEligibility(junior([{ level: 'HIGH_SCHOOL', graduationDate: '2027-01-01' }]))).toEqual({
      ok: false,
      errorCode: 'ELIGIBILITY_NOT_MET',
      unmet: [{ code: 'EDUCATION_TOO_LATE', message: '高中毕业(含中专、职高、技校)及以上学历须在2026年12月31日前取得' }],
    });
  });

  it('rejects a candidate without education', () => {
    expect(checkEligibility(junior([]))).toEqual({
      ok: false,
      errorCode: 'ELIGIBILITY_NOT_MET',
      unmet: [
        {
          code: 'EDUCATION_MISSING',
          message: '所选报考条件要求高中毕业(含中专、职高、技校)及以上学历,您未填写相应的学历或学位',
        },
      ],
    });
  });
});

describe('checkEligibility: 中级', () => {
  it('accepts 本科 with 4 years of accounting work by 31 December', () => {
    expect(checkEligibility(intermediateBachelor())).toEqual({ ok: true });
  });

  it('says exactly how many years are missing', () => {
    expect(checkEligibility(intermediateBachelor({ workRecords: [accounting('2023-06-01')] }))).toEqual({
      ok: false,
      errorCode: 'ELIGIBILITY_NOT_MET',
      unmet: [
        {
          code: 'WORK_YEARS_NOT_MET',
          message: '本科学历或学士学位须从事会计工作满4年,截至2026年12月31日您的会计工作年限为3年',
        },
      ],
    });
  });

  it('adds up work before and after obtaining the education (财会〔2000〕16号)', () => {
    const input = intermediateBachelor({
      educations: [{ level: 'BACHELOR', graduationDate: '2025-01-15' }],
      workRecords: [accounting('2019-01-01', '2020-12-31'), accounting('2025-01-01')],
    });
    expect(checkEligibility(input)).toEqual({ ok: true });
  });

  it('does not count part-time work while studying', () => {
    const input = intermediateBachelor({
      educations: [{ level: 'BACHELOR', graduationDate: '2024-06-30' }],
      workRecords: [
        { start: '2020-09-01', end: '2024-06-30', isAccounting: true, partTimeWhileStudying: true },
        accounting('2024-07-01'),
      ],
    });
    expect(checkEligibility(input)).toMatchObject({
      ok: false,
      unmet: [{ code: 'WORK_YEARS_NOT_MET', message: expect.stringContaining('会计工作年限为2年') }],
    });
  });

  it.each([
    ['INTERMEDIATE_JUNIOR_COLLEGE', 'JUNIOR_COLLEGE', '2022-01-01', '2022-01-02'],
    ['INTERMEDIATE_SECOND_BACHELOR_OR_GRADUATE_CLASS', 'SECOND_BACHELOR', '2025-01-01', '2025-01-02'],
    ['INTERMEDIATE_SECOND_BACHELOR_OR_GRADUATE_CLASS', 'GRADUATE_CLASS', '2025-01-01', '2025-01-02'],
    ['INTERMEDIATE_MASTER', 'MASTER', '2026-01-01', '2026-01-02'],
  ] as const)('%s with %s: work from %s is enough, from %s is not', (route, level, inTime, tooLate) => {
    const check = (start: string) =>
      checkEligibility({
        level: 'INTERMEDIATE',
        route,
        educations: [{ level, graduationDate: '2019-06-30' }],
        workRecords: [accounting(start)],
        examYear,
      });
    expect(check(inTime)).toEqual({ ok: true });
    expect(check(tooLate)).toMatchObject({ ok: false, unmet: [{ code: 'WORK_YEARS_NOT_MET' }] });
  });

  it('accepts 博士 without work', () => {
    const input: EligibilityInput = {
      level: 'INTERMEDIATE',
      route: 'INTERMEDIATE_DOCTOR',
      educations: [{ level: 'DOCTOR', graduationDate: '2026-07-01' }],
      workRecords: [],
      examYear,
    };
    expect(checkEligibility(input)).toEqual({ ok: true });
  });

  it('does not let a different education satisfy the chosen route', () => {
    const input = intermediateBachelor({ educations: [{ level: 'JUNIOR_COLLEGE', graduationDate: '2015-06-30' }] });
    expect(checkEligibility(input)).toEqual({
      ok: false,
      errorCode: 'ELIGIBILITY_NOT_MET',
      unmet: [{ code: 'EDUCATION_MISSING', message: '所选报考条件要求本科学历或学士学位,您未填写相应的学历或学位' }],
    });
  });

  it('accepts the route if any matching education was obtained in time', () => {
    const input = intermediateBachelor({
      educations: [
        { level: 'BACHELOR', graduationDate: '2027-06-30' },
        { level: 'BACHELOR', graduationDate: '2022-06-30' },
      ],
    });
    expect(checkEligibility(input)).toEqual({ ok: true });
  });

  it('reports every unmet condition together', () => {
    const input = intermediateBachelor({
      educations: [{ level: 'BACHELOR', graduationDate: '2027-06-30' }],
      workRecords: [],
    });
    expect(checkEligibility(input)).toEqual({
      ok: false,
      errorCode: 'ELIGIBILITY_NOT_MET',
      unmet: [
        { code: 'EDUCATION_TOO_LATE', message: '本科学历或学士学位须在2026年12月31日前取得' },
        {
          code: 'WORK_YEARS_NOT_MET',
          message: '本科学历或学士学位须从事会计工作满4年,截至2026年12月31日您的会计工作年限为0年',
        },
      ],
    });
  });

  describe('via an 经济/统计/审计 中级 qualification', () => {
    const viaQualification = (qualifications: EligibilityInput['otherIntermediateQualifications']) =>
      checkEligibility({
        level: 'INTERMEDIATE',
        route: 'INTERMEDIATE_OTHER_QUALIFICATION',
        educations: [],
        workRecords: [],
        examYear,
        otherIntermediateQualifications: qualifications,
      });

    it.each(['ECONOMICS', 'STATISTICS', 'AUDIT'] as const)('accepts %s without education or work', (field) => {
      expect(viaQualification([{ field, obtainedDate: '2024-12-01' }])).toEqual({ ok: true });
    });

    it.each([
      ['no qualification', undefined],
      ['an empty list', []],
      ['a qualification obtained after the cut-off', [{ field: 'AUDIT' as const, obtainedDate: '2027-01-01' }]],
    ])('rejects %s', (_label, qualifications) => {
      expect(viaQualification(qualifications)).toEqual({
        ok: false,
        errorCode: 'ELIGIBILITY_NOT_MET',
        unmet: [
          {
            code: 'QUALIFICATION_MISSING',
            message:
              '所选报考条件要求通过全国统一考试,取得经济、统计、审计专业技术中级资格,您未填写2026年12月31日前取得的相应资格',
          },
        ],
      });
    });
  });
});

describe('checkEligibility: 高级', () => {
  const senior = (overrides: Partial<EligibilityInput> = {}): EligibilityInput => ({
    level: 'SENIOR',
    route: 'SENIOR_BACHELOR_OR_MASTER',
    educations: [{ level: 'MASTER', graduationDate: '2012-06-30' }],
    workRecords: [accounting('2012-07-01')],
    examYear,
    hasAccountantTitleSince: '2021-06-01',
    ...overrides,
  });

  it('accepts 5 years after obtaining 会计师', () => {
    expect(checkEligibility(senior())).toEqual({ ok: true });
  });

  it('ignores accounting work before 会计师', () => {
    expect(checkEligibility(senior({ hasAccountantTitleSince: '2022-03-01' }))).toEqual({
      ok: false,
      errorCode: 'ELIGIBILITY_NOT_MET',
      unmet: [
        {
          code: 'WORK_YEARS_NOT_MET',
          message:
            '本科、学士、硕士、第二学士学位或研究生班学历须取得会计师资格后从事会计工作满5年,' +
            '截至2026年12月31日您取得会计师资格后的会计工作年限为4年',
        },
      ],
    });
  });

  it.each([undefined, null])('requires 会计师 (given %s)', (title) => {
    expect(checkEligibility(senior({ hasAccountantTitleSince: title }))).toEqual({
      ok: false,
      errorCode: 'ELIGIBILITY_NOT_MET',
      unmet: [{ code: 'ACCOUNTANT_TITLE_MISSING', message: '报考高级资格须已取得会计师资格' }],
    });
  });

  it('needs 10 years after 会计师 with 大专', () => {
    const input = senior({
      route: 'SENIOR_JUNIOR_COLLEGE',
      educations: [{ level: 'JUNIOR_COLLEGE', graduationDate: '2005-06-30' }],
      workRecords: [accounting('2005-07-01')],
      hasAccountantTitleSince: '2016-01-01',
    });
    expect(checkEligibility(input)).toEqual({ ok: true });
    expect(checkEligibility({ ...input, hasAccountantTitleSince: '2017-01-02' })).toMatchObject({
      ok: false,
      unmet: [{ code: 'WORK_YEARS_NOT_MET', message: expect.stringContaining('满10年') }],
    });
  });

  it('needs 2 years after 会计师 with 博士', () => {
    const input = senior({
      route: 'SENIOR_DOCTOR',
      educations: [{ level: 'DOCTOR', graduationDate: '2020-06-30' }],
      hasAccountantTitleSince: '2025-01-01',
    });
    expect(checkEligibility(input)).toEqual({ ok: true });
    expect(checkEligibility({ ...input, hasAccountantTitleSince: '2025-01-02' })).toMatchObject({ ok: false });
  });
});

describe('checkEligibility: routes', () => {
  it.each([
    ['an unknown route', 'INTERMEDIATE', 'NO_SUCH_ROUTE', '中级'],
    ['a route of another level', 'SENIOR', 'INTERMEDIATE_BACHELOR', '高级'],
  ] as const)('rejects %s', (_label, level, route, levelLabel) => {
    expect(checkEligibility(intermediateBachelor({ level, route }))).toEqual({
      ok: false,
      errorCode: 'ELIGIBILITY_NOT_MET',
      unmet: [{ code: 'ROUTE_NOT_AVAILABLE', message: `所选报考条件不适用于${levelLabel}资格考试,请重新选择` }],
    });
  });

  it('accepts a provincial route passed as data', () => {
    const localRoute: EligibilityRoute = {
      id: 'SENIOR_LOCAL_BACHELOR_3',
      level: 'SENIOR',
      label: '本科学历,取得会计师资格后从事会计工作满3年(本省)',
      kind: 'EDUCATION_AND_WORK',
      educations: ['BACHELOR'],
      educationLabel: '本科学历',
      requiredAccountingYears: 3,
      yearsCounted: 'AFTER_ACCOUNTANT_TITLE',
    };
    const input: EligibilityInput = {
      level: 'SENIOR',
      route: localRoute.id,
      educations: [{ level: 'BACHELOR', graduationDate: '2015-06-30' }],
      workRecords: [accounting('2015-07-01')],
      examYear,
      hasAccountantTitleSince: '2023-05-20',
    };
    expect(checkEligibility(input)).toMatchObject({ unmet: [{ code: 'ROUTE_NOT_AVAILABLE' }] });
    expect(checkEligibility(input, [...ELIGIBILITY_ROUTES, localRoute])).toEqual({ ok: true });
  });
});
