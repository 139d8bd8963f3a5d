import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { GroupLimits } from './common/group-runner';

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
  VIEWER_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
  GROUP_COMMIT_MAX: z.coerce.number().int().min(1).max(500).default(64),
  GROUP_COMMIT_MAX_WAITING: z.coerce.number().int().min(1).default(1024),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
  UPLOAD_DIR: z.string().min(1).default('.data/uploads'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(64 * 1024).max(50 * 1024 * 1024).default(5 * 1024 * 1024),
  UPLOAD_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  IMAGE_REENCODE_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  FORM_VERIFY_KEY: z.string().optional(),
  WECHAT_LOGIN_SIMULATOR_ENABLED: booleanFromEnv,
  WECHAT_CALLBACK_KEY: z.string().optional(),
  WECHAT_TICKET_TTL_SECONDS: z.coerce.number().int().min(30).max(600).default(120),
  OPS_SESSION_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  OPS_SESSION_ABSOLUTE_TIMEOUT_HOURS: z.coerce.number().int().min(1).default(8),
  OPS_LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(20),
  CLIENT_ERROR_REPORTS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  PAYMENT_ORDER_TTL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  PAYMENT_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  PAYMENT_QUERY_AFTER_SECONDS: z.coerce.number().int().min(0).default(60),
  PAYMENT_SIMULATOR_ENABLED: booleanFromEnv,
  PAYMENT_SIM_PRIVATE_KEY: z.string().optional(),
  PAYMENT_SIM_MERCHANT_ID: z.string().min(1).max(32).default('CCAP-SIM-0001'),
  PAYMENT_SIM_NOTIFY_SCHEDULE_MS: z.string().regex(/^\d+(,\d+)*$/, { message: 'comma-separated delays in ms' }).optional(),
  PAYMENT_NOTIFY_BASE_URL: z.string().url().optional(),
  IDENTITY_SIMULATOR_ENABLED: booleanFromEnv,
  IDENTITY_SIM_CALLBACK_KEY: z.string().optional(),
  IDENTITY_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
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
  /** How long a candidate's own-application answer may be reused (graphql/viewer-response-cache.ts); 0 turns the cache off. */
  viewerCacheTtlMs: number;
  /**
   * 提交, 生成订单 and payment notifications (common/group-runner.ts): at most `maxGroup` share one
   * transaction (1 turns group commit off), at most `maxWaiting` of a kind wait (more are refused as busy;
   * `maxWaiting` bounds session lookups too).
   */
  groupCommit: GroupLimits;
  login: { ipMaxFailures: number };
  /** Photos and 证明材料 (POST /api/uploads): private directory, size cap, lifetime of an upload token. */
  uploads: { dir: string; maxBytes: number; tokenTtlMs: number; reencodeWorkers: number };
  /** HMAC key of the 校验码 printed on 报名表 PDFs (modules/registration/form-pdf.ts). */
  formVerifyKey: Buffer;
  /** 微信扫码登录 (modules/account/wechat-*.ts): ticket lifetime, HMAC key of the provider's callback, local simulator. */
  wechat: { ticketTtlMs: number; callbackKey: Buffer; simulatorEnabled: boolean };
  /** Ops staff (explorer): own cookie, shorter idle timeout, stricter client lock than candidates. */
  ops: { session: { idleTimeoutMs: number; absoluteTimeoutMs: number; secureCookie: boolean }; ipMaxFailures: number };
  /** POST /api/client-errors: reports accepted per client address and minute. */
  clientErrors: { perMinute: number };
  /** 网上缴费: order lifetime, reconciler, local payment simulator (modules/payment). */
  payment: {
    orderTtlMs: number;
    /** 0: the reconciler does not run in this process (tests start it themselves). */
    reconcileIntervalMs: number;
    /** A PENDING order without notification is actively queried after this long. */
    queryAfterMs: number;
    simulator: {
      enabled: boolean;
      /** PEM (or base64 of PEM) RSA private key; generated at startup when absent. */
      privateKeyPem: string | null;
      merchantId: string;
      /** Delays before each notification attempt (WeChat Pay style, fast outside production). */
      notifyScheduleMs: number[];
    };
    /** Where the simulator POSTs notifications; defaults to the gateway's own URL. */
    notifyBaseUrl: string | null;
  };
  /** 实名认证 (modules/identity): lifetime of a 支付宝扫码 attempt, local 支付宝 simulator. */
  identity: {
    sessionTtlMs: number;
    /** HMAC key the simulator signs its callbacks with (random per process when unset). */
    simulator: { enabled: boolean; callbackKey: Buffer };
  };
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
    viewerCacheTtlMs: e.VIEWER_CACHE_TTL_SECONDS * 1000,
    groupCommit: { maxGroup: e.GROUP_COMMIT_MAX, maxWaiting: e.GROUP_COMMIT_MAX_WAITING },
    login: { ipMaxFailures: e.LOGIN_IP_MAX_FAILURES },
    // Relative to the working directory (gateway/ under npm start): outside any web root either way.
    uploads: {
      dir: resolve(e.UPLOAD_DIR),
      maxBytes: e.UPLOAD_MAX_BYTES,
      tokenTtlMs: e.UPLOAD_TOKEN_TTL_SECONDS * 1000,
      reencodeWorkers: e.IMAGE_REENCODE_WORKERS ?? Math.max(1, availableParallelism() - 1),
    },
    formVerifyKey: formVerifyKey(e.FORM_VERIFY_KEY, isProduction),
    wechat: {
      ticketTtlMs: e.WECHAT_TICKET_TTL_SECONDS * 1000,
      callbackKey: decodeKey('WECHAT_CALLBACK_KEY', e.WECHAT_CALLBACK_KEY || DEV_WECHAT_CALLBACK_KEY),
      simulatorEnabled: e.WECHAT_LOGIN_SIMULATOR_ENABLED ?? !isProduction,
    },
    ops: {
      session: {
        idleTimeoutMs: e.OPS_SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
        absoluteTimeoutMs: e.OPS_SESSION_ABSOLUTE_TIMEOUT_HOURS * 3_600_000,
        secureCookie: isProduction,
      },
      ipMaxFailures: e.OPS_LOGIN_IP_MAX_FAILURES,
    },
    clientErrors: { perMinute: e.CLIENT_ERROR_REPORTS_PER_MINUTE },
    payment: {
      orderTtlMs: e.PAYMENT_ORDER_TTL_MINUTES * 60_000,
      reconcileIntervalMs: e.PAYMENT_RECONCILE_INTERVAL_MS ?? (e.NODE_ENV === 'test' ? 0 : 10_000),
      queryAfterMs: e.PAYMENT_QUERY_AFTER_SECONDS * 1000,
      simulator: {
        enabled: e.PAYMENT_SIMULATOR_ENABLED ?? !isProduction,
        privateKeyPem: e.PAYMENT_SIM_PRIVATE_KEY ? decodePem(e.PAYMENT_SIM_PRIVATE_KEY) : null,
        merchantId: e.PAYMENT_SIM_MERCHANT_ID,
        notifyScheduleMs: (
          e.PAYMENT_SIM_NOTIFY_SCHEDULE_MS ??
          (isProduction
            ? '0,15000,15000,30000,180000,600000,1200000,1800000,1800000,1800000,3600000'
            : e.NODE_ENV === 'test'
              ? '0,50,100,200,400'
              : '0,1000,2000,5000,15000,30000,60000')
        )
          .split(',')
          .map(Number),
      },
      notifyBaseUrl: e.PAYMENT_NOTIFY_BASE_URL ?? null,
    },
    identity: {
      sessionTtlMs: e.IDENTITY_SESSION_TTL_SECONDS * 1000,
      simulator: {
        enabled: e.IDENTITY_SIMULATOR_ENABLED ?? !isProduction,
        callbackKey: e.IDENTITY_SIM_CALLBACK_KEY ? decodeKey('IDENTITY_SIM_CALLBACK_KEY', e.IDENTITY_SIM_CALLBACK_KEY) : randomBytes(32),
      },
    },
  };
}

