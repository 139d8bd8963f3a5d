// Runs autocannon in its own process so the load generator never shares an event loop with the server
// or the orchestrator. Reads its options as JSON from argv[2] and prints a JSON summary.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);

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
  }),
);
