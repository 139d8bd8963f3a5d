import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leastStolen, machineTicks, STEAL_FLAG_PERCENT, watchMachine } from './process-stats.mjs';

// user nice system idle iowait irq softirq steal guest guest_nice
const stat = (fields) => `cpu  ${fields.join(' ')} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 12345\n`;

describe('machineTicks', () => {
  it("reads the machine's first line only, idle with iowait, steal apart", () => {
    expect(machineTicks(stat([100, 5, 50, 800, 20, 0, 10, 15]))).toEqual({ total: 1000, idle: 820, steal: 15 });
  });
});

describe('watchMachine', () => {
  it('gives steal and idle as shares of all CPU time between start and stop', () => {
    const readings = [stat([100, 0, 50, 800, 0, 0, 0, 50]), stat([400, 0, 150, 1000, 0, 0, 0, 250])];
    const watch = watchMachine(() => readings.shift());
    // 800 ticks passed: 300 user, 100 system, 200 idle, 200 steal.
    expect(watch.stop()).toEqual({ stealPercent: 25, idlePercent: 25 });
  });

  it('says nothing (NaN) when no time passed, instead of dividing by zero', () => {
    const watch = watchMachine(() => stat([1, 1, 1, 1, 1, 1, 1, 1]));
    const { stealPercent, idlePercent } = watch.stop();
    expect(Number.isNaN(stealPercent) && Number.isNaN(idlePercent)).toBe(true);
  });

  it("reads this machine's /proc/stat", () => {
    const ticks = machineTicks(readFileSync('/proc/stat', 'utf8'));
    expect(ticks.total).toBeGreaterThan(0);
    expect(ticks.idle + ticks.steal).toBeLessThanOrEqual(ticks.total);
  });
});

describe('leastStolen', () => {
  const measuring = (steals) => {
    const calls = [];
    const measure = async () => {
      const stealPercent = steals[calls.length];
      calls.push(stealPercent);
      return { requestsPerSecond: 1000 + calls.length, machine: { stealPercent } };
    };
    return { measure, calls };
  };

  it('measures once when the host took no more than the threshold', async () => {
    const { measure, calls } = measuring([STEAL_FLAG_PERCENT, 0]);
    expect(await leastStolen(measure)).toEqual({ requestsPerSecond: 1001, machine: { stealPercent: STEAL_FLAG_PERCENT } });
    expect(calls).toHaveLength(1);
  });

  it('measures again while steal is high, keeps the least stolen and lists the others', async () => {
    const { measure, calls } = measuring([17, 2, 0]);
    const retried = [];
    const kept = await leastStolen(measure, { onRetry: (steal) => retried.push(steal) });
    expect(calls).toEqual([17, 2]);
    expect(retried).toEqual([17]);
    expect(kept).toEqual({ requestsPerSecond: 1002, machine: { stealPercent: 2 }, discarded: [{ requestsPerSecond: 1001, stealPercent: 17 }] });
  });

  it('stops after `retries` more and keeps the least stolen of all', async () => {
    const { measure, calls } = measuring([12, 8, 30, 0]);
    const kept = await leastStolen(measure, { retries: 2 });
    expect(calls).toEqual([12, 8, 30]);
    expect(kept.requestsPerSecond).toBe(1002);
    expect(kept.discarded.map((d) => d.stealPercent)).toEqual([12, 30]);
  });
});
