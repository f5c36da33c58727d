/** The pinyin reader for the pickers (lib/pinyin.ts): null until pinyin-pro's chunk has loaded; asks for it on first use. */
import { useEffect, useSyncExternalStore } from 'react';
import type { PinyinReader } from '../lib/pickerFilter';
import { loadPinyin, pinyinReader, subscribePinyin } from '../lib/pinyin';

export function usePinyin(): PinyinReader | null {
  const reader = useSyncExternalStore(subscribePinyin, pinyinReader);
  useEffect(() => {
    if (!reader) void loadPinyin();
  }, [reader]);
  return reader;
}
