// RESULTS.md from a run's results (bench/results/<run>.json), the notes (bench/results-notes.md) and the
// front-end section: written by each run (bench/run.mjs), and again by `npm run bench:render` after the
// notes change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontendSection } from './frontend-report.mjs';
import { STEAL_FLAG_PERCENT } from './process-stats.mjs';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

export const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');

const targetText = (s) =>
  [s.target.ratio !== undefined && `≥ ${s.target.ratio}×`, s.target.p99Ms && `p99 ≤ ${s.target.p99Ms} ms`, s.target.errorRate !== undefined && `error rate ≤ ${s.target.errorRate}`]
    .filter(Boolean)
    .join(', ');

// Milliseconds of CPU per request in the server process, in PostgreSQL and in the load generator: on a
// shared 2-core machine these say what a scenario costs better than req/s, and their sum bounds what
// the machine can serve. The load generator runs on the same cores, so what it spends per request
// (building and checking requests, signing a payment notification as the channel would) is taken from
// the server; runs before it was measured, and the argon2 baseline (no load generator), show '—'.
const cpuPerRequest = (r) => {
  const ms = (percent) => (percent * 10) / r.requestsPerSecond;
  return `${fmt(ms(r.server?.cpuPercent), 2)} + ${fmt(ms(r.postgres?.cpuPercent), 2)} + ${fmt(ms(r.loadGenerator?.cpuPercent), 2)}`;
};

/** A ratio to a baseline as the tables show it ('—' where there is none). */
export const ratioText = (ratio) => (Number.isFinite(ratio) ? `${fmt(ratio, 2)}×` : '—');

const stealText = (s) => `${fmt(s.machine?.stealPercent)}${s.baselineRuns.length ? ` (${s.baselineRuns.map((b) => fmt(b.stealPercent)).join(' / ')})` : ''}`;

// Runs from before steal was recorded have none: nothing is flagged for them.
function stealFlags(results) {
  const baselineLabel = (s, i) => `${s.baseline} ${i === 0 ? 'before' : 'after'} ${s.name}`;
  const flagged = [];
  const flag = (what, percent) => percent > STEAL_FLAG_PERCENT && flagged.push(`${what} ${fmt(percent, 1)}%`);
  for (const s of results.scenarios) {
    flag(s.name, s.machine?.stealPercent);
    s.baselineRuns.forEach((b, i) => flag(baselineLabel(s, i), b.stealPercent));
  }
  const retaken = results.scenarios.flatMap((s) =>
    s.baselineRuns
      .map((b, i) => b.discardedForSteal && `${baselineLabel(s, i)} (${fmt(b.stealPercent, 1)}% kept; ${b.discardedForSteal.map((d) => `${fmt(d.stealPercent, 1)}%`).join(', ')} not)`)
      .filter(Boolean),
  );
  return [
    ...(retaken.length ? [`- baselines measured again for host steal (the least stolen counts): ${retaken.join(', ')}`] : []),
    ...(flagged.length
      ? [`- host steal above ${STEAL_FLAG_PERCENT}% (the host ran other guests on this machine's cores) during: ${flagged.join(', ')}; those measurements got less of the machine, so their ratios say more of the host than of the code: run them again`]
      : []),
  ];
}

/**
 * The results table and the lines under it (per-journey lines, then steal flags), as printed after a
 * run and written to RESULTS.md; `stealLines` alone for the spec.
 */
