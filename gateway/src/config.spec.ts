import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_PII_ENCRYPTION_KEY, DEV_PII_LOOKUP_KEY, loadConfig, throwawayProductionSecrets } from './config';

const base = { DATABASE_URL: 'postgres://u@localhost:5432/db' };
const productionKeys = throwawayProductionSecrets();
const production = { ...base, ...productionKeys, NODE_ENV: 'production' };

describe('loadConfig', () => {
  it('applies defaults and turns the dev outbox on outside production', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(4000);
    expect(c.env).toBe('development');
    expect(c.devOutboxEnabled).toBe(true);
    expect(c.graphql.maxDepth).toBe(10);
  });

  it('keeps the outbox off in production and refuses to start with it on', () => {
    expect(loadConfig(production).devOutboxEnabled).toBe(false);
    expect(() => loadConfig({ ...production, DEV_OUTBOX_ENABLED: 'true' })).toThrow(ConfigError);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'nope', GATEWAY_PORT: '70000' })).toThrow(/DATABASE_URL.*GATEWAY_PORT|GATEWAY_PORT.*DATABASE_URL/);
  });
});

describe('PII keys', () => {
  it('fall back to the published development keys outside production', () => {
    const c = loadConfig(base);
    expect(c.pii.encryptionKey.toString('base64')).toBe(DEV_PII_ENCRYPTION_KEY);
    expect(c.pii.lookupKey.toString('base64')).toBe(DEV_PII_LOOKUP_KEY);
    expect(loadConfig({ ...base, ...productionKeys }).pii.encryptionKey.toString('base64')).toBe(productionKeys.PII_ENCRYPTION_KEY);
  });

  it('are required in production, and the development ones are refused there', () => {
    expect(() => loadConfig({ ...production, PII_ENCRYPTION_KEY: '' })).toThrow(/PII_ENCRYPTION_KEY and PII_LOOKUP_KEY are required/);
    expect(() => loadConfig({ ...production, PII_LOOKUP_KEY: undefined })).toThrow(/required/);
    expect(() => loadConfig({ ...production, PII_ENCRYPTION_KEY: DEV_PII_ENCRYPTION_KEY })).toThrow(/development PII keys/);
    expect(() => loadConfig({ ...production, PII_LOOKUP_KEY: DEV_PII_LOOKUP_KEY })).toThrow(/development PII keys/);
  });

  it('must be 32 bytes of base64 and differ from each other', () => {
    expect(() => loadConfig({ ...base, PII_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/PII_ENCRYPTION_KEY must be 32 bytes/);
    expect(() => loadConfig({ ...base, PII_LOOKUP_KEY: 'not base64 at all!' })).toThrow(/PII_LOOKUP_KEY must be 32 bytes/);
    const same = randomBytes(32).toString('base64');
    expect(() => loadConfig({ ...base, PII_ENCRYPTION_KEY: same, PII_LOOKUP_KEY: same })).toThrow(/must differ/);
  });
});

describe('sessions, proxies and login limits', () => {
  it('marks the session cookie Secure in production only', () => {
    expect(loadConfig(base).session.secureCookie).toBe(false);
    expect(loadConfig(production).session.secureCookie).toBe(true);
    expect(loadConfig(base).session).toMatchObject({ idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 });
  });

  it('trusts no proxy by default; true means one hop, a number that many', () => {
    expect(loadConfig(base).trustProxyHops).toBe(0);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxyHops).toBe(0);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('reads the SMS simulator delay and the per-client login limit', () => {
    expect(loadConfig(base).sms.simulatorMaxDelayMs).toBe(300);
    expect(loadConfig({ ...base, SMS_SIMULATOR_MAX_DELAY_MS: '0' }).sms.simulatorMaxDelayMs).toBe(0);
    expect(loadConfig({ ...base, LOGIN_IP_MAX_FAILURES: '7' }).login.ipMaxFailures).toBe(7);
  });

  it('gives ops staff a shorter idle timeout and a stricter client lock than candidates, Secure in production', () => {
    expect(loadConfig(base).ops).toEqual({ session: { idleTimeoutMs: 15 * 60_000, absoluteTimeoutMs: 8 * 3_600_000, secureCookie: false }, ipMaxFailures: 20 });
    expect(loadConfig(production).ops.session.secureCookie).toBe(true);
    expect(loadConfig({ ...base, OPS_SESSION_IDLE_TIMEOUT_MINUTES: '5', OPS_LOGIN_IP_MAX_FAILURES: '3' }).ops).toMatchObject({ session: { idleTimeoutMs: 5 * 60_000 }, ipMaxFailures: 3 });
    expect(loadConfig(base).clientErrors.perMinute).toBe(30);
    expect(() => loadConfig({ ...base, OPS_SESSION_IDLE_TIMEOUT_MINUTES: '0' })).toThrow(/OPS_SESSION_IDLE_TIMEOUT_MINUTES/);
  });
});
