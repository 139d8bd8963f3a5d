import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityErrorCode } from './identity.errors';
import { RealNameMethod, RealNameStatus } from './real-name-verification.entity';

registerEnumType(RealNameMethod, { name: 'RealNameMethod', description: '实名认证方式: 支付宝扫码认证 / 线上实名认证' });
registerEnumType(RealNameStatus, { name: 'RealNameStatus', description: '一次实名认证的状态' });

@ObjectType('RealNameVerification', { description: 'One 实名认证 attempt of the signed-in candidate' })
export class RealNameVerificationType {
  @Field(() => ID) id!: string;
  @Field(() => RealNameMethod) method!: RealNameMethod;
  @Field(() => RealNameStatus) status!: RealNameStatus;
  @Field(() => String, { nullable: true, description: 'PENDING 支付宝扫码认证: what the QR code opens (the simulator page locally)' })
  certifyUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'FAILED / EXPIRED: why, in Chinese' }) failureReason!: string | null;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('RealNameState', { description: '实名认证 state of the signed-in candidate' })
export class RealNameStateType {
  @Field(() => Boolean) verified!: boolean;
  @Field(() => Date, { nullable: true }) verifiedAt!: Date | null;
  @Field(() => RealNameVerificationType, { nullable: true, description: 'The latest attempt, if any' }) latest!: RealNameVerificationType | null;
}

@ObjectType('StartRealNameVerificationResult')
export class StartRealNameVerificationResultType {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => IdentityErrorCode, { nullable: true }) errorCode!: IdentityErrorCode | null;
  @Field(() => String, { description: 'Chinese text for the candidate, on success too' }) message!: string;
  @Field(() => String, { nullable: true, description: 'The input the error belongs to, e.g. consent' }) field!: string | null;
  @Field(() => RealNameVerificationType, { nullable: true }) verification!: RealNameVerificationType | null;
}
