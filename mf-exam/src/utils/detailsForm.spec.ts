import { describe, expect, it } from 'vitest';
import { applyPersonalInfo, detailsInputOf, emptyDetailsForm, emptyEducation, emptyWork, formKeyOf, unsendableRow } from './detailsForm';

/** 信息采集 as myProfile returns it: the shape of ExamApplication.personalInfo, several records each. */
const PROFILE_INFO = {
  basic: { gender: 'FEMALE' as const, ethnicity: '回族', politicalStatus: null, email: 'wangxm@example.com', mailingAddress: '北京市东城区东长安街1号', postalCode: '100006' },
  educations: [
    { level: 'JUNIOR_COLLEGE' as const, school: '北京财贸职业学院', major: '会计', graduationDate: '2007-07-01', certificateNumber: null },
    { level: 'BACHELOR' as const, school: '首都经济贸易大学', major: '会计学', graduationDate: '2010-07-01', certificateNumber: '1003812010050001' },
  ],
  degrees: [{ degree: 'BACHELOR' as const, school: '首都经济贸易大学', major: '会计学', obtainedDate: '2010-07-01', certificateNumber: null }],
  work: {
    employer: null,
    employerNature: null,
    position: null,
    accountantTitleSince: null,
    records: [
      { employer: '北京某商店', start: '2007-08-01', end: '2010-06-30', isAccounting: false, partTimeWhileStudying: false },
      { employer: '北京某公司', start: '2010-08-01', end: null, isAccounting: true, partTimeWhileStudying: false },
    ],
    otherQualifications: [{ field: 'AUDIT' as const, obtainedDate: '2015-12-01', certificateNumber: 'SJ2015-001' }],
  },
};

describe('报名信息填写 form', () => {
  it('prefills every 学历, 学位, 工作经历 and 其他中级资格 of 信息采集, and leaves 报考地市/报名点/科目 alone', () => {
    const form = emptyDetailsForm();
    form.cityId = 'city-1';
    applyPersonalInfo(form, PROFILE_INFO);
    expect(form).toMatchObject({ cityId: 'city-1', pointId: '', subjectCodes: [], gender: 'FEMALE', ethnicity: '回族', postalCode: '100006' });
    expect(form.educations.map((e) => [e.level, e.school, e.certificateNumber])).toEqual([
      ['JUNIOR_COLLEGE', '北京财贸职业学院', ''],
      ['BACHELOR', '首都经济贸易大学', '1003812010050001'],
    ]);
    expect(form.degrees).toHaveLength(1);
    expect(form.works.map((w) => [w.employer, w.end, w.isAccounting])).toEqual([
      ['北京某商店', '2010-06-30', false],
      ['北京某公司', '', true],
    ]);
    expect(form.qualifications).toEqual([{ field: 'AUDIT', obtainedDate: '2015-12-01', certificateNumber: 'SJ2015-001' }]);
  });

  it('sends every record back as it was: a round trip loses nothing', () => {
    const form = applyPersonalInfo(emptyDetailsForm(), PROFILE_INFO);
    const info = detailsInputOf(form).personalInfo!;
    expect(info.educations).toEqual(PROFILE_INFO.educations);
    expect(info.degrees).toEqual(PROFILE_INFO.degrees);
    expect(info.work.records).toEqual(PROFILE_INFO.work.records);
    expect(info.work.otherQualifications).toEqual(PROFILE_INFO.work.otherQualifications);
  });

  it('leaves rows the candidate added and left blank out of the draft, and sends blanks as null', () => {
    const form = { ...emptyDetailsForm(), ethnicity: '  ' };
    form.works.push(emptyWork());
    const input = detailsInputOf(form);
    expect(input.personalInfo!.educations).toEqual([]);
    expect(input.personalInfo!.work.records).toEqual([]);
    expect(input.personalInfo!.basic.ethnicity).toBeNull();
    expect(input.cityId).toBeNull();
    expect(unsendableRow(form)).toBeNull();
  });

  it('names a started row that lacks what makes it a record, at its own row', () => {
    const form = emptyDetailsForm();
    form.educations = [emptyEducation(), { ...emptyEducation(), school: '中央财经大学' }];
    expect(unsendableRow(form)).toEqual({ key: 'educations.1.level', message: '请选择学历' });
    form.educations[1]!.level = 'BACHELOR';
    expect(unsendableRow(form)).toEqual({ key: 'educations.1.graduationDate', message: '请选择毕业时间' });
    form.educations[1]!.graduationDate = '2016-07-01';
    form.qualifications.push({ field: 'STATISTICS', obtainedDate: '', certificateNumber: '' });
    expect(unsendableRow(form)).toEqual({ key: 'qualifications.0.obtainedDate', message: '请选择取得资格时间' });
  });

  it('shows a server message at the form row it belongs to, counting only the rows sent', () => {
    const form = applyPersonalInfo(emptyDetailsForm(), PROFILE_INFO);
    form.educations.unshift(emptyEducation()); // blank, not sent: the server's [0] is the form's row 1
    expect(formKeyOf('personalInfo.educations[0].graduationDate', form)).toBe('educations.1.graduationDate');
    expect(formKeyOf('personalInfo.educations[1]', form)).toBe('educations.2');
    expect(formKeyOf('personalInfo.work.records[1].end', form)).toBe('works.1.end');
    expect(formKeyOf('personalInfo.work.otherQualifications[0].certificateNumber', form)).toBe('qualifications.0.certificateNumber');
    expect(formKeyOf('personalInfo.educations', form)).toBe('educations');
    expect(formKeyOf('personalInfo.basic.gender', form)).toBe('gender');
    expect(formKeyOf('pointId', form)).toBe('pointId');
    expect(formKeyOf('photo', form)).toBe('photo');
    expect(formKeyOf('somethingElse', form)).toBeNull();
  });
});
