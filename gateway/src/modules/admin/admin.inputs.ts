import { Field, ID, InputType, Int } from 'type-graphql';
import { ExamLevel } from '../exam/exam.entity';
import { NoticeKind } from '../registration/exam-unit-setup.entity';
import { OpsRoleEnum } from '../ops/ops.types';
import type { OpsRole } from '../ops/ops-principal';
import '../exam/exam.types';
import '../registration/registration.types';

@InputType('ExamInput')
export class ExamInput {
  @Field(() => Int) year!: number;
  @Field(() => ExamLevel) level!: ExamLevel;
  @Field(() => String, { description: '1–100 characters' }) name!: string;
}

@InputType('ExamUnitWindowsInput', { description: "One unit's participation in an exam: windows are half-open [startsAt, endsAt)" })
export class ExamUnitWindowsInput {
  @Field(() => ID) examId!: string;
  @Field(() => String, { description: 'Registration unit code, e.g. 110000' }) unitCode!: string;
  @Field(() => Date) registrationStartsAt!: Date;
  @Field(() => Date) registrationEndsAt!: Date;
  @Field(() => Date, { description: 'Not before registrationStartsAt' }) paymentStartsAt!: Date;
  @Field(() => Date, { description: 'Not before registrationEndsAt' }) paymentEndsAt!: Date;
  @Field(() => [String], { nullable: true, description: 'Absent: unchanged (empty for a new unit)' }) consultPhones?: string[] | null;
  @Field(() => String, { nullable: true, description: 'http(s) URL; required when the unit joins the exam' }) noticeUrl?: string | null;
}

@InputType('RegistrationCityInput')
export class RegistrationCityInput {
  @Field(() => ID, { nullable: true, description: 'Absent: create' }) id?: string | null;
  @Field(() => String) unitCode!: string;
  @Field(() => String, { description: 'GB/T 2260 code of the city (6 digits)' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) sortOrder!: number;
}

@InputType('RegistrationPointInput')
export class RegistrationPointInput {
  @Field(() => ID, { nullable: true, description: 'Absent: create' }) id?: string | null;
  @Field(() => ID, { description: 'exam_unit id (the unit in one exam)' }) examUnitId!: string;
  @Field(() => ID) cityId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) address!: string;
  @Field(() => String) phone!: string;
  @Field(() => Int, { nullable: true, description: 'null: no limit; never below the places taken' }) capacity?: number | null;
  @Field(() => Int) sortOrder!: number;
}

@InputType('ExamUnitGuideInput', { description: '阅读须知 and the 审核告知 texts' })
export class ExamUnitGuideInput {
  @Field(() => ID) examUnitId!: string;
  @Field(() => String) agreementText!: string;
  @Field(() => String) acceptingOffice!: string;
  @Field(() => String) reviewHint!: string;
}

@InputType('ExamUnitNoticeInput', { description: '通知公告' })
export class ExamUnitNoticeInput {
  @Field(() => ID, { nullable: true, description: 'Absent: create' }) id?: string | null;
  @Field(() => ID) examUnitId!: string;
  @Field(() => NoticeKind) kind!: NoticeKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { nullable: true, description: 'CITY notices: the publishing 报考地市' }) publisher?: string | null;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => Int) sortOrder!: number;
}

@InputType('MaterialRequirementInput', { description: '证明材料 a unit asks for; keyed by (examUnitId, code)' })
export class MaterialRequirementInput {
  @Field(() => ID) examUnitId!: string;
  @Field(() => String, { description: 'UPPER_SNAKE_CASE, e.g. EDUCATION_CERTIFICATE' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => Boolean) required!: boolean;
  @Field(() => Int) sortOrder!: number;
}

@InputType('FeeRuleInput', { description: 'amount = perPersonFen + perSubjectFen × subjects (fen)' })
export class FeeRuleInput {
  @Field(() => ID) examUnitId!: string;
  @Field(() => Int) perSubjectFen!: number;
  @Field(() => Int, { defaultValue: 0 }) perPersonFen!: number;
}

@InputType('FeeWaiverCategoryInput', { description: 'A group exempted from the fee; keyed by (examUnitId, code)' })
export class FeeWaiverCategoryInput {
  @Field(() => ID) examUnitId!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
}

@InputType('NewOpsAccountInput')
export class NewOpsAccountInput {
  @Field(() => String) username!: string;
  @Field(() => String, { description: 'Initial password: at least 12 characters, three of upper/lower/digit/symbol' }) password!: string;
  @Field(() => OpsRoleEnum) role!: OpsRole;
  @Field(() => [String], { defaultValue: [], description: 'Reviewers: at least one unit; admins: none' }) unitCodes!: string[];
}
