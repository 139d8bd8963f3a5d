import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useSmsCountdownStore } from './smsCountdown';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-26T04:00:00Z') });
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SMS countdown', () => {
  it('counts the wait the gateway asked for down second by second, then allows a new code', () => {
    const countdown = useSmsCountdownStore();
    expect(countdown.secondsLeft('REGISTER', '13812345678')).toBe(0);
    countdown.start('REGISTER', '13812345678', 180);
    expect(countdown.secondsLeft('REGISTER', '13812345678')).toBe(180);
    vi.advanceTimersByTime(1000);
    expect(countdown.secondsLeft('REGISTER', '13812345678')).toBe(179);
    vi.advanceTimersByTime(178_000);
    expect(countdown.secondsLeft('REGISTER', '13812345678')).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(countdown.secondsLeft('REGISTER', '13812345678')).toBe(0);
    expect(vi.getTimerCount()).toBe(0); // the ticking stops when nothing is counting
  });

  it('keeps one wait per purpose and phone number, however the number is written', () => {
    const countdown = useSmsCountdownStore();
    countdown.start('REGISTER', '+86 138-1234-5678', 95);
    expect(countdown.secondsLeft('REGISTER', '13812345678')).toBe(95);
    expect(countdown.secondsLeft('RESET_PASSWORD', '13812345678')).toBe(0);
    expect(countdown.secondsLeft('REGISTER', '13912345678')).toBe(0);
  });
});
