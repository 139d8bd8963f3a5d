import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './config';
import { createLogger, type Logger } from './logger';
import { ormConfig } from './orm/orm-config';
import { systemClock, type Clock, type RequestContext } from './graphql/context';
import { createLoaders } from './graphql/loaders';
import { errorLoggingPlugin, introspectionGuardPlugin } from './graphql/plugins';
import { buildGatewaySchema, createServices } from './graphql/schema';
import { createHttpServer, sendJson } from './http/server';

export interface GatewayOptions {
  config: AppConfig;
  logger?: Logger;
  clock?: Clock;
}

export interface Gateway {
  url: string;
  orm: MikroORM;
  /** Stops accepting connections, lets in-flight requests finish (up to the grace period), closes the database pool. */
  stop(): Promise<void>;
}

function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

export async function startGateway({ config, logger = createLogger(config.logLevel), clock = systemClock }: GatewayOptions): Promise<Gateway> {
  const orm = await MikroORM.init(ormConfig(config.databaseUrl, { pool: { min: 0, max: config.databasePoolMax } }));
  const services = createServices();
  const schema = await buildGatewaySchema(services);
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth },
    maxAliases: { n: config.graphql.maxAliases },
    maxTokens: { n: config.graphql.maxTokens },
    costLimit: { maxCost: config.graphql.maxCost },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  let draining = false;
  const routes = {
    '/healthz': (_req: IncomingMessage, res: import('node:http').ServerResponse) => sendJson(res, 200, { status: 'ok' }),
    '/readyz': async (_req: IncomingMessage, res: import('node:http').ServerResponse) => {
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
    createContext: async (req, requestId) => {
      const em = orm.em.fork();
      return {
        requestId,
        em,
        logger: logger.child({ requestId }),
        clock,
        ip: clientIp(req),
        userAgent: req.headers['user-agent'],
        viewer: null,
        loaders: createLoaders(em),
      };
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
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      errorLoggingPlugin,
      introspectionGuardPlugin(() => false),
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

  let stopping: Promise<void> | undefined;
  return {
    url,
    orm,
    stop() {
      stopping ??= (async () => {
        draining = true;
        await apollo.stop();
        await orm.close(true);
        logger.info('gateway stopped');
      })();
      return stopping;
    },
  };
}

