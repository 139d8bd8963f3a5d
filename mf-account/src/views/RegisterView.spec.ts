import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ElMessage } from 'element-plus';
import { session, setViewer } from '@ccap/platform';
import RegisterView from './RegisterView.vue';
import { DOCUMENT_TYPES, mockGateway, mountAt, settle } from '../test-support/mockGateway';

const navigate = vi.hoisted(() => vi.fn());
vi.mock('@ccap/platform', async (importOriginal) => ({ ...(await importOriginal<object>()), navigate }));

const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';

type Answers = Record<string, (variables: Record<string, any>) => unknown>;

const failure = (errorCode: string, message: string, field: string | null) => ({
  ok: false,
  errorCode,
  message,
  field,
  unmetPasswordRules: null,
  viewer: null,
});

async function mountRegister(answers: Answers = {}) {
  const gateway = mockGateway({
    DocumentTypes: () => DOCUMENT_TYPES,
    SendSmsCode: () => ({ sendSmsCode: { ok: true, errorCode: null, message: '验证码已发送', field: null, retryAfterSeconds: 180, expiresAt: '2026-11-26T04:03:00Z' } }),
    Register: () => ({ register: { ok: true, errorCode: null, message: '注册成功', field: null, unmetPasswordRules: null, viewer: { id: 'a1', maskedName: '张*' } } }),
    ...answers,
  });
  const { wrapper } = await mountAt(RegisterView, '/register', gateway.client);
  return { wrapper, gateway };
}

function formItem(wrapper: VueWrapper, label: string) {
  const item = wrapper.findAll('.el-form-item').find((i) => i.find('.el-form-item__label').text() === label);
  if (!item) throw new Error(`no form item ${label}`);
  return item;
}

/** The message under a field; Element Plus shows it 100 ms (debounced) after the state changes. */
async function errorOf(wrapper: VueWrapper, label: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 120));
  const error = formItem(wrapper, label).find('.el-form-item__error');
  return error.exists() ? error.text() : '';
}

async function fillValid(wrapper: VueWrapper, name = '张𠀀') {
  const values: Record<string, string> = {
    证件号码: ID_NUMBER,
    真实姓名: name,
    密码: 'Abcd1234',
    确认密码: 'Abcd1234',
    手机号: PHONE,
    验证码: '123456',
  };
  for (const [label, value] of Object.entries(values)) await formItem(wrapper, label).find('input').setValue(value);
}

beforeEach(() => {
  vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close() {} }) as never);
  vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close() {} }) as never);
});
afterEach(() => {
  document.body.innerHTML = '';
  setViewer(null);
  navigate.mockReset();
  vi.restoreAllMocks();
});

