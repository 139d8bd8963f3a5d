import { makeResidentId } from '../src/modules/account/identity-document.testing';
import type { TestGateway } from './support';

export interface OutboxSms {
  phone: string;
  purpose: string;
  code: string | null;
  message: string;
  sentAt: string;
}

export async function outbox(gw: TestGateway, phone?: string): Promise<{ sms: OutboxSms[]; captchas: Array<{ id: string; answer: string; issuedAt: string }> }> {
  const res = await fetch(`${gw.url}/dev/outbox${phone ? `?phone=${phone}` : ''}`);
  if (res.status !== 200) throw new Error(`GET /dev/outbox answered ${res.status}`);
  return (await res.json()) as any;
}

let serial = 0;
/** A phone number no other test in the file uses (1 + 3–9 + 9 digits). */
export function uniquePhone(): string {
  serial += 1;
  return `139${String(process.pid % 10_000).padStart(4, '0')}${String(serial).padStart(4, '0')}`;
}

/** A valid 居民身份证号码 no other test in the file uses. */
export function uniqueResidentId(): string {
  serial += 1;
  return makeResidentId('110105', '19900307', String(serial % 1000).padStart(3, '0'));
}

export const SEND_SMS = /* GraphQL */ `
  mutation($phone: String!, $purpose: SmsCodePurpose!) {
    sendSmsCode(phone: $phone, purpose: $purpose) { ok errorCode message field retryAfterSeconds expiresAt }
  }
`;

export const REGISTER = /* GraphQL */ `
  mutation($input: RegisterInput!) {
    register(input: $input) {
      ok errorCode message field unmetPasswordRules
      viewer { id maskedName maskedPhone maskedDocumentNumber documentType }
    }
  }
`;

export const LOGIN = /* GraphQL */ `
  mutation($input: LoginInput!) {
    login(input: $input) { ok errorCode message field lockedUntil remainingAttempts viewer { id maskedName } }
  }
`;

export const RESET_PASSWORD = /* GraphQL */ `
  mutation($input: ResetPasswordInput!) {
    resetPassword(input: $input) { ok errorCode message field unmetPasswordRules }
  }
`;

export const ME = /* GraphQL */ `{ me { id maskedName maskedPhone maskedDocumentNumber documentType } }`;

/** Sends a code through the API and reads it back from the dev outbox. */
export async function requestSmsCode(gw: TestGateway, phone: string, purpose: 'REGISTER' | 'RESET_PASSWORD'): Promise<string> {
  const { body } = await gw.graphql(SEND_SMS, { phone, purpose });
  if (!body.data?.sendSmsCode.ok) throw new Error(`sendSmsCode failed: ${JSON.stringify(body)}`);
  const sms = (await outbox(gw, phone)).sms.find((m) => m.purpose === purpose);
  return sms!.code!;
}

/** `ccap_sid=…` from a response, ready for a Cookie header; undefined if none was set. */
export function sessionCookieOf(headers: Headers): string | undefined {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('ccap_sid='));
  return cookie?.split(';')[0];
}

export const STRONG_PASSWORD = 'Kuaiji#2026';

export function registrationInput(overrides: Record<string, unknown> = {}) {
  return {
    documentType: 'RESIDENT_ID',
    documentNumber: uniqueResidentId(),
    name: '张三',
    password: STRONG_PASSWORD,
    confirmPassword: STRONG_PASSWORD,
    phone: uniquePhone(),
    smsCode: '000000',
    ...overrides,
  };
}

/** Registers through the API (code from the outbox) and returns the input and the session cookie. */
export async function registerCandidate(gw: TestGateway, overrides: Record<string, unknown> = {}) {
  const input = registrationInput(overrides);
  input.smsCode = await requestSmsCode(gw, input.phone as string, 'REGISTER');
  const res = await gw.graphql(REGISTER, { input });
  if (!res.body.data?.register.ok) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
  return { input, cookie: sessionCookieOf(res.headers)!, viewer: res.body.data.register.viewer };
}

export async function solvedCaptcha(gw: TestGateway): Promise<{ captchaId: string; captchaAnswer: string }> {
  const { body } = await gw.graphql(`mutation { captcha { id } }`);
  const id = body.data.captcha.id as string;
  const answer = (await outbox(gw)).captchas.find((c) => c.id === id)!.answer;
  return { captchaId: id, captchaAnswer: answer };
}

export async function login(gw: TestGateway, identifier: string, password: string, headers: Record<string, string> = {}) {
  const res = await gw.graphql(LOGIN, { input: { identifier, password, ...(await solvedCaptcha(gw)) } }, headers);
  return { result: res.body.data?.login, cookie: sessionCookieOf(res.headers), res };
}
