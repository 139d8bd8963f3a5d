#!/usr/bin/env node
// Serve the built front ends: the shell (with /importmap.json, SPA fallback and the gateway proxy)
// and each micro-frontend on its own origin.
//
//   import { startFrontends } from './serve-frontends.mjs'
//   const fe = await startFrontends({ ports: { shell: 8080 }, gatewayUrl: 'http://127.0.0.1:4000' })
//   fe.urls.shell            // http://localhost:8080
//   await fe.stop('mf-exam') // simulate an outage; fe.start('mf-exam') brings it back
//   await fe.close()
//
//   node scripts/serve-frontends.mjs [--gateway URL] [--importmap FILE]
//   env: SHELL_PORT MF_ACCOUNT_PORT MF_EXAM_PORT MF_PAYMENT_PORT GATEWAY_URL FRONTEND_HOST
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_PORTS, MICRO_FRONTENDS, buildImportMap, portsFromEnv, repoRoot } from './importmap.mjs';
import { DEFAULT_PROXY_PREFIXES, startStaticServer } from './static-server.mjs';

/**
 * @typedef {{
 *   ports?: Partial<Record<'shell' | 'mf-account' | 'mf-exam' | 'mf-payment', number>>,
 *   gatewayUrl?: string,
 *   importMapFile?: string,
 *   host?: string,
 *   bindHost?: string,
 *   root?: string,
 *   only?: string[],
 *   log?: (line: string) => void,
 * }} FrontendsOptions
 *   ports: per server; 0 picks a free port (default 8080–8083).
 *   gatewayUrl: where the shell proxies /graphql, /api/, /dev/, /healthz, /readyz, /explorer (default http://127.0.0.1:4000).
 *   importMapFile: serve this file as /importmap.json (read on every request) instead of a generated map.
 *   host: host name used in URLs and in the import map (default localhost).
 *   bindHost: interface to listen on (default 127.0.0.1).
 *   root: repository root (default: this repository).
 *   only: micro-frontends to start (default all); the others are still in the import map.
 */

/**
 * @param {FrontendsOptions} [options]
 */
export async function startFrontends(options = {}) {
  const {
    gatewayUrl = 'http://127.0.0.1:4000',
    importMapFile,
    host = 'localhost',
    bindHost = '127.0.0.1',
    root = repoRoot,
    only = MICRO_FRONTENDS,
    log = () => {},
  } = options;
  const ports = { ...DEFAULT_PORTS, ...(options.ports ?? {}) };

  const shellDist = join(root, 'mf-shell', 'dist');
  if (!existsSync(join(shellDist, 'index.html'))) {
    throw new Error(`serve-frontends: ${shellDist}/index.html is missing — run "npm run build" first`);
  }
  for (const mf of only) {
    if (!existsSync(join(root, mf, 'dist', mf))) {
      throw new Error(`serve-frontends: ${root}/${mf}/dist/${mf} is missing — run "npm run build" first`);
    }
  }

  /** @type {Map<string, Awaited<ReturnType<typeof startStaticServer>>>} */
  const servers = new Map();
  /** @type {Record<string, string>} */
  const urls = {};
  /** @type {Record<string, number>} */
  const actualPorts = {};

  async function startMf(mf) {
    if (servers.has(mf)) return servers.get(mf);
    const server = await startStaticServer({
      root: join(root, mf, 'dist'),
      port: actualPorts[mf] ?? ports[mf],
      host: bindHost,
      name: mf,
      // Public, credential-less module files: any origin may import them.
      cors: true,
      log,
    });
    servers.set(mf, server);
    actualPorts[mf] = server.port;
    urls[mf] = `http://${host}:${server.port}`;
    return server;
  }

  try {
    for (const mf of only) await startMf(mf);
    for (const mf of MICRO_FRONTENDS) {
      if (!urls[mf]) urls[mf] = `http://${host}:${ports[mf]}`;
    }

    const importMap = buildImportMap({
      mfOrigins: Object.fromEntries(MICRO_FRONTENDS.map((mf) => [mf, urls[mf]])),
    });
    const importMapJson = `${JSON.stringify(importMap, null, 2)}\n`;
    const shell = await startStaticServer({
      root: shellDist,
      port: ports.shell,
      host: bindHost,
      name: 'mf-shell',
      cors: false,
      spaFallback: 'index.html',
      proxy: { prefixes: [...DEFAULT_PROXY_PREFIXES], target: gatewayUrl },
      extraRoutes: {
        '/importmap.json': () => (importMapFile ? readFileSync(resolve(importMapFile)) : importMapJson),
      },
      log,
    });
    servers.set('shell', shell);
    urls.shell = `http://${host}:${shell.port}`;

    return {
      urls,
      importMap: importMapFile ? JSON.parse(readFileSync(resolve(importMapFile), 'utf8')) : importMap,
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
    ports: portsFromEnv(),
    gatewayUrl: arg('--gateway') ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000',
    importMapFile: arg('--importmap'),
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
