#!/usr/bin/env node
// Benchmarks: every scenario against the real gateway (production mode, one process) and real
// PostgreSQL, with autocannon in a separate process, next to baselines measured in the same run.
//   npm run bench [-- scenario-name …]      BENCH_DURATION=10 BENCH_WARMUP=3 BENCH_CONNECTIONS=50
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, NON_DURABLE_SETTINGS, startEmbeddedPostgres } from '../scripts/embedded-db.mjs';
import { GATEWAY_NODE_ARGS } from '../scripts/stack.mjs';
import { runLoad } from './lib/load.mjs';
import { leastStolen, watchMachine, watchProcess } from './lib/process-stats.mjs';
import { SCENARIOS } from './scenarios/index.mjs';
import { fmt, resultLines, writeResultsMarkdown } from './lib/results-report.mjs';
import { withPool } from './lib/candidates.mjs';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(BENCH_DIR, '..');
const GATEWAY_DIR = join(ROOT, 'gateway');
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

// BENCH_PG_STATEMENTS=1 (embedded PostgreSQL only): pg_stat_statements is loaded, and each scenario
// reports the statements PostgreSQL spent the most time on during it (costs a little on every statement).
const statementStats = process.env.BENCH_PG_STATEMENTS === '1' && !process.env.DATABASE_URL;

/** The statements of this database PostgreSQL spent the most time on since the last reset. */
function topStatements(databaseUrl) {
  return withPool(databaseUrl, async (pool) => {
    const { rows } = await pool.query(
      `select calls::int, round(total_exec_time::numeric, 1)::float8 as "totalMs", round((total_exec_time / calls)::numeric, 3)::float8 as "meanMs",
              round((total_plan_time / calls)::numeric, 3)::float8 as "meanPlanMs", rows::int, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
         from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) and calls > 0
        order by total_exec_time + total_plan_time desc limit 10`,
    );
    return rows;
  });
}

function startProcess(args, { cwd = ROOT, env = process.env, ready = /listening|gateway listening/ } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (d) => {
      output += d;
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (ready.test(output) && url) resolve({ child, url, stop: () => stopProcess(child) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before it was ready:\n${output}`)));
  });
}

function stopProcess(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** A gateway source module, loaded through tsx (the gateway runs TypeScript directly). */
async function gatewayModule(path) {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(join(GATEWAY_DIR, path), import.meta.url);
}

/** The gateway logs at `warn` here, so readiness is polled rather than read from its output. */
async function startGateway(env) {
  // BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": profile the gateway under load.
  const nodeArgs = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...GATEWAY_NODE_ARGS], { cwd: GATEWAY_DIR, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${env.GATEWAY_PORT}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { child, url, stop: () => stopProcess(child) };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('gateway did not become ready');
}

function runToEnd(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: GATEWAY_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed:\n${output}`))));
  });
}

