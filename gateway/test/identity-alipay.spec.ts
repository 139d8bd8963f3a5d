/**
 * 实名认证 · 支付宝扫码认证 through the local simulator: separate consent first, the simulator page
 * shows the masked name and number the platform sent, its buttons make it POST an HMAC-signed result,
 * and only a verifying result changes anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_CALLBACK_PATH, IDENTITY_SIGNATURE_HEADER, signIdentityCallback } from '../src/modules/identity/identity-provider';
import { registerCandidate } from './account-support';
import { systemClock } from '../src/graphql/context';
import { isRealNameVerified } from '../src/modules/registration/real-name-check';
import { startTestGateway, testContext, type TestGateway } from './support';

const START = /* GraphQL */ `
  mutation($consent: Boolean!) {
    startAlipayRealNameVerification(consent: $consent) {
      ok errorCode message field
      verification { id method status certifyUrl failureReason expiresAt }
    }
  }
`;
const MY_REAL_NAME = /* GraphQL */ `{ myRealName { verified verifiedAt latest { id status failureReason } } }`;
const POLL = /* GraphQL */ `query($id: ID!) { realNameVerification(id: $id) { id status failureReason certifyUrl } }`;

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

async function verifiedAtOf(accountId: string): Promise<Date | null> {
  const [row] = await gw.orm.em.fork().getConnection().execute(`select real_name_verified_at from candidate_account where id = ?`, [accountId]);
  return row.real_name_verified_at;
}

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await gw.orm.em.fork().getConnection().execute(`select action from audit_record where target_id = ? order by id`, [targetId]);
  return rows.map((r) => String(r.action));
}

