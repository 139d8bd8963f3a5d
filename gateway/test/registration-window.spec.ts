import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTestImage } from '../src/modules/registration/image-inspection.testing';
import { FakeClock, type TestGateway } from './support';
import {
  call,
  examUnit,
  insertCandidate,
  OPS,
  postUpload,
  SEEDED_AT,
  signInAt,
  startRegistrationGateway,
  walkToConfirm,
  type ExamUnitRef,
} from './registration-support';

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;
let shanghai: ExamUnitRef;

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock });
  // Opens three days after seeding (like 上海 in 2025) and closes with the others.
  shanghai = await examUnit(gw, 'JUNIOR', '310000');
});
afterAll(() => gw?.close());

const SECOND = 1000;
/** Moves the gateway clock and signs the candidate in afresh (sessions idle out after 30 minutes). */
async function at(instant: Date, accountId: string): Promise<string> {
  clock.set(instant);
  return signInAt(gw, accountId, instant);
}

describe('registration window (half-open, by the server clock)', () => {
  it('opens at the first second of the start and not a second before', async () => {
    expect(shanghai.registrationStartsAt.toISOString()).toBe('2026-11-28T16:00:00.000Z'); // 2026-11-29 00:00 in China
    const candidate = await insertCandidate(gw, SEEDED_AT);

    let cookie = await at(new Date(shanghai.registrationStartsAt.getTime() - SECOND), candidate.accountId);
    expect(await call(gw, cookie, 'start', { examUnitId: shanghai.examUnitId })).toMatchObject({
      ok: false,
      errorCode: 'REGISTRATION_CLOSED',
      message: '报名尚未开始,报名时间为2026-11-29 00:00:00至2027-01-10 12:00:00',
    });

    cookie = await at(shanghai.registrationStartsAt, candidate.accountId);
    const started = await call(gw, cookie, 'start', { examUnitId: shanghai.examUnitId });
    expect(started).toMatchObject({ ok: true, application: { registrationOpen: true } });

    cookie = await at(new Date(shanghai.registrationStartsAt.getTime() + SECOND), candidate.accountId);
    expect((await call(gw, cookie, 'accept', { id: started.application.id, agreed: true })).ok).toBe(true);
  });

  it('closes at the end second: everything a candidate does is refused from then on, reviewers go on', async () => {
    const end = shanghai.registrationEndsAt;
    expect(end.toISOString()).toBe('2027-01-10T04:00:00.000Z'); // 12:00 in China
    const [early, late, third] = [await insertCandidate(gw, SEEDED_AT), await insertCandidate(gw, SEEDED_AT), await insertCandidate(gw, SEEDED_AT)];
    const opened = new Date(shanghai.registrationStartsAt.getTime() + 60 * SECOND);
    const earlyId = await walkToConfirm(gw, await at(opened, early.accountId), shanghai, 'JUNIOR');
    const lateId = await walkToConfirm(gw, await at(opened, late.accountId), shanghai, 'JUNIOR');

    // One second before the end: still open.
    const lastSecond = new Date(end.getTime() - SECOND);
    expect((await call(gw, await at(lastSecond, early.accountId), 'submit', { id: earlyId })).application.status).toBe('SUBMITTED');
    let lateCookie = await at(lastSecond, late.accountId);
    const token = (await gw.graphql(OPS.token, { input: { applicationId: lateId, purpose: 'PHOTO' } }, { cookie: lateCookie })).body.data.requestUploadToken;
    expect(token.ok).toBe(true);

    // At the end: closed.
    lateCookie = await at(end, late.accountId);
    const closed = await call(gw, lateCookie, 'submit', { id: lateId });
    expect(closed).toMatchObject({ ok: false, errorCode: 'REGISTRATION_CLOSED', message: '报名已结束,报名时间为2026-11-29 00:00:00至2027-01-10 12:00:00' });
    expect(closed.application).toMatchObject({ status: 'DRAFT', registrationOpen: false });
    expect((await call(gw, lateCookie, 'withdraw', { id: lateId })).errorCode).toBe('REGISTRATION_CLOSED');
    expect((await call(gw, lateCookie, 'save', { id: lateId, input: { subjectCodes: [] } })).errorCode).toBe('REGISTRATION_CLOSED');
    const lateToken = (await gw.graphql(OPS.token, { input: { applicationId: lateId, purpose: 'PHOTO' } }, { cookie: lateCookie })).body.data.requestUploadToken;
    expect(lateToken.errorCode).toBe('REGISTRATION_CLOSED');
    // A token issued a second before the end does not let a file in after it.
    const posted = await postUpload(gw, lateCookie, token.uploadUrl, encodeTestImage('image/jpeg', { width: 413, height: 579 }));
    expect(posted).toMatchObject({ status: 409, body: { ok: false, errorCode: 'REGISTRATION_CLOSED' } });

    // After the end: no new applications either; reviewing is not bound to the window.
    const thirdCookie = await at(new Date(end.getTime() + SECOND), third.accountId);
    expect((await call(gw, thirdCookie, 'start', { examUnitId: shanghai.examUnitId })).errorCode).toBe('REGISTRATION_CLOSED');
    const approved = await gw.graphql(`mutation($id: ID!) { approveApplication(applicationId: $id) { ok status } }`, { id: earlyId }, { 'x-test-ops': 'shanghai' });
    expect(approved.body.data.approveApplication).toEqual({ ok: true, status: 'APPROVED' });
    clock.set(SEEDED_AT);
  });
});
