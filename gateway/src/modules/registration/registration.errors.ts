import { registerEnumType } from 'type-graphql';

/**
 * Expected failures of exam registration (报名): returned in results as `errorCode` + Chinese
 * `message`, never thrown. The upload endpoint answers with the same codes in its JSON body.
 */
export enum RegistrationErrorCode {
  REGISTRATION_CLOSED = 'REGISTRATION_CLOSED',
  REAL_NAME_NOT_VERIFIED = 'REAL_NAME_NOT_VERIFIED',
  APPLICATION_EXISTS = 'APPLICATION_EXISTS',
  STEP_OUT_OF_ORDER = 'STEP_OUT_OF_ORDER',
  NOT_EDITABLE = 'NOT_EDITABLE',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  AGREEMENT_NOT_ACCEPTED = 'AGREEMENT_NOT_ACCEPTED',
  CONDITION_NOT_AVAILABLE = 'CONDITION_NOT_AVAILABLE',
  DETAILS_INVALID = 'DETAILS_INVALID',
  DETAILS_INCOMPLETE = 'DETAILS_INCOMPLETE',
  CITY_NOT_AVAILABLE = 'CITY_NOT_AVAILABLE',
  REGISTRATION_POINT_NOT_AVAILABLE = 'REGISTRATION_POINT_NOT_AVAILABLE',
  REGISTRATION_POINT_FULL = 'REGISTRATION_POINT_FULL',
  SUBJECTS_INVALID = 'SUBJECTS_INVALID',
  SUBJECT_ALREADY_PASSED = 'SUBJECT_ALREADY_PASSED',
  ELIGIBILITY_NOT_MET = 'ELIGIBILITY_NOT_MET',
  PHOTO_MISSING = 'PHOTO_MISSING',
  MATERIALS_MISSING = 'MATERIALS_MISSING',
  MATERIAL_NOT_REQUESTED = 'MATERIAL_NOT_REQUESTED',
  UPLOAD_NOT_FOUND = 'UPLOAD_NOT_FOUND',
  REVIEW_REASON_REQUIRED = 'REVIEW_REASON_REQUIRED',
  NOT_PERMITTED = 'NOT_PERMITTED',
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  UPLOAD_TOKEN_INVALID = 'UPLOAD_TOKEN_INVALID',
  UPLOAD_TOO_LARGE = 'UPLOAD_TOO_LARGE',
  UPLOAD_TYPE_NOT_ALLOWED = 'UPLOAD_TYPE_NOT_ALLOWED',
  UPLOAD_CORRUPT = 'UPLOAD_CORRUPT',
  PHOTO_FILE_TOO_SMALL = 'PHOTO_FILE_TOO_SMALL',
  PHOTO_RESOLUTION_TOO_LOW = 'PHOTO_RESOLUTION_TOO_LOW',
}

registerEnumType(RegistrationErrorCode, {
  name: 'RegistrationErrorCode',
  description: 'Why a registration (报名) operation did not succeed',
});

/** One unmet 报考条件, as eligibility.ts words it. */
export interface UnmetCondition {
  code: string;
  message: string;
}

export interface RegistrationFailure {
  ok: false;
  errorCode: RegistrationErrorCode;
  message: string;
  /** The input field the problem belongs to (e.g. personalInfo.educations[0].graduationDate). */
  field?: string;
  /** With ELIGIBILITY_NOT_MET: every condition that is not met. */
  unmet?: UnmetCondition[];
}

export function registrationFailure(
  errorCode: RegistrationErrorCode,
  message: string,
  extra: { field?: string; unmet?: UnmetCondition[] } = {},
): RegistrationFailure {
  return { ok: false, errorCode, message, ...extra };
}

export const REGISTRATION_MESSAGES = {
  REGISTRATION_NOT_OPEN: '当前不在报名时间内,报名时间为',
  REAL_NAME_NOT_VERIFIED: '请先完成实名认证后再报名',
  STEP_OUT_OF_ORDER: '请按报名导览的顺序完成前面的步骤',
  NOT_EDITABLE: '报名信息已提交,当前状态下不能修改',
  AGREEMENT_NOT_ACCEPTED: '请选择“完全同意”后再点击“已阅读并知晓”',
  PHOTO_MISSING: '请上传个人照片',
  REGISTRATION_POINT_FULL: '该报名点名额已满,请选择其他报名点',
  REGISTRATION_POINT_NOT_AVAILABLE: '所选报名点不属于所选报考地市或本次考试',
  CITY_NOT_AVAILABLE: '所选报考地市不属于本报考省份',
  REVIEW_REASON_REQUIRED: '请填写审核不通过的原因',
  UPLOAD_NOT_FOUND: '文件不存在或已删除',
} as const;
