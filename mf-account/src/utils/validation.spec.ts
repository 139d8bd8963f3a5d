import { describe, expect, it } from 'vitest';
import {
  characterCount,
  documentNumberError,
  isMobileNumber,
  isValidResidentId,
  nameError,
  normalizeName,
  passwordError,
  passwordStrength,
  phoneError,
  residentIdCheckChar,
  smsCodeError,
  unmetPasswordRules,
} from './validation';

const NOW = new Date('2026-11-26T04:00:00Z');

describe('居民身份证 (GB 11643-1999)', () => {
  it('computes the check character from the weighted sum', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052419800101001')).toBe('3');
  });

  it('accepts a number whose region, birth date and check character are right, typed any way', () => {
    expect(isValidResidentId('11010519491231002X', NOW)).toBe(true);
    expect(isValidResidentId('11010519491231002x', NOW)).toBe(true);
    expect(isValidResidentId('１１０１０５１９４９１２３１００２Ｘ', NOW)).toBe(true); // full-width, from an IME
    expect(isValidResidentId(' 110105 19491231 002X ', NOW)).toBe(true);
    // 港澳台居民居住证 use the whole prefix 810000 / 820000 / 830000 instead of a county code.
    const hongKongResident = `81000019900101001${residentIdCheckChar('81000019900101001')}`;
    expect(isValidResidentId(hongKongResident, NOW)).toBe(true);
    expect(isValidResidentId(`71000019900101001${residentIdCheckChar('71000019900101001')}`, NOW)).toBe(false);
  });

  it('says what is wrong, in the order the gateway checks it', () => {
    expect(documentNumberError('RESIDENT_ID', '11010519491231002', NOW)).toMatch(/应为18位/);
    expect(documentNumberError('RESIDENT_ID', '991051194912310023', NOW)).toMatch(/地区码/);
    expect(documentNumberError('RESIDENT_ID', '110105194902300020', NOW)).toMatch(/出生日期/); // 30 February
    expect(documentNumberError('RESIDENT_ID', '110105203001010010', NOW)).toMatch(/出生日期/); // in the future
    expect(documentNumberError('RESIDENT_ID', '110105194912310021', NOW)).toMatch(/校验位/);
  });
});

describe('documentNumberError by 证件类型', () => {
  it('checks the number against the selected type', () => {
    expect(documentNumberError('RESIDENT_ID', '11010519491231002X', NOW)).toBeNull();
    expect(documentNumberError('HK_MACAO_PERMIT', 'H12345678')).toBeNull();
    expect(documentNumberError('HK_MACAO_PERMIT', 'm1234567890')).toBeNull();
    expect(documentNumberError('HK_MACAO_PERMIT', 'X12345678')).toMatch(/港澳/);
    expect(documentNumberError('TAIWAN_PERMIT', '12345678')).toBeNull();
    expect(documentNumberError('TAIWAN_PERMIT', '1234')).toMatch(/台湾/);
    expect(documentNumberError('FOREIGN_PASSPORT', 'E1234567')).toBeNull();
    expect(documentNumberError('FOREIGN_PASSPORT', 'E1')).toMatch(/护照/);
    expect(documentNumberError('', '12345678')).toBe('请先选择证件类型');
    expect(documentNumberError('RESIDENT_ID', '  ')).toBe('请输入证件号码');
  });
});

describe('手机号', () => {
  it('accepts mainland mobile numbers with a country code, spaces or dashes', () => {
    expect(isMobileNumber('13812345678')).toBe(true);
    expect(isMobileNumber('+86 138-1234-5678')).toBe(true);
    expect(isMobileNumber('008613812345678')).toBe(true);
    expect(isMobileNumber('12812345678')).toBe(false);
    expect(isMobileNumber('1381234567')).toBe(false);
    expect(phoneError('')).toBe('请输入手机号');
    expect(phoneError('1381234567')).toBe('手机号格式不正确');
  });
});

