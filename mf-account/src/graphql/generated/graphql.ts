/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Why an account operation (register, login, reset password, codes) did not succeed */
export type AccountErrorCode =
  | 'ACCOUNT_LOCKED'
  | 'CAPTCHA_INVALID'
  | 'CLIENT_LOCKED'
  | 'DOCUMENT_ALREADY_REGISTERED'
  | 'DOCUMENT_NUMBER_FORMAT'
  | 'ID_NUMBER_BIRTH_DATE'
  | 'ID_NUMBER_CHECK_DIGIT'
  | 'ID_NUMBER_FORMAT'
  | 'ID_NUMBER_REGION'
  | 'INVALID_CREDENTIALS'
  | 'NAME_CHARACTERS'
  | 'NAME_LENGTH'
  | 'NATIONALITY_CODE'
  | 'PASSWORD_MISMATCH'
  | 'PASSWORD_WEAK'
  | 'PHONE_ALREADY_REGISTERED'
  | 'PHONE_FORMAT'
  | 'RESET_DETAILS_MISMATCH'
  | 'SMS_CODE_EXPIRED'
  | 'SMS_CODE_INVALID'
  | 'SMS_SEND_FAILED'
  | 'SMS_TOO_FREQUENT'
  | 'WECHAT_ALREADY_BOUND'
  | 'WECHAT_NOT_CONFIRMED'
  | 'WECHAT_TICKET_EXPIRED'
  | 'WECHAT_TICKET_NOT_FOUND'
  | 'WECHAT_TICKET_OTHER_BROWSER'
  | 'WECHAT_TICKET_USED'
  | 'WECHAT_UNAVAILABLE';

/** 基本信息 */
export type BasicInfoInput = {
  email?: string | null | undefined;
  ethnicity?: string | null | undefined;
  gender?: Gender | null | undefined;
  mailingAddress?: string | null | undefined;
  politicalStatus?: string | null | undefined;
  postalCode?: string | null | undefined;
};

/** 学位: 学士, 第二学士, 硕士, 博士 */
export type DegreeKind =
  | 'BACHELOR'
  | 'DOCTOR'
  | 'MASTER'
  | 'SECOND_BACHELOR';

/** 学位信息 */
export type DegreeRecordInput = {
  certificateNumber?: string | null | undefined;
  degree: DegreeKind;
  major: string;
  /** YYYY-MM-DD */
  obtainedDate: string;
  school: string;
};

/** 证件类型 */
export type DocumentType =
  | 'FOREIGN_PASSPORT'
  | 'HK_MACAO_PERMIT'
  | 'RESIDENT_ID'
  | 'TAIWAN_PERMIT';

/** 学历 */
export type EducationLevel =
  | 'BACHELOR'
  | 'DOCTOR'
  | 'GRADUATE_CLASS'
  | 'HIGH_SCHOOL'
  | 'JUNIOR_COLLEGE'
  | 'MASTER'
  | 'SECOND_BACHELOR';

/** 学历信息 */
export type EducationRecordInput = {
  certificateNumber?: string | null | undefined;
  /** YYYY-MM-DD */
  graduationDate: string;
  level: EducationLevel;
  major: string;
  school: string;
};

export type Gender =
  | 'FEMALE'
  | 'MALE';

/** Why a 实名认证 operation did not succeed */
export type IdentityErrorCode =
  | 'ALREADY_VERIFIED'
  | 'BATCH_TOO_LARGE'
  | 'CONSENT_REQUIRED'
  | 'DOCUMENT_IMAGE_MISSING'
  | 'DOCUMENT_TYPE_UNSUPPORTED'
  | 'NOT_PENDING'
  | 'PROVIDER_UNAVAILABLE'
  | 'REASON_REQUIRED'
  | 'REGION_INVALID'
  | 'REVIEW_PENDING'
  | 'SUBMISSION_NOT_FOUND';

/** 登录 form */
export type LoginInput = {
  captchaAnswer: string;
  captchaId: string | number;
  /** 证件号码 or 手机号 as registered */
  identifier: string;
  password: string;
};

