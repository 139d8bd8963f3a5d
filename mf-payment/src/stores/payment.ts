import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { PaymentChannelCode } from '../graphql/generated/graphql';

/**
 * 支付 leaves the portal (full-page navigation to the channel's page) and the channel sends the
 * browser back, so "we are waiting for the result of order X" must survive a page load: it is kept in
 * sessionStorage (this tab only). It is a hint for showing 支付中, never the truth about payment,
 * which always comes from myPayment.
 */
const AWAITING_KEY = (applicationId: string) => `ccap:payment:awaiting:${applicationId}`;
/** Older marks are ignored: the candidate left the channel's page long ago. */
const AWAITING_MAX_AGE_MS = 30 * 60_000;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled by the browser: 支付中 is then simply not shown
  }
}

export const usePaymentStore = defineStore('mf-payment/payment', () => {
  /** The 支付平台 chosen for 生成订单, per application. */
  const chosenChannels = ref<Record<string, PaymentChannelCode>>({});

  function chooseChannel(applicationId: string, code: PaymentChannelCode) {
    chosenChannels.value = { ...chosenChannels.value, [applicationId]: code };
  }

  function chosenChannel(applicationId: string): PaymentChannelCode | null {
    return chosenChannels.value[applicationId] ?? null;
  }

  function markAwaitingResult(applicationId: string, orderNo: string) {
    storage()?.setItem(AWAITING_KEY(applicationId), JSON.stringify({ orderNo, at: Date.now() }));
  }

  /** The order number 支付 was pressed for in this tab, recently. */
  function awaitingResultOf(applicationId: string): string | null {
    const raw = storage()?.getItem(AWAITING_KEY(applicationId));
    if (!raw) return null;
    try {
      const { orderNo, at } = JSON.parse(raw) as { orderNo?: unknown; at?: unknown };
      if (typeof orderNo !== 'string' || typeof at !== 'number' || Date.now() - at > AWAITING_MAX_AGE_MS) return null;
      return orderNo;
    } catch {
      return null;
    }
  }

  function clearAwaitingResult(applicationId: string) {
    storage()?.removeItem(AWAITING_KEY(applicationId));
  }

  return { chosenChannels, chooseChannel, chosenChannel, markAwaitingResult, awaitingResultOf, clearAwaitingResult };
});
