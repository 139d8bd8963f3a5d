import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchDatabase, watchMachine, watchProcess } from './process-stats.mjs';

const WORKER = fileURLToPath(new URL('./autocannon-worker.mjs', import.meta.url));

/**
 * Drives `url` with autocannon (warm-up, then a fixed duration) while watching the server process.
 * `requests` is autocannon's request sequence: each connection cycles through it.
 */
export async function runLoad({ url, requests, rotatingRequests, uniqueRequests, whenExhausted, collect, sequence, serverPid, connections = 50, warmupSeconds, durationSeconds, timeoutSeconds = 10 }) {
  const options = { url, connections, requests, rotatingRequests, uniqueRequests, whenExhausted, collect, sequence, warmupSeconds, durationSeconds, timeout: timeoutSeconds };
  // Through a file: thousands of prepared requests are over the size of one command-line argument.
  const optionsFile = join(mkdtempSync(join(tmpdir(), 'ccap-load-')), 'options.json');
  writeFileSync(optionsFile, JSON.stringify(options));
  let stats;
  let database;
  let machine;
  const output = await new Promise((resolve, reject) => {
    // BENCH_LOAD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/load-prof": profile the load generator.
    const nodeArgs = (process.env.BENCH_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, WORKER, optionsFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    // Server statistics cover the measured part only, not the warm-up.
    const warmup = setTimeout(() => {
      stats = watchProcess(serverPid);
      database = watchDatabase();
      machine = watchMachine();
    }, warmupSeconds * 1000);
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      clearTimeout(warmup);
      if (code === 0) resolve(out);
      else reject(new Error(`autocannon worker exited with ${code}`));
    });
  });
  const server = stats ? stats.stop() : { cpuPercent: NaN, peakRssMb: NaN };
  return {
    ...JSON.parse(output),
    durationSeconds,
    server,
    postgres: database ? database.stop() : { cpuPercent: NaN },
    machine: machine ? machine.stop() : { stealPercent: NaN, idlePercent: NaN },
  };
}
