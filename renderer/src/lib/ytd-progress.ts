/**
 * The year's question on screen (issue 17 item 6): "1-10月已完成X（同比增长g%），11-12月需完成Y
 * （同比需增长Z%）" on every series with a 1-N月 figure of the target year, and, beside a slider whose
 * target-year value a nowcast (or an actual) fixes, what the slider still changes. The arithmetic
 * is models/ytd-progress.ts (the same the verdict line uses); this module picks the inputs and
 * writes the sentence with the one number formatter. Pure: no DOM; `t` is i18next's.
 */
import { isWholeCountTarget } from '../../../models/counts';
import { isNowcast, parseYtdNote, parseYtdPeriod, recordInForce, type RecordLike } from '../../../models/records';
import type { Series, Target } from '../../../models/schema';
import type { SeriesProjection, TargetEvaluation } from '../../../models/types';
import {
  remainderTargetValue,
  restMonthsEn,
  restMonthsZh,
  yearRemainder,
  ytdStanding,
  type YearRemainder,
  type YtdFigure,
  type YtdStanding,
} from '../../../models/ytd-progress';
import { formatRate, isZh, showValue } from './format';
import { nowcastMonthOf, ytdLabel } from './nowcast';

export type Translate = (key: string, vars?: Record<string, unknown>) => string;

const MONTH_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type StoredLike = RecordLike & { series: string; period: string; value: number; note?: string | null };

/** The year-to-date figures of one series among stored records (the record in force per month). */
function ytdFiguresOf(records: readonly StoredLike[] | undefined, series: string): YtdFigure[] {
  const mine = (records ?? []).filter((a) => a.series === series && parseYtdPeriod(a.period) !== null);
  return recordInForce(mine).map((a) => {
    const p = parseYtdPeriod(a.period)!;
    return { year: p.year, month: p.month, value: a.value, growth: parseYtdNote(a.note).growth ?? null };
  });
}

/** Last year's annual figure from stored records: the annual record (not a nowcast), else 1-12月. */
function priorAnnualOf(records: readonly StoredLike[] | undefined, series: string, year: number): number {
  const mine = (records ?? []).filter((a) => a.series === series);
  const annual = recordInForce(mine.filter((a) => a.period === String(year - 1) && !isNowcast(a)))[0];
  if (annual && Number.isFinite(annual.value)) return annual.value;
  const dec = ytdFiguresOf(mine, series).find((p) => p.year === year - 1 && p.month === 12);
  return dec ? dec.value : Number.NaN;
}

/**
 * The standing of a series in `year`: the evaluation's own (the judged series of a flow target:
 * exactly what the verdict line reads), else from the records with last year's value
 * `priorAnnual` (a projection's or a record's).
 */
export function standingOf(
  series: Pick<Series, 'id' | 'nature'>,
  year: number,
  records: readonly StoredLike[] | undefined,
  priorAnnual: number,
  evaluation?: Pick<TargetEvaluation, 'series' | 'ytd'> | null,
): YtdStanding | null {
  if (evaluation && evaluation.series === series.id && evaluation.ytd && evaluation.ytd.year === year) return evaluation.ytd;
  return ytdStanding(ytdFiguresOf(records, series.id), year, priorAnnual, series.nature !== 'flow');
}

/** The remainder against `target` when it is a target of this series in the standing's year. */
export function remainderFor(
  st: YtdStanding,
  target: Pick<Target, 'series' | 'kind' | 'comparator' | 'target' | 'target_year'> | null | undefined,
  seriesId: string,
): YearRemainder {
  const aim = target && target.series === seriesId && target.target_year === st.year ? remainderTargetValue(target) : null;
  return yearRemainder(st, aim);
}

/** "1-10月已完成540亿元（同比增长8.0%），11-12月需完成160亿元（同比需增长60.0%）" and its English. */
export function remainderText(
  r: YearRemainder,
  unit: string,
  lang: string,
  t: Translate,
  target?: Pick<Target, 'kind' | 'unit' | 'target'> | null,
): string {
  const zh = isZh(lang);
  const v = (x: number) => showValue(x, unit, lang);
  const rate = (x: number) => formatRate(Math.abs(x), lang);
  const growth =
    r.done_growth === null ? '' : t(r.done_growth < 0 ? 'ytdProgress.growthDown' : 'ytdProgress.growthUp', { rate: rate(r.done_growth) });
  const head = r.stock
    ? t('ytdProgress.stockDone', { month: zh ? r.month : MONTH_EN[r.month - 1], done: v(r.done), growth })
    : t('ytdProgress.flowDone', { months: ytdLabel(r.month, lang), done: v(r.done), growth });
  if (r.target === null || r.remaining === null) return head;
  if (r.reached) return head + t(r.stock ? 'ytdProgress.stockReached' : 'ytdProgress.flowReached', { target: v(r.target) });
  // a count with whole targets: what remains is whole (还需1家, never 0.4家), as in the verdict line
  const need = target && isWholeCountTarget(target) ? v(Math.ceil(r.remaining - 1e-9)) : v(r.remaining);
  if (r.stock) {
    const yoy = r.yoy === null ? '' : t(r.yoy < 0 ? 'ytdProgress.stockYoyDown' : 'ytdProgress.stockYoyUp', { rate: rate(r.yoy) });
    return head + t('ytdProgress.stockNeed', { target: v(r.target), need, yoy });
  }
  const yoy = r.yoy === null ? '' : t(r.yoy < 0 ? 'ytdProgress.flowYoyDown' : 'ytdProgress.flowYoyUp', { rate: rate(r.yoy) });
  return head + t('ytdProgress.flowNeed', { rest: zh ? restMonthsZh(r.month) : restMonthsEn(r.month), need, yoy });
}

