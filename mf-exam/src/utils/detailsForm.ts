import type {
  ApplicationDetailsInput,
  ApplicationFieldsFragment,
  DegreeKind,
  EducationLevel,
  Gender,
} from '../graphql/generated/graphql';

/** 报名信息填写 as the form edits it: one 学历, an optional 学位, one 工作经历 (the API takes lists). */
export interface DetailsForm {
  cityId: string;
  pointId: string;
  subjectCodes: string[];
  gender: Gender | '';
  ethnicity: string;
  politicalStatus: string;
  email: string;
  mailingAddress: string;
  postalCode: string;
  educationLevel: EducationLevel | '';
  educationSchool: string;
  educationMajor: string;
  graduationDate: string;
  educationCertificate: string;
  degree: DegreeKind | '';
  degreeSchool: string;
  degreeMajor: string;
  degreeDate: string;
  employer: string;
  employerNature: string;
  position: string;
  accountingWorkStart: string;
  accountantTitleSince: string;
}

export const EDUCATION_LEVEL_OPTIONS: ReadonlyArray<{ value: EducationLevel; label: string }> = [
  { value: 'HIGH_SCHOOL', label: '高中(含中专、职高、技校)' },
  { value: 'JUNIOR_COLLEGE', label: '大专' },
  { value: 'BACHELOR', label: '本科(学士)' },
  { value: 'SECOND_BACHELOR', label: '第二学士学位' },
  { value: 'GRADUATE_CLASS', label: '研究生班' },
  { value: 'MASTER', label: '硕士' },
  { value: 'DOCTOR', label: '博士' },
];

export const DEGREE_OPTIONS: ReadonlyArray<{ value: DegreeKind; label: string }> = [
  { value: 'BACHELOR', label: '学士' },
  { value: 'SECOND_BACHELOR', label: '第二学士' },
  { value: 'MASTER', label: '硕士' },
  { value: 'DOCTOR', label: '博士' },
];

export function emptyDetailsForm(): DetailsForm {
  return {
    cityId: '',
    pointId: '',
    subjectCodes: [],
    gender: '',
    ethnicity: '',
    politicalStatus: '',
    email: '',
    mailingAddress: '',
    postalCode: '',
    educationLevel: '',
    educationSchool: '',
    educationMajor: '',
    graduationDate: '',
    educationCertificate: '',
    degree: '',
    degreeSchool: '',
    degreeMajor: '',
    degreeDate: '',
    employer: '',
    employerNature: '',
    position: '',
    accountingWorkStart: '',
    accountantTitleSince: '',
  };
}

/** The form as last saved on the server (the only 个人信息 the gateway offers to prefill from). */
export function detailsFormOf(app: ApplicationFieldsFragment): DetailsForm {
  const form = emptyDetailsForm();
  form.cityId = app.city?.id ?? '';
  form.pointId = app.point?.id ?? '';
  form.subjectCodes = [...app.subjectCodes];
  if (app.personalInfo) applyPersonalInfo(form, app.personalInfo);
  return form;
}

/**
 * Copies 个人信息 into the form: the application's own, or 信息采集's (same shape) to prefill an
 * application that has none saved yet.
 */
export function applyPersonalInfo(form: DetailsForm, info: NonNullable<ApplicationFieldsFragment['personalInfo']>): DetailsForm {
  const { basic, work } = info;
  form.gender = basic.gender ?? '';
  form.ethnicity = basic.ethnicity ?? '';
  form.politicalStatus = basic.politicalStatus ?? '';
  form.email = basic.email ?? '';
  form.mailingAddress = basic.mailingAddress ?? '';
  form.postalCode = basic.postalCode ?? '';
  const education = info.educations[0];
  if (education) {
    form.educationLevel = education.level;
    form.educationSchool = education.school;
    form.educationMajor = education.major;
    form.graduationDate = education.graduationDate;
    form.educationCertificate = education.certificateNumber ?? '';
  }
  const degree = info.degrees[0];
  if (degree) {
    form.degree = degree.degree;
    form.degreeSchool = degree.school;
    form.degreeMajor = degree.major;
    form.degreeDate = degree.obtainedDate;
  }
  form.employer = work.employer ?? '';
  form.employerNature = work.employerNature ?? '';
  form.position = work.position ?? '';
  form.accountingWorkStart = work.records.find((r) => r.isAccounting)?.start ?? '';
  form.accountantTitleSince = work.accountantTitleSince ?? '';
  return form;
}

