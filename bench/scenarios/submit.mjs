// 信息确认 → 提交: the real submitApplication mutation, one per prepared draft (each sent once). Most
// drafts chose an unlimited 报名点; every 10th chose one of the small (capacity 5) points, so those fill
// under contention. Afterwards: every acknowledged submit is SUBMITTED and holds its place, the places
// taken equal the submitted applications per point, and no point is over capacity.
import { OPS, preparedDrafts, withPool } from '../lib/candidates.mjs';

// Enough for ~7,500 submits/s over warm-up and measurement (the pg-insert baseline's rate on the faster
// host of 3 December: 30,000 ran out there); running out fails the run's check.
const DRAFTS = Number(process.env.BENCH_SUBMIT_DRAFTS ?? 100000);

export default {
  name: 'submit',
  title: 'candidate: submit an application (提交, takes a 报名点 place)',
  baseline: 'pg-insert',
  target: { ratio: 0.5 },
  async prepare(ctx) {
    const { drafts } = await withPool(ctx.databaseUrl, (pool) =>
      preparedDrafts(ctx, pool, DRAFTS, (i, points) => {
        const small = points.filter((p) => p.capacity !== null);
        const unlimited = points.filter((p) => p.capacity === null);
        return i % 10 === 0 && small.length ? small[(i / 10) % small.length] : unlimited[i % unlimited.length];
      }),
    );
    const request = (d) => ({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', cookie: d.cookie },
      body: JSON.stringify({ query: OPS.submit, variables: { id: d.applicationId } }),
    });
    return {
      url: ctx.gatewayUrl,
      uniqueRequests: drafts.map(request),
      // Out of drafts: a cheap public read, so the run never sends a submit twice.
      whenExhausted: { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) },
      collect: '"submitApplication":\\{"ok":true,"errorCode":null,"application":\\{"id":"([0-9a-f-]{36})"',
      drafts: drafts.length,
    };
  },
  async verify({ databaseUrl, measured, plan }) {
    const correctness = await withPool(databaseUrl, (pool) => verifySubmits(pool, measured.collected ?? []));
    const draftsExhausted = measured.uniqueExhausted ?? 0;
    return { correctness: { draftsPrepared: plan.drafts, draftsExhausted, ...correctness, ok: correctness.ok && draftsExhausted === 0 } };
  },
};

/**
 * Every acknowledged submit is SUBMITTED and holds its place, no point is over capacity, and every
 * point's `taken` equals the live applications holding it (also used by the rush scenario).
 */
export async function verifySubmits(pool, acknowledged) {
  const { rows: [stored] } = await pool.query(
    `select count(*)::int as n from application where id = any($1::uuid[]) and status = 'SUBMITTED' and held_point_id is not null`,
    [acknowledged],
  );
  const { rows: over } = await pool.query(`select id from registration_point where capacity is not null and taken > capacity`);
  const { rows: mismatch } = await pool.query(
    `select p.id, p.taken, count(a.id)::int as held from registration_point p
       left join application a on a.held_point_id = p.id and a.status <> 'WITHDRAWN'
      group by p.id having p.taken <> count(a.id)`,
  );
  const { rows: [submitted] } = await pool.query(`select count(*)::int as n from application where status = 'SUBMITTED'`);
  return {
    acknowledgedSubmits: acknowledged.length,
    acknowledgedFoundSubmitted: stored.n,
    lostSubmits: acknowledged.length - stored.n,
    submittedInDb: submitted.n,
    pointsOverCapacity: over.length,
    pointsWhereTakenDiffersFromHeld: mismatch.length,
    ok: stored.n === acknowledged.length && over.length === 0 && mismatch.length === 0,
  };
}
