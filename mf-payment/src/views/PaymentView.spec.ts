import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client/core';
import { DefaultApolloClient, NETWORK_ERROR_MESSAGE } from '@ccap/platform';
import PaymentView from './PaymentView.vue';
import type { PaymentChannelsQuery } from '../graphql/generated/graphql';

const data = {
  paymentChannels: [
    { __typename: 'PaymentChannelOption', code: 'ALIPAY', name: '支付宝' },
    { __typename: 'PaymentChannelOption', code: 'WECHAT_PAY', name: '微信支付' },
    { __typename: 'PaymentChannelOption', code: 'UNIONPAY', name: '银联' },
  ],
} as unknown as PaymentChannelsQuery;

function mountWith(link: ApolloLink) {
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  return mount(PaymentView, {
    attachTo: document.body,
    global: { plugins: [createPinia()], provide: { [DefaultApolloClient as symbol]: client } },
  });
}

const replying = (reply: PaymentChannelsQuery) =>
  new ApolloLink(
    () =>
      new Observable((observer) => {
        observer.next({ data: reply });
        observer.complete();
      }),
  );

afterEach(() => {
  document.body.innerHTML = '';
});

describe('PaymentView (网上缴费)', () => {
  it('shows the channels from paymentChannels as cards, and lets one be chosen', async () => {
    const wrapper = mountWith(replying(data));
    await flushPromises();
    const cards = wrapper.findAll('[role="radio"]');
    expect(cards.map((c) => c.text())).toEqual(['支支付宝', '微微信支付', '银银联']);
    await cards[1]!.trigger('click');
    expect(cards[1]!.attributes('aria-checked')).toBe('true');
    expect(cards[0]!.attributes('aria-checked')).toBe('false');
  });

  it('has an empty 订单基本信息 and 缴费状态 未生成订单 before an order exists', async () => {
    const wrapper = mountWith(replying(data));
    await flushPromises();
    const order = wrapper.find('[data-test="order"]');
    for (const label of ['订单号码', '订单金额', '创建时间']) expect(order.text()).toContain(label);
    expect(order.findAll('.el-descriptions__content').map((c) => c.text())).toEqual(['—', '—', '—']);
    expect(wrapper.find('[data-test="status"]').text()).toBe('未生成订单');
  });

  it('shows the network message, never a raw error, when the gateway cannot be reached', async () => {
    const failing = new ApolloLink(() => new Observable((observer) => observer.error(new TypeError('Failed to fetch'))));
    const wrapper = mountWith(failing);
    await flushPromises();
    expect(wrapper.text()).toContain(NETWORK_ERROR_MESSAGE);
    expect(wrapper.text()).not.toContain('Failed to fetch');
  });
});
