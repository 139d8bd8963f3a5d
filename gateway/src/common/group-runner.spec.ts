import { describe, expect, it } from 'vitest';
import type { AppError } from './errors';
import { GroupRunner } from './group-runner';

/** A runner whose work is recorded and finishes when the test says so. */
function recordingRunner(maxGroup: number, options: { failTogether?: boolean; key?: (n: number) => string; maxWaiting?: number } = {}) {
  const calls: Array<{ kind: 'alone' | 'together'; items: number[]; finish(): void }> = [];
  const failures: unknown[] = [];
  const pending = () => new Promise<void>((resolve) => calls.at(-1) && Object.assign(calls.at(-1)!, { finish: resolve }));
  const runner = new GroupRunner<number, string>({
    maxGroup,
    maxWaiting: options.maxWaiting,
    busy: (n) => new Error(`busy ${n}`),
    key: options.key,
    alone: async (n) => {
      calls.push({ kind: 'alone', items: [n], finish: () => {} });
      await pending();
      if (n < 0) throw new Error(`negative ${n}`);
      return `alone ${n}`;
    },
    together: async (items) => {
      calls.push({ kind: 'together', items, finish: () => {} });
      await pending();
      if (options.failTogether) throw new Error('group failed');
      return items.map((n) => (n < 0 ? new Error(`negative ${n}`) : `together ${n}`));
    },
    onGroupFailure: (err) => failures.push(err),
  });
  /** Finishes whatever is in flight, until everything has settled. */
  const finishAll = async (results: Array<Promise<string>>) => {
    const settled = Promise.allSettled(results);
    let done = false;
    void settled.then(() => (done = true));
    while (!done) {
      for (const call of calls) call.finish();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return settled;
  };
  return { runner, calls, failures, finishAll };
}

const outcome = (r: PromiseSettledResult<string>) => (r.status === 'fulfilled' ? r.value : `error ${(r.reason as Error).message}`);

describe('GroupRunner', () => {
  it('runs an item at once when nothing is in flight, and what arrives meanwhile together, in arrival order, at most maxGroup at a time', async () => {
    const { runner, calls, finishAll } = recordingRunner(3);
    const results = [1, 2, 3, 4, 5, 6].map((n) => runner.run(n));
    const settled = await finishAll(results);
    expect(calls.map((c) => [c.kind, c.items])).toEqual([
      ['together', [1]],
      ['together', [2, 3, 4]],
      ['together', [5, 6]],
    ]);
    expect(settled.map(outcome)).toEqual(['together 1', 'together 2', 'together 3', 'together 4', 'together 5', 'together 6']);
  });

  it('lets what arrives in the turn of the event loop in which a group finished join the next group', async () => {
    const { runner, calls, finishAll } = recordingRunner(10);
    const results = [runner.run(1), runner.run(2)];
    // 2 waits for the group of 1; 3 arrives later in the turn in which that group finishes (as a request
    // read from another socket after the database's answer would).
    setImmediate(() => results.push(runner.run(3)));
    calls[0]!.finish();
    await new Promise((resolve) => setImmediate(resolve));
    await finishAll(results);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3]]);
  });

  it('keeps items with the same key out of one group', async () => {
    const { runner, calls, finishAll } = recordingRunner(10, { key: (n) => String(Math.abs(n) % 10) });
    await finishAll([1, 2, 3, 12, 4, 22].map((n) => runner.run(n)));
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4], [12], [22]]);
  });

  it('fails only the item whose result is an Error', async () => {
    const { runner, finishAll } = recordingRunner(10);
    const settled = await finishAll([1, 2, -3, 4].map((n) => runner.run(n)));
    expect(settled.map(outcome)).toEqual(['together 1', 'together 2', 'error negative -3', 'together 4']);
  });

  it('runs every item of a failed group alone, and says so', async () => {
    const { runner, calls, failures, finishAll } = recordingRunner(10, { failTogether: true });
    const settled = await finishAll([1, 2, 3].map((n) => runner.run(n)));
    expect(calls.map((c) => [c.kind, c.items])).toEqual([
      ['together', [1]],
      ['alone', [1]],
      ['together', [2, 3]],
      ['alone', [2]],
      ['alone', [3]],
    ]);
    expect(settled.map(outcome)).toEqual(['alone 1', 'alone 2', 'alone 3']);
    expect(failures).toHaveLength(2);
  });

  it('refuses an item at once while maxWaiting items wait, and takes items again once they have gone', async () => {
    const { runner, calls, finishAll } = recordingRunner(2, { maxWaiting: 3 });
    // 1 goes at once; 2, 3 and 4 wait; 5 and 6 are refused without being run.
    const first = [1, 2, 3, 4, 5, 6].map((n) => runner.run(n));
    const refused = await Promise.allSettled(first.slice(4));
    expect(refused.map(outcome)).toEqual(['error busy 5', 'error busy 6']);
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    // Once 1 has finished, 2 and 3 are in flight and only 4 waits: room for two more.
    calls[0]!.finish();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3]]);
    const later = [7, 8, 9].map((n) => runner.run(n));
    const settled = await finishAll([...first.slice(0, 4), ...later]);
    expect(settled.map(outcome)).toEqual(['together 1', 'together 2', 'together 3', 'together 4', 'together 7', 'together 8', 'error busy 9']);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3], [4, 7], [8]]);
  });

  it('refuses with SERVICE_BUSY when no busy error is given', async () => {
    const runner = new GroupRunner<number, number>({ maxGroup: 10, maxWaiting: 1, alone: async (n) => n, together: async (items) => items });
    const results = [runner.run(1), runner.run(2), runner.run(3)];
    const settled = await Promise.allSettled(results);
    expect(settled.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as AppError).extensions.code))).toEqual([1, 2, 'SERVICE_BUSY']);
  });

  it('with maxGroup 1 runs everything alone and at once', async () => {
    const { runner, calls, finishAll } = recordingRunner(1);
    const results = [1, 2, 3].map((n) => runner.run(n));
    expect(calls.map((c) => c.kind)).toEqual(['alone', 'alone', 'alone']);
    await finishAll(results);
  });
});
