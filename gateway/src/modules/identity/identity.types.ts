import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DocumentType } from '../account/identity-document';
import { DocumentTypeEnum } from '../account/account.types';
import { IdentityErrorCode } from './identity.errors';
import { RealNameDocumentSide } from './real-name-documents';
import { RealNameMethod, RealNameStatus } from './real-name-verification.entity';

registerEnumType(RealNameDocumentSide, {
  name: 'RealNameDocumentSide',
  description: '线上实名认证 images: PORTRAIT 证件人像面, EMBLEM 证件国徽面/非人像面, HANDHELD 手持证件人像面',
});

@ObjectType('RealNameDocumentImage', { description: 'One 证件 image of 线上实名认证 (served to its owner and the reviewers of its unit only)' })
export class RealNameDocumentImageType {
  @Field(() => RealNameDocumentSide) side!: RealNameDocumentSide;
  @Field(() => ID) uploadId!: string;
  @Field(() => String, { description: 'GET with the candidate\'s or a reviewer\'s session' }) url!: string;
}

registerEnumType(RealNameMethod, { name: 'RealNameMethod', description: '实名认证方式: 支付宝扫码认证 / 线上实名认证' });
registerEnumType(RealNameStatus, { name: 'RealNameStatus', description: '一次实名认证的状态' });

@ObjectType('RealNameVerification', { description: 'One 实名认证 attempt of the signed-in candidate' })
export class RealNameVerificationType {
  @Field(() => ID) id!: string;
  @Field(() => RealNameMethod) method!: RealNameMethod;
  @Field(() => RealNameStatus) status!: RealNameStatus;
  @Field(() => String, { nullable: true, description: 'PENDING 支付宝扫码认证: what the QR code opens (the simulator page locally)' })
  certifyUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'FAILED / EXPIRED: why, in Chinese (线上实名认证: the reviewer\'s reason)' }) failureReason!: string | null;
  @Field(() => Date, { nullable: true, description: '支付宝: when the attempt lapses; null for 线上实名认证' }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String, { nullable: true, description: '线上实名认证: 所在省 (GB/T 2260)' }) provinceCode!: string | null;
  @Field(() => String, { nullable: true, description: '线上实名认证: 所在市 (GB/T 2260)' }) cityCode!: string | null;
  @Field(() => String, { nullable: true }) provinceName!: string | null;
  @Field(() => String, { nullable: true }) cityName!: string | null;
  @Field(() => [RealNameDocumentImageType], { description: '线上实名认证: the images submitted (empty for 支付宝)' }) documents!: RealNameDocumentImageType[];
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

@ObjectType('RealNameCity')
export class RealNameCityType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('RealNameProvince', { description: '所在省市 of 线上实名认证 (GB/T 2260)' })
export class RealNameProvinceType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => [RealNameCityType]) cities!: RealNameCityType[];
}

@ObjectType('RealNameUploadTokenResult')
export class RealNameUploadTokenResultType {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => IdentityErrorCode, { nullable: true }) errorCode!: IdentityErrorCode | null;
  @Field(() => String) message!: string;
  @Field(() => String, { nullable: true, description: 'POST the raw file here (single use, short-lived)' }) uploadUrl!: string | null;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Largest file accepted, in bytes' }) maxBytes!: number | null;
}

@ObjectType('RealNameReviewSummary', { description: 'One 线上实名认证 submission in the review queue (证件号码 masked)' })
export class RealNameReviewSummaryType {
  @Field(() => ID) id!: string;
  @Field(() => RealNameStatus) status!: RealNameStatus;
  @Field(() => String, { description: 'The registration unit reviewing it' }) unitCode!: string;
  @Field(() => String) provinceName!: string;
  @Field(() => String) cityName!: string;
  @Field(() => String) candidateName!: string;
  @Field(() => DocumentTypeEnum) documentType!: DocumentType;
  @Field(() => String) maskedDocumentNumber!: string;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '审核未通过: the reason' }) failureReason!: string | null;
}

@ObjectType('RealNameReviewPage')
export class RealNameReviewPageType {
  @Field(() => [RealNameReviewSummaryType]) items!: RealNameReviewSummaryType[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page' }) nextCursor!: string | null;
}

@ObjectType('RealNameReviewDetail', { description: 'One submission, unmasked for the reviewer (the read is audited)' })
export class RealNameReviewDetailType extends RealNameReviewSummaryType {
  @Field(() => ID) accountId!: string;
  @Field(() => String) documentNumber!: string;
  @Field(() => [RealNameDocumentImageType], { description: 'Opening each image is audited too' }) documents!: RealNameDocumentImageType[];
}

@ObjectType('RealNameReviewDecisionResult')
export class RealNameReviewDecisionResultType {
  @Field(() => ID) verificationId!: string;
  @Field(() => Boolean) ok!: boolean;
  @Field(() => IdentityErrorCode, { nullable: true }) errorCode!: IdentityErrorCode | null;
  @Field(() => String) message!: string;
  @Field(() => RealNameStatus, { nullable: true, description: 'SUCCEEDED (审核通过) or FAILED (审核未通过) when ok' }) status!: RealNameStatus | null;
}
