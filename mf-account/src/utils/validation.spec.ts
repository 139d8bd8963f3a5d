import { describe, expect, it } from 'vitest';
import {
  characterCount,
  documentNumberError,
  isMobileNumber,
  isValidResidentId,
  passwordError,
  realNameError,
} from './validation';

describe('居民身份证 (GB 11643-1999)', () => {
  it('accepts a number whose check character matches', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('440524198001010013')).toBe(true);
  });

  it('rejects a wrong check character, a bad birth date or a wrong length', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('110105194902300020')).toBe(false); // 30 February
    expect(isValidResidentId('11010519491231002')).toBe(false);
    expect(isValidResidentId('1101051949123100XX')).toBe(false);
  });
});

describe('documentNumberError', () => {
  it('checks the number against the selected 证件类型', () => {
    expect(documentNumberError('RESIDENT_ID', '11010519491231002X')).toBeNull();
    expect(documentNumberError('RESIDENT_ID', 'H12345678')).toMatch(/居民身份证/);
    expect(documentNumberError('HK_MACAO_PERMIT', 'H12345678')).toBeNull();
    expect(documentNumberError('HK_MACAO_PERMIT', 'M1234567890')).toBeNull();
    expect(documentNumberError('HK_MACAO_PERMIT', 'X12345678')).toMatch(/港澳/);
    expect(documentNumberError('TAIWAN_PERMIT', '12345678')).toBeNull();
    expect(documentNumberError('TAIWAN_PERMIT', '1234')).toMatch(/台湾/);
    expect(documentNumberError('FOREIGN_PASSPORT', 'E1234567')).toBeNull();
    expect(documentNumberError('FOREIGN_PASSPORT', 'E1')).toMatch(/护照/);
    expect(documentNumberError('', '12345678')).toBe('请先选择证件类型');
    expect(documentNumberError('RESIDENT_ID', '  ')).toBe('请输入证件号码');
  });
});

describe('other fields', () => {
  it('accepts mainland mobile numbers with an optional +86', () => {
    expect(isMobileNumber('13812345678')).toBe(true);
    expect(isMobileNumber('+86 13812345678')).toBe(true);
    expect(isMobileNumber('12812345678')).toBe(false);
    expect(isMobileNumber('1381234567')).toBe(false);
  });

  it('counts name length by code point (CJK Extension B is one character)', () => {
    const rare = '𠀀'; // U+20000, a surrogate pair in UTF-16
    expect(rare.length).toBe(2);
    expect(characterCount(`张${rare}`)).toBe(2);
    expect(realNameError(`张${rare}`)).toBeNull();
    expect(realNameError('阿卜杜拉·买买提')).toBeNull();
    expect(realNameError('张'.repeat(51))).toMatch(/最多50/);
    expect(realNameError('张三1')).toMatch(/只能包含/);
  });

  it('requires 8-20 character passwords with letters and digits', () => {
    expect(passwordError('abc12345')).toBeNull();
    expect(passwordError('abcdefgh')).toMatch(/字母和数字/);
    expect(passwordError('a1')).toMatch(/8-20/);
    expect(passwordError('')).toBe('请输入密码');
  });
});
