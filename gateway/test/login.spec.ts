import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, login, ME, registerCandidate, solvedCaptcha, STRONG_PASSWORD, uniquePhone, uniqueResidentId } from './account-support';
import { makeResidentId } from '../src/modules/account/identity-document.testing';
import { FakeClock, startTestGateway, type TestGateway } from './support';

const START = new Date('2027-01-03T02:00:00Z'); // 10:00 in China
const clock = new FakeClock(START);
let gw: TestGateway;
let second: TestGateway;
// Every request of this file comes from 127.0.0.1; the per-client limit is tested on its own gateway.
const env = { LOGIN_IP_MAX_FAILURES: '10000' };

beforeAll(async () => {
  gw = await startTestGateway({ clock, env });
  second = await startTestGateway({ clock, env, database: gw.database });
});
afterAll(async () => {
  await second?.close();
  await gw?.close();
});

/** An ID whose check character is X, to show that a lower-case x signs in too. */
function residentIdEndingInX(): string {
  for (let sequence = 0; ; sequence++) {
    const id = makeResidentId('320102', '19881231', String(sequence).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
}

describe('login', () => {
  it('signs in with the 证件号码 or the 手机号, however they are typed', async () => {
    const documentNumber = residentIdEndingInX();
    const { input, viewer } = await registerCandidate(gw, { documentNumber, name: '王小明' });
    for (const identifier of [documentNumber.toLowerCase(), ` ${documentNumber} `, input.phone as string, `+86 ${input.phone}`]) {
      const { result, cookie } = await login(gw, identifier, STRONG_PASSWORD);
      expect(result, identifier).toMatchObject({ ok: true, errorCode: null, message: '登录成功', viewer: { id: viewer.id, maskedName: '王**' } });
      expect((await gw.graphql(ME, {}, { cookie: cookie! })).body.data.me.id).toBe(viewer.id);
    }
  });

  it('checks the captcha first: a wrong one costs no password attempt', async () => {
    const { input } = await registerCandidate(gw);
    const captcha = await solvedCaptcha(gw);
    const wrongCaptcha = await gw.graphql(LOGIN, {
      input: { identifier: input.phone, password: STRONG_PASSWORD, captchaId: captcha.captchaId, captchaAnswer: 'ZZZZ' === captcha.captchaAnswer ? 'YYYY' : 'ZZZZ' },
    });
    expect(wrongCaptcha.body.data.login).toMatchObject({ ok: false, errorCode: 'CAPTCHA_INVALID', field: 'captchaAnswer', message: '图片验证码不正确或已过期,请刷新后重新输入' });
    expect(wrongCaptcha.headers.getSetCookie()).toEqual([]);
    // The captcha is used up by the wrong answer.
    const reused = await gw.graphql(LOGIN, { input: { identifier: input.phone, password: STRONG_PASSWORD, ...captcha } });
    expect(reused.body.data.login.errorCode).toBe('CAPTCHA_INVALID');
    expect((await login(gw, input.phone as string, 'Wrong#Pass1')).result.remainingAttempts).toBe(4);
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const { input } = await registerCandidate(gw);
    const wrongPassword = (await login(gw, input.documentNumber as string, 'Wrong#Pass1')).result;
    const unknownDocument = (await login(gw, uniqueResidentId(), 'Wrong#Pass1')).result;
    const unknownPhone = (await login(gw, uniquePhone(), 'Wrong#Pass1')).result;
    for (const result of [wrongPassword, unknownDocument, unknownPhone]) {
      expect(result).toEqual({
        ok: false,
        errorCode: 'INVALID_CREDENTIALS',
        message: '证件号码/手机号或密码错误,还可尝试4次',
        field: null,
        lockedUntil: null,
        remainingAttempts: 4,
        viewer: null,
      });
    }
  });

  it('locks the account for 15 minutes after 5 wrong passwords, then lets it in again', async () => {
    clock.set(START);
    const { input } = await registerCandidate(gw);
    for (let remaining = 4; remaining >= 1; remaining--) {
      expect((await login(gw, input.phone as string, 'Wrong#Pass1')).result).toMatchObject({ errorCode: 'INVALID_CREDENTIALS', remainingAttempts: remaining });
    }
    const locked = (await login(gw, input.documentNumber as string, 'Wrong#Pass1')).result;
    expect(locked).toMatchObject({
      ok: false,
      errorCode: 'ACCOUNT_LOCKED',
      lockedUntil: '2027-01-03T02:15:00.000Z',
      remainingAttempts: 0,
      message: '密码错误次数过多,账号已锁定,请于10:15后再试,或通过“忘记密码”重置密码',
    });
    // Locked means locked: the right password does not help, by either identifier, on either process.
    expect((await login(gw, input.phone as string, STRONG_PASSWORD)).result.errorCode).toBe('ACCOUNT_LOCKED');
    expect((await login(second, input.documentNumber as string, STRONG_PASSWORD)).result.errorCode).toBe('ACCOUNT_LOCKED');
    clock.advance(15 * 60_000 - 1_000);
    expect((await login(gw, input.phone as string, STRONG_PASSWORD)).result.errorCode).toBe('ACCOUNT_LOCKED');
    clock.advance(1_000);
    expect((await login(gw, input.phone as string, STRONG_PASSWORD)).result.ok).toBe(true);
  });

  it('locks unknown identifiers the same way, so a lock does not reveal an account', async () => {
    clock.set(START);
    const unknown = uniqueResidentId();
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await login(gw, unknown, 'Wrong#Pass1')).result.errorCode);
    expect(results).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
  });

  it('holds the lock across two gateway processes under concurrent attempts', async () => {
    clock.set(START);
    const { input } = await registerCandidate(gw);
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(i % 2 ? second : gw, input.phone as string, 'Wrong#Pass1')),
    );
    const codes = attempts.map((a) => a.result.errorCode);
    // Exactly five password checks: four say how many remain, the fifth locks, the rest meet the lock.
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(16);
    expect((await login(second, input.phone as string, STRONG_PASSWORD)).result.errorCode).toBe('ACCOUNT_LOCKED');
    expect((await login(gw, input.documentNumber as string, STRONG_PASSWORD)).result.errorCode).toBe('ACCOUNT_LOCKED');
  });

  it('starts counting afresh after a successful login and after 15 quiet minutes', async () => {
    clock.set(START);
    const { input } = await registerCandidate(gw);
    for (let i = 0; i < 3; i++) await login(gw, input.phone as string, 'Wrong#Pass1');
    expect((await login(gw, input.phone as string, STRONG_PASSWORD)).result.ok).toBe(true);
    expect((await login(gw, input.phone as string, 'Wrong#Pass1')).result.remainingAttempts).toBe(4);
    for (let i = 0; i < 3; i++) await login(gw, input.phone as string, 'Wrong#Pass1');
    clock.advance(15 * 60_000);
    expect((await login(gw, input.phone as string, 'Wrong#Pass1')).result.remainingAttempts).toBe(4);
  });

  it('ends the session the browser had before signing in as someone else', async () => {
    const first = await registerCandidate(gw);
    const other = await registerCandidate(gw);
    const { cookie, res } = await login(gw, other.input.phone as string, STRONG_PASSWORD, { cookie: first.cookie });
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^ccap_sid=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/)]);
    expect((await gw.graphql(ME, {}, { cookie: first.cookie })).body.data.me).toBeNull();
    expect((await gw.graphql(ME, {}, { cookie: cookie! })).body.data.me.id).toBe(other.viewer.id);
  });

  it('answers a stale cookie with the new session only, not a clearing cookie as well', async () => {
    const { input, cookie } = await registerCandidate(gw);
    await gw.graphql(`mutation { logout }`, {}, { cookie });
    const { res } = await login(gw, input.phone as string, STRONG_PASSWORD, { cookie });
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^ccap_sid=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/)]);
  });
});

