import { Field, InputType } from 'type-graphql';
import { PersonalInfoInput } from '../registration/registration.inputs';

@InputType({ description: '信息采集: the whole form (replaces what was saved)' })
export class ProfileInput {
  @Field(() => PersonalInfoInput, { description: '基本信息, 学历信息, 学位信息, 工作信息 in the shape 报名信息填写 uses' })
  personalInfo!: PersonalInfoInput;
  @Field(() => String, { nullable: true, description: '管理部门: registration unit code (省/计划单列市)' })
  managementUnitCode?: string | null;
}
