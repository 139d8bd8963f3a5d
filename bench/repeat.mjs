#!/usr/bin/env node
// The bench several times in a row, each run as `npm run bench` does it (a fresh database, each
// scenario's baseline right before and after it), then every scenario's ratios and their median:
//   npm run bench:repeat -- <runs> [scenario …]
// Writes bench/results/repeat-<time>.json (the runs' own results files are kept too); RESULTS.md is left as it is.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeRuns, summaryLines } from './lib/repeat-summary.mjs';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');
const [count, ...scenarioNames] = process.argv.slice(2);
const runs = Number(count);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: npm run bench:repeat -- <runs> [scenario …]');
  process.exit(64);
}

const startedAt = new Date().toISOString();
const files = [];
for (let i = 1; i <= runs; i++) {
  console.log(`» run ${i} of ${runs}`);
  const before = new Set(readdirSync(RESULTS_DIR));
  const run = spawnSync(process.execPath, [join(BENCH_DIR, 'run.mjs'), ...scenarioNames], { env: { ...process.env, BENCH_WRITE_RESULTS_MD: '0' }, stdio: 'inherit' });
  const [file] = readdirSync(RESULTS_DIR).filter((name) => !before.has(name) && name.endsWith('.json'));
  // run.mjs exits 1 when a target is not met; only a run without results is a failure here.
  if (!file) {
    console.error(`run ${i} wrote no results (exit ${run.status})`);
    process.exit(1);
  }
  files.push(file);
}

const summary = summarizeRuns(files.map((file) => JSON.parse(readFileSync(join(RESULTS_DIR, file), 'utf8'))));
const out = `repeat-${startedAt.replace(/[:.]/g, '-')}.json`;
writeFileSync(join(RESULTS_DIR, out), JSON.stringify({ startedAt, runs: files, summary }, null, 2));
console.log(`\n${summaryLines(summary).join('\n')}\n\nsummary: bench/results/${out}`);
