/**
 * Removing exam set-up (报考地市, 报名点, 通知公告, 证明材料, 减免类别) and listing ops accounts: what
 * candidates' data refers to is refused with IN_USE and a Chinese message and stays as it was;
 * every removal writes its audit record (with what was removed) in its transaction; the public
 * exam pages stop showing it (the cache is invalidated by the tables' NOTIFY triggers).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createOpsAccount } from './ops-support';
import { examUnit, insertCandidate, pointOf, REVIEWERS, SEEDED_AT, startRegistrationGateway, type ExamUnitRef } from './registration-support';
import { FakeClock, TEST_OPS_HEADER, type TestGateway } from './support';

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;
let beijing: ExamUnitRef;
const db = () => gw.orm.em.getConnection();

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock, opsPrincipals: REVIEWERS });
  beijing = await examUnit(gw, 'JUNIOR', '110000');
});
afterAll(() => gw?.close());

async function as(who: keyof typeof REVIEWERS, query: string, variables: Record<string, unknown> = {}) {
  const { body } = await gw.graphql(query, variables, { [TEST_OPS_HEADER]: who });
  return body as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

const RESULT = 'ok errorCode message field id';
const remove = (mutation: string) => `mutation($id: ID!) { ${mutation}(id: $id) { ${RESULT} } }`;
const removeByCode = (mutation: string) => `mutation($examUnitId: ID!, $code: String!) { ${mutation}(examUnitId: $examUnitId, code: $code) { ${RESULT} } }`;
const DETAIL = `query($id: ID!) { examUnitDetail(examUnitId: $id) { notices { id title } materials { code } feeWaiverCategories { code }
  cities { id name points { id name } } } }`;

async function publicDetail() {
  const res = await gw.graphql(DETAIL, { id: beijing.examUnitId });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.examUnitDetail;
}

/** Polls until the public page (cached per process) shows what `check` expects. */
async function eventually(check: () => Promise<void>, withinMs = 3000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() - started > withinMs) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

async function saveCity(name: string, code: string): Promise<string> {
  const res = await as('admin', `mutation($input: RegistrationCityInput!) { saveRegistrationCity(input: $input) { ${RESULT} } }`, {
    input: { unitCode: '110000', code, name, sortOrder: 50 },
  });
  expect(res.data.saveRegistrationCity).toMatchObject({ ok: true });
  return res.data.saveRegistrationCity.id;
}

async function savePoint(cityId: string, name: string): Promise<string> {
  const res = await as('admin', `mutation($input: RegistrationPointInput!) { saveRegistrationPoint(input: $input) { ${RESULT} } }`, {
    input: { examUnitId: beijing.examUnitId, cityId, name, address: '北京市东城区1号', phone: '010-12345678', capacity: 10, sortOrder: 50 },
  });
  expect(res.data.saveRegistrationPoint).toMatchObject({ ok: true });
  return res.data.saveRegistrationPoint.id;
}

/** A draft application of a new candidate in 北京 初级, choosing the city and point given. */
async function draftApplication(cityId: string | null, pointId: string | null): Promise<string> {
  const candidate = await insertCandidate(gw, clock.now());
  const [row] = await db().execute(
    `insert into application (id, account_id, exam_id, exam_unit_id, level, status, current_step, city_id, point_id, created_at, updated_at)
     values (gen_random_uuid(), ?, ?, ?, 'JUNIOR', 'DRAFT', 'DETAILS', ?, ?, now(), now()) returning id`,
    [candidate.accountId, beijing.examId, beijing.examUnitId, cityId, pointId],
  );
  return row.id;
}

