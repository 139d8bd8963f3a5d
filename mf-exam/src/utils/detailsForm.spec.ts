import { describe, expect, it } from 'vitest';
import { detailsInputOf, emptyDetailsForm, formFieldOf } from './detailsForm';

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
