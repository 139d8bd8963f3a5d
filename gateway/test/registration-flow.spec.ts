import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTestImage } from '../src/modules/registration/image-inspection.testing';
import { FakeClock, type TestGateway } from './support';
import {
  call,
  examUnit,
  insertCandidate,
  OPS,
  personalInfo,
  pointOf,
  recordPass,
  SEEDED_AT,
  setRealNameVerified,
  startRegistrationGateway,
  SUBJECTS_FOR,
  upload,
  walkToConfirm,
  type ExamUnitRef,
} from './registration-support';

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;
let beijingMid: ExamUnitRef;
let beijingJunior: ExamUnitRef;
let tianjinMid: ExamUnitRef;

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock });
  beijingMid = await examUnit(gw, 'INTERMEDIATE', '110000');
  beijingJunior = await examUnit(gw, 'JUNIOR', '110000');
  tianjinMid = await examUnit(gw, 'INTERMEDIATE', '120000');
});
afterAll(() => gw?.close());

const db = () => gw.orm.em.getConnection();
const taken = async (pointId: string) => (await db().execute<Array<{ taken: number }>>(`select taken from registration_point where id = ?`, [pointId]))[0]!.taken;
const REVIEWER = { 'x-test-ops': 'beijing' };

const DETAIL = /* GraphQL */ `
  query($id: ID!) {
    examUnitDetail(examUnitId: $id) {
      id level agreementText acceptingOffice reviewHint
      exam { name year levelLabel }
      examUnit { unit { code name } registrationOpen }
      notices { kind title publisher }
      cities { name points { name capacity remaining full } }
      materials { code name required }
      subjects { code name rolledOverPassYear }
      eligibilityRoutes { id label }
      fee { perSubjectFen perPersonFen }
      feeWaiverCategories { code name }
    }
  }
`;

