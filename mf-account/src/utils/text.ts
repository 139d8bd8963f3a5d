/**
 * Editing text that may hold characters outside the BMP (CJK Extension B–I), which are two UTF-16
 * code units in JavaScript strings and in an <input>'s selectionStart/selectionEnd.
 */

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * A UTF-16 offset moved forward when it falls between the two halves of a surrogate pair, so that
 * an insertion there cannot split the character into two broken halves.
 */
export function codePointBoundary(text: string, offset: number): number {
  const at = Math.max(0, Math.min(offset, text.length));
  if (at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at))) return at + 1;
  return at;
}

/**
 * Replaces the selection [start, end) (UTF-16 offsets, as an <input> reports them) with `insert` and
 * returns the new text with the caret right after the inserted text. Without a selection the text
 * is appended.
 */
export function insertAtCaret(
  text: string,
  insert: string,
  selection: { start: number | null | undefined; end: number | null | undefined } = { start: null, end: null },
): { text: string; caret: number } {
  const start = codePointBoundary(text, selection.start ?? text.length);
  const end = Math.max(start, codePointBoundary(text, selection.end ?? start));
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

/** "U+4DAE" for 䶮, "U+20000" for 𠀀: the first code point of `char`. */
export function codePointLabel(char: string): string {
  const codePoint = char.codePointAt(0);
  return codePoint === undefined ? '' : `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
