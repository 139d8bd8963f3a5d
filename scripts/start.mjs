#!/usr/bin/env node
// `npm start`: install what is missing, build the front ends, then run the whole portal until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-install.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
ensureInstalled(root);

const env = process.env;
const port = (name, fallback) => Number(env[name] ?? fallback);

console.log('» building the front ends (turbo; unchanged ones come from its cache)');
const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
});
if (build.status !== 0) process.exit(build.status ?? 1);

// Imported after the install: these modules need the dependencies.
const { startStack } = await import('./stack.mjs');

console.log(env.DATABASE_URL ? '» using DATABASE_URL' : '» starting embedded PostgreSQL in .data/postgres');
let shuttingDown = false;
let stack;
try {
  stack = await startStack({
    databaseUrl: env.DATABASE_URL,
    pgPort: port('EMBEDDED_PG_PORT', 54329),
    dataDir: env.EMBEDDED_PG_DATA_DIR,
    gatewayPort: port('GATEWAY_PORT', 4000),
    frontendPorts: {
      shell: port('SHELL_PORT', 8080),
      'mf-account': port('MF_ACCOUNT_PORT', 8081),
      'mf-exam': port('MF_EXAM_PORT', 8082),
      'mf-payment': port('MF_PAYMENT_PORT', 8083),
    },
    log: (line) => line && console.log(`  ${line.replace(/\n/g, '\n  ')}`),
    onGatewayOutput: (chunk) => process.stdout.write(chunk),
    onGatewayExit: (code) => {
      console.error(`gateway exited unexpectedly (code ${code}); stopping`);
      shutdown(1);
    },
  });
} catch (err) {
  console.error(`\n✖ the portal did not start: ${err.message}`);
  process.exit(1);
}

const { urls, gatewayUrl, frontends } = stack;

/** Printed by the gateway's own CLI, so the banner never drifts from what the seed created. */
function demoCredentials() {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo-credentials'], { cwd: resolve(root, 'gateway'), encoding: 'utf8' });
  return (result.stdout || result.stderr).trim().replace(/^/gm, '    ');
}
const deployed = frontends.prepared.apps
  .map((a) => {
    const hint = a.deployed === a.built ? '' : `   (built ${a.built}: npm run deploy -- ${a.app} ${a.built})`;
    return `  ${a.app.padEnd(19)}${a.deployed}  ${a.url}${hint}`;
  })
  .join('\n');
for (const { folder } of frontends.prepared.published.filter((p) => p.outcome === 'replaced')) {
  console.warn(`  ! ${folder} was rebuilt without a new version and replaced in the local environment;
    a browser that cached it (immutable) keeps the old files: bump the version to ship a change.`);
}
console.log(`
全国会计人员统一服务管理平台 is running

  portal (shell)     ${urls.shell}/
  gateway GraphQL    ${gatewayUrl}/graphql   (also proxied as ${urls.shell}/graphql)
  ops explorer       ${gatewayUrl}/explorer   (ops sign-in with TOTP; offline, local assets)
  health             ${gatewayUrl}/healthz  ${gatewayUrl}/readyz
  dev outbox         ${gatewayUrl}/dev/outbox   (SMS codes and captcha answers sent in development)

  demo data: 2026 初级/中级/高级 exams; most units' registration windows are open now,
             上海市 and 河南省 open in three days, 西藏自治区 has closed.
  demo accounts (development only):
${demoCredentials()}

  deployed in the local environment (${relative(root, frontends.envDir)}):
${deployed}

Press Ctrl-C to stop.`);

async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\n» stopping: front ends, gateway (draining), PostgreSQL');
  await stack.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
