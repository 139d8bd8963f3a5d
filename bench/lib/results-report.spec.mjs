import { describe, expect, it } from 'vitest';
import { STEAL_FLAG_PERCENT } from './process-stats.mjs';
import { resultLines } from './results-report.mjs';

const measurement = (rps, stealPercent) => ({
  requestsPerSecond: rps,
  p50Ms: 10,
  p99Ms: 30,
  server: { cpuPercent: 70, peakRssMb: 100 },
  postgres: { cpuPercent: 60 },
  ...(stealPercent === undefined ? {} : { machine: { stealPercent, idlePercent: 10 } }),
});

function run({ scenarioSteal, beforeSteal, afterSteal }) {
  const baseline = measurement(2000, beforeSteal);
  return {
    baselines: { 'pg-insert': baseline },
    scenarios: [
      {
        name: 'submit',
        title: 'candidate: submit',
        baseline: 'pg-insert',
        target: { ratio: 0.5 },
        ratio: 0.55,
        cpuRatio: 0.5,
        meetsTarget: true,
        errors: 0,
        non2xx: 0,
        ...measurement(1100, scenarioSteal),
        baselineRuns: [
          { requestsPerSecond: 2000, stealPercent: beforeSteal },
          { requestsPerSecond: 2000, stealPercent: afterSteal },
        ],
      },
    ],
  };
}

describe('host steal in the results', () => {
  it("shows each measurement's steal, the scenario's with its baselines'", () => {
    const { tableLines } = resultLines(run({ scenarioSteal: 1.2, beforeSteal: 0.4, afterSteal: 3 }));
    expect(tableLines[0]).toContain('| host steal % (baselines) |');
    expect(tableLines[2]).toMatch(/^\| baseline: pg-insert \|.*\| 0 \| — \|/);
    expect(tableLines[3]).toContain('| 1 (0 / 3) | pg-insert |');
  });

  it(`flags every measurement above ${STEAL_FLAG_PERCENT}%, naming which`, () => {
    const { stealLines } = resultLines(run({ scenarioSteal: 2, beforeSteal: 1, afterSteal: 17 }));
    expect(stealLines).toHaveLength(1);
    expect(stealLines[0]).toContain('pg-insert after submit 17.0%');
    expect(stealLines[0]).not.toContain('before');
    expect(resultLines(run({ scenarioSteal: 9, beforeSteal: 6, afterSteal: 0 })).stealLines[0]).toContain('submit 9.0%, pg-insert before submit 6.0%');
  });

  it('lists the baselines measured again for steal, with the steal of the one kept and of the others', () => {
    const results = run({ scenarioSteal: 0, beforeSteal: 2, afterSteal: 1 });
    results.scenarios[0].baselineRuns[0].discardedForSteal = [{ requestsPerSecond: 1500, stealPercent: 17 }, { requestsPerSecond: 1800, stealPercent: 9 }];
    const { stealLines } = resultLines(results);
    expect(stealLines).toEqual(['- baselines measured again for host steal (the least stolen counts): pg-insert before submit (2.0% kept; 17.0%, 9.0% not)']);
  });

  it('flags nothing at or below the threshold, nor in runs recorded before steal was', () => {
    expect(resultLines(run({ scenarioSteal: STEAL_FLAG_PERCENT, beforeSteal: 0, afterSteal: 2 })).stealLines).toEqual([]);
    const old = resultLines(run({}));
    expect(old.stealLines).toEqual([]);
    expect(old.tableLines[3]).toContain('| — (— / —) |');
  });
});

describe('CPU per request in the results', () => {
  it("gives the server's, PostgreSQL's and the load generator's milliseconds per request", () => {
    const results = run({ scenarioSteal: 0, beforeSteal: 0, afterSteal: 0 });
    // 1,100 req/s: 70% of a core is 0.64 ms a request, 60% 0.55 ms, 44% 0.40 ms.
    results.scenarios[0].loadGenerator = { cpuPercent: 44 };
    const { tableLines } = resultLines(results);
    expect(tableLines[0]).toContain('| CPU ms per request: server + DB + load generator |');
    expect(tableLines[3]).toContain('| 0.64 + 0.55 + 0.40 |');
    // The baseline (and every run before the load generator was measured) has no such figure.
    expect(tableLines[2]).toContain('| 0.35 + 0.30 + — |');
  });
});