/** 线上实名认证: the three uploaded 证件 images and 所在省市 */
export type OnlineRealNameInput = {
  /** 所在市 (GB/T 2260, one of the province's cities) */
  cityCode: string;
  /** Separate consent to have reviewers examine the images (must be true) */
  consent: boolean;
  /** 证件国徽面/非人像面 (side EMBLEM) */
  emblemUploadId: string | number;
  /** 手持证件人像面 (side HANDHELD) */
  handheldUploadId: string | number;
  /** 证件人像面 (an upload of side PORTRAIT) */
  portraitUploadId: string | number;
  /** 所在省 (GB/T 2260, from realNameRegions) */
  provinceCode: string;
};

export type OtherQualificationInput = {
  certificateNumber?: string | null | undefined;
  field: QualificationField;
  /** YYYY-MM-DD */
  obtainedDate: string;
};

/** A password rule the new password does not meet */
export type PasswordRule =
  | 'CLASSES'
  | 'CONTAINS_DOCUMENT'
  | 'CONTAINS_PHONE'
  | 'LENGTH'
  | 'TOO_LONG';

/** 个人信息 (the photo is uploaded apart) */
export type PersonalInfoInput = {
  basic: BasicInfoInput;
  degrees: Array<DegreeRecordInput>;
  educations: Array<EducationRecordInput>;
  work: WorkInfoInput;
};

/** Why 信息采集 could not be saved */
export type ProfileErrorCode =
  | 'PROFILE_INVALID'
  | 'REAL_NAME_REQUIRED'
  | 'UNIT_NOT_FOUND';

/** 信息采集: the whole form (replaces what was saved) */
export type ProfileInput = {
  /** 管理部门: registration unit code (省/计划单列市) */
  managementUnitCode?: string | null | undefined;
  /** 基本信息, 学历信息, 学位信息, 工作信息 in the shape 报名信息填写 uses */
  personalInfo: PersonalInfoInput;
};

/** 经济 / 统计 / 审计 (中级资格 opening the 中级 exam) */
export type QualificationField =
  | 'AUDIT'
  | 'ECONOMICS'
  | 'STATISTICS';

/** 线上实名认证 images: PORTRAIT 证件人像面, EMBLEM 证件国徽面/非人像面, HANDHELD 手持证件人像面 */
export type RealNameDocumentSide =
  | 'EMBLEM'
  | 'HANDHELD'
  | 'PORTRAIT';

/** 实名认证方式: 支付宝扫码认证 / 线上实名认证 */
export type RealNameMethod =
  | 'ALIPAY'
  | 'ONLINE';

/** 一次实名认证的状态 */
export type RealNameStatus =
  | 'EXPIRED'
  | 'FAILED'
  | 'PENDING'
  | 'SUCCEEDED';

/** 新用户注册 form */
export type RegisterInput = {
  confirmPassword: string;
  documentNumber: string;
  documentType: DocumentType;
  name: string;
  /** ISO 3166-1 alpha-3, required for FOREIGN_PASSPORT */
  nationality?: string | null | undefined;
  password: string;
  phone: string;
  smsCode: string;
};

/** 找回密码 form (确认重置密码) */
export type ResetPasswordInput = {
  confirmNewPassword: string;
  documentNumber: string;
  documentType: DocumentType;
  name: string;
  newPassword: string;
  phone: string;
  smsCode: string;
};

/** What an SMS code may be used for */
export type SmsCodePurpose =
  | 'REGISTER'
  | 'RESET_PASSWORD';

/** 微信扫码登录 → 绑定已有账号: the confirmed ticket and the account’s 登录 credentials */
export type WeChatBindInput = {
  captchaAnswer: string;
  captchaId: string | number;
  /** 证件号码 or 手机号 as registered */
  identifier: string;
  password: string;
  ticketId: string | number;
};

/** 微信扫码登录: where the QR code of this browser is */
export type WeChatLoginStatus =
  | 'BIND_REQUIRED'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'SCANNED'
  | 'SIGNED_IN'
  | 'WAITING';

