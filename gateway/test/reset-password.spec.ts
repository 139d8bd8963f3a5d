import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, ME, outbox, registerCandidate, requestSmsCode, RESET_PASSWORD, STRONG_PASSWORD, uniquePhone, uniqueResidentId } from './account-support';
import { FakeClock, startTestGateway, type TestGateway } from './support';

const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
let gw: TestGateway;
const NEW_PASSWORD = 'Xin#Mima2027';

beforeAll(async () => {
  gw = await startTestGateway({ clock, env: { LOGIN_IP_MAX_FAILURES: '10000' } });
});
afterAll(() => gw?.close());

/** The reset form filled in from a registration, with the code read from the outbox. */
async function resetInput(registered: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  const input = {
    documentType: registered.documentType,
    documentNumber: registered.documentNumber,
    name: registered.name,
    newPassword: NEW_PASSWORD,
    confirmNewPassword: NEW_PASSWORD,
    phone: registered.phone,
    ...overrides,
  };
  return { ...input, smsCode: (overrides.smsCode as string) ?? (await requestSmsCode(gw, input.phone as string, 'RESET_PASSWORD')) };
}

const reset = async (input: Record<string, unknown>, headers: Record<string, string> = {}) =>
  (await gw.graphql(RESET_PASSWORD, { input }, headers)).body.data.resetPassword;

describe('resetPassword (忘记密码 → 确认重置密码)', () => {
  it('sets the new password, signs out every browser and sends a notification SMS', async () => {
    const { input, cookie } = await registerCandidate(gw, { name: '赵𠀾' });
    const other = await login(gw, input.phone as string, STRONG_PASSWORD);
    const result = await reset(await resetInput(input));
    expect(result).toEqual({ ok: true, errorCode: null, message: '密码重置成功,请使用新密码登录', field: null, unmetPasswordRules: null });
    for (const session of [cookie, other.cookie!]) expect((await gw.graphql(ME, {}, { cookie: session })).body.data.me).toBeNull();
    expect((await login(gw, input.phone as string, STRONG_PASSWORD)).result.errorCode).toBe('INVALID_CREDENTIALS');
    expect((await login(gw, input.documentNumber as string, NEW_PASSWORD)).result.ok).toBe(true);
    const [notice] = (await outbox(gw, input.phone as string)).sms;
    expect(notice).toMatchObject({ purpose: 'NOTIFICATION', code: null });
    expect(notice!.message).toBe(
      '【全国会计人员统一服务管理平台】您的账号密码已于2027-01-03 10:00重置成功,已登录的设备均已退出。如非本人操作,请立即通过“忘记密码”重新设置密码。',
    );
  });

  it('answers one message whichever detail does not match the registration', async () => {
    const { input } = await registerCandidate(gw, { documentType: 'TAIWAN_PERMIT', documentNumber: '87654321', name: '林志玲' });
    const otherPhone = uniquePhone();
    const mismatches = [
      { documentType: 'FOREIGN_PASSPORT', name: 'Lin Chiling' },
      { name: '林志强' },
      { documentNumber: '87654322' },
      { phone: otherPhone },
    ];
    for (const overrides of mismatches) {
      clock.advance(180_000);
      const result = await reset(await resetInput(input, overrides));
      expect(result, JSON.stringify(overrides)).toEqual({
        ok: false,
        errorCode: 'RESET_DETAILS_MISMATCH',
        message: '填写的信息与注册信息不一致,请核对后重新输入',
        field: null,
        unmetPasswordRules: null,
      });
    }
    expect((await login(gw, input.phone as string, STRONG_PASSWORD)).result.ok).toBe(true);
  });

  it('spends the code on a mismatch, so one code cannot be used to guess the name', async () => {
    clock.advance(180_000);
    const { input } = await registerCandidate(gw, { name: '孙悟空' });
    const code = await requestSmsCode(gw, input.phone as string, 'RESET_PASSWORD');
    expect((await reset(await resetInput(input, { name: '孙悟能', smsCode: code }))).errorCode).toBe('RESET_DETAILS_MISMATCH');
    expect((await reset(await resetInput(input, { smsCode: code }))).errorCode).toBe('SMS_CODE_EXPIRED');
  });

  it('needs a code sent for resetting to the registered phone', async () => {
    clock.advance(180_000);
    const { input } = await registerCandidate(gw);
    clock.advance(180_000);
    const registerCode = await requestSmsCode(gw, input.phone as string, 'REGISTER');
    expect((await reset(await resetInput(input, { smsCode: registerCode }))).errorCode).toBe('SMS_CODE_INVALID');
  });

  it('checks the new password like registration does', async () => {
    clock.advance(180_000);
    const { input } = await registerCandidate(gw);
    const weak = `Zz${input.documentNumber}`;
    expect(await reset(await resetInput(input, { newPassword: weak, confirmNewPassword: weak, smsCode: '000000' }))).toMatchObject({
      errorCode: 'PASSWORD_WEAK',
      field: 'newPassword',
      unmetPasswordRules: ['CONTAINS_DOCUMENT'],
    });
    expect(await reset(await resetInput(input, { confirmNewPassword: 'Other#Pass1', smsCode: '000000' }))).toMatchObject({
      errorCode: 'PASSWORD_MISMATCH',
      field: 'confirmNewPassword',
    });
    expect(await reset(await resetInput(input, { documentNumber: uniqueResidentId().slice(0, 17), smsCode: '000000' }))).toMatchObject({
      errorCode: 'ID_NUMBER_FORMAT',
      field: 'documentNumber',
    });
  });

  it('lifts a login lock', async () => {
    clock.advance(180_000);
    const { input } = await registerCandidate(gw);
    for (let i = 0; i < 5; i++) await login(gw, input.phone as string, 'Wrong#Pass1');
    expect((await login(gw, input.phone as string, STRONG_PASSWORD)).result.errorCode).toBe('ACCOUNT_LOCKED');
    expect((await reset(await resetInput(input))).ok).toBe(true);
    expect((await login(gw, input.phone as string, NEW_PASSWORD)).result.ok).toBe(true);
  });

  it('clears the cookie of a browser that was signed in to the account', async () => {
    clock.advance(180_000);
    const { input, cookie } = await registerCandidate(gw);
    const res = await gw.graphql(RESET_PASSWORD, { input: await resetInput(input) }, { cookie });
    expect(res.body.data.resetPassword.ok).toBe(true);
    expect(res.headers.getSetCookie()).toEqual(['ccap_sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
  });
});
