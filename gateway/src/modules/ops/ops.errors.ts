import { registerEnumType } from 'type-graphql';

/** Expected failures of ops operations, returned as `errorCode` + Chinese `message`, never thrown. */
export enum OpsErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  CLIENT_LOCKED = 'CLIENT_LOCKED',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  USERNAME_FORMAT = 'USERNAME_FORMAT',
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  PASSWORD_WEAK = 'PASSWORD_WEAK',
  ROLE_UNITS = 'ROLE_UNITS',
  UNIT_UNKNOWN = 'UNIT_UNKNOWN',
  SEARCH_CRITERIA = 'SEARCH_CRITERIA',
  MASKED_NUMBER_FORMAT = 'MASKED_NUMBER_FORMAT',
  INVALID_CURSOR = 'INVALID_CURSOR',
  REASON_REQUIRED = 'REASON_REQUIRED',
  CANDIDATE_NOT_FOUND = 'CANDIDATE_NOT_FOUND',
}

registerEnumType(OpsErrorCode, { name: 'OpsErrorCode', description: 'Why an ops operation (sign-in, search, detail) did not succeed' });

export interface OpsFailure {
  ok: false;
  errorCode: OpsErrorCode;
  message: string;
}

export function opsFailure(errorCode: OpsErrorCode, message: string): OpsFailure {
  return { ok: false, errorCode, message };
}
