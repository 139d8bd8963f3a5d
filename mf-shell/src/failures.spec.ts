import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LifeCycles } from 'single-spa';
import { ApplicationFailure, DEFAULT_LOAD_TIMEOUT_MS, loadTimeoutMs, loadWithin, withMountFailures } from './failures';

afterEach(() => vi.useRealTimers());

describe('loadWithin', () => {
  it('resolves what arrives in time', async () => {
    await expect(loadWithin('@ccap/mf-exam', 1000, async () => 'module')).resolves.toBe('module');
  });

  it('fails with kind timeout when the code is late, and ignores it when it finally arrives', async () => {
    vi.useFakeTimers();
    let arrive!: (value: string) => void;
    const late = loadWithin('@ccap/mf-exam', 8000, () => new Promise<string>((resolve) => (arrive = resolve)));
    const outcome = late.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(8000);
    const error = await outcome;
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).kind).toBe('timeout');
    expect((error as ApplicationFailure).message).toContain('8000 ms');
    arrive('module');
    await vi.advanceTimersByTimeAsync(10);
    expect(await outcome).toBe(error);
  });

  it('fails with kind load when the code cannot be fetched', async () => {
    const cause = new TypeError('Failed to fetch dynamically imported module');
    const error = await loadWithin('@ccap/mf-exam', 1000, () => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'load', appName: '@ccap/mf-exam', cause });
  });
});

describe('withMountFailures', () => {
  it('turns a throw in bootstrap or mount into kind mount, and keeps the other lifecycles', async () => {
    const unmount = vi.fn(async () => {});
    const lifecycles = withMountFailures('@ccap/mf-exam', {
      bootstrap: async () => {},
      mount: [async () => {}, async () => Promise.reject(new Error('boom'))],
      unmount,
    } as LifeCycles);
    const props = { name: '@ccap/mf-exam' } as never;
    await expect(Promise.all([lifecycles.bootstrap].flat().map((fn) => fn(props)))).resolves.toBeDefined();
    const steps = [lifecycles.mount].flat();
    expect(steps).toHaveLength(2);
    await expect(steps[1]!(props)).rejects.toMatchObject({ kind: 'mount', message: 'boom' });
    expect(lifecycles.unmount).toBe(unmount);
  });
});

describe('loadTimeoutMs', () => {
  it('defaults to 8 s and takes a positive per-browser setting', () => {
    const storage = (value: string | null) => ({ getItem: () => value });
    expect(loadTimeoutMs(storage(null))).toBe(DEFAULT_LOAD_TIMEOUT_MS);
    expect(loadTimeoutMs(storage('1500'))).toBe(1500);
    expect(loadTimeoutMs(storage('soon'))).toBe(DEFAULT_LOAD_TIMEOUT_MS);
    expect(loadTimeoutMs(storage('0'))).toBe(DEFAULT_LOAD_TIMEOUT_MS);
  });
});
