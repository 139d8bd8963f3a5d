import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * On Node 20, the first `AsyncLocalStorage.run` turns on a process-wide async hook (with promise
 * hooks) that stays on for good, so every promise of every request pays for context propagation
 * from then on. MikroORM runs its storages only around a transaction, a flush or a raw fragment
 * (`em.transactional`, `insideFlush`), while the hot paths (提交, 生成订单, notifications, session
 * lookups) send raw statements and need no store: profiled under the submit benchmark, the hooks and
 * their garbage were ≈ 8% of the gateway's CPU.
 *
 * This keeps a storage enabled only while one of its `run`s is in flight (until the promise its
 * callback returned settles) and disables the storages when the last run ends. A store is only ever
 * read inside a run, so nothing that reads one loses it. Two cases pin the hooks on for the rest of
 * the process, as without this: a callback that returns no promise (its asynchronous work cannot be
 * followed) and `enterWith` (a store with no end).
 *
 * Node 22's AsyncContextFrame makes this unnecessary; remove it with the move past Node 20.
 */
export function enableAsyncContextOnDemand(): void {
  if (onDemand) return;
  const storage = AsyncLocalStorage.prototype as AsyncLocalStorage<unknown> & { run: AnyRun; enterWith: (store: unknown) => void };
  const run: AnyRun = storage.run;
  const enterWith = storage.enterWith;
  const state: OnDemandState = { runsInFlight: 0, pinned: false, enabled: new Set() };
  const settle = () => {
    state.runsInFlight -= 1;
    if (state.runsInFlight === 0 && !state.pinned) {
      for (const s of state.enabled) s.disable();
      state.enabled.clear();
    }
  };
  storage.run = function (this: AsyncLocalStorage<unknown>, store: unknown, callback: (...args: unknown[]) => unknown, ...args: unknown[]) {
    if (state.pinned) return run.call(this, store, callback, ...args);
    state.runsInFlight += 1;
    state.enabled.add(this);
    let result: unknown;
    try {
      result = run.call(this, store, callback, ...args);
    } catch (err) {
      settle();
      throw err;
    }
    if (isThenable(result)) {
      result.then(settle, settle);
    } else {
      state.pinned = true;
      settle();
    }
    return result;
  };
  storage.enterWith = function (this: AsyncLocalStorage<unknown>, store: unknown) {
    state.pinned = true;
    enterWith.call(this, store);
  };
  onDemand = state;
}

type AnyRun = (this: AsyncLocalStorage<unknown>, store: unknown, callback: (...args: unknown[]) => unknown, ...args: unknown[]) => unknown;

interface OnDemandState {
  runsInFlight: number;
  /** Set for good by a run that returned no promise, or by `enterWith`. */
  pinned: boolean;
  enabled: Set<AsyncLocalStorage<unknown>>;
}

let onDemand: OnDemandState | null = null;

/** For tests: runs in flight, and whether the hooks are pinned on. */
export function asyncContextOnDemandState(): Readonly<Pick<OnDemandState, 'runsInFlight' | 'pinned'>> | null {
  return onDemand && { runsInFlight: onDemand.runsInFlight, pinned: onDemand.pinned };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
}
