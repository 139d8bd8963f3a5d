import { Field, ObjectType } from 'type-graphql';
import { GenderEnum, PersonalInfoType } from '../registration/registration.types';
import type { Gender } from '../registration/application-rules';
import { ProfileErrorCode } from './profile.errors';

@ObjectType('CandidateProfile', { description: '信息采集 of the signed-in candidate' })
export class CandidateProfileType {
  @Field(() => Boolean, { description: '实名认证 done: 信息采集 can be saved only then' }) realNameVerified!: boolean;
  @Field(() => Boolean, { description: 'Whether 信息采集 was ever saved (false: personalInfo holds only what the 证件 gives)' })
  saved!: boolean;
  @Field(() => PersonalInfoType, { description: 'In the shape of ExamApplication.personalInfo, ready to prefill 报名信息填写' })
  personalInfo!: PersonalInfoType;
  @Field(() => GenderEnum, { nullable: true, description: '性别 read from the 居民身份证号码 (fixed on the form), null for other 证件' })
  documentGender!: Gender | null;
  @Field(() => String, { nullable: true, description: '出生日期 (YYYY-MM-DD) read from the 居民身份证号码' }) birthDate!: string | null;
  @Field(() => String, { nullable: true, description: '管理部门 region: registration unit code' }) managementUnitCode!: string | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
}

@ObjectType('ManagementUnitOption', { description: '管理部门 region (省/自治区/直辖市/计划单列市/兵团)' })
export class ManagementUnitOptionType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('SaveProfileResult')
export class SaveProfileResultType {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => ProfileErrorCode, { nullable: true }) errorCode!: ProfileErrorCode | null;
  @Field(() => String) message!: string;
  @Field(() => String, { nullable: true, description: 'e.g. personalInfo.educations[0].graduationDate' }) field!: string | null;
  @Field(() => CandidateProfileType, { nullable: true }) profile!: CandidateProfileType | null;
}
