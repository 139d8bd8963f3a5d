import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './config';
import { createLogger, type Logger } from './logger';
import { ormConfig } from './orm/orm-config';
import { AppError, ErrorCode, internalErrorMessage } from './common/errors';
import { systemClock, type Clock, type RequestContext } from './graphql/context';
import { createLoaders } from './graphql/loaders';
import { errorLoggingPlugin, introspectionGuardPlugin } from './graphql/plugins';
import { buildGatewaySchema, createServices } from './graphql/schema';
import { clientIp } from './http/client-ip';
import { readCookie } from './http/cookies';
import type { OpsPrincipalResolver } from './modules/ops/ops-principal';
import { rootFields, accessRuleOf } from './graphql/access';
import { clientErrorsRoute } from './http/client-errors';
import { explorerRoutes } from './http/explorer';
import { devOpsTotpRoute } from './modules/ops/ops-demo-accounts';
import { createHttpServer, sendJson, type RouteHandler } from './http/server';
import { devOutboxRoute } from './modules/account/dev-outbox';
import { uploadRoutes } from './modules/registration/upload.routes';
import { paymentRoutes, runReconcilerOnce, startReconciler } from './modules/payment/payment.module';
import type { ReconcileReport } from './modules/payment/payment.service';
import { FormPdfService, formPdfRoutes } from './modules/registration/form-pdf';
import { LocalDiskStorage } from './modules/registration/storage-provider';
import { PiiProtector } from './modules/account/pii-protector';
import { SESSION_COOKIE } from './modules/account/session.service';
import type { SmsProvider } from './modules/account/sms-provider';

export interface GatewayOptions {
  config: AppConfig;
  logger?: Logger;
  clock?: Clock;
  /** Finds the ops principal of a request; defaults to the ops session cookie (tests inject principals). */
  resolveOpsPrincipal?: OpsPrincipalResolver;
  /** Replaces the local SMS simulator (tests use it to make sending fail). */
  smsProvider?: SmsProvider;
}

export interface Gateway {
  url: string;
  orm: MikroORM;
  /** Stops accepting connections, lets in-flight requests finish (up to the grace period), closes the database pool. */
  stop(): Promise<void>;
  /** One pass of the payment reconciler (tests; the gateway runs it every PAYMENT_RECONCILE_INTERVAL_MS). */
  reconcilePayments(): Promise<ReconcileReport>;
}

