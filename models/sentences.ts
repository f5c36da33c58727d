/**
 * The drafted sentence of a target under a scenario (汇报语句), written once for every surface
 * that shows it: the briefing pack's PDF (scenarios/briefing/print-html.ts) and presentation mode
 * (renderer/src/lib/present.ts), e.g.
 *   按基准情景测算，2026年金盛兰精品钢产值预计达到635.2亿元，距目标差64.8亿元，需年均增长22.6%（含假设数据）。
 *   Jinshenglan fine steel output value: under the Baseline scenario, projected at 63.5 billion yuan in 2026,
 *   6.5 billion yuan short of the target (at least 70 billion yuan); it needs average annual growth of 22.6%.
 * Variants by target kind: levels, shares (个百分点), cumulative reductions (累计下降), average growth
 * (年均增长), annual flows (every year judged, failing years named), cumulative sums, ranges; already
 * met (已提前实现目标); assumed inputs (含假设数据); no data (evaluation null or status no_data). The
 * PDF adds the probability of meeting the target (`p_meet`), the slide the year-to-date nowcast
 * the value rests on (`nowcast`); otherwise both surfaces print the same sentence.
 *
 * Numbers follow one rule in both languages:
 * - thousands separators in Chinese as in English (5,881个 / 5,881);
 * - counts (个, 家, 项, 名, 人 … `isCountUnit`) against whole targets are whole numbers by the one
 *   rule of `models/counts.ts`: the figure cut toward the miss (3953.5名 against 4,000名以上 reads
 *   3,953名), a shortfall rounded up, a surplus down, so figure and gap add up; a count unit
 *   with a fractional target (1.8件 per 10,000 people) is a rate and keeps its decimal;
 * - percent figures (shares, reductions, growth, gaps in 个百分点 / percentage points) have one
 *   decimal, two below 0.1 (26.0%, 1.4个百分点, 1.0 percentage point);
 * - other amounts (亿元, 兆瓦 …) one decimal, none from 10,000, two below 1, a trailing zero dropped
 *   (647亿元, 635.2亿元, 1,099亿元, 2,393.5兆瓦); in English money and tonnes read in millions or
 *   billions (64.7 billion yuan).
 * The target itself is quoted as the plan words it (每年100项以上, 达28%以上, 全部，即100%).
 *
 * Pure: no Node, no DOM, no clock; the language is a parameter.
 */
import { isWholeCountTarget, wholeCountText, wholeDifference, wholeFigure } from './counts';
import { kindOf } from './kinds';
import { formatProbability } from './probability';
import { ytdLabelEn, ytdLabelZh } from './nowcast';
import type { Target } from './schema';
import type { TargetEvaluation } from './types';
import { missingDataText } from './missing-data';
import { FIGURE_FORMAT, formatFigure, formatNumber, formatValue, isPercentUnit, percentDecimals, type Locale } from './units';

export type SentenceLanguage = Locale;

/** The year-to-date figures a year's value is nowcast from: 1-`month`月 of `year`. */
export interface SentenceNowcast {
  year: number;
  month: number;
}

