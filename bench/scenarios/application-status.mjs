// A signed-in candidate looking at 报名状态 (myApplication, the fields the status page shows), many
// candidates at once: session lookup, the application row, its history, uploads and steps.
import { OPS, preparedDrafts, withPool } from '../lib/candidates.mjs';

const CANDIDATES = Number(process.env.BENCH_STATUS_CANDIDATES ?? 500);

export default {
  name: 'application-status',
  title: `candidate: own application status (authenticated, ${CANDIDATES} candidates)`,
  baseline: 'apollo-trivial',
  target: { ratio: 0.3 },
  async prepare(ctx) {
    const { unit, drafts } = await withPool(ctx.databaseUrl, (pool) => preparedDrafts(ctx, pool, CANDIDATES, (i, points) => points.filter((p) => p.capacity === null)[i % 3]));
    const requests = drafts.map((d) => ({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', cookie: d.cookie },
      body: JSON.stringify({ query: OPS.mine, variables: { examId: unit.examId } }),
    }));
    // A response without the application (a session refused, say) would be a fast wrong answer: check one.
    const sample = await fetch(`${ctx.gatewayUrl}/graphql`, requests[0]).then((r) => r.text());
    if (!sample.includes('"currentStep":"CONFIRM"')) throw new Error(`application-status: unexpected answer ${sample.slice(0, 300)}`);
    // Each candidate is one browser: their requests come one after another, never 50 at the same instant.
    return { url: ctx.gatewayUrl, rotatingRequests: requests };
  },
};
