import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, RequestContext } from '../../graphql/context';
import type { AuditActor } from '../audit/audit.service';
import { sendJson } from '../../http/server';
import type { OpsAuthService } from './ops-auth.service';
import { OpsErrorCode } from './ops.errors';
import type { OpsRole } from './ops-principal';
import { base32Decode, otpauthUrl, TOTP_STEP_SECONDS, totpAt, totpStep } from './totp';

/**
 * Development-only TOTP key of the demo ops accounts, published here on purpose (like the development
 * PII keys) so that anyone running the portal locally can sign in to the explorer. Add it to an
 * authenticator app, or read the current code from `node --import tsx src/cli.ts dev-ops-credentials`
 * or GET /dev/ops-totp. The demo accounts are never created when NODE_ENV=production.
 */
export const DEV_OPS_TOTP_SECRET = 'CCAPDEVOPSTOTPSECRETNOTFORPRODUC';

export interface DemoOpsAccount {
  username: string;
  password: string;
  role: OpsRole;
  unitCodes: string[];
  description: string;
}

export const DEMO_OPS_ACCOUNTS: readonly DemoOpsAccount[] = [
  { username: 'admin', password: 'Kuaiji-Ops#2026', role: 'ADMIN', unitCodes: [], description: '管理员(全部报名单位)' },
  { username: 'reviewer-bj', password: 'Ccap-Review#2026', role: 'REVIEWER', unitCodes: ['110000'], description: '北京市审核人员' },
];

/**
 * Creates the demo ops accounts that are missing (running it again changes nothing). Refuses in
 * production whatever the caller does: published passwords must never guard real data.
 */
export async function seedDemoOpsAccounts(ctx: RequestContext, opsAuth: OpsAuthService, env: string, createdBy?: AuditActor): Promise<string[]> {
  if (env === 'production') throw new Error('demo ops accounts are never created when NODE_ENV=production');
  const created: string[] = [];
  for (const account of DEMO_OPS_ACCOUNTS) {
    const result = await opsAuth.createAccount(ctx, { ...account, totpSecret: base32Decode(DEV_OPS_TOTP_SECRET) }, createdBy);
    if (result.ok) created.push(result.username);
    else if (result.errorCode !== OpsErrorCode.USERNAME_TAKEN) throw new Error(`demo ops account ${account.username}: ${result.message}`);
  }
  return created;
}

export function demoOpsCredentials(at: Date) {
  const secret = base32Decode(DEV_OPS_TOTP_SECRET);
  const secondsLeft = TOTP_STEP_SECONDS - (Math.floor(at.getTime() / 1000) % TOTP_STEP_SECONDS);
  return {
    totpSecret: DEV_OPS_TOTP_SECRET,
    totp: totpAt(secret, at),
    /** A code works once per account: the next one, for signing in again within the same 30 s. */
    nextTotp: totpAt(secret, new Date((totpStep(at) + 1) * TOTP_STEP_SECONDS * 1000)),
    totpValidForSeconds: secondsLeft,
    accounts: DEMO_OPS_ACCOUNTS.map(({ username, password, role, unitCodes, description }) => ({
      username,
      password,
      role,
      unitCodes,
      description,
      otpauthUrl: otpauthUrl(secret, { issuer: 'CCAP Ops (dev)', accountName: username }),
    })),
  };
}

/** GET /dev/ops-totp: the demo credentials and the current code. Mounted only with the dev outbox. */
export function devOpsTotpRoute(clock: Clock) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: '仅支持GET' }, { allow: 'GET' });
    sendJson(res, 200, demoOpsCredentials(clock.now()));
  };
}