describe('examUnitDetail (点击进入)', () => {
  it('shows 阅读须知, 通知公告 with 报考人员必读事项 first, cities with points and places left, materials, subjects and fees', async () => {
    const { body } = await gw.graphql(DETAIL, { id: beijingMid.examUnitId });
    expect(body.errors).toBeUndefined();
    const d = body.data.examUnitDetail;
    expect(d.exam).toEqual({ name: '2026年全国会计专业技术资格考试(中级)', year: 2026, levelLabel: '中级' });
    expect(d.examUnit).toEqual({ unit: { code: '110000', name: '北京市' }, registrationOpen: true });
    expect(d.agreementText).toMatch(/^北京市会计专业技术资格考试报名阅读须知/);
    expect(d.acceptingOffice).toBe('北京市财政局会计资格考试办公室');
    expect(d.notices[0]).toEqual({ kind: 'MUST_READ', title: '报考人员必读事项', publisher: null });
    expect(d.notices.map((n: any) => n.kind)).toEqual(['MUST_READ', 'UNIT', 'CITY', 'CITY', 'CITY']);
    expect(d.cities.map((c: any) => c.name)).toEqual(['东城区', '朝阳区', '海淀区']);
    expect(d.cities[0].points).toEqual([
      { name: '东城区会计资格考试报名点', capacity: null, remaining: null, full: false },
      { name: '东城区政务服务中心报名点', capacity: 5, remaining: 5, full: false },
    ]);
    expect(d.materials.filter((m: any) => m.required).map((m: any) => m.code)).toEqual(['IDENTITY_DOCUMENT', 'EDUCATION_CERTIFICATE', 'WORK_PROOF']);
    expect(d.subjects.map((s: any) => s.name)).toEqual(['中级会计实务', '财务管理', '经济法']);
    expect(d.eligibilityRoutes.map((r: any) => r.id)).toContain('INTERMEDIATE_BACHELOR');
    expect(d.eligibilityRoutes.every((r: any) => r.id.startsWith('INTERMEDIATE_'))).toBe(true);
    expect(d.fee).toEqual({ perSubjectFen: 5600, perPersonFen: 0 });
    expect(d.feeWaiverCategories).toEqual([]);
  });

  it('differs per unit: 上海 charges per person and per subject, 贵州 waives 城乡低保, 广东 wants 初级 education proof', async () => {
    const shanghai = (await gw.graphql(DETAIL, { id: (await examUnit(gw, 'JUNIOR', '310000')).examUnitId })).body.data.examUnitDetail;
    expect(shanghai.fee).toEqual({ perSubjectFen: 4000, perPersonFen: 1000 });
    expect(shanghai.examUnit.registrationOpen).toBe(false);
    const guizhou = (await gw.graphql(DETAIL, { id: (await examUnit(gw, 'JUNIOR', '520000')).examUnitId })).body.data.examUnitDetail;
    expect(guizhou.feeWaiverCategories).toEqual([{ code: 'SUBSISTENCE_ALLOWANCE', name: '城乡低保' }]);
    expect(guizhou.materials.map((m: any) => m.code)).toContain('FEE_WAIVER_PROOF');
    const required = async (unit: string) =>
      ((await gw.graphql(DETAIL, { id: (await examUnit(gw, 'JUNIOR', unit)).examUnitId })).body.data.examUnitDetail.materials as any[])
        .filter((m) => m.required)
        .map((m) => m.code);
    expect(await required('440000')).toEqual(['IDENTITY_DOCUMENT', 'EDUCATION_CERTIFICATE']);
    expect(await required('110000')).toEqual(['IDENTITY_DOCUMENT']);
    const corps = (await gw.graphql(DETAIL, { id: (await examUnit(gw, 'SENIOR', '660000')).examUnitId })).body.data.examUnitDetail;
    expect(corps.fee).toEqual({ perSubjectFen: 4000, perPersonFen: 1500 });
    expect(corps.subjects.map((s: any) => s.name)).toEqual(['高级会计实务']);
  });

  it('marks last year’s 中级 passes for the signed-in candidate only', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    await recordPass(gw, candidate.accountId, 'FINANCIAL_MANAGEMENT', 2025);
    await recordPass(gw, candidate.accountId, 'INTERMEDIATE_ECONOMIC_LAW', 2024); // expired: two years back
    const mine = (await gw.graphql(DETAIL, { id: beijingMid.examUnitId }, { cookie: candidate.cookie })).body.data.examUnitDetail;
    expect(mine.subjects.map((s: any) => s.rolledOverPassYear)).toEqual([null, 2025, null]);
    const anonymous = (await gw.graphql(DETAIL, { id: beijingMid.examUnitId })).body.data.examUnitDetail;
    expect(anonymous.subjects.map((s: any) => s.rolledOverPassYear)).toEqual([null, null, null]);
  });

  it('answers null for an unknown or malformed id', async () => {
    expect((await gw.graphql(DETAIL, { id: '00000000-0000-0000-0000-000000000000' })).body.data.examUnitDetail).toBeNull();
    expect((await gw.graphql(DETAIL, { id: "1' or '1'='1" })).body.data.examUnitDetail).toBeNull();
  });
});

describe('报名导览: the whole way through', () => {
  it('goes 阅读须知 → … → 提交, takes a place, records history, strips the photo, and 审核通过 leads to 网上缴费', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const point = await pointOf(gw, beijingMid.examUnitId, 'small');
    const before = await taken(point.pointId);
    const id = await walkToConfirm(gw, candidate.cookie, beijingMid, 'INTERMEDIATE', { point });
    let app = (await gw.graphql(OPS.mine, { examId: beijingMid.examId }, { cookie: candidate.cookie })).body.data.myApplication;
    expect(app).toMatchObject({ id, status: 'DRAFT', currentStep: 'CONFIRM', conditionRoute: 'INTERMEDIATE_BACHELOR', feeFen: 11_200 });
    expect(app.steps.filter((s: any) => s.reached).map((s: any) => s.label)).toEqual(['阅读须知', '通知公告', '选择报考条件', '报名信息填写', '证明材料上传', '信息确认']);
    expect(app.subjects.map((s: any) => s.name)).toEqual(['中级会计实务', '财务管理']);
    expect(app.materials).toHaveLength(3);
    expect(await taken(point.pointId)).toBe(before); // choosing a point takes nothing

    const photo = await fetch(`${gw.url}${app.photo.url}`, { headers: { cookie: candidate.cookie } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await photo.arrayBuffer()).includes(Buffer.from('SecretCam'))).toBe(false);

    const submitted = await call(gw, candidate.cookie, 'submit', { id });
    expect(submitted).toMatchObject({ ok: true, message: '报名信息已提交,请等待审核', application: { status: 'SUBMITTED', currentStep: 'REVIEW', statusLabel: '待审核' } });
    expect(await taken(point.pointId)).toBe(before + 1);

    // Submitted: nothing can change any more until a reviewer sends it back.
    const edit = await call(gw, candidate.cookie, 'save', { id, input: { subjectCodes: ['INTERMEDIATE_PRACTICE'] } });
    expect(edit).toMatchObject({ ok: false, errorCode: 'NOT_EDITABLE' });
    expect((await call(gw, candidate.cookie, 'submit', { id })).errorCode).toBe('NOT_EDITABLE');

    const approve = await gw.graphql(`mutation($id: ID!) { approveApplication(applicationId: $id) { ok status applicationId } }`, { id }, REVIEWER);
    expect(approve.body.data.approveApplication).toEqual({ ok: true, status: 'APPROVED', applicationId: id });
    app = (await gw.graphql(OPS.mine, { examId: beijingMid.examId }, { cookie: candidate.cookie })).body.data.myApplication;
    expect(app).toMatchObject({ status: 'APPROVED', currentStep: 'PAYMENT' });
    expect(app.history.map((h: any) => [h.fromStatus, h.toStatus, h.actorKind, h.actorId])).toEqual([
      [null, 'DRAFT', 'CANDIDATE', null],
      ['DRAFT', 'SUBMITTED', 'CANDIDATE', null],
      ['SUBMITTED', 'APPROVED', 'OPS', null], // candidates do not learn which reviewer decided
    ]);
    const asReviewer = await gw.graphql(`query($id: ID!) { reviewApplication(applicationId: $id) { application { history { actorId } } } }`, { id }, REVIEWER);
    expect(asReviewer.body.data.reviewApplication.application.history.map((h: any) => h.actorId)).toEqual([candidate.accountId, candidate.accountId, '00000000-0000-4000-8000-0000000000b1']);
  });
});