/** 工作信息 */
export type WorkInfoInput = {
  /** YYYY-MM-DD */
  accountantTitleSince?: string | null | undefined;
  employer?: string | null | undefined;
  employerNature?: string | null | undefined;
  otherQualifications: Array<OtherQualificationInput>;
  position?: string | null | undefined;
  records: Array<WorkPeriodInput>;
};

/** One period of work */
export type WorkPeriodInput = {
  employer: string;
  /** YYYY-MM-DD; null: still there */
  end?: string | null | undefined;
  isAccounting: boolean;
  partTimeWhileStudying?: boolean | null | undefined;
  /** YYYY-MM-DD */
  start: string;
};

export type DocumentTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type DocumentTypesQuery = { documentTypes: Array<{ value: DocumentType, label: string }> };

export type SendSmsCodeMutationVariables = Exact<{
  phone: string;
  purpose: SmsCodePurpose;
}>;


export type SendSmsCodeMutation = { sendSmsCode: { ok: boolean, errorCode: AccountErrorCode | null, message: string, field: string | null, retryAfterSeconds: number | null, expiresAt: string | null } };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { register: { ok: boolean, errorCode: AccountErrorCode | null, message: string, field: string | null, unmetPasswordRules: Array<PasswordRule> | null, viewer: { id: string, maskedName: string } | null } };

export type CaptchaMutationVariables = Exact<{ [key: string]: never; }>;


export type CaptchaMutation = { captcha: { id: string, svg: string, expiresAt: string } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { ok: boolean, errorCode: AccountErrorCode | null, message: string, field: string | null, lockedUntil: string | null, remainingAttempts: number | null, viewer: { id: string, maskedName: string } | null } };

export type ResetPasswordMutationVariables = Exact<{
  input: ResetPasswordInput;
}>;


export type ResetPasswordMutation = { resetPassword: { ok: boolean, errorCode: AccountErrorCode | null, message: string, field: string | null, unmetPasswordRules: Array<PasswordRule> | null } };

export type RareCharactersQueryVariables = Exact<{
  query: string;
  first?: number | null | undefined;
}>;


export type RareCharactersQuery = { rareCharacters: Array<{ char: string, codePoint: string, pinyin: string | null, block: string }> };

export type MyRealNameQueryVariables = Exact<{ [key: string]: never; }>;


export type MyRealNameQuery = { myRealName: { verified: boolean, verifiedAt: string | null, latest: { id: string, method: RealNameMethod, status: RealNameStatus, certifyUrl: string | null, failureReason: string | null, expiresAt: string | null, provinceCode: string | null, cityCode: string | null, provinceName: string | null, cityName: string | null, documents: Array<{ side: RealNameDocumentSide, uploadId: string, url: string }> } | null } };

export type RealNameVerificationQueryVariables = Exact<{
  id: string | number;
}>;


export type RealNameVerificationQuery = { realNameVerification: { id: string, method: RealNameMethod, status: RealNameStatus, certifyUrl: string | null, failureReason: string | null, expiresAt: string | null } | null };

export type StartAlipayRealNameMutationVariables = Exact<{
  consent: boolean;
}>;


export type StartAlipayRealNameMutation = { startAlipayRealNameVerification: { ok: boolean, errorCode: IdentityErrorCode | null, message: string, field: string | null, verification: { id: string, method: RealNameMethod, status: RealNameStatus, certifyUrl: string | null, failureReason: string | null, expiresAt: string | null } | null } };

export type MyProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type MyProfileQuery = { ethnicGroups: Array<string>, myProfile: { realNameVerified: boolean, saved: boolean, documentGender: Gender | null, birthDate: string | null, managementUnitCode: string | null, updatedAt: string | null, personalInfo: { basic: { gender: Gender | null, ethnicity: string | null, politicalStatus: string | null, email: string | null, mailingAddress: string | null, postalCode: string | null }, educations: Array<{ level: EducationLevel, school: string, major: string, graduationDate: string, certificateNumber: string | null }>, degrees: Array<{ degree: DegreeKind, school: string, major: string, obtainedDate: string, certificateNumber: string | null }>, work: { employer: string | null, employerNature: string | null, position: string | null, accountantTitleSince: string | null, records: Array<{ employer: string, start: string, end: string | null, isAccounting: boolean, partTimeWhileStudying: boolean | null }>, otherQualifications: Array<{ field: QualificationField, obtainedDate: string, certificateNumber: string | null }> } } }, managementUnits: Array<{ code: string, name: string }> };

