// What several runs of the same scenarios say together (bench/repeat.mjs): on a shared virtual machine
// one run's ratio moves by a third either way with the host's load (bench/results-notes.md, round 10).
import { fmt, ratioText } from './results-report.mjs';

export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Per scenario (in the order first seen): each run's ratio and req/s, their medians, and whether the median ratio meets the target. */
export function summarizeRuns(runs) {
  const byName = new Map();
  for (const run of runs) {
    for (const s of run.scenarios) {
      const entry = byName.get(s.name) ?? { name: s.name, title: s.title, target: s.target, runs: [] };
      entry.runs.push({ startedAt: run.startedAt, requestsPerSecond: s.requestsPerSecond, ratio: s.ratio, cpuRatio: s.cpuRatio, stealPercent: s.machine?.stealPercent, meetsTarget: s.meetsTarget });
      byName.set(s.name, entry);
    }
  }
  return [...byName.values()].map((entry) => {
    const medianRatio = median(entry.runs.map((r) => r.ratio));
    return {
      ...entry,
      medianRatio,
      medianCpuRatio: median(entry.runs.map((r) => r.cpuRatio)),
      medianRequestsPerSecond: median(entry.runs.map((r) => r.requestsPerSecond)),
      medianMeetsRatioTarget: entry.target.ratio === undefined ? null : medianRatio >= entry.target.ratio,
    };
  });
}

export function summaryLines(summary) {
  return [
    '| scenario | runs | ratio of each run | median ratio | median ratio per CPU-s | median req/s | target | median meets the ratio target |',
    '|---|---|---|---|---|---|---|---|',
    ...summary.map(
      (s) =>
        `| ${s.title} | ${s.runs.length} | ${s.runs.map((r) => ratioText(r.ratio)).join(', ')} | ${ratioText(s.medianRatio)} | ${ratioText(s.medianCpuRatio)} | ${fmt(s.medianRequestsPerSecond)} | ${s.target.ratio === undefined ? '—' : `≥ ${s.target.ratio}×`} | ${s.medianMeetsRatioTarget === null ? '—' : s.medianMeetsRatioTarget ? 'yes' : 'no'} |`,
    ),
  ];
}