describe('step order and the rules of each step', () => {
  it('refuses steps out of order and 已阅读并知晓 without 完全同意', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const id = (await call(gw, candidate.cookie, 'start', { examUnitId: beijingMid.examUnitId })).application.id;
    for (const [op, vars] of [
      ['notices', { id }],
      ['conditions', { id, route: 'INTERMEDIATE_BACHELOR' }],
      ['save', { id, input: { subjectCodes: [] } }],
      ['confirmDetails', { id }],
      ['confirmMaterials', { id }],
      ['submit', { id }],
    ] as const) {
      expect((await call(gw, candidate.cookie, op, vars)).errorCode, op).toBe('STEP_OUT_OF_ORDER');
    }
    const token = await gw.graphql(OPS.token, { input: { applicationId: id, purpose: 'PHOTO' } }, { cookie: candidate.cookie });
    expect(token.body.data.requestUploadToken.errorCode).toBe('STEP_OUT_OF_ORDER');
    const refused = await call(gw, candidate.cookie, 'accept', { id, agreed: false });
    expect(refused).toMatchObject({ ok: false, errorCode: 'AGREEMENT_NOT_ACCEPTED', message: '请选择“完全同意”后再点击“已阅读并知晓”' });
    expect(refused.application.currentStep).toBe('AGREEMENT');
    expect((await call(gw, candidate.cookie, 'accept', { id, agreed: true })).application.currentStep).toBe('NOTICES');
    expect((await call(gw, candidate.cookie, 'notices', { id })).application.currentStep).toBe('CONDITIONS');
    const wrongLevel = await call(gw, candidate.cookie, 'conditions', { id, route: 'SENIOR_DOCTOR' });
    expect(wrongLevel).toMatchObject({ ok: false, errorCode: 'CONDITION_NOT_AVAILABLE' });
    expect((await call(gw, candidate.cookie, 'conditions', { id, route: 'INTERMEDIATE_BACHELOR' })).application.currentStep).toBe('DETAILS');
  });

  it('requires 实名认证 to start and to submit', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT, { realNameVerified: false });
    expect(await call(gw, candidate.cookie, 'start', { examUnitId: beijingJunior.examUnitId })).toMatchObject({
      ok: false,
      errorCode: 'REAL_NAME_NOT_VERIFIED',
      application: null,
    });
    await setRealNameVerified(gw, candidate.accountId, SEEDED_AT);
    const id = await walkToConfirm(gw, candidate.cookie, beijingJunior, 'JUNIOR');
    await setRealNameVerified(gw, candidate.accountId, null);
    expect((await call(gw, candidate.cookie, 'submit', { id })).errorCode).toBe('REAL_NAME_NOT_VERIFIED');
  });

  it('saves drafts at any time in the step, checking formats and that city and point belong together', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const id = (await call(gw, candidate.cookie, 'start', { examUnitId: beijingMid.examUnitId })).application.id;
    await call(gw, candidate.cookie, 'accept', { id, agreed: true });
    await call(gw, candidate.cookie, 'notices', { id });
    await call(gw, candidate.cookie, 'conditions', { id, route: 'INTERMEDIATE_BACHELOR' });
    const { cityId, pointId } = await pointOf(gw, beijingMid.examUnitId);
    const tianjinPoint = await pointOf(gw, tianjinMid.examUnitId);

    // A partial draft is fine: only the city so far.
    const partial = await call(gw, candidate.cookie, 'save', { id, input: { cityId } });
    expect(partial).toMatchObject({ ok: true, application: { city: { id: cityId }, point: null } });
    expect((await call(gw, candidate.cookie, 'save', { id, input: { cityId: tianjinPoint.cityId } })).errorCode).toBe('CITY_NOT_AVAILABLE');
    expect((await call(gw, candidate.cookie, 'save', { id, input: { pointId: tianjinPoint.pointId } })).errorCode).toBe('REGISTRATION_POINT_NOT_AVAILABLE');
    const [otherCityPoint] = await db().execute<Array<{ id: string }>>(
      `select p.id from registration_point p where p.exam_unit_id = ? and p.city_id <> ? limit 1`,
      [beijingMid.examUnitId, cityId],
    );
    expect((await call(gw, candidate.cookie, 'save', { id, input: { pointId: otherCityPoint!.id } })).errorCode).toBe('REGISTRATION_POINT_NOT_AVAILABLE');
    expect((await call(gw, candidate.cookie, 'save', { id, input: { subjectCodes: ['JUNIOR_PRACTICE'] } })).errorCode).toBe('SUBJECTS_INVALID');

    const badDate = personalInfo();
    badDate.educations[0]!.graduationDate = '2016-02-30';
    expect(await call(gw, candidate.cookie, 'save', { id, input: { personalInfo: badDate } })).toMatchObject({
      ok: false,
      errorCode: 'DETAILS_INVALID',
      field: 'personalInfo.educations[0].graduationDate',
    });
    const saved = await call(gw, candidate.cookie, 'save', { id, input: { pointId, subjectCodes: ['FINANCIAL_MANAGEMENT'], personalInfo: personalInfo() } });
    expect(saved.application).toMatchObject({ city: { id: cityId }, point: { id: pointId }, subjectCodes: ['FINANCIAL_MANAGEMENT'], currentStep: 'DETAILS' });
    expect(saved.application.personalInfo.educations[0]).toEqual({ level: 'BACHELOR', school: '中央财经大学', graduationDate: '2016-07-01' });

    // 确认无误 checks completeness in the order of the form: the photo is still missing.
    expect(await call(gw, candidate.cookie, 'confirmDetails', { id })).toMatchObject({ ok: false, errorCode: 'PHOTO_MISSING', field: 'photo' });
    await upload(gw, candidate.cookie, { applicationId: id, purpose: 'PHOTO' }, encodeTestImage('image/jpeg', { width: 413, height: 579 }));
    const noGender = personalInfo();
    (noGender.basic as any).gender = null;
    await call(gw, candidate.cookie, 'save', { id, input: { personalInfo: noGender } });
    expect(await call(gw, candidate.cookie, 'confirmDetails', { id })).toMatchObject({ ok: false, errorCode: 'DETAILS_INCOMPLETE', field: 'personalInfo.basic.gender' });
    await call(gw, candidate.cookie, 'save', { id, input: { personalInfo: personalInfo() } });
    expect((await call(gw, candidate.cookie, 'confirmDetails', { id })).application.currentStep).toBe('MATERIALS');

    // Saving again after confirming asks for 确认无误 again.
    expect((await call(gw, candidate.cookie, 'save', { id, input: { subjectCodes: SUBJECTS_FOR.INTERMEDIATE } })).application.currentStep).toBe('DETAILS');
  });

  it('says exactly which 报考条件 is not met (work years counted to 31 December of the exam year)', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const id = (await call(gw, candidate.cookie, 'start', { examUnitId: beijingMid.examUnitId })).application.id;
    await call(gw, candidate.cookie, 'accept', { id, agreed: true });
    await call(gw, candidate.cookie, 'notices', { id });
    await call(gw, candidate.cookie, 'conditions', { id, route: 'INTERMEDIATE_BACHELOR' });
    const point = await pointOf(gw, beijingMid.examUnitId);
    // 2023-01-02 → 2026-12-31 is one day short of 4 years.
    await call(gw, candidate.cookie, 'save', { id, input: { ...point, subjectCodes: ['FINANCIAL_MANAGEMENT'], personalInfo: personalInfo({ workStart: '2023-01-02' }) } });
    await upload(gw, candidate.cookie, { applicationId: id, purpose: 'PHOTO' }, encodeTestImage('image/jpeg', { width: 413, height: 579 }));
    const result = await call(gw, candidate.cookie, 'confirmDetails', { id });
    expect(result).toMatchObject({ ok: false, errorCode: 'ELIGIBILITY_NOT_MET' });
    expect(result.unmet).toEqual([
      { code: 'WORK_YEARS_NOT_MET', message: '本科学历或学士学位须从事会计工作满4年,截至2026年12月31日您的会计工作年限为3年' },
    ]);
    await call(gw, candidate.cookie, 'save', { id, input: { personalInfo: personalInfo({ workStart: '2023-01-01' }) } });
    expect((await call(gw, candidate.cookie, 'confirmDetails', { id })).ok).toBe(true);
  });

  it('takes several 学历/学位/工作 records and the 经济/统计/审计 route, stores the qualification and checks it', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const id = (await call(gw, candidate.cookie, 'start', { examUnitId: beijingMid.examUnitId })).application.id;
    await call(gw, candidate.cookie, 'accept', { id, agreed: true });
    await call(gw, candidate.cookie, 'notices', { id });
    await call(gw, candidate.cookie, 'conditions', { id, route: 'INTERMEDIATE_OTHER_QUALIFICATION' });
    const point = await pointOf(gw, beijingMid.examUnitId);
    // 大专 only, one year of accounting work: no education route is met, only the qualification can be.
    const info = personalInfo({ workStart: '2025-03-01' });
    info.educations = [
      { level: 'HIGH_SCHOOL', school: '北京市第八中学', major: '普通高中', graduationDate: '2009-07-01' },
      { level: 'JUNIOR_COLLEGE', school: '北京财贸职业学院', major: '会计', graduationDate: '2012-07-01' },
    ] as any;
    info.degrees = [];
    info.work.records = [
      { employer: '北京某统计事务所', start: '2012-08-01', end: '2025-02-28', isAccounting: false },
      { employer: '北京燕园科技有限公司', start: '2025-03-01', end: null, isAccounting: true },
    ];
    await call(gw, candidate.cookie, 'save', { id, input: { ...point, subjectCodes: ['FINANCIAL_MANAGEMENT'], personalInfo: info } });
    await upload(gw, candidate.cookie, { applicationId: id, purpose: 'PHOTO' }, encodeTestImage('image/jpeg', { width: 413, height: 579 }));
    expect((await call(gw, candidate.cookie, 'confirmDetails', { id })).unmet).toEqual([
      { code: 'QUALIFICATION_MISSING', message: '所选报考条件要求通过全国统一考试,取得经济、统计、审计专业技术中级资格,您未填写2026年12月31日前取得的相应资格' },
    ]);

    // Two qualifications of the same field are refused where they are, and nothing is saved.
    const twice = structuredClone(info);
    twice.work.otherQualifications = [
      { field: 'STATISTICS', obtainedDate: '2019-12-01', certificateNumber: 'TJ2019-0001' },
      { field: 'STATISTICS', obtainedDate: '2020-12-01', certificateNumber: 'TJ2020-0002' },
    ] as any;
    expect(await call(gw, candidate.cookie, 'save', { id, input: { personalInfo: twice } })).toMatchObject({
      ok: false,
      errorCode: 'DETAILS_INVALID',
      field: 'personalInfo.work.otherQualifications[1].field',
      message: '统计专业中级资格只需填写一条',
    });
    // Without its certificate number the qualification does not count yet.
    const noNumber = structuredClone(info);
    noNumber.work.otherQualifications = [{ field: 'STATISTICS', obtainedDate: '2019-12-01', certificateNumber: null }] as any;
    await call(gw, candidate.cookie, 'save', { id, input: { personalInfo: noNumber } });
    expect(await call(gw, candidate.cookie, 'confirmDetails', { id })).toMatchObject({
      ok: false,
      errorCode: 'DETAILS_INCOMPLETE',
      field: 'personalInfo.work.otherQualifications[0].certificateNumber',
    });
    const holder = structuredClone(info);
    holder.work.otherQualifications = [{ field: 'STATISTICS', obtainedDate: '2019-12-01', certificateNumber: 'TJ2019-0001' }] as any;
    await call(gw, candidate.cookie, 'save', { id, input: { personalInfo: holder } });
    expect(await call(gw, candidate.cookie, 'confirmDetails', { id })).toMatchObject({ ok: true, application: { currentStep: 'MATERIALS' } });
    const { body } = await gw.graphql(
      `query($examId: ID!) { myApplication(examId: $examId) { personalInfo { educations { level } work { records { employer end } otherQualifications { field obtainedDate certificateNumber } } } } }`,
      { examId: beijingMid.examId },
      { cookie: candidate.cookie },
    );
    expect(body.data.myApplication.personalInfo).toEqual({
      educations: [{ level: 'HIGH_SCHOOL' }, { level: 'JUNIOR_COLLEGE' }],
      work: {
        records: [
          { employer: '北京某统计事务所', end: '2025-02-28' },
          { employer: '北京燕园科技有限公司', end: null },
        ],
        otherQualifications: [{ field: 'STATISTICS', obtainedDate: '2019-12-01', certificateNumber: 'TJ2019-0001' }],
      },
    });
  });

  it('asks 高级 candidates for 会计师 and counts years after it', async () => {
    const senior = await examUnit(gw, 'SENIOR', '110000');
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const id = (await call(gw, candidate.cookie, 'start', { examUnitId: senior.examUnitId })).application.id;
    await call(gw, candidate.cookie, 'accept', { id, agreed: true });
    await call(gw, candidate.cookie, 'notices', { id });
    await call(gw, candidate.cookie, 'conditions', { id, route: 'SENIOR_BACHELOR_OR_MASTER' });
    const point = await pointOf(gw, senior.examUnitId);
    await call(gw, candidate.cookie, 'save', { id, input: { ...point, subjectCodes: ['SENIOR_PRACTICE'], personalInfo: personalInfo() } });
    await upload(gw, candidate.cookie, { applicationId: id, purpose: 'PHOTO' }, encodeTestImage('image/jpeg', { width: 413, height: 579 }));
    expect((await call(gw, candidate.cookie, 'confirmDetails', { id })).unmet).toEqual([{ code: 'ACCOUNTANT_TITLE_MISSING', message: '报考高级资格须已取得会计师资格' }]);
    await call(gw, candidate.cookie, 'save', { id, input: { personalInfo: personalInfo({ accountantTitleSince: '2022-03-01' }) } });
    expect((await call(gw, candidate.cookie, 'confirmDetails', { id })).unmet).toEqual([
      { code: 'WORK_YEARS_NOT_MET', message: '本科、学士、硕士、第二学士学位或研究生班学历须取得会计师资格后从事会计工作满5年,截至2026年12月31日您取得会计师资格后的会计工作年限为4年' },
    ]);
  });

  it('applies the subject rule of each level, with 中级 roll-over', async () => {
    // 初级: both subjects.
    const junior = await insertCandidate(gw, SEEDED_AT);
    const juniorId = await walkToConfirm(gw, junior.cookie, beijingJunior, 'JUNIOR');
    await call(gw, junior.cookie, 'save', { id: juniorId, input: { subjectCodes: ['JUNIOR_PRACTICE'] } });
    expect(await call(gw, junior.cookie, 'confirmDetails', { id: juniorId })).toMatchObject({
      ok: false,
      errorCode: 'SUBJECTS_INVALID',
      message: '初级资格考试须同时报考初级会计实务和经济法基础两个科目',
    });

    // 中级: last year's pass rolls over and cannot be taken; one from two years ago can.
    const mid = await insertCandidate(gw, SEEDED_AT);
    await recordPass(gw, mid.accountId, 'FINANCIAL_MANAGEMENT', 2025);
    await recordPass(gw, mid.accountId, 'INTERMEDIATE_PRACTICE', 2024);
    const midId = await walkToConfirm(gw, mid.cookie, beijingMid, 'INTERMEDIATE').catch((err: Error) => err.message);
    expect(midId).toBe('confirmDetails: SUBJECT_ALREADY_PASSED 财务管理已于2025年度考试合格,成绩在有效期内,不能重复报考');
    const live = (await gw.graphql(OPS.mine, { examId: beijingMid.examId }, { cookie: mid.cookie })).body.data.myApplication;
    await call(gw, mid.cookie, 'save', { id: live.id, input: { subjectCodes: ['INTERMEDIATE_PRACTICE', 'INTERMEDIATE_ECONOMIC_LAW'] } });
    expect((await call(gw, mid.cookie, 'confirmDetails', { id: live.id })).ok).toBe(true);
  });

  it('requires every required material, and a deleted one sends the candidate back to 证明材料上传', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const id = await walkToConfirm(gw, candidate.cookie, beijingMid, 'INTERMEDIATE');
    const app = (await gw.graphql(OPS.mine, { examId: beijingMid.examId }, { cookie: candidate.cookie })).body.data.myApplication;
    const workProof = app.materials.find((m: any) => m.materialCode === 'WORK_PROOF');
    const deleted = await call(gw, candidate.cookie, 'deleteUpload', { uploadId: workProof.id });
    expect(deleted.application).toMatchObject({ currentStep: 'MATERIALS' });
    expect((await call(gw, candidate.cookie, 'submit', { id })).errorCode).toBe('STEP_OUT_OF_ORDER');
    expect(await call(gw, candidate.cookie, 'confirmMaterials', { id })).toMatchObject({
      ok: false,
      errorCode: 'MATERIALS_MISSING',
      message: '请上传以下证明材料:会计工作年限证明',
    });
  });
});

