import { randomBytes } from 'node:crypto';
import { LoginThrottleService } from '../src/modules/account/login-throttle.service';
import { PasswordHasher } from '../src/modules/account/password-hasher';
import { PiiProtector } from '../src/modules/account/pii-protector';
import { OpsAuthService } from '../src/modules/ops/ops-auth.service';
import type { OpsRole } from '../src/modules/ops/ops-principal';
import { OpsSessionService } from '../src/modules/ops/ops-session.service';
import { totpAt, TOTP_STEP_SECONDS } from '../src/modules/ops/totp';
import { testContext, type TestGateway } from './support';

export const OPS_PASSWORD = 'Shenhe#2026-ops';

export const OPS_LOGIN = /* GraphQL */ `
  mutation($username: String!, $password: String!, $totp: String!) {
    opsLogin(username: $username, password: $password, totp: $totp) {
      ok errorCode message lockedUntil remainingAttempts principal { id username roles unitCodes }
    }
  }
`;
export const OPS_ME = /* GraphQL */ `{ opsMe { id username roles unitCodes } }`;
export const OPS_LOGOUT = /* GraphQL */ `mutation { opsLogout }`;

export function opsAuthFor(gw: TestGateway): OpsAuthService {
  return new OpsAuthService({
    pii: new PiiProtector(gw.config.pii),
    passwords: new PasswordHasher(),
    sessions: new OpsSessionService(gw.config.ops.session),
    loginThrottle: new LoginThrottleService(),
    clientMaxFailures: gw.config.ops.ipMaxFailures,
  });
}

let serial = 0;

export interface TestOpsAccount {
  id: string;
  username: string;
  password: string;
  secret: Buffer;
  /** The code for the gateway clock's current step. */
  code(at: Date, stepOffset?: number): string;
}

/** Creates an ops account directly through the service (no API creates them). Needs registration units for REVIEWER. */
export async function createOpsAccount(gw: TestGateway, role: OpsRole, unitCodes: string[] = [], username = `ops-${process.pid}-${++serial}`): Promise<TestOpsAccount> {
  const secret = randomBytes(20);
  const result = await opsAuthFor(gw).createAccount(testContext(gw.orm, { now: () => new Date() }), {
    username,
    password: OPS_PASSWORD,
    role,
    unitCodes,
    totpSecret: secret,
  });
  if (!result.ok) throw new Error(`createAccount failed: ${result.message}`);
  return {
    id: result.accountId,
    username,
    password: OPS_PASSWORD,
    secret,
    code: (at, stepOffset = 0) => totpAt(secret, new Date(at.getTime() + stepOffset * TOTP_STEP_SECONDS * 1000)),
  };
}

/** `ccap_ops_sid=…` from a response, ready for a Cookie header. */
export function opsCookieOf(headers: Headers): string | undefined {
  return headers.getSetCookie().find((c) => c.startsWith('ccap_ops_sid='))?.split(';')[0];
}

export async function opsLogin(gw: TestGateway, account: TestOpsAccount, at: Date, headers: Record<string, string> = {}) {
  const res = await gw.graphql(OPS_LOGIN, { username: account.username, password: account.password, totp: account.code(at) }, headers);
  return { result: res.body.data?.opsLogin, cookie: opsCookieOf(res.headers), res };
}

export async function auditRows(gw: TestGateway, where = 'true', params: unknown[] = []) {
  return gw.orm.em.getConnection().execute<Array<Record<string, any>>>(`select * from audit_record where ${where} order by id`, params);
}