describe('报考地市 and 报名点', () => {
  it('deletes an unused point and then its city, audited, and the public page stops showing them', async () => {
    const cityId = await saveCity('雄安测试市', '110199');
    const pointId = await savePoint(cityId, '雄安测试报名点');
    await eventually(async () => {
      const city = (await publicDetail()).cities.find((c: any) => c.id === cityId);
      expect(city?.points.map((p: any) => p.id)).toEqual([pointId]);
    });

    const cityFirst = (await as('admin', remove('deleteRegistrationCity'), { id: cityId })).data.deleteRegistrationCity;
    expect(cityFirst).toMatchObject({ ok: false, errorCode: 'IN_USE', field: 'id' });
    expect(cityFirst.message).toContain('报名点');

    expect((await as('admin', remove('deleteRegistrationPoint'), { id: pointId })).data.deleteRegistrationPoint).toMatchObject({ ok: true, id: pointId });
    expect((await as('admin', remove('deleteRegistrationCity'), { id: cityId })).data.deleteRegistrationCity).toMatchObject({ ok: true, id: cityId });
    expect(await db().execute(`select 1 from registration_city where id = ?`, [cityId])).toHaveLength(0);

    const [pointRecord] = await auditRows(gw, `action = 'REGISTRATION_POINT_DELETED' and target_id = ?`, [pointId]);
    expect(pointRecord).toMatchObject({ actor_username: 'admin', actor_role: 'ADMIN', target_type: 'REGISTRATION_POINT' });
    expect(pointRecord!.details).toMatchObject({ unitCode: '110000', removed: { name: '雄安测试报名点', capacity: 10 } });
    const [cityRecord] = await auditRows(gw, `action = 'REGISTRATION_CITY_DELETED' and target_id = ?`, [cityId]);
    expect(cityRecord!.details).toMatchObject({ unitCode: '110000', removed: { code: '110199', name: '雄安测试市' } });

    await eventually(async () => expect((await publicDetail()).cities.some((c: any) => c.id === cityId)).toBe(false));
    expect((await as('admin', remove('deleteRegistrationPoint'), { id: pointId })).data.deleteRegistrationPoint).toMatchObject({ ok: false, errorCode: 'NOT_FOUND' });
  });

  it('refuses a point with places taken or chosen by any application, and a city an application chose', async () => {
    const { pointId: takenPoint } = await pointOf(gw, beijing.examUnitId);
    await db().execute(`update registration_point set taken = taken + 1 where id = ?`, [takenPoint]);
    const taken = (await as('admin', remove('deleteRegistrationPoint'), { id: takenPoint })).data.deleteRegistrationPoint;
    expect(taken).toMatchObject({ ok: false, errorCode: 'IN_USE' });
    expect(taken.message).toMatch(/已有\d+人报名/);
    await db().execute(`update registration_point set taken = taken - 1 where id = ?`, [takenPoint]);

    const cityId = await saveCity('测试地市乙', '110198');
    const chosen = await savePoint(cityId, '草稿选择的报名点');
    const draft = await draftApplication(cityId, chosen);
    const refused = (await as('admin', remove('deleteRegistrationPoint'), { id: chosen })).data.deleteRegistrationPoint;
    expect(refused).toMatchObject({ ok: false, errorCode: 'IN_USE' });
    expect(refused.message).toContain('1份报名');
    // A place held by a withdrawn application counts too.
    await db().execute(`update application set point_id = null, held_point_id = ?, status = 'WITHDRAWN' where id = ?`, [chosen, draft]);
    expect((await as('admin', remove('deleteRegistrationPoint'), { id: chosen })).data.deleteRegistrationPoint.errorCode).toBe('IN_USE');
    await db().execute(`update application set held_point_id = null where id = ?`, [draft]);
    expect((await as('admin', remove('deleteRegistrationPoint'), { id: chosen })).data.deleteRegistrationPoint.ok).toBe(true);
    // The application still names the city: the city stays.
    const city = (await as('admin', remove('deleteRegistrationCity'), { id: cityId })).data.deleteRegistrationCity;
    expect(city).toMatchObject({ ok: false, errorCode: 'IN_USE' });
    expect(city.message).toContain('1份报名');
    expect((await db().execute(`select city_id from application where id = ?`, [draft]))[0].city_id).toBe(cityId);
    expect(await auditRows(gw, `action = 'REGISTRATION_CITY_DELETED' and target_id = ?`, [cityId])).toHaveLength(0);
    expect(await db().execute(`select 1 from registration_point where id = ?`, [takenPoint])).toHaveLength(1);
  });
});

