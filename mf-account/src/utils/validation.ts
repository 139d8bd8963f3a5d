import type { DocumentType } from '../graphql/generated/graphql';

/** GB 11643-1999 weights and check characters of the 18-character resident ID. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** Whether an 18-character 居民身份证号码 has a valid birth date and check character. */
export function isValidResidentId(value: string): boolean {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > Date.now()
  ) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11] === id[17];
}

/**
 * Checks a 证件号码 for its 证件类型; returns a message to show, or null when it is acceptable.
 * Formats: 居民身份证 18 characters with check character; 港澳通行证 H/M + 8 or 10 digits;
 * 台湾通行证 8 digits (older: 10 characters); 外国护照 5–17 letters or digits.
 */
export function documentNumberError(type: DocumentType | '' | null | undefined, raw: string): string | null {
  const value = raw.trim();
  if (!value) return '请输入证件号码';
  switch (type) {
    case 'RESIDENT_ID':
      return isValidResidentId(value) ? null : '请输入正确的18位居民身份证号码';
    case 'HK_MACAO_PERMIT':
      return /^[HM](\d{8}|\d{10})$/i.test(value) ? null : '港澳居民来往内地通行证号码应为H或M加8位或10位数字';
    case 'TAIWAN_PERMIT':
      return /^(\d{8}|[A-Z0-9]{10})$/i.test(value) ? null : '台湾居民来往大陆通行证号码应为8位数字';
    case 'FOREIGN_PASSPORT':
      return /^[A-Z0-9]{5,17}$/i.test(value) ? null : '护照号码应为5至17位字母或数字';
    default:
      return '请先选择证件类型';
  }
}

/** Mainland mobile number, optional +86 prefix. */
export function isMobileNumber(raw: string): boolean {
  return /^(?:\+?86[- ]?)?1[3-9]\d{9}$/.test(raw.trim());
}

/** Length in characters (code points), so a CJK Extension B–I character counts once. */
export function characterCount(value: string): number {
  return Array.from(value).length;
}

export const NAME_MAX_CHARACTERS = 50;

/** 真实姓名: 1–50 characters of letters (any script), the middle dot of transliterated names, spaces. */
export function realNameError(raw: string): string | null {
  const value = raw.trim();
  if (!value) return '请输入真实姓名';
  if (characterCount(value) > NAME_MAX_CHARACTERS) return `姓名最多${NAME_MAX_CHARACTERS}个字`;
  if (!/^[\p{L}\p{M}·•. ]+$/u.test(value)) return '姓名只能包含文字和间隔号“·”';
  return null;
}

/** 密码: 8–20 characters with at least one letter and one digit. */
export function passwordError(raw: string): string | null {
  if (!raw) return '请输入密码';
  if (raw.length < 8 || raw.length > 20) return '密码长度为8-20位';
  if (!/[A-Za-z]/.test(raw) || !/\d/.test(raw)) return '密码须同时包含字母和数字';
  return null;
}
