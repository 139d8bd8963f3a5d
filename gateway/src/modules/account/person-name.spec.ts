import { describe, expect, it } from 'vitest';
import {
  maskDocumentNumber,
  maskName,
  maskPhone,
  NAME_SEPARATOR,
  normalizePersonName,
  validatePersonName,
} from './person-name';

const resident = { documentType: 'RESIDENT_ID' } as const;
const passport = { documentType: 'FOREIGN_PASSPORT' } as const;

const EXT_A = '\u4DAE'; // 䶮
const EXT_B = '\u{20000}'; // 𠀀
const EXT_G = '\u{30000}';
const EXT_H = '\u{31350}';
const EXT_I = '\u{2EBF0}'; // 𮯰
const COMPAT_BMP = '\uF900'; // 豈, NFC → U+8C48
const COMPAT_SUPPLEMENT = '\u{2F800}'; // NFC → U+4E3D 丽

describe('normalizePersonName', () => {
  it('trims and collapses inner whitespace, including ideographic spaces', () => {
    expect(normalizePersonName('\u3000 Anna   Maria\t Smith ')).toBe('Anna Maria Smith');
  });

  it.each([
    ['U+2022 •', '\u2022'],
    ['U+2027 ‧', '\u2027'],
    ['U+2219 ∙', '\u2219'],
    ['U+22C5 ⋅', '\u22C5'],
    ['U+30FB ・', '\u30FB'],
    ['U+FF65 ･', '\uFF65'],
    ['U+0387 (canonically equal to U+00B7)', '\u0387'],
  ])('turns the look-alike %s into U+00B7', (_label, dot) => {
    expect(normalizePersonName(`买买提${dot}艾力`)).toBe(`买买提${NAME_SEPARATOR}艾力`);
  });

  it('leaves the full-width full stop alone', () => {
    expect(normalizePersonName('买买提．艾力')).toBe('买买提．艾力');
  });

  it('drops spaces around the separator', () => {
    expect(normalizePersonName('买买提 · 艾力')).toBe('买买提·艾力');
  });

  it('turns typographic apostrophes into an ASCII apostrophe', () => {
    expect(normalizePersonName('O\u2019Brien')).toBe("O'Brien");
    expect(normalizePersonName('O\u02BCBrien')).toBe("O'Brien");
  });

  it('composes decomposed Latin letters (NFC)', () => {
    expect(normalizePersonName('Jose\u0301')).toBe('Jos\u00E9');
  });

  it('keeps CJK compatibility ideographs that NFC would replace', () => {
    // Guard: prove NFC really would change them, so the next assertion is meaningful.
    expect(COMPAT_BMP.normalize('NFC')).toBe('\u8C48');
    expect(COMPAT_SUPPLEMENT.normalize('NFC')).toBe('\u4E3D');
    expect(normalizePersonName(`李${COMPAT_BMP}${COMPAT_SUPPLEMENT}`)).toBe(`李${COMPAT_BMP}${COMPAT_SUPPLEMENT}`);
  });

  it('still NFC-normalises text on both sides of a compatibility ideograph', () => {
    expect(normalizePersonName(`Jose\u0301${COMPAT_BMP}Rene\u0301`)).toBe(`Jos\u00E9${COMPAT_BMP}Ren\u00E9`);
  });
});

