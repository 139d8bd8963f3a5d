import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/seed/demo-data';
import { LOGIN_LOCK_MS } from '../src/modules/account/login-throttle.service';
import { registerCandidate } from './account-support';
import { auditRows, createOpsAccount, OPS_LOGIN, OPS_LOGOUT, OPS_ME, opsCookieOf, opsLogin, type TestOpsAccount } from './ops-support';
import { FakeClock, startTestGateway, type TestGateway } from './support';

const START = new Date('2027-01-03T02:00:10Z');
const MINUTE = 60_000;
const STEP = 30_000;
const clock = new FakeClock(START);
let gw: TestGateway;

beforeAll(async () => {
  // Trusts X-Forwarded-For so that each test can act from its own address (see fromNewAddress).
  gw = await startTestGateway({ clock, env: { TRUST_PROXY: '1' } });
  await seedDemoData(gw.orm.em.fork(), START);
});
afterAll(() => gw?.close());

const opsMe = (cookie: string) => gw.graphql(OPS_ME, {}, { cookie });
const attempt = (account: TestOpsAccount, overrides: Partial<{ username: string; password: string; totp: string }>, headers: Record<string, string> = {}) =>
  gw.graphql(OPS_LOGIN, { username: account.username, password: account.password, totp: account.code(clock.now()), ...overrides }, headers);

/** A fresh client address per test, so the per-address lock of one test never reaches another. */
let ipSerial = 0;
const fromNewAddress = () => ({ 'x-forwarded-for': `198.51.100.${++ipSerial}` });

