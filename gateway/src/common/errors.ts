import { GraphQLError } from 'graphql';
import { registerEnumType } from 'type-graphql';

/**
 * Every error code a client can see. Transport-level faults are thrown as GraphQL errors with one of
 * these in `extensions.code`; expected domain failures are returned as typed results carrying an
 * `errorCode` instead (see `MutationResult`).
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** Too many requests of a kind already waiting in this process: nothing was done, try again shortly. */
  SERVICE_BUSY = 'SERVICE_BUSY',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

registerEnumType(ErrorCode, { name: 'ErrorCode', description: 'Error codes carried in extensions.code' });

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  BAD_USER_INPUT: '提交的信息有误,请检查后重试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '要查找的内容不存在',
  CONFLICT: '数据已被修改,请刷新后重试',
  RATE_LIMITED: '操作过于频繁,请稍后再试',
  SERVICE_BUSY: '当前访问人数较多,请稍后重试',
  INTERNAL_SERVER_ERROR: '服务器内部错误,请稍后重试',
};

/** An error that is safe to show to the caller as it is (code + Chinese message). */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string = DEFAULT_MESSAGES[code], details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }
}

export const internalErrorMessage = DEFAULT_MESSAGES.INTERNAL_SERVER_ERROR;

/** Codes that Apollo itself produces for malformed requests; they describe the request, not the server. */
export const CLIENT_FAULT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);
