/**
 * Form checks of 注册 and 找回密码. They mirror the gateway's rules (modules/account:
 * identity-document.ts, person-name.ts, password-policy.ts, phone.ts) so a candidate learns of a
 * mistake before sending; the gateway checks everything again and its answer is the one that counts.
 * Every length is counted in code points: a CJK Extension B–I character is one character.
 */
import type { DocumentType, PasswordRule } from '../graphql/generated/graphql';

/** Length in characters (code points), so a CJK Extension B–I character counts once. */
export function characterCount(value: string): number {
  return [...value].length;
}

// ── 证件号码 ────────────────────────────────────────────────────────────────────────────────────

/** Full-width digits and letters from a Chinese IME, and spaces, as the gateway folds them. */
export function normalizeDocumentNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** GB/T 2260 province-level codes of the mainland (first two digits). */
const MAINLAND_PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);
/** 港澳台居民居住证 carry these whole prefixes instead of a county code. */
const RESIDENCE_PERMIT_PREFIXES = new Set(['810000', '820000', '830000']);

/** GB 11643-1999 weights and check characters of the 18-character resident ID. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits of a 居民身份证号码. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/** Today's date in China (UTC+8), 'YYYY-MM-DD': a birth date after it is impossible. */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function residentIdError(id: string, now: Date): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码应为18位,前17位为数字,最后一位为数字或X';
  if (!RESIDENCE_PERMIT_PREFIXES.has(id.slice(0, 6)) && !MAINLAND_PROVINCE_CODES.has(id.slice(0, 2))) {
    return '身份证号码前6位地区码不正确,请核对后重新输入';
  }
  const [year, month, day] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)].map(Number) as [number, number, number];
  const birth = new Date(Date.UTC(year, month - 1, day));
  const iso = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const isRealDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!isRealDate || iso < '1900-01-01' || iso > chinaToday(now)) return '身份证号码中的出生日期不正确,请核对后重新输入';
  if (residentIdCheckChar(id) !== id[17]) return '身份证号码校验位不正确,请核对后重新输入';
  return null;
}

/** Whether an 18-character 居民身份证号码 has a valid region, birth date and check character. */
export function isValidResidentId(value: string, now: Date = new Date()): boolean {
  return residentIdError(normalizeDocumentNumber(value), now) === null;
}

const FORMAT_RULES: Readonly<Record<Exclude<DocumentType, 'RESIDENT_ID'>, { pattern: RegExp; message: string }>> = {
  HK_MACAO_PERMIT: { pattern: /^[HM](?:\d{8}|\d{10})$/, message: '港澳居民来往内地通行证号码应为H或M加8位或10位数字' },
  TAIWAN_PERMIT: { pattern: /^(?:\d{8}|[A-Z0-9]{10})$/, message: '台湾居民来往大陆通行证号码应为8位数字(旧版为10位字母或数字)' },
  FOREIGN_PASSPORT: { pattern: /^[A-Z0-9]{5,17}$/, message: '护照号码应为5至17位字母或数字' },
};

/** Checks a 证件号码 for its 证件类型; returns the message to show, or null when it is acceptable. */
export function documentNumberError(type: DocumentType | '' | null | undefined, raw: string, now: Date = new Date()): string | null {
  const value = normalizeDocumentNumber(raw);
  if (!value) return '请输入证件号码';
  if (!type) return '请先选择证件类型';
  if (type === 'RESIDENT_ID') return residentIdError(value, now);
  const rule = FORMAT_RULES[type];
  return rule.pattern.test(value) ? null : rule.message;
}

// ── 手机号 ──────────────────────────────────────────────────────────────────────────────────────

/** Full-width digits, spaces, dashes and the +86 / 0086 / 86 country code removed, as the gateway does. */
export function normalizeMobile(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]+/gu, '').replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
}

/** Mainland mobile number, shape only (carrier prefixes go stale; the SMS code proves the number). */
export function isMobileNumber(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizeMobile(raw));
}

export function phoneError(raw: string): string | null {
  if (!raw.trim()) return '请输入手机号';
  return isMobileNumber(raw) ? null : '手机号格式不正确';
}

// ── 真实姓名 ────────────────────────────────────────────────────────────────────────────────────

export const NAME_MIN_CHARACTERS = 2;
export const NAME_MAX_CHARACTERS = 50;
/** The middle dot of minority and transliterated names (U+00B7). */
export const NAME_SEPARATOR = '\u00B7';

