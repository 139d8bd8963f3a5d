import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ExamLevel } from './exam.entity';

registerEnumType(ExamLevel, { name: 'ExamLevel', description: '初级 / 中级 / 高级' });

@ObjectType('RegistrationUnit', { description: '报名单位: a province-level region, 新疆生产建设兵团 or a 计划单列市' })
export class RegistrationUnitType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('ExamUnit', { description: "One unit's windows and contacts for one exam (省份选择 row)" })
export class ExamUnitType {
  @Field(() => ID) id!: string;
  @Field(() => RegistrationUnitType) unit!: RegistrationUnitType;
  @Field(() => Date) registrationStartsAt!: Date;
  @Field(() => Date) registrationEndsAt!: Date;
  @Field(() => Date) paymentStartsAt!: Date;
  @Field(() => Date) paymentEndsAt!: Date;
  @Field(() => Boolean, { description: "Whether the server's clock is inside the registration window now" })
  registrationOpen!: boolean;
  @Field(() => [String]) consultPhones!: string[];
  @Field(() => String) noticeUrl!: string;
}

@ObjectType('Exam')
export class ExamType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) year!: number;
  @Field(() => ExamLevel) level!: ExamLevel;
}
