import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { asyncContextOnDemandState, enableAsyncContextOnDemand } from './async-context-on-demand';

// Node's own flag: whether the storage takes part in the process-wide propagation hook.
const hooked = (storage: AsyncLocalStorage<unknown>) => (storage as unknown as { enabled: boolean }).enabled;

enableAsyncContextOnDemand();

describe('AsyncLocalStorage on demand', () => {
  it('keeps the store across awaits and timers while the run is in flight, and unhooks the storage when it ends', async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen: Array<string | undefined> = [];
    const done = storage.run('tx-1', async () => {
      seen.push(storage.getStore());
      await sleep(5);
      seen.push(storage.getStore());
      await new Promise<void>((resolve) => setImmediate(resolve));
      seen.push(storage.getStore());
      expect(hooked(storage)).toBe(true);
      return 'result';
    });
    expect(hooked(storage)).toBe(true);
    await expect(done).resolves.toBe('result');
    expect(seen).toEqual(['tx-1', 'tx-1', 'tx-1']);
    expect(hooked(storage)).toBe(false);
    expect(storage.getStore()).toBeUndefined();
    expect(asyncContextOnDemandState()).toEqual({ runsInFlight: 0, pinned: false });
  });

  it('keeps every storage hooked until the last of overlapping runs ends, each run seeing its own store', async () => {
    const transactions = new AsyncLocalStorage<string>();
    const flushes = new AsyncLocalStorage<boolean>();
    const long = transactions.run('long', async () => {
      await sleep(30);
      return [transactions.getStore(), flushes.getStore()];
    });
    const short = transactions.run('short', async () => {
      const inner = await flushes.run(true, async () => {
        await sleep(1);
        return [transactions.getStore(), flushes.getStore()];
      });
      return inner;
    });
    await expect(short).resolves.toEqual(['short', true]);
    expect(asyncContextOnDemandState()!.runsInFlight).toBe(1);
    expect(hooked(transactions)).toBe(true);
    await expect(long).resolves.toEqual(['long', undefined]);
    expect(hooked(transactions)).toBe(false);
    expect(hooked(flushes)).toBe(false);
  });

  it('ends a run whose promise rejects, or whose callback throws', async () => {
    const storage = new AsyncLocalStorage<string>();
    await expect(
      storage.run('failing', async () => {
        await sleep(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(() =>
      storage.run('throwing', () => {
        throw new Error('at once');
      }),
    ).toThrow('at once');
    expect(asyncContextOnDemandState()).toEqual({ runsInFlight: 0, pinned: false });
    expect(hooked(storage)).toBe(false);
  });

  // Pins the hooks for the rest of this file's process: keep it last.
  it('pins the hooks on for good after a run whose callback returns no promise, so work it started keeps its store', async () => {
    const storage = new AsyncLocalStorage<string>();
    const later = new Promise<string | undefined>((resolve) => {
      storage.run('express-style', () => {
        setTimeout(() => resolve(storage.getStore()), 5);
      });
    });
    await expect(later).resolves.toBe('express-style');
    expect(asyncContextOnDemandState()!.pinned).toBe(true);
    expect(hooked(storage)).toBe(true);
  });
});
