// CPU and memory of a server process, read from /proc while a load runs (Linux only).
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

function cpuTicks(pid) {
  // Fields after the command name (which may hold spaces) start at index 2 in `stat`.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Samples `pid` until stop(); answers the average CPU (100 = one core) and the peak resident memory. */
export function watchProcess(pid, intervalMs = 200) {
  const startedAt = process.hrtime.bigint();
  const startTicks = cpuTicks(pid);
  let peakRss = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, rssBytes(pid));
    } catch {
      // the process ended; stop() reports what was seen
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      let ticks = 0;
      try {
        ticks = cpuTicks(pid) - startTicks;
        peakRss = Math.max(peakRss, rssBytes(pid));
      } catch {
        // ended
      }
      return { cpuPercent: (ticks / CLOCK_TICKS_PER_SECOND / seconds) * 100, peakRssMb: peakRss / 1024 / 1024 };
    },
  };
}

function commandName(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** CPU ticks of every live process called `name`, by pid. */
function ticksByPid(name) {
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || commandName(entry) !== name) continue;
    try {
      ticks.set(entry, cpuTicks(entry));
    } catch {
      // ended while listed
    }
  }
  return ticks;
}

/** The machine's CPU time in /proc/stat's text, summed over its cores (its first line), in ticks. */
export function machineTicks(procStat) {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = procStat.split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, steal };
}

/**
 * The whole machine until stop(), as percentages of all its CPU time: `stealPercent` is time the
 * virtual machine's host gave to other guests while this one wanted to run. On these shared hosts it
 * comes and goes within minutes (0 to 20% seen within one run); a measurement taken while it was high
 * got less of the machine than its neighbours, and its ratio says more of the host than of the code.
 */
export function watchMachine(readProcStat = () => readFileSync('/proc/stat', 'utf8')) {
  const before = machineTicks(readProcStat());
  return {
    stop() {
      const now = machineTicks(readProcStat());
      const total = now.total - before.total;
      const percent = (ticks) => (total > 0 ? (ticks / total) * 100 : NaN);
      return { stealPercent: percent(now.steal - before.steal), idlePercent: percent(now.idle - before.idle) };
    },
  };
}

/** Above this share of the machine's CPU time taken by the host, a measurement is flagged (or, for a baseline, taken again). */
export const STEAL_FLAG_PERCENT = 5;

/**
 * `measure()` (which answers `machine.stealPercent`, as from watchMachine), taken again while the host
 * took more than STEAL_FLAG_PERCENT of the machine, at most `retries` more times; the one with the least
 * steal is answered, with the others' rate and steal as `discarded`. For baselines: one that got less
 * of the machine would flatter the scenario compared with it.
 */
export async function leastStolen(measure, { retries = 2, onRetry = () => {} } = {}) {
  const steal = (m) => m.machine?.stealPercent ?? 0;
  const tries = [await measure()];
  while (steal(tries.at(-1)) > STEAL_FLAG_PERCENT && tries.length <= retries) {
    onRetry(steal(tries.at(-1)));
    tries.push(await measure());
  }
  const kept = tries.reduce((a, b) => (steal(b) < steal(a) ? b : a));
  const discarded = tries.filter((t) => t !== kept).map((t) => ({ requestsPerSecond: t.requestsPerSecond, stealPercent: steal(t) }));
  return discarded.length ? { ...kept, discarded } : kept;
}

/**
 * CPU of all PostgreSQL processes (the server and its backends) until stop(), 100 = one core.
 * A backend that ends in between loses its ticks; the pools keep theirs open for the whole run.
 */
export function watchDatabase(name = 'postgres') {
  const startedAt = process.hrtime.bigint();
  const before = ticksByPid(name);
  return {
    stop() {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      let ticks = 0;
      for (const [pid, now] of ticksByPid(name)) ticks += now - (before.get(pid) ?? 0);
      return { cpuPercent: (ticks / CLOCK_TICKS_PER_SECOND / seconds) * 100 };
    },
  };
}
