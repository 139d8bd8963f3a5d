import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ElMessage } from 'element-plus';
import { session, setViewer } from '@ccap/platform';
import LoginView from './LoginView.vue';
import { mockGateway, mountAt, settle } from '../test-support/mockGateway';

const navigate = vi.hoisted(() => vi.fn());
vi.mock('@ccap/platform', async (importOriginal) => ({ ...(await importOriginal<object>()), navigate }));

type LoginAnswer = Record<string, unknown>;

function loginFailure(errorCode: string, message: string, extra: Partial<LoginAnswer> = {}): LoginAnswer {
  return { ok: false, errorCode, message, field: null, lockedUntil: null, remainingAttempts: null, viewer: null, ...extra };
}

async function mountLogin(login: (variables: Record<string, any>) => LoginAnswer) {
  let issued = 0;
  const gateway = mockGateway({
    Captcha: () => {
      issued += 1;
      return { captcha: { id: `captcha-${issued}`, svg: `<svg xmlns="http://www.w3.org/2000/svg"><text>${issued}</text></svg>`, expiresAt: '2026-11-26T04:05:00Z' } };
    },
    Login: (variables) => ({ login: login(variables) }),
  });
  const { wrapper } = await mountAt(LoginView, '/login', gateway.client);
  return { wrapper, gateway };
}

const captchaId = (wrapper: VueWrapper) => wrapper.find('img[data-captcha-id]').attributes('data-captcha-id');

async function fillAndSubmit(wrapper: VueWrapper, password = 'Abcd1234') {
  const inputs = wrapper.findAll('input');
  await inputs[0]!.setValue('11010519491231002X');
  await inputs[1]!.setValue(password);
  await inputs[2]!.setValue('ab12');
  await wrapper.find('form').trigger('submit');
  await settle();
}

beforeEach(() => {
  vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close() {} }) as never);
});
afterEach(() => {
  document.body.innerHTML = '';
  setViewer(null);
  navigate.mockReset();
  vi.restoreAllMocks();
});

describe('LoginView (会计人员登录)', () => {
  it('shows 证件号码或手机号, 密码, 验证码 with an image captcha, 登录 and 忘记密码', async () => {
    const { wrapper, gateway } = await mountLogin(() => loginFailure('INVALID_CREDENTIALS', ''));
    expect(wrapper.findAll('.el-form-item__label').map((l) => l.text())).toEqual(['证件号码或手机号', '密码', '验证码']);
    expect(gateway.names()).toEqual(['Captcha']);
    const image = wrapper.find('img[data-captcha-id]');
    expect(image.attributes('src')).toMatch(/^data:image\/svg\+xml/);
    expect(wrapper.find('button[type="submit"]').text()).toBe('登录');
    const forgot = wrapper.findAll('a').find((a) => a.text() === '忘记密码');
    expect(forgot?.attributes('href')).toBe('/account/reset-password');
  });

  it('gives a new captcha on click', async () => {
    const { wrapper } = await mountLogin(() => loginFailure('INVALID_CREDENTIALS', ''));
    expect(captchaId(wrapper)).toBe('captcha-1');
    await wrapper.find('[data-test="captcha-refresh"]').trigger('click');
    await settle();
    expect(captchaId(wrapper)).toBe('captcha-2');
  });

  it('signs in with the captcha shown, shows the masked name and goes home', async () => {
    const { wrapper, gateway } = await mountLogin(() => ({
      ok: true, errorCode: null, message: '登录成功', field: null, lockedUntil: null, remainingAttempts: null, viewer: { id: 'a1', maskedName: '张*' },
    }));
    await fillAndSubmit(wrapper);
    expect(gateway.sent.at(-1)).toEqual({
      name: 'Login',
      variables: { input: { identifier: '11010519491231002X', password: 'Abcd1234', captchaId: 'captcha-1', captchaAnswer: 'ab12' } },
    });
    expect(session.viewer?.maskedName).toBe('张*');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('shows a wrong password through the platform and replaces the used captcha', async () => {
    const { wrapper } = await mountLogin(() => loginFailure('INVALID_CREDENTIALS', '证件号码/手机号或密码错误,还可尝试4次', { remainingAttempts: 4 }));
    await fillAndSubmit(wrapper, 'wrong-Password1');
    expect(document.body.textContent).toContain('证件号码/手机号或密码错误,还可尝试4次');
    expect(captchaId(wrapper)).toBe('captcha-2');
    expect((wrapper.findAll('input')[2]!.element as HTMLInputElement).value).toBe('');
    expect(session.viewer).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('shows a wrong captcha beside 验证码', async () => {
    const { wrapper } = await mountLogin(() => ({ ...loginFailure('CAPTCHA_INVALID', '图片验证码不正确或已过期,请刷新后重新输入'), field: 'captchaAnswer' }));
    await fillAndSubmit(wrapper);
    await new Promise((resolve) => setTimeout(resolve, 120)); // Element Plus shows field errors debounced
    expect(wrapper.findAll('.el-form-item')[2]!.find('.el-form-item__error').text()).toBe('图片验证码不正确或已过期,请刷新后重新输入');
    expect(captchaId(wrapper)).toBe('captcha-2');
  });

  it('shows a lock with the time it ends, in China time', async () => {
    const { wrapper } = await mountLogin(() =>
      loginFailure('ACCOUNT_LOCKED', '密码错误次数过多,账号已锁定,请于14:05后再试,或通过“忘记密码”重置密码', {
        lockedUntil: '2026-11-26T06:05:00.000Z',
        remainingAttempts: 0,
      }),
    );
    await fillAndSubmit(wrapper);
    const lock = wrapper.find('[data-test="login-lock"]');
    expect(lock.text()).toContain('账号已锁定,请于14:05后再试');
    expect(lock.text()).toContain('解锁时间:2026-11-26 14:05:00');
  });
});
