/**
 * What the latest figures behind a pack or report are, in words for its cover: the last complete
 * statistical year, and the latest 1-N月 figures of a later year where any were used
 * ("2025年统计数据及2026年1-10月数据"). Pure.
 */
import type { BriefingInput, BriefingLanguage } from './types';

/**
 * A local date and time (the machine's time zone) of an ISO instant: 2026年12月3日 22:29 /
 * 3 December 2026, 22:29.
 */
export function localDateTime(iso: string, lang: BriefingLanguage, offsetMinutes: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t - offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const [y, mo, day, h, mi] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  if (lang === 'zh-CN') return `${y}年${mo}月${day}日 ${pad(h)}:${pad(mi)}`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${day} ${months[mo - 1]} ${y}, ${pad(h)}:${pad(mi)}`;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The latest year-to-date month of a year after the statistical year, among the actuals in use. */
function latestYtd(input: BriefingInput): { year: number; month: number } | null {
  const asOf = input.settings?.as_of_year ?? input.plan.base_year + 2;
  let best: { year: number; month: number } | null = null;
  for (const a of input.actuals) {
    if (a.deleted_at) continue;
    const m = /^(\d{4})-(\d{2})$/.exec(a.period);
    if (!m) continue;
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (year <= asOf || month >= 12) continue;
    if (!best || year > best.year || (year === best.year && month > best.month)) best = { year, month };
  }
  return best;
}

export function dataAsOfText(input: BriefingInput, lang: BriefingLanguage = input.language): string {
  const asOf = input.settings?.as_of_year ?? input.plan.base_year + 2;
  const ytd = latestYtd(input);
  if (lang === 'zh-CN') return `${asOf}年统计数据${ytd ? `及${ytd.year}年1-${ytd.month}月数据` : ''}`;
  return `statistics to ${asOf}${ytd ? `, ${ytd.year} January–${MONTHS_EN[ytd.month - 1]} figures` : ''}`;
}

/** When the pack was made, in the time zone of the machine that made it. */
export function generatedText(input: BriefingInput, lang: BriefingLanguage = input.language): string {
  return localDateTime(input.generated_at, lang, input.utc_offset_minutes ?? 0);
}

/** The local calendar date (YYYY-MM-DD) the pack was made on. */
export function generatedDate(input: BriefingInput): string {
  const t = Date.parse(input.generated_at);
  if (Number.isNaN(t)) return input.generated_at.slice(0, 10);
  return new Date(t - (input.utc_offset_minutes ?? 0) * 60_000).toISOString().slice(0, 10);
}
