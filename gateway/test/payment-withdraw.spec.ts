import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, type TestGateway } from './support';
import { SEEDED_AT, startRegistrationGateway } from './registration-support';
import { approvedApplication, createOrder, myPayment, notificationBody, postNotification, signBody, SIM_PRIVATE_PEM } from './payment-support';

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock, env: { PAYMENT_SIM_PRIVATE_KEY: SIM_PRIVATE_PEM, PAYMENT_QUERY_AFTER_SECONDS: '60' } });
});
afterAll(() => gw?.close());

const db = () => gw.orm.em.getConnection();
const WITHDRAW = `mutation($id: ID!) { withdrawApplication(applicationId: $id) { ok errorCode message } }`;
const withdraw = async (cookie: string, id: string) => (await gw.graphql(WITHDRAW, { id }, { cookie })).body.data.withdrawApplication;
const row = async (sql: string, params: unknown[]) => (await db().execute(sql, params))[0] as any;

function simCheckout(payUrl: string, action: string) {
  const form = new URLSearchParams(new URL(payUrl, 'http://x').searchParams);
  form.set('action', action);
  return fetch(`${gw.url}/api/pay-sim/checkout`, { method: 'POST', body: form, redirect: 'manual' });
}

describe('重新报名 with a live payment order', () => {
  it('withdraws and closes the order here and at the channel, so the old payment page can no longer take money', async () => {
    clock.set(SEEDED_AT);
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const created = await createOrder(gw, candidate.cookie, applicationId);
    const { orderNo } = created.payment.order;

    expect(await withdraw(candidate.cookie, applicationId)).toMatchObject({ ok: true });
    expect(await row(`select status from application where id = ?`, [applicationId])).toMatchObject({ status: 'WITHDRAWN' });
    expect(await row(`select status, close_reason, closed_at from payment_order where order_no = ?`, [orderNo])).toMatchObject({
      status: 'CLOSED',
      close_reason: 'CANCELLED',
      closed_at: expect.anything(),
    });
    expect(await row(`select status from payment_sim_trade where order_no = ?`, [orderNo])).toMatchObject({ status: 'CLOSED' });

    // The candidate still has the cashier page open in another tab: 确认支付 is refused, nothing is charged.
    const late = await simCheckout(created.payment.payUrl, 'pay');
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('订单已关闭');
    const statement = await db().execute(`select * from payment_sim_trade where order_no = ? and status = 'SUCCESS'`, [orderNo]);
    expect(statement).toHaveLength(0);
  });

  it('is refused when the order was paid at the channel meanwhile; the payment then completes the registration', async () => {
    clock.set(SEEDED_AT);
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const created = await createOrder(gw, candidate.cookie, applicationId);
    // Paid at the channel, notification not (yet) delivered.
    expect((await simCheckout(created.payment.payUrl, 'pay-silent')).status).toBe(303);

    const refused = await withdraw(candidate.cookie, applicationId);
    expect(refused).toMatchObject({ ok: false, errorCode: 'INVALID_TRANSITION' });
    expect(refused.message).toContain('已支付成功');
    expect(await row(`select status from application where id = ?`, [applicationId])).toMatchObject({ status: 'APPROVED' });
    expect(await row(`select status from payment_order where application_id = ?`, [applicationId])).toMatchObject({ status: 'PENDING' });

    const trade = await row(`select trade_no, amount_fen, paid_at from payment_sim_trade where order_no = ?`, [created.payment.order.orderNo]);
    const body = notificationBody({ orderNo: created.payment.order.orderNo, tradeNo: trade.trade_no, amountFen: trade.amount_fen, paidAt: new Date(trade.paid_at) });
    expect((await postNotification(gw, body, signBody(body))).status).toBe(200);
    expect(await myPayment(gw, candidate.cookie, applicationId)).toMatchObject({ state: 'PAID', registrationComplete: true });
  });

  it('without an order, withdrawal is unchanged', async () => {
    clock.set(SEEDED_AT);
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    expect(await withdraw(candidate.cookie, applicationId)).toMatchObject({ ok: true });
    expect(await db().execute(`select * from payment_order where application_id = ?`, [applicationId])).toHaveLength(0);
  });
});