describe('one live application per candidate and exam; 重新报名', () => {
  it('continues the same application on a second 点击进入 and refuses another unit until withdrawn', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const first = await call(gw, candidate.cookie, 'start', { examUnitId: beijingMid.examUnitId });
    const again = await call(gw, candidate.cookie, 'start', { examUnitId: beijingMid.examUnitId });
    expect(again.application.id).toBe(first.application.id);
    const elsewhere = await call(gw, candidate.cookie, 'start', { examUnitId: tianjinMid.examUnitId });
    expect(elsewhere).toMatchObject({ ok: false, errorCode: 'APPLICATION_EXISTS', message: '您已在北京市报名本次考试;如需更换报考省份,请先点击“重新报名”' });
    // Another exam (初级) is another application.
    expect((await call(gw, candidate.cookie, 'start', { examUnitId: beijingJunior.examUnitId })).ok).toBe(true);

    const concurrent = await Promise.all(Array.from({ length: 5 }, () => call(gw, candidate.cookie, 'start', { examUnitId: beijingMid.examUnitId })));
    expect(new Set(concurrent.map((r) => r.application.id))).toEqual(new Set([first.application.id]));

    expect((await call(gw, candidate.cookie, 'withdraw', { id: first.application.id })).application.status).toBe('WITHDRAWN');
    expect((await gw.graphql(OPS.mine, { examId: beijingMid.examId }, { cookie: candidate.cookie })).body.data.myApplication).toBeNull();
    const moved = await call(gw, candidate.cookie, 'start', { examUnitId: tianjinMid.examUnitId });
    expect(moved).toMatchObject({ ok: true, application: { unit: { name: '天津市' }, status: 'DRAFT', currentStep: 'AGREEMENT' } });
  });

  it('gives the 报名点 place back on 重新报名, and refuses once paid', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const point = await pointOf(gw, beijingMid.examUnitId, 'small');
    const id = await walkToConfirm(gw, candidate.cookie, beijingMid, 'INTERMEDIATE', { point });
    const before = await taken(point.pointId);
    await call(gw, candidate.cookie, 'submit', { id });
    expect(await taken(point.pointId)).toBe(before + 1);
    const withdrawn = await call(gw, candidate.cookie, 'withdraw', { id });
    expect(withdrawn.application.history.at(-1)).toMatchObject({ fromStatus: 'SUBMITTED', toStatus: 'WITHDRAWN', actorKind: 'CANDIDATE' });
    expect(await taken(point.pointId)).toBe(before);
    expect((await call(gw, candidate.cookie, 'withdraw', { id })).errorCode).toBe('INVALID_TRANSITION');

    const paid = await insertCandidate(gw, SEEDED_AT);
    const paidId = await walkToConfirm(gw, paid.cookie, beijingMid, 'INTERMEDIATE');
    await call(gw, paid.cookie, 'submit', { id: paidId });
    await db().execute(`update application set status = 'PAID' where id = ?`, [paidId]); // the payment module's part
    expect(await call(gw, paid.cookie, 'withdraw', { id: paidId })).toMatchObject({ ok: false, errorCode: 'INVALID_TRANSITION', message: '已缴费的报名信息不能修改,也不能重新报名' });
  });
});

