import { Field, ID, InputType } from 'type-graphql';
import type { EducationLevel, QualificationField } from '../account/eligibility';
import { ApplicationStatus } from './application.entity';
import type { BasicInfo, DegreeKind, DegreeRecord, EducationRecord, Gender, OtherQualification, PersonalInfo, WorkInfo, WorkPeriod } from './application-rules';
import { ExamLevel } from '../exam/exam.entity';
import { DegreeKindEnum, EducationLevelEnum, GenderEnum, QualificationFieldEnum } from './registration.types';
import { UploadPurpose } from './upload.entity';

@InputType({ description: '基本信息' })
export class BasicInfoInput implements BasicInfo {
  @Field(() => GenderEnum, { nullable: true }) gender?: Gender | null;
  @Field(() => String, { nullable: true }) ethnicity?: string | null;
  @Field(() => String, { nullable: true }) politicalStatus?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) mailingAddress?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
}

@InputType({ description: '学历信息' })
export class EducationRecordInput implements EducationRecord {
  @Field(() => EducationLevelEnum) level!: EducationLevel;
  @Field(() => String) school!: string;
  @Field(() => String) major!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) graduationDate!: string;
  @Field(() => String, { nullable: true }) certificateNumber?: string | null;
}

@InputType({ description: '学位信息' })
export class DegreeRecordInput implements DegreeRecord {
  @Field(() => DegreeKindEnum) degree!: DegreeKind;
  @Field(() => String) school!: string;
  @Field(() => String) major!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) obtainedDate!: string;
  @Field(() => String, { nullable: true }) certificateNumber?: string | null;
}

@InputType({ description: 'One period of work' })
export class WorkPeriodInput implements WorkPeriod {
  @Field(() => String) employer!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) start!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null: still there' }) end?: string | null;
  @Field(() => Boolean) isAccounting!: boolean;
  @Field(() => Boolean, { nullable: true }) partTimeWhileStudying?: boolean | null;
}

@InputType()
export class OtherQualificationInput implements OtherQualification {
  @Field(() => QualificationFieldEnum) field!: QualificationField;
  @Field(() => String, { description: 'YYYY-MM-DD' }) obtainedDate!: string;
  @Field(() => String, { nullable: true }) certificateNumber?: string | null;
}

@InputType({ description: '工作信息' })
export class WorkInfoInput implements WorkInfo {
  @Field(() => String, { nullable: true }) employer?: string | null;
  @Field(() => String, { nullable: true }) employerNature?: string | null;
  @Field(() => String, { nullable: true }) position?: string | null;
  @Field(() => [WorkPeriodInput]) records!: WorkPeriodInput[];
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) accountantTitleSince?: string | null;
  @Field(() => [OtherQualificationInput]) otherQualifications!: OtherQualificationInput[];
}

@InputType({ description: '个人信息 (the photo is uploaded apart)' })
export class PersonalInfoInput implements PersonalInfo {
  @Field(() => BasicInfoInput) basic!: BasicInfoInput;
  @Field(() => [EducationRecordInput]) educations!: EducationRecordInput[];
  @Field(() => [DegreeRecordInput]) degrees!: DegreeRecordInput[];
  @Field(() => WorkInfoInput) work!: WorkInfoInput;
}

@InputType({ description: '报名信息填写 draft: an omitted field keeps what was saved, null clears it' })
export class ApplicationDetailsInput {
  @Field(() => ID, { nullable: true, description: '报考地市' }) cityId?: string | null;
  @Field(() => ID, { nullable: true, description: '报名点' }) pointId?: string | null;
  @Field(() => [String], { nullable: true, description: '报名科目 codes' }) subjectCodes?: string[] | null;
  @Field(() => PersonalInfoInput, { nullable: true }) personalInfo?: PersonalInfoInput | null;
}

@InputType({ description: 'What an upload token is for' })
export class UploadTokenInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => UploadPurpose) purpose!: UploadPurpose;
  @Field(() => String, { nullable: true, description: 'MaterialRequirement.code, for MATERIAL' }) materialCode?: string | null;
  @Field(() => ID, { nullable: true, description: 'An upload of the same kind that the new file replaces' }) replacesUploadId?: string | null;
}

@InputType({ description: 'Review list filter; every field optional' })
export class ReviewApplicationsFilter {
  @Field(() => String, { nullable: true, description: 'Registration unit code; absent: every unit you cover' }) unitCode?: string | null;
  @Field(() => ID, { nullable: true }) examId?: string | null;
  @Field(() => ExamLevel, { nullable: true }) level?: ExamLevel | null;
  @Field(() => ApplicationStatus, { nullable: true }) status?: ApplicationStatus | null;
}

/**
 * The personal-information input as stored: plain objects with every optional field spelled out,
 * so the JSON column always has one shape whatever the client omitted.
 */
export function toPersonalInfo(input: PersonalInfoInput): PersonalInfo {
  const b = input.basic;
  return {
    basic: {
      gender: b.gender ?? null,
      ethnicity: b.ethnicity?.trim() || null,
      politicalStatus: b.politicalStatus?.trim() || null,
      email: b.email?.trim() || null,
      mailingAddress: b.mailingAddress?.trim() || null,
      postalCode: b.postalCode?.trim() || null,
    },
    educations: input.educations.map((e) => ({
      level: e.level,
      school: e.school.trim(),
      major: e.major.trim(),
      graduationDate: e.graduationDate.trim(),
      certificateNumber: e.certificateNumber?.trim() || null,
    })),
    degrees: input.degrees.map((d) => ({
      degree: d.degree,
      school: d.school.trim(),
      major: d.major.trim(),
      obtainedDate: d.obtainedDate.trim(),
      certificateNumber: d.certificateNumber?.trim() || null,
    })),
    work: {
      employer: input.work.employer?.trim() || null,
      employerNature: input.work.employerNature?.trim() || null,
      position: input.work.position?.trim() || null,
      records: input.work.records.map((r) => ({
        employer: r.employer.trim(),
        start: r.start.trim(),
        end: r.end?.trim() || null,
        isAccounting: r.isAccounting,
        partTimeWhileStudying: r.partTimeWhileStudying ?? false,
      })),
      accountantTitleSince: input.work.accountantTitleSince?.trim() || null,
      otherQualifications: input.work.otherQualifications.map((q) => ({
        field: q.field,
        obtainedDate: q.obtainedDate.trim(),
        certificateNumber: q.certificateNumber?.trim() || null,
      })),
    },
  };
}
