import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, PASSWORD_RULE_TEXT } from './password-policy';
import { makeResidentId } from './identity-document.testing';

const idNumber = makeResidentId('110105', '19491231', '002'); // ends in X
const phone = '13812341234';

describe('PASSWORD_RULE_TEXT', () => {
  it('states the rule shown on the form', () => {
    expect(PASSWORD_RULE_TEXT).toBe(
      '密码至少8位,须包含大写字母、小写字母、数字、符号中的至少三类,且不能包含证件号码或手机号',
    );
  });
});

describe('checkPasswordStrength', () => {
  it.each([
    ['upper + lower + digit', 'Abcdefg1'],
    ['upper + lower + symbol', 'Abcdefg!'],
    ['lower + digit + symbol', 'abcdef1!'],
    ['upper + digit + symbol', 'ABCDEF1!'],
    ['all four classes', 'Abc123!@'],
    ['Chinese characters counted as symbols', 'abc123会计'],
    ['exactly 64 characters', 'Aa1' + 'x'.repeat(61)],
  ])('accepts %s', (_label, password) => {
    expect(checkPasswordStrength(password, { documentNumber: idNumber, phone })).toEqual({ ok: true });
  });

  it('rejects 7 characters with LENGTH', () => {
    expect(checkPasswordStrength('Abc12!x')).toEqual({
      ok: false,
      errorCode: 'PASSWORD_WEAK',
      message: '密码不能少于8位',
      unmet: ['LENGTH'],
    });
  });

  it('counts code points: four astral characters are 8 UTF-16 units but only 4 characters', () => {
    expect(checkPasswordStrength('Aa1\u{20000}\u{20000}\u{20000}\u{20000}')).toMatchObject({ unmet: ['LENGTH'] });
  });

  it('rejects 65 characters with TOO_LONG', () => {
    expect(checkPasswordStrength('Aa1' + 'x'.repeat(62))).toEqual({
      ok: false,
      errorCode: 'PASSWORD_WEAK',
      message: '密码不能超过64位',
      unmet: ['TOO_LONG'],
    });
  });

  it.each([
    ['only lower-case letters', 'abcdefgh'],
    ['lower + digit', 'abcd1234'],
    ['upper + lower', 'ABCDefgh'],
    ['spaces do not make a symbol class', 'abcd 1234'],
    ['a non-ASCII capital as a symbol, not an upper-case letter', 'Äbcdef!!'],
  ])('rejects %s with CLASSES', (_label, password) => {
    expect(checkPasswordStrength(password)).toEqual({
      ok: false,
      errorCode: 'PASSWORD_WEAK',
      message: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      unmet: ['CLASSES'],
    });
  });

  it('rejects a password containing the document number, ignoring case', () => {
    const lowerX = `Pw!${idNumber.toLowerCase()}`;
    expect(checkPasswordStrength(lowerX, { documentNumber: idNumber })).toEqual({
      ok: false,
      errorCode: 'PASSWORD_WEAK',
      message: '密码不能包含证件号码',
      unmet: ['CONTAINS_DOCUMENT'],
    });
  });

  it('compares with the document number as typed, with spaces and a lower-case x', () => {
    const typed = `${idNumber.slice(0, 6)} ${idNumber.slice(6).toLowerCase()}`;
    expect(checkPasswordStrength(`Pw!${idNumber}`, { documentNumber: typed })).toMatchObject({
      unmet: ['CONTAINS_DOCUMENT'],
    });
  });

  it('catches a passport number inside the password', () => {
    expect(checkPasswordStrength('xE12345678!', { documentNumber: 'e12345678' })).toMatchObject({
      unmet: ['CONTAINS_DOCUMENT'],
    });
  });

  it('rejects a password containing the phone number, even if the phone was given with +86', () => {
    expect(checkPasswordStrength('Aa!13812341234', { phone: '+86 138-1234-1234' })).toEqual({
      ok: false,
      errorCode: 'PASSWORD_WEAK',
      message: '密码不能包含手机号',
      unmet: ['CONTAINS_PHONE'],
    });
  });

  it('does not flag part of the phone number', () => {
    expect(checkPasswordStrength('Aa!1381234123', { phone })).toEqual({ ok: true });
  });

  it('ignores empty personal data', () => {
    expect(checkPasswordStrength('Abcdefg1', { documentNumber: '', phone: '' })).toEqual({ ok: true });
  });

  it('reports every unmet rule together, in form order', () => {
    expect(checkPasswordStrength('1381234', { phone: '1381234', documentNumber: '1381234' })).toEqual({
      ok: false,
      errorCode: 'PASSWORD_WEAK',
      message: '密码不能少于8位;密码须包含大写字母、小写字母、数字、符号中的至少三类;密码不能包含证件号码;密码不能包含手机号',
      unmet: ['LENGTH', 'CLASSES', 'CONTAINS_DOCUMENT', 'CONTAINS_PHONE'],
    });
  });
});