export async function startGateway({
  config,
  logger = createLogger(config.logLevel),
  clock = systemClock,
  smsProvider,
  resolveOpsPrincipal,
}: GatewayOptions): Promise<Gateway> {
  const orm = await MikroORM.init(ormConfig(config.databaseUrl, { pool: { min: 0, max: config.databasePoolMax } }));
  const services = createServices({ config, orm, clock, smsProvider });
  const schema = await buildGatewaySchema(services);
  const opsPrincipalOf: OpsPrincipalResolver = resolveOpsPrincipal ?? ((req, ctx) => services.opsSessions.resolvePrincipal(req, ctx));
  const undeclared = rootFields(schema).filter(({ field }) => !accessRuleOf(field));
  if (undeclared.length > 0) {
    // buildGatewaySchema already made them refuse every caller; this says why they do.
    logger.error({ fields: undeclared.map(({ operation, field }) => `${operation} ${field.name}`) }, 'root fields without @Public/@Allow are refused');
  }
  const explorer = explorerRoutes();
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth },
    maxAliases: { n: config.graphql.maxAliases },
    maxTokens: { n: config.graphql.maxTokens },
    costLimit: { maxCost: config.graphql.maxCost },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  /** The context of one request (GraphQL, and the REST routes that need a signed-in caller). */
  const createRequestContext = async (req: IncomingMessage, requestId: string): Promise<RequestContext> => {
    const em = orm.em.fork();
    const ctx: RequestContext = {
      requestId,
      em,
      logger: logger.child({ requestId }),
      clock,
      ip: clientIp(req, config.trustProxyHops),
      userAgent: req.headers['user-agent'],
      viewer: null,
      ops: null,
      loaders: createLoaders(em),
      responseCookies: [],
    };
    const sessionToken = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (sessionToken) {
      try {
        ctx.viewer = await services.sessions.resolveViewer(ctx, sessionToken);
      } catch (err) {
        // Apollo would answer "Context creation failed: <database message>": say nothing of the kind.
        ctx.logger.error({ err }, 'session lookup failed');
        throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, internalErrorMessage, { requestId });
      }
    }
    try {
      ctx.ops = await opsPrincipalOf(req, ctx);
    } catch (err) {
      ctx.logger.error({ err }, 'ops session lookup failed');
      throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, internalErrorMessage, { requestId });
    }
    return ctx;
  };

  const uploads = uploadRoutes(services.uploads, createRequestContext);
  const payments = paymentRoutes(services, createRequestContext, config.graphql.maxBodyBytes);
  // 报名表打印: GET /api/applications/<id>/form.pdf (owner or reviewer of the unit), GET /api/forms/verify (public).
  const forms = formPdfRoutes(
    new FormPdfService({ pii: new PiiProtector(config.pii), storage: new LocalDiskStorage(config.uploads.dir), verifyKey: config.formVerifyKey }),
    createRequestContext,
  );

  let draining = false;
  const routes: Record<string, RouteHandler> = {
    '/healthz': (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 200, { status: 'ok' }),
    '/readyz': async (_req: IncomingMessage, res: ServerResponse) => {
      if (draining) return sendJson(res, 503, { status: 'draining' });
      try {
        const pending = await orm.getMigrator().getPendingMigrations();
        if (pending.length > 0) {
          return sendJson(res, 503, { status: 'migrations-pending', pending: pending.map((m) => m.name) });
        }
        sendJson(res, 200, { status: 'ready' });
      } catch (err) {
        logger.warn({ err }, 'readiness check failed');
        sendJson(res, 503, { status: 'database-unreachable' });
      }
    },
    // Absent, not refused, when disabled: nothing tells a prober that it exists.
    ...(config.devOutboxEnabled ? { '/dev/outbox': devOutboxRoute(orm), '/dev/ops-totp': devOpsTotpRoute(clock) } : {}),
    '/api/client-errors': clientErrorsRoute({ logger, perMinute: config.clientErrors.perMinute, trustProxyHops: config.trustProxyHops }),
    ...explorer.exact,
    ...uploads.exact,
    ...payments.exact,
    ...forms.exact,
  };

  // The HTTP server is created before Apollo so the drain plugin can close it on stop().
  let apollo!: ApolloServer<RequestContext>;
  const httpServer = createHttpServer<RequestContext>({
    logger,
    maxBodyBytes: config.graphql.maxBodyBytes,
    get apollo() {
      return apollo;
    },
    routes,
    prefixRoutes: { ...explorer.prefix, ...uploads.prefix, ...payments.prefix, ...forms.prefix },
    createContext: createRequestContext,
    responseCookies: (ctx) => ctx.responseCookies,
  });

  apollo = new ApolloServer<RequestContext>({
    schema,
    ...armor,
    introspection: true,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    logger,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      errorLoggingPlugin,
      introspectionGuardPlugin((ctx) => ctx.ops !== null),
    ],
  });
  await apollo.start();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;
  logger.info({ url, env: config.env }, 'gateway listening');
  services.paymentSimulator?.setNotifyBaseUrl(config.payment.notifyBaseUrl ?? url);
  const reconcilerDeps = { payment: services.payment, orm, clock, logger };
  const stopReconciler = startReconciler(reconcilerDeps, config.payment.reconcileIntervalMs);

  let stopping: Promise<void> | undefined;
  return {
    url,
    orm,
    reconcilePayments: () => runReconcilerOnce(reconcilerDeps),
    stop() {
      stopping ??= (async () => {
        draining = true;
        stopReconciler();
        services.paymentSimulator?.stop();
        await apollo.stop();
        await orm.close(true);
        logger.info('gateway stopped');
      })();
      return stopping;
    },
  };
}