describe('ops sign-in', () => {
  it('signs in with password and TOTP code: an HttpOnly, SameSite=Strict ccap_ops_sid cookie that opsMe and introspection honour', async () => {
    clock.set(START);
    const reviewer = await createOpsAccount(gw, 'REVIEWER', ['110000']);
    const { result, cookie, res } = await opsLogin(gw, reviewer, clock.now());
    expect(result).toMatchObject({ ok: true, errorCode: null, principal: { id: reviewer.id, username: reviewer.username, roles: ['REVIEWER'], unitCodes: ['110000'] } });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('ccap_ops_sid='))!;
    expect(setCookie).toMatch(/; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toMatch(/Max-Age|Secure|Domain/); // browser-session cookie; Secure only in production
    expect((await opsMe(cookie!)).body.data.opsMe).toEqual({ id: reviewer.id, username: reviewer.username, roles: ['REVIEWER'], unitCodes: ['110000'] });
    const schema = await gw.graphql(`{ __schema { queryType { name } } }`, {}, { cookie: cookie! });
    expect(schema.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    // Only the SHA-256 of the token is stored.
    const token = cookie!.split('=')[1]!;
    const [session] = await gw.orm.em.getConnection().execute(`select token_hash from ops_session where account_id = ?`, [reviewer.id]);
    expect(session.token_hash.toString('hex')).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('answers null to opsMe and refuses introspection without an ops session, a candidate session included', async () => {
    const { cookie: candidateCookie } = await registerCandidate(gw);
    expect((await gw.graphql(OPS_ME)).body.data.opsMe).toBeNull();
    expect((await opsMe(candidateCookie)).body.data.opsMe).toBeNull();
    expect((await gw.graphql(`{ __schema { queryType { name } } }`, {}, { cookie: candidateCookie })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The candidate's token under the ops cookie name is no ops session either.
    const forged = `ccap_ops_sid=${candidateCookie.split('=')[1]}`;
    const res = await gw.graphql(OPS_ME, {}, { cookie: forged });
    expect(res.body.data.opsMe).toBeNull();
    expect(res.headers.getSetCookie().some((c) => c.startsWith('ccap_ops_sid=;') && c.includes('Max-Age=0'))).toBe(true);
  });

  it('gives one answer whichever of username, password or code is wrong, and counts attempts per account', async () => {
    clock.set(START);
    const admin = await createOpsAccount(gw, 'ADMIN');
    const headers = fromNewAddress();
    const wrongPassword = (await attempt(admin, { password: 'Wrong#Password-1' }, headers)).body.data.opsLogin;
    const wrongCode = (await attempt(admin, { totp: String((Number(admin.code(clock.now())) + 1) % 1_000_000).padStart(6, '0') }, headers)).body.data.opsLogin;
    const unknown = (await attempt(admin, { username: 'nobody-here' }, headers)).body.data.opsLogin;
    for (const result of [wrongPassword, wrongCode, unknown]) {
      expect(result).toMatchObject({ ok: false, errorCode: 'INVALID_CREDENTIALS', principal: null });
      expect(result.message).toMatch(/^用户名、密码或动态口令错误/);
    }
    expect([wrongPassword.remainingAttempts, wrongCode.remainingAttempts, unknown.remainingAttempts]).toEqual([4, 3, 4]);
  });

  it('locks an account after 5 failures, even against the right credentials, until the lock runs out', async () => {
    clock.set(START);
    const admin = await createOpsAccount(gw, 'ADMIN');
    const headers = fromNewAddress();
    for (let n = 1; n <= 4; n++) expect((await attempt(admin, { password: `Wrong#Password-${n}` }, headers)).body.data.opsLogin.remainingAttempts).toBe(5 - n);
    const fifth = (await attempt(admin, { password: 'Wrong#Password-5' }, headers)).body.data.opsLogin;
    expect(fifth).toMatchObject({ ok: false, errorCode: 'ACCOUNT_LOCKED', remainingAttempts: 0 });
    expect(new Date(fifth.lockedUntil).getTime()).toBe(START.getTime() + LOGIN_LOCK_MS);
    expect((await attempt(admin, {}, headers)).body.data.opsLogin.errorCode).toBe('ACCOUNT_LOCKED');
    // Five checked attempts are audited; refusals while locked are not (they would let anyone grow the trail for free).
    expect(await auditRows(gw, `action = 'OPS_LOGIN_FAILED' and target_id = ?`, [admin.id])).toHaveLength(5);
    clock.advance(LOGIN_LOCK_MS);
    expect((await attempt(admin, {}, headers)).body.data.opsLogin).toMatchObject({ ok: true });
  });

  it('locks a client address after OPS_LOGIN_IP_MAX_FAILURES failures across accounts', async () => {
    const strict = await startTestGateway({ clock, database: gw.database, env: { OPS_LOGIN_IP_MAX_FAILURES: '3', TRUST_PROXY: '1' } });
    try {
      clock.set(START);
      const accounts = [await createOpsAccount(gw, 'ADMIN'), await createOpsAccount(gw, 'ADMIN'), await createOpsAccount(gw, 'ADMIN')];
      const headers = { 'x-forwarded-for': '203.0.113.77' };
      for (const account of accounts) {
        await strict.graphql(OPS_LOGIN, { username: account.username, password: 'Wrong#Password-1', totp: '000000' }, headers);
      }
      const refused = (await strict.graphql(OPS_LOGIN, { username: accounts[0]!.username, password: accounts[0]!.password, totp: accounts[0]!.code(clock.now()) }, headers)).body.data.opsLogin;
      expect(refused).toMatchObject({ ok: false, errorCode: 'CLIENT_LOCKED' });
      const elsewhere = await strict.graphql(OPS_LOGIN, { username: accounts[0]!.username, password: accounts[0]!.password, totp: accounts[0]!.code(clock.now()) }, { 'x-forwarded-for': '203.0.113.78' });
      expect(elsewhere.body.data.opsLogin.ok).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it('accepts each code once: a replayed code fails even with the right password, the next step’s code works', async () => {
    clock.set(START);
    const admin = await createOpsAccount(gw, 'ADMIN');
    const code = admin.code(clock.now());
    expect((await attempt(admin, { totp: code })).body.data.opsLogin.ok).toBe(true);
    const replay = (await attempt(admin, { totp: code })).body.data.opsLogin;
    expect(replay).toMatchObject({ ok: false, errorCode: 'INVALID_CREDENTIALS' });
    // An older code (previous step, still inside the drift window) is no better than a replay.
    expect((await attempt(admin, { totp: admin.code(clock.now(), -1) })).body.data.opsLogin.ok).toBe(false);
    clock.advance(STEP);
    expect((await attempt(admin, { totp: admin.code(clock.now()) })).body.data.opsLogin.ok).toBe(true);
  });

  it('accepts a code one step either side of the server clock, not two', async () => {
    clock.set(START);
    const early = await createOpsAccount(gw, 'ADMIN');
    expect((await attempt(early, { totp: early.code(clock.now(), 1) })).body.data.opsLogin.ok).toBe(true);
    const late = await createOpsAccount(gw, 'ADMIN');
    expect((await attempt(late, { totp: late.code(clock.now(), -1) })).body.data.opsLogin.ok).toBe(true);
    const tooLate = await createOpsAccount(gw, 'ADMIN');
    expect((await attempt(tooLate, { totp: tooLate.code(clock.now(), -2) })).body.data.opsLogin.ok).toBe(false);
    expect((await attempt(tooLate, { totp: tooLate.code(clock.now(), 2) })).body.data.opsLogin.ok).toBe(false);
  });

  it('ends an idle session after OPS_SESSION_IDLE_TIMEOUT_MINUTES (15) and clears the cookie; activity keeps it alive', async () => {
    clock.set(START);
    const admin = await createOpsAccount(gw, 'ADMIN');
    const { cookie } = await opsLogin(gw, admin, clock.now());
    clock.advance(14 * MINUTE);
    expect((await opsMe(cookie!)).body.data.opsMe).not.toBeNull();
    clock.advance(14 * MINUTE);
    expect((await opsMe(cookie!)).body.data.opsMe).not.toBeNull();
    clock.advance(15 * MINUTE);
    const expired = await opsMe(cookie!);
    expect(expired.body.data.opsMe).toBeNull();
    expect(opsCookieOf(expired.headers)).toBe('ccap_ops_sid=');
  });

  it('ends a session 8 hours after sign-in however active it is', async () => {
    clock.set(START);
    const admin = await createOpsAccount(gw, 'ADMIN');
    const { cookie } = await opsLogin(gw, admin, clock.now());
    for (let minutes = 10; minutes < 8 * 60; minutes += 10) {
      clock.set(new Date(START.getTime() + minutes * MINUTE));
      if (minutes % 120 === 0) expect((await opsMe(cookie!)).body.data.opsMe).not.toBeNull();
      else await opsMe(cookie!);
    }
    clock.set(new Date(START.getTime() + 8 * 60 * MINUTE));
    expect((await opsMe(cookie!)).body.data.opsMe).toBeNull();
  });

  it('opsLogout revokes the session on the server: the old cookie stops working', async () => {
    clock.set(START);
    const admin = await createOpsAccount(gw, 'ADMIN');
    const { cookie } = await opsLogin(gw, admin, clock.now());
    const res = await gw.graphql(OPS_LOGOUT, {}, { cookie: cookie! });
    expect(res.body.data.opsLogout).toBe(true);
    expect(opsCookieOf(res.headers)).toBe('ccap_ops_sid=');
    expect((await opsMe(cookie!)).body.data.opsMe).toBeNull();
    expect((await gw.graphql(OPS_LOGOUT)).body.data.opsLogout).toBe(true); // without a session: still fine
  });

  it('disabling an account ends its sessions at their next request; signing in then says so only to whoever knows all three', async () => {
    clock.set(START);
    const admin = await createOpsAccount(gw, 'ADMIN');
    const { cookie } = await opsLogin(gw, admin, clock.now());
    await gw.orm.em.getConnection().execute(`update ops_account set disabled = true where id = ?`, [admin.id]);
    expect((await opsMe(cookie!)).body.data.opsMe).toBeNull();
    clock.advance(STEP);
    expect((await attempt(admin, { password: 'Wrong#Password-1' })).body.data.opsLogin.errorCode).toBe('INVALID_CREDENTIALS');
    expect((await attempt(admin, {})).body.data.opsLogin).toMatchObject({ ok: false, errorCode: 'ACCOUNT_DISABLED' });
  });

  it('audits sign-in, refused sign-in (username only when it names an account) and sign-out, with address and browser', async () => {
    clock.set(START);
    const admin = await createOpsAccount(gw, 'ADMIN');
    const headers = { 'user-agent': 'audit-test-browser' };
    await attempt(admin, { password: 'Wrong#Password-1' }, headers);
    await attempt(admin, { username: 'Secret#Typed-In-Username' }, headers);
    const { cookie } = await opsLogin(gw, admin, clock.now(), headers);
    await gw.graphql(OPS_LOGOUT, {}, { cookie: cookie!, ...headers });
    const rows = await auditRows(gw, `user_agent = 'audit-test-browser'`);
    expect(rows.map((r) => [r.action, r.actor_type, r.actor_username, r.target_id, r.details])).toEqual([
      ['OPS_LOGIN_FAILED', 'ANONYMOUS', null, admin.id, { reason: 'INVALID_CREDENTIALS', username: admin.username }],
      ['OPS_LOGIN_FAILED', 'ANONYMOUS', null, null, { reason: 'INVALID_CREDENTIALS' }],
      ['OPS_LOGIN', 'OPS', admin.username, admin.id, {}],
      ['OPS_LOGOUT', 'OPS', admin.username, admin.id, {}],
    ]);
    expect(rows.every((r) => r.ip && r.request_id && r.actor_role !== undefined)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Secret#Typed');
  });
});