const orNull = (value: string) => value.trim() || null;

/**
 * The draft for saveApplicationDetails. A half-filled 学历/学位 row is left out rather than sent
 * (the server would refuse its empty date as a format error); 确认无误 then names what is missing.
 */
export function detailsInputOf(form: DetailsForm): ApplicationDetailsInput {
  const educations =
    form.educationLevel && form.graduationDate
      ? [
          {
            level: form.educationLevel,
            school: form.educationSchool.trim(),
            major: form.educationMajor.trim(),
            graduationDate: form.graduationDate,
            certificateNumber: orNull(form.educationCertificate),
          },
        ]
      : [];
  const degrees =
    form.degree && form.degreeDate
      ? [{ degree: form.degree, school: form.degreeSchool.trim(), major: form.degreeMajor.trim(), obtainedDate: form.degreeDate }]
      : [];
  const records = form.accountingWorkStart
    ? [{ employer: form.employer.trim() || '—', start: form.accountingWorkStart, end: null, isAccounting: true }]
    : [];
  return {
    cityId: form.cityId || null,
    pointId: form.pointId || null,
    subjectCodes: form.subjectCodes,
    personalInfo: {
      basic: {
        gender: form.gender || null,
        ethnicity: orNull(form.ethnicity),
        politicalStatus: orNull(form.politicalStatus),
        email: orNull(form.email),
        mailingAddress: orNull(form.mailingAddress),
        postalCode: orNull(form.postalCode),
      },
      educations,
      degrees,
      work: {
        employer: orNull(form.employer),
        employerNature: orNull(form.employerNature),
        position: orNull(form.position),
        records,
        accountantTitleSince: orNull(form.accountantTitleSince),
        otherQualifications: [],
      },
    },
  };
}

/**
 * The form field a server `field` belongs to, so its message shows beside it
 * (e.g. personalInfo.educations[0].school → educationSchool).
 */
export function formFieldOf(serverField: string | null | undefined): keyof DetailsForm | 'photo' | null {
  if (!serverField) return null;
  const exact: Record<string, keyof DetailsForm | 'photo'> = {
    cityId: 'cityId',
    pointId: 'pointId',
    subjectCodes: 'subjectCodes',
    photo: 'photo',
    'personalInfo.basic.gender': 'gender',
    'personalInfo.basic.ethnicity': 'ethnicity',
    'personalInfo.basic.politicalStatus': 'politicalStatus',
    'personalInfo.basic.email': 'email',
    'personalInfo.basic.mailingAddress': 'mailingAddress',
    'personalInfo.basic.postalCode': 'postalCode',
    'personalInfo.educations': 'educationLevel',
    'personalInfo.degrees': 'degree',
    'personalInfo.work.employer': 'employer',
    'personalInfo.work.employerNature': 'employerNature',
    'personalInfo.work.position': 'position',
    'personalInfo.work.records': 'accountingWorkStart',
    'personalInfo.work.accountantTitleSince': 'accountantTitleSince',
  };
  if (exact[serverField]) return exact[serverField]!;
  const education = /^personalInfo\.educations\[\d+\](?:\.(\w+))?$/.exec(serverField);
  if (education) {
    const map: Record<string, keyof DetailsForm> = { level: 'educationLevel', school: 'educationSchool', major: 'educationMajor', graduationDate: 'graduationDate' };
    return map[education[1] ?? ''] ?? 'educationSchool';
  }
  const degree = /^personalInfo\.degrees\[\d+\](?:\.(\w+))?$/.exec(serverField);
  if (degree) {
    const map: Record<string, keyof DetailsForm> = { school: 'degreeSchool', major: 'degreeMajor', obtainedDate: 'degreeDate' };
    return map[degree[1] ?? ''] ?? 'degreeSchool';
  }
  if (/^personalInfo\.work\.records\[\d+\]/.test(serverField)) return 'accountingWorkStart';
  return null;
}
