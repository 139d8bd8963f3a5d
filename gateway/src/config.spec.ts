import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://u@localhost:5432/db' };

describe('loadConfig', () => {
  it('applies defaults and turns the dev outbox on outside production', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(4000);
    expect(c.env).toBe('development');
    expect(c.devOutboxEnabled).toBe(true);
    expect(c.graphql.maxDepth).toBe(10);
  });

  it('keeps the outbox off in production and refuses to start with it on', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).devOutboxEnabled).toBe(false);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', DEV_OUTBOX_ENABLED: 'true' })).toThrow(ConfigError);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'nope', GATEWAY_PORT: '70000' })).toThrow(/DATABASE_URL.*GATEWAY_PORT|GATEWAY_PORT.*DATABASE_URL/);
  });
});
