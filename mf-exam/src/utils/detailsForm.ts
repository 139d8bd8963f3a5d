import type {
  ApplicationDetailsInput,
  ApplicationFieldsFragment,
  DegreeKind,
  EducationLevel,
  Gender,
  QualificationField,
} from '../graphql/generated/graphql';

type PersonalInfo = NonNullable<ApplicationFieldsFragment['personalInfo']>;

export interface EducationRow {
  level: EducationLevel | '';
  school: string;
  major: string;
  graduationDate: string;
  certificateNumber: string;
}

export interface DegreeRow {
  degree: DegreeKind | '';
  school: string;
  major: string;
  obtainedDate: string;
  certificateNumber: string;
}

export interface WorkRow {
  employer: string;
  start: string;
  /** '' = 至今 */
  end: string;
  isAccounting: boolean;
  partTimeWhileStudying: boolean;
}

/** 经济/统计/审计专业技术中级资格 (opens the 中级 exam by its own route). */
export interface QualificationRow {
  field: QualificationField | '';
  obtainedDate: string;
  certificateNumber: string;
}

/** 报名信息填写 as the form edits it: the record lists are those of the API (personalInfo). */
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
  educations: EducationRow[];
  degrees: DegreeRow[];
  employer: string;
  employerNature: string;
  position: string;
  works: WorkRow[];
  accountantTitleSince: string;
  qualifications: QualificationRow[];
}

/** The server's limits (application-rules.ts): 5 学历 and 5 学位 as CPTA checks, 20 工作经历, one qualification per field. */
export const MAX_ROWS = { educations: 5, degrees: 5, works: 20, qualifications: 3 } as const;

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

export const QUALIFICATION_FIELD_OPTIONS: ReadonlyArray<{ value: QualificationField; label: string }> = [
  { value: 'ECONOMICS', label: '经济' },
  { value: 'STATISTICS', label: '统计' },
  { value: 'AUDIT', label: '审计' },
];

export const emptyEducation = (): EducationRow => ({ level: '', school: '', major: '', graduationDate: '', certificateNumber: '' });
export const emptyDegree = (): DegreeRow => ({ degree: '', school: '', major: '', obtainedDate: '', certificateNumber: '' });
export const emptyWork = (): WorkRow => ({ employer: '', start: '', end: '', isAccounting: true, partTimeWhileStudying: false });
export const emptyQualification = (): QualificationRow => ({ field: '', obtainedDate: '', certificateNumber: '' });

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
    educations: [emptyEducation()],
    degrees: [],
    employer: '',
    employerNature: '',
    position: '',
    works: [],
    accountantTitleSince: '',
    qualifications: [],
  };
}

/** The form as last saved on the server. */
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
 * application that has none saved yet. Every record comes along, not only the first.
 */
export function applyPersonalInfo(form: DetailsForm, info: PersonalInfo): DetailsForm {
  const { basic, work } = info;
  form.gender = basic.gender ?? '';
  form.ethnicity = basic.ethnicity ?? '';
  form.politicalStatus = basic.politicalStatus ?? '';
  form.email = basic.email ?? '';
  form.mailingAddress = basic.mailingAddress ?? '';
  form.postalCode = basic.postalCode ?? '';
  form.educations = info.educations.map((e) => ({
    level: e.level,
    school: e.school,
    major: e.major,
    graduationDate: e.graduationDate,
    certificateNumber: e.certificateNumber ?? '',
  }));
  if (form.educations.length === 0) form.educations.push(emptyEducation());
  form.degrees = info.degrees.map((d) => ({
    degree: d.degree,
    school: d.school,
    major: d.major,
    obtainedDate: d.obtainedDate,
    certificateNumber: d.certificateNumber ?? '',
  }));
  form.employer = work.employer ?? '';
  form.employerNature = work.employerNature ?? '';
  form.position = work.position ?? '';
  form.works = work.records.map((r) => ({
    employer: r.employer,
    start: r.start,
    end: r.end ?? '',
    isAccounting: r.isAccounting,
    partTimeWhileStudying: r.partTimeWhileStudying ?? false,
  }));
  form.accountantTitleSince = work.accountantTitleSince ?? '';
  form.qualifications = work.otherQualifications.map((q) => ({
    field: q.field,
    obtainedDate: q.obtainedDate,
    certificateNumber: q.certificateNumber ?? '',
  }));
  return form;
}

const orNull = (value: string) => value.trim() || null;
const hasContent = (row: object) => Object.values(row).some((v) => typeof v === 'string' && v.trim() !== '');

