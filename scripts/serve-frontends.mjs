#!/usr/bin/env node
// Serve an environment (scripts/environment.mjs) after publishing the current builds into it:
// - the shell origin: /importmap.json (the environment's, read on every request), the deployed shell
//   release's index.html for every page, the shared libraries, the platform, and the gateway proxy;
// - each micro-frontend on its own origin, serving only its own artifact folders, with CORS for the
//   portal's origin.
//
//   import { startFrontends } from './serve-frontends.mjs'
//   const fe = await startFrontends({ ports: { shell: 8080 }, gatewayUrl: 'http://127.0.0.1:4000' })
//   fe.urls.shell            // http://localhost:8080
//   await fe.stop('mf-exam') // simulate an outage; fe.start('mf-exam') brings it back
//   await fe.close()
//
//   node scripts/serve-frontends.mjs [--gateway URL] [--env-dir DIR]
//   env: SHELL_PORT MF_ACCOUNT_PORT MF_EXAM_PORT MF_PAYMENT_PORT GATEWAY_URL FRONTEND_HOST
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { environmentDir, indexHtmlPath, openEnvironment, prepareLocalEnvironment, readImportMap } from './environment.mjs';
import { DEFAULT_PORTS, MICRO_FRONTENDS, portsFromEnv, repoRoot } from './importmap.mjs';
import { DEFAULT_PROXY_PREFIXES, startStaticServer } from './static-server.mjs';

/** What the shell origin serves from the artifacts; everything else there is a micro-frontend's. */
const SHELL_PREFIXES = Object.freeze(['/libs/', '/platform/', '/mf-shell/']);

/**
 * @typedef {{
 *   envDir?: string,
 *   ports?: Partial<Record<'shell' | 'mf-account' | 'mf-exam' | 'mf-payment', number>>,
 *   gatewayUrl?: string,
 *   host?: string,
 *   bindHost?: string,
 *   root?: string,
 *   onRequest?: (entry: { server: string, method: string, path: string, status: number }) => void,
 *   log?: (line: string) => void,
 * }} FrontendsOptions
 *   envDir: the environment to serve (default .data/deploy/local); the workspaces' builds are published into it.
 *   ports: per server; 0 picks a free port (default 8080–8083).
 *   gatewayUrl: where the shell proxies /graphql, /api/, /dev/, /healthz, /readyz, /explorer (default http://127.0.0.1:4000).
 *   host: host name used in URLs and in the import map (default localhost).
 *   bindHost: interface to listen on (default 127.0.0.1).
 *   root: repository root whose builds are published (default: this repository).
 *   onRequest: every response of every server, once sent (tests count what the browser fetched).
 */

/**
 * @param {FrontendsOptions} [options]
 */
export async function startFrontends(options = {}) {
  const {
    envDir = environmentDir('local'),
    gatewayUrl = 'http://127.0.0.1:4000',
    host = 'localhost',
    bindHost = '127.0.0.1',
    root = repoRoot,
    onRequest,
    log = () => {},
  } = options;
  const ports = { ...DEFAULT_PORTS, ...(options.ports ?? {}) };
  const env = openEnvironment(envDir);
  const requestLog = (server) => (onRequest ? (entry) => onRequest({ server, ...entry }) : undefined);

  /** @type {Map<string, Awaited<ReturnType<typeof startStaticServer>>>} */
  const servers = new Map();
  /** @type {Record<string, string>} */
  const urls = {};
  /** @type {Record<string, number>} */
  const actualPorts = {};
  /** @type {string[]} */
  let portalOrigins = [];

  async function startMf(mf) {
    if (servers.has(mf)) return servers.get(mf);
    const server = await startStaticServer({
      root: env.artifacts,
      servedPrefixes: [`/${mf}/`],
      port: actualPorts[mf] ?? ports[mf],
      host: bindHost,
      name: mf,
      cors: portalOrigins,
      onRequest: requestLog(mf),
      log,
    });
    servers.set(mf, server);
    actualPorts[mf] = server.port;
    urls[mf] = `http://${host}:${server.port}`;
    return server;
  }

  try {
    const shell = await startStaticServer({
      root: env.artifacts,
      servedPrefixes: [...SHELL_PREFIXES],
      port: ports.shell,
      host: bindHost,
      name: 'mf-shell',
      cors: false,
      spaFallback: () => indexHtmlPath(readImportMap(env)),
      proxy: { prefixes: [...DEFAULT_PROXY_PREFIXES], target: gatewayUrl },
      extraRoutes: { '/importmap.json': () => readFileSync(env.importMapFile) },
      onRequest: requestLog('mf-shell'),
      log,
    });
    servers.set('shell', shell);
    urls.shell = `http://${host}:${shell.port}`;
    portalOrigins = [...new Set([urls.shell, `http://localhost:${shell.port}`, `http://127.0.0.1:${shell.port}`])];

    for (const mf of MICRO_FRONTENDS) await startMf(mf);
    const prepared = prepareLocalEnvironment(env, { origins: urls, root });

    return {
      urls,
      envDir,
      /** What was published on start, and per application what is deployed against what is built. */
      prepared,
      /** Stop one server (e.g. 'mf-exam') to simulate an outage. */
      async stop(name) {
        const server = servers.get(name);
        if (!server) return;
        servers.delete(name);
        await server.close();
      },
      /** Start a stopped micro-frontend again on the same port. */
      async start(name) {
        if (!MICRO_FRONTENDS.includes(name)) throw new Error(`serve-frontends: cannot start "${name}"`);
        await startMf(name);
      },
      async close() {
        await Promise.all([...servers.values()].map((s) => s.close()));
        servers.clear();
      },
    };
  } catch (err) {
    await Promise.all([...servers.values()].map((s) => s.close()));
    throw err;
  }
}

async function main(argv) {
  const arg = (flag) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const fe = await startFrontends({
    envDir: arg('--env-dir') ? resolve(arg('--env-dir')) : undefined,
    ports: portsFromEnv(),
    gatewayUrl: arg('--gateway') ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000',
    host: process.env.FRONTEND_HOST || 'localhost',
    log: (line) => console.error(line),
  });
  for (const [name, url] of Object.entries(fe.urls)) console.log(`${name.padEnd(10)} ${url}`);
  const shutdown = () => {
    fe.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
