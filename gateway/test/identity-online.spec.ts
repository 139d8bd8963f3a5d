/**
 * 实名认证 · 线上实名认证: three 证件 images through the one upload pipeline, 所在省市, 待审核; a reviewer
 * of the unit the 所在省市 maps to approves (the account is verified as by 支付宝) or rejects with a
 * reason, after which the candidate submits again. Images reach their owner and scoped reviewers only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsPrincipal } from '../src/modules/ops/ops-principal';
import { isRealNameVerified } from '../src/modules/registration/real-name-check';
import { encodeTestImage } from '../src/modules/registration/image-inspection.testing';
import { FakeClock, testContext, type TestGateway } from './support';
import { insertCandidate, postUpload, REVIEWERS, SEEDED_AT, startRegistrationGateway, type TestCandidate } from './registration-support';

const TOKEN = /* GraphQL */ `
  mutation($side: RealNameDocumentSide!) { requestRealNameUploadToken(side: $side) { ok errorCode message uploadUrl maxBytes } }
`;
const SUBMIT = /* GraphQL */ `
  mutation($input: OnlineRealNameInput!) {
    submitOnlineRealNameVerification(input: $input) {
      ok errorCode message field
      verification { id method status failureReason expiresAt provinceCode cityCode provinceName cityName documents { side uploadId url } }
    }
  }
`;
const MY_REAL_NAME = /* GraphQL */ `{ myRealName { verified latest { id method status failureReason provinceName cityName documents { side uploadId } } } }`;
const QUEUE = /* GraphQL */ `
  query($filter: RealNameReviewFilter, $first: Int, $after: String) {
    realNameReviews(filter: $filter, first: $first, after: $after) {
      nextCursor items { id status unitCode provinceName cityName candidateName maskedDocumentNumber submittedAt failureReason }
    }
  }
`;
const DETAIL = /* GraphQL */ `
  query($id: ID!) { realNameReview(id: $id) { id accountId status candidateName documentNumber provinceName cityName documents { side uploadId url } } }
`;
const APPROVE = /* GraphQL */ `mutation($id: ID!) { approveRealNameVerification(id: $id) { verificationId ok errorCode message status } }`;
const REJECT = /* GraphQL */ `mutation($id: ID!, $reason: String!) { rejectRealNameVerification(id: $id, reason: $reason) { verificationId ok errorCode message status } }`;
const APPROVE_BATCH = /* GraphQL */ `mutation($ids: [ID!]!) { approveRealNameVerifications(ids: $ids) { verificationId ok errorCode status } }`;
const REJECT_BATCH = /* GraphQL */ `mutation($ids: [ID!]!, $reason: String!) { rejectRealNameVerifications(ids: $ids, reason: $reason) { verificationId ok errorCode status } }`;

const clock = new FakeClock(SEEDED_AT);
const OPS: Record<'beijing' | 'shanghai' | 'admin' | 'shenzhen' | 'guangdong', OpsPrincipal> = {
  ...(REVIEWERS as Record<'beijing' | 'shanghai' | 'admin', OpsPrincipal>),
  shenzhen: { id: '00000000-0000-4000-8000-0000000000d1', username: 'sz-reviewer', roles: ['REVIEWER'], unitCodes: ['440300'] },
  guangdong: { id: '00000000-0000-4000-8000-0000000000d2', username: 'gd-reviewer', roles: ['REVIEWER'], unitCodes: ['440000'] },
};
let gw: TestGateway & { uploadDir: string };

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock, opsPrincipals: OPS });
});
afterAll(() => gw?.close());

const as = (who: keyof typeof OPS) => ({ 'x-test-ops': who });

async function uploadSide(candidate: TestCandidate, side: 'PORTRAIT' | 'EMBLEM' | 'HANDHELD', bytes?: Buffer) {
  const token = (await gw.graphql(TOKEN, { side }, { cookie: candidate.cookie })).body.data.requestRealNameUploadToken;
  if (!token.ok) return { token, upload: null };
  const res = await postUpload(gw, candidate.cookie, token.uploadUrl, bytes ?? encodeTestImage(side === 'EMBLEM' ? 'image/png' : 'image/jpeg', { width: 320, height: 200 }));
  return { token, status: res.status, upload: res.body.upload ?? null, body: res.body };
}

async function uploadAll(candidate: TestCandidate) {
  const ids: Record<string, string> = {};
  for (const side of ['PORTRAIT', 'EMBLEM', 'HANDHELD'] as const) {
    const { upload } = await uploadSide(candidate, side);
    if (!upload) throw new Error(`upload of ${side} failed`);
    ids[side] = upload.id;
  }
  return { portraitUploadId: ids.PORTRAIT!, emblemUploadId: ids.EMBLEM!, handheldUploadId: ids.HANDHELD! };
}

