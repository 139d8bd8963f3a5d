#!/usr/bin/env node
// Benchmarks: every scenario against the real gateway (production mode, one process) and real
// PostgreSQL, with autocannon in a separate process, next to baselines measured in the same run.
//   npm run bench [-- scenario-name …]      BENCH_DURATION=10 BENCH_WARMUP=3 BENCH_CONNECTIONS=50
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../scripts/embedded-db.mjs';
import { runLoad } from './lib/load.mjs';
import publicExams from './scenarios/public-exams.mjs';
import applicationStatus from './scenarios/application-status.mjs';
import submit from './scenarios/submit.mjs';
import { frontendSection } from './lib/frontend-report.mjs';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(BENCH_DIR, '..');
const GATEWAY_DIR = join(ROOT, 'gateway');
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const SCENARIOS = [publicExams, applicationStatus, submit];

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
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], { cwd: GATEWAY_DIR, env, stdio: ['ignore', 'inherit', 'inherit'] });
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

/** argon2id hashes per second with the gateway's parameters, both cores busy (libuv runs hashes in parallel). */
async function measureRawArgon2(seconds) {
  const argon2 = (await import('argon2')).default;
  const params = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
  const deadline = Date.now() + seconds * 1000;
  let count = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      await argon2.hash('Correct-Horse-42', params);
      count++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { requestsPerSecond: count / seconds };
}

