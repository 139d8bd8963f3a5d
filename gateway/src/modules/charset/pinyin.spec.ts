import { describe, expect, it } from 'vitest';
import { parseSyllable, readingSyllable, readingsOfField } from './pinyin';

describe('parseSyllable', () => {
  it('reads the tone from a mark or a trailing digit, or leaves it open', () => {
    expect(parseSyllable('yǎn')).toEqual({ base: 'yan', tone: 3 });
    expect(parseSyllable('YAN3')).toEqual({ base: 'yan', tone: 3 });
    expect(parseSyllable(' yan ')).toEqual({ base: 'yan' });
    expect(parseSyllable('hē')).toEqual({ base: 'he', tone: 1 });
    expect(parseSyllable('zhuàng')).toEqual({ base: 'zhuang', tone: 4 });
  });

  it('writes ü as v however it was typed', () => {
    expect(parseSyllable('lǜ')).toEqual({ base: 'lv', tone: 4 });
    expect(parseSyllable('lü')).toEqual({ base: 'lv' });
    expect(parseSyllable('lu:3')).toEqual({ base: 'lv', tone: 3 });
    expect(parseSyllable('nv')).toEqual({ base: 'nv' });
  });

  it('refuses what is not one syllable', () => {
    expect(parseSyllable('ǎà')).toBeNull();
    expect(parseSyllable('yǎn3')).toBeNull();
    expect(parseSyllable('liu yan')).toBeNull();
    expect(parseSyllable('U+4DAE')).toBeNull();
    expect(parseSyllable('䶮')).toBeNull();
    expect(parseSyllable('')).toBeNull();
  });

  it('gives Unihan readings without a mark the neutral tone', () => {
    expect(readingSyllable('ma')).toEqual({ base: 'ma', tone: 5 });
    expect(readingSyllable('mā')).toEqual({ base: 'ma', tone: 1 });
  });
});

describe('readingsOfField', () => {
  it('splits kMandarin and the dictionary fields into single readings', () => {
    expect(readingsOfField('yǎn')).toEqual(['yǎn']);
    expect(readingsOfField('hé hè')).toEqual(['hé', 'hè']);
    expect(readingsOfField('10011.010:hē,hā 10012.020:kē')).toEqual(['hē', 'hā', 'kē']);
    expect(readingsOfField('423.040:yǎn')).toEqual(['yǎn']);
    expect(readingsOfField(undefined)).toEqual([]);
  });
});
