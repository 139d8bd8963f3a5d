import { registerEnumType } from 'type-graphql';

/** Expected failures of 实名认证, returned as `errorCode` + Chinese `message`, never thrown. */
export enum IdentityErrorCode {
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  ALREADY_VERIFIED = 'ALREADY_VERIFIED',
  PROVIDER_UNAVAILABLE = 'PROVIDER_UNAVAILABLE',
  DOCUMENT_TYPE_UNSUPPORTED = 'DOCUMENT_TYPE_UNSUPPORTED',
}

registerEnumType(IdentityErrorCode, { name: 'IdentityErrorCode', description: 'Why a 实名认证 operation did not succeed' });

export interface IdentityFailure {
  ok: false;
  errorCode: IdentityErrorCode;
  message: string;
  field?: string;
}

export function identityFailure(errorCode: IdentityErrorCode, message: string, field?: string): IdentityFailure {
  return { ok: false, errorCode, message, ...(field ? { field } : {}) };
}

export const IDENTITY_MESSAGES = {
  CONSENT_REQUIRED: '请先阅读并勾选同意《个人信息处理授权》,我们才能将您的姓名和证件号码提交认证机构核验',
  ALREADY_VERIFIED: '您已完成实名认证,无需重复认证',
  PROVIDER_UNAVAILABLE: '支付宝实名认证暂不可用,请稍后重试或使用线上实名认证',
  DOCUMENT_TYPE_UNSUPPORTED: '支付宝扫码认证仅支持居民身份证,请使用线上实名认证',
  MISMATCH: '认证失败:姓名与证件号码不一致',
  EXPIRED: '认证已超时,请重新发起认证',
} as const;
