/**
 * Pinyin readings for the pickers (lib/pickerFilter.ts). pinyin-pro carries its dictionary (about
 * 300 kB), so it is its own chunk, loaded the first time a picker opens or a search is typed, not
 * with the app; until it has loaded, names match by substring only. Readings are memoised per text, so
 * an option list rebuilt on every render costs map look-ups.
 */
import type { PinyinReader } from './pickerFilter';

type PinyinFn = typeof import('pinyin-pro').pinyin;

/** A reader over pinyin-pro's `pinyin`: the reading in context first, then every other reading of the character. */
export function readerFrom(pinyin: PinyinFn): PinyinReader {
  const texts = new Map<string, readonly (readonly string[])[]>();
  const chars = new Map<string, readonly string[]>();
  const readingsOf = (c: string): readonly string[] => {
    let r = chars.get(c);
    if (!r) {
      r = pinyin(c, { toneType: 'none', type: 'array', multiple: true });
      chars.set(c, r);
    }
    return r;
  };
  return (text) => {
    let out = texts.get(text);
    if (out) return out;
    const items = pinyin(text, { toneType: 'none', type: 'all' });
    // one item per character (surrogate pairs included), as [...text] splits it
    out = items.map((x) => (x.isZh ? [x.pinyin, ...readingsOf(x.origin)] : []));
    texts.set(text, out);
    return out;
  };
}

let reader: PinyinReader | null = null;
let pending: Promise<PinyinReader | null> | null = null;
const listeners = new Set<() => void>();

/** Loads pinyin-pro once; resolves to null if the chunk cannot be loaded (names then match by substring only). */
export function loadPinyin(): Promise<PinyinReader | null> {
  pending ??= import('pinyin-pro').then(
    (m) => {
      reader = readerFrom(m.pinyin);
      for (const l of listeners) l();
      return reader;
    },
    () => null,
  );
  return pending;
}

export const pinyinReader = (): PinyinReader | null => reader;

export function subscribePinyin(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
