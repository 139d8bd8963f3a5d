// Building blocks for request sequences that run inside the autocannon worker (see `sequence` in
// autocannon-worker.mjs): each autocannon connection walks the steps in order with its own context, and
// a step's answer feeds the next (cookie, order number). A step that answers unexpectedly ends the
// journey there: its remaining steps are skipped and the next cycle starts a fresh journey.
import { sign } from 'node:crypto';

export const SESSION_COOKIE = 'ccap_sid';

/**
 * Counts per run: journeys completed (all of the run, and those of the measured part only), failures
 * per step with a few sample answers, expected refusals (e.g. 报名点已满) and acknowledged writes
 * (ids the bench checks in the database afterwards).
 */
export function createTally() {
  let measuring = false;
  const t = { journeysCompleted: 0, journeysCompletedMeasured: 0, journeysFailed: 0, journeysFailedMeasured: 0, poolExhausted: 0, failures: {}, expected: {}, acknowledged: {} };
  return {
    startMeasuring: () => (measuring = true),
    journeyCompleted() {
      t.journeysCompleted += 1;
      if (measuring) t.journeysCompletedMeasured += 1;
    },
    failed(step, status, body) {
      t.journeysFailed += 1;
      if (measuring) t.journeysFailedMeasured += 1;
      const f = (t.failures[step] ??= { count: 0, samples: [] });
      f.count += 1;
      if (f.samples.length < 3) f.samples.push(`${status} ${String(body).slice(0, 300)}`);
    },
    expected(what) {
      t.expected[what] = (t.expected[what] ?? 0) + 1;
    },
    acknowledge(kind, value) {
      (t.acknowledged[kind] ??= []).push(value);
    },
    exhausted: () => (t.poolExhausted += 1),
    summary: () => t,
  };
}

/** Hands out each prepared item once over the whole run (all connections). */
export function oncePool(items) {
  let next = 0;
  return { take: () => items[next++] ?? null, taken: () => Math.min(next, items.length) };
}

export function graphqlRequest(query, variables, cookie) {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  };
}

/** The root field's value of a 200 GraphQL answer without errors, else undefined. */
export function rootField(status, body, field) {
  if (status !== 200) return undefined;
  try {
    const parsed = JSON.parse(body);
    if (parsed.errors) return undefined;
    return parsed.data?.[field];
  } catch {
    return undefined;
  }
}

/** `ccap_sid=<token>` from a Set-Cookie answer (header names as the server wrote them). */
export function sessionCookieOf(headers) {
  const name = Object.keys(headers).find((k) => k.toLowerCase() === 'set-cookie');
  const values = [headers[name] ?? []].flat();
  const cookie = values.map((v) => String(v).split(';')[0]).find((v) => v.startsWith(`${SESSION_COOKIE}=`) && v.length > SESSION_COOKIE.length + 1);
  return cookie ?? null;
}

/**
 * A step of a journey. `request(ctx)` builds it (null: skip the rest of this journey); `check(status,
 * body, ctx, headers)` answers true (go on), 'expected:<what>' (a refusal the product intends; the
 * journey goes on) or false (the journey failed here).
 */
export function step(name, tally, { request, check }) {
  return {
    setupRequest: (req, ctx) => {
      if (ctx.failed) return null;
      const built = request(ctx);
      return built ? { ...req, ...built } : null;
    },
    onResponse: (status, body, ctx, headers) => {
      if (ctx.failed) return;
      const verdict = check(status, body, ctx, headers ?? {});
      if (typeof verdict === 'string' && verdict.startsWith('expected:')) tally.expected(verdict.slice(9));
      else if (!verdict) {
        ctx.failed = true;
        tally.failed(name, status, body);
      }
    },
  };
}

/**
 * The first step of a sequence that gives each prepared item (`pool`) to one cycle only, as
 * `ctx[key]`. Once they are all used it sends a cheap read and skips the rest of the cycle, so nothing
 * is ever sent twice (the run reports `poolExhausted`, which fails its check).
 */
export function takingFirst(pool, tally, key, first) {
  return {
    ...first,
    setupRequest: (req, ctx) => {
      ctx[key] = pool.take();
      if (!ctx[key]) {
        tally.exhausted();
        ctx.failed = true;
        return { ...req, ...graphqlRequest('{ __typename }') };
      }
      return first.setupRequest(req, ctx);
    },
  };
}

/** The channel's side of a payment: the notification body for a paid order, signed over its raw bytes. */
export function signedNotification({ privateKey, merchantId, channelSlug }, order) {
  const body = JSON.stringify({
    merchantId,
    orderNo: order.orderNo,
    tradeNo: `BENCH${order.orderNo}`,
    amountFen: order.amountFen,
    tradeStatus: 'SUCCESS',
    paidAt: new Date().toISOString(),
    notifyId: order.orderNo.slice(-8),
  });
  return {
    method: 'POST',
    path: `/api/payments/notify/${channelSlug}`,
    headers: { 'content-type': 'application/json', 'x-ccap-sim-signature': sign('sha256', Buffer.from(body), privateKey).toString('base64') },
    body,
  };
}