export type SaveProfileMutationVariables = Exact<{
  input: ProfileInput;
}>;


export type SaveProfileMutation = { saveProfile: { ok: boolean, errorCode: ProfileErrorCode | null, message: string, field: string | null, profile: { saved: boolean, updatedAt: string | null } | null } };

export type CreateWeChatLoginTicketMutationVariables = Exact<{ [key: string]: never; }>;


export type CreateWeChatLoginTicketMutation = { createWeChatLoginTicket: { ok: boolean, errorCode: AccountErrorCode | null, message: string, ticket: { ticketId: string, qrContent: string, expiresAt: string, simulated: boolean } | null } };

export type PollWeChatLoginMutationVariables = Exact<{
  ticketId: string | number;
}>;


export type PollWeChatLoginMutation = { pollWeChatLogin: { ok: boolean, errorCode: AccountErrorCode | null, message: string, status: WeChatLoginStatus | null, viewer: { id: string, maskedName: string } | null } };

export type BindWeChatAndLoginMutationVariables = Exact<{
  input: WeChatBindInput;
}>;


export type BindWeChatAndLoginMutation = { bindWeChatAndLogin: { ok: boolean, errorCode: AccountErrorCode | null, message: string, field: string | null, lockedUntil: string | null, remainingAttempts: number | null, viewer: { id: string, maskedName: string } | null } };

export type RealNameRegionsQueryVariables = Exact<{ [key: string]: never; }>;


export type RealNameRegionsQuery = { realNameRegions: Array<{ code: string, name: string, cities: Array<{ code: string, name: string }> }> };

export type RequestRealNameUploadTokenMutationVariables = Exact<{
  side: RealNameDocumentSide;
}>;


export type RequestRealNameUploadTokenMutation = { requestRealNameUploadToken: { ok: boolean, errorCode: IdentityErrorCode | null, message: string, uploadUrl: string | null, maxBytes: number | null } };

export type SubmitOnlineRealNameMutationVariables = Exact<{
  input: OnlineRealNameInput;
}>;


export type SubmitOnlineRealNameMutation = { submitOnlineRealNameVerification: { ok: boolean, errorCode: IdentityErrorCode | null, message: string, field: string | null, verification: { id: string, method: RealNameMethod, status: RealNameStatus, certifyUrl: string | null, failureReason: string | null, expiresAt: string | null, provinceCode: string | null, cityCode: string | null, provinceName: string | null, cityName: string | null, documents: Array<{ side: RealNameDocumentSide, uploadId: string, url: string }> } | null } };


