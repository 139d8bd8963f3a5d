// Runs autocannon in its own process so the load generator never shares an event loop with the server
// or the orchestrator. Reads its options from the JSON file named by argv[2] and prints a JSON summary.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const options = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// `uniqueRequests`: each is sent once over the whole run (warm-up included), e.g. one submit per
// prepared application; autocannon's `requests` would replay the same list on every connection.
// `collect`: a regex with one group, read from every 2xx body (acknowledged ids, checked afterwards).
const collected = [];
const collectRegex = options.collect ? new RegExp(options.collect) : null;
if (options.uniqueRequests) {
  const pool = options.uniqueRequests;
  let next = 0;
  delete options.uniqueRequests;
  options.requests = [
    {
      setupRequest: (req) => ({ ...req, ...(pool[next++] ?? options.whenExhausted) }),
      onResponse: (status, body) => {
        if (collectRegex && status >= 200 && status < 300) {
          const m = collectRegex.exec(body);
          if (m) collected.push(m[1]);
        }
      },
    },
  ];
}

function run(duration) {
  return new Promise((resolve, reject) => {
    autocannon({ ...options, duration }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

if (options.warmupSeconds > 0) await run(options.warmupSeconds);
const result = await run(options.durationSeconds);
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
    ...(collectRegex ? { collected } : {}),
  }),
);
