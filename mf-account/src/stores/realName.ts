import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { RealNameStatus } from '../graphql/generated/graphql';

export interface RealNameAttempt {
  id: string;
  status: RealNameStatus;
  certifyUrl?: string | null;
  failureReason?: string | null;
  /** 支付宝 only; 线上实名认证 waits for its reviewer. */
  expiresAt?: string | null;
}

/**
 * 实名认证 as the account pages see it: whether the candidate is verified and the attempt in
 * progress. Shared by the 信息采集 page (which opens the popup) and the popup's 扫码 panel.
 */
export const useRealNameStore = defineStore('mf-account/real-name', () => {
  const verified = ref(false);
  /** The separate consent (PIPL) for the attempt about to start; never pre-ticked. */
  const consent = ref(false);
  const attempt = ref<RealNameAttempt | null>(null);

  const polling = computed(() => attempt.value?.status === 'PENDING');

  function track(next: RealNameAttempt | null) {
    attempt.value = next;
    if (next?.status === 'SUCCEEDED') verified.value = true;
  }

  function reset() {
    attempt.value = null;
    consent.value = false;
  }

  return { verified, consent, attempt, polling, track, reset };
});
