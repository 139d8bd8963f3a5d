import { registerEnumType } from 'type-graphql';

/** Expected failures of 实名认证, returned as `errorCode` + Chinese `message`, never thrown. */
export enum IdentityErrorCode {
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  ALREADY_VERIFIED = 'ALREADY_VERIFIED',
  PROVIDER_UNAVAILABLE = 'PROVIDER_UNAVAILABLE',
  DOCUMENT_TYPE_UNSUPPORTED = 'DOCUMENT_TYPE_UNSUPPORTED',
  /** 线上实名认证 already waiting for its reviewer. */
  REVIEW_PENDING = 'REVIEW_PENDING',
  /** 所在省市 unknown, or the city not in the province. */
  REGION_INVALID = 'REGION_INVALID',
  /** One of the three 证件 images is missing, of another kind, or not the candidate's. */
  DOCUMENT_IMAGE_MISSING = 'DOCUMENT_IMAGE_MISSING',
  /** Reviewers: no such submission in your units. */
  SUBMISSION_NOT_FOUND = 'SUBMISSION_NOT_FOUND',
  /** Reviewers: already approved or rejected. */
  NOT_PENDING = 'NOT_PENDING',
  /** Reviewers: 审核未通过 needs a reason the candidate can act on. */
  REASON_REQUIRED = 'REASON_REQUIRED',
  /** Reviewers: more submissions in one batch than allowed. */
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
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
  ONLINE_CONSENT_REQUIRED: '请先阅读并勾选同意《个人信息处理授权》,我们才能由审核人员核验您上传的证件照片',
  REVIEW_PENDING: '您的线上实名认证正在审核中,请耐心等待审核结果',
  REGION_INVALID: '请选择所在省市',
  DOCUMENT_IMAGE_MISSING: (label: string) => `请上传${label}`,
  SUBMITTED: '已提交,请等待审核',
  SUBMISSION_NOT_FOUND: '实名认证申请不存在或不属于您负责的报名单位',
  NOT_PENDING: '该实名认证申请已审核,不能重复审核',
  REASON_REQUIRED: '请填写审核不通过的原因(2–500字),考生将看到该原因',
  BATCH_TOO_LARGE: (max: number) => `每批最多审核${max}条`,
} as const;
