import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startGateway, type Gateway } from '../src/app';
import { loadConfig, type AppConfig } from '../src/config';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock, RequestContext } from '../src/graphql/context';
import type { OpsPrincipal } from '../src/modules/ops/ops-principal';
import { createLoaders } from '../src/graphql/loaders';
import { createLogger } from '../src/logger';
import type { SmsProvider } from '../src/modules/account/sms-provider';
import { createDatabase, dropDatabase, withDatabase } from '../src/orm/database-admin';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `ccap_t_${randomBytes(6).toString('hex')}`;
  await createDatabase(adminUrl, name, inject('templateDatabase'));
  return { name, url: withDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

export class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestGateway extends Gateway {
  database: TestDatabase;
  config: AppConfig;
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, any> }> } }>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  clock?: Clock;
  env?: Record<string, string>;
  /** Another gateway's database: two processes sharing one PostgreSQL. Only its owner drops it. */
  database?: TestDatabase;
  smsProvider?: SmsProvider;
  /**
   * Ops principals by test token: a request with header `x-test-ops: <token>` acts as that principal.
   * Only tests inject this resolver; the gateway itself knows no such header.
   */
  opsPrincipals?: Record<string, OpsPrincipal>;
}

export const TEST_OPS_HEADER = 'x-test-ops';

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    GATEWAY_PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    SMS_SIMULATOR_MAX_DELAY_MS: '0',
    ...options.env,
  });
  const gateway = await startGateway({
    config,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    clock: options.clock,
    smsProvider: options.smsProvider,
    resolveOpsPrincipal: options.opsPrincipals
      ? async (req) => options.opsPrincipals![String(req.headers[TEST_OPS_HEADER] ?? '')] ?? null
      : undefined,
  });
  return {
    ...gateway,
    database,
    config,
    async graphql(query, variables, headers = {}) {
      const res = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as any };
    },
    async close() {
      await gateway.stop();
      if (ownsDatabase) await database.drop();
    },
  };
}

/** A request context for calling services directly (unit specs against the real database). */
export function testContext(orm: MikroORM, clock: Clock, overrides: Partial<RequestContext> = {}): RequestContext {
  const em = orm.em.fork();
  return {
    requestId: randomBytes(8).toString('hex'),
    em,
    db: orm.em,
    logger: createLogger('silent'),
    clock,
    ip: '203.0.113.10',
    userAgent: 'vitest',
    viewer: null,
    ops: null,
    loaders: createLoaders(em),
    responseCookies: [],
    ...overrides,
  };
}
