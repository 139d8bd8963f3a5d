import { describe, expect, it } from 'vitest';
import { codePointBoundary, codePointLabel, insertAtCaret } from './text';

const RARE = '𠀀'; // U+20000: two UTF-16 units
const EXT_I = String.fromCodePoint(0x2ebf0);

describe('insertAtCaret', () => {
  it('inserts an astral character at the caret and puts the caret after it', () => {
    expect(insertAtCaret('张三', RARE, { start: 1, end: 1 })).toEqual({ text: `张${RARE}三`, caret: 3 });
    const next = insertAtCaret(`张${RARE}`, EXT_I, { start: 3, end: 3 });
    expect(next).toEqual({ text: `张${RARE}${EXT_I}`, caret: 5 });
    expect([...next.text].map((c) => c.codePointAt(0)!.toString(16))).toEqual(['5f20', '20000', '2ebf0']);
  });

  it('replaces a selection', () => {
    expect(insertAtCaret('张三丰', RARE, { start: 1, end: 2 })).toEqual({ text: `张${RARE}丰`, caret: 3 });
  });

  it('appends when the input never had a caret', () => {
    expect(insertAtCaret('张', RARE)).toEqual({ text: `张${RARE}`, caret: 3 });
    expect(insertAtCaret('张', RARE, { start: null, end: null })).toEqual({ text: `张${RARE}`, caret: 3 });
  });

  it('never splits an existing surrogate pair', () => {
    // Offset 2 lies between the halves of 𠀀 in `张𠀀`: the insertion moves behind the whole character.
    const next = insertAtCaret(`张${RARE}`, '明', { start: 2, end: 2 });
    expect(next.text).toBe(`张${RARE}明`);
    expect([...next.text]).toHaveLength(3);
    expect(next.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('clamps offsets outside the text', () => {
    expect(insertAtCaret('张', RARE, { start: 99, end: 99 }).text).toBe(`张${RARE}`);
    expect(codePointBoundary('张', -3)).toBe(0);
  });
});

describe('codePointLabel', () => {
  it('names the code point as Unicode writes it', () => {
    expect(codePointLabel('䶮')).toBe('U+4DAE');
    expect(codePointLabel(RARE)).toBe('U+20000');
    expect(codePointLabel('')).toBe('');
  });
});
