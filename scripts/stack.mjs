// Starts the whole portal: PostgreSQL (embedded unless a URL is given), migrations, demo data, the
// gateway as a child process, and the front-end servers. Used by `npm start` and by the e2e tests.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from './embedded-db.mjs';
import { repoRoot } from './importmap.mjs';
import { startFrontends } from './serve-frontends.mjs';

const GATEWAY_DIR = join(repoRoot, 'gateway');

function run(args, env, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: GATEWAY_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => {
      if (code === 0) {
        log(output.trim());
        resolve();
      } else reject(new Error(`gateway ${args.join(' ')} failed (${code}):\n${output}`));
    });
  });
}

async function ensureDatabase(serverUrl, name) {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitForReady(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`gateway not ready at ${url} after ${timeoutMs} ms`);
}

/**
 * How the gateway process is started (also by the benchmark): a young generation of up to 64 MB per
 * semi-space instead of V8's 16 MB, as requests allocate much that dies young; it measured less gateway
 * CPU per request for 提交 and payments (bench/results-notes.md, round 5).
 */
export const GATEWAY_NODE_ARGS = ['--max-semi-space-size=64', '--import', 'tsx', 'src/main.ts'];

/**
 * @param {{ databaseUrl?: string, dataDir?: string, throwaway?: boolean, pgPort?: number,
 *           gatewayPort?: number, frontendPorts?: Record<string, number>, nodeEnv?: string,
 *           deployDir?: string, onFrontendRequest?: (entry: { server: string, method: string, path: string, status: number }) => void,
 *           gatewayEnv?: Record<string,string>, log?: (line: string) => void, onGatewayExit?: (code: number|null) => void }} options
 *   deployDir: the environment the front ends are served from (default .data/deploy/local).
 */
export async function startStack(options = {}) {
  const log = options.log ?? (() => {});
  const cleanups = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        log(`cleanup failed: ${err.message}`);
      }
    }
    cleanups.length = 0;
  };
  try {
    let serverUrl = options.databaseUrl;
    let embedded;
    if (!serverUrl) {
      const dataDir = options.throwaway ? mkdtempSync(join(tmpdir(), 'ccap-pg-')) : (options.dataDir ?? join(repoRoot, '.data', 'postgres'));
      if (!options.throwaway) mkdirSync(dataDir, { recursive: true });
      embedded = await startEmbeddedPostgres({ dataDir, port: options.pgPort ?? (await freePort()), throwaway: options.throwaway, log: () => {} });
      cleanups.push(() => embedded.stop());
      serverUrl = embedded.adminUrl;
    }
    const databaseUrl = options.databaseName === undefined && options.databaseUrl ? options.databaseUrl : await ensureDatabase(serverUrl, options.databaseName ?? 'ccap');
    const gatewayPort = options.gatewayPort ?? (await freePort());
    const env = {
      ...process.env,
      NODE_ENV: options.nodeEnv ?? 'development',
      DATABASE_URL: databaseUrl,
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_HOST: '127.0.0.1',
      ...options.gatewayEnv,
    };
    await run(['src/cli.ts', 'migrate'], env, log);
    await run(['src/cli.ts', 'seed'], env, log);

    const gateway = spawn(process.execPath, GATEWAY_NODE_ARGS, { cwd: GATEWAY_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let gatewayLog = '';
    const collect = (d) => {
      gatewayLog = (gatewayLog + d).slice(-20_000);
      options.onGatewayOutput?.(String(d));
    };
    gateway.stdout.on('data', collect);
    gateway.stderr.on('data', collect);
    const gatewayExited = new Promise((resolve) => gateway.once('exit', resolve));
    let stopping = false;
    gateway.once('exit', (code) => {
      if (!stopping) options.onGatewayExit?.(code);
    });
    cleanups.push(async () => {
      stopping = true;
      if (gateway.exitCode === null) gateway.kill('SIGTERM');
      await gatewayExited;
    });
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    try {
      await waitForReady(gatewayUrl, gateway);
    } catch (err) {
      throw new Error(`${err.message}\n${gatewayLog}`);
    }

    const frontends = await startFrontends({
      envDir: options.deployDir,
      ports: options.frontendPorts,
      gatewayUrl,
      onRequest: options.onFrontendRequest,
      log,
    });
    cleanups.push(() => frontends.close());
    return { databaseUrl, gatewayUrl, frontends, urls: frontends.urls, gatewayLog: () => gatewayLog, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
