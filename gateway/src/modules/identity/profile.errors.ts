import { registerEnumType } from 'type-graphql';

/** Expected failures of 信息采集 (saveProfile), returned with a Chinese message and the field. */
export enum ProfileErrorCode {
  REAL_NAME_REQUIRED = 'REAL_NAME_REQUIRED',
  PROFILE_INVALID = 'PROFILE_INVALID',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
}

registerEnumType(ProfileErrorCode, { name: 'ProfileErrorCode', description: 'Why 信息采集 could not be saved' });

export interface ProfileFailure {
  ok: false;
  errorCode: ProfileErrorCode;
  message: string;
  field?: string;
}

export function profileFailure(errorCode: ProfileErrorCode, message: string, field?: string): ProfileFailure {
  return { ok: false, errorCode, message, ...(field ? { field } : {}) };
}

export const PROFILE_MESSAGES = {
  REAL_NAME_REQUIRED: '请先完成实名认证,再进行信息采集',
  UNIT_NOT_FOUND: '请选择管理部门所在地区',
  ETHNICITY: '请从列表中选择民族',
  GENDER_MISMATCH: '性别与居民身份证号码不一致',
} as const;