describe('通知公告, 证明材料, 减免类别', () => {
  it('deletes a notice, keeping its text in the audit record; the public page drops it', async () => {
    const saved = (await as('admin', `mutation($input: ExamUnitNoticeInput!) { saveExamUnitNotice(input: $input) { ${RESULT} } }`, {
      input: { examUnitId: beijing.examUnitId, kind: 'UNIT', title: '关于调整报名时间的通知', body: '报名截止时间顺延一天。', publishedAt: '2026-11-20T00:00:00Z', sortOrder: 9 },
    })).data.saveExamUnitNotice;
    expect(saved.ok).toBe(true);
    await eventually(async () => expect((await publicDetail()).notices.map((n: any) => n.id)).toContain(saved.id));
    expect((await as('admin', remove('deleteExamUnitNotice'), { id: saved.id })).data.deleteExamUnitNotice).toMatchObject({ ok: true, id: saved.id });
    const [record] = await auditRows(gw, `action = 'NOTICE_DELETED' and target_id = ?`, [saved.id]);
    expect(record!.details.removed).toMatchObject({ kind: 'UNIT', title: '关于调整报名时间的通知', body: '报名截止时间顺延一天。' });
    await eventually(async () => expect((await publicDetail()).notices.map((n: any) => n.id)).not.toContain(saved.id));
  });

  it('refuses a material that a kept upload or an upload under way refers to', async () => {
    const save = `mutation($input: MaterialRequirementInput!) { saveMaterialRequirement(input: $input) { ${RESULT} } }`;
    const material = (await as('admin', save, {
      input: { examUnitId: beijing.examUnitId, code: 'TEST_CERT', name: '测试证明', description: '测试用', required: false, sortOrder: 99 },
    })).data.saveMaterialRequirement;
    expect(material.ok).toBe(true);
    const applicationId = await draftApplication(null, null);
    const [{ account_id: accountId }] = await db().execute(`select account_id from application where id = ?`, [applicationId]);
    const [uploadRow] = await db().execute(
      `insert into application_upload (id, account_id, application_id, purpose, material_code, storage_key, content_type, size_bytes, width, height, sha256, created_at)
       values (gen_random_uuid(), ?, ?, 'MATERIAL', 'TEST_CERT', 'test/key', 'image/jpeg', 1000, 400, 600, ?, now()) returning id`,
      [accountId, applicationId, randomBytes(32)],
    );
    const kept = (await as('admin', removeByCode('deleteMaterialRequirement'), { examUnitId: beijing.examUnitId, code: 'TEST_CERT' })).data.deleteMaterialRequirement;
    expect(kept).toMatchObject({ ok: false, errorCode: 'IN_USE' });
    expect(kept.message).toContain('1份该材料');

    // Deleted by the candidate: no longer counts; a token not yet used does.
    await db().execute(`update application_upload set deleted_at = now() where id = ?`, [uploadRow.id]);
    await db().execute(
      `insert into upload_token (token_hash, account_id, application_id, purpose, material_code, expires_at) values (?, ?, ?, 'MATERIAL', 'TEST_CERT', ?)`,
      [randomBytes(32), accountId, applicationId, new Date(clock.now().getTime() + 600_000)],
    );
    const pending = (await as('admin', removeByCode('deleteMaterialRequirement'), { examUnitId: beijing.examUnitId, code: 'TEST_CERT' })).data.deleteMaterialRequirement;
    expect(pending).toMatchObject({ ok: false, errorCode: 'IN_USE' });
    expect(pending.message).toContain('正在上传');
    expect(await auditRows(gw, `action = 'MATERIAL_REQUIREMENT_DELETED'`)).toHaveLength(0);

    await db().execute(`update upload_token set used_at = now() where application_id = ?`, [applicationId]);
    expect((await as('admin', removeByCode('deleteMaterialRequirement'), { examUnitId: beijing.examUnitId, code: 'TEST_CERT' })).data.deleteMaterialRequirement).toMatchObject({ ok: true, id: material.id });
    const [record] = await auditRows(gw, `action = 'MATERIAL_REQUIREMENT_DELETED' and target_id = ?`, [material.id]);
    expect(record!.details).toMatchObject({ unitCode: '110000', removed: { code: 'TEST_CERT', name: '测试证明', required: false } });
    await eventually(async () => expect((await publicDetail()).materials.map((m: any) => m.code)).not.toContain('TEST_CERT'));
  });

  it('deletes a fee waiver category, audited, and refuses reviewers and unknown ids', async () => {
    const saved = (await as('admin', `mutation($input: FeeWaiverCategoryInput!) { saveFeeWaiverCategory(input: $input) { ${RESULT} } }`, {
      input: { examUnitId: beijing.examUnitId, code: 'TEST_WAIVER', name: '测试减免', description: '测试用证明' },
    })).data.saveFeeWaiverCategory;
    expect(saved.ok).toBe(true);
    await eventually(async () => expect((await publicDetail()).feeWaiverCategories.map((w: any) => w.code)).toContain('TEST_WAIVER'));

    const before = (await db().execute(`select count(*)::int as n from audit_record`))[0].n;
    const byCode = { examUnitId: beijing.examUnitId, code: 'TEST_WAIVER' };
    const reviewer = await as('beijing', removeByCode('deleteFeeWaiverCategory'), byCode);
    expect(reviewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await db().execute(`select count(*)::int as n from audit_record`))[0].n).toBe(before);
    for (const mutation of ['deleteExamUnitNotice', 'deleteRegistrationCity', 'deleteRegistrationPoint']) {
      expect((await as('admin', remove(mutation), { id: 'not-an-id' })).data[mutation], mutation).toMatchObject({ ok: false, errorCode: 'NOT_FOUND' });
    }
    for (const mutation of ['deleteFeeWaiverCategory', 'deleteMaterialRequirement']) {
      expect((await as('admin', removeByCode(mutation), { examUnitId: beijing.examUnitId, code: 'NO_SUCH_CODE' })).data[mutation], mutation).toMatchObject({ ok: false, errorCode: 'NOT_FOUND', field: 'code' });
    }

    expect((await as('admin', removeByCode('deleteFeeWaiverCategory'), byCode)).data.deleteFeeWaiverCategory).toMatchObject({ ok: true, id: saved.id });
    const [record] = await auditRows(gw, `action = 'FEE_WAIVER_CATEGORY_DELETED' and target_id = ?`, [saved.id]);
    expect(record!.details.removed).toEqual({ code: 'TEST_WAIVER', name: '测试减免', description: '测试用证明' });
    await eventually(async () => expect((await publicDetail()).feeWaiverCategories.map((w: any) => w.code)).not.toContain('TEST_WAIVER'));
  });
});

