import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApolloError } from '@apollo/client/core';
import { GraphQLError } from 'graphql';
import {
  GENERIC_ERROR_MESSAGE,
  NETWORK_ERROR_CODE,
  NETWORK_ERROR_MESSAGE,
  errorCodeOf,
  messageOf,
  showError,
} from './errors';

const gqlError = (message: string, code?: string) =>
  new GraphQLError(message, { extensions: code ? { code } : {} });

afterEach(() => vi.restoreAllMocks());

describe('errorCodeOf', () => {
  it('reads extensions.code of the first GraphQL error', () => {
    const error = new ApolloError({ graphQLErrors: [gqlError('该手机号已注册', 'PHONE_ALREADY_REGISTERED')] });
    expect(errorCodeOf(error)).toBe('PHONE_ALREADY_REGISTERED');
    expect(errorCodeOf([gqlError('x', 'BAD_USER_INPUT')])).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(gqlError('x', 'FORBIDDEN'))).toBe('FORBIDDEN');
  });

  it("reads a typed result's errorCode", () => {
    expect(errorCodeOf({ ok: false, errorCode: 'SMS_CODE_EXPIRED', message: '验证码已过期,请重新获取' })).toBe('SMS_CODE_EXPIRED');
  });

  it('reads GraphQL errors a non-2xx response carried', () => {
    const serverError = Object.assign(new Error('Response not successful'), {
      statusCode: 400,
      result: { errors: [{ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
    });
    expect(errorCodeOf(new ApolloError({ networkError: serverError }))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('calls a failure to reach the server NETWORK_ERROR, and knows nothing of other errors', () => {
    expect(errorCodeOf(new ApolloError({ networkError: new TypeError('Failed to fetch') }))).toBe(NETWORK_ERROR_CODE);
    expect(errorCodeOf(new TypeError('Failed to fetch'))).toBe(NETWORK_ERROR_CODE);
    expect(errorCodeOf(new Error('boom'))).toBeUndefined();
    expect(errorCodeOf(undefined)).toBeUndefined();
  });
});

describe('messageOf', () => {
  it("shows the server's Chinese message", () => {
    expect(messageOf(new ApolloError({ graphQLErrors: [gqlError('该证件号码已注册', 'DOCUMENT_ALREADY_REGISTERED')] }))).toBe(
      '该证件号码已注册',
    );
    expect(messageOf({ errorCode: 'PASSWORD_WEAK', message: '密码须同时包含字母和数字' })).toBe('密码须同时包含字母和数字');
  });

  it('maps network failures to the network message', () => {
    expect(messageOf(new ApolloError({ networkError: new TypeError('Failed to fetch') }))).toBe(NETWORK_ERROR_MESSAGE);
    expect(NETWORK_ERROR_MESSAGE).toBe('网络异常,请稍后重试');
    const badGateway = Object.assign(new Error('Response not successful: Received status code 502'), { statusCode: 502 });
    expect(messageOf(new ApolloError({ networkError: badGateway }))).toBe(NETWORK_ERROR_MESSAGE);
  });

  it('never shows a raw technical message', () => {
    expect(messageOf(new ApolloError({ graphQLErrors: [gqlError('Unexpected error.', 'INTERNAL_SERVER_ERROR')] }))).toBe(
      '系统繁忙,请稍后重试',
    );
    // a Chinese message with a code whose text may carry internals is masked too
    expect(messageOf(new ApolloError({ graphQLErrors: [gqlError('数据库连接失败: ECONNREFUSED', 'INTERNAL_SERVER_ERROR')] }))).toBe(
      '系统繁忙,请稍后重试',
    );
    expect(messageOf(new ApolloError({ graphQLErrors: [gqlError('Variable "$id" got invalid value', 'BAD_USER_INPUT')] }))).toBe(
      GENERIC_ERROR_MESSAGE,
    );
    expect(messageOf(new Error('TypeError: x is undefined'))).toBe(GENERIC_ERROR_MESSAGE);
    expect(messageOf({ errorCode: 'X', message: 'raw english' })).toBe(GENERIC_ERROR_MESSAGE);
  });
});

describe('showError', () => {
  it('shows the Chinese message in an ElMessage', async () => {
    showError(new ApolloError({ networkError: new TypeError('Failed to fetch') }));
    await Promise.resolve();
    const messages = Array.from(document.querySelectorAll('.el-message')).map((el) => el.textContent ?? '');
    expect(messages.some((m) => m.includes(NETWORK_ERROR_MESSAGE))).toBe(true);
    expect(messages.some((m) => m.includes('Failed to fetch'))).toBe(false);
  });
});
