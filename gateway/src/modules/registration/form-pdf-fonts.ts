import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The fonts a printed form (报名表) draws with, chosen per character: names may hold any CJK
 * Unified Ideograph (URO, Ext A–I) and "·", and no single font has them all.
 *
 * 1. HanaMin (花園明朝 A/B, 2017) from the npm package `hanamin`: WOFF2 files split by Unicode
 *    block, indexed by the unicode-range of its HanaMin.css. Basic Latin, Latin-1 ("·"), CJK
 *    punctuation, URO, Ext A–F. Always present (a dependency), so a laptop with only Node works.
 *    It lacks the later additions: 21 of URO (U+9FEB–9FFF), 10 of Ext A, 9 of Ext B, 5 of Ext C.
 * 2. Debian font packages, used only when installed: fonts-hanazono, fonts-babelstone-han, fonts-noto-cjk
 *    (Sans/Serif CJK SC). .ci/run installs fonts-noto-cjk and fonts-babelstone-han; with them every
 *    assigned character of URO and Ext A–F has a glyph. BabelStone Han 15.0.5 (Debian 12) is the only
 *    font on npm or Debian with Ext G/H: 3,045 of Ext G's 4,939 and 2,271 of Ext H's 4,192 characters.
 *    No font there has Ext I (622 characters).
 * 3. A character none of them has is printed as its code point, e.g. "[U+2EBF0]", in the Latin
 *    part of HanaMin, and the form says so (`missing`): never dropped, never tofu.
 */

export interface FontFace {
  /** Stable key for the PDF document's font registry. */
  id: string;
  path: string;
  /** Font inside a collection (TTC). */
  postscriptName?: string;
}

export interface TextRun {
  /** null: `text` is a code-point marker drawn in the Latin face. */
  face: FontFace | null;
  text: string;
}

interface CssFace {
  path: string;
  ranges: Array<[number, number]>;
}

const require = createRequire(import.meta.url);

/** @font-face blocks of a split web font: each file and the code points it claims. */
export function parseUnicodeRangeCss(css: string, baseDir: string): CssFace[] {
  const faces: CssFace[] = [];
  for (const block of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = block[1]!;
    const url = /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(body)?.[1];
    const range = /unicode-range:([^;]+);/.exec(body)?.[1];
    if (!url || !range) continue;
    const ranges = [...range.matchAll(/U\+([0-9a-f]+)(?:-([0-9a-f]+))?/gi)].map(
      (m) => [parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)] as [number, number],
    );
    faces.push({ path: join(baseDir, url), ranges });
  }
  return faces;
}