describe('validatePersonName', () => {
  it.each([
    ['a common name', '张三'],
    ['an Extension A character', `王${EXT_A}`],
    ['an Extension B character', `李${EXT_B}`],
    ['an Extension G character', `赵${EXT_G}`],
    ['an Extension H character', `钱${EXT_H}`],
    ['an Extension I character', `孙${EXT_I}`],
    ['a compatibility ideograph', `周${COMPAT_BMP}`],
    ['a supplementary compatibility ideograph', `吴${COMPAT_SUPPLEMENT}`],
    ['a transliterated name with a separator', '买买提·艾力'],
    ['several separators', '阿卜杜拉·买买提·艾力'],
  ])('accepts %s', (_label, name) => {
    expect(validatePersonName(name, resident)).toEqual({
      ok: true,
      normalized: name,
      codePoints: Array.from(name).length,
    });
  });

  it('counts code points, not UTF-16 units', () => {
    const result = validatePersonName(`李${EXT_B}${EXT_I}`, resident);
    expect(result).toEqual({ ok: true, normalized: `李${EXT_B}${EXT_I}`, codePoints: 3 });
  });

  it('accepts 50 astral characters (100 UTF-16 units) and rejects 51', () => {
    const fifty = EXT_B.repeat(25) + EXT_I.repeat(25);
    expect(fifty.length).toBe(100);
    expect(validatePersonName(fifty, resident)).toMatchObject({ ok: true, codePoints: 50 });
    expect(validatePersonName(fifty + EXT_B, resident)).toEqual({
      ok: false,
      errorCode: 'NAME_LENGTH',
      message: '姓名长度应为2至50个字',
    });
  });

  it('rejects a single character and an empty name with NAME_LENGTH', () => {
    expect(validatePersonName('张', resident)).toMatchObject({ ok: false, errorCode: 'NAME_LENGTH' });
    expect(validatePersonName('   ', resident)).toMatchObject({ ok: false, errorCode: 'NAME_LENGTH' });
    // One astral character is two UTF-16 units but still one character.
    expect(validatePersonName(EXT_B, resident)).toMatchObject({ ok: false, errorCode: 'NAME_LENGTH' });
  });

  it('returns the normalised name', () => {
    expect(validatePersonName(' 买买提 • 艾力 ', resident)).toEqual({
      ok: true,
      normalized: '买买提·艾力',
      codePoints: 6,
    });
  });

  it.each([
    ['digits', '张3'],
    ['an emoji', '张😀'],
    ['Latin letters', 'Zhang San'],
    ['a space between Chinese characters', '张 三'],
    ['a placeholder underscore', '张__'],
    ['a question mark left by a lossy system', '张?'],
    ['kana', 'やまだ'],
    ['the full-width full stop', '买买提．艾力'],
    ['a CJK radical (not an ideograph)', '张\u2F00'],
  ])('rejects %s in a Chinese-document name with NAME_CHARACTERS', (_label, name) => {
    expect(validatePersonName(name, resident)).toEqual({
      ok: false,
      errorCode: 'NAME_CHARACTERS',
      message: '姓名只能包含汉字和“·”,生僻字请通过“生僻字”按钮录入',
    });
  });

  it.each(['HK_MACAO_PERMIT', 'TAIWAN_PERMIT'] as const)('applies the Chinese-name rule to %s', (documentType) => {
    expect(validatePersonName('Chan Tai Man', { documentType })).toMatchObject({ errorCode: 'NAME_CHARACTERS' });
    expect(validatePersonName('陳大文', { documentType }).ok).toBe(true);
  });

  it.each([
    ['a leading separator', '·艾力'],
    ['a trailing separator', '买买提·'],
    ['a double separator', '买买提··艾力'],
  ])('rejects %s', (_label, name) => {
    expect(validatePersonName(name, resident)).toEqual({
      ok: false,
      errorCode: 'NAME_CHARACTERS',
      message: '姓名中的“·”不能位于开头或结尾,也不能连续出现',
    });
  });

  describe('for FOREIGN_PASSPORT', () => {
    it.each([
      ['spaces', 'John Smith'],
      ['a hyphen', 'Anne-Marie Dupont'],
      ['an apostrophe', "Siobhan O'Brien"],
      ['accented letters', 'José Müller Nguyễn'],
      ['Chinese characters', '山田太郎'],
      ['the separator', 'Anna·Smith'],
    ])('accepts %s', (_label, name) => {
      expect(validatePersonName(name, passport)).toMatchObject({ ok: true, normalized: name });
    });

    it('normalises a typographic apostrophe', () => {
      expect(validatePersonName('Siobhan O\u2019Brien', passport)).toMatchObject({
        ok: true,
        normalized: "Siobhan O'Brien",
      });
    });

    it.each([
      ['digits', 'John Smith 2'],
      ['an emoji', 'John 😀'],
      ['full-width letters', 'Ｊｏｈｎ'],
      ['a multiplication sign', 'John × Smith'],
      ['Cyrillic letters', 'Иван Петров'],
      ['a period', 'John Jr.'],
    ])('rejects %s with NAME_CHARACTERS', (_label, name) => {
      expect(validatePersonName(name, passport)).toEqual({
        ok: false,
        errorCode: 'NAME_CHARACTERS',
        message: "姓名只能包含汉字、英文字母、空格、“-”、“'”和“·”",
      });
    });

    it.each([
      ['a leading hyphen', '-John'],
      ['a trailing apostrophe', "John'"],
      ['a hyphen next to a space', 'Smith - Jones'],
      ['a double hyphen', 'Smith--Jones'],
    ])('rejects %s', (_label, name) => {
      expect(validatePersonName(name, passport)).toEqual({
        ok: false,
        errorCode: 'NAME_CHARACTERS',
        message: "姓名中的“·”、空格、“-”和“'”不能位于开头或结尾,也不能连续出现",
      });
    });

    it('still enforces the length limits', () => {
      expect(validatePersonName('J', passport)).toMatchObject({ errorCode: 'NAME_LENGTH' });
      expect(validatePersonName('A'.repeat(51), passport)).toMatchObject({ errorCode: 'NAME_LENGTH' });
      expect(validatePersonName('A'.repeat(50), passport)).toMatchObject({ ok: true, codePoints: 50 });
    });
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['王小明', '王**'],
    ['欧阳娜娜', '欧阳**'],
    ['诸葛亮', '诸葛*'],
    ['歐陽修', '歐陽*'],
    ['司马相如', '司马**'],
  ])('masks %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('does not reveal a whole two-character name that equals a compound surname', () => {
    expect(maskName('欧阳')).toBe('欧*');
  });

  it('keeps the separator and masks both sides of it', () => {
    expect(maskName('买买提·艾力')).toBe('买**·**');
  });

  it('masks astral characters one star each without splitting surrogate pairs', () => {
    expect(maskName(`${EXT_B}${EXT_I}${EXT_A}`)).toBe(`${EXT_B}**`);
    expect(maskName(`李${EXT_B}`)).toBe('李*');
  });

  it('masks Latin names letter by letter, spaces included', () => {
    expect(maskName('John Smith')).toBe('J*********');
  });

  it('handles degenerate input', () => {
    expect(maskName('')).toBe('');
    expect(maskName('张')).toBe('张');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('masks longer values with one star per hidden character', () => {
    expect(maskPhone('8613812341234')).toBe('861******1234');
  });

  it('masks a value too short to keep 3 + 4 characters entirely', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('12345678')).toBe('123*5678');
    expect(maskPhone('')).toBe('');
  });
});

describe('maskDocumentNumber', () => {
  it('keeps 4 + 4 characters of an 18-character ID number', () => {
    expect(maskDocumentNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('keeps 4 + 4 from 12 characters on', () => {
    expect(maskDocumentNumber('ABCDEFGHIJKL')).toBe('ABCD****IJKL');
  });

  it('keeps 2 + 2 below 12 characters', () => {
    expect(maskDocumentNumber('H1234567890')).toBe('H1*******90');
    expect(maskDocumentNumber('H12345678')).toBe('H1*****78');
    expect(maskDocumentNumber('AB123')).toBe('AB*23');
  });

  it('masks 4 or fewer characters entirely', () => {
    expect(maskDocumentNumber('AB12')).toBe('****');
  });

  it('counts code points, so astral characters are never split', () => {
    const astral = EXT_B.repeat(12);
    const masked = maskDocumentNumber(astral);
    expect(Array.from(masked)).toHaveLength(12);
    expect(masked).toBe(`${EXT_B.repeat(4)}****${EXT_B.repeat(4)}`);
  });
});
