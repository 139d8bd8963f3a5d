import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startGateway, type Gateway } from '../src/app';
import { loadConfig, type AppConfig } from '../src/config';
import type { Clock } from '../src/graphql/context';
import { createLogger } from '../src/logger';
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
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, any> }> } }>;
  close(): Promise<void>;
}

export async function startTestGateway(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestGateway> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', GATEWAY_PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: database.url, ...options.env });
  const gateway = await startGateway({ config, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), clock: options.clock });
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
      return { status: res.status, body: (await res.json()) as any };
    },
    async close() {
      await gateway.stop();
      await database.drop();
    },
  };
}
