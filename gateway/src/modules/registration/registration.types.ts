import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EDUCATION_LEVEL_LABELS, type EducationLevel, type QualificationField } from '../account/eligibility';
import type { DocumentType } from '../account/identity-document';
import { DocumentTypeEnum } from '../account/account.types';
import { ExamLevel } from '../exam/exam.entity';
import { RegistrationUnitType } from '../exam/exam.types';
import { ApplicationActorKind, ApplicationStatus, ApplicationStep } from './application.entity';
import { DEGREE_LABELS, type DegreeKind, type Gender } from './application-rules';
import { NoticeKind } from './exam-unit-setup.entity';
import { RegistrationErrorCode } from './registration.errors';
import { UploadPurpose } from './upload.entity';

registerEnumType(ApplicationStatus, { name: 'ApplicationStatus', description: 'DRAFT → SUBMITTED → APPROVED | REJECTED → PAID; WITHDRAWN (重新报名)' });
registerEnumType(ApplicationStep, { name: 'ApplicationStep', description: '报名导览 steps, in order' });
registerEnumType(ApplicationActorKind, { name: 'ApplicationActorKind' });
registerEnumType(UploadPurpose, { name: 'UploadPurpose', description: 'PHOTO: 个人照片; MATERIAL: 证明材料' });
registerEnumType(NoticeKind, { name: 'NoticeKind', description: 'MUST_READ: 报考人员必读事项; UNIT: 省级公告; CITY: 市级公告' });

export const GenderEnum = { MALE: 'MALE', FEMALE: 'FEMALE' } as const satisfies { [K in Gender]: K };
registerEnumType(GenderEnum, { name: 'Gender' });
export const DegreeKindEnum = Object.fromEntries(Object.keys(DEGREE_LABELS).map((k) => [k, k])) as { [K in DegreeKind]: K };
registerEnumType(DegreeKindEnum, { name: 'DegreeKind', description: '学位: 学士, 第二学士, 硕士, 博士' });
export const EducationLevelEnum = Object.fromEntries(Object.keys(EDUCATION_LEVEL_LABELS).map((k) => [k, k])) as { [K in EducationLevel]: K };
registerEnumType(EducationLevelEnum, { name: 'EducationLevel', description: '学历' });
export const QualificationFieldEnum = { ECONOMICS: 'ECONOMICS', STATISTICS: 'STATISTICS', AUDIT: 'AUDIT' } as const satisfies {
  [K in QualificationField]: K;
};
registerEnumType(QualificationFieldEnum, { name: 'QualificationField', description: '经济 / 统计 / 审计 (中级资格 opening the 中级 exam)' });

// ------------------------------------------------------------------ 考试报名页面 (exam unit detail)

@ObjectType('ExamUnitNotice', { description: '通知公告' })
export class ExamUnitNoticeType {
  @Field(() => ID) id!: string;
  @Field(() => NoticeKind) kind!: NoticeKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { nullable: true, description: 'Who published a city notice' }) publisher!: string | null;
  @Field(() => Date) publishedAt!: Date;
}

@ObjectType('RegistrationPoint', { description: '报名点' })
export class RegistrationPointType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) address!: string;
  @Field(() => String) phone!: string;
  @Field(() => Int, { nullable: true, description: 'null: no limit' }) capacity!: number | null;
  @Field(() => Int, { nullable: true, description: 'Places left now (null: no limit); taken for good only on 提交' }) remaining!: number | null;
  @Field(() => Boolean) full!: boolean;
}

@ObjectType('RegistrationCity', { description: '报考地市 with its 报名点 for this exam' })
export class RegistrationCityType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => [RegistrationPointType]) points!: RegistrationPointType[];
}

@ObjectType('MaterialRequirement', { description: '证明材料 this unit asks for' })
export class MaterialRequirementType {
  @Field(() => String, { description: 'Send as materialCode when uploading' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => Boolean) required!: boolean;
}

@ObjectType('ExamSubject', { description: '报名科目' })
export class ExamSubjectType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, {
    nullable: true,
    description: '中级 roll-over: the previous exam year in which the signed-in candidate passed it (cannot be registered again)',
  })
  rolledOverPassYear!: number | null;
}

@ObjectType('FeeRule', { description: '考试费 in fen: perPersonFen + perSubjectFen × subjects' })
export class FeeRuleType {
  @Field(() => Int) perSubjectFen!: number;
  @Field(() => Int) perPersonFen!: number;
}

@ObjectType('FeeWaiverCategory', { description: 'A group exempt from the fee (e.g. 城乡低保), applied at payment' })
export class FeeWaiverCategoryType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
}

@ObjectType('EligibilityRouteOption', { description: '报考条件 the 选择报考条件 page offers for the level' })
export class EligibilityRouteOptionType {
  @Field(() => String) id!: string;
  @Field(() => String) label!: string;
}

