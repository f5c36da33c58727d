/**
 * Drafted sentences for briefings (汇报材料), one per target and scenario, e.g.
 *   按基准情景测算，2026年金盛兰精品钢产值预计达到635.2亿元，距目标差64.8亿元，需年均增长22.6%（含假设数据）。
 * Variants by target kind: levels, shares (个百分点), cumulative reductions (累计下降),
 * average growth (年均增长), annual flows (every year judged), cumulative sums, ranges; already
 * met (已提前实现目标); assumed inputs (含假设数据). English drafts follow the same logic. Pure.
 */
import type { Target } from '../../models/schema';
import type { TargetEvaluation } from '../../models/types';
import { formatGrowth, formatNumber, formatValue, isPercentUnit } from '../../models/units';
import type { BriefingLanguage } from './types';

export interface SentenceOptions {
  /** probability of meeting the target (0..1) from a simulation, added when given. */
  p_meet?: number | null;
}

const ZH_SUFFIX_WORDS = ['以上', '左右', '以内', '以下', '以上（含）'];

function trimNumber(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** The target as the plan words it: 达700亿元, 28%以上, 下降10%, 每年100项以上, 1—2家. */
export function targetPhrase(t: Target, lang: BriefingLanguage): string {
  const zh = lang === 'zh-CN';
  const unit = t.unit;
  if (Array.isArray(t.target)) {
    const [lo, hi] = [Math.min(...t.target), Math.max(...t.target)];
    return zh ? `${trimNumber(formatNumber(lo, 2))}—${formatValue(hi, unit, lang)}` : `${trimNumber(formatNumber(lo, 2, 'en'))}–${formatValue(hi, unit, lang)}`;
  }
  const val = formatValue(t.target, unit, lang);
  if (!zh) {
    const words: Record<string, string> = { '>=': 'at least ', '>': 'above ', '<=': 'at most ', '<': 'below ', '~': 'about ', '=': '', range: '' };
    const w = words[t.comparator] ?? '';
    switch (t.kind) {
      case 'reduction':
        return `a reduction of ${w}${val}`;
      case 'growth_rate':
        return `average growth of ${w}${val} a year`;
      case 'annual_flow':
        return `${w}${val} a year`;
      case 'cumulative':
        return `${w}${val} in total`;
      default:
        return `${w}${val}`;
    }
  }
  const cz = (t.comparator_zh ?? '').trim();
  const perYear = t.kind === 'annual_flow' && !cz.includes('每年') ? '每年' : '';
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
export function scenarioPhrase(name: string, lang: BriefingLanguage): string {
  const n = name.trim();
  if (lang === 'zh-CN') return n.endsWith('情景') ? `按${n}测算` : `按“${n}”情景测算`;
  return /scenario$/i.test(n) ? `under the ${n}` : `under the ${n} scenario`;
}

/** The indicator without the words of its kind: 单位地区生产总值能耗下降 -> 单位地区生产总值能耗. */
function stem(t: Target, lang: BriefingLanguage): string {
  if (lang === 'zh-CN') {
    if (t.kind === 'reduction') return t.name_zh.replace(/(累计降幅|累计下降|下降|降幅)$/, '');
    if (t.kind === 'growth_rate') return t.name_zh.replace(/(年均增速|年均增长|增速|增长)$/, '');
    return t.name_zh;
  }
  return t.name_en;
}

function gapText(gap: number, unit: string, lang: BriefingLanguage, points: boolean): string {
  const a = Math.abs(gap);
  if (points) {
    const d = a > 0 && a < 0.1 ? 2 : 1;
    const n = formatNumber(a, d, lang);
    return lang === 'zh-CN' ? `${n}个百分点` : `${n} percentage point${n === '1.0' ? '' : 's'}`;
  }
  return formatValue(a, unit, lang);
}

function pct(x: number, lang: BriefingLanguage, decimals = 1): string {
  return `${formatNumber(x, decimals, lang)}%`;
}

/**
 * Drafts the sentence of a target under a scenario.
 * @param target the plan's target
 * @param evaluation the projection's evaluation of that target
 * @param scenarioName the scenario's name as shown (基准情景, 乐观情景, or a user's name)
 */
export function draftSentence(
  target: Target,
  evaluation: TargetEvaluation,
  scenarioName: string,
  language: BriefingLanguage,
  opts: SentenceOptions = {},
): string {
  return language === 'zh-CN' ? draftZh(target, evaluation, scenarioName, opts) : draftEn(target, evaluation, scenarioName, opts);
}

function probability(p: number | null | undefined, lang: BriefingLanguage): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  const txt = `${formatNumber(Math.max(0, Math.min(1, p)) * 100, 0, lang)}%`;
  return lang === 'zh-CN' ? `，达标概率约${txt}` : `; probability of meeting it about ${txt}`;
}

function draftZh(t: Target, ev: TargetEvaluation, scenarioName: string, opts: SentenceOptions): string {
  const P = `${scenarioPhrase(scenarioName, 'zh-CN')}，`;
  const A = ev.assumed ? '（含假设数据）' : '';
  const tp = targetPhrase(t, 'zh-CN');
  const T = ev.target_year;
  const b = ev.base_year;
  const unit = t.unit;
  const points = isPercentUnit(unit) || t.kind === 'reduction' || t.kind === 'growth_rate';
  const prob = probability(opts.p_meet, 'zh-CN');
  const start = t.start_year ?? b + 1;

  if (ev.status === 'no_data' || (ev.projected === null && ev.yearly.length === 0)) {
    return `${P}${t.name_zh}暂无可用数据，无法判断进展${A}。`;
  }

  // annual flows: every year judged
  if (t.kind === 'annual_flow') {
    const ys = ev.yearly;
    const first = ys[0]?.year ?? start;
    const last = ys[ys.length - 1]?.year ?? T;
    const span = first === last ? `${first}年` : `${first}—${last}年`;
    const vals = ys.map((y) => formatValue(y.value, unit)).join('、');
    const actualYears = ys.filter((y) => y.actual).map((y) => `${y.year}年`);
    const actualNote = actualYears.length > 0 ? `（${actualYears.join('、')}为实际值）` : '';
    const failed = ys.filter((y) => !y.met).map((y) => `${y.year}年`);
    const word = t.comparator === '~' || t.comparator === '=' ? '偏离' : t.comparator === '<=' || t.comparator === '<' ? '超出' : '低于';
    let verdict: string;
    if (ev.status === 'achieved_early') verdict = `，已提前实现目标（${tp}）`;
    else if (failed.length === 0) verdict = `，各年均达到目标（${tp}）`;
    else verdict = `，${failed.join('、')}${word}目标（${tp}）`;
    const head = ys.length > 1 ? `${span}${t.name_zh}预计分别为${vals}` : `${span}${t.name_zh}预计为${vals}`;
    return `${P}${head}${actualNote}${verdict}${prob}${A}。`;
  }

  const x = ev.projected as number;
  const val = formatValue(x, unit);
  let measure: string;
  switch (t.kind) {
    case 'reduction':
      measure = x >= 0 ? `${T}年${stem(t, 'zh-CN')}较${b}年累计下降${pct(x, 'zh-CN')}` : `${T}年${stem(t, 'zh-CN')}较${b}年累计上升${pct(-x, 'zh-CN')}`;
      break;
    case 'growth_rate':
      measure = x >= 0 ? `${b + 1}—${T}年${stem(t, 'zh-CN')}年均增长${pct(x, 'zh-CN')}` : `${b + 1}—${T}年${stem(t, 'zh-CN')}年均下降${pct(-x, 'zh-CN')}`;
      break;
    case 'cumulative':
      measure = `${start}—${T}年${t.name_zh}预计累计${val}`;
      break;
    case 'share':
      measure = `${T}年${t.name_zh}预计为${val}`;
      break;
    case 'range':
      measure = `${T}年${t.name_zh}预计为${val}`;
      break;
    default:
      measure = `${T}年${t.name_zh}预计达到${val}`;
  }

  if (ev.status === 'achieved_early') {
    const m = t.kind === 'reduction' || t.kind === 'growth_rate' ? measure : measure.replace(`${t.name_zh}`, '');
    return `${P}${t.name_zh}已提前实现目标（${tp}），${m}${prob}${A}。`;
  }

  let clause = '';
  const gap = ev.gap;
  if (t.kind === 'range') {
    const [lo] = Array.isArray(t.target) ? [Math.min(...t.target)] : [t.target as number];
    if (ev.met) clause = `，处于目标区间（${tp}）内`;
    else if (gap !== null && x < lo) clause = `，低于目标区间（${tp}）下限${gapText(gap, unit, 'zh-CN', false)}`;
    else if (gap !== null) clause = `，高于目标区间（${tp}）上限${gapText(gap, unit, 'zh-CN', false)}`;
  } else if (ev.met === true) {
    if (t.comparator === '~' || t.comparator === '=') clause = `，与目标（${tp}）基本相当`;
    else if (gap !== null && gap < 0 && Math.abs(gap) >= 1e-9 * Math.max(1, Math.abs(x))) {
      clause = `，可实现目标（${tp}），超出${gapText(gap, unit, 'zh-CN', points)}`;
    } else clause = `，可实现目标（${tp}）`;
  } else if (ev.met === false) {
    const down = t.comparator === '<=' || t.comparator === '<';
    if (gap === null || gap === 0) clause = `，未达到目标（${tp}）`;
    else if (down) clause = `，超出目标上限${gapText(gap, unit, 'zh-CN', points)}`;
    else if (t.comparator === '~' || t.comparator === '=') clause = gap > 0 ? `，低于目标${gapText(gap, unit, 'zh-CN', points)}` : `，高于目标${gapText(gap, unit, 'zh-CN', points)}`;
    else clause = gap > 0 ? `，距目标差${gapText(gap, unit, 'zh-CN', points)}` : `，未达到目标（${tp}）`;
    clause += requiredClauseZh(t, ev);
  }
  return `${P}${measure}${clause}${prob}${A}。`;
}

function requiredClauseZh(t: Target, ev: TargetEvaluation): string {
  const r = ev.required_growth;
  const from = ev.growth_from_year ?? ev.base_year;
  const T = ev.target_year;
  if (r === null || !Number.isFinite(r) || from >= T) return '';
  if (t.kind === 'level' && r > 0) return from === T - 1 ? `，${T}年需增长${formatGrowth(r)}` : `，需年均增长${formatGrowth(r)}`;
  if (t.kind === 'reduction' && r < 0) return `，需年均下降${formatGrowth(-r)}`;
  if (t.kind === 'growth_rate' && from > ev.base_year && r > 0) return `，${from + 1}—${T}年需年均增长${formatGrowth(r)}`;
  return '';
}

function requiredClauseEn(t: Target, ev: TargetEvaluation): string {
  const r = ev.required_growth;
  const from = ev.growth_from_year ?? ev.base_year;
  const T = ev.target_year;
  if (r === null || !Number.isFinite(r) || from >= T) return '';
  if (t.kind === 'level' && r > 0) return from === T - 1 ? `; it needs growth of ${formatGrowth(r)} in ${T}` : `; it needs average annual growth of ${formatGrowth(r)}`;
  if (t.kind === 'reduction' && r < 0) return `; it needs to fall ${formatGrowth(-r)} a year`;
  if (t.kind === 'growth_rate' && from > ev.base_year && r > 0) return `; it needs average growth of ${formatGrowth(r)} a year over ${from + 1}–${T}`;
  return '';
}

function draftEn(t: Target, ev: TargetEvaluation, scenarioName: string, opts: SentenceOptions): string {
  const lang = 'en' as const;
  const name = t.name_en;
  const S = scenarioPhrase(scenarioName, lang);
  const A = ev.assumed ? ' (includes assumed data)' : '';
  const tp = targetPhrase(t, lang);
  const T = ev.target_year;
  const b = ev.base_year;
  const unit = t.unit;
  const points = isPercentUnit(unit) || t.kind === 'reduction' || t.kind === 'growth_rate';
  const prob = probability(opts.p_meet, lang);
  const start = t.start_year ?? b + 1;

  if (ev.status === 'no_data' || (ev.projected === null && ev.yearly.length === 0)) {
    return `${name}: ${S}, there are not enough data to judge progress${A}.`;
  }

  if (t.kind === 'annual_flow') {
    const ys = ev.yearly;
    const vals = ys.map((y) => `${y.year} ${formatValue(y.value, unit, lang)}${y.actual ? ' (actual)' : ''}`).join(', ');
    const failed = ys.filter((y) => !y.met).map((y) => `${y.year}`);
    const word = t.comparator === '~' || t.comparator === '=' ? 'off' : t.comparator === '<=' || t.comparator === '<' ? 'above' : 'below';
    let verdict: string;
    if (ev.status === 'achieved_early') verdict = `; the target (${tp}) has already been met ahead of schedule`;
    else if (failed.length === 0) verdict = `; every year meets the target (${tp})`;
    else verdict = `; ${word} the target (${tp}) in ${failed.join(', ')}`;
    return `${name}: ${S}, projected ${vals}${verdict}${prob}${A}.`;
  }

  const x = ev.projected as number;
  const val = formatValue(x, unit, lang);
  let measure: string;
  switch (t.kind) {
    case 'reduction':
      measure = x >= 0 ? `a cumulative fall of ${pct(x, lang)} from ${b} to ${T}` : `a cumulative rise of ${pct(-x, lang)} from ${b} to ${T}`;
      break;
    case 'growth_rate':
      measure = x >= 0 ? `average growth of ${pct(x, lang)} a year over ${b + 1}–${T}` : `an average fall of ${pct(-x, lang)} a year over ${b + 1}–${T}`;
      break;
    case 'cumulative':
      measure = `projected to total ${val} over ${start}–${T}`;
      break;
    default:
      measure = `projected at ${val} in ${T}`;
  }

  if (ev.status === 'achieved_early') {
    return `${name}: ${S}, the target (${tp}) has already been met ahead of schedule; ${measure}${prob}${A}.`;
  }

  let clause = '';
  const gap = ev.gap;
  if (t.kind === 'range') {
    const lo = Array.isArray(t.target) ? Math.min(...t.target) : (t.target as number);
    if (ev.met) clause = `, within the target range (${tp})`;
    else if (gap !== null && x < lo) clause = `, ${gapText(gap, unit, lang, false)} below the target range (${tp})`;
    else if (gap !== null) clause = `, ${gapText(gap, unit, lang, false)} above the target range (${tp})`;
  } else if (ev.met === true) {
    if (t.comparator === '~' || t.comparator === '=') clause = `, in line with the target (${tp})`;
    else if (gap !== null && gap < 0 && Math.abs(gap) >= 1e-9 * Math.max(1, Math.abs(x))) {
      clause = `, meeting the target (${tp}) with ${gapText(gap, unit, lang, points)} to spare`;
    } else clause = `, meeting the target (${tp})`;
  } else if (ev.met === false) {
    const down = t.comparator === '<=' || t.comparator === '<';
    if (gap === null || gap === 0) clause = `, not meeting the target (${tp})`;
    else if (down) clause = `, ${gapText(gap, unit, lang, points)} above the ceiling (${tp})`;
    else if (t.comparator === '~' || t.comparator === '=') clause = `, ${gapText(gap, unit, lang, points)} ${gap > 0 ? 'below' : 'above'} the target (${tp})`;
    else clause = gap > 0 ? `, ${gapText(gap, unit, lang, points)} short of the target (${tp})` : `, not meeting the target (${tp})`;
    clause += requiredClauseEn(t, ev);
  }
  return `${name}: ${S}, ${measure}${clause}${prob}${A}.`;
}