describe('真实姓名', () => {
  it('counts by code point: a CJK Extension B character is one character', () => {
    const rare = '𠀀'; // U+20000, a surrogate pair in UTF-16
    expect(rare.length).toBe(2);
    expect(characterCount(`张${rare}`)).toBe(2);
    expect(nameError(`张${rare}`)).toBeNull();
    expect(nameError(`${rare}${rare}`)).toBeNull();
    expect(nameError(String.fromCodePoint(0x2ebf0) + '明')).toBeNull(); // Extension I
    // 25 astral characters are 50 UTF-16 units but 25 characters; 51 characters are one too many.
    expect(nameError(rare.repeat(50))).toBeNull();
    expect(nameError(rare.repeat(51))).toMatch(/2至50/);
    expect(nameError('张')).toMatch(/2至50/);
  });

  it('accepts Chinese characters and “·”, Latin letters only for a foreign passport', () => {
    expect(nameError('阿卜杜拉·买买提')).toBeNull();
    expect(nameError('阿卜杜拉•买买提')).toBeNull(); // U+2022, as some IMEs type it
    expect(normalizeName('阿卜杜拉 • 买买提')).toBe('阿卜杜拉·买买提');
    expect(nameError('张三1')).toMatch(/生僻字/);
    expect(nameError('John Smith')).toMatch(/只能包含汉字/);
    expect(nameError('John Smith', 'FOREIGN_PASSPORT')).toBeNull();
    expect(nameError("O'Brien-Lee", 'FOREIGN_PASSPORT')).toBeNull();
    expect(nameError('·张三')).toMatch(/开头或结尾/);
    expect(nameError('张··三')).toMatch(/连续/);
    expect(nameError('')).toBe('请输入真实姓名');
  });
});

describe('密码 (the gateway’s PASSWORD_RULE_TEXT)', () => {
  it('needs 8 characters from three of upper, lower, digit and symbol', () => {
    expect(passwordError('Abcd1234')).toBeNull();
    expect(passwordError('abcd123!')).toBeNull();
    expect(unmetPasswordRules('abcd1234')).toEqual(['CLASSES']);
    expect(unmetPasswordRules('Ab1!')).toEqual(['LENGTH']);
    expect(unmetPasswordRules('Ab1!'.repeat(17))).toEqual(['TOO_LONG']);
    expect(passwordError('')).toBe('请输入密码');
    expect(passwordError('abcdefgh')).toBe('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  });

  it('counts length by code point', () => {
    // Seven characters, eight UTF-16 units: still too short.
    expect(unmetPasswordRules('Ab1!xy𠀀')).toEqual(['LENGTH']);
  });

  it('may not contain the 证件号码 (any case) or the 手机号', () => {
    const personal = { documentNumber: '11010519491231002x', phone: '+86 13812345678' };
    expect(unmetPasswordRules('Id11010519491231002X', personal)).toEqual(['CONTAINS_DOCUMENT']);
    expect(unmetPasswordRules('Tel13812345678', personal)).toEqual(['CONTAINS_PHONE']);
    expect(passwordError('Tel13812345678', personal)).toBe('密码不能包含手机号');
    expect(unmetPasswordRules('Abcd1234', personal)).toEqual([]);
  });

  it('rates strength for the live indicator: weak until acceptable', () => {
    expect(passwordStrength('abc')).toBe('weak');
    expect(passwordStrength('abcd1234')).toBe('weak');
    expect(passwordStrength('Abcd1234')).toBe('medium');
    expect(passwordStrength('Abcd1234!')).toBe('strong');
    expect(passwordStrength('Abcdefgh1234')).toBe('strong');
  });
});

describe('短信验证码', () => {
  it('is six digits', () => {
    expect(smsCodeError('012345')).toBeNull();
    expect(smsCodeError(' 012345 ')).toBeNull();
    expect(smsCodeError('')).toBe('请输入短信验证码');
    expect(smsCodeError('1234')).toMatch(/6位/);
  });
});
