import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, TEST_OPS_HEADER, type TestGateway } from './support';
import { REVIEWERS, SEEDED_AT, startRegistrationGateway } from './registration-support';
import { approvedApplication, createOrder, notificationBody, postNotification, signBody, SIM_PRIVATE_PEM, waitFor } from './payment-support';

const clock = new FakeClock(SEEDED_AT); // 2026-11-26 12:00 China time
// 广东's payment window is open in the demo data (上海's opens later).
const GUANGDONG_REVIEWER = { id: '00000000-0000-4000-8000-0000000000d1', username: 'gd-reviewer', roles: ['REVIEWER' as const], unitCodes: ['440000'] };
let gw: TestGateway;

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock, opsPrincipals: { ...REVIEWERS, guangdong: GUANGDONG_REVIEWER }, env: { PAYMENT_SIM_PRIVATE_KEY: SIM_PRIVATE_PEM, PAYMENT_QUERY_AFTER_SECONDS: '60' } });
});
afterAll(() => gw?.close());

const db = () => gw.orm.em.getConnection();

const ORDERS = /* GraphQL */ `
  query($filter: PaymentOrderFilter) {
    paymentOrders(filter: $filter) {
      orderNo applicationId unitCode status amountFen channelTradeNo
      notifications { channel channelTradeNo orderNo amountFen source outcome reason deliveryCount }
    }
  }
`;
const RECONCILIATION = /* GraphQL */ `
  query($date: String!) { paymentReconciliation(date: $date) { kind orderNo channel orderStatus orderAmountFen channelAmountFen channelTradeNo } }
`;