/** The Unified block, Extensions A–I and both compatibility blocks, as the gateway accepts them. */
const CJK_IDEOGRAPHS = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u{20000}-\\u{2EE5F}\\u{2F800}-\\u{2FA1F}\\u{30000}-\\u{323AF}';
const LATIN_LETTERS = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF';
const CHINESE_NAME = new RegExp(`^[${CJK_IDEOGRAPHS}${NAME_SEPARATOR}]*$`, 'u');
const PASSPORT_NAME = new RegExp(`^[${CJK_IDEOGRAPHS}${LATIN_LETTERS}${NAME_SEPARATOR} '\\-]*$`, 'u');
const MISPLACED_SEPARATOR = /^[·' -]|[·' -]$|[·' -]{2}/u;
/** Dots that IMEs produce instead of U+00B7; the gateway turns them into “·”. */
const SEPARATOR_LOOKALIKES = /[\u2022\u2027\u2219\u22C5\u30FB\uFF65]/gu;

/** The name as the gateway will store it (separators unified, spaces collapsed). */
export function normalizeName(raw: string): string {
  return raw
    .replace(SEPARATOR_LOOKALIKES, NAME_SEPARATOR)
    .replace(/[\u2019\u02BC]/gu, "'")
    .trim()
    .replace(/\s+/gu, ' ')
    .replace(/ ?· ?/gu, NAME_SEPARATOR);
}

/**
 * 真实姓名: 2–50 characters. Chinese characters (any extension) and “·”; for 护照(外国) also Latin
 * letters, spaces, “-” and “'”, as printed in the passport.
 */
export function nameError(raw: string, documentType?: DocumentType | '' | null): string | null {
  const value = normalizeName(raw);
  if (!value) return '请输入真实姓名';
  const isPassport = documentType === 'FOREIGN_PASSPORT';
  if (!(isPassport ? PASSPORT_NAME : CHINESE_NAME).test(value)) {
    return isPassport ? "姓名只能包含汉字、英文字母、空格、“-”、“'”和“·”" : '姓名只能包含汉字和“·”,生僻字请通过“生僻字”按钮录入';
  }
  if (MISPLACED_SEPARATOR.test(value)) {
    return isPassport ? "姓名中的“·”、空格、“-”和“'”不能位于开头或结尾,也不能连续出现" : '姓名中的“·”不能位于开头或结尾,也不能连续出现';
  }
  const count = characterCount(value);
  if (count < NAME_MIN_CHARACTERS || count > NAME_MAX_CHARACTERS) return `姓名长度应为${NAME_MIN_CHARACTERS}至${NAME_MAX_CHARACTERS}个字`;
  return null;
}

// ── 密码 ────────────────────────────────────────────────────────────────────────────────────────

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;
export const PASSWORD_MIN_CLASSES = 3;
/** Shown under the password field: the rule exactly as the gateway enforces it. */
export const PASSWORD_RULE_TEXT =
  '密码至少8位,须包含大写字母、小写字母、数字、符号中的至少三类,且不能包含证件号码或手机号';

export const PASSWORD_RULE_MESSAGES: Readonly<Record<PasswordRule, string>> = {
  LENGTH: `密码不能少于${PASSWORD_MIN_LENGTH}位`,
  TOO_LONG: `密码不能超过${PASSWORD_MAX_LENGTH}位`,
  CLASSES: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  CONTAINS_DOCUMENT: '密码不能包含证件号码',
  CONTAINS_PHONE: '密码不能包含手机号',
};

/** Upper, lower (ASCII), digit, and any other visible character as a symbol — the gateway's classes. */
export function passwordClassCount(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9\s\p{C}]/u].filter((pattern) => pattern.test(password)).length;
}

/** Every rule the password breaks, in the gateway's order (empty when it is acceptable). */
export function unmetPasswordRules(password: string, personal: { documentNumber?: string; phone?: string } = {}): PasswordRule[] {
  const unmet: PasswordRule[] = [];
  const length = characterCount(password);
  if (length < PASSWORD_MIN_LENGTH) unmet.push('LENGTH');
  if (length > PASSWORD_MAX_LENGTH) unmet.push('TOO_LONG');
  if (passwordClassCount(password) < PASSWORD_MIN_CLASSES) unmet.push('CLASSES');
  const documentNumber = personal.documentNumber && normalizeDocumentNumber(personal.documentNumber);
  if (documentNumber && password.toUpperCase().includes(documentNumber)) unmet.push('CONTAINS_DOCUMENT');
  const phone = personal.phone && normalizeMobile(personal.phone);
  if (phone && password.includes(phone)) unmet.push('CONTAINS_PHONE');
  return unmet;
}

export function passwordError(password: string, personal: { documentNumber?: string; phone?: string } = {}): string | null {
  if (!password) return '请输入密码';
  const unmet = unmetPasswordRules(password, personal);
  return unmet.length ? unmet.map((rule) => PASSWORD_RULE_MESSAGES[rule]).join(';') : null;
}

export type PasswordStrength = 'weak' | 'medium' | 'strong';

/**
 * The live indicator: weak until every rule is met; then medium, or strong with all four classes or
 * 12+ characters. Only a hint: the rules decide acceptance.
 */
export function passwordStrength(password: string, personal: { documentNumber?: string; phone?: string } = {}): PasswordStrength {
  if (unmetPasswordRules(password, personal).length) return 'weak';
  return passwordClassCount(password) === 4 || characterCount(password) >= 12 ? 'strong' : 'medium';
}

// ── 验证码 ──────────────────────────────────────────────────────────────────────────────────────

export function smsCodeError(raw: string): string | null {
  const value = raw.trim();
  if (!value) return '请输入短信验证码';
  return /^\d{6}$/.test(value) ? null : '短信验证码为6位数字';
}