export const DocumentTypesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DocumentTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]} as unknown as DocumentNode<DocumentTypesQuery, DocumentTypesQueryVariables>;
export const SendSmsCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendSmsCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SmsCodePurpose"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendSmsCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}},{"kind":"Argument","name":{"kind":"Name","value":"purpose"},"value":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<SendSmsCodeMutation, SendSmsCodeMutationVariables>;
export const RegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"unmetPasswordRules"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maskedName"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const CaptchaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Captcha"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"captcha"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"svg"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<CaptchaMutation, CaptchaMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"lockedUntil"}},{"kind":"Field","name":{"kind":"Name","value":"remainingAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maskedName"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const ResetPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResetPasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"unmetPasswordRules"}}]}}]}}]} as unknown as DocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const RareCharactersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RareCharacters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rareCharacters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"char"}},{"kind":"Field","name":{"kind":"Name","value":"codePoint"}},{"kind":"Field","name":{"kind":"Name","value":"pinyin"}},{"kind":"Field","name":{"kind":"Name","value":"block"}}]}}]}}]} as unknown as DocumentNode<RareCharactersQuery, RareCharactersQueryVariables>;
export const MyRealNameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyRealName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myRealName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"latest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"certifyUrl"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"provinceCode"}},{"kind":"Field","name":{"kind":"Name","value":"cityCode"}},{"kind":"Field","name":{"kind":"Name","value":"provinceName"}},{"kind":"Field","name":{"kind":"Name","value":"cityName"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"uploadId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyRealNameQuery, MyRealNameQueryVariables>;
export const RealNameVerificationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RealNameVerification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"realNameVerification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"certifyUrl"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<RealNameVerificationQuery, RealNameVerificationQueryVariables>;
export const StartAlipayRealNameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartAlipayRealName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consent"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startAlipayRealNameVerification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"consent"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consent"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"certifyUrl"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<StartAlipayRealNameMutation, StartAlipayRealNameMutationVariables>;
export const MyProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"realNameVerified"}},{"kind":"Field","name":{"kind":"Name","value":"saved"}},{"kind":"Field","name":{"kind":"Name","value":"documentGender"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"managementUnitCode"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"personalInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"basic"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"ethnicity"}},{"kind":"Field","name":{"kind":"Name","value":"politicalStatus"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"mailingAddress"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"educations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"school"}},{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"graduationDate"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"degrees"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"degree"}},{"kind":"Field","name":{"kind":"Name","value":"school"}},{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"obtainedDate"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"work"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employer"}},{"kind":"Field","name":{"kind":"Name","value":"employerNature"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"accountantTitleSince"}},{"kind":"Field","name":{"kind":"Name","value":"records"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employer"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"isAccounting"}},{"kind":"Field","name":{"kind":"Name","value":"partTimeWhileStudying"}}]}},{"kind":"Field","name":{"kind":"Name","value":"otherQualifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"obtainedDate"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ethnicGroups"}},{"kind":"Field","name":{"kind":"Name","value":"managementUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<MyProfileQuery, MyProfileQueryVariables>;
export const SaveProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saved"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]} as unknown as DocumentNode<SaveProfileMutation, SaveProfileMutationVariables>;
export const CreateWeChatLoginTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWeChatLoginTicket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWeChatLoginTicket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"qrContent"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"simulated"}}]}}]}}]}}]} as unknown as DocumentNode<CreateWeChatLoginTicketMutation, CreateWeChatLoginTicketMutationVariables>;
export const PollWeChatLoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PollWeChatLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pollWeChatLogin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maskedName"}}]}}]}}]}}]} as unknown as DocumentNode<PollWeChatLoginMutation, PollWeChatLoginMutationVariables>;
export const BindWeChatAndLoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BindWeChatAndLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatBindInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bindWeChatAndLogin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"lockedUntil"}},{"kind":"Field","name":{"kind":"Name","value":"remainingAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maskedName"}}]}}]}}]}}]} as unknown as DocumentNode<BindWeChatAndLoginMutation, BindWeChatAndLoginMutationVariables>;
export const RealNameRegionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RealNameRegions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"realNameRegions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"cities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RealNameRegionsQuery, RealNameRegionsQueryVariables>;
export const RequestRealNameUploadTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestRealNameUploadToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"side"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RealNameDocumentSide"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestRealNameUploadToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"side"},"value":{"kind":"Variable","name":{"kind":"Name","value":"side"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"uploadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"maxBytes"}}]}}]}}]} as unknown as DocumentNode<RequestRealNameUploadTokenMutation, RequestRealNameUploadTokenMutationVariables>;
export const SubmitOnlineRealNameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitOnlineRealName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OnlineRealNameInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitOnlineRealNameVerification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"certifyUrl"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"provinceCode"}},{"kind":"Field","name":{"kind":"Name","value":"cityCode"}},{"kind":"Field","name":{"kind":"Name","value":"provinceName"}},{"kind":"Field","name":{"kind":"Name","value":"cityName"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"uploadId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SubmitOnlineRealNameMutation, SubmitOnlineRealNameMutationVariables>;