/** Debian font files tried after the npm fonts, when present. */
export const SYSTEM_FALLBACKS: readonly FontFace[] = [
  { id: 'sys-hanamina', path: '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf' },
  { id: 'sys-hanaminb', path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf' },
  { id: 'sys-babelstone', path: '/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf' },
  { id: 'sys-noto-sans-sc', path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  { id: 'sys-noto-serif-sc', path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
];

type LoadedFont = fontkit.Font;

export class FontChain {
  private readonly loaded = new Map<string, LoadedFont | null>();
  private readonly cssFaces: CssFace[];
  private readonly systemFaces: FontFace[];
  readonly latinFace: FontFace;

  constructor(options: { systemFallbacks?: readonly FontFace[] } = {}) {
    const cssPath = require.resolve('hanamin/HanaMin.css');
    this.cssFaces = parseUnicodeRangeCss(readFileSync(cssPath, 'utf8'), dirname(cssPath));
    this.systemFaces = (options.systemFallbacks ?? SYSTEM_FALLBACKS).filter((f) => existsSync(f.path));
    const latin = this.cssFaces.find((f) => f.ranges.some(([lo, hi]) => lo <= 0x41 && 0x5a <= hi));
    if (!latin) throw new Error('hanamin: no Basic Latin face');
    this.latinFace = { id: `npm:${latin.path}`, path: latin.path };
  }

  /** The system fonts found on this machine (for logs and the report). */
  get systemFallbacksPresent(): readonly FontFace[] {
    return this.systemFaces;
  }

  /** fontkit's view of a face (cached); null when the file cannot be read. */
  font(face: FontFace): LoadedFont | null {
    const key = `${face.path}#${face.postscriptName ?? ''}`;
    if (!this.loaded.has(key)) {
      let font: LoadedFont | null = null;
      try {
        const created = fontkit.create(readFileSync(face.path), face.postscriptName) as LoadedFont | fontkit.FontCollection;
        font = 'fonts' in created ? null : created;
      } catch {
        font = null;
      }
      this.loaded.set(key, font);
    }
    return this.loaded.get(key)!;
  }

  /**
   * The font to hand to pdfkit. fontkit cannot subset a WOFF2 font as it is (its glyf table is
   * transformed, there is no loca), so each glyph of a WOFF2 subset is re-encoded from its outline.
   */
  embeddable(face: FontFace): fontkit.Font {
    const font = this.font(face);
    if (!font) throw new Error(`font unreadable: ${face.path}`);
    const f = font as unknown as { type?: string; __embeddable?: boolean; createSubset(): any };
    if (f.type === 'WOFF2' && !f.__embeddable) {
      const original = f.createSubset.bind(f);
      f.createSubset = () => {
        const subset: any = original();
        // encode() reads the source's loca only for its format; a view of the font supplies one.
        subset.font = Object.create(f, { loca: { value: { version: 1, offsets: [] } } });
        subset._addGlyph = function (this: any, gid: number) {
          const glyph = this.font.getGlyph(gid);
          const buffer = encodeSimpleGlyph(glyph.path);
          this.glyf.push(buffer);
          this.loca.offsets.push(this.offset);
          this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
          this.offset += buffer.length;
          return this.glyf.length - 1;
        };
        return subset;
      };
      f.__embeddable = true;
    }
    return font;
  }

  /** True when the face maps the code point to a real glyph (not .notdef, glyph 0). */
  has(face: FontFace, codePoint: number): boolean {
    const font = this.font(face);
    if (!font || !font.hasGlyphForCodePoint(codePoint)) return false;
    return font.glyphForCodePoint(codePoint).id !== 0;
  }

  /** The first face of the chain that has the code point; null when none does. */
  faceFor(codePoint: number): FontFace | null {
    for (const css of this.cssFaces) {
      if (!css.ranges.some(([lo, hi]) => lo <= codePoint && codePoint <= hi)) continue;
      const face = { id: `npm:${css.path}`, path: css.path };
      if (this.has(face, codePoint)) return face;
    }
    for (const face of this.systemFaces) if (this.has(face, codePoint)) return face;
    return null;
  }

  /**
   * Splits text into runs of one face each. Spaces and controls go with the run they are in;
   * a character without a face becomes "[U+XXXX]" and is listed in `missing`.
   */
  layout(text: string): { runs: TextRun[]; missing: number[] } {
    const runs: TextRun[] = [];
    const missing: number[] = [];
    const push = (face: FontFace | null, chunk: string) => {
      const last = runs[runs.length - 1];
      if (last && last.face?.id === face?.id && face !== null) last.text += chunk;
      else runs.push({ face, text: chunk });
    };
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      const face = this.faceFor(cp);
      if (face) push(face, char);
      else {
        missing.push(cp);
        push(null, `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`);
      }
    }
    return { runs, missing };
  }
}

/**
 * A TrueType simple glyph from an outline (moveTo/lineTo/quadraticCurveTo/closePath), without hints:
 * fontkit 2.0.4's own encoder passes a number where restructure 3 wants a buffer and throws.
 */
export function encodeSimpleGlyph(path: { commands: Array<{ command: string; args: number[] }> }): Uint8Array {
  const contours: Array<Array<{ x: number; y: number; on: boolean }>> = [];
  let current: Array<{ x: number; y: number; on: boolean }> | null = null;
  for (const { command, args: a } of path.commands) {
    if (command === 'moveTo') contours.push((current = [{ x: a[0]!, y: a[1]!, on: true }]));
    else if (!current) continue;
    else if (command === 'lineTo') current.push({ x: a[0]!, y: a[1]!, on: true });
    else if (command === 'quadraticCurveTo') current.push({ x: a[0]!, y: a[1]!, on: false }, { x: a[2]!, y: a[3]!, on: true });
    else if (command === 'bezierCurveTo') current.push({ x: a[4]!, y: a[5]!, on: true });
    else if (command === 'closePath' && current.length > 1) {
      const [first, last] = [current[0]!, current[current.length - 1]!];
      if (last.on && Math.round(first.x) === Math.round(last.x) && Math.round(first.y) === Math.round(last.y)) current.pop();
    }
  }
  const points = contours.filter((c) => c.length > 0).flat().map((p) => ({ x: Math.round(p.x), y: Math.round(p.y), on: p.on }));
  if (points.length === 0) return new Uint8Array(0);
  const ends: number[] = [];
  let n = 0;
  for (const c of contours) if (c.length > 0) ends.push((n += c.length) - 1);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const size = 10 + 2 * ends.length + 2 + points.length * 5;
  const out = Buffer.alloc(size + (size % 2));
  let o = out.writeInt16BE(ends.length, 0);
  for (const v of [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]) o = out.writeInt16BE(v, o);
  for (const e of ends) o = out.writeUInt16BE(e, o);
  o = out.writeUInt16BE(0, o);
  for (const p of points) o = out.writeUInt8(p.on ? 1 : 0, o);
  let prev = 0;
  for (const x of xs) (o = out.writeInt16BE(x - prev, o)), (prev = x);
  prev = 0;
  for (const y of ys) (o = out.writeInt16BE(y - prev, o)), (prev = y);
  return out;
}

let shared: FontChain | undefined;

/** One chain per process: fonts are parsed once, lazily, file by file. */
export function sharedFontChain(): FontChain {
  shared ??= new FontChain();
  return shared;
}
