import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client/core';
import { DefaultApolloClient, NETWORK_ERROR_MESSAGE } from '@ccap/platform';
import PaymentView from './PaymentView.vue';
import { createPaymentRouter } from '../router';
import type { PaymentFieldsFragment } from '../graphql/generated/graphql';

const APP_ID = '7d4f3c2a-1b2c-4d3e-8f9a-0b1c2d3e4f5a';

function view(overrides: Partial<PaymentFieldsFragment> = {}): PaymentFieldsFragment {
  return {
    __typename: 'MyPayment',
    applicationId: APP_ID,
    maskedName: '欧阳**',
    examName: '2026年全国会计专业技术资格考试(中级)',
    unitName: '北京市',
    subjects: [
      { __typename: 'PaymentSubject', code: 'INTERMEDIATE_PRACTICE', name: '中级会计实务' },
      { __typename: 'PaymentSubject', code: 'FINANCIAL_MANAGEMENT', name: '财务管理' },
    ],
    applicationStatus: 'APPROVED',
    feeFen: 11200,
    paymentStartsAt: '2026-11-01T00:00:00.000Z',
    paymentEndsAt: '2099-12-01T10:00:00.000Z',
    paymentOpen: true,
    order: null,
    payUrl: null,
    channels: [
      { __typename: 'PaymentChannelInfo', code: 'ALIPAY', name: '支付宝' },
      { __typename: 'PaymentChannelInfo', code: 'WECHAT_PAY', name: '微信支付' },
      { __typename: 'PaymentChannelInfo', code: 'UNIONPAY', name: '银联' },
    ],
    state: 'NO_ORDER',
    stateLabel: '未缴费',
    registrationComplete: false,
    canCreateOrder: true,
    ...overrides,
  } as PaymentFieldsFragment;
}

const ORDER = {
  __typename: 'PaymentOrder',
  id: 'o1',
  orderNo: 'KJ261126ABCDEFGHJK',
  amountFen: 11205,
  createdAt: '2026-11-26T02:03:04.000Z',
  expiresAt: '2099-11-26T02:33:04.000Z',
  channel: 'ALIPAY',
  status: 'PENDING',
  closeReason: null,
  paidAt: null,
} as const;
const unpaid = () => view({ order: { ...ORDER }, state: 'UNPAID', stateLabel: '待支付', payUrl: '/api/pay-sim/checkout?order=x', canCreateOrder: false });
const paid = () =>
  view({ order: { ...ORDER, status: 'PAID' }, state: 'PAID', stateLabel: '支付成功', applicationStatus: 'PAID', registrationComplete: true, canCreateOrder: false });

/** A link answering each operation by name with the next reply in its queue (the last one repeats). */
function scripted(replies: Record<string, Array<Record<string, unknown> | Error>>) {
  const calls: Array<{ operationName: string; variables: Record<string, unknown> }> = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        calls.push({ operationName: operation.operationName, variables: operation.variables });
        const queue = replies[operation.operationName] ?? [];
        const reply = queue.length > 1 ? queue.shift()! : queue[0]!;
        if (reply instanceof Error) observer.error(reply);
        else {
          observer.next({ data: reply });
          observer.complete();
        }
      }),
  );
  return { link, calls };
}

async function mountWith(link: ApolloLink) {
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const router = createPaymentRouter(createMemoryHistory());
  await router.push(`/${APP_ID}`);
  const wrapper = mount(PaymentView, {
    attachTo: document.body,
    props: { applicationId: APP_ID, pollOptions: { firstDelayMs: 1000, factor: 2, maxDelayMs: 4000, totalMs: 15_000 } },
    global: { plugins: [createPinia(), router], provide: { [DefaultApolloClient as symbol]: client } },
  });
  await flushPromises();
  return wrapper;
}