describe('ops accounts list', () => {
  const LIST = `query($role: OpsRole, $unitCode: String, $disabled: Boolean, $first: Int, $after: String) {
    opsAccounts(role: $role, unitCode: $unitCode, disabled: $disabled, first: $first, after: $after) {
      nextCursor items { id username roles unitCodes disabled lastLoginAt activeSessions createdAt updatedAt } } }`;

  it('lists accounts in username order with filters and pages, never secrets; admins only', async () => {
    const reviewer = await createOpsAccount(gw, 'REVIEWER', ['110000'], 'list-a-reviewer');
    await createOpsAccount(gw, 'REVIEWER', ['310000'], 'list-b-reviewer');
    const admin = await createOpsAccount(gw, 'ADMIN', [], 'list-c-admin');
    await db().execute(`update ops_account set disabled = true where id = ?`, [admin.id]);

    const all = (await as('admin', LIST, {})).data.opsAccounts;
    const names = all.items.map((a: any) => a.username);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['list-a-reviewer', 'list-b-reviewer', 'list-c-admin']));
    expect(all.items.find((a: any) => a.id === reviewer.id)).toMatchObject({ roles: ['REVIEWER'], unitCodes: ['110000'], disabled: false, activeSessions: 0 });

    const beijingReviewers = (await as('admin', LIST, { role: 'REVIEWER', unitCode: '110000' })).data.opsAccounts.items;
    expect(beijingReviewers.map((a: any) => a.username)).toContain('list-a-reviewer');
    expect(beijingReviewers.every((a: any) => a.unitCodes.includes('110000'))).toBe(true);
    expect((await as('admin', LIST, { disabled: true })).data.opsAccounts.items.map((a: any) => a.username)).toEqual(['list-c-admin']);

    const page1 = (await as('admin', LIST, { first: 1 })).data.opsAccounts;
    expect(page1.items).toHaveLength(1);
    const page2 = (await as('admin', LIST, { first: 1, after: page1.nextCursor })).data.opsAccounts;
    expect(page2.items[0].username > page1.items[0].username).toBe(true);

    // The schema has no field that could carry a secret, and the answer holds none.
    const raw = JSON.stringify(all);
    const [stored] = await db().execute(`select password_hash, totp_secret_encrypted from ops_account where id = ?`, [reviewer.id]);
    expect(raw).not.toContain(stored.password_hash);
    expect(raw).not.toContain(Buffer.from(stored.totp_secret_encrypted).toString('base64'));
    const summary = (await gw.graphql(`{ __type(name: "OpsAccountSummary") { fields { name } } }`, {}, { [TEST_OPS_HEADER]: 'admin' })).body.data.__type.fields.map(
      (f: any) => f.name,
    );
    expect(summary.some((f: string) => /password|hash|totp|secret/i.test(f))).toBe(false);

    expect((await as('beijing', LIST, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