/** Years written as 2027年 / 2027—2030年 (2027 / 2027–2030). */
function yearsText(years: readonly number[], t: Translate): string {
  const from = years[0];
  const to = years[years.length - 1];
  return from === to ? t('ytdProgress.yearsOne', { from }) : t('ytdProgress.yearsRange', { from, to });
}

/**
 * Beside the sliders of a series whose `year` value is fixed by a nowcast or an actual: what the
 * sliders still change (the projected years after the base year up to the plan's horizon; every
 * target downstream reads the series in those years only), or that they change nothing.
 * Null when the year's value is projected (the sliders move it).
 */
export function fixedYearNote(
  projection: Pick<SeriesProjection, 'values' | 'actual_years' | 'provenance'> | undefined,
  year: number,
  range: { base_year: number; horizon: number },
  lang: string,
  t: Translate,
): string | null {
  const { base_year: baseYear, horizon } = range;
  if (!projection || !projection.actual_years.includes(year)) return null;
  const rec = projection.provenance[year];
  const nowcast = isNowcast(rec);
  const free = Object.keys(projection.values)
    .map(Number)
    // the base year's value is the base (its own field), not moved by the growth sliders
    .filter((y) => y > baseYear && y <= horizon && !projection.actual_years.includes(y) && Number.isFinite(projection.values[y]))
    .sort((a, b) => a - b);
  const month = nowcast ? nowcastMonthOf(rec) : null;
  const months = month !== null ? ytdLabel(month, lang) : '';
  if (nowcast)
    return free.length
      ? t('ytdProgress.fixedNowcast', { year, months, years: yearsText(free, t) })
      : t('ytdProgress.fixedNowcastNothing', { year, months, horizon });
  return free.length
    ? t('ytdProgress.fixedActual', { year, years: yearsText(free, t) })
    : t('ytdProgress.fixedActualNothing', { year, horizon });
}

/**
 * Instead of "— / —" and "自2026年至2026年" once the target year's figure is in: "2026年已有1-10月
 * 数据，按推算值评价" / "2026年已有实际值，按实际值评价". Null while the year is still projected.
 */
export function judgedOnText(
  ev: Pick<TargetEvaluation, 'target_year' | 'growth_from_year' | 'basis' | 'basis_month' | 'projected'> | null | undefined,
  unit: string,
  lang: string,
  t: Translate,
): string | null {
  if (!ev || ev.growth_from_year === null || ev.growth_from_year === undefined || ev.growth_from_year < ev.target_year) return null;
  const year = ev.target_year;
  if (ev.basis === 'nowcast' && ev.basis_month) return t('ytdProgress.judgedOnNowcast', { year, months: ytdLabel(ev.basis_month, lang) });
  if (ev.basis === 'month_end' && ev.basis_month && ev.projected !== null)
    return t('ytdProgress.judgedOnMonthEnd', {
      year,
      month: isZh(lang) ? ev.basis_month : MONTH_EN[ev.basis_month - 1],
      value: showValue(ev.projected, unit, lang),
    });
  if (ev.basis === 'actual') return t('ytdProgress.judgedOnActual', { year });
  return t('ytdProgress.noGrowthLeft');
}

/**
 * The nowcast screen's sentences for one series in `year`: one per target of the series in that
 * year that the year-to-date figure answers (what remains of it), else one saying what is done.
 */
export function yearSentencesFor(
  series: Pick<Series, 'id' | 'nature' | 'unit'>,
  year: number,
  records: readonly StoredLike[] | undefined,
  targets: readonly Target[],
  lang: string,
  t: Translate,
): { target: string | null; text: string }[] {
  const st = standingOf(series, year, records, priorAnnualOf(records, series.id, year));
  if (!st) return [];
  const mine = targets.filter((x) => x.series === series.id && x.target_year === year && remainderTargetValue(x) !== null);
  if (mine.length === 0) return [{ target: null, text: remainderText(yearRemainder(st, null), series.unit, lang, t) }];
  return mine.map((x) => ({ target: x.id, text: remainderText(remainderFor(st, x, series.id), series.unit, lang, t, x) }));
}