const selected = process.argv.slice(2);
const scenarios = selected.length ? SCENARIOS.filter((s) => selected.includes(s.name)) : SCENARIOS;
if (scenarios.length === 0) {
  console.error(`unknown scenario; choose from ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(64);
}

const cleanups = [];
const results = { startedAt: new Date().toISOString(), machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadavg().map((l) => Math.round(l * 10) / 10) }, settings: { durationSeconds, warmupSeconds, connections }, baselines: {}, scenarios: [] };
try {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'ccap-bench-pg-')), port: await freePort(), throwaway: true });
    cleanups.push(() => embedded.stop());
    serverUrl = embedded.adminUrl;
  }
  const databaseUrl = await createDatabase(serverUrl, 'ccap_bench');
  const gatewayEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    GATEWAY_PORT: String(await freePort()),
    DATABASE_POOL_MAX: '10',
    // Production refuses to start without real keys; a benchmark's data is thrown away, so are its keys.
    ...(await gatewayModule('src/config.ts')).throwawayProductionSecrets(),
  };
  await runToEnd(['--import', 'tsx', 'src/cli.ts', 'migrate'], gatewayEnv);
  await runToEnd(['--import', 'tsx', 'src/cli.ts', 'seed'], gatewayEnv);

  const baselineNames = new Set(scenarios.map((s) => s.baseline).filter(Boolean));
  if (baselineNames.has('apollo-trivial')) {
    const base = await startProcess([join(BENCH_DIR, 'baselines/apollo-trivial.mjs'), '0']);
    console.log('» baseline apollo-trivial');
    results.baselines['apollo-trivial'] = await runLoad({
      url: base.url,
      serverPid: base.child.pid,
      connections,
      warmupSeconds,
      durationSeconds,
      requests: [{ method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }],
    });
    await base.stop();
  }
  if (baselineNames.has('pg-insert')) {
    const base = await startProcess([join(BENCH_DIR, 'baselines/pg-insert.mjs'), '0', databaseUrl]);
    console.log('» baseline pg-insert');
    results.baselines['pg-insert'] = await runLoad({ url: base.url, serverPid: base.child.pid, connections, warmupSeconds, durationSeconds, requests: [{ method: 'POST', path: '/', body: '{}' }] });
    await base.stop();
  }
  if (baselineNames.has('argon2-raw')) {
    console.log('» baseline argon2-raw');
    results.baselines['argon2-raw'] = await measureRawArgon2(durationSeconds);
  }

  const gateway = await startGateway(gatewayEnv);
  cleanups.push(() => gateway.stop());
  const graphql = async (query, variables, headers = {}) => {
    const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  for (const scenario of scenarios) {
    console.log(`» ${scenario.title}`);
    const plan = await scenario.prepare({ gatewayUrl: gateway.url, graphql, databaseUrl, gatewayModule, gatewayEnv });
    const measured = await runLoad({ ...plan, serverPid: gateway.child.pid, connections, warmupSeconds, durationSeconds });
    const checked = await scenario.verify?.({ databaseUrl, measured, plan });
    const baseline = results.baselines[scenario.baseline];
    const ratio = baseline ? measured.requestsPerSecond / baseline.requestsPerSecond : null;
    const verdicts = [];
    if (scenario.target.ratio !== undefined) verdicts.push(ratio >= scenario.target.ratio);
    if (scenario.target.p99Ms !== undefined) verdicts.push(measured.p99Ms <= scenario.target.p99Ms);
    verdicts.push(measured.errors === 0 && measured.non2xx === 0);
    if (checked?.correctness) verdicts.push(checked.correctness.ok);
    const { collected: _collected, ...summary } = measured;
    results.scenarios.push({ name: scenario.name, title: scenario.title, baseline: scenario.baseline, target: scenario.target, ratio, meetsTarget: verdicts.every(Boolean), ...summary, ...checked });
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error(e));
}

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const lines = [
  '| scenario | req/s | p50 ms | p99 ms | server CPU % | peak RSS MB | baseline | baseline req/s | ratio | target | met |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...Object.entries(results.baselines).map(([name, b]) => `| baseline: ${name} | ${fmt(b.requestsPerSecond)} | ${fmt(b.p50Ms, 1)} | ${fmt(b.p99Ms, 1)} | ${fmt(b.server?.cpuPercent)} | ${fmt(b.server?.peakRssMb)} | — | — | — | — | — |`),
  ...results.scenarios.map((s) => `| ${s.title} | ${fmt(s.requestsPerSecond)} | ${fmt(s.p50Ms, 1)} | ${fmt(s.p99Ms, 1)} | ${fmt(s.server.cpuPercent)} | ${fmt(s.server.peakRssMb)} | ${s.baseline} | ${fmt(results.baselines[s.baseline]?.requestsPerSecond)} | ${fmt(s.ratio, 2)}× | ≥ ${s.target.ratio}×${s.target.p99Ms ? `, p99 ≤ ${s.target.p99Ms} ms` : ''} | ${s.meetsTarget ? 'yes' : 'no'} (${s.errors + s.non2xx} errors) |`),
];
console.log(`\n${lines.join('\n')}`);
const stamp = results.startedAt.replace(/[:.]/g, '-');
writeFileSync(join(BENCH_DIR, 'results', `${stamp}.json`), JSON.stringify(results, null, 2));
const machine = `${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GiB, Node ${results.machine.node}, load average ${results.machine.loadAverageAtStart.join(' / ')} at start`;
const correctness = results.scenarios
  .filter((s) => s.correctness)
  .map((s) => `- ${s.title}: ${Object.entries(s.correctness).map(([k, v]) => `${k} ${v}`).join(', ')}`);
// The analysis (what was changed, what each number means, what is not met) lives in results-notes.md.
const notesFile = join(BENCH_DIR, 'results-notes.md');
const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, 'utf8')}` : '';
writeFileSync(
  join(BENCH_DIR, 'RESULTS.md'),
  `# Benchmark results\n\nLatest run: ${results.startedAt} on ${machine} (shared machine: compare ratios, not absolute numbers).\n` +
    `${connections} connections, ${warmupSeconds} s warm-up, ${durationSeconds} s measured; gateway in production mode, one process, embedded PostgreSQL on the same machine.\n\n${lines.join('\n')}\n` +
    (correctness.length ? `\nChecked in the database after the run:\n\n${correctness.join('\n')}\n` : '') +
    notes +
    // The front-end section comes from its own run (npm run bench:frontend, bench/results/frontend.md).
    (frontendSection() ? `\n${frontendSection()}` : ''),
);
process.exit(results.scenarios.every((s) => s.meetsTarget) ? 0 : 1);
