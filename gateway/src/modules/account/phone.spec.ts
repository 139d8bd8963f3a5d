import { describe, expect, it } from 'vitest';
import { normalizeMobile, validateMobile } from './phone';

describe('normalizeMobile', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['+8613812341234', '13812341234'],
    ['008613812341234', '13812341234'],
    ['8613812341234', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['138-1234-1234', '13812341234'],
    [' +86-138-1234-1234 ', '13812341234'],
    ['１３８１２３４１２３４', '13812341234'],
    ['＋86\u3000138 1234 1234', '13812341234'],
  ])('normalises %s to %s', (raw, normalized) => {
    expect(normalizeMobile(raw)).toBe(normalized);
  });

  it('strips the country code only in front of an 11-digit number starting with 1', () => {
    // Without the lookahead, these would lose real digits.
    expect(normalizeMobile('86123456')).toBe('86123456');
    expect(normalizeMobile('8623812341234')).toBe('8623812341234');
  });

  it('does not mistake a number that starts with 86 for a country code', () => {
    expect(normalizeMobile('8613812341')).toBe('8613812341');
  });
});

describe('validateMobile', () => {
  it.each(['13012341234', '13812341234', '19912341234', '+86 166 1234 1234', '0086-177-1234-1234'])(
    'accepts %s',
    (raw) => {
      expect(validateMobile(raw)).toEqual({ ok: true, normalized: normalizeMobile(raw) });
    },
  );

  it.each([
    ['a second digit of 2', '12812341234'],
    ['a second digit of 0', '10812341234'],
    ['10 digits', '1381234123'],
    ['12 digits', '138123412345'],
    ['a landline', '01012345678'],
    ['a letter', '1381234123a'],
    ['a foreign country code', '+85291234567'],
    ['an empty string', ''],
  ])('rejects %s with PHONE_FORMAT', (_label, raw) => {
    expect(validateMobile(raw)).toEqual({ ok: false, errorCode: 'PHONE_FORMAT', message: '手机号格式不正确' });
  });
});
