import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { ElMessage } from 'element-plus';
import { session, setViewer } from '@ccap/platform';
import WeChatLogin from './WeChatLogin.vue';
import LoginView from '../views/LoginView.vue';
import { mockGateway, mountAt, settle } from '../test-support/mockGateway';

const navigate = vi.hoisted(() => vi.fn());
const showError = vi.hoisted(() => vi.fn());
vi.mock('@ccap/platform', async (importOriginal) => ({ ...(await importOriginal<object>()), navigate, showError }));

const TICKET = { ticketId: '8f0c6c1e-3b7a-4a53-9a51-0d2f3c4b5a69', qrContent: '/api/wechat-sim/t/8f0c6c1e-3b7a-4a53-9a51-0d2f3c4b5a69', expiresAt: '2026-11-26T04:05:00Z', simulated: true };
const VIEWER = { id: 'acc-1', maskedName: '张*' };
const pollAnswer = (status: string | null, extra: Record<string, unknown> = {}) => ({
  pollWeChatLogin: { ok: status !== null, errorCode: null, message: '', status, viewer: null, ...extra },
});

/** Polls every 5 ms instead of 2 s. */
const FastWeChatLogin = defineComponent({ render: () => h(WeChatLogin, { pollIntervalMs: 5 }) });

function gatewayWith(polls: Array<ReturnType<typeof pollAnswer>>, extra: Record<string, (v: Record<string, any>) => unknown> = {}) {
  let tickets = 0;
  let i = 0;
  return mockGateway({
    CreateWeChatLoginTicket: () => {
      tickets += 1;
      return { createWeChatLoginTicket: { ok: true, errorCode: null, message: '请使用微信扫一扫', ticket: { ...TICKET, ticketId: `${TICKET.ticketId.slice(0, -1)}${tickets}` } } };
    },
    PollWeChatLogin: () => polls[Math.min(i++, polls.length - 1)],
    Captcha: () => ({ captcha: { id: 'captcha-1', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', expiresAt: '2026-11-26T04:05:00Z' } }),
    ...extra,
  });
}

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 50 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

beforeEach(() => {
  vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close() {} }) as never);
});
afterEach(() => {
  document.body.innerHTML = '';
  setViewer(null);
  navigate.mockReset();
  showError.mockReset();
  vi.restoreAllMocks();
});

