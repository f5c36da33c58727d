/**
 * The pinyin reader for the pickers (lib/pinyin.ts): null until pinyin-pro's chunk has loaded. It is
 * asked for once `active` (a list opened, a search typed), so the app starts without it; the
 * matches are recomputed when it arrives.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { PinyinReader } from '../lib/pickerFilter';
import { loadPinyin, pinyinReader, subscribePinyin } from '../lib/pinyin';

export function usePinyin(active = true): PinyinReader | null {
  const reader = useSyncExternalStore(subscribePinyin, pinyinReader);
  useEffect(() => {
    if (active && !reader) void loadPinyin();
  }, [active, reader]);
  return reader;
}
