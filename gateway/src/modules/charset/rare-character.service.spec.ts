import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCharacterQuery, RareCharacterService, RARE_CHARACTERS_DEFAULT } from './rare-character.service';
import { parseRadicalStrokes, sharedUnihanIndex, type UnihanIndex } from './unihan-index';

describe('parseCharacterQuery', () => {
  it('takes U+, 0x and bare hex code points, one or several', () => {
    expect(parseCharacterQuery('U+2EBF0')).toEqual({ kind: 'codePoints', codePoints: [0x2ebf0] });
    expect(parseCharacterQuery('u+2ebf0')).toEqual({ kind: 'codePoints', codePoints: [0x2ebf0] });
    expect(parseCharacterQuery('2EBF0')).toEqual({ kind: 'codePoints', codePoints: [0x2ebf0] });
    expect(parseCharacterQuery('0x4DAE')).toEqual({ kind: 'codePoints', codePoints: [0x4dae] });
    expect(parseCharacterQuery('U+4DAE, U+20000')).toEqual({ kind: 'codePoints', codePoints: [0x4dae, 0x20000] });
  });

  it('takes pasted characters by code point, astral ones whole', () => {
    expect(parseCharacterQuery('𠀀')).toEqual({ kind: 'codePoints', codePoints: [0x20000] });
    expect(parseCharacterQuery(' 刘 䶮 ')).toEqual({ kind: 'codePoints', codePoints: [0x5218, 0x4dae] });
  });

  it('takes a radical with or without residual strokes', () => {
    expect(parseCharacterQuery('女+3')).toEqual({ kind: 'radical', radical: '女', residual: 3 });
    expect(parseCharacterQuery('氵 + ')).toEqual({ kind: 'radical', radical: '氵' });
    expect(parseCharacterQuery('38+12')).toEqual({ kind: 'radical', radical: '38', residual: 12 });
  });

  it('takes one pinyin syllable, and nothing else', () => {
    expect(parseCharacterQuery('yan')).toEqual({ kind: 'pinyin', base: 'yan' });
    expect(parseCharacterQuery('yǎn')).toEqual({ kind: 'pinyin', base: 'yan', tone: 3 });
    expect(parseCharacterQuery('hello world')).toEqual({ kind: 'none' });
    expect(parseCharacterQuery('张a')).toEqual({ kind: 'none' });
    expect(parseCharacterQuery('   ')).toEqual({ kind: 'none' });
  });
});

describe('parseRadicalStrokes (kRSUnicode)', () => {
  it('reads simplified forms, negative residues and several classifications', () => {
    expect(parseRadicalStrokes("167'.5")).toEqual([{ radical: 167, residual: 5 }]);
    expect(parseRadicalStrokes('96.-1')).toEqual([{ radical: 96, residual: -1 }]);
    expect(parseRadicalStrokes('1.3 7.2')).toEqual([
      { radical: 1, residual: 3 },
      { radical: 7, residual: 2 },
    ]);
    expect(parseRadicalStrokes(undefined)).toEqual([]);
  });
});

describe('RareCharacterService with the real Unihan data', () => {
  let index: UnihanIndex;
  let service: RareCharacterService;
  const loads = vi.fn(() => sharedUnihanIndex());

  beforeAll(async () => {
    index = await sharedUnihanIndex();
    service = new RareCharacterService(loads);
  });

  it('loads every CJK ideograph of Unihan', () => {
    expect(index.size).toBeGreaterThan(95_000);
    expect(index.get(0x4dae)?.readings).toContain('yǎn');
    expect(index.get(0x2ebf0)).toBeDefined();
  });

  it('finds 䶮 (U+4DAE, Ext A) among the first 60 for "yan", rare characters before GB 2312 ones', async () => {
    const result = await service.search('yan');
    expect(result).toHaveLength(RARE_CHARACTERS_DEFAULT);
    expect(result).toContainEqual({ char: '䶮', codePoint: 'U+4DAE', pinyin: 'yǎn', block: 'CJK Ext A' });
    // 严 and 言 are in GB 2312: any input method types them, so they do not crowd out rare ones.
    expect(result.map((r) => r.char)).not.toContain('言');
    const all = await service.search('yan', 200);
    expect(all.length).toBe(200);
  });

  it('filters by tone, written as a mark or a digit', async () => {
    const marked = await service.search('yǎn', 100);
    expect(marked.map((r) => r.char)).toContain('䶮');
    expect(marked.every((r) => r.pinyin?.normalize('NFD').includes('\u030C'))).toBe(true);
    expect(await service.search('yan3', 100)).toEqual(marked);
    expect((await service.search('yan1', 200)).map((r) => r.char)).not.toContain('䶮');
  });

  it('answers any CJK code point, known to the data or not, with the character intact', async () => {
    const [extI] = await service.search('U+2EBF0');
    expect(extI).toEqual({ char: String.fromCodePoint(0x2ebf0), codePoint: 'U+2EBF0', pinyin: null, block: 'CJK Ext I' });
    expect([...extI!.char]).toHaveLength(1);
    expect(extI!.char).toHaveLength(2); // a surrogate pair
    expect(await service.search('2ebf0')).toEqual([extI]);
    expect(await service.search(String.fromCodePoint(0x2ebf0))).toEqual([extI]);
    expect(await service.search('𠀀')).toEqual([{ char: '𠀀', codePoint: 'U+20000', pinyin: 'hē', block: 'CJK Ext B' }]);
    expect(await service.search('U+0041')).toEqual([]);
  });

  it('finds characters by radical and residual strokes, radical forms included', async () => {
    const nv3 = await service.search('女+3', 200);
    expect(nv3.length).toBeGreaterThan(20);
    expect(nv3.map((r) => r.char)).toEqual(expect.arrayContaining(['她', '好', '如']));
    expect(await service.search('⼥+3', 200)).toEqual(nv3);
    expect(await service.search('38+3', 200)).toEqual(nv3);

    // 氵 is radical 85 (水): more than 200 characters have 8 strokes besides it, so the answer is cut
    // at 200, and every one of them is 水 + 8, like 淼.
    const water8 = await service.search('氵+8', 200);
    expect(water8).toHaveLength(200);
    const radicalStrokesOf = (r: { char: string }) => index.get(r.char.codePointAt(0)!)!.radicalStrokes;
    expect(water8.every((r) => radicalStrokesOf(r).some((rs) => rs.radical === 85 && rs.residual === 8))).toBe(true);
    expect(radicalStrokesOf({ char: '淼' })).toContainEqual({ radical: 85, residual: 8 });
    // 钅 is the simplified form of 金 (167'); both forms are found.
    expect((await service.search('钅+5', 200)).map((r) => r.char)).toEqual(expect.arrayContaining(['铀', '鈾']));
    // No residue given: every stroke count, fewest first.
    const water = await service.search('氵+', 50);
    expect(water).toHaveLength(50);
    expect(await service.search('215+1')).toEqual([]);
  });

  it('bounds what it answers and refuses oversized requests as bad input', async () => {
    await expect(service.search('yan', 0)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(service.search('yan', 201)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(service.search('张'.repeat(121))).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await service.search('张'.repeat(120), 200)).toHaveLength(1);
  });

  it('answers a repeated search from its cache', async () => {
    const cached = new RareCharacterService(loads);
    loads.mockClear();
    const first = await cached.search('xin');
    const again = await cached.search(' xin ');
    expect(again).toBe(first);
    expect(loads).toHaveBeenCalledTimes(1);
  });
});
