/**
 * The filter of the searchable pickers (series, targets): every word typed must occur in the
 * option's Chinese or English name or its id (case and full-width forms ignored). Pinyin initials
 * are not matched (no pinyin table is bundled).
 */
export interface PickerOption {
  value: string;
  /** what the list shows (the name in the page's language). */
  label: string;
  /** more text to match: the other language's name, the unit. */
  keywords?: string;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase();

export function pickerTerms(query: string): string[] {
  return norm(query)
    .split(/[\s,，、;；]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

export function filterOptions<O extends PickerOption>(options: readonly O[], query: string): O[] {
  const terms = pickerTerms(query);
  if (terms.length === 0) return [...options];
  return options.filter((o) => {
    const hay = norm(`${o.label} ${o.value} ${o.keywords ?? ''}`);
    return terms.every((x) => hay.includes(x));
  });
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
