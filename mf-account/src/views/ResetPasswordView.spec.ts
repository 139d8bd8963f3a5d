import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ElMessage } from 'element-plus';
import ResetPasswordView from './ResetPasswordView.vue';
import { DOCUMENT_TYPES, mockGateway, mountAt, settle } from '../test-support/mockGateway';

// Resetting signs out every session of the account: the view re-reads the session afterwards.
const refreshSession = vi.hoisted(() => vi.fn(async () => null));
vi.mock('@ccap/platform', async (importOriginal) => ({ ...(await importOriginal<object>()), refreshSession }));

type Answer = Record<string, unknown>;

async function mountReset(resetPassword: () => Answer) {
  const gateway = mockGateway({
    DocumentTypes: () => DOCUMENT_TYPES,
    SendSmsCode: () => ({ sendSmsCode: { ok: true, errorCode: null, message: '验证码已发送', field: null, retryAfterSeconds: 180, expiresAt: null } }),
    ResetPassword: () => ({ resetPassword: resetPassword() }),
  });
  const { wrapper, router } = await mountAt(ResetPasswordView, '/reset-password', gateway.client);
  return { wrapper, router, gateway };
}

const formItem = (wrapper: VueWrapper, label: string) =>
  wrapper.findAll('.el-form-item').find((i) => i.find('.el-form-item__label').text() === label)!;

async function fill(wrapper: VueWrapper) {
  const values: Record<string, string> = {
    证件号码: '11010519491231002X',
    真实姓名: '张𠀀',
    新密码: 'Efgh5678',
    确认新密码: 'Efgh5678',
    手机号: '13812345678',
    验证码: '654321',
  };
  for (const [label, value] of Object.entries(values)) await formItem(wrapper, label).find('input').setValue(value);
}

let success: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  success = vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close() {} }) as never);
});
afterEach(() => {
  document.body.innerHTML = '';
  refreshSession.mockClear();
  vi.restoreAllMocks();
});

describe('ResetPasswordView (忘记密码 → 确认重置密码)', () => {
  it('asks for the registration details, a new password twice and an SMS code for RESET_PASSWORD', async () => {
    const { wrapper, gateway } = await mountReset(() => ({}));
    expect(wrapper.findAll('.el-form-item__label').map((l) => l.text())).toEqual([
      '证件类型', '证件号码', '真实姓名', '新密码', '确认新密码', '手机号', '验证码',
    ]);
    expect(wrapper.find('button[type="submit"]').text()).toBe('确认重置密码');
    expect(wrapper.find('[data-test="rare-character-button"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('注意事项');
    await formItem(wrapper, '手机号').find('input').setValue('13812345678');
    await wrapper.find('[data-test="send-sms-code"]').trigger('click');
    await settle();
    expect(gateway.sent.at(-1)).toEqual({ name: 'SendSmsCode', variables: { phone: '13812345678', purpose: 'RESET_PASSWORD' } });
  });

  it('shows the one mismatch message whichever detail differs, and stays', async () => {
    const { wrapper, router } = await mountReset(() => ({
      ok: false, errorCode: 'RESET_DETAILS_MISMATCH', message: '填写的信息与注册信息不一致,请核对后重新输入', field: null, unmetPasswordRules: null,
    }));
    await fill(wrapper);
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(document.body.textContent).toContain('填写的信息与注册信息不一致,请核对后重新输入');
    expect(router.currentRoute.value.name).toBe('reset-password');
  });

  it('on success says so and goes to 登录', async () => {
    const { wrapper, router, gateway } = await mountReset(() => ({
      ok: true, errorCode: null, message: '密码重置成功,请使用新密码登录', field: null, unmetPasswordRules: null,
    }));
    await fill(wrapper);
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(gateway.sent.find((s) => s.name === 'ResetPassword')?.variables).toEqual({
      input: {
        documentType: 'RESIDENT_ID',
        documentNumber: '11010519491231002X',
        name: '张𠀀',
        newPassword: 'Efgh5678',
        confirmNewPassword: 'Efgh5678',
        phone: '13812345678',
        smsCode: '654321',
      },
    });
    expect(success).toHaveBeenCalledWith('密码重置成功,请使用新密码登录');
    expect(refreshSession).toHaveBeenCalled();
    // 登录 is a lazily loaded route: wait for its chunk.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
  });
});
