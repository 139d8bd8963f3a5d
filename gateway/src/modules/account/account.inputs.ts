import { Field, ID, InputType } from 'type-graphql';
import type { DocumentType } from './identity-document';
import type { LoginFields, RegisterFields, ResetPasswordFields } from './account.service';
import { DocumentTypeEnum } from './account.types';

@InputType({ description: '新用户注册 form' })
export class RegisterInput implements RegisterFields {
  @Field(() => DocumentTypeEnum) documentType!: DocumentType;
  @Field(() => String) documentNumber!: string;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3, required for FOREIGN_PASSPORT' })
  nationality?: string | null;
  @Field(() => String) name!: string;
  @Field(() => String) password!: string;
  @Field(() => String) confirmPassword!: string;
  @Field(() => String) phone!: string;
  @Field(() => String) smsCode!: string;
}

@InputType({ description: '登录 form' })
export class LoginInput implements LoginFields {
  @Field(() => String, { description: '证件号码 or 手机号 as registered' }) identifier!: string;
  @Field(() => String) password!: string;
  @Field(() => ID) captchaId!: string;
  @Field(() => String) captchaAnswer!: string;
}

@InputType({ description: '找回密码 form (确认重置密码)' })
export class ResetPasswordInput implements ResetPasswordFields {
  @Field(() => DocumentTypeEnum) documentType!: DocumentType;
  @Field(() => String) documentNumber!: string;
  @Field(() => String) name!: string;
  @Field(() => String) newPassword!: string;
  @Field(() => String) confirmNewPassword!: string;
  @Field(() => String) phone!: string;
  @Field(() => String) smsCode!: string;
}
