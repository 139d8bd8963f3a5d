import { ElMessage } from 'element-plus';

/** Shown for failures to reach the server at all. */
export const NETWORK_ERROR_MESSAGE = '网络异常,请稍后重试';
/** Shown when there is nothing better to say (never a raw technical message). */
export const GENERIC_ERROR_MESSAGE = '操作失败,请稍后重试';
/** `errorCodeOf` for failures to reach the server (no GraphQL response). */
export const NETWORK_ERROR_CODE = 'NETWORK_ERROR';

const CODE_MESSAGES: Readonly<Record<string, string>> = {
  [NETWORK_ERROR_CODE]: NETWORK_ERROR_MESSAGE,
  INTERNAL_SERVER_ERROR: '系统繁忙,请稍后重试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  GRAPHQL_PARSE_FAILED: '请求无效,请刷新页面后重试',
  GRAPHQL_VALIDATION_FAILED: '请求无效,请刷新页面后重试',
  BAD_REQUEST: '请求无效,请刷新页面后重试',
  PERSISTED_QUERY_NOT_FOUND: '请求无效,请刷新页面后重试',
};

/** Codes whose server message is never shown (it may carry internals). */
const MASKED_CODES = new Set(['INTERNAL_SERVER_ERROR', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

interface GraphQLErrorLike {
  message?: unknown;
  extensions?: { code?: unknown } | null;
}

type Dict = Record<string, unknown>;

function isObject(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null;
}

function isGraphQLErrorLike(value: unknown): value is GraphQLErrorLike {
  return isObject(value) && typeof value.message === 'string' && isObject(value.extensions);
}

function hasChinese(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
}

/** ApolloError (3.x) or a look-alike from another copy of the library. */
function isApolloErrorLike(value: unknown): value is Dict & { graphQLErrors: unknown[]; networkError: unknown } {
  return isObject(value) && Array.isArray(value.graphQLErrors) && 'networkError' in value;
}

/** GraphQL errors carried by an error, wherever Apollo put them. */
function graphQLErrorsOf(error: unknown): GraphQLErrorLike[] {
  if (Array.isArray(error)) return error.filter(isGraphQLErrorLike);
  if (isGraphQLErrorLike(error)) return [error];
  if (isApolloErrorLike(error)) {
    const errors = error.graphQLErrors.filter(isGraphQLErrorLike);
    if (errors.length) return errors;
    return graphQLErrorsOf(error.networkError);
  }
  // ServerError / ServerParseError: a non-2xx response whose body may hold GraphQL errors.
  if (isObject(error) && isObject(error.result) && Array.isArray(error.result.errors)) {
    return error.result.errors.filter(isGraphQLErrorLike);
  }
  if (isObject(error) && Array.isArray(error.errors)) return error.errors.filter(isGraphQLErrorLike);
  return [];
}

/** A typed result of a mutation that reports a business error, e.g. `{ errorCode, message }`. */
function typedResultOf(error: unknown): { errorCode: string; message?: string } | undefined {
  if (isObject(error) && typeof error.errorCode === 'string') {
    return { errorCode: error.errorCode, message: typeof error.message === 'string' ? error.message : undefined };
  }
  return undefined;
}

function isNetworkFailure(error: unknown): boolean {
  if (isApolloErrorLike(error)) return error.networkError != null && graphQLErrorsOf(error).length === 0;
  if (error instanceof TypeError) return true; // fetch() rejects with TypeError when the request fails
  return isObject(error) && typeof error.statusCode === 'number' && graphQLErrorsOf(error).length === 0;
}

/**
 * The machine-readable code of an error: `extensions.code` of the first GraphQL error, a typed
 * result's `errorCode`, `NETWORK_ERROR` when the server could not be reached; otherwise undefined.
 */
export function errorCodeOf(error: unknown): string | undefined {
  const typed = typedResultOf(error);
  if (typed) return typed.errorCode;
  for (const e of graphQLErrorsOf(error)) {
    const code = e.extensions?.code;
    if (typeof code === 'string' && code) return code;
  }
  if (isNetworkFailure(error)) return NETWORK_ERROR_CODE;
  return undefined;
}

/** The Chinese message to show for an error. Never a raw technical message. */
export function messageOf(error: unknown): string {
  const typed = typedResultOf(error);
  if (typed) return typed.message && hasChinese(typed.message) ? typed.message : GENERIC_ERROR_MESSAGE;
  const code = errorCodeOf(error);
  if (code === NETWORK_ERROR_CODE) return NETWORK_ERROR_MESSAGE;
  const first = graphQLErrorsOf(error)[0];
  const message = typeof first?.message === 'string' ? first.message : undefined;
  if (message && hasChinese(message) && !(code && MASKED_CODES.has(code))) return message;
  if (code && CODE_MESSAGES[code]) return CODE_MESSAGES[code];
  if (typeof error === 'string' && hasChinese(error)) return error;
  return GENERIC_ERROR_MESSAGE;
}

/** Shows an error to the candidate (ElMessage). The single place micro-frontends report errors. */
export function showError(error: unknown): void {
  ElMessage({ type: 'error', message: messageOf(error), grouping: true, showClose: true });
}