/** The rows the draft sends: a row the candidate added and left blank is not a record. */
function sentRows(form: DetailsForm) {
  return {
    educations: form.educations.map((row, index) => ({ row, index })).filter(({ row }) => hasContent(row)),
    degrees: form.degrees.map((row, index) => ({ row, index })).filter(({ row }) => hasContent(row)),
    works: form.works.map((row, index) => ({ row, index })).filter(({ row }) => hasContent(row)),
    qualifications: form.qualifications.map((row, index) => ({ row, index })).filter(({ row }) => hasContent(row)),
  };
}

export type FormKey = string;

/**
 * What the form must settle before the server can even read a row (a 学历 needs its kind and date
 * to be a record at all); everything else, formats included, the server checks. Keys are those
 * of `formKeyOf`.
 */
export function unsendableRow(form: DetailsForm): { key: FormKey; message: string } | null {
  const rows = sentRows(form);
  for (const { row, index } of rows.educations) {
    if (!row.level) return { key: `educations.${index}.level`, message: '请选择学历' };
    if (!row.graduationDate) return { key: `educations.${index}.graduationDate`, message: '请选择毕业时间' };
  }
  for (const { row, index } of rows.degrees) {
    if (!row.degree) return { key: `degrees.${index}.degree`, message: '请选择学位' };
    if (!row.obtainedDate) return { key: `degrees.${index}.obtainedDate`, message: '请选择取得学位时间' };
  }
  for (const { row, index } of rows.works) {
    if (!row.start) return { key: `works.${index}.start`, message: '请选择开始时间' };
  }
  for (const { row, index } of rows.qualifications) {
    if (!row.field) return { key: `qualifications.${index}.field`, message: '请选择资格专业' };
    if (!row.obtainedDate) return { key: `qualifications.${index}.obtainedDate`, message: '请选择取得资格时间' };
  }
  return null;
}

/** The draft for saveApplicationDetails (call `unsendableRow` first). */
export function detailsInputOf(form: DetailsForm): ApplicationDetailsInput {
  const rows = sentRows(form);
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
      educations: rows.educations.map(({ row: e }) => ({
        level: e.level as EducationLevel,
        school: e.school.trim(),
        major: e.major.trim(),
        graduationDate: e.graduationDate,
        certificateNumber: orNull(e.certificateNumber),
      })),
      degrees: rows.degrees.map(({ row: d }) => ({
        degree: d.degree as DegreeKind,
        school: d.school.trim(),
        major: d.major.trim(),
        obtainedDate: d.obtainedDate,
        certificateNumber: orNull(d.certificateNumber),
      })),
      work: {
        employer: orNull(form.employer),
        employerNature: orNull(form.employerNature),
        position: orNull(form.position),
        records: rows.works.map(({ row: r }) => ({
          employer: r.employer.trim(),
          start: r.start,
          end: r.end || null,
          isAccounting: r.isAccounting,
          partTimeWhileStudying: r.partTimeWhileStudying,
        })),
        accountantTitleSince: orNull(form.accountantTitleSince),
        otherQualifications: rows.qualifications.map(({ row: q }) => ({
          field: q.field as QualificationField,
          obtainedDate: q.obtainedDate,
          certificateNumber: orNull(q.certificateNumber),
        })),
      },
    },
  };
}

const SCALAR_KEYS: Record<string, FormKey> = {
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
  'personalInfo.educations': 'educations',
  'personalInfo.degrees': 'degrees',
  'personalInfo.work.employer': 'employer',
  'personalInfo.work.employerNature': 'employerNature',
  'personalInfo.work.position': 'position',
  'personalInfo.work.records': 'works',
  'personalInfo.work.accountantTitleSince': 'accountantTitleSince',
  'personalInfo.work.otherQualifications': 'qualifications',
};

const LIST_OF: Record<string, keyof ReturnType<typeof sentRows>> = {
  'personalInfo.educations': 'educations',
  'personalInfo.degrees': 'degrees',
  'personalInfo.work.records': 'works',
  'personalInfo.work.otherQualifications': 'qualifications',
};

/**
 * The form item a server `field` belongs to, so its message shows beside it. Server indexes count
 * the rows sent, so they are turned back into the form's rows (blank rows are not sent):
 * personalInfo.educations[1].school → educations.<row>.school; a whole record → educations.<row>.
 */
export function formKeyOf(serverField: string | null | undefined, form: DetailsForm): FormKey | null {
  if (!serverField) return null;
  if (SCALAR_KEYS[serverField]) return SCALAR_KEYS[serverField]!;
  const match = /^(personalInfo\.(?:educations|degrees|work\.records|work\.otherQualifications))\[(\d+)\](?:\.(\w+))?$/.exec(serverField);
  if (!match) return null;
  const list = LIST_OF[match[1]!]!;
  const row = sentRows(form)[list][Number(match[2])];
  if (!row) return list;
  return match[3] ? `${list}.${row.index}.${match[3]}` : `${list}.${row.index}`;
}
