/**
 * The Unicode blocks of CJK ideographs a name may use (the same ranges `person-name.ts` accepts).
 * A fixed table rather than data: block boundaries never move once published, and the code-point
 * search must answer for any of these code points whether or not a data file knows the character.
 */

export interface CjkBlock {
  /** Short label shown in the picker, e.g. "CJK Ext B". */
  label: string;
  first: number;
  last: number;
}

/**
 * In picker order: the common blocks first, then the extensions in the order they were encoded.
 * Extension J (Unicode 17, U+323B0–U+3347F) is left out, as in name validation, until GB 18030
 * adopts it.
 */
export const CJK_BLOCKS: readonly CjkBlock[] = [
  { label: 'CJK Unified', first: 0x4e00, last: 0x9fff },
  { label: 'CJK Ext A', first: 0x3400, last: 0x4dbf },
  { label: 'CJK Ext B', first: 0x20000, last: 0x2a6df },
  { label: 'CJK Ext C', first: 0x2a700, last: 0x2b73f },
  { label: 'CJK Ext D', first: 0x2b740, last: 0x2b81f },
  { label: 'CJK Ext E', first: 0x2b820, last: 0x2ceaf },
  { label: 'CJK Ext F', first: 0x2ceb0, last: 0x2ebef },
  { label: 'CJK Ext G', first: 0x30000, last: 0x3134f },
  { label: 'CJK Ext H', first: 0x31350, last: 0x323af },
  { label: 'CJK Ext I', first: 0x2ebf0, last: 0x2ee5f },
  { label: 'CJK Compatibility', first: 0xf900, last: 0xfaff },
  { label: 'CJK Compatibility Supplement', first: 0x2f800, last: 0x2fa1f },
];

/** Index into CJK_BLOCKS of the block holding `codePoint`, or -1 when it is no CJK ideograph. */
export function cjkBlockIndex(codePoint: number): number {
  return CJK_BLOCKS.findIndex((block) => codePoint >= block.first && codePoint <= block.last);
}

export function cjkBlockOf(codePoint: number): CjkBlock | undefined {
  return CJK_BLOCKS[cjkBlockIndex(codePoint)];
}

/** 0x4DAE → "U+4DAE" (at least four hex digits, upper case, as Unicode writes them). */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
