/**
 * THE table of statuses: id → Chinese and English words → tone and colours → roll-up group.
 * Read by the renderer (Scoreboard, Workbench, filters, charts, present mode), the briefing
 * (slides, PDF, workbook, final report) and the CLI; no other file spells a status word. Pure.
 *
 * Two families: the mid-term statuses (时间过半、任务过半, before the target year) and the
 * final-year verdicts (the year judged is the target year: judged on the outcome).
 */
import { STATUSES, type Status } from './schema';

export { STATUSES, type Status };

/** good: met or ahead; ok: on track / close; bad: lagging / missed; none: no data. */
export type StatusTone = 'good' | 'ok' | 'bad' | 'none';
/** The roll-up's "on track or better" counts the `ok` group. */
export type StatusGroup = 'ok' | 'bad' | 'none';

export interface StatusInfo {
  zh: string;
  en: string;
  tone: StatusTone;
  group: StatusGroup;
  /** a final-year verdict (judged on the outcome), not a mid-term status */
  final: boolean;
  /** rises with how well the target stands (sorting: worst first) */
  rank: number;
  /** chip colours: text on a light fill (distinct greys on a grey-scale printer too) */
  fg: string;
  bg: string;
}

export const STATUS_TABLE: { readonly [S in Status]: StatusInfo } = {
  achieved_early: { zh: '提前实现', en: 'achieved early', tone: 'good', group: 'ok', final: false, rank: 9, fg: '#0b5a2f', bg: '#cdeed8' },
  ahead: { zh: '快于预期', en: 'ahead of schedule', tone: 'good', group: 'ok', final: false, rank: 8, fg: '#1f6f3a', bg: '#e3f4d9' },
  on_track: { zh: '基本符合预期', en: 'on track', tone: 'ok', group: 'ok', final: false, rank: 6, fg: '#1d4f91', bg: '#dbe8fb' },
  lagging: { zh: '滞后', en: 'lagging', tone: 'bad', group: 'bad', final: false, rank: 2, fg: '#a3191f', bg: '#fbdcdc' },
  completed: { zh: '已完成', en: 'met', tone: 'good', group: 'ok', final: true, rank: 10, fg: '#0b5a2f', bg: '#bfe8cc' },
  expected_complete: {
    zh: '预计完成',
    en: 'expected to be met',
    tone: 'good',
    group: 'ok',
    final: true,
    rank: 7,
    fg: '#1f6f3a',
    bg: '#e3f4d9',
  },
  near_complete: { zh: '接近完成', en: 'nearly met', tone: 'ok', group: 'bad', final: true, rank: 5, fg: '#7a4a00', bg: '#fbefd0' },
  expected_not_complete: {
    zh: '预计未完成',
    en: 'expected to be missed',
    tone: 'bad',
    group: 'bad',
    final: true,
    rank: 3,
    fg: '#a3191f',
    bg: '#fde6e6',
  },
  not_completed: { zh: '未完成', en: 'missed', tone: 'bad', group: 'bad', final: true, rank: 1, fg: '#8c0f15', bg: '#f8cfcf' },
  no_data: { zh: '无数据', en: 'no data', tone: 'none', group: 'none', final: false, rank: 0, fg: '#57606a', bg: '#eaeef2' },
};

/** The order statuses are listed in (roll-ups, filters, legends): final verdicts first, best first. */
export const STATUS_ORDER: readonly Status[] = [
  'completed',
  'expected_complete',
  'near_complete',
  'expected_not_complete',
  'not_completed',
  'achieved_early',
  'ahead',
  'on_track',
  'lagging',
  'no_data',
];

export type StatusLanguage = 'zh-CN' | 'en';

export function statusWord(s: Status, lang: StatusLanguage | string): string {
  const info = STATUS_TABLE[s];
  return lang === 'en' ? info.en : info.zh;
}

/** "ARGB" colours for spreadsheets (exceljs). */
export function statusArgb(s: Status): { fill: string; text: string } {
  const { fg, bg } = STATUS_TABLE[s];
  return { fill: `FF${bg.slice(1).toUpperCase()}`, text: `FF${fg.slice(1).toUpperCase()}` };
}

/** A count per status, all zero. */
export function emptyCounts(): Record<Status, number> {
  const out = {} as Record<Status, number>;
  for (const s of STATUSES) out[s] = 0;
  return out;
}

/** Counts of statuses (missing keys read as zero). */
export function countStatuses(statuses: Iterable<Status>): Record<Status, number> {
  const out = emptyCounts();
  for (const s of statuses) out[s] += 1;
  return out;
}

/** 达标或快于序时 (mid-term) / 已完成或预计完成 (final year): the statuses of the `ok` group. */
export function okCount(counts: Partial<Record<Status, number>>): number {
  let n = 0;
  for (const s of STATUSES) if (STATUS_TABLE[s].group === 'ok') n += counts[s] ?? 0;
  return n;
}

/** The statuses that appear in counts (non-zero), in STATUS_ORDER. */
export function presentStatuses(counts: Partial<Record<Status, number>>): Status[] {
  return STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0);
}

/** The roll-up's "ok" words: 达标或快于序时 before the target year, 已完成或预计完成 in it. */
export function okGroupWords(finalYear: boolean, lang: StatusLanguage | string): string {
  const zh = lang !== 'en';
  if (finalYear) return zh ? '已完成或预计完成（已完成＋预计完成）' : 'met or expected to be met';
  return zh ? '达标或快于序时（提前实现＋快于预期＋基本符合预期）' : 'on track or better (achieved early + ahead + on track)';
}
