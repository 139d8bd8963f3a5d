import { AppError, ErrorCode } from '../../common/errors';
import { cjkBlockIndex, CJK_BLOCKS, formatCodePoint } from './cjk-blocks';
import { parseSyllable } from './pinyin';
import { sharedUnihanIndex, type CharacterRecord, type UnihanIndex } from './unihan-index';

export interface RareCharacter {
  char: string;
  /** "U+4DAE" */
  codePoint: string;
  /** The reading that matched a pinyin search, otherwise the most customary one; null when Unihan has none. */
  pinyin: string | null;
  /** "CJK Ext A" … */
  block: string;
}

export const RARE_CHARACTERS_DEFAULT = 60;
export const RARE_CHARACTERS_MAX = 200;
/** A pasted name of 50 characters with separators fits; anything longer is not a picker search. */
export const RARE_CHARACTERS_MAX_QUERY = 120;
const CACHE_ENTRIES = 500;

/**
 * What a search string asks for. The picker's tabs build these forms; a candidate may also type them.
 * - code points: "U+2EBF0", "2EBF0", "0x2EBF0", several separated by spaces or commas
 * - radical: "<radical>+<residual strokes>" or "<radical>+" for every stroke count, where the radical
 *   is a number 1–214 or a radical form ("女+3", "氵+", "⼥+3", "38+3")
 * - characters: one or more pasted CJK ideographs ("䶮", "刘䶮")
 * - pinyin: one syllable with or without tone ("yan", "yan3", "yǎn", "lv", "lü")
 */
export type CharacterQuery =
  | { kind: 'codePoints'; codePoints: number[] }
  | { kind: 'radical'; radical: string; residual?: number }
  | { kind: 'pinyin'; base: string; tone?: number }
  | { kind: 'none' };

const CODE_POINT_TOKEN = /^(?:U\+?|0X)?([0-9A-F]{4,6})$/i;
const RADICAL_QUERY = /^(\S+?)\s*\+\s*(\d{1,2})?$/u;

export function parseCharacterQuery(raw: string): CharacterQuery {
  const query = raw.normalize('NFC').trim();
  if (!query) return { kind: 'none' };

  const tokens = query.split(/[\s,，、]+/u).filter(Boolean);
  if (tokens.every((token) => CODE_POINT_TOKEN.test(token))) {
    return { kind: 'codePoints', codePoints: tokens.map((token) => Number.parseInt(CODE_POINT_TOKEN.exec(token)![1]!, 16)) };
  }

  const radical = RADICAL_QUERY.exec(query);
  if (radical) return { kind: 'radical', radical: radical[1]!, ...(radical[2] ? { residual: Number(radical[2]) } : {}) };

  const chars = [...query.replace(/[\s,，、]+/gu, '')];
  if (chars.every((char) => cjkBlockIndex(char.codePointAt(0)!) >= 0)) {
    return { kind: 'codePoints', codePoints: chars.map((char) => char.codePointAt(0)!) };
  }

  const syllable = parseSyllable(query);
  if (syllable) return { kind: 'pinyin', ...syllable };
  return { kind: 'none' };
}

/**
 * 生僻字 search for the name field: by pinyin, by radical and residual strokes, or by code point.
 * Public and read-only; answers are cached (bounded), and so is the Unihan index behind them.
 */
export class RareCharacterService {
  private readonly cache = new Map<string, RareCharacter[]>();

  constructor(private readonly loadIndex: () => Promise<UnihanIndex> = sharedUnihanIndex) {}

  async search(query: string, first: number = RARE_CHARACTERS_DEFAULT): Promise<RareCharacter[]> {
    if (!Number.isInteger(first) || first < 1 || first > RARE_CHARACTERS_MAX) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `每次最多查询${RARE_CHARACTERS_MAX}个字`, { field: 'first' });
    }
    if ([...query].length > RARE_CHARACTERS_MAX_QUERY) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, '查询内容过长', { field: 'query' });
    }
    const key = `${query.normalize('NFC').trim()}\u0000${first}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Re-inserted so the Map's insertion order doubles as least-recently-used order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const result = await this.find(parseCharacterQuery(query), first);
    this.cache.set(key, result);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  private async find(query: CharacterQuery, first: number): Promise<RareCharacter[]> {
    switch (query.kind) {
      case 'none':
        return [];
      case 'codePoints': {
        // Any CJK code point is answered, known to Unihan or not: the character itself is what matters.
        const codePoints = [...new Set(query.codePoints)].filter((cp) => cjkBlockIndex(cp) >= 0).slice(0, first);
        if (codePoints.length === 0) return [];
        const index = await this.loadIndex();
        return codePoints.map((cp) => describe(cp, index.get(cp)));
      }
      case 'radical': {
        const index = await this.loadIndex();
        const radical = index.radicalNamed(query.radical);
        if (radical === undefined) return [];
        const matches = index
          .underRadical(radical)
          .filter((record) => query.residual === undefined || record.radicalStrokes.some((rs) => rs.radical === radical && rs.residual === query.residual));
        return matches.slice(0, first).map((record) => describe(record.codePoint, record));
      }
      case 'pinyin': {
        const index = await this.loadIndex();
        const result: RareCharacter[] = [];
        for (const record of index.withSyllable(query.base)) {
          const at = record.syllables.findIndex((s) => s.base === query.base && (query.tone === undefined || s.tone === query.tone));
          if (at < 0) continue;
          result.push(describe(record.codePoint, record, record.readings[at]));
          if (result.length === first) break;
        }
        return result;
      }
    }
  }
}

function describe(codePoint: number, record: CharacterRecord | undefined, reading?: string): RareCharacter {
  return {
    char: String.fromCodePoint(codePoint),
    codePoint: formatCodePoint(codePoint),
    pinyin: reading ?? record?.readings[0] ?? null,
    block: CJK_BLOCKS[cjkBlockIndex(codePoint)]!.label,
  };
}
