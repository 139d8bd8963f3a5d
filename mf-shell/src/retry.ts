import {
  LOAD_ERROR,
  SKIP_BECAUSE_BROKEN,
  getAppStatus,
  registerApplication,
  triggerAppChange,
  unregisterApplication,
  type RegisterApplicationConfig,
} from 'single-spa';

/** single-spa re-attempts a LOAD_ERROR application only 200 ms after the failure. */
const LOAD_RETRY_DELAY_MS = 200;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A load held back until 重试 is pressed: the same failure as before, already reported. */
export class AwaitingRetry extends Error {
  constructor(appName: string, cause: unknown) {
    super(`${appName} 上次加载失败,等待“重试”`, { cause });
    this.name = 'AwaitingRetry';
  }
}

/**
 * Makes 重试 work for both ways an application fails:
 * - LOAD_ERROR (404, network): single-spa loads it again on the next reroute once 200 ms have
 *   passed since the failure, so wait for that and trigger a reroute;
 * - SKIP_BECAUSE_BROKEN (threw in bootstrap/mount): single-spa never retries, so unregister it and
 *   register the same configuration again (which reroutes).
 *
 * It also holds a failed load until 重试 is pressed (`load`): without that, single-spa would fetch
 * the module again on every navigation to it — each time waiting on a server that is down — and the
 * card would come and go by itself. The candidate decides when to try again (or reloads the page).
 */
export class ApplicationRetrier {
  private readonly configs = new Map<string, RegisterApplicationConfig>();
  private readonly failedAt = new Map<string, number>();
  private readonly loadFailures = new Map<string, unknown>();

  constructor(configs: Iterable<RegisterApplicationConfig>) {
    for (const config of configs) this.configs.set(config.name, config);
  }

  /** Record a failure (from the single-spa error handler). */
  recordFailure(appName: string, at = Date.now()): void {
    this.failedAt.set(appName, at);
  }

  /** Load an application's code, unless its last load failed and 重试 has not been pressed since. */
  load<T>(appName: string, loader: () => Promise<T>): Promise<T> {
    if (this.loadFailures.has(appName)) {
      return Promise.reject(new AwaitingRetry(appName, this.loadFailures.get(appName)));
    }
    return loader().catch((error: unknown) => {
      this.loadFailures.set(appName, error);
      throw error;
    });
  }

  async retry(appName: string): Promise<void> {
    this.loadFailures.delete(appName);
    const status = getAppStatus(appName);
    if (status === SKIP_BECAUSE_BROKEN) {
      const config = this.configs.get(appName);
      if (!config) throw new Error(`cannot retry unknown application ${appName}`);
      await unregisterApplication(appName);
      registerApplication(config);
      return;
    }
    if (status === LOAD_ERROR) {
      const elapsed = Date.now() - (this.failedAt.get(appName) ?? 0);
      if (elapsed <= LOAD_RETRY_DELAY_MS) await wait(LOAD_RETRY_DELAY_MS - elapsed + 20);
    }
    await triggerAppChange();
  }
}
