import { describe, expect, it } from 'vitest';
import { median, summarizeRuns, summaryLines } from './repeat-summary.mjs';

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones, of the finite values', () => {
    expect(median([0.63, 0.3, 0.47])).toBe(0.47);
    expect(median([0.3, 0.6, 0.4, 0.5])).toBeCloseTo(0.45);
    expect(median([0.4, NaN, null, 0.6, 0.5])).toBe(0.5);
    expect(median([])).toBeNaN();
  });
});

const scenario = (name, ratio, extra = {}) => ({
  name,
  title: `title of ${name}`,
  target: { ratio: 0.5 },
  requestsPerSecond: ratio * 2000,
  ratio,
  cpuRatio: ratio - 0.05,
  meetsTarget: ratio >= 0.5,
  machine: { stealPercent: 1 },
  ...extra,
});

describe('summarizeRuns', () => {
  const runs = [
    { startedAt: 'a', scenarios: [scenario('submit', 0.63), scenario('payment', 0.41)] },
    { startedAt: 'b', scenarios: [scenario('submit', 0.3), scenario('payment', 0.34)] },
    { startedAt: 'c', scenarios: [scenario('submit', 0.55), scenario('payment', 0.39)] },
  ];

  it("gives each scenario's runs in order and their medians; the target is judged on the median ratio", () => {
    const [submit, payment] = summarizeRuns(runs);
    expect(submit.runs.map((r) => r.ratio)).toEqual([0.63, 0.3, 0.55]);
    expect(submit.medianRatio).toBe(0.55);
    expect(submit.medianCpuRatio).toBeCloseTo(0.5);
    expect(submit.medianRequestsPerSecond).toBe(1100);
    expect(submit.medianMeetsRatioTarget).toBe(true);
    expect(payment.medianRatio).toBe(0.39);
    expect(payment.medianMeetsRatioTarget).toBe(false);
  });

  it('has no ratio verdict for a scenario without a ratio target (the rush)', () => {
    const [rush] = summarizeRuns([{ startedAt: 'a', scenarios: [scenario('rush', null, { target: { errorRate: 0 }, ratio: null, cpuRatio: null, requestsPerSecond: 203 })] }]);
    expect(rush.medianRatio).toBeNaN();
    expect(rush.medianMeetsRatioTarget).toBeNull();
    expect(summaryLines([rush])[2]).toBe('| title of rush | 1 | — | — | — | 203 | — | — |');
  });

  it('prints one row per scenario with every run', () => {
    const lines = summaryLines(summarizeRuns(runs));
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('| title of submit | 3 | 0.63×, 0.30×, 0.55× | 0.55× | 0.50× | 1100 | ≥ 0.5× | yes |');
    expect(lines[3]).toContain('| 0.41×, 0.34×, 0.39× | 0.39× |');
  });
});