@ObjectType('ExamUnitDetail', { description: 'What one unit shows for one exam during 报名导览' })
export class ExamUnitDetailType {
  @Field(() => ID, { description: 'The exam unit id (as in Exam.units)' }) id!: string;
  @Field(() => ExamLevel) level!: ExamLevel;
  @Field(() => String, { nullable: true, description: '阅读须知 (null when the unit has not published it)' }) agreementText!: string | null;
  @Field(() => String, { nullable: true, description: '审核告知: 受理部门' }) acceptingOffice!: string | null;
  @Field(() => String, { nullable: true, description: '审核告知: 办理提示' }) reviewHint!: string | null;
}

// ------------------------------------------------------------------ 报名信息 (personal information)

@ObjectType('BasicInfo', { description: '基本信息' })
export class BasicInfoType {
  @Field(() => GenderEnum, { nullable: true }) gender!: Gender | null;
  @Field(() => String, { nullable: true, description: '民族' }) ethnicity!: string | null;
  @Field(() => String, { nullable: true, description: '政治面貌' }) politicalStatus!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true, description: '通讯地址' }) mailingAddress!: string | null;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
}

@ObjectType('EducationRecord', { description: '学历信息' })
export class EducationRecordType {
  @Field(() => EducationLevelEnum) level!: EducationLevel;
  @Field(() => String) school!: string;
  @Field(() => String) major!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) graduationDate!: string;
  @Field(() => String, { nullable: true }) certificateNumber!: string | null;
}

@ObjectType('DegreeRecord', { description: '学位信息' })
export class DegreeRecordType {
  @Field(() => DegreeKindEnum) degree!: DegreeKind;
  @Field(() => String) school!: string;
  @Field(() => String) major!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) obtainedDate!: string;
  @Field(() => String, { nullable: true }) certificateNumber!: string | null;
}

@ObjectType('WorkPeriod', { description: 'One period of work (工作经历)' })
export class WorkPeriodType {
  @Field(() => String) employer!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) start!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null: still there' }) end!: string | null;
  @Field(() => Boolean, { description: '从事会计工作' }) isAccounting!: boolean;
  @Field(() => Boolean, { nullable: true, description: '在校生勤工助学 (never counts)' }) partTimeWhileStudying!: boolean | null;
}

@ObjectType('OtherQualification', { description: '经济/统计/审计专业技术中级资格' })
export class OtherQualificationType {
  @Field(() => QualificationFieldEnum) field!: QualificationField;
  @Field(() => String) obtainedDate!: string;
  @Field(() => String, { nullable: true }) certificateNumber!: string | null;
}

@ObjectType('WorkInfo', { description: '工作信息' })
export class WorkInfoType {
  @Field(() => String, { nullable: true, description: '工作单位' }) employer!: string | null;
  @Field(() => String, { nullable: true, description: '单位性质' }) employerNature!: string | null;
  @Field(() => String, { nullable: true, description: '职务' }) position!: string | null;
  @Field(() => [WorkPeriodType]) records!: WorkPeriodType[];
  @Field(() => String, { nullable: true, description: '取得会计师资格时间 (高级)' }) accountantTitleSince!: string | null;
  @Field(() => [OtherQualificationType]) otherQualifications!: OtherQualificationType[];
}

@ObjectType('PersonalInfo', { description: '个人信息 as last saved (the photo is ExamApplication.photo)' })
export class PersonalInfoType {
  @Field(() => BasicInfoType) basic!: BasicInfoType;
  @Field(() => [EducationRecordType]) educations!: EducationRecordType[];
  @Field(() => [DegreeRecordType]) degrees!: DegreeRecordType[];
  @Field(() => WorkInfoType) work!: WorkInfoType;
}

// ------------------------------------------------------------------ the application

@ObjectType('ApplicationUpload', { description: 'A stored photo or 证明材料 (metadata stripped)' })
export class ApplicationUploadType {
  @Field(() => ID) id!: string;
  @Field(() => UploadPurpose) purpose!: UploadPurpose;
  @Field(() => String, { nullable: true }) materialCode!: string | null;
  @Field(() => String) contentType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => Int) width!: number;
  @Field(() => Int) height!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String, { description: 'GET it with the session cookie: /api/uploads/<id>' }) url!: string;
}