describe('per-client login limit', () => {
  it('locks a client address after too many failures over all accounts, by the address the trusted proxy saw', async () => {
    clock.set(START);
    const proxied = await startTestGateway({ clock, database: gw.database, env: { TRUST_PROXY: 'true', LOGIN_IP_MAX_FAILURES: '3' } });
    try {
      const victim = await registerCandidate(gw);
      const attacker = { 'x-forwarded-for': '198.51.100.1' };
      for (let i = 0; i < 3; i++) {
        expect((await login(proxied, uniqueResidentId(), 'Wrong#Pass1', attacker)).result.errorCode).toBe('INVALID_CREDENTIALS');
      }
      const blocked = (await login(proxied, victim.input.phone as string, STRONG_PASSWORD, attacker)).result;
      expect(blocked).toMatchObject({ errorCode: 'CLIENT_LOCKED', lockedUntil: '2027-01-03T02:15:00.000Z', message: '当前网络登录失败次数过多,请于10:15后再试' });
      // Putting another address in front does not help: our proxy appends the real one.
      const spoofed = { 'x-forwarded-for': '203.0.113.77, 198.51.100.1' };
      expect((await login(proxied, victim.input.phone as string, STRONG_PASSWORD, spoofed)).result.errorCode).toBe('CLIENT_LOCKED');
      // Another client is unaffected.
      expect((await login(proxied, victim.input.phone as string, STRONG_PASSWORD, { 'x-forwarded-for': '198.51.100.2' })).result.ok).toBe(true);
      clock.advance(15 * 60_000);
      expect((await login(proxied, victim.input.phone as string, STRONG_PASSWORD, attacker)).result.ok).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    clock.set(START);
    const direct = await startTestGateway({ clock, env: { LOGIN_IP_MAX_FAILURES: '2' } });
    try {
      const victim = await registerCandidate(direct);
      for (let i = 0; i < 2; i++) await login(direct, uniqueResidentId(), 'Wrong#Pass1', { 'x-forwarded-for': `198.51.100.${i + 10}` });
      expect((await login(direct, victim.input.phone as string, STRONG_PASSWORD, { 'x-forwarded-for': '198.51.100.99' })).result.errorCode).toBe('CLIENT_LOCKED');
    } finally {
      await direct.close();
    }
  });
});