async function createDatabase(serverUrl, name) {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.query(`create database "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * argon2id verifications per second (each one hash) with the gateway's own parameters
 * (PASSWORD_HASH_OPTIONS), as many at once as the gateway's libuv threadpool runs (UV_THREADPOOL_SIZE of
 * its environment, 4 by default; this process has the same environment, hence the same pool).
 */
async function measureRawArgon2(seconds, gatewayEnv) {
  const argon2 = (await import('argon2')).default;
  const { PASSWORD_HASH_OPTIONS } = await gatewayModule('src/modules/account/password-hasher.ts');
  const threads = Number(gatewayEnv.UV_THREADPOOL_SIZE ?? 4);
  const hash = await argon2.hash('Correct-Horse-42', PASSWORD_HASH_OPTIONS);
  const run = async (duration) => {
    const deadline = Date.now() + duration * 1000;
    let count = 0;
    const worker = async () => {
      while (Date.now() < deadline) {
        if (!(await argon2.verify(hash, 'Correct-Horse-42'))) throw new Error('argon2 baseline: verification failed');
        count++;
      }
    };
    await Promise.all(Array.from({ length: threads }, worker));
    return count;
  };
  await run(Math.min(warmupSeconds, 2));
  const stats = watchProcess(process.pid);
  const machine = watchMachine();
  const count = await run(seconds);
  return { requestsPerSecond: count / seconds, concurrency: threads, params: { ...PASSWORD_HASH_OPTIONS, type: 'argon2id' }, server: stats.stop(), machine: machine.stop(), loadAverage: loadavg()[0] };
}

const selected = process.argv.slice(2);
const scenarios = selected.length ? SCENARIOS.filter((s) => selected.includes(s.name)) : SCENARIOS;
if (scenarios.length === 0) {
  console.error(`unknown scenario; choose from ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(64);
}

// PostgreSQL as production runs it (every commit flushed, full pages logged) unless BENCH_PG_DURABLE=0,
// the tests' settings: both the baselines and the scenarios commit, and what a commit costs is part of both.
const durable = process.env.BENCH_PG_DURABLE !== '0';
const DURABILITY_SETTINGS = Object.keys(NON_DURABLE_SETTINGS);

/** How the server runs, as it reports it: where it is and its durability settings. */
async function describePostgres(databaseUrl) {
  const where = process.env.DATABASE_URL ? 'the PostgreSQL server of DATABASE_URL' : 'embedded PostgreSQL on the same machine';
  const { rows } = await withPool(databaseUrl, (pool) => pool.query('select name, setting from pg_settings where name = any($1)', [DURABILITY_SETTINGS]));
  const setting = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  // synchronous_commit may also be local or remote_*: every value but off waits for the local flush.
  const isDurable = setting.fsync === 'on' && setting.full_page_writes === 'on' && setting.synchronous_commit !== 'off';
  const values = DURABILITY_SETTINGS.map((name) => `${name} ${setting[name]}`).join(', ');
  return `${where}, ${isDurable ? 'durable as in production' : 'not durable'} (${values})`;
}

const cleanups = [];
const results = { startedAt: new Date().toISOString(), machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadavg().map((l) => Math.round(l * 10) / 10) }, settings: { durationSeconds, warmupSeconds, connections }, baselines: {}, scenarios: [] };
try {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: mkdtempSync(join(tmpdir(), 'ccap-bench-pg-')),
      port: await freePort(),
      throwaway: true,
      durable,
      settings: statementStats ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } : {},
    });
    cleanups.push(() => embedded.stop());
    serverUrl = embedded.adminUrl;
  }
  const databaseUrl = await createDatabase(serverUrl, 'ccap_bench');
  results.settings.postgres = await describePostgres(databaseUrl);
  console.log(`» ${results.settings.postgres}`);
  if (statementStats) await withPool(databaseUrl, (pool) => pool.query('create extension if not exists pg_stat_statements'));
  const gatewayEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    GATEWAY_PORT: String(await freePort()),
    DATABASE_POOL_MAX: '10',
    // Production refuses to start without real keys; a benchmark's data is thrown away, so are its keys.
    ...(await gatewayModule('src/config.ts')).throwawayProductionSecrets(),
    // The payment channel: the simulator's provider, with a key the bench also signs notifications with.
    PAYMENT_SIMULATOR_ENABLED: 'true',
    PAYMENT_SIM_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  await runToEnd(['--import', 'tsx', 'src/cli.ts', 'migrate'], gatewayEnv);
  await runToEnd(['--import', 'tsx', 'src/cli.ts', 'seed'], gatewayEnv);

  // A scenario's baseline is measured right before and right after it (BENCH_BRACKET=0: before only),
  // after its data is prepared: on a shared machine the load changes by the minute, and the scenario
  // is compared with the mean of the two.
  const measureBaseline = async (name) => {
    console.log(`» baseline ${name}`);
    if (name === 'argon2-raw') return measureRawArgon2(durationSeconds, gatewayEnv);
    const base =
      name === 'apollo-trivial'
        ? await startProcess([join(BENCH_DIR, 'baselines/apollo-trivial.mjs'), '0'])
        : await startProcess([join(BENCH_DIR, 'baselines/pg-insert.mjs'), '0', databaseUrl]);
    const request =
      name === 'apollo-trivial'
        ? { method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }
        : { method: 'POST', path: '/', body: '{}' };
    try {
      return { ...(await runLoad({ url: base.url, serverPid: base.child.pid, connections, warmupSeconds, durationSeconds, requests: [request] })), loadAverage: loadavg()[0] };
    } finally {
      await base.stop();
    }
  };
  const bracket = process.env.BENCH_BRACKET !== '0';
  const stealRetries = Number(process.env.BENCH_STEAL_RETRIES ?? 2);
  const measureSteadyBaseline = (name) =>
    leastStolen(() => measureBaseline(name), {
      retries: stealRetries,
      onRetry: (steal) => console.log(`» baseline ${name} again: host steal ${fmt(steal)}%`),
    });

  const gateway = await startGateway(gatewayEnv);
  cleanups.push(() => gateway.stop());
  const graphql = async (query, variables, headers = {}) => {
    const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  for (const scenario of scenarios) {
    console.log(`» preparing ${scenario.name}`);
    const plan = await scenario.prepare({ gatewayUrl: gateway.url, graphql, databaseUrl, gatewayModule, gatewayEnv });
    const baselineRuns = scenario.baseline ? [await measureSteadyBaseline(scenario.baseline)] : [];
    console.log(`» ${scenario.title}`);
    // A scenario may need a longer run (a rush journey takes seconds under load) or a longer request
    // timeout (logins queue for the argon2 threads) than the default 10 s.
    const timing = { warmupSeconds: scenario.warmupSeconds ?? warmupSeconds, durationSeconds: scenario.durationSeconds ?? durationSeconds, timeoutSeconds: scenario.timeoutSeconds };
    if (statementStats) await withPool(databaseUrl, (pool) => pool.query('select pg_stat_statements_reset()'));
    const measured = await runLoad({ ...plan, serverPid: gateway.child.pid, connections, ...timing });
    if (statementStats) measured.statements = await topStatements(databaseUrl);
    const checked = await scenario.verify?.({ databaseUrl, measured, plan });
    if (scenario.baseline && bracket) baselineRuns.push(await measureSteadyBaseline(scenario.baseline));
    if (scenario.baseline) results.baselines[scenario.baseline] ??= baselineRuns[0];
    const baseline = baselineRuns.length ? { requestsPerSecond: baselineRuns.reduce((n, b) => n + b.requestsPerSecond, 0) / baselineRuns.length } : null;
    const ratio = baseline ? measured.requestsPerSecond / baseline.requestsPerSecond : null;
    // Requests per CPU-second of the server process (the gateway; the baseline's own process), as a
    // ratio: less sensitive than req/s to how much of the shared machine each one got (neither counts
    // PostgreSQL's CPU).
    const perCpuSecond = (r) => r.requestsPerSecond / (r.server.cpuPercent / 100);
    const cpuRatio = baselineRuns.length ? perCpuSecond(measured) / (baselineRuns.reduce((n, b) => n + perCpuSecond(b), 0) / baselineRuns.length) : null;
    const verdicts = [];
    if (scenario.target.ratio !== undefined) verdicts.push(ratio >= scenario.target.ratio);
    if (scenario.target.p99Ms !== undefined) verdicts.push(measured.p99Ms <= scenario.target.p99Ms);
    if (scenario.target.errorRate !== undefined) verdicts.push(checked?.journeyErrorRate !== null && checked?.journeyErrorRate <= scenario.target.errorRate);
    verdicts.push(measured.errors === 0 && measured.non2xx === 0);
    if (checked?.correctness) verdicts.push(checked.correctness.ok);
    const { collected: _collected, sequence, ...summary } = measured;
    // Acknowledged ids were checked in the database; the results keep their counts.
    const journeys = sequence && { ...sequence, acknowledged: Object.fromEntries(Object.entries(sequence.acknowledged).map(([k, v]) => [k, v.length])) };
    results.scenarios.push({ name: scenario.name, title: scenario.title, baseline: scenario.baseline, target: scenario.target, ratio, cpuRatio, baselineRequestsPerSecond: baseline?.requestsPerSecond ?? null, baselineRuns: baselineRuns.map((b) => ({ requestsPerSecond: b.requestsPerSecond, p99Ms: b.p99Ms, serverCpuPercent: b.server?.cpuPercent, postgresCpuPercent: b.postgres?.cpuPercent, loadGeneratorCpuPercent: b.loadGenerator?.cpuPercent, stealPercent: b.machine?.stealPercent, loadAverage: b.loadAverage, ...(b.discarded ? { discardedForSteal: b.discarded } : {}) })), loadAverage: loadavg()[0], meetsTarget: verdicts.every(Boolean), ...summary, ...(journeys ? { sequence: journeys } : {}), ...checked });
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error(e));
}

const { tableLines, underTableLines: underTable } = resultLines(results);
console.log(`\n${tableLines.join('\n')}${underTable.length ? `\n\n${underTable.join('\n')}` : ''}`);
for (const s of results.scenarios.filter((s) => s.statements)) {
  console.log(`\nPostgreSQL's busiest statements during ${s.name} (${fmt(s.requestsPerSecond * (s.durationSeconds ?? durationSeconds))} requests measured, warm-up included here):`);
  for (const st of s.statements) console.log(`  ${String(st.calls).padStart(7)} calls ${fmt(st.totalMs).padStart(7)} ms  mean ${st.meanMs} ms (+ plan ${st.meanPlanMs})  ${st.query}`);
}
const stamp = results.startedAt.replace(/[:.]/g, '-');
writeFileSync(join(BENCH_DIR, 'results', `${stamp}.json`), JSON.stringify(results, null, 2));
// bench:repeat writes its own summary; RESULTS.md stays the last full run's.
if (process.env.BENCH_WRITE_RESULTS_MD !== '0') writeResultsMarkdown(results, scenarios);
process.exit(results.scenarios.every((s) => s.meetsTarget) ? 0 : 1);