describe('审核不通过 and resubmission', () => {
  it('shows the reason, lets the candidate fix and resubmit without taking a second place, and releases it when the point changes', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const small = await pointOf(gw, beijingMid.examUnitId, 'small');
    const id = await walkToConfirm(gw, candidate.cookie, beijingMid, 'INTERMEDIATE', { point: small });
    await call(gw, candidate.cookie, 'submit', { id });
    const held = await taken(small.pointId);

    const tooShort = await gw.graphql(`mutation($id: ID!) { rejectApplication(applicationId: $id, reason: " ") { ok errorCode } }`, { id }, REVIEWER);
    expect(tooShort.body.data.rejectApplication).toEqual({ ok: false, errorCode: 'REVIEW_REASON_REQUIRED' });
    const reject = await gw.graphql(
      `mutation($id: ID!, $reason: String!) { rejectApplication(applicationId: $id, reason: $reason) { ok status } }`,
      { id, reason: '会计工作年限证明未加盖单位公章,请重新上传' },
      REVIEWER,
    );
    expect(reject.body.data.rejectApplication).toEqual({ ok: true, status: 'REJECTED' });
    let app = (await gw.graphql(OPS.mine, { examId: beijingMid.examId }, { cookie: candidate.cookie })).body.data.myApplication;
    expect(app).toMatchObject({ status: 'REJECTED', statusLabel: '审核不通过', currentStep: 'CONFIRM', reviewReason: '会计工作年限证明未加盖单位公章,请重新上传' });
    expect(app.history.at(-1)).toMatchObject({ fromStatus: 'SUBMITTED', toStatus: 'REJECTED', actorKind: 'OPS', reason: '会计工作年限证明未加盖单位公章,请重新上传' });
    // Deciding twice is refused.
    const twice = await gw.graphql(`mutation($id: ID!) { approveApplication(applicationId: $id) { ok errorCode } }`, { id }, REVIEWER);
    expect(twice.body.data.approveApplication).toEqual({ ok: false, errorCode: 'INVALID_TRANSITION' });

    // Fix the material and resubmit: the place is still held, not taken again.
    const proof = app.materials.find((m: any) => m.materialCode === 'WORK_PROOF');
    await upload(gw, candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF', replacesUploadId: proof.id }, encodeTestImage('image/jpeg', { width: 500, height: 700 }));
    expect((await call(gw, candidate.cookie, 'confirmMaterials', { id })).ok).toBe(true);
    const resubmitted = await call(gw, candidate.cookie, 'submit', { id });
    expect(resubmitted.application).toMatchObject({ status: 'SUBMITTED', reviewReason: null });
    expect(await taken(small.pointId)).toBe(held);

    // Rejected again, the candidate moves to another point: the old place is given back at once.
    await gw.graphql(`mutation($id: ID!) { rejectApplication(applicationId: $id, reason: "请更换报名点") { ok } }`, { id }, REVIEWER);
    const unlimited = await pointOf(gw, beijingMid.examUnitId);
    await call(gw, candidate.cookie, 'save', { id, input: { pointId: unlimited.pointId } });
    expect(await taken(small.pointId)).toBe(held - 1);
    // Details changed, so both later confirmations happen again.
    expect((await call(gw, candidate.cookie, 'confirmDetails', { id })).application.currentStep).toBe('MATERIALS');
    app = (await call(gw, candidate.cookie, 'confirmMaterials', { id })).application;
    expect(app.currentStep).toBe('CONFIRM');
    expect((await call(gw, candidate.cookie, 'submit', { id })).application.status).toBe('SUBMITTED');
    expect(await taken(small.pointId)).toBe(held - 1);
    expect(app.history.map((h: any) => h.toStatus)).toEqual(['DRAFT', 'SUBMITTED', 'REJECTED', 'SUBMITTED', 'REJECTED']);
  });
});

describe('application_history', () => {
  it('is append-only in the database itself', async () => {
    await expect(db().execute(`update application_history set reason = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(db().execute(`delete from application_history`)).rejects.toThrow(/append-only/);
  });
});
