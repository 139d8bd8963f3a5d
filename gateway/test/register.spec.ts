import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncContextOnDemandState } from '../src/common/async-context-on-demand';
import { loadConfig } from '../src/config';
import { makeResidentId } from '../src/modules/account/identity-document.testing';
import { PiiProtector } from '../src/modules/account/pii-protector';
import {
  ME,
  outbox,
  REGISTER,
  registerCandidate,
  registrationInput,
  requestSmsCode,
  sessionCookieOf,
  STRONG_PASSWORD,
  uniquePhone,
  uniqueResidentId,
} from './account-support';
import { FakeClock, startTestGateway, type TestGateway } from './support';

const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
let gw: TestGateway;
let second: TestGateway;
const pii = new PiiProtector(loadConfig({ DATABASE_URL: 'postgres://x@localhost/x' }).pii);

beforeAll(async () => {
  gw = await startTestGateway({ clock });
  second = await startTestGateway({ clock, database: gw.database });
});
afterAll(async () => {
  await second?.close();
  await gw?.close();
});

function withWrongCheckChar(id: string): string {
  return id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
}

async function register(overrides: Record<string, unknown>, target = gw) {
  const { body } = await target.graphql(REGISTER, { input: registrationInput(overrides) });
  return body.data.register;
}

describe('register', () => {
  it('creates the account, signs it in with an HttpOnly session cookie, and shows it masked', async () => {
    const documentNumber = makeResidentId('110105', '19900307', '123');
    const phone = uniquePhone();
    const input = registrationInput({ documentNumber, phone, name: '欧阳娜娜' });
    input.smsCode = await requestSmsCode(gw, phone, 'REGISTER');
    const res = await gw.graphql(REGISTER, { input });
    const result = res.body.data.register;
    expect(result).toMatchObject({ ok: true, errorCode: null, message: '注册成功' });
    // Its MikroORM transaction ran its async context on demand: ended with the transaction, not pinned on.
    expect(asyncContextOnDemandState()).toEqual({ runsInFlight: 0, pinned: false });
    expect(result.viewer).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      maskedName: '欧阳**',
      maskedPhone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      maskedDocumentNumber: `1101**********${documentNumber.slice(-4)}`,
      documentType: 'RESIDENT_ID',
    });
    const setCookie = res.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^ccap_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await gw.graphql(ME, {}, { cookie: sessionCookieOf(res.headers)! });
    expect(me.body.data.me).toEqual(result.viewer);
  });

  it('stores the ID and phone numbers encrypted, the password as argon2id, the name exactly', async () => {
    const rareName = '李\u{20BB7}\u{2EBF0}'; // 𠮷 (Ext B) and an Ext I character, both outside the BMP
    const { input, viewer } = await registerCandidate(gw, { name: rareName, documentNumber: makeResidentId('440305', '19851111', '024') + ' ' });
    const [row] = await gw.orm.em.getConnection().execute(`select * from candidate_account where id = ?`, [viewer.id]);
    const normalizedNumber = (input.documentNumber as string).trim();
    const rowText = JSON.stringify(row, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v));
    expect(rowText).not.toContain(normalizedNumber);
    expect(rowText).not.toContain(input.phone as string);
    expect(rowText).not.toContain(STRONG_PASSWORD);
    expect(pii.decrypt('DOCUMENT_NUMBER', row.document_number_encrypted)).toBe(normalizedNumber);
    expect(pii.decrypt('PHONE', row.phone_encrypted)).toBe(input.phone);
    expect(row.document_number_lookup.equals(pii.lookupHash('DOCUMENT_NUMBER', normalizedNumber))).toBe(true);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(row.name).toBe(rareName);
    expect([...row.name].length).toBe(3);
    expect(viewer.maskedName).toBe('李**');
  });

  it('keeps compatibility ideographs as typed instead of folding them to their unified twins', async () => {
    const { viewer } = await registerCandidate(gw, { name: '金\uF900' });
    const [row] = await gw.orm.em.getConnection().execute(`select name from candidate_account where id = ?`, [viewer.id]);
    expect(row.name).toBe('金\uF900');
    expect(row.name).not.toBe('金\u8C48');
  });

  it('registers passport holders with their nationality and a Latin name', async () => {
    const { viewer } = await registerCandidate(gw, {
      documentType: 'FOREIGN_PASSPORT',
      documentNumber: 'e1234567',
      nationality: 'deu',
      name: "Anna-Lena O’Brien",
    });
    const [row] = await gw.orm.em.getConnection().execute(`select name, nationality, document_type from candidate_account where id = ?`, [viewer.id]);
    expect(row).toEqual({ name: "Anna-Lena O'Brien", nationality: 'DEU', document_type: 'FOREIGN_PASSPORT' });
    expect(viewer.maskedDocumentNumber).toBe('E1****67');
  });

  it.each([
    ['ID_NUMBER_FORMAT', { documentNumber: '1101051990030712' }, 'documentNumber'],
    ['ID_NUMBER_REGION', { documentNumber: makeResidentId('990105', '19900307', '123') }, 'documentNumber'],
    ['ID_NUMBER_BIRTH_DATE', { documentNumber: makeResidentId('110105', '19900230', '123') }, 'documentNumber'],
    ['ID_NUMBER_CHECK_DIGIT', { documentNumber: withWrongCheckChar(makeResidentId('110105', '19900307', '123')) }, 'documentNumber'],
    ['DOCUMENT_NUMBER_FORMAT', { documentType: 'HK_MACAO_PERMIT', documentNumber: 'X12345678' }, 'documentNumber'],
    ['NATIONALITY_CODE', { documentType: 'FOREIGN_PASSPORT', documentNumber: 'E1234567' }, 'nationality'],
    ['NATIONALITY_CODE', { documentType: 'FOREIGN_PASSPORT', documentNumber: 'E1234567', nationality: 'CHN' }, 'nationality'],
    ['NAME_LENGTH', { name: '张' }, 'name'],
    ['NAME_CHARACTERS', { name: '张3' }, 'name'],
    ['PASSWORD_WEAK', { password: 'abc', confirmPassword: 'abc' }, 'password'],
    ['PASSWORD_MISMATCH', { confirmPassword: `${STRONG_PASSWORD}x` }, 'confirmPassword'],
    ['PHONE_FORMAT', { phone: '12345678901' }, 'phone'],
    ['SMS_CODE_INVALID', { smsCode: '12345' }, 'smsCode'],
  ])('refuses %s, naming the field', async (errorCode, overrides, field) => {
    const result = await register(overrides);
    expect(result).toMatchObject({ ok: false, errorCode, field, viewer: null });
    expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('lists every unmet password rule, including containing the ID or phone number', async () => {
    const documentNumber = uniqueResidentId();
    const result = await register({ documentNumber, password: `a${documentNumber}`, confirmPassword: `a${documentNumber}` });
    expect(result).toMatchObject({ errorCode: 'PASSWORD_WEAK', unmetPasswordRules: ['CLASSES', 'CONTAINS_DOCUMENT'] });
    expect(result.message).toBe('密码须包含大写字母、小写字母、数字、符号中的至少三类;密码不能包含证件号码');
    const phone = uniquePhone();
    expect(await register({ phone, password: `Ab#${phone}`, confirmPassword: `Ab#${phone}` })).toMatchObject({ unmetPasswordRules: ['CONTAINS_PHONE'] });
  });

  it('reports the topmost problem first, in the order of the form', async () => {
    expect(await register({ documentNumber: 'x', name: '1', password: 'a', phone: '1' })).toMatchObject({ field: 'documentNumber' });
    expect(await register({ name: '1', password: 'a', phone: '1' })).toMatchObject({ field: 'name' });
    expect(await register({ password: 'a', phone: '1' })).toMatchObject({ field: 'password' });
  });

  it('refuses an expired code, a used code and a code sent for another purpose', async () => {
    const phone = uniquePhone();
    const code = await requestSmsCode(gw, phone, 'REGISTER');
    clock.advance(180_000);
    expect(await register({ phone, smsCode: code })).toMatchObject({ errorCode: 'SMS_CODE_EXPIRED', message: '短信验证码已失效,请重新获取' });

    const fresh = await requestSmsCode(gw, phone, 'REGISTER');
    expect(await register({ phone, smsCode: fresh })).toMatchObject({ ok: true });
    expect(await register({ phone, smsCode: fresh })).toMatchObject({ errorCode: 'SMS_CODE_EXPIRED' });

    const otherPhone = uniquePhone();
    const resetCode = await requestSmsCode(gw, otherPhone, 'RESET_PASSWORD');
    expect(await register({ phone: otherPhone, smsCode: resetCode })).toMatchObject({ errorCode: 'SMS_CODE_INVALID' });
  });

  it('refuses a document that is already registered, and says so', async () => {
    const { input } = await registerCandidate(gw);
    const phone = uniquePhone();
    const result = await register({ documentNumber: (input.documentNumber as string).toLowerCase(), phone, smsCode: await requestSmsCode(gw, phone, 'REGISTER') });
    expect(result).toMatchObject({
      ok: false,
      errorCode: 'DOCUMENT_ALREADY_REGISTERED',
      field: 'documentNumber',
      message: '该证件号码已注册,请直接登录;如忘记密码,请使用“忘记密码”找回',
    });
  });

  it('treats the same number under another document type as the same document', async () => {
    const { input } = await registerCandidate(gw, { documentType: 'TAIWAN_PERMIT', documentNumber: '12345678' });
    const phone = uniquePhone();
    const result = await register({
      documentType: 'FOREIGN_PASSPORT',
      nationality: 'USA',
      name: 'John Smith',
      documentNumber: input.documentNumber,
      phone,
      smsCode: await requestSmsCode(gw, phone, 'REGISTER'),
    });
    expect(result.errorCode).toBe('DOCUMENT_ALREADY_REGISTERED');
  });

  it('refuses a phone that is already registered, and says so', async () => {
    const { input } = await registerCandidate(gw);
    clock.advance(180_000);
    const result = await register({ phone: input.phone, smsCode: await requestSmsCode(gw, input.phone as string, 'REGISTER') });
    expect(result).toMatchObject({ ok: false, errorCode: 'PHONE_ALREADY_REGISTERED', field: 'phone', message: '该手机号已被其他账号注册,请更换手机号' });
  });

  it('creates one account when two gateways register the same document at the same moment', async () => {
    const documentNumber = uniqueResidentId();
    const attempts = await Promise.all(
      [gw, second, gw, second].map(async (target) => {
        const phone = uniquePhone();
        return register({ documentNumber, phone, smsCode: await requestSmsCode(target, phone, 'REGISTER') }, target);
      }),
    );
    expect(attempts.filter((r) => r.ok)).toHaveLength(1);
    expect(attempts.filter((r) => r.errorCode === 'DOCUMENT_ALREADY_REGISTERED')).toHaveLength(3);
    const [row] = await gw.orm.em.getConnection().execute(`select count(*)::int as n from candidate_account where document_number_lookup = ?`, [
      pii.lookupHash('DOCUMENT_NUMBER', documentNumber),
    ]);
    expect(row.n).toBe(1);
  });

  it('spends the SMS code even when the document turns out to be taken', async () => {
    const { input } = await registerCandidate(gw);
    const phone = uniquePhone();
    const code = await requestSmsCode(gw, phone, 'REGISTER');
    expect((await register({ documentNumber: input.documentNumber, phone, smsCode: code })).errorCode).toBe('DOCUMENT_ALREADY_REGISTERED');
    expect((await register({ phone, smsCode: code })).errorCode).toBe('SMS_CODE_EXPIRED');
  });

  it('keeps the code in the dev outbox only', async () => {
    const phone = uniquePhone();
    const code = await requestSmsCode(gw, phone, 'REGISTER');
    expect((await outbox(gw, phone)).sms[0]!.code).toBe(code);
    const rows = await gw.orm.em.getConnection().execute(`select * from sms_code`);
    expect(JSON.stringify(rows)).not.toContain(code);
  });
});
