/**
 * 管理员 operations: validation on the server, one audit record per change in the change's
 * transaction, reviewers refused; ops account management through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totpAt } from '../src/modules/ops/totp';
import { auditRows, OPS_LOGIN } from './ops-support';
import { EXAM_YEAR, examUnit, pointOf, REVIEWERS, SEEDED_AT, startRegistrationGateway } from './registration-support';
import { FakeClock, TEST_OPS_HEADER, type TestGateway } from './support';

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;
const db = () => gw.orm.em.getConnection();

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock, opsPrincipals: REVIEWERS });
});
afterAll(() => gw?.close());

async function as(who: keyof typeof REVIEWERS, query: string, variables: Record<string, unknown> = {}) {
  const { body } = await gw.graphql(query, variables, { [TEST_OPS_HEADER]: who });
  return body as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

const RESULT = 'ok errorCode message field id';
const WINDOWS = `mutation($input: ExamUnitWindowsInput!) { setExamUnitWindows(input: $input) { ${RESULT} } }`;
const CAPACITY = `mutation($pointId: ID!, $capacity: Int) { setRegistrationPointCapacity(pointId: $pointId, capacity: $capacity) { ${RESULT} } }`;

describe('exams and windows', () => {
  it('creates an exam once per year and level, audited', async () => {
    const create = `mutation($input: ExamInput!) { createExam(input: $input) { ${RESULT} } }`;
    const created = (await as('admin', create, { input: { year: 2027, level: 'JUNIOR', name: '2027年度全国会计专业技术初级资格考试' } })).data.createExam;
    expect(created).toMatchObject({ ok: true, errorCode: null });
    const again = (await as('admin', create, { input: { year: 2027, level: 'JUNIOR', name: '重复' } })).data.createExam;
    expect(again).toMatchObject({ ok: false, errorCode: 'DUPLICATE' });
    const bad = (await as('admin', create, { input: { year: 1999, level: 'SENIOR', name: 'x' } })).data.createExam;
    expect(bad).toMatchObject({ ok: false, errorCode: 'INVALID_INPUT', field: 'year' });
    const records = await auditRows(gw, `action = 'EXAM_CREATED' and target_id = ?`, [created.id]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor_username: 'admin', actor_role: 'ADMIN' });
    const renamed = (await as('admin', `mutation($id: ID!, $input: ExamInput!) { updateExam(id: $id, input: $input) { ${RESULT} } }`, {
      id: created.id,
      input: { year: 2027, level: 'JUNIOR', name: '2027年度初级资格考试' },
    })).data.updateExam;
    expect(renamed.ok).toBe(true);
    expect((await db().execute(`select name from exam where id = ?`, [created.id]))[0].name).toBe('2027年度初级资格考试');
  });

  it('opens a unit for an exam and refuses windows in the wrong order', async () => {
    const [exam] = await db().execute(`select id from exam where year = 2027 and level = 'JUNIOR'`);
    const input = {
      examId: exam.id,
      unitCode: '310000',
      registrationStartsAt: '2027-01-05T00:00:00.000Z',
      registrationEndsAt: '2027-01-20T00:00:00.000Z',
      paymentStartsAt: '2027-01-05T00:00:00.000Z',
      paymentEndsAt: '2027-01-22T00:00:00.000Z',
      consultPhones: ['021-12345678'],
      noticeUrl: 'https://kjks.example.gov.cn/sh/2027',
    };
    const endBeforeStart = (await as('admin', WINDOWS, { input: { ...input, registrationEndsAt: '2027-01-04T00:00:00.000Z' } })).data.setExamUnitWindows;
    expect(endBeforeStart).toMatchObject({ ok: false, errorCode: 'WINDOW_ORDER', field: 'registrationEndsAt' });
    const paymentFirst = (await as('admin', WINDOWS, { input: { ...input, paymentStartsAt: '2027-01-01T00:00:00.000Z' } })).data.setExamUnitWindows;
    expect(paymentFirst).toMatchObject({ ok: false, errorCode: 'WINDOW_ORDER', field: 'paymentStartsAt' });
    expect(await db().execute(`select 1 from exam_unit where exam_id = ?`, [exam.id])).toHaveLength(0);

    const opened = (await as('admin', WINDOWS, { input })).data.setExamUnitWindows;
    expect(opened).toMatchObject({ ok: true });
    const changed = (await as('admin', WINDOWS, { input: { ...input, registrationEndsAt: '2027-01-21T00:00:00.000Z', consultPhones: null, noticeUrl: null } }))
      .data.setExamUnitWindows;
    expect(changed).toMatchObject({ ok: true, id: opened.id });
    const [row] = await db().execute(`select registration_ends_at, consult_phones, notice_url from exam_unit where id = ?`, [opened.id]);
    expect(new Date(row.registration_ends_at).toISOString()).toBe('2027-01-21T00:00:00.000Z');
    expect(row.consult_phones).toEqual(['021-12345678']); // absent: unchanged
    const records = await auditRows(gw, `action = 'EXAM_UNIT_WINDOWS_SET' and target_id = ?`, [opened.id]);
    expect(records.map((r) => r.details.created)).toEqual([true, false]);
    expect(records[1].details.before.registrationEndsAt).toBeTruthy();
  });

  it('refuses reviewers before anything changes', async () => {
    const [exam] = await db().execute(`select id from exam where year = 2027 and level = 'JUNIOR'`);
    const before = (await db().execute(`select count(*)::int as n from audit_record`))[0].n;
    const res = await as('beijing', WINDOWS, {
      input: { examId: exam.id, unitCode: '110000', registrationStartsAt: '2027-01-05T00:00:00Z', registrationEndsAt: '2027-01-20T00:00:00Z', paymentStartsAt: '2027-01-05T00:00:00Z', paymentEndsAt: '2027-01-22T00:00:00Z', noticeUrl: 'https://x.example/' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await db().execute(`select count(*)::int as n from audit_record`))[0].n).toBe(before);
  });
});

describe('capacity', () => {
  it('never goes below the places taken', async () => {
    const eu = await examUnit(gw, 'JUNIOR', '110000');
    const { pointId } = await pointOf(gw, eu.examUnitId, 'unlimited');
    await db().execute(`update registration_point set taken = 3 where id = ?`, [pointId]);
    const below = (await as('admin', CAPACITY, { pointId, capacity: 2 })).data.setRegistrationPointCapacity;
    expect(below).toMatchObject({ ok: false, errorCode: 'CAPACITY_BELOW_TAKEN' });
    expect(below.message).toContain('3');
    const negative = (await as('admin', CAPACITY, { pointId, capacity: -1 })).data.setRegistrationPointCapacity;
    expect(negative).toMatchObject({ ok: false, errorCode: 'INVALID_INPUT' });
    const exact = (await as('admin', CAPACITY, { pointId, capacity: 3 })).data.setRegistrationPointCapacity;
    expect(exact).toMatchObject({ ok: true, id: pointId });
    expect((await db().execute(`select capacity from registration_point where id = ?`, [pointId]))[0].capacity).toBe(3);
    const unlimited = (await as('admin', CAPACITY, { pointId, capacity: null })).data.setRegistrationPointCapacity;
    expect(unlimited.ok).toBe(true);
    const records = await auditRows(gw, `action = 'REGISTRATION_POINT_CAPACITY_CHANGED' and target_id = ?`, [pointId]);
    expect(records.map((r) => [r.details.from, r.details.to, r.details.taken])).toEqual([
      [null, 3, 3],
      [3, null, 3],
    ]);
  });

  it('creates a point in a city of the unit only', async () => {
    const eu = await examUnit(gw, 'JUNIOR', '110000');
    const { cityId } = await pointOf(gw, eu.examUnitId);
    const sh = await examUnit(gw, 'JUNIOR', '310000');
    const save = `mutation($input: RegistrationPointInput!) { saveRegistrationPoint(input: $input) { ${RESULT} } }`;
    const base = { cityId, name: '海淀区财政局报名点', address: '北京市海淀区1号', phone: '010-88886666', capacity: 100, sortOrder: 9 };
    expect((await as('admin', save, { input: { ...base, examUnitId: sh.examUnitId } })).data.saveRegistrationPoint).toMatchObject({ ok: false, field: 'cityId' });
    const created = (await as('admin', save, { input: { ...base, examUnitId: eu.examUnitId } })).data.saveRegistrationPoint;
    expect(created.ok).toBe(true);
    expect(await auditRows(gw, `action = 'REGISTRATION_POINT_CREATED' and target_id = ?`, [created.id])).toHaveLength(1);
  });
});

describe('texts, fees and channels', () => {
  it('saves the guide, a notice, a material requirement, the fee rule and a waiver category, each audited', async () => {
    const eu = await examUnit(gw, 'JUNIOR', '110000');
    const calls: Array<[string, string, Record<string, unknown>]> = [
      ['setExamUnitGuide', 'ExamUnitGuideInput', { examUnitId: eu.examUnitId, agreementText: '诚信考试承诺书……', acceptingOffice: '北京市财政局', reviewHint: '请于3个工作日内查看审核结果' }],
      ['saveExamUnitNotice', 'ExamUnitNoticeInput', { examUnitId: eu.examUnitId, kind: 'UNIT', title: '关于报名的补充通知', body: '正文', publishedAt: '2026-11-26T01:00:00Z', sortOrder: 5 }],
      ['saveMaterialRequirement', 'MaterialRequirementInput', { examUnitId: eu.examUnitId, code: 'WORK_PROOF', name: '工作证明', description: '单位盖章', required: false, sortOrder: 9 }],
      ['setFeeRule', 'FeeRuleInput', { examUnitId: eu.examUnitId, perSubjectFen: 5600, perPersonFen: 0 }],
      ['saveFeeWaiverCategory', 'FeeWaiverCategoryInput', { examUnitId: eu.examUnitId, code: 'VETERAN', name: '退役军人', description: '退役证' }],
    ];
    for (const [field, type, input] of calls) {
      const body = await as('admin', `mutation($input: ${type}!) { ${field}(input: $input) { ${RESULT} } }`, { input });
      expect(body.data?.[field], `${field}: ${JSON.stringify(body.errors)}`).toMatchObject({ ok: true });
    }
    expect((await db().execute(`select per_subject_fen from fee_rule where exam_unit_id = ?`, [eu.examUnitId]))[0].per_subject_fen).toBe(5600);
    const actions = (await auditRows(gw, `target_id in (?, ?) or action in ('NOTICE_CREATED', 'MATERIAL_REQUIREMENT_SET', 'FEE_WAIVER_CATEGORY_SET')`, [eu.examUnitId, 'none'])).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['EXAM_UNIT_GUIDE_SET', 'NOTICE_CREATED', 'MATERIAL_REQUIREMENT_SET', 'FEE_RULE_SET', 'FEE_WAIVER_CATEGORY_SET']));
    const cityNotice = await as('admin', `mutation($input: ExamUnitNoticeInput!) { saveExamUnitNotice(input: $input) { ${RESULT} } }`, {
      input: { examUnitId: eu.examUnitId, kind: 'CITY', title: '市级通知', body: '正文', publishedAt: '2026-11-26T01:00:00Z', sortOrder: 6 },
    });
    expect(cityNotice.data.saveExamUnitNotice).toMatchObject({ ok: false, field: 'publisher' });
  });

  it('disables and re-enables a payment channel', async () => {
    const set = `mutation($enabled: Boolean!) { setPaymentChannelEnabled(code: UNIONPAY, enabled: $enabled) { ${RESULT} } }`;
    expect((await as('admin', set, { enabled: false })).data.setPaymentChannelEnabled.ok).toBe(true);
    const channels = (await gw.graphql(`{ paymentChannels { code } }`)).body.data.paymentChannels.map((c: any) => c.code);
    expect(channels).not.toContain('UNIONPAY');
    expect((await as('admin', set, { enabled: true })).data.setPaymentChannelEnabled.ok).toBe(true);
    const actions = (await auditRows(gw, `target_type = 'PAYMENT_CHANNEL'`)).map((r) => r.action);
    expect(actions).toEqual(['PAYMENT_CHANNEL_DISABLED', 'PAYMENT_CHANNEL_ENABLED']);
  });
});

describe('ops accounts', () => {
  const CREATE = `mutation($input: NewOpsAccountInput!) { createOpsAccount(input: $input) { ${RESULT} username totpSecret otpauthUrl } }`;

  it('creates an account whose secret signs in, disables it, resets its TOTP and changes its units', async () => {
    const weak = (await as('admin', CREATE, { input: { username: 'li.si', password: 'short', role: 'REVIEWER', unitCodes: ['110000'] } })).data.createOpsAccount;
    expect(weak).toMatchObject({ ok: false, errorCode: 'OPS_ACCOUNT_REFUSED', totpSecret: null });
    const created = (await as('admin', CREATE, { input: { username: 'li.si', password: 'Shenhe#2027-lisi', role: 'REVIEWER', unitCodes: ['110000'] } })).data.createOpsAccount;
    expect(created).toMatchObject({ ok: true, username: 'li.si' });
    expect(created.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const [created_audit] = await auditRows(gw, `action = 'OPS_ACCOUNT_CREATED' and target_id = ?`, [created.id]);
    expect(created_audit).toMatchObject({ actor_username: 'admin', actor_type: 'OPS' });
    expect(JSON.stringify(created_audit.details)).not.toContain(created.totpSecret);

    // Each code signs in once: move the gateway clock to the next 30 s step before every attempt.
    const login = async (secret: string, _attempt: number) => {
      clock.advance(30_000);
      return (await gw.graphql(OPS_LOGIN, { username: 'li.si', password: 'Shenhe#2027-lisi', totp: totpAt(base32Decode(secret), clock.now()) })).body.data.opsLogin;
    };
    expect((await login(created.totpSecret, 0)).ok).toBe(true);

    const disable = `mutation($id: ID!, $disabled: Boolean!) { setOpsAccountDisabled(id: $id, disabled: $disabled) { ${RESULT} } }`;
    expect((await as('admin', disable, { id: created.id, disabled: true })).data.setOpsAccountDisabled.ok).toBe(true);
    expect(await login(created.totpSecret, 1)).toMatchObject({ ok: false, errorCode: 'ACCOUNT_DISABLED' });
    expect((await as('admin', disable, { id: created.id, disabled: false })).data.setOpsAccountDisabled.ok).toBe(true);
    expect(await db().execute(`select 1 from ops_session where account_id = ? and revoked_at is null`, [created.id])).toHaveLength(0);

    const reset = (await as('admin', `mutation($id: ID!) { resetOpsAccountTotp(id: $id) { ${RESULT} totpSecret } }`, { id: created.id })).data.resetOpsAccountTotp;
    expect(reset.ok).toBe(true);
    expect(reset.totpSecret).not.toBe(created.totpSecret);
    expect((await login(created.totpSecret, 2)).ok).toBe(false);
    expect((await login(reset.totpSecret, 3)).ok).toBe(true);

    const roles = `mutation($id: ID!, $units: [String!]!) { setOpsAccountRoles(id: $id, role: REVIEWER, unitCodes: $units) { ${RESULT} } }`;
    expect((await as('admin', roles, { id: created.id, units: ['999999'] })).data.setOpsAccountRoles).toMatchObject({ ok: false, field: 'unitCodes' });
    expect((await as('admin', roles, { id: created.id, units: ['110000', '310000'] })).data.setOpsAccountRoles.ok).toBe(true);
    expect((await db().execute(`select unit_codes from ops_account where id = ?`, [created.id]))[0].unit_codes).toEqual(['110000', '310000']);
    const actions = (await auditRows(gw, `target_id = ? and action like 'OPS_ACCOUNT_%'`, [created.id])).map((r) => r.action);
    expect(actions).toEqual(['OPS_ACCOUNT_CREATED', 'OPS_ACCOUNT_DISABLED', 'OPS_ACCOUNT_ENABLED', 'OPS_ACCOUNT_TOTP_RESET', 'OPS_ACCOUNT_ROLES_CHANGED']);
  });

  it('refuses reviewers', async () => {
    const res = await as('beijing', CREATE, { input: { username: 'wang.wu', password: 'Shenhe#2027-wangwu', role: 'ADMIN', unitCodes: [] } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await db().execute(`select 1 from ops_account where username = 'wang.wu'`)).toHaveLength(0);
  });
});

void EXAM_YEAR;
