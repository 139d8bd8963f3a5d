import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { PaymentChannelCode } from '../graphql/generated/graphql';

/** The order being paid and the chosen 支付平台. No order exists until one is generated. */
export interface PaymentOrder {
  orderNo: string;
  amountYuan: string;
  createdAt: string;
}

export const usePaymentStore = defineStore('mf-payment/payment', () => {
  const order = ref<PaymentOrder | null>(null);
  const channel = ref<PaymentChannelCode | null>(null);

  const status = computed(() => (order.value ? '待支付' : '未生成订单'));

  function chooseChannel(code: PaymentChannelCode) {
    channel.value = code;
  }

  return { order, channel, status, chooseChannel };
});
