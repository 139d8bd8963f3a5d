import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const singleSpa = vi.hoisted(() => ({
  status: 'LOAD_ERROR' as string,
  calls: [] as string[],
}));

vi.mock('single-spa', () => ({
  LOAD_ERROR: 'LOAD_ERROR',
  SKIP_BECAUSE_BROKEN: 'SKIP_BECAUSE_BROKEN',
  getAppStatus: () => singleSpa.status,
  triggerAppChange: async () => {
    singleSpa.calls.push(`triggerAppChange@${Date.now()}`);
  },
  unregisterApplication: async (name: string) => {
    singleSpa.calls.push(`unregister:${name}`);
  },
  registerApplication: (config: { name: string }) => {
    singleSpa.calls.push(`register:${config.name}`);
  },
}));

const { ApplicationRetrier, AwaitingRetry } = await import('./retry');

const config = { name: '@ccap/mf-exam', app: async () => ({}) as never, activeWhen: () => true };

beforeEach(() => {
  singleSpa.calls = [];
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-01-03T00:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('ApplicationRetrier', () => {
  it('re-registers an application that threw in bootstrap/mount', async () => {
    singleSpa.status = 'SKIP_BECAUSE_BROKEN';
    await new ApplicationRetrier([config]).retry('@ccap/mf-exam');
    expect(singleSpa.calls).toEqual(['unregister:@ccap/mf-exam', 'register:@ccap/mf-exam']);
  });

  it('reroutes a LOAD_ERROR application, no sooner than single-spa will load it again', async () => {
    singleSpa.status = 'LOAD_ERROR';
    const retrier = new ApplicationRetrier([config]);
    const failedAt = Date.now();
    retrier.recordFailure('@ccap/mf-exam', failedAt);
    const done = retrier.retry('@ccap/mf-exam');
    await vi.advanceTimersByTimeAsync(250);
    await done;
    expect(singleSpa.calls).toHaveLength(1);
    const at = Number(singleSpa.calls[0]!.split('@')[1]);
    expect(at - failedAt).toBeGreaterThan(200);
  });

  it('holds a failed load until 重试, then loads again', async () => {
    const retrier = new ApplicationRetrier([config]);
    const loader = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue('lifecycles');
    await expect(retrier.load('@ccap/mf-exam', loader)).rejects.toThrow('Failed to fetch');
    await expect(retrier.load('@ccap/mf-exam', loader)).rejects.toThrow(/等待“重试”/);
    await expect(retrier.load('@ccap/mf-exam', loader)).rejects.toBeInstanceOf(AwaitingRetry);
    expect(loader).toHaveBeenCalledTimes(1);
    singleSpa.status = 'LOAD_ERROR';
    const retried = retrier.retry('@ccap/mf-exam');
    await vi.advanceTimersByTimeAsync(250);
    await retried;
    await expect(retrier.load('@ccap/mf-exam', loader)).resolves.toBe('lifecycles');
  });
});