async function submitted(candidate: TestCandidate, region = { provinceCode: '110000', cityCode: '110100' }) {
  const input = { ...(await uploadAll(candidate)), ...region, consent: true };
  const result = (await gw.graphql(SUBMIT, { input }, { cookie: candidate.cookie })).body.data.submitOnlineRealNameVerification;
  if (!result.ok) throw new Error(result.message);
  return { input, verification: result.verification };
}

async function audit(where: string, params: unknown[]) {
  return gw.orm.em.fork().getConnection().execute<Array<Record<string, any>>>(`select * from audit_record where ${where} order by id`, params);
}

describe('线上实名认证: the candidate', () => {
  it('uploads the three images (stripped, served to the owner only) and submits them with 所在省市 → 待审核', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const { token, upload, status } = await uploadSide(candidate, 'PORTRAIT', encodeTestImage('image/jpeg', { width: 400, height: 250, exifMake: 'SecretCam GPS 39.9N' }));
    expect(token).toMatchObject({ ok: true, maxBytes: gw.config.uploads.maxBytes });
    expect(status).toBe(201);
    expect(upload).toMatchObject({ purpose: 'ID_PORTRAIT', contentType: 'image/jpeg', width: 400, height: 250 });
    const served = await fetch(`${gw.url}${upload.url}`, { headers: { cookie: candidate.cookie } });
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await served.arrayBuffer()).includes(Buffer.from('SecretCam'))).toBe(false);

    const emblem = (await uploadSide(candidate, 'EMBLEM')).upload;
    const handheld = (await uploadSide(candidate, 'HANDHELD')).upload;
    const others = { portraitUploadId: upload.id, emblemUploadId: emblem.id, handheldUploadId: handheld.id };
    const result = (await gw.graphql(SUBMIT, { input: { ...others, provinceCode: '110000', cityCode: '110100', consent: true } }, { cookie: candidate.cookie })).body.data
      .submitOnlineRealNameVerification;
    expect(result).toMatchObject({
      ok: true,
      message: '已提交,请等待审核',
      verification: { method: 'ONLINE', status: 'PENDING', expiresAt: null, provinceName: '北京市', cityName: '北京市', failureReason: null },
    });
    expect(result.verification.documents.map((d: any) => d.side)).toEqual(['PORTRAIT', 'EMBLEM', 'HANDHELD']);
    const state = (await gw.graphql(MY_REAL_NAME, {}, { cookie: candidate.cookie })).body.data.myRealName;
    expect(state).toMatchObject({ verified: false, latest: { id: result.verification.id, status: 'PENDING' } });
    expect(await audit(`action = 'REAL_NAME_VERIFICATION_STARTED' and target_id = ?`, [result.verification.id])).toHaveLength(1);
  });

  it('a new image of the same side replaces one no submission uses (row marked deleted, file removed)', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const first = (await uploadSide(candidate, 'PORTRAIT')).upload;
    const second = (await uploadSide(candidate, 'PORTRAIT')).upload;
    expect((await fetch(`${gw.url}${first.url}`, { headers: { cookie: candidate.cookie } })).status).toBe(404);
    expect((await fetch(`${gw.url}${second.url}`, { headers: { cookie: candidate.cookie } })).status).toBe(200);
    const rows = await gw.orm.em.fork().getConnection().execute(`select id, deleted_at from application_upload where account_id = ? order by created_at, id`, [candidate.accountId]);
    expect(rows.filter((r) => r.deleted_at === null).map((r) => r.id)).toEqual([second.id]);
  });

  it('refuses a submission without consent, with a wrong 所在省市, or with images that are missing or not its own', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const stranger = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const ids = await uploadAll(candidate);
    const strangers = await uploadAll(stranger);
    const submit = async (input: Record<string, unknown>) =>
      (await gw.graphql(SUBMIT, { input: { ...ids, provinceCode: '440000', cityCode: '440300', consent: true, ...input } }, { cookie: candidate.cookie })).body.data
        .submitOnlineRealNameVerification;
    expect(await submit({ consent: false })).toMatchObject({ ok: false, errorCode: 'CONSENT_REQUIRED', field: 'consent' });
    expect(await submit({ cityCode: '110100' })).toMatchObject({ ok: false, errorCode: 'REGION_INVALID', field: 'cityCode' });
    expect(await submit({ provinceCode: '999999' })).toMatchObject({ ok: false, errorCode: 'REGION_INVALID' });
    expect(await submit({ emblemUploadId: strangers.emblemUploadId })).toMatchObject({ ok: false, errorCode: 'DOCUMENT_IMAGE_MISSING', field: 'emblemUploadId', message: '请上传证件国徽面/非人像面' });
    expect(await submit({ handheldUploadId: ids.portraitUploadId })).toMatchObject({ ok: false, errorCode: 'DOCUMENT_IMAGE_MISSING', field: 'handheldUploadId' });
    expect(await submit({ portraitUploadId: 'not-a-uuid' })).toMatchObject({ ok: false, errorCode: 'DOCUMENT_IMAGE_MISSING', field: 'portraitUploadId' });
    const [{ count }] = await gw.orm.em.fork().getConnection().execute(`select count(*)::int as count from real_name_verification where account_id = ?`, [candidate.accountId]);
    expect(count).toBe(0);
  });

  it('checks files by their bytes: a PDF or a truncated image is refused and nothing is stored', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const pdf = await uploadSide(candidate, 'PORTRAIT', Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'));
    expect(pdf.status).toBe(415);
    expect(pdf.body).toMatchObject({ ok: false, errorCode: 'UPLOAD_TYPE_NOT_ALLOWED', message: '仅支持JPG或PNG格式的图片' });
    const whole = encodeTestImage('image/jpeg', { width: 200, height: 120 });
    const cut = await uploadSide(candidate, 'PORTRAIT', whole.subarray(0, whole.length - 100));
    expect(cut.status).toBe(422);
    const [{ count }] = await gw.orm.em.fork().getConnection().execute(`select count(*)::int as count from application_upload where account_id = ?`, [candidate.accountId]);
    expect(count).toBe(0);
  });

  it('cannot read another candidate’s images or submission, nor anonymously', async () => {
    const owner = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const other = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const { verification } = await submitted(owner);
    for (const doc of verification.documents) {
      expect((await fetch(`${gw.url}${doc.url}`, { headers: { cookie: other.cookie } })).status).toBe(404);
      expect((await fetch(`${gw.url}${doc.url}`)).status).toBe(401);
      expect((await fetch(`${gw.url}${doc.url}`, { headers: { cookie: owner.cookie } })).status).toBe(200);
    }
    const poll = (await gw.graphql(`query($id: ID!) { realNameVerification(id: $id) { id } }`, { id: verification.id }, { cookie: other.cookie })).body;
    expect(poll.data.realNameVerification).toBeNull();
    const queue = (await gw.graphql(QUEUE, {}, { cookie: other.cookie })).body;
    expect(queue.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('cannot upload or submit again while a submission waits, nor once verified', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const { input } = await submitted(candidate);
    expect((await uploadSide(candidate, 'PORTRAIT')).token).toMatchObject({ ok: false, errorCode: 'REVIEW_PENDING', uploadUrl: null });
    const again = (await gw.graphql(SUBMIT, { input }, { cookie: candidate.cookie })).body.data.submitOnlineRealNameVerification;
    expect(again).toMatchObject({ ok: false, errorCode: 'REVIEW_PENDING' });

    const verified = await insertCandidate(gw, SEEDED_AT);
    expect((await uploadSide(verified, 'EMBLEM')).token).toMatchObject({ ok: false, errorCode: 'ALREADY_VERIFIED' });
  });

  it('a token issued before submitting is refused afterwards (checked again when the file is stored)', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const early = (await gw.graphql(TOKEN, { side: 'PORTRAIT' }, { cookie: candidate.cookie })).body.data.requestRealNameUploadToken;
    await submitted(candidate);
    const late = await postUpload(gw, candidate.cookie, early.uploadUrl, encodeTestImage('image/jpeg', { width: 100, height: 80 }));
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ ok: false, errorCode: 'REVIEW_PENDING' });
  });
});

