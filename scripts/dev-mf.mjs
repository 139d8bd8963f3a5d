#!/usr/bin/env node
// Work on one micro-frontend against the rest of a running portal (local or deployed): rebuilds it
// on every change (`vite build --watch`) and serves its dist/ on its own port, with CORS and without
// caching; the browser is pointed at it with import-map-overrides (README "Developer override").
//
//   npm run dev:mf -- mf-exam [--port 9082] [--no-watch]
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildRoot } from './environment.mjs';
import { DEFAULT_PORTS, MICRO_FRONTENDS, repoRoot, workspaceVersion } from './importmap.mjs';
import { startStaticServer } from './static-server.mjs';

/** Default port of a micro-frontend's development server: its portal port + 1000 (mf-exam: 9082). */
export function devPort(app) {
  return DEFAULT_PORTS[app] + 1000;
}

/**
 * Serves a micro-frontend's build folder (`<distDir>/<app>/<version>/…`) for import-map-overrides:
 * any origin may import it (the portal may run anywhere), and nothing is cached for good, since every
 * rebuild reuses the version folder.
 * @param {{ app: string, port?: number, distDir?: string, host?: string }} options
 */
export async function startDevServer({ app, port = devPort(app), distDir = buildRoot(app), host = '127.0.0.1' }) {
  if (!MICRO_FRONTENDS.includes(app)) throw new Error(`dev:mf: "${app}" is not one of ${MICRO_FRONTENDS.join(', ')}`);
  return startStaticServer({
    root: distDir,
    servedPrefixes: [`/${app}/`],
    port,
    host,
    name: `${app} (dev)`,
    cors: true,
    immutableVersions: false,
  });
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, 'no-watch': { type: 'boolean', default: false } },
  });
  const [app] = positionals;
  if (!app || !MICRO_FRONTENDS.includes(app)) {
    console.error(`usage: npm run dev:mf -- <${MICRO_FRONTENDS.join('|')}> [--port N] [--no-watch]`);
    return 2;
  }
  const watcher = values['no-watch']
    ? null
    : spawn(process.execPath, [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--watch'], {
        cwd: join(repoRoot, app),
        stdio: 'inherit',
      });
  const server = await startDevServer({ app, port: values.port ? Number(values.port) : undefined });
  const entryUrl = `${server.url}/${app}/${workspaceVersion(app)}/${app}.js`;
  const key = `import-map-override:@ccap/${app}`;
  console.log(`
${app} is served at ${entryUrl}${watcher ? ' and rebuilt on every change' : ''}.
In the portal's tab (http://localhost:8080/ or a deployed environment), run in the console:

  localStorage.setItem('${key}', '${entryUrl}')

and reload. Back to the deployed version: localStorage.removeItem('${key}') and reload
(or localStorage.setItem('devtools', true) for import-map-overrides' panel). Ctrl-C stops.`);
  const stop = async () => {
    watcher?.kill('SIGTERM');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => code !== undefined && process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