@ObjectType('ApplicationHistoryEntry', { description: 'One status change' })
export class ApplicationHistoryEntryType {
  @Field(() => ApplicationStatus, { nullable: true }) fromStatus!: ApplicationStatus | null;
  @Field(() => ApplicationStatus) toStatus!: ApplicationStatus;
  @Field(() => ApplicationActorKind) actorKind!: ApplicationActorKind;
  @Field(() => String, { nullable: true, description: 'Who: shown to ops only' }) actorId!: string | null;
  @Field(() => Date) at!: Date;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType('ApplicationStepState', { description: '报名导览: one step and where the application stands' })
export class ApplicationStepStateType {
  @Field(() => ApplicationStep) step!: ApplicationStep;
  @Field(() => String) label!: string;
  @Field(() => Boolean, { description: 'Reached (the candidate may work on it or already has)' }) reached!: boolean;
  @Field(() => Boolean) current!: boolean;
}

@ObjectType('ExamApplication', { description: "A candidate's registration for one exam in one unit" })
export class ExamApplicationType {
  @Field(() => ID) id!: string;
  @Field(() => ApplicationStatus) status!: ApplicationStatus;
  @Field(() => ApplicationStep, { description: 'The furthest step the candidate may work on' }) currentStep!: ApplicationStep;
  @Field(() => ExamLevel) level!: ExamLevel;
  @Field(() => ID) examUnitId!: string;
  @Field(() => String, { nullable: true, description: 'Chosen 报考条件 (EligibilityRouteOption.id)' }) conditionRoute!: string | null;
  @Field(() => [String], { description: 'Chosen 报名科目 codes' }) subjectCodes!: string[];
  @Field(() => PersonalInfoType, { nullable: true }) personalInfo!: PersonalInfoType | null;
  @Field(() => Date, { nullable: true }) agreementAcceptedAt!: Date | null;
  @Field(() => Date, { nullable: true }) noticesAcknowledgedAt!: Date | null;
  @Field(() => Date, { nullable: true }) detailsConfirmedAt!: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '审核不通过的原因' }) reviewReason!: string | null;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => String, { nullable: true, description: '审核告知: 受理部门' }) acceptingOffice!: string | null;
  @Field(() => String, { nullable: true, description: '审核告知: 办理提示' }) reviewHint!: string | null;
}

@ObjectType('ApplicationCity')
export class ApplicationCityType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('ApplicationPoint')
export class ApplicationPointType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) address!: string;
  @Field(() => String) phone!: string;
}

@ObjectType('UnmetCondition', { description: 'A 报考条件 that is not met, worded for the candidate' })
export class UnmetConditionType {
  @Field(() => String) code!: string;
  @Field(() => String) message!: string;
}

/** Fields every registration result shares: check `ok`; otherwise show `message` (at `field`, when given). */
@ObjectType()
export abstract class RegistrationResultFields {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => RegistrationErrorCode, { nullable: true }) errorCode!: RegistrationErrorCode | null;
  @Field(() => String, { description: 'Chinese text for the candidate, on success too' }) message!: string;
  @Field(() => String, { nullable: true, description: 'The input the problem belongs to, e.g. personalInfo.educations[0].graduationDate' })
  field!: string | null;
}

@ObjectType('ApplicationResult')
export class ApplicationResultType extends RegistrationResultFields {
  @Field(() => [UnmetConditionType], { nullable: true, description: 'With ELIGIBILITY_NOT_MET: every unmet condition' })
  unmet!: UnmetConditionType[] | null;
  @Field(() => ExamApplicationType, { nullable: true, description: 'The application as it is now (also after a failure)' })
  application!: unknown;
}

@ObjectType('UploadTokenResult')
export class UploadTokenResultType extends RegistrationResultFields {
  @Field(() => String, { nullable: true, description: 'Single use' }) token!: string | null;
  @Field(() => String, { nullable: true, description: 'POST the raw file bytes here (same origin, with the session cookie)' })
  uploadUrl!: string | null;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Int, { nullable: true }) maxBytes!: number | null;
}

// ------------------------------------------------------------------ review (ops)

@ObjectType('ReviewApplicationSummary', { description: 'One row of the review list' })
export class ReviewApplicationSummaryType {
  @Field(() => ID) id!: string;
  @Field(() => ApplicationStatus) status!: ApplicationStatus;
  @Field(() => ExamLevel) level!: ExamLevel;
  @Field(() => ID) examId!: string;
  @Field(() => String) examName!: string;
  @Field(() => RegistrationUnitType) unit!: RegistrationUnitType;
  @Field(() => String) candidateName!: string;
  @Field(() => DocumentTypeEnum) documentType!: DocumentType;
  @Field(() => String) maskedDocumentNumber!: string;
  @Field(() => String, { nullable: true }) cityName!: string | null;
  @Field(() => String, { nullable: true }) pointName!: string | null;
  @Field(() => [String]) subjectCodes!: string[];
  @Field(() => Date) submittedAt!: Date;
}

@ObjectType('ReviewApplicationPage')
export class ReviewApplicationPageType {
  @Field(() => [ReviewApplicationSummaryType]) items!: ReviewApplicationSummaryType[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) nextCursor!: string | null;
}

@ObjectType('ReviewCandidate', { description: 'The applicant, unmasked for the reviewer' })
export class ReviewCandidateType {
  @Field(() => ID) accountId!: string;
  @Field(() => String) name!: string;
  @Field(() => DocumentTypeEnum) documentType!: DocumentType;
  @Field(() => String) documentNumber!: string;
  @Field(() => String) phone!: string;
}

@ObjectType('ReviewApplicationDetail')
export class ReviewApplicationDetailType {
  @Field(() => ExamApplicationType) application!: unknown;
  @Field(() => ReviewCandidateType) candidate!: ReviewCandidateType;
}

@ObjectType('ReviewDecisionResult', { description: 'Outcome of approving or rejecting one application' })
export class ReviewDecisionResultType extends RegistrationResultFields {
  @Field(() => ID) applicationId!: string;
  @Field(() => ApplicationStatus, { nullable: true, description: 'The new status on success' }) status!: ApplicationStatus | null;
}
