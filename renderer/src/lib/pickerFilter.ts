/**
 * The filter of the searchable pickers and target lists (series, targets): every word typed must be
 * found in the option, as
 * - a substring of its Chinese or English name or its id (case and full-width forms ignored), or
 * - its pinyin: full syllables, initials, or any mix of syllable beginnings, one per character, over
 *   consecutive characters ("szjj", "shuzijj", "shuzijingji" find 数字经济; "xzc5g" finds 行政村5G通达率), or
 * - the same with single characters of the name left out ("jgcz" finds 金盛兰精品钢产值: 精·(品)·钢·产·值;
 *   never two in a row, so that short initials do not find every long name; runs of letters and digits may
 *   be left out too: "dqsczzkbj" finds 地区生产总值(2023年可比价)).
 * Options are ranked in that order (substring, pinyin, pinyin with gaps), plan order kept within a rank.
 * The readings come from a PinyinReader (lib/pinyin.ts, pinyin-pro loaded on demand); without one
 * only substrings match. Every reading of a polyphonic character counts (行 xing/hang), and ü is
 * typed v or u. Pure: no DOM, no React.
 */
export interface PickerOption {
  value: string;
  /** what the list shows (the name in the page's language). */
  label: string;
  /** more text to match: the other language's name, the unit. */
  keywords?: string;
}

/** The readings of each character of a text, in order: [] for a character that is not Chinese. */
export type PinyinReader = (text: string) => readonly (readonly string[])[];

/** One position of a name for pinyin matching: the ways one may type it (the character itself, its syllables, or a run of letters and digits). */
type Token = readonly string[];

/** What is matched of one option: the text for substrings, the token lists of its Chinese texts. */
export interface SearchEntry {
  hay: string;
  tokens: readonly (readonly Token[])[];
}

/** 0: every word a substring; 1: some word found by pinyin; 2: some word found by pinyin with characters left out. */
export type MatchRank = 0 | 1 | 2;

const norm = (s: string) => s.normalize('NFKC').toLowerCase();
const HAN = /\p{Script=Han}/u;
const ALNUM = /[\p{L}\p{N}]/u;

function pickerTerms(query: string | undefined): string[] {
  return norm(query ?? '')
    .split(/[\s,，、;；]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The tokens of one text: each Chinese character with its readings, each run of other letters and digits as one token; punctuation dropped. */
export function pinyinTokens(text: string, reader: PinyinReader): Token[] {
  const chars = [...text];
  const readings = reader(text);
  const out: Token[] = [];
  let run = '';
  const flush = () => {
    if (run) out.push([norm(run)]);
    run = '';
  };
  chars.forEach((c, i) => {
    const r = readings[i] ?? [];
    if (HAN.test(c)) {
      flush();
      const alts = new Set<string>([c]);
      for (const x of r) {
        const p = norm(x).replace(/[^a-zü]/g, '');
        if (!p) continue;
        alts.add(p.replace(/ü/g, 'v'));
        alts.add(p.replace(/ü/g, 'u'));
      }
      out.push([...alts]);
    } else if (ALNUM.test(c)) run += c;
    else flush();
  });
  flush();
  return out;
}

/**
 * Whether `term` can be typed over `tokens`: each token in turn gives a non-empty beginning of one of
 * its forms, starting at any token; with `gaps`, one Chinese character (never two in a row) and any
 * run of letters or digits may be left out between two tokens that are typed.
 */
export function pinyinMatch(term: string, tokens: readonly Token[], gaps: boolean): boolean {
  const n = tokens.length;
  const len = term.length;
  if (len === 0) return true;
  // failed[i * (len + 1) + p]: from token i at letter p was tried and failed (a success returns at once)
  const failed = new Uint8Array((n + 1) * (len + 1));
  const typeToken = (i: number, p: number): boolean => {
    for (const form of tokens[i]!) {
      let k = 0;
      while (k < form.length && p + k < len && form[k] === term[p + k]) k++;
      for (let j = k; j >= 1; j--) if (from(i + 1, p + j)) return true;
    }
    return false;
  };
  const from = (i: number, p: number): boolean => {
    if (p === len) return true;
    if (i >= n) return false;
    const key = i * (len + 1) + p;
    if (failed[key]) return false;
    if (typeToken(i, p)) return true;
    if (gaps && p > 0) {
      // a run of letters or digits may be left out as well ("dqsczzkbj": 地区生产总值(2023年可比价))
      if (i + 1 < n && typeToken(i + 1, p)) return true;
      if (!HAN.test(tokens[i]![0]!) && from(i + 1, p)) return true;
    }
    failed[key] = 1;
    return false;
  };
  for (let s = 0; s < n; s++) if (typeToken(s, 0)) return true;
  return false;
}

/**
 * The search entry of an option's texts: all of them for substrings, those of `pinyinOf` (all by
 * default) that have Chinese in them for pinyin, each on its own (a word never runs from one text
 * into the next), and only with a reader.
 */
export function searchEntry(
  texts: readonly (string | undefined)[],
  reader: PinyinReader | null,
  pinyinOf: readonly (string | undefined)[] = texts,
): SearchEntry {
  const present = texts.filter((x): x is string => !!x);
  return {
    hay: norm(present.join(' ')),
    tokens: reader ? pinyinOf.filter((x): x is string => !!x && HAN.test(x)).map((x) => pinyinTokens(x, reader)) : [],
  };
}

/** How well an entry matches the words typed, or null when some word is not found. */
export function matchRank(entry: SearchEntry, terms: readonly string[]): MatchRank | null {
  let rank: MatchRank = 0;
  for (const term of terms) {
    if (entry.hay.includes(term)) continue;
    if (entry.tokens.some((t) => pinyinMatch(term, t, false))) rank = Math.max(rank, 1) as MatchRank;
    else if (entry.tokens.some((t) => pinyinMatch(term, t, true))) rank = 2;
    else return null;
  }
  return rank;
}

/** The items that match the query, best rank first, in their own order within a rank; all of them when nothing is typed. */
export function rankMatches<T>(items: readonly T[], entries: readonly SearchEntry[], query: string | undefined): T[] {
  const terms = pickerTerms(query);
  if (terms.length === 0) return [...items];
  const ranked: { item: T; rank: MatchRank; i: number }[] = [];
  items.forEach((item, i) => {
    const rank = matchRank(entries[i]!, terms);
    if (rank !== null) ranked.push({ item, rank, i });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.i - b.i).map((x) => x.item);
}

/** The search entries of picker options: name shown, id, and the other language's name. */
export function optionEntries(options: readonly PickerOption[], reader: PinyinReader | null): SearchEntry[] {
  return options.map((o) => searchEntry([o.label, o.value, o.keywords], reader));
}

export function filterOptions<O extends PickerOption>(options: readonly O[], query: string, reader: PinyinReader | null = null): O[] {
  return rankMatches(options, optionEntries(options, reader), query);
}

/** The picker's options for plan series: the name in the page's language, the other and the id matched too. */
export function seriesOptions(
  list: readonly { id: string; name_zh: string; name_en: string; unit: string }[],
  zh: boolean,
  withUnit = false,
): PickerOption[] {
  return list.map((s) => ({
    value: s.id,
    label: `${zh ? s.name_zh : s.name_en}${withUnit ? (zh ? `（${s.unit}）` : ` (${s.unit})`) : ''}`,
    keywords: zh ? s.name_en : s.name_zh,
  }));
}
