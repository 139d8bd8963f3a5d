import { describe, expect, it } from 'vitest';
import { cjkBlockOf, formatCodePoint } from './cjk-blocks';

describe('CJK blocks', () => {
  it('names the block of every extension a name may use, at both ends', () => {
    const label = (cp: number) => cjkBlockOf(cp)?.label;
    expect(label(0x4e00)).toBe('CJK Unified');
    expect(label(0x9fff)).toBe('CJK Unified');
    expect(label(0x3400)).toBe('CJK Ext A');
    expect(label(0x4dae)).toBe('CJK Ext A');
    expect(label(0x20000)).toBe('CJK Ext B');
    expect(label(0x2a6df)).toBe('CJK Ext B');
    expect(label(0x2a700)).toBe('CJK Ext C');
    expect(label(0x2b740)).toBe('CJK Ext D');
    expect(label(0x2b820)).toBe('CJK Ext E');
    expect(label(0x2ceb0)).toBe('CJK Ext F');
    expect(label(0x2ebf0)).toBe('CJK Ext I');
    expect(label(0x2ee5f)).toBe('CJK Ext I');
    expect(label(0x30000)).toBe('CJK Ext G');
    expect(label(0x31350)).toBe('CJK Ext H');
    expect(label(0xf900)).toBe('CJK Compatibility');
    expect(label(0x2f800)).toBe('CJK Compatibility Supplement');
  });

  it('knows nothing outside them (letters, the gap after Ext B, Ext J)', () => {
    expect(cjkBlockOf(0x41)).toBeUndefined();
    expect(cjkBlockOf(0x2a6e0)).toBeUndefined();
    expect(cjkBlockOf(0x323b0)).toBeUndefined();
  });

  it('writes code points as Unicode does', () => {
    expect(formatCodePoint(0x4dae)).toBe('U+4DAE');
    expect(formatCodePoint(0x2ebf0)).toBe('U+2EBF0');
    expect(formatCodePoint(0x41)).toBe('U+0041');
  });
});
