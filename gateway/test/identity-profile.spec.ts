/** 信息采集: requires 实名认证, validated on the server with the field named, one profile per account. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCandidate } from './account-support';
import { startTestGateway, type TestGateway } from './support';

const SAVE = /* GraphQL */ `
  mutation($input: ProfileInput!) {
    saveProfile(input: $input) {
      ok errorCode message field
      profile { saved managementUnitCode personalInfo { basic { gender ethnicity email mailingAddress } educations { level school } } }
    }
  }
`;
const MY_PROFILE = /* GraphQL */ `{
  myProfile {
    realNameVerified saved documentGender birthDate managementUnitCode
    personalInfo {
      basic { gender ethnicity email mailingAddress }
      educations { level school major graduationDate certificateNumber }
      degrees { degree school }
      work { records { employer start end isAccounting } }
    }
  }
}`;

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
  await gw.orm.em
    .fork()
    .getConnection()
    .execute(`insert into registration_unit (id, code, name, kind, sort_order) values (gen_random_uuid(), '110000', '北京市', 'PROVINCE', 1) on conflict do nothing`);
});
afterAll(async () => {
  await gw?.close();
});

async function verified(documentNumber?: string) {
  const candidate = await registerCandidate(gw, documentNumber ? { documentNumber } : {});
  await gw.orm.em.fork().getConnection().execute(`update candidate_account set real_name_verified_at = now() where id = ?`, [candidate.viewer.id]);
  return candidate;
}

function profileInput(overrides: { basic?: Record<string, unknown>; educations?: unknown[]; work?: Record<string, unknown> } = {}, unit: string | null = '110000') {
  return {
    managementUnitCode: unit,
    personalInfo: {
      basic: { ethnicity: '汉族', email: 'zhangsan@example.com', mailingAddress: '北京市朝阳区建国路1号', ...overrides.basic },
      educations: overrides.educations ?? [{ level: 'BACHELOR', school: '中央财经大学', major: '会计学', graduationDate: '2012-07-01', certificateNumber: '100341201205001234' }],
      degrees: [{ degree: 'BACHELOR', school: '中央财经大学', major: '会计学', obtainedDate: '2012-07-01' }],
      work: { records: [{ employer: '北京某会计师事务所', start: '2012-08-01', end: null, isAccounting: true }], otherQualifications: [], ...overrides.work },
    },
  };
}

describe('信息采集', () => {
  it('is refused before 实名认证, and to anonymous callers', async () => {
    const { cookie } = await registerCandidate(gw);
    const { body } = await gw.graphql(SAVE, { input: profileInput() }, { cookie });
    expect(body.data.saveProfile).toMatchObject({ ok: false, errorCode: 'REAL_NAME_REQUIRED', message: '请先完成实名认证,再进行信息采集' });
    const anonymous = await gw.graphql(MY_PROFILE);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('derives gender and birth date from the 居民身份证号码 before anything is saved', async () => {
    // 11010519900307 + sequence 002 (even: female) — makeResidentId is used by registerCandidate.
    const { cookie } = await verified();
    const { body } = await gw.graphql(MY_PROFILE, {}, { cookie });
    expect(body.data.myProfile).toMatchObject({ realNameVerified: true, saved: false, birthDate: '1990-03-07', managementUnitCode: null });
    expect(['MALE', 'FEMALE']).toContain(body.data.myProfile.documentGender);
    expect(body.data.myProfile.personalInfo.basic.gender).toBe(body.data.myProfile.documentGender);
  });

  it('saves, and reads back in the shape 报名信息填写 uses; gender stays the 证件 one', async () => {
    const { cookie } = await verified();
    const before = (await gw.graphql(MY_PROFILE, {}, { cookie })).body.data.myProfile;
    const saved = await gw.graphql(SAVE, { input: profileInput({ basic: { gender: before.documentGender } }) }, { cookie });
    expect(saved.body.data.saveProfile).toMatchObject({ ok: true, message: '保存成功', profile: { saved: true, managementUnitCode: '110000' } });
    const { body } = await gw.graphql(MY_PROFILE, {}, { cookie });
    expect(body.data.myProfile.personalInfo).toEqual({
      basic: { gender: before.documentGender, ethnicity: '汉族', email: 'zhangsan@example.com', mailingAddress: '北京市朝阳区建国路1号' },
      educations: [{ level: 'BACHELOR', school: '中央财经大学', major: '会计学', graduationDate: '2012-07-01', certificateNumber: '100341201205001234' }],
      degrees: [{ degree: 'BACHELOR', school: '中央财经大学' }],
      work: { records: [{ employer: '北京某会计师事务所', start: '2012-08-01', end: null, isAccounting: true }] },
    });
    const other = before.documentGender === 'MALE' ? 'FEMALE' : 'MALE';
    const mismatch = await gw.graphql(SAVE, { input: profileInput({ basic: { gender: other } }) }, { cookie });
    expect(mismatch.body.data.saveProfile).toMatchObject({ ok: false, errorCode: 'PROFILE_INVALID', field: 'personalInfo.basic.gender' });
  });

  it('answers each invalid field with its name', async () => {
    const { cookie } = await verified();
    const cases: Array<[ReturnType<typeof profileInput>, string, string]> = [
      [profileInput({ basic: { ethnicity: '火星族' } }), 'PROFILE_INVALID', 'personalInfo.basic.ethnicity'],
      [profileInput({ basic: { email: 'not-an-email' } }), 'PROFILE_INVALID', 'personalInfo.basic.email'],
      [profileInput({ educations: [{ level: 'BACHELOR', school: '中央财经大学', major: '会计学', graduationDate: '2012-13-01' }] }), 'PROFILE_INVALID', 'personalInfo.educations[0].graduationDate'],
      [profileInput({ educations: [{ level: 'BACHELOR', school: ' ', major: '会计学', graduationDate: '2012-07-01' }] }), 'PROFILE_INVALID', 'personalInfo.educations[0].school'],
      [profileInput({ work: { records: [{ employer: '某单位', start: '2015-01-01', end: '2014-01-01', isAccounting: true }] } }), 'PROFILE_INVALID', 'personalInfo.work.records[0].end'],
      [profileInput({}, '999999'), 'UNIT_NOT_FOUND', 'managementUnitCode'],
    ];
    for (const [input, errorCode, field] of cases) {
      const { body } = await gw.graphql(SAVE, { input }, { cookie });
      expect(body.data.saveProfile, field).toMatchObject({ ok: false, errorCode, field });
    }
    expect((await gw.graphql(MY_PROFILE, {}, { cookie })).body.data.myProfile.saved).toBe(false);
  });

  it('each candidate reads and writes only their own profile', async () => {
    const a = await verified();
    const b = await verified();
    await gw.graphql(SAVE, { input: profileInput({ basic: { mailingAddress: 'A的地址' } }) }, { cookie: a.cookie });
    await gw.graphql(SAVE, { input: profileInput({ basic: { mailingAddress: 'B的地址' } }) }, { cookie: b.cookie });
    expect((await gw.graphql(MY_PROFILE, {}, { cookie: a.cookie })).body.data.myProfile.personalInfo.basic.mailingAddress).toBe('A的地址');
    expect((await gw.graphql(MY_PROFILE, {}, { cookie: b.cookie })).body.data.myProfile.personalInfo.basic.mailingAddress).toBe('B的地址');
  });
});
