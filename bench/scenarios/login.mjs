// 会计人员登录: the real login mutation (captcha, client and account throttles, argon2id verification,
// new session with its cookie), each prepared account logging in once with its own captcha, so no
// lockout is involved (a lock is per account, and per client only after failures). Afterwards: every
// acknowledged login has its session in the database, and no account or client got locked.
import { fileURLToPath } from 'node:url';
import { insertCandidates, insertCaptchas, passwordHashOf, piiOf, withPool } from '../lib/candidates.mjs';
import { createTally, graphqlRequest, oncePool, rootField, sessionCookieOf, step, takingFirst } from '../lib/sequence.mjs';

const ACCOUNTS = Number(process.env.BENCH_LOGIN_ACCOUNTS ?? 12000);
export const BENCH_PASSWORD = 'Kuaiji-2026-bench';

export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { ok errorCode message field } }`;

/** Accounts that can 登录 with their phone number, and one prepared captcha each. */
export async function loginAccounts(ctx, pool, count) {
  const pii = await piiOf(ctx.gatewayModule, ctx.gatewayEnv);
  const accounts = await insertCandidates(pool, pii, count, { passwordHash: await passwordHashOf(ctx.gatewayModule, BENCH_PASSWORD) });
  return { pii, accounts };
}

/** The 登录 step: answers the prepared captcha, keeps the session cookie in `ctx.cookie`. */
export function loginStep(tally, who) {
  return step('login', tally, {
    request: (ctx) =>
      graphqlRequest(LOGIN, { input: { identifier: who(ctx).phone, password: BENCH_PASSWORD, captchaId: who(ctx).captcha.id, captchaAnswer: who(ctx).captcha.answer } }),
    check: (status, body, ctx, headers) => {
      const cookie = sessionCookieOf(headers);
      if (!rootField(status, body, 'login')?.ok || !cookie) return false;
      ctx.cookie = cookie;
      tally.acknowledge('logins', who(ctx).accountId);
      return true;
    },
  });
}

/** Runs in the autocannon worker. */
export function createSequence({ accounts }) {
  const tally = createTally();
  const login = loginStep(tally, (ctx) => ctx.account);
  const once = {
    ...login,
    onResponse: (status, body, ctx, headers) => {
      login.onResponse(status, body, ctx, headers);
      if (!ctx.failed) tally.journeyCompleted();
    },
  };
  return { requests: [takingFirst(oncePool(accounts), tally, 'account', once)], startMeasuring: tally.startMeasuring, summary: tally.summary };
}

export default {
  name: 'login',
  title: 'candidate: 登录 (captcha + argon2id + new session), each account once',
  baseline: 'argon2-raw',
  target: { ratio: 0.8 },
  // 50 logins at once queue for 4 argon2 threads: on a loaded machine an answer can take over 10 s,
  // so the queue needs that long to fill before measuring, and the run several answer times.
  timeoutSeconds: 30,
  warmupSeconds: Number(process.env.BENCH_LOGIN_WARMUP ?? 15),
  durationSeconds: Number(process.env.BENCH_LOGIN_DURATION ?? 30),
  async prepare(ctx) {
    const accounts = await withPool(ctx.databaseUrl, async (pool) => {
      const { pii, accounts } = await loginAccounts(ctx, pool, ACCOUNTS);
      const captchas = await insertCaptchas(pool, pii, accounts.length);
      return accounts.map((a, i) => ({ accountId: a.accountId, phone: a.phone, captcha: captchas[i] }));
    });
    return { url: ctx.gatewayUrl, sequence: { module: fileURLToPath(import.meta.url), options: { accounts } }, prepared: accounts.length };
  },
  async verify({ databaseUrl, measured, plan }) {
    const s = measured.sequence;
    const logins = s.acknowledged.logins ?? [];
    return withPool(databaseUrl, async (pool) => {
      // Each account was prepared with one session; a login adds its own.
      const { rows: [found] } = await pool.query(
        `select count(*)::int as n from (select account_id from candidate_session where account_id = any($1::uuid[]) and revoked_at is null
                                          group by account_id having count(*) >= 2) s`,
        [logins],
      );
      const { rows: [locks] } = await pool.query(`select count(*)::int as n from login_throttle where locked_until > now()`);
      return {
        loginsPerSecond: s.journeysCompletedMeasured / measured.durationSeconds,
        failures: s.failures,
        correctness: {
          accountsPrepared: plan.prepared,
          poolExhausted: s.poolExhausted,
          failedLogins: s.journeysFailed,
          acknowledgedLogins: logins.length,
          acknowledgedWithNewSession: found.n,
          lockedKeys: locks.n,
          ok: found.n === logins.length && locks.n === 0 && s.journeysFailed === 0 && s.poolExhausted === 0,
        },
      };
    });
  },
};
