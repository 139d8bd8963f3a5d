// 网上缴费: a candidate with an approved application presses 生成订单 (the real createPaymentOrder
// mutation), then the channel notifies the gateway that it was paid (POST /api/payments/notify/alipay,
// RSA-SHA256 over the raw body with the channel simulator's key, as a real channel would sign it).
// Each prepared application is used once. Afterwards: every acknowledged order is in the database for
// its application, every acknowledged notification left its order and application PAID with the
// history and notification recorded, and no application has two paid orders.
import { createPrivateKey } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { approveDrafts, preparedDrafts, withPool } from '../lib/candidates.mjs';
import { createTally, graphqlRequest, oncePool, rootField, signedNotification, step, takingFirst } from '../lib/sequence.mjs';

// Enough for ~3,000 payments/s over warm-up and measurement; running out fails the run's check.
const APPLICATIONS = Number(process.env.BENCH_PAYMENT_APPLICATIONS ?? 40000);

export const CREATE_ORDER = `mutation($id: ID!, $channel: PaymentChannelCode!) {
  createPaymentOrder(applicationId: $id, channel: $channel) { ok errorCode message created payment { state order { orderNo amountFen status expiresAt } payUrl } } }`;

/** The channel (the simulator's key and merchant id, as the gateway under test is configured). */
export function channelOf(gatewayEnv) {
  if (!gatewayEnv.PAYMENT_SIM_PRIVATE_KEY) throw new Error('the bench gateway needs PAYMENT_SIM_PRIVATE_KEY (set in bench/run.mjs)');
  return { privateKeyPem: gatewayEnv.PAYMENT_SIM_PRIVATE_KEY, merchantId: gatewayEnv.PAYMENT_SIM_MERCHANT_ID ?? 'CCAP-SIM-0001', channelSlug: 'alipay' };
}

/** 生成订单 then the signed notification: the two steps both the payment and the rush scenario run. */
export function paymentSteps(tally, channel, payerOf) {
  const signing = { ...channel, privateKey: createPrivateKey(channel.privateKeyPem) };
  return [
    step('createPaymentOrder', tally, {
      request: (ctx) => graphqlRequest(CREATE_ORDER, { id: payerOf(ctx).applicationId, channel: 'ALIPAY' }, payerOf(ctx).cookie),
      check: (status, body, ctx) => {
        const result = rootField(status, body, 'createPaymentOrder');
        const order = result?.payment?.order;
        if (!result?.ok || !result.created || order?.status !== 'PENDING' || !result.payment.payUrl) return false;
        ctx.order = { orderNo: order.orderNo, amountFen: order.amountFen };
        tally.acknowledge('orders', `${payerOf(ctx).applicationId} ${order.orderNo}`);
        return true;
      },
    }),
    step('paymentNotification', tally, {
      request: (ctx) => signedNotification(signing, ctx.order),
      check: (status, body, ctx) => {
        if (status !== 200 || !body.includes('"SUCCESS"')) return false;
        tally.acknowledge('payments', ctx.order.orderNo);
        tally.journeyCompleted();
        return true;
      },
    }),
  ];
}

/** Runs in the autocannon worker. */
export function createSequence({ payers, channel }) {
  const tally = createTally();
  const [order, notify] = paymentSteps(tally, channel, (ctx) => ctx.payer);
  const first = takingFirst(oncePool(payers), tally, 'payer', order);
  return { requests: [first, notify], startMeasuring: tally.startMeasuring, summary: tally.summary };
}

/** Every acknowledged order and payment is in the database as acknowledged. */
export async function verifyPayments(pool, acknowledged) {
  const orders = (acknowledged.orders ?? []).map((line) => line.split(' '));
  const payments = acknowledged.payments ?? [];
  const { rows: [ordersFound] } = await pool.query(
    `select count(*)::int as n from payment_order o join unnest($1::uuid[], $2::text[]) as a(app, no) on o.application_id = a.app and o.order_no = a.no`,
    [orders.map((o) => o[0]), orders.map((o) => o[1])],
  );
  const { rows: [paidFound] } = await pool.query(
    `select count(*)::int as n from payment_order o join application a on a.id = o.application_id
      where o.order_no = any($1::text[]) and o.status = 'PAID' and o.channel_trade_no = 'BENCH' || o.order_no and a.status = 'PAID'
        and exists (select 1 from application_history h where h.application_id = a.id and h.to_status = 'PAID')
        and exists (select 1 from payment_notification n where n.order_no = o.order_no and n.outcome = 'ACCEPTED')`,
    [payments],
  );
  const { rows: doublePaid } = await pool.query(`select application_id from payment_order where status = 'PAID' group by application_id having count(*) > 1`);
  const { rows: [rejected] } = await pool.query(`select count(*)::int as n from payment_notification where outcome = 'REJECTED'`);
  return {
    acknowledgedOrders: orders.length,
    acknowledgedOrdersFound: ordersFound.n,
    acknowledgedPayments: payments.length,
    acknowledgedPaymentsFoundPaid: paidFound.n,
    lostOrders: orders.length - ordersFound.n,
    lostPayments: payments.length - paidFound.n,
    applicationsPaidTwice: doublePaid.length,
    notificationsRejected: rejected.n,
    ok: ordersFound.n === orders.length && paidFound.n === payments.length && doublePaid.length === 0 && rejected.n === 0,
  };
}

export default {
  name: 'payment',
  title: 'candidate: 生成订单 + signed payment notification (2 requests per payment)',
  baseline: 'pg-insert',
  target: { ratio: 0.5 },
  async prepare(ctx) {
    const { drafts } = await withPool(ctx.databaseUrl, async (pool) => {
      const prepared = await preparedDrafts(ctx, pool, APPLICATIONS, (i, points) => points.filter((p) => p.capacity === null)[i % 3]);
      await approveDrafts(pool, prepared.drafts);
      return prepared;
    });
    return {
      url: ctx.gatewayUrl,
      sequence: {
        module: fileURLToPath(import.meta.url),
        options: { payers: drafts.map((d) => ({ applicationId: d.applicationId, cookie: d.cookie })), channel: channelOf(ctx.gatewayEnv) },
      },
      prepared: drafts.length,
    };
  },
  async verify({ databaseUrl, measured, plan }) {
    const s = measured.sequence;
    const correctness = await withPool(databaseUrl, (pool) => verifyPayments(pool, s.acknowledged));
    return {
      paymentsPerSecond: s.journeysCompletedMeasured / measured.durationSeconds,
      failedPayments: s.journeysFailed,
      failures: s.failures,
      correctness: { applicationsPrepared: plan.prepared, poolExhausted: s.poolExhausted, failedSteps: s.journeysFailed, ...correctness, ok: correctness.ok && s.journeysFailed === 0 && s.poolExhausted === 0 },
    };
  },
};
