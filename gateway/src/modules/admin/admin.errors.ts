import { registerEnumType } from 'type-graphql';

/** Expected failures of admin operations, returned as `errorCode` + Chinese `message`, never thrown. */
export enum AdminErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  DUPLICATE = 'DUPLICATE',
  WINDOW_ORDER = 'WINDOW_ORDER',
  CAPACITY_BELOW_TAKEN = 'CAPACITY_BELOW_TAKEN',
  OPS_ACCOUNT_REFUSED = 'OPS_ACCOUNT_REFUSED',
  SELF_CHANGE = 'SELF_CHANGE',
  /** Removal refused: candidates' data refers to it (the message says what). */
  IN_USE = 'IN_USE',
}

registerEnumType(AdminErrorCode, { name: 'AdminErrorCode', description: 'Why an admin operation did not succeed' });

export interface AdminFailure {
  ok: false;
  errorCode: AdminErrorCode;
  message: string;
  /** The input field at fault, when there is one. */
  field?: string;
}

export function adminFailure(errorCode: AdminErrorCode, message: string, field?: string): AdminFailure {
  return { ok: false, errorCode, message, ...(field ? { field } : {}) };
}

/** Success carries the id of what was created or changed. */
export type AdminOutcome = { ok: true; id: string; message: string } | AdminFailure;
