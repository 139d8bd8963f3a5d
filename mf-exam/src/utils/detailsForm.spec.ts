import { describe, expect, it } from 'vitest';
import { applyPersonalInfo, detailsInputOf, emptyDetailsForm, formFieldOf } from './detailsForm';

describe('报名信息填写 form', () => {
  it('leaves a half-filled 学历 out of the draft and sends blanks as null', () => {
    const form = { ...emptyDetailsForm(), educationLevel: 'BACHELOR' as const, educationSchool: '中央财经大学', ethnicity: '  ' };
    const input = detailsInputOf(form);
    expect(input.personalInfo!.educations).toEqual([]);
    expect(input.personalInfo!.basic.ethnicity).toBeNull();
    expect(input.cityId).toBeNull();
  });

  it('builds one accounting work period from 从事会计工作起始时间', () => {
    const form = { ...emptyDetailsForm(), employer: '北京燕园科技有限公司', accountingWorkStart: '2016-07-15' };
    expect(detailsInputOf(form).personalInfo!.work.records).toEqual([
      { employer: '北京燕园科技有限公司', start: '2016-07-15', end: null, isAccounting: true },
    ]);
  });

  it('maps server fields to the form item that shows the message', () => {
    expect(formFieldOf('personalInfo.basic.gender')).toBe('gender');
    expect(formFieldOf('personalInfo.educations[0].graduationDate')).toBe('graduationDate');
    expect(formFieldOf('personalInfo.educations[0].school')).toBe('educationSchool');
    expect(formFieldOf('personalInfo.work.records[0].start')).toBe('accountingWorkStart');
    expect(formFieldOf('pointId')).toBe('pointId');
    expect(formFieldOf('photo')).toBe('photo');
    expect(formFieldOf('somethingElse')).toBeNull();
  });
});

/** 信息采集 as myProfile returns it: the shape of ExamApplication.personalInfo. */
const PROFILE_INFO = {
  basic: { gender: 'FEMALE' as const, ethnicity: '回族', politicalStatus: null, email: 'wangxm@example.com', mailingAddress: '北京市东城区东长安街1号', postalCode: '100006' },
  educations: [{ level: 'BACHELOR' as const, school: '首都经济贸易大学', major: '会计学', graduationDate: '2010-07-01', certificateNumber: '1003812010050001' }],
  degrees: [{ degree: 'BACHELOR' as const, school: '首都经济贸易大学', major: '会计学', obtainedDate: '2010-07-01', certificateNumber: null }],
  work: {
    employer: null,
    employerNature: null,
    position: null,
    accountantTitleSince: null,
    records: [{ employer: '北京某公司', start: '2010-08-01', end: null, isAccounting: true, partTimeWhileStudying: false }],
    otherQualifications: [],
  },
};

describe('applyPersonalInfo (报名信息填写 prefill from 信息采集)', () => {
  it('fills 基本信息, the first 学历 and 学位 and the accounting work start, and leaves 报考地市/报名点/科目 alone', () => {
    const form = emptyDetailsForm();
    form.cityId = 'city-1';
    applyPersonalInfo(form, PROFILE_INFO);
    expect(form).toMatchObject({
      cityId: 'city-1',
      pointId: '',
      subjectCodes: [],
      gender: 'FEMALE',
      ethnicity: '回族',
      email: 'wangxm@example.com',
      mailingAddress: '北京市东城区东长安街1号',
      postalCode: '100006',
      educationLevel: 'BACHELOR',
      educationSchool: '首都经济贸易大学',
      educationMajor: '会计学',
      graduationDate: '2010-07-01',
      educationCertificate: '1003812010050001',
      degree: 'BACHELOR',
      degreeDate: '2010-07-01',
      accountingWorkStart: '2010-08-01',
    });
  });
});
