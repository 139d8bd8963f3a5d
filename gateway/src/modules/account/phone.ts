/**
 * Mainland mobile numbers. Only the shape is checked (1, then 3–9, then 9 digits): carrier prefix
 * lists go stale, and the SMS code proves the number is real.
 */

const MOBILE = /^1[3-9]\d{9}$/;

/** +86 / 0086 / 86 in front of an 11-digit number is the country code, not part of the number. */
const COUNTRY_CODE_PREFIX = /^(?:\+86|0086|86)(?=1\d{10}$)/;

/**
 * Best-effort canonical form: full-width digits folded (NFKC), spaces, dashes and the country code
 * removed. Returns whatever is left when the input is not a mobile number, for `validateMobile` to judge.
 */
export function normalizeMobile(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]+/gu, '').replace(COUNTRY_CODE_PREFIX, '');
}

export type MobileValidation =
  | { ok: true; normalized: string }
  | { ok: false; errorCode: 'PHONE_FORMAT'; message: string };

export function validateMobile(raw: string): MobileValidation {
  const normalized = normalizeMobile(raw);
  return MOBILE.test(normalized)
    ? { ok: true, normalized }
    : { ok: false, errorCode: 'PHONE_FORMAT', message: '手机号格式不正确' };
}
