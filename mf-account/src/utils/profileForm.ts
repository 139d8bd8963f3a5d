import type { DegreeKind, EducationLevel, Gender, MyProfileQuery, ProfileInput } from '../graphql/generated/graphql';

export const EDUCATION_LEVEL_OPTIONS: ReadonlyArray<{ value: EducationLevel; label: string }> = [
  { value: 'HIGH_SCHOOL', label: '高中(含中专、职高、技校)' },
  { value: 'JUNIOR_COLLEGE', label: '大专' },
  { value: 'BACHELOR', label: '本科' },
  { value: 'SECOND_BACHELOR', label: '第二学士学位' },
  { value: 'GRADUATE_CLASS', label: '研究生班' },
  { value: 'MASTER', label: '硕士研究生' },
  { value: 'DOCTOR', label: '博士研究生' },
];

export const DEGREE_OPTIONS: ReadonlyArray<{ value: DegreeKind; label: string }> = [
  { value: 'BACHELOR', label: '学士' },
  { value: 'SECOND_BACHELOR', label: '第二学士' },
  { value: 'MASTER', label: '硕士' },
  { value: 'DOCTOR', label: '博士' },
];

export const GENDER_LABELS: Record<Gender, string> = { MALE: '男', FEMALE: '女' };

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
  end: string;
  isAccounting: boolean;
}

/** 信息采集 as the form edits it. */
export interface ProfileForm {
  gender: Gender | '';
  ethnicity: string;
  email: string;
  mailingAddress: string;
  postalCode: string;
  educations: EducationRow[];
  degrees: DegreeRow[];
  works: WorkRow[];
  managementUnitCode: string;
}

export const emptyEducation = (): EducationRow => ({ level: '', school: '', major: '', graduationDate: '', certificateNumber: '' });
export const emptyDegree = (): DegreeRow => ({ degree: '', school: '', major: '', obtainedDate: '', certificateNumber: '' });
export const emptyWork = (): WorkRow => ({ employer: '', start: '', end: '', isAccounting: true });

type Profile = MyProfileQuery['myProfile'];

export function profileFormOf(profile: Profile): ProfileForm {
  const { basic, educations, degrees, work } = profile.personalInfo;
  return {
    gender: basic.gender ?? '',
    ethnicity: basic.ethnicity ?? '',
    email: basic.email ?? '',
    mailingAddress: basic.mailingAddress ?? '',
    postalCode: basic.postalCode ?? '',
    educations: educations.length
      ? educations.map((e) => ({ level: e.level, school: e.school, major: e.major, graduationDate: e.graduationDate, certificateNumber: e.certificateNumber ?? '' }))
      : [emptyEducation()],
    degrees: degrees.map((d) => ({ degree: d.degree, school: d.school, major: d.major, obtainedDate: d.obtainedDate, certificateNumber: d.certificateNumber ?? '' })),
    works: work.records.map((r) => ({ employer: r.employer, start: r.start, end: r.end ?? '', isAccounting: r.isAccounting })),
    managementUnitCode: profile.managementUnitCode ?? '',
  };
}

const orNull = (value: string) => value.trim() || null;

/**
 * The input saveProfile takes. Parts of the saved profile this form does not edit (政治面貌, 工作单位
 * now, 其他资格 …) are sent back as they were, so saving never erases them.
 */
export function profileInputOf(form: ProfileForm, saved: Profile): ProfileInput {
  const previous = saved.personalInfo;
  return {
    managementUnitCode: orNull(form.managementUnitCode),
    personalInfo: {
      basic: {
        gender: form.gender || null,
        ethnicity: orNull(form.ethnicity),
        politicalStatus: previous.basic.politicalStatus ?? null,
        email: orNull(form.email),
        mailingAddress: orNull(form.mailingAddress),
        postalCode: orNull(form.postalCode),
      },
      educations: form.educations
        .filter((e) => e.level || e.school.trim() || e.major.trim())
        .map((e) => ({ level: e.level as EducationLevel, school: e.school, major: e.major, graduationDate: e.graduationDate, certificateNumber: orNull(e.certificateNumber) })),
      degrees: form.degrees
        .filter((d) => d.degree || d.school.trim())
        .map((d) => ({ degree: d.degree as DegreeKind, school: d.school, major: d.major, obtainedDate: d.obtainedDate, certificateNumber: orNull(d.certificateNumber) })),
      work: {
        employer: previous.work.employer ?? null,
        employerNature: previous.work.employerNature ?? null,
        position: previous.work.position ?? null,
        accountantTitleSince: previous.work.accountantTitleSince ?? null,
        otherQualifications: previous.work.otherQualifications.map((q) => ({ field: q.field, obtainedDate: q.obtainedDate, certificateNumber: q.certificateNumber ?? null })),
        records: form.works
          .filter((w) => w.employer.trim() || w.start)
          .map((w) => ({ employer: w.employer, start: w.start, end: orNull(w.end), isAccounting: w.isAccounting })),
      },
    },
  };
}

/** `personalInfo.educations[0].school` → `educations.0.school`-style key of the form's error map. */
export function formKeyOf(field: string | null | undefined): string | null {
  if (!field) return null;
  return field
    .replace(/^personalInfo\./, '')
    .replace(/^basic\./, '')
    .replace(/^work\.records/, 'works')
    .replace(/\[(\d+)\]/g, '.$1');
}