export interface SentenceOptions {
  /** probability of meeting the target (0..1) from a simulation; the briefing adds it when given. */
  p_meet?: number | null;
  /** a simulation ran but no input of this target has a range: the sentence says so instead of a probability. */
  no_range?: boolean;
  /** the value of this year rests on a year-to-date nowcast; presentation mode adds it when given. */
  nowcast?: SentenceNowcast | null;
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/** How the numbers of one target are written. */
interface Numbers {
  unit: string;
  lang: SentenceLanguage;
  /** a count unit with whole targets: every number whole. */
  whole: boolean;
  /** the target, for cutting a whole figure toward the miss */
  target: Target;
  /** the judged quantity is in percent: values in %, differences in percentage points. */
  percent: boolean;
}

/** Amounts: thousands separators in both languages, no decimals from 10,000 (as the screens). */
const VALUE_FORMAT = FIGURE_FORMAT;

function numbersOf(t: Target, lang: SentenceLanguage): Numbers {
  return {
    unit: t.unit,
    lang,
    whole: isWholeCountTarget(t),
    target: t,
    percent: isPercentUnit(t.unit) || kindOf(t.kind).percentJudged,
  };
}

/** Decimals of a percent figure: one, two below 0.1 so that a small one does not read 0.0. */
const percentDigits = percentDecimals;

/** 8.6%, 22.6% */
function pct(x: number, lang: SentenceLanguage): string {
  return `${formatNumber(x, percentDigits(x), lang, true)}%`;
}

/** 1.4个百分点 / 1.0 percentage point / 1.4 percentage points */
function points(a: number, lang: SentenceLanguage): string {
  const n = formatNumber(a, percentDigits(a), lang, true);
  return lang === 'zh-CN' ? `${n}个百分点` : `${n} percentage point${n === '1.0' ? '' : 's'}`;
}

/** A whole count: 5,881个 / 5,881, 1 firm, 3 firms (models/counts.ts). */
function count(x: number, unit: string, lang: SentenceLanguage): string {
  return wholeCountText(x, unit, lang);
}

/** A value of the judged quantity: 647亿元, 5,881个, 26.0%; 64.7 billion yuan, 5,881, 26.0%. */
function amount(x: number, n: Numbers): string {
  if (n.percent) return formatFigure(x, '%', n.lang);
  if (n.whole) return count(wholeFigure(n.target, x), n.unit, n.lang);
  return formatFigure(x, n.unit, n.lang);
}

/**
 * A target's judged figure as the sentences write it (counts whole, separators, percent to one
 * decimal), for tables that stand beside the sentences: the PDF's overview.
 */
export function judgedFigure(t: Target, x: number | null, lang: SentenceLanguage): string {
  return x === null || !Number.isFinite(x) ? '—' : amount(x, numbersOf(t, lang));
}

/** The smallest difference the sentence can write: 1家, 0.01个百分点, 0.01亿元. */
function smallest(n: Numbers): { step: number; text: string } {
  if (n.percent) return { step: 0.01, text: points(0.01, n.lang) };
  if (n.whole) return { step: 1, text: count(1, n.unit, n.lang) };
  return { step: 0.01, text: formatValue(0.01, n.unit, n.lang, VALUE_FORMAT) };
}

/**
 * A difference (shortfall or surplus, |d|) in the sentence's numbers: 53亿元, 1.4个百分点, 119个;
 * null when it would read as zero (under half the smallest step written).
 */
function difference(d: number, n: Numbers): string | null {
  const a = Math.abs(d);
  if (n.whole) {
    // a surplus of a whole count: what the cut figure holds beyond the target (30.6家 of 30 is none)
    const k = wholeDifference(a, false);
    return k >= 1 ? count(k, n.unit, n.lang) : null;
  }
  if (!(a >= smallest(n).step / 2)) return null;
  return n.percent ? points(a, n.lang) : amount(a, n);
}

/** A shortfall: the difference (a whole count's rounded up), or 不足0.01亿元 when it is below what is written. */
function shortfall(d: number, n: Numbers): string {
  // a count short of a whole target: the verdict line's rule, 1.2项 short is 差2项
  if (n.whole) return count(wholeDifference(Math.abs(d), true), n.unit, n.lang);
  const txt = difference(d, n);
  if (txt !== null) return txt;
  const s = smallest(n).text;
  return n.lang === 'zh-CN' ? `不足${s}` : `less than ${s}`;
}

function plainNumber(x: number, lang: SentenceLanguage): string {
  const s = formatNumber(x, 2, lang, true);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

// ---------------------------------------------------------------------------------------------
// Phrases
// ---------------------------------------------------------------------------------------------

const ZH_SUFFIX_WORDS = ['以上', '左右', '以内', '以下', '以上（含）'];

/** The target as the plan words it: 达700亿元, 达28%以上, 下降10%, 每年100项以上, 1—2家, 6,000个. */
export function targetPhrase(t: Target, lang: SentenceLanguage): string {
  const zh = lang === 'zh-CN';
  const unit = t.unit;
  if (Array.isArray(t.target)) {
    const [lo, hi] = [Math.min(...t.target), Math.max(...t.target)];
    return `${plainNumber(lo, lang)}${zh ? '—' : '–'}${formatValue(hi, unit, lang, VALUE_FORMAT)}`;
  }
  const val = formatValue(t.target, unit, lang, VALUE_FORMAT);
  if (!zh) {
    const words: Record<string, string> = {
      '>=': 'at least ',
      '>': 'above ',
      '<=': 'at most ',
      '<': 'below ',
      '~': 'about ',
      '=': '',
      range: '',
    };
    const w = words[t.comparator] ?? '';
    return kindOf(t.kind).words.targetEn(w, val);
  }
  const cz = (t.comparator_zh ?? '').trim();
  const perYear = kindOf(t.kind).words.targetZhPrefix(cz);
  let phrase: string;
  if (cz.includes('…')) {
    const [pre, post] = cz.split('…');
    phrase = `${pre}${val}${post}`;
  } else if (ZH_SUFFIX_WORDS.includes(cz)) {
    phrase = `${val}${cz}`;
  } else if (cz === '全部') {
    phrase = `全部，即${val}`;
  } else if (cz === '') {
    const sym: Record<string, string> = { '>=': '', '>': '超过', '<=': '不超过', '<': '低于', '~': '约', '=': '' };
    phrase = `${sym[t.comparator] ?? ''}${val}`;
  } else {
    phrase = `${cz}${val}`;
  }
  return `${perYear}${phrase}`;
}

/** "按基准情景测算" / "under the Baseline scenario". */
export function scenarioPhrase(name: string, lang: SentenceLanguage): string {
  const n = name.trim();
  if (lang === 'zh-CN') return n.endsWith('情景') ? `按${n}测算` : `按“${n}”情景测算`;
  return /scenario$/i.test(n) ? `under the ${n}` : `under the ${n} scenario`;
}

/** "（2026年数值按1-9月累计推算）" / " (the 2026 value is a nowcast from January–September)"; '' without one. */
export function nowcastClause(n: SentenceNowcast | null | undefined, lang: SentenceLanguage): string {
  if (!n) return '';
  if (lang === 'zh-CN') return `（${n.year}年数值按${ytdLabelZh(n.month)}累计推算）`;
  return ` (the ${n.year} value is a nowcast from ${ytdLabelEn(n.month)})`;
}

/** "，达标概率18%" / "; probability of meeting it 18%" (<1%, >99%); '' without a probability. */
export function probabilityClause(p: number | null | undefined, lang: SentenceLanguage, noRange = false): string {
  if (noRange) return lang === 'zh-CN' ? '，未设不确定区间' : '; no uncertainty range is set';
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  const txt = formatProbability(Math.max(0, Math.min(1, p)));
  return lang === 'zh-CN' ? `，达标概率${txt}` : `; probability of meeting it ${txt}`;
}

/** The indicator without the words of its kind: 单位地区生产总值能耗下降 -> 单位地区生产总值能耗. */
function stemZh(t: Target): string {
  return kindOf(t.kind).words.stemZh(t.name_zh);
}

/** Whether there is anything to write: an evaluation with a projection, or an annual flow's judged years. */
function hasData(t: Target, ev: TargetEvaluation | null): ev is TargetEvaluation {
  if (ev === null || ev.status === 'no_data') return false;
  return ev.projected !== null || (kindOf(t.kind).everyYear && ev.yearly.length > 0);
}

/** A surplus too small to write (a fraction of a firm) is not mentioned. */
function isSurplus(gap: number | null, x: number): gap is number {
  return gap !== null && gap < 0 && Math.abs(gap) >= 1e-9 * Math.max(1, Math.abs(x));
}

// ---------------------------------------------------------------------------------------------
// The sentence
// ---------------------------------------------------------------------------------------------

/**
 * Drafts the sentence of a target under a scenario.
 * @param target the plan's target
 * @param evaluation the projection's evaluation of that target; null (no projection) reads as no data
 * @param scenarioName the scenario's name as shown (基准情景, 乐观情景, or a user's name)
 * @param language 'zh-CN' or 'en'
 * @param opts `p_meet` adds the probability of meeting the target, `nowcast` the year-to-date note
 */
export function draftSentence(
  target: Target,
  evaluation: TargetEvaluation | null,
  scenarioName: string,
  language: SentenceLanguage,
  opts: SentenceOptions = {},
): string {
  return language === 'zh-CN' ? draftZh(target, evaluation, scenarioName, opts) : draftEn(target, evaluation, scenarioName, opts);
}

function requiredClauseZh(t: Target, ev: TargetEvaluation): string {
  const r = ev.required_growth;
  const from = ev.growth_from_year ?? ev.base_year;
  const T = ev.target_year;
  if (r === null || !Number.isFinite(r) || from >= T) return '';
  return kindOf(t.kind).words.requiredZh({ r, from, b: ev.base_year, T, pct: (v) => pct(v, 'zh-CN') });
}

function requiredClauseEn(t: Target, ev: TargetEvaluation): string {
  const r = ev.required_growth;
  const from = ev.growth_from_year ?? ev.base_year;
  const T = ev.target_year;
  if (r === null || !Number.isFinite(r) || from >= T) return '';
  return kindOf(t.kind).words.requiredEn({ r, from, b: ev.base_year, T, pct: (v) => pct(v, 'en') });
}

function draftZh(t: Target, ev: TargetEvaluation | null, scenarioName: string, opts: SentenceOptions): string {
  const lang = 'zh-CN';
  const P = `${scenarioPhrase(scenarioName, lang)}，`;
  const A = ev?.assumed ? '（含假设数据）' : '';
  const missing = ev?.missing;
  if (!hasData(t, ev))
    return missing
      ? `${P}${t.name_zh}暂无可用数据（${missingDataText(missing, lang)}）${A}。`
      : `${P}${t.name_zh}暂无可用数据，无法判断进展${A}。`;
  const end = `${nowcastClause(opts.nowcast, lang)}${probabilityClause(opts.p_meet, lang, opts.no_range)}${A}。`;
  const n = numbersOf(t, lang);
  const tp = targetPhrase(t, lang);
  const T = ev.target_year;
  const b = ev.base_year;
  const start = t.start_year ?? b + 1;

  // annual flows: every year judged
  if (kindOf(t.kind).everyYear && ev.yearly.length > 0) {
    const ys = ev.yearly;
    const first = ys[0].year;
    const last = ys[ys.length - 1].year;
    const span = first === last ? `${first}年` : `${first}—${last}年`;
    const vals = ys.map((y) => amount(y.value, n)).join('、');
    const actualYears = ys.filter((y) => y.actual).map((y) => `${y.year}年`);
    const actualNote = actualYears.length > 0 ? `（${actualYears.join('、')}为实际值）` : '';
    const failed = ys.filter((y) => !y.met).map((y) => `${y.year}年`);
    const word = t.comparator === '~' || t.comparator === '=' ? '偏离' : t.comparator === '<=' || t.comparator === '<' ? '超出' : '低于';
    let verdict: string;
    if (ev.status === 'achieved_early') verdict = `，已提前实现目标（${tp}）`;
    else if (failed.length === 0) verdict = `，各年均达到目标（${tp}）`;
    else verdict = `，${failed.join('、')}${word}目标（${tp}）`;
    const head = ys.length > 1 ? `${span}${t.name_zh}预计分别为${vals}` : `${span}${t.name_zh}预计为${vals}`;
    return `${P}${head}${actualNote}${verdict}${end}`;
  }

  const x = ev.projected as number; // not null: hasData
  const val = amount(x, n);
  const measure = kindOf(t.kind).words.measureZh({ name: t.name_zh, stem: stemZh(t), x, val, pct: (v) => pct(v, lang), b, T, start });

  if (ev.status === 'achieved_early') {
    const m = kindOf(t.kind).words.achievedKeepsName ? measure : measure.replace(t.name_zh, '');
    return `${P}${t.name_zh}已提前实现目标（${tp}），${m}${end}`;
  }

  let clause = '';
  const gap = ev.gap;
  if (Array.isArray(t.target)) {
    const lo = Array.isArray(t.target) ? Math.min(...t.target) : t.target;
    if (ev.met) clause = `，处于目标区间（${tp}）内`;
    else if (gap !== null && x < lo) clause = `，低于目标区间（${tp}）下限${shortfall(gap, n)}`;
    else if (gap !== null) clause = `，高于目标区间（${tp}）上限${shortfall(gap, n)}`;
  } else if (ev.met === true) {
    const over = isSurplus(gap, x) ? difference(gap, n) : null;
    if (t.comparator === '~' || t.comparator === '=') clause = `，与目标（${tp}）基本相当`;
    else if (over !== null) clause = `，可实现目标（${tp}），超出${over}`;
    else clause = `，可实现目标（${tp}）`;
  } else if (ev.met === false) {
    const down = t.comparator === '<=' || t.comparator === '<';
    if (gap === null || gap === 0) clause = `，未达到目标（${tp}）`;
    else if (down) clause = `，超出目标上限${shortfall(gap, n)}`;
    else if (t.comparator === '~' || t.comparator === '=')
      clause = gap > 0 ? `，低于目标${shortfall(gap, n)}` : `，高于目标${shortfall(gap, n)}`;
    else clause = gap > 0 ? `，距目标差${shortfall(gap, n)}` : `，未达到目标（${tp}）`;
    clause += requiredClauseZh(t, ev);
  }
  return `${P}${measure}${clause}${end}`;
}

function draftEn(t: Target, ev: TargetEvaluation | null, scenarioName: string, opts: SentenceOptions): string {
  const lang = 'en';
  const name = t.name_en;
  const S = scenarioPhrase(scenarioName, lang);
  const A = ev?.assumed ? ' (includes assumed data)' : '';
  const missing = ev?.missing;
  if (!hasData(t, ev))
    return missing
      ? `${name}: ${S}, there are not enough data to judge progress (${missingDataText(missing, lang)})${A}.`
      : `${name}: ${S}, there are not enough data to judge progress${A}.`;
  const end = `${nowcastClause(opts.nowcast, lang)}${probabilityClause(opts.p_meet, lang, opts.no_range)}${A}.`;
  const n = numbersOf(t, lang);
  const tp = targetPhrase(t, lang);
  const T = ev.target_year;
  const b = ev.base_year;
  const start = t.start_year ?? b + 1;

  if (kindOf(t.kind).everyYear && ev.yearly.length > 0) {
    const ys = ev.yearly;
    const vals = ys.map((y) => `${y.year} ${amount(y.value, n)}${y.actual ? ' (actual)' : ''}`).join(', ');
    const failed = ys.filter((y) => !y.met).map((y) => `${y.year}`);
    const word = t.comparator === '~' || t.comparator === '=' ? 'off' : t.comparator === '<=' || t.comparator === '<' ? 'above' : 'below';
    let verdict: string;
    if (ev.status === 'achieved_early') verdict = `; the target (${tp}) has already been met ahead of schedule`;
    else if (failed.length === 0) verdict = `; every year meets the target (${tp})`;
    else verdict = `; ${word} the target (${tp}) in ${failed.join(', ')}`;
    return `${name}: ${S}, projected ${vals}${verdict}${end}`;
  }

  const x = ev.projected as number; // not null: hasData
  const val = amount(x, n);
  const measure = kindOf(t.kind).words.measureEn({ name, stem: name, x, val, pct: (v) => pct(v, lang), b, T, start });

  if (ev.status === 'achieved_early') {
    return `${name}: ${S}, the target (${tp}) has already been met ahead of schedule; ${measure}${end}`;
  }

  let clause = '';
  const gap = ev.gap;
  if (Array.isArray(t.target)) {
    const lo = Array.isArray(t.target) ? Math.min(...t.target) : t.target;
    if (ev.met) clause = `, within the target range (${tp})`;
    else if (gap !== null && x < lo) clause = `, ${shortfall(gap, n)} below the target range (${tp})`;
    else if (gap !== null) clause = `, ${shortfall(gap, n)} above the target range (${tp})`;
  } else if (ev.met === true) {
    const over = isSurplus(gap, x) ? difference(gap, n) : null;
    if (t.comparator === '~' || t.comparator === '=') clause = `, in line with the target (${tp})`;
    else if (over !== null) clause = `, meeting the target (${tp}) with ${over} to spare`;
    else clause = `, meeting the target (${tp})`;
  } else if (ev.met === false) {
    const down = t.comparator === '<=' || t.comparator === '<';
    if (gap === null || gap === 0) clause = `, not meeting the target (${tp})`;
    else if (down) clause = `, ${shortfall(gap, n)} above the ceiling (${tp})`;
    else if (t.comparator === '~' || t.comparator === '=')
      clause = `, ${shortfall(gap, n)} ${gap > 0 ? 'below' : 'above'} the target (${tp})`;
    else clause = gap > 0 ? `, ${shortfall(gap, n)} short of the target (${tp})` : `, not meeting the target (${tp})`;
    clause += requiredClauseEn(t, ev);
  }
  return `${name}: ${S}, ${measure}${clause}${end}`;
}

/**
 * A gap (shortfall or surplus, |gap|) in the target's own numbers as the sentences write it:
 * 53亿元, 1.4个百分点, 3家; null when it would read as zero. For tables beside the sentences.
 */
export function gapAmount(t: Target, gap: number, lang: SentenceLanguage): string | null {
  const n = numbersOf(t, lang);
  if (n.whole) {
    const k = wholeDifference(Math.abs(gap), gap > 0);
    return k >= 1 ? count(k, n.unit, lang) : null;
  }
  return difference(gap, n);
}
