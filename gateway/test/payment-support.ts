import { generateKeyPairSync, sign } from 'node:crypto';
import type { TestGateway } from './support';
import { EXAM_YEAR, insertCandidate, type TestCandidate } from './registration-support';

/** A key pair the test gateway's simulator signs with, so tests can sign notifications too. */
export const SIM_KEYS = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const SIM_PRIVATE_PEM = SIM_KEYS.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const OTHER_KEYS = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const MERCHANT_ID = 'CCAP-SIM-0001';

export function signBody(body: string, key = SIM_KEYS.privateKey): string {
  return sign('sha256', Buffer.from(body), key).toString('base64');
}

export async function postNotification(gw: TestGateway, body: string, signature: string | null, channel = 'alipay') {
  const res = await fetch(`${gw.url}/api/payments/notify/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-ccap-sim-signature': signature } : {}) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

export function notificationBody(fields: { orderNo: string; tradeNo: string; amountFen: number; paidAt: Date; merchantId?: string; tradeStatus?: string }): string {
  return JSON.stringify({
    merchantId: fields.merchantId ?? MERCHANT_ID,
    orderNo: fields.orderNo,
    tradeNo: fields.tradeNo,
    amountFen: fields.amountFen,
    tradeStatus: fields.tradeStatus ?? 'SUCCESS',
    paidAt: fields.paidAt.toISOString(),
    notifyId: 'n1',
  });
}

/** A candidate with an APPROVED application (straight in the database: the review flow is tested elsewhere). */
export async function approvedApplication(
  gw: TestGateway,
  now: Date,
  options: { unitCode?: string; level?: 'JUNIOR' | 'INTERMEDIATE'; subjects?: string[]; name?: string } = {},
): Promise<{ candidate: TestCandidate; applicationId: string; examUnitId: string; paymentEndsAt: Date }> {
  const candidate = await insertCandidate(gw, now, { name: options.name ?? '欧阳娜娜' });
  const level = options.level ?? 'INTERMEDIATE';
  const subjects = options.subjects ?? (level === 'INTERMEDIATE' ? ['INTERMEDIATE_PRACTICE', 'FINANCIAL_MANAGEMENT'] : ['JUNIOR_PRACTICE', 'JUNIOR_ECONOMIC_LAW']);
  const db = gw.orm.em.getConnection();
  const [eu] = await db.execute<Array<{ id: string; exam_id: string; payment_ends_at: Date }>>(
    `select eu.id, eu.exam_id, eu.payment_ends_at from exam_unit eu join exam e on e.id = eu.exam_id join registration_unit u on u.id = eu.unit_id
      where e.level = ? and e.year = ? and u.code = ?`,
    [level, EXAM_YEAR, options.unitCode ?? '110000'],
  );
  const applicationId = crypto.randomUUID();
  await db.execute(
    `insert into application (id, account_id, exam_id, exam_unit_id, level, status, current_step, subject_codes, submitted_at, reviewed_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'APPROVED', 'PAYMENT', ?::text[], ?, ?, ?, ?)`,
    [applicationId, candidate.accountId, eu!.exam_id, eu!.id, level, `{${subjects.join(',')}}`, now, now, now, now],
  );
  return { candidate, applicationId, examUnitId: eu!.id, paymentEndsAt: new Date(eu!.payment_ends_at) };
}

export const PAYMENT_FIELDS = /* GraphQL */ `
  applicationId maskedName examName unitName unitCode subjects { code name } applicationStatus feeFen paymentOpen
  order { id orderNo amountFen createdAt expiresAt channel status closeReason paidAt channelTradeNo }
  payUrl channels { code name } state stateLabel registrationComplete canCreateOrder
`;

export const PAY_OPS = {
  create: `mutation($id: ID!, $channel: PaymentChannelCode!) { createPaymentOrder(applicationId: $id, channel: $channel) { ok errorCode message created payment { ${PAYMENT_FIELDS} } } }`,
  mine: `query($id: ID!) { myPayment(applicationId: $id) { ${PAYMENT_FIELDS} } }`,
};

export async function createOrder(gw: TestGateway, cookie: string, id: string, channel = 'ALIPAY'): Promise<any> {
  const { body } = await gw.graphql(PAY_OPS.create, { id, channel }, { cookie });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.createPaymentOrder;
}

export async function myPayment(gw: TestGateway, cookie: string, id: string): Promise<any> {
  const { body } = await gw.graphql(PAY_OPS.mine, { id }, { cookie });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.myPayment;
}

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