export function resultLines(results) {
  const tableLines = [
    '| scenario | req/s | p50 ms | p99 ms | server CPU % | DB CPU % | CPU ms per request: server + DB + load generator | peak RSS MB | host steal % (baselines) | baseline | baseline req/s (before / after) | ratio | ratio per CPU-s | target | met |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(results.baselines).map(([name, b]) => `| baseline: ${name} | ${fmt(b.requestsPerSecond)} | ${fmt(b.p50Ms, 1)} | ${fmt(b.p99Ms, 1)} | ${fmt(b.server?.cpuPercent)} | ${fmt(b.postgres?.cpuPercent)} | ${cpuPerRequest(b)} | ${fmt(b.server?.peakRssMb)} | ${fmt(b.machine?.stealPercent)} | — | — | — | — | — | — |`),
    ...results.scenarios.map((s) => `| ${s.title} | ${fmt(s.requestsPerSecond)} | ${fmt(s.p50Ms, 1)} | ${fmt(s.p99Ms, 1)} | ${fmt(s.server.cpuPercent)} | ${fmt(s.postgres?.cpuPercent)} | ${cpuPerRequest(s)} | ${fmt(s.server.peakRssMb)} | ${stealText(s)} | ${s.baseline ?? '—'} | ${s.baselineRuns.map((b) => fmt(b.requestsPerSecond)).join(' / ') || '—'} | ${ratioText(s.ratio)} | ${ratioText(s.cpuRatio)} | ${targetText(s)} | ${s.meetsTarget ? 'yes' : 'no'} (${s.errors + s.non2xx} errors) |`),
  ];
  const journeyLines = results.scenarios
    .filter((s) => s.sequence)
    .map((s) => {
      const rate = s.journeysPerSecond ?? s.paymentsPerSecond ?? s.loginsPerSecond;
      const what = s.journeysPerSecond !== undefined ? 'journeys' : s.paymentsPerSecond !== undefined ? 'payments' : 'logins';
      const instances = s.instances ? `; national peak ${s.instances.peakJourneysPerSecond} journeys/s → ${s.instances.twoCoreInstancesForPeak} two-core gateway instances (${s.instances.gatewayCoreMsPerJourney} ms gateway CPU per journey)` : '';
      const errorRate = s.journeyErrorRate !== undefined ? `, journey error rate ${fmt(s.journeyErrorRate * 100, 2)}%` : '';
      return `- ${s.title}: ${fmt(rate, 1)} ${what}/s completed in the measured part${errorRate}${instances}`;
    });
  const stealLines = stealFlags(results);
  return { tableLines, stealLines, underTableLines: [...journeyLines, ...stealLines] };
}

/** What runs recorded before the bench said how its PostgreSQL ran (3 December, before 17:47 UTC) used, but for two A/B runs of round 13. */
const POSTGRES_BEFORE_DURABLE = 'embedded PostgreSQL on the same machine, not durable (fsync, synchronous_commit, full_page_writes off, the tests\' settings)';

/** Writes bench/RESULTS.md for `results`; `scenarios` are the scenario modules run (for their own warm-up and duration). */
export function writeResultsMarkdown(results, scenarios) {
  const { durationSeconds, warmupSeconds, connections, postgres = POSTGRES_BEFORE_DURABLE } = results.settings;
  const { tableLines, underTableLines: underTable } = resultLines(results);
  const machine = `${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GiB, Node ${results.machine.node}, load average ${results.machine.loadAverageAtStart.join(' / ')} at start`;
  const correctness = results.scenarios
    .filter((s) => s.correctness)
    .map((s) => `- ${s.title}: ${Object.entries(s.correctness).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const ownTiming = scenarios
    .filter((s) => s.warmupSeconds !== undefined || s.durationSeconds !== undefined)
    .map((s) => `${s.name}: ${s.warmupSeconds ?? warmupSeconds} s + ${s.durationSeconds ?? durationSeconds} s`)
    .join(', ');
  // The analysis (what was changed, what each number means, what is not met) lives in results-notes.md.
  const notesFile = join(BENCH_DIR, 'results-notes.md');
  const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, 'utf8')}` : '';
  writeFileSync(
    join(BENCH_DIR, 'RESULTS.md'),
    `# Benchmark results\n\nLatest run: ${results.startedAt} on ${machine} (shared machine: compare ratios, not absolute numbers).\n` +
      `${connections} connections, ${warmupSeconds} s warm-up, ${durationSeconds} s measured${ownTiming ? ` (${ownTiming})` : ''}; gateway in production mode, one process; ${postgres}.\n\n${tableLines.join('\n')}\n` +
      (underTable.length ? `\n${underTable.join('\n')}\n` : '') +
      (correctness.length ? `\nChecked in the database after the run:\n\n${correctness.join('\n')}\n` : '') +
      notes +
      // The front-end section comes from its own run (npm run bench:frontend, bench/results/frontend.md).
      (frontendSection() ? `\n${frontendSection()}` : ''),
  );
}
