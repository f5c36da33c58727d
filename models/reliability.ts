/**
 * The words for a source's reliability, written once: the Data screen, the import dialogs, the
 * chart's hover text, the briefing workbook and PDF all read them from here, so a planner sees the
 * same word on screen and in the exported file (issue 16). Reading a word back (an exported sheet
 * re-imported, a hand-made table) accepts these words, the codes and a few short forms.
 */
import { Reliability } from './schema';

export const RELIABILITIES: readonly Reliability[] = Reliability.options;

export type ReliabilityLanguage = 'zh-CN' | 'en';

export const RELIABILITY_WORDS: Record<ReliabilityLanguage, Record<Reliability, string>> = {
  'zh-CN': { official: '官方发布', secondary: '二手来源', mirror: '转载镜像', low: '可信度低', internal: '内部数据' },
  en: { official: 'official', secondary: 'secondary', mirror: 'mirror', low: 'low', internal: 'internal' },
};

/** The column heading and field label for the reliability. */
export const RELIABILITY_HEADING: Record<ReliabilityLanguage, string> = { 'zh-CN': '可信度', en: 'Reliability' };

/** The word for a reliability in a language (anything not Chinese reads English). */
export function reliabilityWord(r: Reliability, lang: string): string {
  return RELIABILITY_WORDS[lang.startsWith('zh') ? 'zh-CN' : 'en'][r];
}

/** Short forms typed by hand in tables; the full words and the codes are always accepted. */
const SHORT_FORMS: Record<string, Reliability> = {
  官方: 'official',
  政府: 'official',
  统计局: 'official',
  转载: 'secondary',
  媒体: 'secondary',
  媒体转载: 'secondary',
  二手: 'secondary',
  镜像: 'mirror',
  镜像页面: 'mirror',
  低: 'low',
  低可信: 'low',
  低可信来源: 'low',
  内部: 'internal',
};

/** A reliability written as its word in either language, its code or a short form; null if none. */
export function parseReliabilityWord(raw: string): Reliability | null {
  const t = raw.trim();
  if (!t) return null;
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const r of RELIABILITIES) if (RELIABILITY_WORDS[lang][r] === t) return r;
  }
  const lower = t.toLowerCase();
  if ((RELIABILITIES as readonly string[]).includes(lower)) return lower as Reliability;
  return SHORT_FORMS[t] ?? null;
}
