import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTestImage, makeJpeg } from '../src/modules/registration/image-inspection.testing';
import { FakeClock, type TestGateway } from './support';
import { call, examUnit, insertCandidate, OPS, postUpload, SEEDED_AT, startRegistrationGateway, walkToConfirm, type ExamUnitRef, type TestCandidate } from './registration-support';

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;
let beijing: ExamUnitRef;
let owner: TestCandidate;
let other: TestCandidate;
let ownerId: string;
let photoUrl: string;
let photoId: string;

const LIST = /* GraphQL */ `
  query($filter: ReviewApplicationsFilter, $first: Int, $after: String) {
    reviewApplications(filter: $filter, first: $first, after: $after) {
      nextCursor items { id status level unit { code name } candidateName maskedDocumentNumber cityName pointName subjectCodes submittedAt }
    }
  }
`;
const DETAIL = /* GraphQL */ `
  query($id: ID!) { reviewApplication(applicationId: $id) { candidate { name documentNumber phone } application { id status photo { url } } } }
`;

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock });
  beijing = await examUnit(gw, 'INTERMEDIATE', '110000');
  owner = await insertCandidate(gw, SEEDED_AT, { name: '欧阳𠀾华' });
  other = await insertCandidate(gw, SEEDED_AT);
  ownerId = await walkToConfirm(gw, owner.cookie, beijing, 'INTERMEDIATE');
  const app = (await gw.graphql(OPS.mine, { examId: beijing.examId }, { cookie: owner.cookie })).body.data.myApplication;
  photoUrl = app.photo.url;
  photoId = app.photo.id;
});
afterAll(() => gw?.close());

const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;

describe('anonymous callers', () => {
  it('cannot read or change applications, upload, download or review', async () => {
    expect(codeOf((await gw.graphql(OPS.mine, { examId: beijing.examId })).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await gw.graphql(OPS.start, { examUnitId: beijing.examUnitId })).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await gw.graphql(OPS.submit, { id: ownerId })).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await gw.graphql(OPS.token, { input: { applicationId: ownerId, purpose: 'PHOTO' } })).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await gw.graphql(LIST, {})).body)).toBe('UNAUTHENTICATED');
    expect((await fetch(`${gw.url}${photoUrl}`)).status).toBe(401);
    expect((await postUpload(gw, null, '/api/uploads?token=x', makeJpeg({ width: 10, height: 10 }))).status).toBe(401);
  });
});

describe('a candidate and somebody else’s application', () => {
  it('cannot read it', async () => {
    expect((await gw.graphql(OPS.mine, { examId: beijing.examId }, { cookie: other.cookie })).body.data.myApplication).toBeNull();
    expect((await fetch(`${gw.url}${photoUrl}`, { headers: { cookie: other.cookie } })).status).toBe(404);
    expect((await fetch(`${gw.url}${photoUrl}`, { headers: { cookie: owner.cookie } })).status).toBe(200);
  });

  it('cannot change it in any step, and learns nothing about it', async () => {
    for (const [op, vars] of [
      ['accept', { id: ownerId, agreed: true }],
      ['notices', { id: ownerId }],
      ['conditions', { id: ownerId, route: 'INTERMEDIATE_BACHELOR' }],
      ['save', { id: ownerId, input: { subjectCodes: [] } }],
      ['confirmDetails', { id: ownerId }],
      ['confirmMaterials', { id: ownerId }],
      ['submit', { id: ownerId }],
      ['withdraw', { id: ownerId }],
    ] as const) {
      const { body } = await gw.graphql(OPS[op], vars, { cookie: other.cookie });
      expect(codeOf(body), op).toBe('NOT_FOUND');
      expect(JSON.stringify(body), op).not.toContain(owner.name);
    }
    const token = await gw.graphql(OPS.token, { input: { applicationId: ownerId, purpose: 'PHOTO' } }, { cookie: other.cookie });
    expect(codeOf(token.body)).toBe('NOT_FOUND');
    expect((await call(gw, other.cookie, 'deleteUpload', { uploadId: photoId })).errorCode).toBe('UPLOAD_NOT_FOUND');
    const mine = (await gw.graphql(OPS.mine, { examId: beijing.examId }, { cookie: owner.cookie })).body.data.myApplication;
    expect(mine).toMatchObject({ status: 'DRAFT', currentStep: 'CONFIRM' });
    expect(mine.photo.id).toBe(photoId);
  });

  it('cannot use the owner’s upload token (it is bound to the candidate)', async () => {
    const token = (await gw.graphql(OPS.token, { input: { applicationId: ownerId, purpose: 'MATERIAL', materialCode: 'WORK_PROOF' } }, { cookie: owner.cookie })).body.data
      .requestUploadToken;
    expect(await postUpload(gw, other.cookie, token.uploadUrl, makeJpeg({ width: 800, height: 600 }))).toMatchObject({ status: 401, body: { errorCode: 'UPLOAD_TOKEN_INVALID' } });
    expect((await postUpload(gw, null, token.uploadUrl, makeJpeg({ width: 800, height: 600 }))).status).toBe(401);
    // Still unused: the owner can spend it.
    expect((await postUpload(gw, owner.cookie, token.uploadUrl, encodeTestImage('image/jpeg', { width: 400, height: 300 }))).status).toBe(201);
  });

  it('cannot call reviewer operations', async () => {
    expect(codeOf((await gw.graphql(LIST, {}, { cookie: owner.cookie })).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await gw.graphql(`mutation($id: ID!) { approveApplication(applicationId: $id) { ok } }`, { id: ownerId }, { cookie: owner.cookie })).body)).toBe('UNAUTHENTICATED');
  });
});

