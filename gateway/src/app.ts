import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from './config';
import { createLogger, type Logger } from './logger';
import { ormConfig } from './orm/orm-config';
import { AppError, ErrorCode, internalErrorMessage } from './common/errors';
import { enableAsyncContextOnDemand } from './common/async-context-on-demand';
import { systemClock, type Clock, type RequestContext } from './graphql/context';
import { createLoaders, type Loaders } from './graphql/loaders';
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
import { wechatRoutes } from './modules/account/wechat.routes';
import { uploadRoutes } from './modules/registration/upload.routes';
import { identityRoutes } from './modules/identity/identity.module';
import { paymentRoutes, runReconcilerOnce, startReconciler } from './modules/payment/payment.module';
import type { ReconcileReport } from './modules/payment/payment.service';
import { FormPdfService, formPdfRoutes } from './modules/registration/form-pdf';
import { LocalDiskStorage } from './modules/registration/storage-provider';
import { PiiProtector } from './modules/account/pii-protector';
import { SESSION_COOKIE } from './modules/account/session.service';
import { exportRoutes } from './modules/admin/export.routes';
import type { SmsProvider } from './modules/account/sms-provider';
import { PublicDataListener } from './modules/exam/public-data-cache';
import { PublicResponseCache, publicResponsePlugin } from './graphql/public-response-cache';
import { FRESH_READS_COOKIE, freshReadsCookie, ViewerResponseCache, viewerResponsePlugin } from './graphql/viewer-response-cache';
import { OPS_SESSION_COOKIE } from './modules/ops/ops-session.service';

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
  enableAsyncContextOnDemand();
  const orm = await MikroORM.init(ormConfig(config.databaseUrl, { pool: { min: 0, max: config.databasePoolMax } }));
  const services = createServices({ config, orm, clock, smsProvider });
  // Serves published exam data (and reuses session lookups) from memory once it listens for PostgreSQL's notifications.
  // A signed-in candidate's 报名状态, answered from memory until their data changes (notified by the same listener).
  const viewerResponses = new ViewerResponseCache(services.publicData, clock, config.viewerCacheTtlMs);
  const publicDataListener = new PublicDataListener({
    databaseUrl: config.databaseUrl,
    cache: services.publicData,
    sessions: services.sessionCache,
    onCandidateDataChanged: (accountId) => viewerResponses.changed(accountId),
    logger,
  });
  await publicDataListener.start();
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
    // The EntityManager fork, the DataLoaders and the child logger are made on first use: an anonymous
    // read served from the public data cache needs none of them.
    let em: EntityManager | undefined;
    let loaders: Loaders | undefined;
    let requestLogger: Logger | undefined;
    const ctx: RequestContext = {
      requestId,
      get em() {
        return (em ??= orm.em.fork());
      },
      db: orm.em,
      get logger() {
        return (requestLogger ??= logger.child({ requestId }));
      },
      clock,
      ip: clientIp(req, config.trustProxyHops),
      userAgent: req.headers['user-agent'],
      viewer: null,
      ops: null,
      get loaders() {
        return (loaders ??= createLoaders(this.em, services.publicData));
      },
      responseCookies: [],
      cookieHeader: req.headers.cookie,
    };
    const sessionToken = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (sessionToken) {
      try {
        ctx.viewer = await services.sessions.resolveViewer(ctx, sessionToken);
      } catch (err) {
        if (err instanceof AppError && err.extensions.code === ErrorCode.SERVICE_BUSY) throw err;
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
  const identity = identityRoutes(services, createRequestContext);
  // 报名表打印: GET /api/applications/<id>/form.pdf (owner or reviewer of the unit), GET /api/forms/verify (public).
  const forms = formPdfRoutes(
    new FormPdfService({ pii: new PiiProtector(config.pii), storage: new LocalDiskStorage(config.uploads.dir), verifyKey: config.formVerifyKey }),
    createRequestContext,
  );
  // 导出: GET /api/ops/exports/applications.csv (reviewers of the unit, admins).
  const exportsRoutes = exportRoutes(services.applicationReports, createRequestContext);

  // 微信扫码登录: POST /api/wechat/callback (signed by the provider), the simulator's phone page /api/wechat-sim/t/<ticket>.
  const wechat = wechatRoutes(services, createRequestContext);

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
    ...identity.exact,
    ...forms.exact,
    ...wechat.exact,
    ...exportsRoutes.exact,
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
    prefixRoutes: { ...explorer.prefix, ...uploads.prefix, ...payments.prefix, ...forms.prefix, ...wechat.prefix },
    createContext: createRequestContext,
    responseCookies: (ctx) => ctx.responseCookies,
    publicResponses: new PublicResponseCache(services.publicData, clock),
    viewerResponses: {
      cache: viewerResponses,
      mayLookup: (cookies) =>
        readCookie(cookies, SESSION_COOKIE) !== undefined && readCookie(cookies, FRESH_READS_COOKIE) === undefined && readCookie(cookies, OPS_SESSION_COOKIE) === undefined,
      accountOf: (ctx) => (ctx.viewer && ctx.ops === null && ctx.responseCookies.length === 0 ? ctx.viewer.id : null),
      freshReadsCookieFor: (cookies) => (readCookie(cookies, SESSION_COOKIE) !== undefined ? freshReadsCookie(config.session.secureCookie) : null),
    },
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
      // No cache hints are used (responses are `no-store`); the default plugin's per-field hook costs
      // ~5% of a public read and makes Apollo wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      errorLoggingPlugin,
      introspectionGuardPlugin((ctx) => ctx.ops !== null),
      publicResponsePlugin,
      viewerResponsePlugin(viewerResponses, config.session.secureCookie),
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
  services.wechatSimulator?.setCallbackBaseUrl(url);
  services.identitySimulator?.setCallbackBaseUrl(url);
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
        await publicDataListener.stop();
        await orm.close(true);
        logger.info('gateway stopped');
      })();
      return stopping;
    },
  };
}