describe('线上实名认证: the review queue', () => {
  it('is scoped to the unit of 所在省市: a 计划单列市 city goes to its own unit, other cities to the province', async () => {
    const sz = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false, name: '深圳考生' });
    const gz = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false, name: '广州考生' });
    const a = (await submitted(sz, { provinceCode: '440000', cityCode: '440300' })).verification;
    const b = (await submitted(gz, { provinceCode: '440000', cityCode: '440100' })).verification;
    const ids = async (who: keyof typeof OPS) =>
      ((await gw.graphql(QUEUE, { first: 100 }, as(who))).body.data.realNameReviews.items as Array<{ id: string }>).map((i) => i.id);
    expect(await ids('shenzhen')).toContain(a.id);
    expect(await ids('shenzhen')).not.toContain(b.id);
    expect(await ids('guangdong')).toEqual(expect.arrayContaining([b.id]));
    expect(await ids('guangdong')).not.toContain(a.id);
    expect(await ids('beijing')).not.toContain(a.id);
    expect(await ids('admin')).toEqual(expect.arrayContaining([a.id, b.id]));
    const item = (await gw.graphql(QUEUE, { filter: { unitCode: '440300' } }, as('shenzhen'))).body.data.realNameReviews.items.find((i: any) => i.id === a.id);
    expect(item).toMatchObject({ status: 'PENDING', unitCode: '440300', provinceName: '广东省', cityName: '深圳市', candidateName: '深圳考生' });
    expect(item.maskedDocumentNumber).toMatch(/\*/);
    const foreign = (await gw.graphql(QUEUE, { filter: { unitCode: '440300' } }, as('beijing'))).body;
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('pages with a keyset cursor, oldest submission first', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.set(new Date(SEEDED_AT.getTime() + (i + 1) * 60_000));
      made.push((await submitted(await insertCandidate(gw, SEEDED_AT, { realNameVerified: false }), { provinceCode: '310000', cityCode: '310100' })).verification.id);
    }
    clock.set(SEEDED_AT);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await gw.graphql(QUEUE, { filter: { unitCode: '310000' }, first: 2, after }, as('shanghai'))).body.data.realNameReviews;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i: any) => i.id));
      after = page.nextCursor;
    } while (after);
    expect(seen.filter((id) => made.includes(id))).toEqual(made);
    const bad = (await gw.graphql(QUEUE, { after: 'garbage' }, as('shanghai'))).body;
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('the detail shows the unmasked number and images to a reviewer of the unit, audited; another unit gets NOT_FOUND', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const { verification } = await submitted(candidate);
    const foreign = (await gw.graphql(DETAIL, { id: verification.id }, as('shanghai'))).body;
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await audit(`action = 'PERSONAL_DATA_UNMASKED' and target_id = ?`, [verification.id])).toHaveLength(0);

    const detail = (await gw.graphql(DETAIL, { id: verification.id }, as('beijing'))).body.data.realNameReview;
    expect(detail).toMatchObject({ id: verification.id, accountId: candidate.accountId, documentNumber: candidate.documentNumber, status: 'PENDING' });
    const [read] = await audit(`action = 'PERSONAL_DATA_UNMASKED' and target_id = ?`, [verification.id]);
    expect(read).toMatchObject({ actor_username: 'bj-reviewer', reason: '实名认证审核' });
    expect(JSON.stringify(read!.details)).not.toContain(candidate.documentNumber);

    for (const doc of detail.documents) {
      expect((await fetch(`${gw.url}${doc.url}`, { headers: as('shanghai') })).status).toBe(404);
      const seen = await fetch(`${gw.url}${doc.url}`, { headers: as('beijing') });
      expect(seen.status).toBe(200);
      expect((await seen.arrayBuffer()).byteLength).toBeGreaterThan(0);
      const views = await audit(`action = 'PERSONAL_DATA_UNMASKED' and target_type = 'ACCOUNT_UPLOAD' and target_id = ?`, [doc.uploadId]);
      expect(views).toHaveLength(1);
      expect(views[0]).toMatchObject({ actor_username: 'bj-reviewer', reason: '实名认证审核' });
    }
    // The owner's own views are not reviewer reads.
    await fetch(`${gw.url}${detail.documents[0].url}`, { headers: { cookie: candidate.cookie } });
    expect(await audit(`target_id = ? and actor_type = 'CANDIDATE'`, [detail.documents[0].uploadId])).toHaveLength(0);
  });

  it('reject (reason required) → the candidate sees the reason, uploads a new image and resubmits → approve verifies the account', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    const { input, verification } = await submitted(candidate);

    for (const reason of ['', ' ', '短']) {
      expect((await gw.graphql(REJECT, { id: verification.id, reason }, as('beijing'))).body.data.rejectRealNameVerification).toMatchObject({
        ok: false,
        errorCode: 'REASON_REQUIRED',
      });
    }
    expect((await gw.graphql(REJECT, { id: verification.id, reason: '手持证件照片不清晰' }, as('shanghai'))).body.data.rejectRealNameVerification).toMatchObject({
      ok: false,
      errorCode: 'SUBMISSION_NOT_FOUND',
    });
    const rejected = (await gw.graphql(REJECT, { id: verification.id, reason: '手持证件照片不清晰,请重新拍摄' }, as('beijing'))).body.data.rejectRealNameVerification;
    expect(rejected).toMatchObject({ ok: true, status: 'FAILED' });
    expect((await gw.graphql(APPROVE, { id: verification.id }, as('beijing'))).body.data.approveRealNameVerification).toMatchObject({ ok: false, errorCode: 'NOT_PENDING' });
    const [record] = await audit(`action = 'REAL_NAME_VERIFICATION_FAILED' and target_id = ?`, [candidate.accountId]);
    expect(record).toMatchObject({ actor_username: 'bj-reviewer', reason: '手持证件照片不清晰,请重新拍摄' });

    const state = (await gw.graphql(MY_REAL_NAME, {}, { cookie: candidate.cookie })).body.data.myRealName;
    expect(state).toMatchObject({ verified: false, latest: { id: verification.id, status: 'FAILED', failureReason: '手持证件照片不清晰,请重新拍摄' } });

    // 重新提交 (a minute later): a new 手持 image, the other two as before (their files were kept).
    clock.set(new Date(SEEDED_AT.getTime() + 60_000));
    const { upload } = await uploadSide(candidate, 'HANDHELD');
    const again = (await gw.graphql(SUBMIT, { input: { ...input, handheldUploadId: upload.id } }, { cookie: candidate.cookie })).body.data.submitOnlineRealNameVerification;
    expect(again).toMatchObject({ ok: true, verification: { status: 'PENDING' } });
    expect(again.verification.id).not.toBe(verification.id);
    expect(await isRealNameVerified(testContext(gw.orm, clock), candidate.accountId)).toBe(false);

    const approved = (await gw.graphql(APPROVE, { id: again.verification.id }, as('beijing'))).body.data.approveRealNameVerification;
    clock.set(SEEDED_AT);
    expect(approved).toMatchObject({ ok: true, status: 'SUCCEEDED' });
    expect(await isRealNameVerified(testContext(gw.orm, clock), candidate.accountId)).toBe(true);
    expect((await gw.graphql(MY_REAL_NAME, {}, { cookie: candidate.cookie })).body.data.myRealName).toMatchObject({ verified: true, latest: { status: 'SUCCEEDED' } });
    expect(await audit(`action = 'REAL_NAME_VERIFIED' and target_id = ?`, [candidate.accountId])).toHaveLength(1);
    // 信息采集 opens, exactly as after 支付宝.
    const profile = (await gw.graphql(`{ myProfile { realNameVerified } }`, {}, { cookie: candidate.cookie })).body.data.myProfile;
    expect(profile).toEqual({ realNameVerified: true });
    // Once verified nothing more can be submitted.
    expect((await gw.graphql(SUBMIT, { input }, { cookie: candidate.cookie })).body.data.submitOnlineRealNameVerification).toMatchObject({ ok: false, errorCode: 'ALREADY_VERIFIED' });
  });

  it('decides batches item by item: other units and decided ones fail alone', async () => {
    const [one, two, three] = await Promise.all([0, 1, 2].map(() => insertCandidate(gw, SEEDED_AT, { realNameVerified: false })));
    const a = (await submitted(one!)).verification.id;
    const b = (await submitted(two!)).verification.id;
    const foreign = (await submitted(three!, { provinceCode: '310000', cityCode: '310100' })).verification.id;
    const results = (await gw.graphql(APPROVE_BATCH, { ids: [a, foreign, b, a] }, as('beijing'))).body.data.approveRealNameVerifications;
    expect(results).toEqual([
      { verificationId: a, ok: true, errorCode: null, status: 'SUCCEEDED' },
      { verificationId: foreign, ok: false, errorCode: 'SUBMISSION_NOT_FOUND', status: null },
      { verificationId: b, ok: true, errorCode: null, status: 'SUCCEEDED' },
    ]);
    const rejects = (await gw.graphql(REJECT_BATCH, { ids: [a, foreign], reason: '证件照片与身份信息不符' }, as('shanghai'))).body.data.rejectRealNameVerifications;
    expect(rejects).toEqual([
      { verificationId: a, ok: false, errorCode: 'SUBMISSION_NOT_FOUND', status: null },
      { verificationId: foreign, ok: true, errorCode: null, status: 'FAILED' },
    ]);
    const candidateCalls = (await gw.graphql(APPROVE_BATCH, { ids: [a] }, { cookie: one!.cookie })).body;
    expect(candidateCalls.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
