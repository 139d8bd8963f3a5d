/**
 * Pinyin as the picker compares it: a syllable without tone ("yan", ü written "v") plus its tone
 * 1–4, or 5 for the neutral tone. Candidates type "yan", "yan3" or "yǎn"; Unihan writes "yǎn".
 */

export interface Syllable {
  /** Lower-case letters a–z, ü as "v". */
  base: string;
  tone: 1 | 2 | 3 | 4 | 5;
}

/** Combining marks left by NFD on a toned vowel. */
const TONE_MARKS: Readonly<Record<string, Syllable['tone']>> = {
  '\u0304': 1, // ā
  '\u0301': 2, // á
  '\u030C': 3, // ǎ
  '\u0300': 4, // à
};

/**
 * Parses one toned syllable as Unihan and candidates write it: "yǎn", "lǘ", "yan3", "lv4", "lu:3",
 * "yan" (no tone given: `tone` is undefined). Returns null for anything that is not a syllable shape.
 */
export function parseSyllable(raw: string): { base: string; tone?: Syllable['tone'] } | null {
  let text = raw.trim().toLowerCase().normalize('NFD');
  let tone: Syllable['tone'] | undefined;
  for (const [mark, value] of Object.entries(TONE_MARKS)) {
    if (text.includes(mark)) {
      if (tone !== undefined) return null; // two tone marks: not one syllable
      tone = value;
      text = text.replace(mark, '');
    }
  }
  const digit = /([1-5])$/.exec(text);
  if (digit) {
    if (tone !== undefined) return null;
    tone = Number(digit[1]) as Syllable['tone'];
    text = text.slice(0, -1);
  }
  // ü arrives as u + U+0308 after NFD, or typed as "v" or "u:" on keyboards without it; ê (欸)
  // keeps only its e, as candidates type it.
  const base = text.replace(/u\u0308|u:/g, 'v').replace(/\u0302/g, '');
  if (!/^[a-z]{1,6}$/.test(base)) return null;
  return tone === undefined ? { base } : { base, tone };
}

/** A syllable as Unihan gives it always has a tone: no mark means the neutral tone. */
export function readingSyllable(reading: string): Syllable | null {
  const parsed = parseSyllable(reading);
  return parsed && { base: parsed.base, tone: parsed.tone ?? 5 };
}

/**
 * Every reading of a Unihan pinyin field. kMandarin is "yǎn" or "yǎn yān"; kHanyuPinyin, kXHC1983
 * and kTGHZ2013 are "<dictionary positions>:<reading>[,<reading>…]", several separated by spaces.
 */
export function readingsOfField(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/\s+/)
    .flatMap((entry) => (entry.includes(':') ? entry.slice(entry.indexOf(':') + 1) : entry).split(','))
    .map((reading) => reading.trim())
    .filter(Boolean);
}
