import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GroupRunner } from '../src/common/group-runner';
import type { RequestContext } from '../src/graphql/context';
import { createLogger } from '../src/logger';
import { PaymentChannelCode } from '../src/modules/payment/payment-channel.entity';
import { createPaymentServices } from '../src/modules/payment/payment.module';
import { GROUP_PAY, ORDER_BUSY } from '../src/modules/payment/payment.service';
import { SIM_SIGNATURE_HEADER } from '../src/modules/payment/payment-simulator';
import { orderNumber } from '../src/modules/payment/order-number';
import { FakeClock, type TestGateway } from './support';
import { call, SEEDED_AT, signInAt, startRegistrationGateway } from './registration-support';
import {
  approvedApplication,
  createOrder,
  myPayment,
  notificationBody,
  OTHER_KEYS,
  postNotification,
  signBody,
  SIM_PRIVATE_PEM,
  waitFor,
} from './payment-support';

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock, env: { PAYMENT_SIM_PRIVATE_KEY: SIM_PRIVATE_PEM, PAYMENT_QUERY_AFTER_SECONDS: '60' } });
});
afterAll(() => gw?.close());

const db = () => gw.orm.em.getConnection();
const orderRow = async (orderNo: string) => (await db().execute(`select * from payment_order where order_no = ?`, [orderNo]))[0] as any;
const appStatus = async (id: string) => ((await db().execute(`select status from application where id = ?`, [id]))[0] as any).status;
const paidHistory = async (id: string) => db().execute(`select * from application_history where application_id = ? and to_status = 'PAID'`, [id]);
const notes = async (orderNo: string) => db().execute<any[]>(`select * from payment_notification where order_no = ? order by id`, [orderNo]);

