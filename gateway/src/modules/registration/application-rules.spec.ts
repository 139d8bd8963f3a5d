import { describe, expect, it } from 'vitest';
import { checkEligibility } from '../account/eligibility';
import { ExamLevel } from '../exam/exam.entity';
import { ApplicationStatus, ApplicationStep } from './application.entity';
import {
  checkSubjects,
  earlierStep,
  EMPTY_PERSONAL_INFO,
  feeFen,
  hasReached,
  isEditable,
  isWithdrawable,
  laterStep,
  missingPersonalInfo,
  STEP_LABELS,
  STEP_ORDER,
  toEligibilityInput,
  applicationDateBounds,
  profileDateBounds,
  validatePersonalInfoFormat,
  type PersonalInfo,
} from './application-rules';

const JUNIOR = [
  { code: 'JUNIOR_PRACTICE', name: '初级会计实务' },
  { code: 'JUNIOR_ECONOMIC_LAW', name: '经济法基础' },
];
const INTERMEDIATE = [
  { code: 'INTERMEDIATE_PRACTICE', name: '中级会计实务' },
  { code: 'FINANCIAL_MANAGEMENT', name: '财务管理' },
  { code: 'INTERMEDIATE_ECONOMIC_LAW', name: '经济法' },
];
const SENIOR = [{ code: 'SENIOR_PRACTICE', name: '高级会计实务' }];
const none = new Map<string, number>();

function info(overrides: Partial<PersonalInfo> = {}): PersonalInfo {
  return {
    basic: { gender: 'MALE', ethnicity: '汉族', mailingAddress: '上海市徐汇区漕溪北路1号' },
    educations: [{ level: 'JUNIOR_COLLEGE', school: '上海财经大学', major: '会计', graduationDate: '2015-07-01' }],
    degrees: [],
    work: { employer: '上海某公司', records: [{ employer: '上海某公司', start: '2015-08-01', isAccounting: true }], otherQualifications: [] },
    ...overrides,
  };
}