describe('RegisterView (注册)', () => {
  it('shows the fields of the manual in its order, 生僻字 right of 真实姓名, 注意事项 and 帮助中心', async () => {
    const { wrapper } = await mountRegister();
    const labels = wrapper.findAll('.el-form-item__label').map((l) => l.text());
    expect(labels).toEqual(['证件类型', '证件号码', '真实姓名', '密码', '确认密码', '手机号', '验证码']);
    const nameItem = formItem(wrapper, '真实姓名');
    const controls = nameItem.findAll('input, button').map((e) => e.element.tagName + (e.element.textContent?.trim() ?? ''));
    expect(controls).toEqual(['INPUT', 'BUTTON生僻字']);
    expect(wrapper.find('[data-test="send-sms-code"]').text()).toBe('免费获取验证码');
    expect(wrapper.find('button[type="submit"]').text()).toBe('注册');
    expect(wrapper.text()).toContain('注意事项');
    expect(wrapper.find('a.notice__link').text()).toBe('帮助中心');
    expect(wrapper.find('a.notice__link').attributes('href')).toBe('/account/help');
    // The rule of the gateway is shown under the password, with a live indicator.
    expect(formItem(wrapper, '密码').text()).toContain('密码至少8位,须包含大写字母、小写字母、数字、符号中的至少三类');
  });

  it('offers the 4 证件类型 and asks for 国籍 with 护照(外国) only', async () => {
    const { wrapper, gateway } = await mountRegister();
    expect(gateway.names()).toEqual(['DocumentTypes']);
    expect(wrapper.find('[data-test="document-type"]').text()).toContain('内地居民身份证');
    await wrapper.find('[data-test="document-type"] .el-select__wrapper').trigger('click');
    await settle();
    const options = Array.from(document.querySelectorAll('.el-select-dropdown__item')).map((o) => o.textContent?.trim());
    expect(options.slice(0, 4)).toEqual(['内地居民身份证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照(外国)']);
    expect(wrapper.text()).not.toContain('国籍');
    (Array.from(document.querySelectorAll('.el-select-dropdown__item')).find((o) => o.textContent?.includes('护照')) as HTMLElement).click();
    await settle();
    expect(wrapper.findAll('.el-form-item__label').map((l) => l.text())).toContain('国籍');
  });

  it('re-checks 真实姓名 after a 生僻字 pick, so an error about the name as it was goes away', async () => {
    const { wrapper } = await mountRegister({
      RareCharacters: () => ({ rareCharacters: [{ char: '𠀀', codePoint: 'U+20000', pinyin: 'hē', block: 'CJK Ext B' }] }),
    });
    const nameInput = formItem(wrapper, '真实姓名').find('input');
    await nameInput.setValue('张');
    await nameInput.trigger('blur');
    await settle();
    expect(await errorOf(wrapper, '真实姓名')).toBe('姓名长度应为2至50个字');
    await wrapper.find('[data-test="rare-character-button"]').trigger('click');
    await settle();
    (document.querySelector('#tab-code') as HTMLElement).click();
    await settle();
    const codeInput = document.querySelector('#pane-code input') as HTMLInputElement;
    codeInput.value = 'U+20000';
    codeInput.dispatchEvent(new Event('input'));
    await settle();
    document.querySelector('#pane-code form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    (document.querySelector('[data-code-point="U+20000"]') as HTMLElement).click();
    await settle();
    expect((nameInput.element as HTMLInputElement).value).toBe('张𠀀');
    expect(await errorOf(wrapper, '真实姓名')).toBe('');
  });

  it('checks every field in the browser before sending anything', async () => {
    const { wrapper, gateway } = await mountRegister();
    await wrapper.find('form').trigger('submit');
    await settle();
    const invalid = wrapper.findAll('.el-form-item.is-error .el-form-item__label').map((l) => l.text());
    expect(invalid).toEqual(['证件号码', '真实姓名', '密码', '确认密码', '手机号', '验证码']);
    await formItem(wrapper, '证件号码').find('input').setValue('110105194912310021');
    await formItem(wrapper, '密码').find('input').setValue('abcd1234');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(await errorOf(wrapper, '证件号码')).toMatch(/校验位/);
    expect(await errorOf(wrapper, '密码')).toMatch(/至少三类/);
    expect(gateway.names()).toEqual(['DocumentTypes']);
  });

  it('rates the password live against the 证件号码 and 手机号 typed', async () => {
    const { wrapper } = await mountRegister();
    await formItem(wrapper, '手机号').find('input').setValue(PHONE);
    const password = formItem(wrapper, '密码');
    await password.find('input').setValue('abc');
    expect(password.find('[data-test="password-strength"]').text()).toContain('弱');
    await password.find('input').setValue('Abcd1234');
    expect(password.find('[data-test="password-strength"]').text()).toContain('中');
    expect(password.find('[data-rule="CONTAINS_PHONE"]').classes()).toContain('is-met');
    await password.find('input').setValue(`Ab${PHONE}`);
    expect(password.find('[data-test="password-strength"]').text()).toContain('弱');
    expect(password.find('[data-rule="CONTAINS_PHONE"]').classes()).toContain('is-unmet');
  });

  it('sends the code for REGISTER, then counts 180 s down', async () => {
    const { wrapper, gateway } = await mountRegister();
    const button = wrapper.find('[data-test="send-sms-code"]');
    await button.trigger('click');
    await settle();
    expect(gateway.names()).toEqual(['DocumentTypes']); // no phone yet: nothing sent
    expect(await errorOf(wrapper, '手机号')).toBe('请输入手机号');

    await formItem(wrapper, '手机号').find('input').setValue(PHONE);
    await button.trigger('click');
    await settle();
    expect(gateway.sent.at(-1)).toEqual({ name: 'SendSmsCode', variables: { phone: PHONE, purpose: 'REGISTER' } });
    expect(button.text()).toBe('180秒后重新获取');
    expect(button.attributes('disabled')).toBeDefined();
  });

  it('shows SMS_TOO_FREQUENT beside 手机号 and waits the retryAfterSeconds the gateway gives', async () => {
    const { wrapper } = await mountRegister({
      SendSmsCode: () => ({
        sendSmsCode: { ok: false, errorCode: 'SMS_TOO_FREQUENT', message: '验证码每3分钟只能发送一次,请95秒后再试', field: 'phone', retryAfterSeconds: 95, expiresAt: null },
      }),
    });
    await formItem(wrapper, '手机号').find('input').setValue(PHONE);
    await wrapper.find('[data-test="send-sms-code"]').trigger('click');
    await settle();
    expect(await errorOf(wrapper, '手机号')).toBe('验证码每3分钟只能发送一次,请95秒后再试');
    expect(wrapper.find('[data-test="send-sms-code"]').text()).toBe('95秒后重新获取');
  });

  it('registers, signs in at once (top bar: 张*) and goes home', async () => {
    const { wrapper, gateway } = await mountRegister();
    await fillValid(wrapper);
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(gateway.sent.at(-1)).toEqual({
      name: 'Register',
      variables: {
        input: {
          documentType: 'RESIDENT_ID',
          documentNumber: ID_NUMBER,
          nationality: null,
          name: '张𠀀',
          password: 'Abcd1234',
          confirmPassword: 'Abcd1234',
          phone: PHONE,
          smsCode: '123456',
        },
      },
    });
    expect(session.viewer).toEqual({ id: 'a1', maskedName: '张*' });
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it.each([
    ['DOCUMENT_ALREADY_REGISTERED', 'documentNumber', '证件号码', '该证件号码已注册,请直接登录;如忘记密码,请使用“忘记密码”找回'],
    ['PHONE_ALREADY_REGISTERED', 'phone', '手机号', '该手机号已被其他账号注册,请更换手机号'],
    ['SMS_CODE_INVALID', 'smsCode', '验证码', '短信验证码不正确'],
  ])('shows %s beside its field, and stays signed out', async (code, field, label, message) => {
    const { wrapper } = await mountRegister({ Register: () => ({ register: failure(code, message, field) }) });
    await fillValid(wrapper);
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(await errorOf(wrapper, label)).toBe(message);
    expect(session.viewer).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    // Editing the field takes the server's complaint away.
    await formItem(wrapper, label).find('input').setValue('x');
    expect(await errorOf(wrapper, label)).not.toBe(message);
  });

  it('shows an error without a field through the platform', async () => {
    const { wrapper } = await mountRegister({ Register: () => ({ register: failure('SMS_SEND_FAILED', '短信发送失败,请稍后重试', null) }) });
    await fillValid(wrapper);
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(document.body.textContent).toContain('短信发送失败,请稍后重试');
  });
});
