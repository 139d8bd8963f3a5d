import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccountErrorCode } from './account.errors';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from './identity-document';
import type { AccountProfile } from './account.service';
import type { PasswordRule } from './password-policy';
import { SmsCodePurpose } from './sms-code.entity';

export const DocumentTypeEnum = Object.fromEntries(Object.keys(DOCUMENT_TYPE_LABELS).map((k) => [k, k])) as {
  [K in DocumentType]: K;
};
registerEnumType(DocumentTypeEnum, { name: 'DocumentType', description: '证件类型' });

const PASSWORD_RULES: readonly PasswordRule[] = ['LENGTH', 'TOO_LONG', 'CLASSES', 'CONTAINS_DOCUMENT', 'CONTAINS_PHONE'];
export const PasswordRuleEnum = Object.fromEntries(PASSWORD_RULES.map((k) => [k, k])) as { [K in PasswordRule]: K };
registerEnumType(PasswordRuleEnum, { name: 'PasswordRule', description: 'A password rule the new password does not meet' });

registerEnumType(SmsCodePurpose, { name: 'SmsCodePurpose', description: 'What an SMS code may be used for' });

@ObjectType('DocumentTypeOption')
export class DocumentTypeOption {
  @Field(() => DocumentTypeEnum) value!: DocumentType;
  @Field(() => String) label!: string;
}

@ObjectType('Viewer', { description: 'The signed-in candidate as the top bar shows them' })
export class ViewerType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Name masked for display: 张*, 欧阳**' }) maskedName!: string;
  /**
   * 证件类型, 证件号码 and 手机号 (masked; AccountResolver's fields of this type), read from the account only
   * when a selection asks for one of them, and then once: 登录 in the browser asks for none.
   */
  profile!: () => Promise<AccountProfile>;
}

/** Fields every account result shares: check `ok`; otherwise show `message` (at `field`, when given). */
@ObjectType()
export abstract class AccountResultFields {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => AccountErrorCode, { nullable: true }) errorCode!: AccountErrorCode | null;
  @Field(() => String, { description: 'Chinese text for the candidate, on success too' }) message!: string;
  @Field(() => String, { nullable: true, description: 'The input field the error belongs to, e.g. documentNumber' })
  field!: string | null;
}

@ObjectType('SendSmsCodeResult')
export class SendSmsCodeResultType extends AccountResultFields {
  @Field(() => Int, { nullable: true, description: 'Seconds until another code may be requested for this phone and purpose' })
  retryAfterSeconds!: number | null;
  @Field(() => Date, { nullable: true, description: 'When the code just sent stops being valid' })
  expiresAt!: Date | null;
}

@ObjectType('Captcha', { description: '图片验证码: one image, valid for one login attempt' })
export class CaptchaType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'SVG markup of the image' }) svg!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType('RegisterResult')
export class RegisterResultType extends AccountResultFields {
  @Field(() => [PasswordRuleEnum], { nullable: true }) unmetPasswordRules!: PasswordRule[] | null;
  @Field(() => ViewerType, { nullable: true, description: 'The new account, signed in' }) viewer!: ViewerType | null;
}

@ObjectType('LoginResult')
export class LoginResultType extends AccountResultFields {
  @Field(() => Date, { nullable: true, description: 'With ACCOUNT_LOCKED / CLIENT_LOCKED: when logging in is possible again' })
  lockedUntil!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Password attempts left before the account locks' })
  remainingAttempts!: number | null;
  @Field(() => ViewerType, { nullable: true }) viewer!: ViewerType | null;
}

@ObjectType('ResetPasswordResult')
export class ResetPasswordResultType extends AccountResultFields {
  @Field(() => [PasswordRuleEnum], { nullable: true }) unmetPasswordRules!: PasswordRule[] | null;
}