function decodePem(value: string): string {
  return value.includes('-----BEGIN') ? value : Buffer.from(value, 'base64').toString('utf8');
}

function decodeKey(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value) {
    throw new ConfigError(`${name} must be 32 bytes encoded as base64 (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

/** The PII keys alone, with the gateway's rules: for jobs (migrations) that need nothing else of the configuration. */
export function loadPiiKeys(env: NodeJS.ProcessEnv = process.env): AppConfig['pii'] {
  return piiKeys(env.PII_ENCRYPTION_KEY, env.PII_LOOKUP_KEY, env.NODE_ENV === 'production');
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

/** Development-only, published like the PII keys; production requires its own FORM_VERIFY_KEY. */
export const DEV_FORM_VERIFY_KEY = 'Z0qRN0JthcWT44toRF4rwL+hRIGC+WtOS01FTV7Uv1E=';

/** Development-only key the WeChat login simulator signs its callbacks with. */
export const DEV_WECHAT_CALLBACK_KEY = 'izapIDJ2NcaEGZlqQFXo39sajnrwEIfdhWu8XKAnhYw=';

function formVerifyKey(value: string | undefined, isProduction: boolean): Buffer {
  if (isProduction && (!value || value === DEV_FORM_VERIFY_KEY)) {
    throw new ConfigError('FORM_VERIFY_KEY (32 random bytes, base64) is required when NODE_ENV=production and must not be the development key');
  }
  return decodeKey('FORM_VERIFY_KEY', value || DEV_FORM_VERIFY_KEY);
}

/**
 * The secrets a production process refuses to start without, freshly random: for tests and
 * benchmarks of production behaviour, whose data is thrown away with its keys.
 */
export function throwawayProductionSecrets(): Record<string, string> {
  const key = () => randomBytes(32).toString('base64');
  return { PII_ENCRYPTION_KEY: key(), PII_LOOKUP_KEY: key(), FORM_VERIFY_KEY: key() };
}
