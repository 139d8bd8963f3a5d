/**
 * Password rule shown on the registration and reset forms. Lengths count code points, so a
 * password is judged the same way the candidate sees it on screen.
 */
import { normalizeMobile } from './phone';

export const PASSWORD_MIN_LENGTH = 8;
/** argon2 has no input limit; this only bounds the work per login attempt and the form field. */
export const PASSWORD_MAX_LENGTH = 64;
export const PASSWORD_MIN_CLASSES = 3;

export const PASSWORD_RULE_TEXT =
  '密码至少8位,须包含大写字母、小写字母、数字、符号中的至少三类,且不能包含证件号码或手机号';

export type PasswordRule = 'LENGTH' | 'TOO_LONG' | 'CLASSES' | 'CONTAINS_DOCUMENT' | 'CONTAINS_PHONE';

export type PasswordCheck =
  | { ok: true }
  | { ok: false; errorCode: 'PASSWORD_WEAK'; message: string; unmet: PasswordRule[] };

const RULE_MESSAGES: Readonly<Record<PasswordRule, string>> = {
  LENGTH: `密码不能少于${PASSWORD_MIN_LENGTH}位`,
  TOO_LONG: `密码不能超过${PASSWORD_MAX_LENGTH}位`,
  CLASSES: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  CONTAINS_DOCUMENT: '密码不能包含证件号码',
  CONTAINS_PHONE: '密码不能包含手机号',
};

/**
 * Upper and lower mean ASCII letters, as on the form. A "symbol" is any other visible character
 * (punctuation, but also é or 汉字); spaces and control characters count towards no class.
 */
function countCharacterClasses(password: string): number {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9\s\p{C}]/u];
  return classes.filter((pattern) => pattern.test(password)).length;
}

/**
 * Checks every rule and reports all unmet ones at once, so the form can mark them together.
 * The document number is compared case-insensitively (a 身份证 may end in x or X) and without
 * spaces; the phone is normalised first, so "+86 138…" still protects the bare 138….
 */
export function checkPasswordStrength(
  password: string,
  personal: { documentNumber?: string; phone?: string } = {},
): PasswordCheck {
  const unmet: PasswordRule[] = [];
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) unmet.push('LENGTH');
  if (length > PASSWORD_MAX_LENGTH) unmet.push('TOO_LONG');
  if (countCharacterClasses(password) < PASSWORD_MIN_CLASSES) unmet.push('CLASSES');

  const upperPassword = password.toUpperCase();
  const documentNumber = personal.documentNumber?.replace(/\s+/gu, '').toUpperCase();
  if (documentNumber && upperPassword.includes(documentNumber)) unmet.push('CONTAINS_DOCUMENT');
  const phone = personal.phone && normalizeMobile(personal.phone);
  if (phone && password.includes(phone)) unmet.push('CONTAINS_PHONE');

  if (unmet.length === 0) return { ok: true };
  return {
    ok: false,
    errorCode: 'PASSWORD_WEAK',
    message: unmet.map((rule) => RULE_MESSAGES[rule]).join(';'),
    unmet,
  };
}
