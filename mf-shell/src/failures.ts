import type { LifeCycleFn, LifeCycles } from 'single-spa';
import type { ClientErrorKind } from '@ccap/platform';

/** How long a micro-frontend's code may take to arrive before its area shows the error card. */
export const DEFAULT_LOAD_TIMEOUT_MS = 8000;
/** Per-browser setting (support staff on a slow line, tests): `localStorage['ccap:load-timeout-ms']`. */
export const LOAD_TIMEOUT_STORAGE_KEY = 'ccap:load-timeout-ms';

export function loadTimeoutMs(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): number {
  const ms = Number(storage?.getItem(LOAD_TIMEOUT_STORAGE_KEY) ?? Number.NaN);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_LOAD_TIMEOUT_MS;
}

/** A failure of one application, with the kind its client error report gives it. */
export class ApplicationFailure extends Error {
  constructor(
    readonly kind: ClientErrorKind,
    readonly appName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApplicationFailure';
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `load()` within `timeoutMs`, else an ApplicationFailure of kind `timeout`. What arrives later is
 * dropped: the module is then in the browser's module map, and 重试 mounts it at once.
 */
export function loadWithin<T>(appName: string, timeoutMs: number, load: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new ApplicationFailure('timeout', appName, `${appName} 未在 ${timeoutMs} ms 内加载完成`));
    }, timeoutMs);
    Promise.resolve()
      .then(load)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(new ApplicationFailure('load', appName, messageOf(error), { cause: error }));
        },
      );
  });
}

type Lifecycle = LifeCycleFn<object> | Array<LifeCycleFn<object>>;

/** The application's lifecycles, with a failure in bootstrap or mount turned into kind `mount`. */
export function withMountFailures(appName: string, lifecycles: LifeCycles): LifeCycles {
  const guard = (lifecycle: Lifecycle | undefined) =>
    lifecycle &&
    [lifecycle].flat().map((step) => async (props: Parameters<LifeCycleFn<object>>[0]) => {
      try {
        return await step(props);
      } catch (error) {
        throw new ApplicationFailure('mount', appName, messageOf(error), { cause: error });
      }
    });
  return { ...lifecycles, bootstrap: guard(lifecycles.bootstrap)!, mount: guard(lifecycles.mount)! };
}
