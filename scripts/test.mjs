#!/usr/bin/env node
// `npm test`: install what is missing, build, run the static checks, the unit and API tests (real
// PostgreSQL) and the end-to-end tests (real Chromium), then print one pass/fail count.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-install.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
ensureInstalled(root);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`✖ no Chromium at ${chromium} (set CHROMIUM_PATH to use another). Install one with:
    sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk fonts-babelstone-han poppler-utils`);
  process.exit(1);
}

const env = { ...process.env, CHROMIUM_PATH: chromium, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };
const resultsDir = join(root, '.data', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const results = [];
function step(name, command, args) {
  console.log(`\n» ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  return status === 0;
}

function vitestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, note: 'no report (the run crashed)' };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const failedSuites = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

const built = step('build', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
step('typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']);
step('codegen is current and operations validate', 'node', ['scripts/check-codegen.mjs']);
if (built) step('no micro-frontend bundles a shared library', 'node', ['scripts/check-shared-bundles.mjs']);
if (built) step("each micro-frontend's own JS within 60 KB gzip", 'node', ['scripts/check-bundle-budget.mjs']);

const unitReport = join(resultsDir, 'unit-api.json');
step('unit and API tests', 'npx', ['vitest', 'run', '--project', '!e2e', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
const counts = [vitestCounts(unitReport)];
if (built) {
  const e2eReport = join(resultsDir, 'e2e.json');
  step('end-to-end tests (Chromium)', 'npx', ['vitest', 'run', '--project', 'e2e', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eReport}`]);
  counts.push(vitestCounts(e2eReport));
} else {
  counts.push({ passed: 0, failed: 1, skipped: 0, note: 'end-to-end tests not run: the build failed' });
}

const checks = results.filter((r) => !r.name.includes('tests'));
const passed = counts.reduce((n, c) => n + c.passed, 0) + checks.filter((c) => c.ok).length;
const failed = counts.reduce((n, c) => n + c.failed, 0) + checks.filter((c) => !c.ok).length;
const skipped = counts.reduce((n, c) => n + c.skipped, 0);

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? '✔' : '✖'} ${r.name} (${r.seconds.toFixed(1)} s)`);
for (const c of counts) if (c.note) console.log(`  ✖ ${c.note}`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