describe('reviewers', () => {
  beforeAll(async () => {
    // The token test above added a material, which asks for 下一步 on 证明材料上传 again.
    await call(gw, owner.cookie, 'confirmMaterials', { id: ownerId });
    const submitted = await call(gw, owner.cookie, 'submit', { id: ownerId });
    if (!submitted.ok) throw new Error(`submit failed: ${submitted.message}`);
  });

  it('of the unit list, open (unmasked) and download its applications', async () => {
    const list = (await gw.graphql(LIST, { filter: { status: 'SUBMITTED' } }, { 'x-test-ops': 'beijing' })).body.data.reviewApplications;
    const row = list.items.find((i: any) => i.id === ownerId);
    expect(row).toMatchObject({ status: 'SUBMITTED', level: 'INTERMEDIATE', unit: { code: '110000', name: '北京市' }, candidateName: '欧阳𠀾华', pointName: '东城区会计资格考试报名点' });
    expect(row.maskedDocumentNumber).toMatch(/^\d{3,4}\*+\d{3,4}$/);
    const detail = (await gw.graphql(DETAIL, { id: ownerId }, { 'x-test-ops': 'beijing' })).body.data.reviewApplication;
    expect(detail.candidate).toEqual({ name: '欧阳𠀾华', documentNumber: owner.documentNumber, phone: owner.phone });
    expect((await fetch(`${gw.url}${photoUrl}`, { headers: { 'x-test-ops': 'beijing' } })).status).toBe(200);
    const audits = await gw.orm.em.getConnection().execute(
      `select actor_type, actor_username, action, target_id, reason, details->'fields' as fields from audit_record where target_id = ? order by id`,
      [ownerId],
    );
    expect(audits).toEqual([
      expect.objectContaining({ actor_type: 'OPS', action: 'PERSONAL_DATA_UNMASKED', target_id: ownerId, reason: '报名审核', fields: ['documentNumber', 'phone'] }),
    ]);
  });

  it('of another unit are refused', async () => {
    const sh = { 'x-test-ops': 'shanghai' };
    expect(codeOf((await gw.graphql(LIST, { filter: { unitCode: '110000' } }, sh)).body)).toBe('FORBIDDEN');
    expect((await gw.graphql(LIST, {}, sh)).body.data.reviewApplications.items.map((i: any) => i.id)).not.toContain(ownerId);
    expect(codeOf((await gw.graphql(DETAIL, { id: ownerId }, sh)).body)).toBe('FORBIDDEN');
    expect(codeOf((await gw.graphql(`mutation($id: ID!) { approveApplication(applicationId: $id) { ok } }`, { id: ownerId }, sh)).body)).toBe('FORBIDDEN');
    expect(codeOf((await gw.graphql(`mutation($id: ID!) { rejectApplication(applicationId: $id, reason: "不符合") { ok } }`, { id: ownerId }, sh)).body)).toBe('FORBIDDEN');
    const batch = await gw.graphql(`mutation($ids: [ID!]!) { approveApplications(applicationIds: $ids) { applicationId ok errorCode } }`, { ids: [ownerId] }, sh);
    expect(batch.body.data.approveApplications).toEqual([{ applicationId: ownerId, ok: false, errorCode: 'APPLICATION_NOT_FOUND' }]);
    expect((await fetch(`${gw.url}${photoUrl}`, { headers: sh })).status).toBe(404);
    const mine = (await gw.graphql(OPS.mine, { examId: beijing.examId }, { cookie: owner.cookie })).body.data.myApplication;
    expect(mine.status).toBe('SUBMITTED');
  });

  it('page through their queue by keyset and decide in batches with one result per application', async () => {
    const others = await Promise.all([1, 2, 3, 4].map(() => insertCandidate(gw, SEEDED_AT)));
    const ids: string[] = [];
    for (const [i, c] of others.entries()) {
      clock.set(new Date(SEEDED_AT.getTime() + (i + 1) * 60_000));
      const id = await walkToConfirm(gw, c.cookie, beijing, 'INTERMEDIATE');
      await call(gw, c.cookie, 'submit', { id });
      ids.push(id);
    }
    clock.set(SEEDED_AT);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await gw.graphql(LIST, { filter: { unitCode: '110000', status: 'SUBMITTED', examId: beijing.examId, level: 'INTERMEDIATE' }, first: 2, after }, { 'x-test-ops': 'beijing' })).body.data
        .reviewApplications;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i: any) => i.id));
      after = page.nextCursor;
    } while (after);
    expect(seen).toEqual([ownerId, ...ids]); // oldest submission first, each exactly once
    expect(codeOf((await gw.graphql(LIST, { after: 'not-a-cursor' }, { 'x-test-ops': 'beijing' })).body)).toBe('BAD_USER_INPUT');

    const draft = (await call(gw, (await insertCandidate(gw, SEEDED_AT)).cookie, 'start', { examUnitId: beijing.examUnitId })).application.id;
    const batch = await gw.graphql(
      `mutation($ids: [ID!]!, $reason: String!) { rejectApplications(applicationIds: $ids, reason: $reason) { applicationId ok errorCode status } }`,
      { ids: [ids[0], ids[1], draft, '00000000-0000-0000-0000-000000000000'], reason: '学历证书照片不清晰' },
      { 'x-test-ops': 'admin' },
    );
    expect(batch.body.data.rejectApplications).toEqual([
      { applicationId: ids[0], ok: true, errorCode: null, status: 'REJECTED' },
      { applicationId: ids[1], ok: true, errorCode: null, status: 'REJECTED' },
      { applicationId: draft, ok: false, errorCode: 'APPLICATION_NOT_FOUND', status: null }, // drafts are not the reviewer's yet
      { applicationId: '00000000-0000-0000-0000-000000000000', ok: false, errorCode: 'APPLICATION_NOT_FOUND', status: null },
    ]);
    const approved = await gw.graphql(`mutation($ids: [ID!]!) { approveApplications(applicationIds: $ids) { ok errorCode } }`, { ids: [ids[0], ids[2]] }, { 'x-test-ops': 'beijing' });
    expect(approved.body.data.approveApplications).toEqual([
      { ok: false, errorCode: 'INVALID_TRANSITION' },
      { ok: true, errorCode: null },
    ]);
    // Every decision leaves an audit record; refused ones change nothing and so record nothing.
    const audits = await gw.orm.em.getConnection().execute<Array<{ action: string; target_id: string; reason: string | null; actor_type: string }>>(
      `select action, target_id, reason, actor_type from audit_record where action like 'APPLICATION_%' and target_id in (?) order by id`,
      [[ids[0], ids[1], ids[2]]],
    );
    expect(audits.map((a) => [a.action, a.target_id, a.actor_type])).toEqual([
      ['APPLICATION_REJECTED', ids[0], 'OPS'],
      ['APPLICATION_REJECTED', ids[1], 'OPS'],
      ['APPLICATION_APPROVED', ids[2], 'OPS'],
    ]);
    expect(audits[0]!.reason).toBeTruthy();
  });
});