describe('steps', () => {
  it('follow the order and labels of 报名导览', () => {
    expect(STEP_ORDER.map((s) => STEP_LABELS[s])).toEqual(['阅读须知', '通知公告', '选择报考条件', '报名信息填写', '证明材料上传', '信息确认', '审核告知', '网上缴费']);
  });
  it('are reached in order and only move as far as asked', () => {
    expect(hasReached(ApplicationStep.DETAILS, ApplicationStep.CONDITIONS)).toBe(true);
    expect(hasReached(ApplicationStep.CONDITIONS, ApplicationStep.DETAILS)).toBe(false);
    expect(laterStep(ApplicationStep.CONFIRM, ApplicationStep.NOTICES)).toBe(ApplicationStep.CONFIRM);
    expect(earlierStep(ApplicationStep.CONFIRM, ApplicationStep.MATERIALS)).toBe(ApplicationStep.MATERIALS);
    expect(earlierStep(ApplicationStep.DETAILS, ApplicationStep.MATERIALS)).toBe(ApplicationStep.DETAILS);
  });
  it('allow changes only to drafts and rejected applications, and 重新报名 until paid', () => {
    expect(Object.values(ApplicationStatus).filter(isEditable)).toEqual(['DRAFT', 'REJECTED']);
    expect(Object.values(ApplicationStatus).filter(isWithdrawable)).toEqual(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED']);
  });
});

describe('checkSubjects', () => {
  it('初级: both subjects, nothing else', () => {
    expect(checkSubjects(ExamLevel.JUNIOR, ['JUNIOR_PRACTICE', 'JUNIOR_ECONOMIC_LAW'], JUNIOR, none)).toBeNull();
    expect(checkSubjects(ExamLevel.JUNIOR, ['JUNIOR_PRACTICE'], JUNIOR, none)?.message).toBe('初级资格考试须同时报考初级会计实务和经济法基础两个科目');
    expect(checkSubjects(ExamLevel.JUNIOR, ['JUNIOR_PRACTICE', 'FINANCIAL_MANAGEMENT'], JUNIOR, none)?.errorCode).toBe('SUBJECTS_INVALID');
    expect(checkSubjects(ExamLevel.JUNIOR, [], JUNIOR, none)?.message).toBe('请勾选报名科目');
  });
  it('中级: one to three, no duplicates, none passed last year', () => {
    expect(checkSubjects(ExamLevel.INTERMEDIATE, ['FINANCIAL_MANAGEMENT'], INTERMEDIATE, none)).toBeNull();
    expect(checkSubjects(ExamLevel.INTERMEDIATE, INTERMEDIATE.map((s) => s.code), INTERMEDIATE, none)).toBeNull();
    expect(checkSubjects(ExamLevel.INTERMEDIATE, ['FINANCIAL_MANAGEMENT', 'FINANCIAL_MANAGEMENT'], INTERMEDIATE, none)?.message).toBe('报名科目不能重复选择');
    const rolled = new Map([['INTERMEDIATE_ECONOMIC_LAW', 2025]]);
    expect(checkSubjects(ExamLevel.INTERMEDIATE, ['INTERMEDIATE_PRACTICE', 'FINANCIAL_MANAGEMENT'], INTERMEDIATE, rolled)).toBeNull();
    expect(checkSubjects(ExamLevel.INTERMEDIATE, ['INTERMEDIATE_ECONOMIC_LAW'], INTERMEDIATE, rolled)).toMatchObject({
      errorCode: 'SUBJECT_ALREADY_PASSED',
      message: '经济法已于2025年度考试合格,成绩在有效期内,不能重复报考',
      field: 'subjectCodes',
    });
  });
  it('高级: its one subject', () => {
    expect(checkSubjects(ExamLevel.SENIOR, ['SENIOR_PRACTICE'], SENIOR, none)).toBeNull();
    expect(checkSubjects(ExamLevel.SENIOR, ['SENIOR_PRACTICE', 'INTERMEDIATE_PRACTICE'], SENIOR, none)?.errorCode).toBe('SUBJECTS_INVALID');
  });
});

describe('personal information', () => {
  const today = applicationDateBounds('2026-11-26', 2027);
  it('accepts a well-formed draft, even an incomplete one', () => {
    expect(validatePersonalInfoFormat(info(), today)).toBeNull();
    expect(validatePersonalInfoFormat(EMPTY_PERSONAL_INFO, today)).toBeNull();
  });
  it('names the first malformed field', () => {
    expect(validatePersonalInfoFormat(info({ basic: { postalCode: '10008' } }), today)?.field).toBe('personalInfo.basic.postalCode');
    expect(validatePersonalInfoFormat(info({ basic: { email: 'a@b' } }), today)?.field).toBe('personalInfo.basic.email');
    const futureWork = info();
    futureWork.work.records[0]!.start = '2026-11-27';
    expect(validatePersonalInfoFormat(futureWork, today)?.field).toBe('personalInfo.work.records[0].start');
    const backwards = info();
    backwards.work.records[0]!.end = '2015-07-31';
    expect(validatePersonalInfoFormat(backwards, today)).toMatchObject({ field: 'personalInfo.work.records[0].end', message: '结束时间不能早于开始时间' });
    const tooMany = info({ educations: Array.from({ length: 6 }, () => info().educations[0]!) });
    expect(validatePersonalInfoFormat(tooMany, today)?.message).toBe('学历信息最多填写5条');
  });
  it('checks every record: dates in order and not in the future, no duplicates, certificate numbers, qualifications', () => {
    const cases: Array<[PersonalInfo, string, string]> = [];
    const lateGraduation = info();
    lateGraduation.educations[0]!.graduationDate = '2028-01-01';
    cases.push([lateGraduation, 'personalInfo.educations[0].graduationDate', '毕业时间不能晚于2027年12月31日']);
    const twice = info();
    twice.educations.push({ ...twice.educations[0]! });
    cases.push([twice, 'personalInfo.educations[1]', '第2条学历信息与前面的记录重复,请删除']);
    const badDegree = info({ degrees: [{ degree: 'MASTER', school: '某大学', major: '会计', obtainedDate: '2019-02-29' }] });
    cases.push([badDegree, 'personalInfo.degrees[0].obtainedDate', '取得学位时间格式应为YYYY-MM-DD']);
    const longCertificate = info();
    longCertificate.educations[0]!.certificateNumber = '1'.repeat(41);
    cases.push([longCertificate, 'personalInfo.educations[0].certificateNumber', '证书编号过长,最多40个字符']);
    const futureEnd = info();
    futureEnd.work.records[0]!.end = '2026-12-31';
    cases.push([futureEnd, 'personalInfo.work.records[0].end', '结束时间不能晚于今天;仍在该单位工作的,结束时间请留空']);
    const twoAudits = info();
    twoAudits.work.otherQualifications = [
      { field: 'AUDIT', obtainedDate: '2020-12-01', certificateNumber: 'A1' },
      { field: 'AUDIT', obtainedDate: '2021-12-01', certificateNumber: 'A2' },
    ];
    cases.push([twoAudits, 'personalInfo.work.otherQualifications[1].field', '审计专业中级资格只需填写一条']);
    const futureQualification = info();
    futureQualification.work.otherQualifications = [{ field: 'STATISTICS', obtainedDate: '2026-11-27', certificateNumber: 'S1' }];
    cases.push([futureQualification, 'personalInfo.work.otherQualifications[0].obtainedDate', '取得资格时间格式应为YYYY-MM-DD,且不能晚于今天']);
    for (const [draft, field, message] of cases) {
      expect(validatePersonalInfoFormat(draft, today)).toEqual({ ok: false, errorCode: 'DETAILS_INVALID', field, message });
    }
    // This year's graduates may register: graduation up to 31 December of the exam year.
    const graduatesNextSummer = info();
    graduatesNextSummer.educations[0]!.graduationDate = '2027-07-01';
    expect(validatePersonalInfoFormat(graduatesNextSummer, today)).toBeNull();
    // 信息采集 belongs to no exam year: up to the end of next year.
    expect(profileDateBounds('2026-11-26').latestAwardDate).toBe('2027-12-31');
  });

  it('on confirmation, every row given is complete: degree school, work employer, qualification certificate', () => {
    const degree = info({ degrees: [{ degree: 'BACHELOR', school: '', major: '会计学', obtainedDate: '2015-07-01' }] });
    expect(missingPersonalInfo(degree, ExamLevel.INTERMEDIATE)).toMatchObject({ field: 'personalInfo.degrees[0].school', message: '请填写第1条学位的授予单位' });
    const work = info();
    work.work.records.push({ employer: ' ', start: '2020-01-01', isAccounting: false });
    expect(missingPersonalInfo(work, ExamLevel.INTERMEDIATE)?.field).toBe('personalInfo.work.records[1].employer');
    const qualification = info();
    qualification.work.otherQualifications = [{ field: 'ECONOMICS', obtainedDate: '2020-11-01', certificateNumber: null }];
    expect(missingPersonalInfo(qualification, ExamLevel.INTERMEDIATE)).toMatchObject({
      errorCode: 'DETAILS_INCOMPLETE',
      field: 'personalInfo.work.otherQualifications[0].certificateNumber',
      message: '请填写经济专业中级资格的证书编号',
    });
  });

  it('the 经济/统计/审计 route passes with a qualification obtained by 31 December of the exam year, and says so when there is none', () => {
    const route = 'INTERMEDIATE_OTHER_QUALIFICATION';
    expect(checkEligibility(toEligibilityInput(ExamLevel.INTERMEDIATE, route, info(), 2026))).toMatchObject({
      ok: false,
      unmet: [{ code: 'QUALIFICATION_MISSING', message: '所选报考条件要求通过全国统一考试,取得经济、统计、审计专业技术中级资格,您未填写2026年12月31日前取得的相应资格' }],
    });
    const holder = info();
    holder.work.otherQualifications = [{ field: 'STATISTICS', obtainedDate: '2024-12-20', certificateNumber: 'TJ2024001' }];
    expect(checkEligibility(toEligibilityInput(ExamLevel.INTERMEDIATE, route, holder, 2026))).toEqual({ ok: true });
  });

  it('counts text in code points, so rare characters are not counted twice', () => {
    const rare = '𠀾'.repeat(100); // 100 code points, 200 UTF-16 units
    expect(validatePersonalInfoFormat(info({ basic: { mailingAddress: rare } }), today)).toBeNull();
    expect(validatePersonalInfoFormat(info({ basic: { mailingAddress: rare + '𠀾' } }), today)?.field).toBe('personalInfo.basic.mailingAddress');
  });
  it('requires what 确认无误 needs, top to bottom; an employer only above 初级', () => {
    expect(missingPersonalInfo(EMPTY_PERSONAL_INFO, ExamLevel.JUNIOR)?.field).toBe('personalInfo.basic.gender');
    const student = info({ work: { employer: null, records: [], otherQualifications: [] } });
    expect(missingPersonalInfo(student, ExamLevel.JUNIOR)).toBeNull();
    expect(missingPersonalInfo(student, ExamLevel.INTERMEDIATE)).toMatchObject({ errorCode: 'DETAILS_INCOMPLETE', message: '请填写工作单位' });
  });
  it('feeds degrees to the eligibility check as the education of the same name', () => {
    // 大专 with 5 years fails 本科 route; a 学士 degree obtained later makes it pass.
    const base = info();
    expect(checkEligibility(toEligibilityInput(ExamLevel.INTERMEDIATE, 'INTERMEDIATE_BACHELOR', base, 2026)).ok).toBe(false);
    const withDegree = info({ degrees: [{ degree: 'BACHELOR', school: '上海财经大学', major: '会计学', obtainedDate: '2019-07-01' }] });
    expect(checkEligibility(toEligibilityInput(ExamLevel.INTERMEDIATE, 'INTERMEDIATE_BACHELOR', withDegree, 2026))).toEqual({ ok: true });
  });
});

describe('feeFen', () => {
  it('adds the per-person part to the per-subject part', () => {
    expect(feeFen({ perSubjectFen: 4000, perPersonFen: 1000 }, 2)).toBe(9000); // 上海 初级
    expect(feeFen({ perSubjectFen: 5600, perPersonFen: 0 }, 3)).toBe(16800); // 北京 中级, three subjects
  });
});