describe('生成订单', () => {
  it('creates an order with a server-computed amount, a readable unguessable number and a 30-minute lifetime', async () => {
    clock.set(SEEDED_AT);
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const before = await myPayment(gw, candidate.cookie, applicationId);
    expect(before).toMatchObject({ state: 'NO_ORDER', order: null, canCreateOrder: true, feeFen: 11200, maskedName: '欧阳**', unitName: '北京市' });
    expect(before.subjects.map((s: any) => s.name)).toEqual(['中级会计实务', '财务管理']);
    expect(before.channels.map((c: any) => c.code)).toEqual(['ALIPAY', 'WECHAT_PAY', 'UNIONPAY']);

    const result = await createOrder(gw, candidate.cookie, applicationId);
    expect(result).toMatchObject({ ok: true, created: true, errorCode: null });
    const order = result.payment.order;
    expect(order.orderNo).toMatch(/^KJ261126[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
    expect(order.amountFen).toBe(11200); // 北京 56 元 × 2 科目
    expect(new Date(order.expiresAt).getTime() - new Date(order.createdAt).getTime()).toBe(30 * 60_000);
    expect(result.payment.state).toBe('UNPAID');
    expect(result.payment.payUrl).toMatch(/^\/api\/pay-sim\/checkout\?/);

    const again = await createOrder(gw, candidate.cookie, applicationId, 'WECHAT_PAY');
    expect(again).toMatchObject({ ok: true, created: false });
    expect(again.payment.order.orderNo).toBe(order.orderNo);
  });

  it('two concurrent 生成订单 (two tabs, two devices) give one order', async () => {
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const results = await Promise.all(Array.from({ length: 8 }, () => createOrder(gw, candidate.cookie, applicationId)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.payment.order.orderNo)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await db().execute(`select count(*)::int as n from payment_order where application_id = ?`, [applicationId]);
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses applications that are not approved, not the caller’s, or outside the payment window', async () => {
    const { candidate, applicationId, paymentEndsAt } = await approvedApplication(gw, clock.now());
    const other = await approvedApplication(gw, clock.now());
    expect(await createOrder(gw, candidate.cookie, other.applicationId)).toMatchObject({ ok: false, errorCode: 'APPLICATION_NOT_FOUND', payment: null });
    await db().execute(`update application set status = 'SUBMITTED' where id = ?`, [other.applicationId]);
    expect(await createOrder(gw, other.candidate.cookie, other.applicationId)).toMatchObject({ ok: false, errorCode: 'NOT_APPROVED' });
    clock.set(paymentEndsAt);
    candidate.cookie = await signInAt(gw, candidate.accountId, clock.now());
    const late = await createOrder(gw, candidate.cookie, applicationId);
    expect(late).toMatchObject({ ok: false, errorCode: 'PAYMENT_WINDOW_CLOSED' });
    expect(late.message).toMatch(/^缴费已结束,缴费时间为/);
    clock.set(SEEDED_AT);
    const anonymous = await gw.graphql(`mutation($id: ID!) { createPaymentOrder(applicationId: $id, channel: ALIPAY) { ok } }`, { id: applicationId });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('支付 on the simulator → notification → 支付成功', () => {
  it('pays on the simulator page, which notifies with a signature; order and application become PAID once', async () => {
    clock.set(SEEDED_AT);
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const created = await createOrder(gw, candidate.cookie, applicationId);
    const payUrl = created.payment.payUrl as string;
    const page = await fetch(`${gw.url}${payUrl}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('确认支付');
    expect(html).toContain('取消支付');
    expect(html).toContain('模拟失败');
    expect(html).toContain('¥112.00');

    // Tampered amount in the link: refused.
    const tampered = await fetch(`${gw.url}${payUrl.replace('amount=11200', 'amount=1')}`);
    expect(tampered.status).toBe(400);

    const form = new URLSearchParams(new URL(payUrl, 'http://x').searchParams);
    form.set('action', 'pay');
    const paid = await fetch(`${gw.url}/api/pay-sim/checkout`, { method: 'POST', body: form, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`/payment/${applicationId}`);

    const after = await waitFor(() => myPayment(gw, candidate.cookie, applicationId), (p) => p.state === 'PAID');
    expect(after).toMatchObject({ state: 'PAID', stateLabel: '支付成功', registrationComplete: true, applicationStatus: 'PAID', canCreateOrder: false, payUrl: null });
    expect(after.order.channelTradeNo).toMatch(/^AL/);
    expect(await paidHistory(applicationId)).toHaveLength(1);
    const recorded = await notes(created.payment.order.orderNo);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ outcome: 'ACCEPTED', source: 'NOTIFY' });
  });

  it('a return URL that is not a relative path is refused', async () => {
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const created = await createOrder(gw, candidate.cookie, applicationId);
    const url = new URL(created.payment.payUrl, 'http://x');
    url.searchParams.set('return', 'https://evil.example/');
    expect((await fetch(`${gw.url}${url.pathname}${url.search}`)).status).toBe(400);
  });
});

describe('notifications', () => {
  async function pendingOrder() {
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const created = await createOrder(gw, candidate.cookie, applicationId);
    return { candidate, applicationId, order: created.payment.order };
  }

  it('the same notification delivered 50 times concurrently moves the order exactly once and is answered with success each time', async () => {
    clock.set(SEEDED_AT);
    const { applicationId, order } = await pendingOrder();
    const body = notificationBody({ orderNo: order.orderNo, tradeNo: 'AL2026TRADE0001', amountFen: order.amountFen, paidAt: clock.now() });
    const sig = signBody(body);
    const replies = await Promise.all(Array.from({ length: 50 }, () => postNotification(gw, body, sig)));
    expect(replies.every((r) => r.status === 200 && r.text.includes('SUCCESS'))).toBe(true);
    expect(await orderRow(order.orderNo)).toMatchObject({ status: 'PAID', channel_trade_no: 'AL2026TRADE0001' });
    expect(await appStatus(applicationId)).toBe('PAID');
    expect(await paidHistory(applicationId)).toHaveLength(1);
    const recorded = await notes(order.orderNo);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ outcome: 'ACCEPTED', delivery_count: 50 });
  });

  it('forged signature, tampered body, changed amount, other merchant, unknown order and a closed order change nothing and are recorded as rejected', async () => {
    clock.set(SEEDED_AT);
    const { applicationId, order } = await pendingOrder();
    const good = { orderNo: order.orderNo, tradeNo: 'AL2026FORGE001', amountFen: order.amountFen, paidAt: clock.now() };

    const forged = notificationBody(good);
    expect((await postNotification(gw, forged, signBody(forged, OTHER_KEYS.privateKey))).status).toBe(400);
    expect((await postNotification(gw, forged, null)).status).toBe(400);
    const signed = notificationBody(good);
    const tamperedBody = signed.replace(`"amountFen":${order.amountFen}`, '"amountFen":1');
    expect((await postNotification(gw, tamperedBody, signBody(signed))).status).toBe(400);
    const cheap = notificationBody({ ...good, amountFen: 1 });
    expect((await postNotification(gw, cheap, signBody(cheap))).status).toBe(200);
    const otherMerchant = notificationBody({ ...good, merchantId: 'SOMEONE-ELSE' });
    await postNotification(gw, otherMerchant, signBody(otherMerchant));
    const unknown = notificationBody({ ...good, orderNo: 'KJ261126ABCDEFGHJK' });
    await postNotification(gw, unknown, signBody(unknown));
    const wrongChannel = notificationBody(good);
    await postNotification(gw, wrongChannel, signBody(wrongChannel), 'unionpay');

    expect(await orderRow(order.orderNo)).toMatchObject({ status: 'PENDING', paid_at: null });
    expect(await appStatus(applicationId)).toBe('APPROVED');
    const reasons = (await db().execute<any[]>(`select reason from payment_notification where outcome = 'REJECTED' and (order_no = ? or order_no = 'KJ261126ABCDEFGHJK' or order_no is null)`, [order.orderNo])).map((r) => r.reason);
    expect(reasons).toEqual(expect.arrayContaining(['SIGNATURE_INVALID', 'SIGNATURE_MISSING', 'AMOUNT_MISMATCH', 'MERCHANT_MISMATCH', 'ORDER_NOT_FOUND']));

    // Closed: expire it and let the reconciler close it (at the channel first), then a notification arrives.
    clock.advance(31 * 60_000);
    const report = await gw.reconcilePayments();
    expect(report.closed).toBeGreaterThanOrEqual(1);
    expect(await orderRow(order.orderNo)).toMatchObject({ status: 'CLOSED', close_reason: 'EXPIRED' });
    const late = notificationBody(good);
    expect((await postNotification(gw, late, signBody(late))).status).toBe(200);
    expect(await orderRow(order.orderNo)).toMatchObject({ status: 'CLOSED' });
    expect(await appStatus(applicationId)).toBe('APPROVED');
    expect((await notes(order.orderNo)).at(-1)).toMatchObject({ outcome: 'REJECTED', reason: 'ORDER_CLOSED' });
    clock.set(SEEDED_AT);
  });
});

describe('reconciler', () => {
  it('recovers a lost notification by querying the channel', async () => {
    clock.set(SEEDED_AT);
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const created = await createOrder(gw, candidate.cookie, applicationId);
    const form = new URLSearchParams(new URL(created.payment.payUrl, 'http://x').searchParams);
    form.set('action', 'pay-silent');
    const res = await fetch(`${gw.url}/api/pay-sim/checkout`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect((await myPayment(gw, candidate.cookie, applicationId)).state).toBe('UNPAID');
    await gw.reconcilePayments(); // too early: not queried yet
    expect((await myPayment(gw, candidate.cookie, applicationId)).state).toBe('UNPAID');
    clock.advance(61_000);
    const report = await gw.reconcilePayments();
    expect(report.paid).toBe(1);
    const after = await myPayment(gw, candidate.cookie, applicationId);
    expect(after).toMatchObject({ state: 'PAID', registrationComplete: true });
    expect((await notes(created.payment.order.orderNo))[0]).toMatchObject({ outcome: 'ACCEPTED', source: 'QUERY' });
    clock.set(SEEDED_AT);
  });

  it('closes expired orders at the channel and here; a new order can then be created; a closed order can no longer be paid', async () => {
    clock.set(SEEDED_AT);
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const first = await createOrder(gw, candidate.cookie, applicationId);
    clock.advance(30 * 60_000);
    candidate.cookie = await signInAt(gw, candidate.accountId, clock.now());
    expect((await myPayment(gw, candidate.cookie, applicationId)).state).toBe('CLOSED');
    await gw.reconcilePayments();
    expect(await orderRow(first.payment.order.orderNo)).toMatchObject({ status: 'CLOSED', close_reason: 'EXPIRED' });
    const form = new URLSearchParams(new URL(first.payment.payUrl, 'http://x').searchParams);
    form.set('action', 'pay');
    expect((await fetch(`${gw.url}/api/pay-sim/checkout`, { method: 'POST', body: form, redirect: 'manual' })).status).toBe(409);
    const second = await createOrder(gw, candidate.cookie, applicationId);
    expect(second).toMatchObject({ ok: true, created: true });
    expect(second.payment.order.orderNo).not.toBe(first.payment.order.orderNo);
    clock.set(SEEDED_AT);
  });

  it('two reconcilers at once settle each order once (SKIP LOCKED)', async () => {
    clock.set(SEEDED_AT);
    const apps = await Promise.all(Array.from({ length: 6 }, () => approvedApplication(gw, clock.now())));
    for (const a of apps) {
      const created = await createOrder(gw, a.candidate.cookie, a.applicationId);
      const form = new URLSearchParams(new URL(created.payment.payUrl, 'http://x').searchParams);
      form.set('action', 'pay-silent');
      await fetch(`${gw.url}/api/pay-sim/checkout`, { method: 'POST', body: form, redirect: 'manual' });
    }
    clock.advance(61_000);
    const reports = await Promise.all([gw.reconcilePayments(), gw.reconcilePayments(), gw.reconcilePayments()]);
    expect(reports.reduce((n, r) => n + r.paid, 0)).toBe(6);
    for (const a of apps) expect(await paidHistory(a.applicationId)).toHaveLength(1);
    clock.set(SEEDED_AT);
  });
});

describe('the last second of the payment window', () => {
  it('an order created in the last second expires at the window end; a payment the channel made before that is honoured when its notification arrives later', async () => {
    const { candidate, applicationId, paymentEndsAt } = await approvedApplication(gw, SEEDED_AT);
    clock.set(new Date(paymentEndsAt.getTime() - 1000));
    candidate.cookie = await signInAt(gw, candidate.accountId, clock.now());
    const created = await createOrder(gw, candidate.cookie, applicationId);
    expect(created.ok).toBe(true);
    expect(new Date(created.payment.order.expiresAt).getTime()).toBe(paymentEndsAt.getTime());
    const paidAt = new Date(paymentEndsAt.getTime() - 500);
    clock.set(new Date(paymentEndsAt.getTime() + 10 * 60_000));
    const body = notificationBody({ orderNo: created.payment.order.orderNo, tradeNo: 'AL2026LASTSEC01', amountFen: created.payment.order.amountFen, paidAt });
    expect((await postNotification(gw, body, signBody(body))).status).toBe(200);
    expect(await appStatus(applicationId)).toBe('PAID');
    clock.set(SEEDED_AT);
  });

  it('a payment the channel reports after the order expired is not honoured (recorded for refund)', async () => {
    const { candidate, applicationId, paymentEndsAt } = await approvedApplication(gw, SEEDED_AT);
    clock.set(new Date(paymentEndsAt.getTime() - 1000));
    candidate.cookie = await signInAt(gw, candidate.accountId, clock.now());
    const created = await createOrder(gw, candidate.cookie, applicationId);
    clock.set(new Date(paymentEndsAt.getTime() + 60_000));
    const body = notificationBody({ orderNo: created.payment.order.orderNo, tradeNo: 'AL2026LATE0001', amountFen: created.payment.order.amountFen, paidAt: clock.now() });
    await postNotification(gw, body, signBody(body));
    expect(await appStatus(applicationId)).toBe('APPROVED');
    expect((await notes(created.payment.order.orderNo)).at(-1)).toMatchObject({ outcome: 'REJECTED', reason: 'PAID_AFTER_EXPIRY' });
    // and after the window, no new order
    expect(await createOrder(gw, candidate.cookie, applicationId)).toMatchObject({ ok: false, errorCode: 'PAYMENT_WINDOW_CLOSED' });
    clock.set(SEEDED_AT);
  });
});

describe('after payment', () => {
  it('a paid application can no longer be withdrawn (重新报名)', async () => {
    clock.set(SEEDED_AT);
    const { candidate, applicationId } = await approvedApplication(gw, clock.now());
    const created = await createOrder(gw, candidate.cookie, applicationId);
    const body = notificationBody({ orderNo: created.payment.order.orderNo, tradeNo: 'AL2026WITHDRAW1', amountFen: created.payment.order.amountFen, paidAt: clock.now() });
    await postNotification(gw, body, signBody(body));
    expect(await appStatus(applicationId)).toBe('PAID');
    const result = await call(gw, candidate.cookie, 'withdraw', { id: applicationId });
    expect(result).toMatchObject({ ok: false, errorCode: 'INVALID_TRANSITION', message: '已缴费的报名信息不能修改,也不能重新报名' });
    expect(await appStatus(applicationId)).toBe('PAID');
    expect(await createOrder(gw, candidate.cookie, applicationId)).toMatchObject({ ok: false, errorCode: 'ALREADY_PAID' });
  });
});

describe('grouped (group commit)', () => {
  const logger = createLogger('silent');
  const contextOf = (accountId: string | null) =>
    ({ em: gw.orm.em.fork(), db: gw.orm.em, clock, logger, ip: '127.0.0.1', viewer: accountId ? { id: accountId, name: '考生' } : null }) as unknown as RequestContext;
  const serviceOnSameDatabase = () => createPaymentServices({ config: gw.config, orm: gw.orm, clock }).payment;
  const groupSizes = async <T,>(run: () => Promise<T>): Promise<[T, number[]]> => {
    const together = vi.spyOn(GroupRunner.prototype as any, 'together');
    try {
      const result = await run();
      return [result, together.mock.calls.map(([items]) => (items as unknown[]).length)];
    } finally {
      together.mockRestore();
    }
  };

  it('生成订单 of several candidates in one transaction: each gets what it would have got alone, with its 网上缴费', async () => {
    clock.set(SEEDED_AT);
    const payments = serviceOnSameDatabase();
    const [first, fresh, withLiveOrder, notApproved, someoneElses, withExpiredOrder] = await Promise.all(
      Array.from({ length: 6 }, () => approvedApplication(gw, clock.now())),
    );
    await db().execute(`update application set status = 'SUBMITTED' where id = ?`, [notApproved!.applicationId]);
    const live = await payments.createOrder(contextOf(withLiveOrder!.candidate.accountId), withLiveOrder!.applicationId, PaymentChannelCode.ALIPAY);
    const expiring = await payments.createOrder(contextOf(withExpiredOrder!.candidate.accountId), withExpiredOrder!.applicationId, PaymentChannelCode.ALIPAY);
    expect(live.ok && expiring.ok).toBe(true);
    await db().execute(`update payment_order set expires_at = ? where order_no = ?`, [new Date(clock.now().getTime() - 1000), (expiring as any).order.orderNo]);

    const ask = (a: { candidate: { accountId: string }; applicationId: string }, as = a.candidate.accountId) =>
      payments.createOrder(contextOf(as), a.applicationId, PaymentChannelCode.ALIPAY);
    // In one tick: the first goes at once, the others wait for it and go together; the repeated one waits for the next group.
    const [outcomes, sizes] = await groupSizes(() =>
      Promise.all([ask(first!), ask(fresh!), ask(withLiveOrder!), ask(notApproved!), ask(someoneElses!, fresh!.candidate.accountId), ask(withExpiredOrder!), ask(fresh!)]),
    );
    expect(sizes).toEqual([1, 5, 1]);
    const [a, b, c, d, e, f, g] = outcomes as any[];
    expect(a).toMatchObject({ ok: true, created: true });
    expect(b).toMatchObject({ ok: true, created: true });
    expect(b.view).toMatchObject({ applicationId: fresh!.applicationId, order: { orderNo: b.order.orderNo, status: 'PENDING' }, feeFen: b.order.amountFen });
    expect(c).toMatchObject({ ok: true, created: false, order: { orderNo: (live as any).order.orderNo } });
    expect(c.view.order.orderNo).toBe((live as any).order.orderNo);
    // 网上缴费 answered from the locking read and the order is the one read afterwards.
    for (const [outcome, app] of [[b, fresh], [c, withLiveOrder], [d, notApproved]] as const) {
      expect(outcome.view).toEqual(await payments.myPayment(contextOf(app!.candidate.accountId), app!.applicationId));
    }
    expect(d).toMatchObject({ ok: false, errorCode: 'NOT_APPROVED' });
    expect(d.view).toMatchObject({ applicationId: notApproved!.applicationId, applicationStatus: 'SUBMITTED' });
    expect(e).toMatchObject({ ok: false, errorCode: 'APPLICATION_NOT_FOUND', view: null });
    // The expired order was closed at the channel and here (alone, after the group), and a new one made.
    expect(f).toMatchObject({ ok: true, created: true });
    expect(f.order.orderNo).not.toBe((expiring as any).order.orderNo);
    expect((await orderRow((expiring as any).order.orderNo)).status).toBe('CLOSED');
    expect(g).toMatchObject({ ok: true, created: false, order: { orderNo: b.order.orderNo } });
    const counts = await db().execute<Array<{ application_id: string; n: number }>>(
      `select application_id, count(*)::int as n from payment_order where application_id in (?) and status = 'PENDING' group by application_id`,
      [[first, fresh, withLiveOrder, notApproved, someoneElses, withExpiredOrder].map((x) => x!.applicationId)],
    );
    expect(Object.fromEntries(counts.map((r) => [r.application_id, r.n]))).toEqual({
      [first!.applicationId]: 1,
      [fresh!.applicationId]: 1,
      [withLiveOrder!.applicationId]: 1,
      [withExpiredOrder!.applicationId]: 1,
    });
  });

  it('notifications in one transaction: paid, duplicate and rejected ones each recorded and answered as alone', async () => {
    clock.set(SEEDED_AT);
    const payments = serviceOnSameDatabase();
    const apps = await Promise.all(Array.from({ length: 5 }, () => approvedApplication(gw, clock.now())));
    const orders = [];
    for (const app of apps) orders.push(((await payments.createOrder(contextOf(app.candidate.accountId), app.applicationId, PaymentChannelCode.ALIPAY)) as any).order);
    const [o1, o2, o3, o4, o5] = orders;
    const unknownOrderNo = orderNumber(clock.now());
    const notify = (order: { orderNo: string; amountFen: number }, tradeNo: string, extra: { amountFen?: number; tradeStatus?: string } = {}) => {
      const body = notificationBody({ orderNo: order.orderNo, tradeNo, amountFen: extra.amountFen ?? order.amountFen, paidAt: clock.now(), tradeStatus: extra.tradeStatus });
      return payments.handleNotification(contextOf(null), PaymentChannelCode.ALIPAY, Buffer.from(body), { [SIM_SIGNATURE_HEADER]: signBody(body) });
    };
    const [results, sizes] = await groupSizes(() =>
      Promise.all([
        notify(o1, 'T1'),
        notify(o2, 'T2'),
        notify(o3, 'T3', { amountFen: o3.amountFen - 1 }),
        notify(o1, 'T1'),
        notify(o4, 'T4', { tradeStatus: 'WAIT_BUYER_PAY' }),
        notify({ orderNo: unknownOrderNo, amountFen: 100 }, 'T9'),
        notify(o5, 'T5'),
        notify(o2, 'T2'),
      ]),
    );
    expect(sizes).toEqual([1, 6, 1]);
    expect(results.map((r) => `${r.outcome}${r.reason ? ` ${r.reason}` : ''}`)).toEqual([
      'ACCEPTED',
      'ACCEPTED',
      'REJECTED AMOUNT_MISMATCH',
      'DUPLICATE',
      'REJECTED TRADE_NOT_SUCCESS',
      'REJECTED ORDER_NOT_FOUND',
      'ACCEPTED',
      'DUPLICATE',
    ]);
    for (const [order, app] of [[o1, apps[0]], [o2, apps[1]], [o5, apps[4]]] as const) {
      expect(await orderRow(order.orderNo)).toMatchObject({ status: 'PAID' });
      expect(await appStatus(app!.applicationId)).toBe('PAID');
      const history = await paidHistory(app!.applicationId);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ from_status: 'APPROVED', actor_kind: 'SYSTEM', actor_id: 'payment:ALIPAY', reason: `缴费成功,订单号码 ${order.orderNo}` });
    }
    for (const [order, app] of [[o3, apps[2]], [o4, apps[3]]] as const) {
      expect(await orderRow(order.orderNo)).toMatchObject({ status: 'PENDING' });
      expect(await appStatus(app!.applicationId)).toBe('APPROVED');
    }
    expect((await notes(o1.orderNo)).map((n) => [n.outcome, n.delivery_count])).toEqual([['ACCEPTED', 2]]);
    expect((await notes(o2.orderNo)).map((n) => [n.outcome, n.delivery_count])).toEqual([['ACCEPTED', 2]]);
    expect((await notes(o3.orderNo)).map((n) => [n.outcome, n.reason])).toEqual([['REJECTED', 'AMOUNT_MISMATCH']]);
    expect((await notes(o4.orderNo)).map((n) => [n.outcome, n.reason])).toEqual([['REJECTED', 'TRADE_NOT_SUCCESS']]);
    expect((await notes(unknownOrderNo)).map((n) => [n.outcome, n.reason])).toEqual([['REJECTED', 'ORDER_NOT_FOUND']]);
  });
});

describe('a full queue', () => {
  const logger = createLogger('silent');
  const contextOf = (accountId: string | null) =>
    ({ em: gw.orm.em.fork(), db: gw.orm.em, clock, logger, ip: '127.0.0.1', viewer: accountId ? { id: accountId, name: '考生' } : null }) as unknown as RequestContext;

  it('refuses 生成订单 and notifications beyond maxWaiting at once, creating and recording nothing; the channel delivers the refused one again', async () => {
    clock.set(SEEDED_AT);
    const payments = createPaymentServices({ config: { ...gw.config, groupCommit: { maxGroup: 64, maxWaiting: 1 } }, orm: gw.orm, clock }).payment;
    const apps = await Promise.all(Array.from({ length: 3 }, () => approvedApplication(gw, clock.now())));
    // Within one tick: the first goes at once, the second waits for it, the third finds the queue full.
    const ordered = await Promise.allSettled(apps.map((a) => payments.createOrder(contextOf(a.candidate.accountId), a.applicationId, PaymentChannelCode.ALIPAY)));
    expect(ordered.map((o) => (o.status === 'fulfilled' ? `ok ${(o.value as any).created}` : `${o.reason.extensions.code} ${o.reason.message}`))).toEqual([
      'ok true',
      'ok true',
      `SERVICE_BUSY ${ORDER_BUSY}`,
    ]);
    expect(await db().execute(`select 1 from payment_order where application_id = ?`, [apps[2]!.applicationId])).toHaveLength(0);
    const third = await payments.createOrder(contextOf(apps[2]!.candidate.accountId), apps[2]!.applicationId, PaymentChannelCode.ALIPAY);
    expect(third).toMatchObject({ ok: true, created: true });

    const orders = [...ordered.slice(0, 2).map((o) => (o as PromiseFulfilledResult<any>).value.order), (third as any).order];
    const notify = (order: { orderNo: string; amountFen: number }, tradeNo: string) => {
      const body = notificationBody({ orderNo: order.orderNo, tradeNo, amountFen: order.amountFen, paidAt: clock.now() });
      return payments.handleNotification(contextOf(null), PaymentChannelCode.ALIPAY, Buffer.from(body), { [SIM_SIGNATURE_HEADER]: signBody(body) });
    };
    const notified = await Promise.all(orders.map((o, i) => notify(o, `TQ${i}`)));
    expect(notified.map((r) => r.outcome)).toEqual(['ACCEPTED', 'ACCEPTED', 'BUSY']);
    expect(await orderRow(orders[2].orderNo)).toMatchObject({ status: 'PENDING' });
    expect(await notes(orders[2].orderNo)).toHaveLength(0);
    expect((await notify(orders[2], 'TQ2')).outcome).toBe('ACCEPTED');
    expect(await appStatus(apps[2]!.applicationId)).toBe('PAID');
  });
});

describe('the statement that records payments', () => {
  // While PostgreSQL believes few orders are live (the last window's statistics, or none yet), a
  // condition "status = 'PENDING'" lets it read the whole partial index of live orders for each group,
  // and it keeps that plan for the connection while live orders pile up by the hundred thousand.
  it('finds the orders it pays by their key, whatever the statistics say', async () => {
    const plan = await gw.orm.em.fork().transactional(async (em) => {
      await em.execute(`set local plan_cache_mode = force_generic_plan`);
      await em.execute(`prepare ccap_test_pay_plan as ${GROUP_PAY.text}`);
      try {
        const rows = await em.execute<Array<{ 'QUERY PLAN': string }>>(`explain execute ccap_test_pay_plan('{}', '{}', '{}', '{}', '{}', '{}', 0)`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await em.execute(`deallocate ccap_test_pay_plan`);
      }
    });
    expect(plan).toMatch(/Update on payment_order/);
    expect(plan).not.toMatch(/payment_order_live_per_application_unique/);
  });
});
