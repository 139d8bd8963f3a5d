import pg from 'pg';
import type { Logger } from '../../logger';
import { SESSION_REVOKED_CHANNEL, type SessionCache } from '../account/session-cache';
import { CANDIDATE_DATA_CHANNEL } from '../../graphql/viewer-response-cache';

export const PUBLIC_DATA_CHANNEL = 'public_data_changed';

interface Entry {
  value: Promise<unknown>;
  tables: readonly string[];
}

/**
 * In-process cache of published exam data (exam list, province tables, notices, materials, fees),
 * invalidated across processes by PostgreSQL: statement triggers on the public tables send
 * `pg_notify('public_data_changed', <table>)` (migration …_public_data_notify), and
 * {@link PublicDataListener} drops the entries built from that table.
 *
 * It serves from memory only while the listener is connected and listening: before that, after a
 * connection loss and until LISTEN is back (notifications may have been missed, so everything is
 * dropped), every read goes to the database as if there were no cache.
 *
 * Values are shared by every request: callers must treat them as read-only. Nothing derived from
 * the clock is cached (registrationOpen is computed per request from the cached windows).
 */
export class PublicDataCache {
  private readonly entries = new Map<string, Entry>();
  private readonly changeListeners: Array<() => void> = [];
  private active = false;

  /** `listener` runs on every invalidation, activation and deactivation (caches built on this data drop theirs). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  get isActive(): boolean {
    return this.active;
  }

  /** The cached value of `key`, or `load()`'s (cached when active; a failed load is not kept). */
  get<T>(key: string, tables: readonly string[], load: () => Promise<T>): Promise<T> {
    if (!this.active) return load();
    const hit = this.entries.get(key);
    if (hit) return hit.value as Promise<T>;
    // The promise is stored before the query runs: an invalidation arriving while it runs removes
    // it, and the next reader queries again (after the commit that notified).
    const value = load();
    const entry: Entry = { value, tables };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Drops every entry built from `table`. */
  invalidate(table: string): void {
    for (const [key, entry] of this.entries) if (entry.tables.includes(table)) this.entries.delete(key);
    this.changed();
  }

  /** Serve from memory from now on (the listener is listening); starts empty. */
  activate(): void {
    this.entries.clear();
    this.active = true;
    this.changed();
  }

  /** Stop serving from memory (connection lost, or shutting down). */
  deactivate(): void {
    this.active = false;
    this.entries.clear();
    this.changed();
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface PublicDataListenerOptions {
  databaseUrl: string;
  cache: PublicDataCache;
  /** Session lookups cached in this process: served only while listening, dropped when a revocation is notified. */
  sessions?: SessionCache;
  /** Told the account id of every candidate whose application data changed (the viewer response cache). */
  onCandidateDataChanged?: (accountId: string) => void;
  logger: Logger;
  /** First reconnect delay; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * One dedicated connection per process that LISTENs on `public_data_changed` and `session_revoked`
 * (pooled connections cannot: LISTEN belongs to a session). Reconnects with backoff; the cache is inactive (reads go to
 * the database) while it is down.
 */
export class PublicDataListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private delay: number;

  constructor(private readonly options: PublicDataListenerOptions) {
    this.delay = options.retryMs ?? 250;
  }

  /** Resolves once listening, or after the first failed attempt (then it keeps retrying in the background). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const { cache, sessions, logger } = this.options;
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'ccap-public-data-listener' });
    this.client = client;
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      cache.deactivate();
      sessions?.deactivate();
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      if (this.client === client) this.client = undefined;
      if (this.stopped) return;
      logger.warn({ err }, 'public data listener lost its connection; public data is read from the database until it is back');
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === PUBLIC_DATA_CHANNEL && message.payload) cache.invalidate(message.payload);
      else if (message.channel === SESSION_REVOKED_CHANNEL && message.payload) sessions?.revoked(message.payload);
      else if (message.channel === CANDIDATE_DATA_CHANNEL && message.payload) this.options.onCandidateDataChanged?.(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PUBLIC_DATA_CHANNEL}; LISTEN ${SESSION_REVOKED_CHANNEL}; LISTEN ${CANDIDATE_DATA_CHANNEL}`);
      if (lost || this.stopped) return;
      this.delay = this.options.retryMs ?? 250;
      cache.activate();
      sessions?.activate();
    } catch (err) {
      onLost(err as Error);
    }
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.stopped) return;
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxRetryMs ?? 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  /** The listening connection's backend pid (tests terminate it to simulate a lost connection). */
  async backendPid(): Promise<number | undefined> {
    const rows = await this.client?.query<{ pid: number }>('select pg_backend_pid() as pid');
    return rows?.rows[0]?.pid;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.options.cache.deactivate();
    this.options.sessions?.deactivate();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
