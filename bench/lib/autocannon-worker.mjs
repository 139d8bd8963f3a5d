// Runs autocannon in its own process so the load generator never shares an event loop with the server
// or the orchestrator. Reads its options from the JSON file named by argv[2] and prints a JSON summary.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const options = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// `uniqueRequests`: each is sent once over the whole run (warm-up included), e.g. one submit per
// prepared application; autocannon's `requests` would replay the same list on every connection.
// `collect`: a regex with one group, read from every 2xx body (acknowledged ids, checked afterwards).
const collected = [];
/** Requests sent after the unique ones ran out (the scenario prepared too few: its numbers are then not the scenario's). */
let uniqueExhausted = 0;
const collectRegex = options.collect ? new RegExp(options.collect) : null;
if (options.uniqueRequests) {
  const pool = options.uniqueRequests;
  let next = 0;
  delete options.uniqueRequests;
  options.requests = [
    {
      setupRequest: (req) => {
        const unique = pool[next++];
        if (!unique) uniqueExhausted += 1;
        return { ...req, ...(unique ?? options.whenExhausted) };
      },
      onResponse: (status, body) => {
        if (collectRegex && status >= 200 && status < 300) {
          const m = collectRegex.exec(body);
          if (m) collected.push(m[1]);
        }
      },
    },
  ];
}

// `rotatingRequests`: handed out in turn over all connections, round and round: consecutive requests
// go to different candidates, so one candidate's requests follow each other as from one browser.
// (`requests` replays the same list on every connection in step: 50 connections would ask for the
// same candidate at the same instant, like 50 tabs of one candidate.)
if (options.rotatingRequests) {
  const pool = options.rotatingRequests;
  let next = 0;
  delete options.rotatingRequests;
  options.requests = [{ setupRequest: (req) => ({ ...req, ...pool[next++ % pool.length] }) }];
}

// `sequence`: { module, options }: a module whose `createSequence(options)` returns { requests, startMeasuring, summary }:
// autocannon request sequences whose steps depend on earlier answers (a cookie from 登录, an order
// number to sign a notification for), built here because functions cannot travel as JSON.
let sequence = null;
if (options.sequence) {
  const { createSequence } = await import(pathToFileURL(options.sequence.module).href);
  sequence = createSequence(options.sequence.options);
  options.requests = sequence.requests;
  delete options.sequence;
}

function run(duration, onTracker) {
  return new Promise((resolve, reject) => {
    const tracker = autocannon({ ...options, duration }, (err, result) => (err ? reject(err) : resolve(result)));
    onTracker?.(tracker);
  });
}

/** This process's CPU (user + system) over the measured part, as % of one core: the load generator's share of the machine. */
function cpuWatch() {
  const start = process.cpuUsage();
  const startedAt = process.hrtime.bigint();
  return () => {
    const used = process.cpuUsage(start);
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    return { cpuPercent: ((used.user + used.system) / 1e6 / seconds) * 100 };
  };
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/**
 * A journey outlives a short run and autocannon starts its connections afresh on every run, so a
 * sequence runs once for warm-up + duration and only the part after the warm-up is measured here.
 */
async function measuredAfterWarmup() {
  let measuring = false;
  const latencies = [];
  const statusCodes = {};
  let errors = 0;
  let timeouts = 0;
  let cpuSinceMeasuring;
  setTimeout(() => {
    measuring = true;
    cpuSinceMeasuring = cpuWatch();
    sequence.startMeasuring?.();
  }, options.warmupSeconds * 1000);
  await run(options.warmupSeconds + options.durationSeconds, (tracker) => {
    tracker.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (!measuring) return;
      latencies.push(responseTime);
      statusCodes[statusCode] = { count: (statusCodes[statusCode]?.count ?? 0) + 1 };
    });
    tracker.on('reqError', (err) => {
      if (!measuring) return;
      errors++;
      if (/timed out/.test(err?.message)) timeouts++;
    });
  });
  const loadGenerator = cpuSinceMeasuring?.() ?? { cpuPercent: NaN };
  latencies.sort((a, b) => a - b);
  return {
    loadGenerator,
    requestsPerSecond: latencies.length / options.durationSeconds,
    totalRequests: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
    timeouts,
    non2xx: Object.entries(statusCodes).filter(([code]) => Number(code) < 200 || Number(code) >= 300).reduce((n, [, v]) => n + v.count, 0),
    statusCodes,
  };
}

async function warmupThenMeasure() {
  if (options.warmupSeconds > 0) await run(options.warmupSeconds);
  const cpu = cpuWatch();
  const result = await run(options.durationSeconds);
  return {
    loadGenerator: cpu(),
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
  };
}

const measured = sequence ? await measuredAfterWarmup() : await warmupThenMeasure();
process.stdout.write(
  JSON.stringify({
    ...measured,
    ...(collectRegex ? { collected } : {}),
    ...(options.whenExhausted ? { uniqueExhausted } : {}),
    ...(sequence ? { sequence: sequence.summary() } : {}),
  }),
);
