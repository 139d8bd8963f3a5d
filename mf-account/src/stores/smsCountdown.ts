import { onScopeDispose, reactive, ref } from 'vue';
import { defineStore } from 'pinia';
import type { SmsCodePurpose } from '../graphql/generated/graphql';
import { normalizeMobile } from '../utils/validation';

const keyOf = (purpose: SmsCodePurpose, phone: string) => `${purpose}:${normalizeMobile(phone)}`;

/**
 * When 免费获取验证码 may be pressed again, per purpose and phone number: the gateway sends one code
 * per phone and purpose every 3 minutes and says how long to wait (`retryAfterSeconds`). Kept in a
 * store so the countdown survives a visit to 帮助中心 and back.
 */
export const useSmsCountdownStore = defineStore('mf-account/sms-countdown', () => {
  /** Epoch milliseconds from which a new code may be requested. */
  const availableAt = reactive<Record<string, number>>({});
  /** The clock the countdowns are shown by; ticks once a second while one is running. */
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;

  function tick() {
    now.value = Date.now();
    for (const [key, at] of Object.entries(availableAt)) if (at <= now.value) delete availableAt[key];
    if (Object.keys(availableAt).length === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  }

  /** Starts (or restarts) the wait the gateway asked for. */
  function start(purpose: SmsCodePurpose, phone: string, seconds: number) {
    now.value = Date.now();
    availableAt[keyOf(purpose, phone)] = now.value + Math.max(0, seconds) * 1000;
    timer ??= setInterval(tick, 1000);
  }

  /** Whole seconds still to wait; 0 when a code may be requested now. */
  function secondsLeft(purpose: SmsCodePurpose, phone: string): number {
    const at = availableAt[keyOf(purpose, phone)];
    return at === undefined ? 0 : Math.max(0, Math.ceil((at - now.value) / 1000));
  }

  onScopeDispose(() => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  });

  return { availableAt, now, start, secondsLeft };
});
