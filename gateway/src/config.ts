import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1'));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgres:// URL' }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEV_OUTBOX_ENABLED: booleanFromEnv,
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(10),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).default(15),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(1).default(2_000),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(5_000),
  GRAPHQL_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(256 * 1024),
  PII_ENCRYPTION_KEY: z.string().optional(),
  PII_LOOKUP_KEY: z.string().optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})?$/, { message: 'TRUST_PROXY must be true, false or a number of proxy hops' })
    .optional(),
  SMS_SIMULATOR_MAX_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(300),
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_TIMEOUT_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
});

/**
 * Development-only keys, published here on purpose so a fresh checkout runs without setup. Data
 * encrypted with them is not protected; a production process refuses to start with them.
 */
export const DEV_PII_ENCRYPTION_KEY = 'Ce6CQIlfXfLkvlZdBnPtrWlwUMi/tbdagR833/hIjYc=';
export const DEV_PII_LOOKUP_KEY = 'JDM9QevDVPCZnwMvSliVPP2EfyZzql7l/fi57Xb++EY=';

export type AppConfig = {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  databaseUrl: string;
  databasePoolMax: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  devOutboxEnabled: boolean;
  shutdownGraceMs: number;
  graphql: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxBodyBytes: number };
  pii: {
    /** AES-256-GCM key for ID and phone numbers at rest. */
    encryptionKey: Buffer;
    /** HMAC-SHA256 key for the lookup columns (exact match without decrypting) and one-time-code hashes. */
    lookupKey: Buffer;
  };
  /** How many reverse proxies in front of the gateway append to X-Forwarded-For; 0 trusts none. */
  trustProxyHops: number;
  sms: { simulatorMaxDelayMs: number };
  session: { idleTimeoutMs: number; absoluteTimeoutMs: number; secureCookie: boolean };
  login: { ipMaxFailures: number };
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid gateway configuration: ${problems}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const devOutboxEnabled = e.DEV_OUTBOX_ENABLED ?? !isProduction;
  // The outbox exposes SMS codes and captcha answers: a production process must never serve it.
  if (isProduction && devOutboxEnabled) {
    throw new ConfigError('DEV_OUTBOX_ENABLED must not be true when NODE_ENV=production');
  }
  return {
    env: e.NODE_ENV,
    host: e.GATEWAY_HOST,
    port: e.GATEWAY_PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    logLevel: e.LOG_LEVEL,
    devOutboxEnabled,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    graphql: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxCost: e.GRAPHQL_MAX_COST,
      maxBodyBytes: e.GRAPHQL_MAX_BODY_BYTES,
    },
    pii: piiKeys(e.PII_ENCRYPTION_KEY, e.PII_LOOKUP_KEY, isProduction),
    trustProxyHops: e.TRUST_PROXY === 'true' ? 1 : e.TRUST_PROXY === 'false' || !e.TRUST_PROXY ? 0 : Number(e.TRUST_PROXY),
    sms: { simulatorMaxDelayMs: e.SMS_SIMULATOR_MAX_DELAY_MS },
    session: {
      idleTimeoutMs: e.SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
      absoluteTimeoutMs: e.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3_600_000,
      // Development runs over plain http://127.0.0.1, where a Secure cookie would never be sent back.
      secureCookie: isProduction,
    },
    login: { ipMaxFailures: e.LOGIN_IP_MAX_FAILURES },
  };
}

function decodeKey(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value) {
    throw new ConfigError(`${name} must be 32 bytes encoded as base64 (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

function piiKeys(encryption: string | undefined, lookup: string | undefined, isProduction: boolean): AppConfig['pii'] {
  if (isProduction) {
    if (!encryption || !lookup) throw new ConfigError('PII_ENCRYPTION_KEY and PII_LOOKUP_KEY are required when NODE_ENV=production');
    if (encryption === DEV_PII_ENCRYPTION_KEY || lookup === DEV_PII_LOOKUP_KEY) {
      throw new ConfigError('the development PII keys are public and must not be used when NODE_ENV=production');
    }
  }
  const encryptionKey = decodeKey('PII_ENCRYPTION_KEY', encryption || DEV_PII_ENCRYPTION_KEY);
  const lookupKey = decodeKey('PII_LOOKUP_KEY', lookup || DEV_PII_LOOKUP_KEY);
  // One key for both jobs would let a leak of the lookup key (needed by every lookup) also decrypt.
  if (encryptionKey.equals(lookupKey)) throw new ConfigError('PII_ENCRYPTION_KEY and PII_LOOKUP_KEY must differ');
  return { encryptionKey, lookupKey };
}