async function asOps(who: 'beijing' | 'shanghai' | 'guangdong' | 'admin' | null, query: string, variables: Record<string, unknown>) {
  const { body } = await gw.graphql(query, variables, who ? { [TEST_OPS_HEADER]: who } : {});
  return body as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function orderIn(unitCode: string) {
  const { candidate, applicationId } = await approvedApplication(gw, clock.now(), { unitCode });
  const created = await createOrder(gw, candidate.cookie, applicationId);
  expect(created.ok, JSON.stringify(created)).toBe(true);
  return { applicationId, order: created.payment.order as { orderNo: string; amountFen: number }, payUrl: created.payment.payUrl as string };
}

let beijing: Awaited<ReturnType<typeof orderIn>>;
let guangdong: Awaited<ReturnType<typeof orderIn>>;

describe('paymentOrders (ops)', () => {
  beforeAll(async () => {
    clock.set(SEEDED_AT);
    beijing = await orderIn('110000');
    guangdong = await orderIn('440000');
    // The channel notifies twice (a retry) and a forged-amount notification arrives too: all three show up for ops.
    const body = notificationBody({ orderNo: beijing.order.orderNo, tradeNo: 'AL2026OPS000001', amountFen: beijing.order.amountFen, paidAt: clock.now() });
    for (let i = 0; i < 2; i++) expect((await postNotification(gw, body, signBody(body))).status).toBe(200);
    const wrongAmount = notificationBody({ orderNo: beijing.order.orderNo, tradeNo: 'AL2026OPS000002', amountFen: 1, paidAt: clock.now() });
    await postNotification(gw, wrongAmount, signBody(wrongAmount));
  });

  it('a reviewer sees only the orders of their units', async () => {
    const bj = await asOps('beijing', ORDERS, {});
    const units = new Set(bj.data.paymentOrders.map((o: any) => o.unitCode));
    expect([...units]).toEqual(['110000']);
    expect(bj.data.paymentOrders.map((o: any) => o.orderNo)).toContain(beijing.order.orderNo);

    const gd = await asOps('guangdong', ORDERS, {});
    expect(gd.data.paymentOrders.map((o: any) => o.orderNo)).toEqual([guangdong.order.orderNo]);
    // A unit without orders sees none; another unit's order looked up by number or application is not found.
    expect((await asOps('shanghai', ORDERS, {})).data.paymentOrders).toEqual([]);
    expect((await asOps('guangdong', ORDERS, { filter: { orderNo: beijing.order.orderNo } })).data.paymentOrders).toEqual([]);
    expect((await asOps('guangdong', ORDERS, { filter: { applicationId: beijing.applicationId } })).data.paymentOrders).toEqual([]);
  });

  it('a reviewer asking for another unit is refused; candidates and anonymous callers are too', async () => {
    const refused = await asOps('guangdong', ORDERS, { filter: { unitCode: '110000' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
    expect((await asOps(null, ORDERS, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an admin sees every unit and can filter by unit and status', async () => {
    const all = await asOps('admin', ORDERS, { filter: { limit: 200 } });
    const numbers = all.data.paymentOrders.map((o: any) => o.orderNo);
    expect(numbers).toEqual(expect.arrayContaining([beijing.order.orderNo, guangdong.order.orderNo]));
    const paid = await asOps('admin', ORDERS, { filter: { status: 'PAID' } });
    expect(paid.data.paymentOrders.map((o: any) => o.orderNo)).toEqual([beijing.order.orderNo]);
    const gd = await asOps('admin', ORDERS, { filter: { unitCode: '440000' } });
    expect(gd.data.paymentOrders.map((o: any) => o.orderNo)).toEqual([guangdong.order.orderNo]);
  });

  it('each order carries every notification received for it, repeats counted, rejected ones with their reason', async () => {
    const { data } = await asOps('beijing', ORDERS, { filter: { orderNo: beijing.order.orderNo.toLowerCase() } });
    expect(data.paymentOrders).toHaveLength(1);
    const [order] = data.paymentOrders;
    expect(order).toMatchObject({ status: 'PAID', channelTradeNo: 'AL2026OPS000001', applicationId: beijing.applicationId });
    expect(order.notifications).toEqual([
      expect.objectContaining({ channel: 'ALIPAY', channelTradeNo: 'AL2026OPS000001', source: 'NOTIFY', outcome: 'ACCEPTED', deliveryCount: 2, reason: null }),
      expect.objectContaining({ channelTradeNo: 'AL2026OPS000002', outcome: 'REJECTED', reason: 'AMOUNT_MISMATCH', amountFen: 1 }),
    ]);
    const gd = await asOps('admin', ORDERS, { filter: { orderNo: guangdong.order.orderNo } });
    expect(gd.data.paymentOrders[0].notifications).toEqual([]);
  });
});

describe('paymentReconciliation (ops)', () => {
  it('is for admins only, and checks the date', async () => {
    expect((await asOps('beijing', RECONCILIATION, { date: '2026-11-26' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await asOps(null, RECONCILIATION, { date: '2026-11-26' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await asOps('admin', RECONCILIATION, { date: '26.11.2026' });
    expect(bad.errors?.[0]).toMatchObject({ message: '日期格式应为 yyyy-mm-dd', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('lists a channel payment for a closed order on its China day, and nothing for a clean simulator payment', async () => {
    clock.set(SEEDED_AT);
    // Clean: paid through the simulator's checkout (its ledger and our order agree).
    const clean = await orderIn('110000');
    const form = new URLSearchParams(new URL(clean.payUrl, 'http://x').searchParams);
    form.set('action', 'pay');
    const paid = await fetch(`${gw.url}/api/pay-sim/checkout`, { method: 'POST', body: form, redirect: 'manual' });
    expect(paid.status).toBe(303);
    const settled = await waitFor(
      async () => ((await db().execute(`select status from payment_order where order_no = ?`, [clean.order.orderNo]))[0] as any).status,
      (status) => status === 'PAID',
    );
    expect(settled).toBe('PAID');

    // A mismatch: the order was closed here, yet the channel's ledger shows it paid at 01:30 China time on
    // 27 November (still 26 November in UTC), e.g. a payment that slipped past a close → refund.
    const closed = await orderIn('440000');
    await db().execute(`update payment_order set status = 'CLOSED', close_reason = 'EXPIRED', closed_at = ? where order_no = ?`, [clock.now(), closed.order.orderNo]);
    await db().execute(
      `insert into payment_sim_trade (trade_no, order_no, channel, amount_fen, status, paid_at, notify_attempts) values (?, ?, 'ALIPAY', ?, 'SUCCESS', ?, 0)`,
      ['AL2026LATE000001', closed.order.orderNo, closed.order.amountFen, new Date('2026-11-26T17:30:00Z')],
    );

    const day27 = await asOps('admin', RECONCILIATION, { date: '2026-11-27' });
    expect(day27.errors).toBeUndefined();
    expect(day27.data.paymentReconciliation).toEqual([
      {
        kind: 'CHANNEL_PAID_ORDER_NOT_PAID',
        orderNo: closed.order.orderNo,
        channel: 'ALIPAY',
        orderStatus: 'CLOSED',
        orderAmountFen: closed.order.amountFen,
        channelAmountFen: closed.order.amountFen,
        channelTradeNo: 'AL2026LATE000001',
      },
    ]);

    const day26 = (await asOps('admin', RECONCILIATION, { date: '2026-11-26' })).data.paymentReconciliation as any[];
    expect(day26.map((r) => r.orderNo)).not.toContain(closed.order.orderNo);
    expect(day26.map((r) => r.orderNo)).not.toContain(clean.order.orderNo);
    // The 北京 order above was paid by a notification the simulator never issued: paid here, not at the channel.
    expect(day26).toContainEqual(expect.objectContaining({ kind: 'PAID_WITHOUT_CHANNEL_TRADE', orderNo: beijing.order.orderNo, channelTradeNo: 'AL2026OPS000001' }));
  });
});