/** Opens the simulator page like the phone would, then presses one of its buttons. */
async function pressSimulatorButton(certifyUrl: string, action: 'confirm' | 'mismatch') {
  const page = await fetch(`${gw.url}${certifyUrl}`);
  const html = await page.text();
  const form = new URLSearchParams(new URL(certifyUrl, 'http://x').searchParams);
  form.set('action', action);
  const res = await fetch(`${gw.url}/api/identity-sim/certify`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return { page: { status: page.status, html }, result: { status: res.status, html: await res.text() } };
}

describe('支付宝扫码认证', () => {
  it('is refused to anonymous callers', async () => {
    const { body } = await gw.graphql(START, { consent: true });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('requires the separate consent: without it nothing is created', async () => {
    const { cookie, viewer } = await registerCandidate(gw);
    const { body } = await gw.graphql(START, { consent: false }, { cookie });
    expect(body.data.startAlipayRealNameVerification).toMatchObject({ ok: false, errorCode: 'CONSENT_REQUIRED', field: 'consent', verification: null });
    const state = await gw.graphql(MY_REAL_NAME, {}, { cookie });
    expect(state.body.data.myRealName).toEqual({ verified: false, verifiedAt: null, latest: null });
    const [{ count }] = await gw.orm.em.fork().getConnection().execute(`select count(*)::int as count from real_name_verification where account_id = ?`, [viewer.id]);
    expect(count).toBe(0);
  });

  it('confirm on the simulator page verifies the account (audit written) and the registration gate opens', async () => {
    const { cookie, viewer, input } = await registerCandidate(gw, { name: '李四' });
    const { body } = await gw.graphql(START, { consent: true }, { cookie });
    const started = body.data.startAlipayRealNameVerification;
    expect(started).toMatchObject({ ok: true, errorCode: null, verification: { method: 'ALIPAY', status: 'PENDING' } });
    const { certifyUrl, id } = started.verification;
    expect(certifyUrl).toMatch(/^\/api\/identity-sim\/certify\?/);

    const pressed = await pressSimulatorButton(certifyUrl, 'confirm');
    expect(pressed.page.status).toBe(200);
    // The page shows what the platform sent, masked: never the whole number.
    expect(pressed.page.html).toContain('李*');
    expect(pressed.page.html).toContain(`${(input.documentNumber as string).slice(0, 4)}`);
    expect(pressed.page.html).not.toContain(input.documentNumber as string);
    expect(pressed.result.status).toBe(200);

    const polled = await gw.graphql(POLL, { id }, { cookie });
    expect(polled.body.data.realNameVerification).toMatchObject({ id, status: 'SUCCEEDED', failureReason: null, certifyUrl: null });
    expect(await verifiedAtOf(viewer.id)).not.toBeNull();
    expect(await isRealNameVerified(testContext(gw.orm, systemClock), viewer.id)).toBe(true);
    const state = await gw.graphql(MY_REAL_NAME, {}, { cookie });
    expect(state.body.data.myRealName).toMatchObject({ verified: true, latest: { id, status: 'SUCCEEDED' } });
    expect(await auditActions(id)).toEqual(['REAL_NAME_VERIFICATION_STARTED']);
    expect(await auditActions(viewer.id)).toContain('REAL_NAME_VERIFIED');

    // Done once: a second attempt is refused, a replayed result changes nothing.
    const again = await gw.graphql(START, { consent: true }, { cookie });
    expect(again.body.data.startAlipayRealNameVerification).toMatchObject({ ok: false, errorCode: 'ALREADY_VERIFIED' });
  });

  it('信息不一致 fails the attempt with the reason, and the account stays unverified', async () => {
    const { cookie, viewer } = await registerCandidate(gw);
    const { body } = await gw.graphql(START, { consent: true }, { cookie });
    const { id, certifyUrl } = body.data.startAlipayRealNameVerification.verification;
    const pressed = await pressSimulatorButton(certifyUrl, 'mismatch');
    expect(pressed.result.status).toBe(200);
    const polled = await gw.graphql(POLL, { id }, { cookie });
    expect(polled.body.data.realNameVerification).toMatchObject({ status: 'FAILED', failureReason: '认证失败:姓名与证件号码不一致' });
    expect(await verifiedAtOf(viewer.id)).toBeNull();
    expect(await auditActions(viewer.id)).toContain('REAL_NAME_VERIFICATION_FAILED');
    // A later confirm on the same (settled) attempt does not turn it into a success.
    await pressSimulatorButton(certifyUrl, 'confirm');
    expect(await verifiedAtOf(viewer.id)).toBeNull();
    // A new attempt is allowed after a failure.
    const retry = await gw.graphql(START, { consent: true }, { cookie });
    expect(retry.body.data.startAlipayRealNameVerification.ok).toBe(true);
  });

  it('a forged or tampered callback changes nothing', async () => {
    const { cookie, viewer } = await registerCandidate(gw);
    const { body } = await gw.graphql(START, { consent: true }, { cookie });
    const { id, certifyUrl } = body.data.startAlipayRealNameVerification.verification;
    const payload = JSON.stringify({ verificationId: id, outcome: 'PASSED' });
    const post = (headers: Record<string, string>, data = payload) =>
      fetch(`${gw.url}${IDENTITY_CALLBACK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: data });

    expect((await post({})).status).toBe(401);
    expect((await post({ [IDENTITY_SIGNATURE_HEADER]: 'AAAA' })).status).toBe(401);
    // Signed with a key the gateway does not hold.
    expect((await post({ [IDENTITY_SIGNATURE_HEADER]: signIdentityCallback(Buffer.alloc(32, 7), payload) })).status).toBe(401);
    // A genuine signature of another body.
    const other = JSON.stringify({ verificationId: id, outcome: 'MISMATCH' });
    expect((await post({ [IDENTITY_SIGNATURE_HEADER]: signIdentityCallback(gw.config.identity.simulator.callbackKey, other) })).status).toBe(401);
    const polled = await gw.graphql(POLL, { id }, { cookie });
    expect(polled.body.data.realNameVerification.status).toBe('PENDING');
    expect(await verifiedAtOf(viewer.id)).toBeNull();

    // The simulator page itself refuses an altered URL (another masked name than the platform sent).
    const tampered = certifyUrl.replace(/name=[^&]+/, `name=${encodeURIComponent('王*')}`);
    expect((await fetch(`${gw.url}${tampered}`)).status).toBe(400);
  });

  it('an attempt is visible only to its owner', async () => {
    const owner = await registerCandidate(gw);
    const stranger = await registerCandidate(gw);
    const { body } = await gw.graphql(START, { consent: true }, { cookie: owner.cookie });
    const { id } = body.data.startAlipayRealNameVerification.verification;
    const seen = await gw.graphql(POLL, { id }, { cookie: stranger.cookie });
    expect(seen.body.data.realNameVerification).toBeNull();
  });
});