const text = (w: Awaited<ReturnType<typeof mountWith>>, test: string) => w.find(`[data-test="${test}"]`).text();

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('PaymentView (网上缴费 of one application)', () => {
  it('shows the four sections, with an empty 订单基本信息 before an order exists', async () => {
    const { link } = scripted({ MyPayment: [{ myPayment: view() }] });
    const wrapper = await mountWith(link);
    expect(text(wrapper, 'application')).toContain('欧阳**');
    expect(text(wrapper, 'application')).toContain('中级会计实务、财务管理');
    expect(text(wrapper, 'application')).toContain('北京市');
    expect(wrapper.find('[data-test="order"]').findAll('.el-descriptions__content').map((c) => c.text())).toEqual(['—', '—', '—']);
    expect(wrapper.findAll('[role="radio"]').map((c) => c.text())).toEqual(['支支付宝', '微微信支付', '银银联']);
    expect(text(wrapper, 'status')).toBe('未缴费');
    // 生成订单 needs a 支付平台; 支付 needs an order.
    expect(wrapper.find('[data-test="create-order"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-test="pay"]').attributes('disabled')).toBeDefined();
  });

  it('生成订单 with the chosen channel fills 订单号码, 订单金额 in 元 and 创建时间 (China time)', async () => {
    const { link, calls } = scripted({
      MyPayment: [{ myPayment: view() }],
      CreatePaymentOrder: [{ createPaymentOrder: { __typename: 'PaymentOrderResult', ok: true, errorCode: null, message: '订单已生成', created: true, payment: unpaid() } }],
    });
    const wrapper = await mountWith(link);
    await wrapper.findAll('[role="radio"]')[0]!.trigger('click');
    await wrapper.find('[data-test="create-order"]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.operationName === 'CreatePaymentOrder')?.variables).toEqual({ applicationId: APP_ID, channel: 'ALIPAY' });
    expect(text(wrapper, 'order-no')).toBe('KJ261126ABCDEFGHJK');
    expect(text(wrapper, 'order-amount')).toBe('112.05 元');
    expect(text(wrapper, 'order-created')).toBe('2026-11-26 10:03:04');
    expect(text(wrapper, 'status')).toBe('待支付');
    expect(wrapper.find('[data-test="pay"]').attributes('disabled')).toBeUndefined();
  });

  it('a refused 生成订单 shows the server message, never a code', async () => {
    const { link } = scripted({
      MyPayment: [{ myPayment: view() }],
      CreatePaymentOrder: [
        { createPaymentOrder: { __typename: 'PaymentOrderResult', ok: false, errorCode: 'PAYMENT_WINDOW_CLOSED', message: '缴费已结束,缴费时间为…', created: false, payment: null } },
      ],
    });
    const wrapper = await mountWith(link);
    await wrapper.findAll('[role="radio"]')[1]!.trigger('click');
    await wrapper.find('[data-test="create-order"]').trigger('click');
    await flushPromises();
    expect(document.body.textContent).toContain('缴费已结束,缴费时间为…');
    expect(document.body.textContent).not.toContain('PAYMENT_WINDOW_CLOSED');
  });

  it('back from the channel: 支付中 while polling with backoff, then 支付成功 and 报名成功 without a reload', async () => {
    vi.useFakeTimers();
    sessionStorage.setItem(`ccap:payment:awaiting:${APP_ID}`, JSON.stringify({ orderNo: ORDER.orderNo, at: Date.now() }));
    const { link, calls } = scripted({ MyPayment: [{ myPayment: unpaid() }, { myPayment: unpaid() }, { myPayment: paid() }] });
    const wrapper = await mountWith(link);
    expect(text(wrapper, 'status')).toBe('支付中');
    await vi.advanceTimersByTimeAsync(1000);
    await flushPromises();
    expect(text(wrapper, 'status')).toBe('支付中');
    await vi.advanceTimersByTimeAsync(2000);
    await flushPromises();
    expect(text(wrapper, 'status')).toBe('支付成功');
    expect(text(wrapper, 'registered')).toContain('报名成功');
    expect(wrapper.find('[data-test="pay"]').exists()).toBe(false);
    const polls = calls.filter((c) => c.operationName === 'MyPayment').length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls.filter((c) => c.operationName === 'MyPayment').length).toBe(polls); // stopped at PAID
    expect(sessionStorage.getItem(`ccap:payment:awaiting:${APP_ID}`)).toBeNull();
  });

  it('stops polling after the bound and says no result arrived yet; 支付 stays available', async () => {
    vi.useFakeTimers();
    sessionStorage.setItem(`ccap:payment:awaiting:${APP_ID}`, JSON.stringify({ orderNo: ORDER.orderNo, at: Date.now() }));
    const { link, calls } = scripted({ MyPayment: [{ myPayment: unpaid() }] });
    const wrapper = await mountWith(link);
    await vi.advanceTimersByTimeAsync(20_000);
    await flushPromises();
    // 1 + 2 + 4 + 4 + 4 s = 15 s: five polls after the first load, then none.
    expect(calls.filter((c) => c.operationName === 'MyPayment')).toHaveLength(6);
    expect(text(wrapper, 'status')).toBe('待支付');
    expect(text(wrapper, 'no-result')).toContain('暂未收到支付结果');
    expect(wrapper.find('[data-test="pay"]').attributes('disabled')).toBeUndefined();
  });

  it('without 支付 in this tab, an unpaid order is shown as 待支付 and nothing polls', async () => {
    vi.useFakeTimers();
    const { link, calls } = scripted({ MyPayment: [{ myPayment: unpaid() }] });
    const wrapper = await mountWith(link);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(text(wrapper, 'status')).toBe('待支付');
    expect(calls).toHaveLength(1);
  });

  it('a closed order says so and allows 生成订单 again inside the window', async () => {
    const { link } = scripted({
      MyPayment: [{ myPayment: view({ order: { ...ORDER, status: 'CLOSED', closeReason: 'EXPIRED' }, state: 'CLOSED', stateLabel: '订单已关闭', canCreateOrder: true }) }],
    });
    const wrapper = await mountWith(link);
    expect(text(wrapper, 'closed')).toContain('订单已超过支付时限,已关闭,请重新生成订单后支付');
    await wrapper.findAll('[role="radio"]')[2]!.trigger('click');
    expect(wrapper.find('[data-test="create-order"]').attributes('disabled')).toBeUndefined();
  });

  it('outside the payment window says so and offers no 生成订单', async () => {
    const { link } = scripted({ MyPayment: [{ myPayment: view({ paymentOpen: false, paymentEndsAt: '2026-01-24T10:00:00.000Z', canCreateOrder: false }) }] });
    const wrapper = await mountWith(link);
    expect(text(wrapper, 'window')).toContain('缴费已结束,缴费时间为 2026-11-01 08:00:00 至 2026-01-24 18:00:00');
    expect(wrapper.find('[data-test="create-order"]').attributes('disabled')).toBeDefined();
  });

  it('not signed in: asks to sign in with a link to 会计人员登录', async () => {
    const unauthenticated = new ApolloLink(
      () =>
        new Observable((observer) => {
          observer.next({ errors: [{ message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } }] } as never);
          observer.complete();
        }),
    );
    const wrapper = await mountWith(unauthenticated);
    expect(text(wrapper, 'signed-out')).toContain('请先登录');
    expect(wrapper.find('[data-test="signed-out"] a').attributes('href')).toBe('/account/login');
  });

  it('shows the network message, never a raw error, when the gateway cannot be reached', async () => {
    const { link } = scripted({ MyPayment: [new TypeError('Failed to fetch')] });
    const wrapper = await mountWith(link);
    expect(wrapper.text()).toContain(NETWORK_ERROR_MESSAGE);
    expect(wrapper.text()).not.toContain('Failed to fetch');
  });
});
