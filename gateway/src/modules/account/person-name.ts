/**
 * 姓名 validation and masking. Names may hold rare characters (生僻字) outside the BMP, so everything
 * here works on code points (`Array.from`, `u`-flag regexes), never on UTF-16 `.length`.
 */
import type { DocumentType } from './identity-document';

export const NAME_MIN_CODE_POINTS = 2;
export const NAME_MAX_CODE_POINTS = 50;

export const NAME_SEPARATOR = '\u00B7';

/**
 * Ideograph ranges accepted in names (regex character-class source). Covers the Unified block and
 * Extensions A–I (GB 18030-2022 + Amendment 1), and both Compatibility Ideograph blocks. The ranges
 * include a few unassigned gaps (e.g. U+2A6E0–2A6FF); accepting them is harmless and spares us
 * shipping a per-character table. Extension J (Unicode 17) is left out until GB 18030 adopts it.
 */
const CJK_IDEOGRAPHS =
  '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF' +
  '\\u{20000}-\\u{2EE5F}\\u{2F800}-\\u{2FA1F}\\u{30000}-\\u{323AF}';

const COMPATIBILITY_IDEOGRAPH_RUN = /([\uF900-\uFAFF\u{2F800}-\u{2FA1F}]+)/u;

/** Latin letters as printed on passports, including accented ones (é, ü, ñ, Vietnamese ạ …). */
const LATIN_LETTERS = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF';

const CHINESE_NAME = new RegExp(`^[${CJK_IDEOGRAPHS}${NAME_SEPARATOR}]*$`, 'u');
const PASSPORT_NAME = new RegExp(`^[${CJK_IDEOGRAPHS}${LATIN_LETTERS}${NAME_SEPARATOR} '\\-]*$`, 'u');

/** Separator at either end, or two separators in a row (after spaces were collapsed). */
const MISPLACED_SEPARATOR = /^[·' -]|[·' -]$|[·' -]{2}/u;

/**
 * Dots that IMEs and the rare-character picker produce instead of U+00B7: • (U+2022, shown in the
 * platform's own picker), ‧ (U+2027), ∙ (U+2219), ⋅ (U+22C5), ・ (U+30FB), ･ (U+FF65). The full-width
 * full stop ． (U+FF0E) is punctuation, not a name separator, and is rejected rather than guessed at.
 */
const SEPARATOR_LOOKALIKES = /[\u2022\u2027\u2219\u22C5\u30FB\uFF65]/gu;

/** Typographic apostrophes (’ U+2019, ʼ U+02BC) that phone keyboards insert in O'Brien. */
const APOSTROPHE_LOOKALIKES = /[\u2019\u02BC]/gu;

/**
 * NFC maps every CJK compatibility ideograph to its unified counterpart (U+F900 豈 → U+8C48 豈).
 * For a name that is a different character as far as the 公安 population register and the printed
 * certificate are concerned, so runs of compatibility ideographs are kept verbatim and only the text
 * between them is NFC-normalised. Splitting is safe: these ideographs are starters that never compose
 * with a neighbour.
 */
function normalizeExceptCompatibilityIdeographs(text: string): string {
  return text
    .split(COMPATIBILITY_IDEOGRAPH_RUN)
    .map((part, i) => (i % 2 === 1 ? part : part.normalize('NFC')))
    .join('');
}

export function normalizePersonName(raw: string): string {
  return normalizeExceptCompatibilityIdeographs(raw)
    .replace(SEPARATOR_LOOKALIKES, NAME_SEPARATOR)
    .replace(APOSTROPHE_LOOKALIKES, "'")
    .trim()
    .replace(/\s+/gu, ' ')
    .replace(/ ?· ?/gu, NAME_SEPARATOR);
}

export type PersonNameValidation =
  | { ok: true; normalized: string; codePoints: number }
  | { ok: false; errorCode: 'NAME_LENGTH' | 'NAME_CHARACTERS'; message: string };

/**
 * Latin letters, spaces, hyphens and apostrophes are only accepted for 护照(外国), whose holders
 * register under the name printed in the passport; the other documents carry a Chinese name.
 */
export function validatePersonName(raw: string, options: { documentType: DocumentType }): PersonNameValidation {
  const normalized = normalizePersonName(raw);
  const isPassport = options.documentType === 'FOREIGN_PASSPORT';
  if (!(isPassport ? PASSPORT_NAME : CHINESE_NAME).test(normalized)) {
    return {
      ok: false,
      errorCode: 'NAME_CHARACTERS',
      message: isPassport
        ? "姓名只能包含汉字、英文字母、空格、“-”、“'”和“·”"
        : '姓名只能包含汉字和“·”,生僻字请通过“生僻字”按钮录入',
    };
  }
  if (MISPLACED_SEPARATOR.test(normalized)) {
    return {
      ok: false,
      errorCode: 'NAME_CHARACTERS',
      message: isPassport
        ? "姓名中的“·”、空格、“-”和“'”不能位于开头或结尾,也不能连续出现"
        : '姓名中的“·”不能位于开头或结尾,也不能连续出现',
    };
  }
  const codePoints = Array.from(normalized).length;
  if (codePoints < NAME_MIN_CODE_POINTS || codePoints > NAME_MAX_CODE_POINTS) {
    return {
      ok: false,
      errorCode: 'NAME_LENGTH',
      message: `姓名长度应为${NAME_MIN_CODE_POINTS}至${NAME_MAX_CODE_POINTS}个字`,
    };
  }
  return { ok: true, normalized, codePoints };
}

/**
 * Common two-character surnames (复姓), simplified and traditional. Kept visible together when
 * masking, so 欧阳娜娜 shows as 欧阳** (the surname), not 欧*** (half of it). A single-surname name
 * whose given name happens to start with the second character would show one extra character; that
 * is accepted as the lesser harm.
 */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '歐陽', '司马', '司馬', '上官', '诸葛', '諸葛', '东方', '東方', '皇甫', '尉迟', '尉遲',
  '公孙', '公孫', '慕容', '长孙', '長孫', '宇文', '司徒', '令狐', '夏侯', '轩辕', '軒轅', '端木',
  '独孤', '獨孤', '南宫', '南宮', '西门', '西門', '百里', '呼延', '澹台', '澹臺', '公冶', '太史',
  '申屠', '赫连', '赫連', '万俟', '萬俟', '濮阳', '濮陽', '淳于', '鲜于', '鮮于', '闾丘', '閭丘',
  '司空', '拓跋', '钟离', '鍾離', '公羊', '东郭', '東郭',
]);

/**
 * Display form for the top bar and lists: the first character (or the whole compound surname)
 * stays, every other code point except the separator “·” becomes one “*”.
 */
export function maskName(name: string): string {
  const chars = Array.from(name);
  const visible = chars.length > 2 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  return chars.map((char, i) => (i < visible || char === NAME_SEPARATOR ? char : '*')).join('');
}

function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value);
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  return chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd) + chars.slice(-keepEnd).join('');
}

/** 13812341234 → 138****1234. Anything too short to keep 3 + 4 is masked entirely. */
export function maskPhone(phone: string): string {
  return maskMiddle(phone, 3, 4);
}

/**
 * 证件号码 for display: first 4 and last 4 characters for numbers of 12 or more (身份证, long
 * passport numbers), first 2 and last 2 below that (通行证, most passports), everything if 4 or fewer.
 */
export function maskDocumentNumber(documentNumber: string): string {
  return Array.from(documentNumber).length >= 12
    ? maskMiddle(documentNumber, 4, 4)
    : maskMiddle(documentNumber, 2, 2);
}