describe('微信扫码登录', () => {
  it('is a tab of 会计人员登录 that asks for a QR code only when opened', async () => {
    const gateway = gatewayWith([pollAnswer('WAITING')]);
    const { wrapper } = await mountAt(LoginView, '/login', gateway.client);
    expect(wrapper.findAll('.el-tabs__item').map((t) => t.text())).toEqual(['账号密码登录', '微信扫码登录']);
    expect(gateway.names()).not.toContain('CreateWeChatLoginTicket');
    await wrapper.findAll('.el-tabs__item')[1]!.trigger('click');
    await settle();
    expect(gateway.names()).toContain('CreateWeChatLoginTicket');
    expect(wrapper.find('[data-test="wechat-qr"]').text()).toContain('模拟器');
    wrapper.unmount();
  });

  it('shows the simulator link, polls while waiting and signs in when a bound user confirms', async () => {
    const gateway = gatewayWith([pollAnswer('WAITING'), pollAnswer('SCANNED'), pollAnswer('SIGNED_IN', { message: '登录成功', viewer: VIEWER })]);
    const { wrapper } = await mountAt(FastWeChatLogin, '/login', gateway.client);
    const link = wrapper.find('[data-test="wechat-sim-link"]');
    expect(link.attributes('href')).toBe(TICKET.qrContent);
    expect(link.attributes('target')).toBe('_blank');
    await waitFor(() => navigate.mock.calls.length > 0);
    expect(navigate).toHaveBeenCalledWith('/');
    expect(session.viewer).toMatchObject(VIEWER);
    const polls = gateway.sent.filter((s) => s.name === 'PollWeChatLogin');
    expect(polls).toHaveLength(3);
    expect(polls.every((p) => p.variables.ticketId === `${TICKET.ticketId.slice(0, -1)}1`)).toBe(true);
    wrapper.unmount();
  });

  it('stops polling on an expired code and 刷新二维码 asks for a new one', async () => {
    const gateway = gatewayWith([pollAnswer('EXPIRED')]);
    const { wrapper } = await mountAt(FastWeChatLogin, '/login', gateway.client);
    await waitFor(() => wrapper.find('[data-test="wechat-status"]').text() === '二维码已过期');
    const pollsBefore = gateway.names().filter((n) => n === 'PollWeChatLogin').length;
    await settle(5);
    expect(gateway.names().filter((n) => n === 'PollWeChatLogin').length).toBe(pollsBefore);
    await wrapper.findAll('button').find((b) => b.text() === '刷新二维码')!.trigger('click');
    await settle();
    expect(gateway.names().filter((n) => n === 'CreateWeChatLoginTicket')).toHaveLength(2);
    wrapper.unmount();
  });

  it('shows a ticket refused for this browser and offers a new code', async () => {
    const gateway = gatewayWith([pollAnswer(null, { errorCode: 'WECHAT_TICKET_OTHER_BROWSER', message: '该二维码不是在当前浏览器中生成的,请刷新二维码后重新扫码' })]);
    const { wrapper } = await mountAt(FastWeChatLogin, '/login', gateway.client);
    await waitFor(() => wrapper.find('[data-test="wechat-status"]').text().includes('不是在当前浏览器中生成的'));
    expect(wrapper.findAll('button').some((b) => b.text() === '刷新二维码')).toBe(true);
    wrapper.unmount();
  });

  it('asks an unbound WeChat user to bind an existing account, sends the ticket with the credentials and signs in', async () => {
    const bindCalls: Array<Record<string, any>> = [];
    let answer: Record<string, unknown> = { ok: false, errorCode: 'INVALID_CREDENTIALS', message: '证件号码/手机号或密码错误,还可尝试4次', field: null, lockedUntil: null, remainingAttempts: 4, viewer: null };
    const gateway = gatewayWith([pollAnswer('BIND_REQUIRED')], {
      BindWeChatAndLogin: (variables) => {
        bindCalls.push(variables.input);
        return { bindWeChatAndLogin: answer };
      },
    });
    const { wrapper } = await mountAt(FastWeChatLogin, '/login', gateway.client);
    await waitFor(() => wrapper.find('[data-test="wechat-bind"] img[data-captcha-id]').exists());
    expect(wrapper.findAll('.el-form-item__label').map((l) => l.text())).toEqual(['证件号码或手机号', '密码', '验证码']);
    const fill = async () => {
      const inputs = wrapper.findAll('[data-test="wechat-bind"] input');
      await inputs[0]!.setValue('110105199003070017');
      await inputs[1]!.setValue('Kuaiji#2026');
      await inputs[2]!.setValue('ab12');
      await wrapper.find('[data-test="wechat-bind"]').trigger('submit');
      await settle();
    };
    await fill();
    await waitFor(() => bindCalls.length === 1);
    expect(bindCalls[0]).toEqual({ ticketId: `${TICKET.ticketId.slice(0, -1)}1`, identifier: '110105199003070017', password: 'Kuaiji#2026', captchaId: 'captcha-1', captchaAnswer: 'ab12' });
    expect(showError).toHaveBeenCalledWith(expect.objectContaining({ errorCode: 'INVALID_CREDENTIALS' }));
    expect(navigate).not.toHaveBeenCalled();

    answer = { ok: true, errorCode: null, message: '绑定成功,已登录', field: null, lockedUntil: null, remainingAttempts: null, viewer: VIEWER };
    await fill();
    await waitFor(() => navigate.mock.calls.length > 0);
    expect(navigate).toHaveBeenCalledWith('/');
    expect(session.viewer).toMatchObject(VIEWER);
    wrapper.unmount();
  });
});
