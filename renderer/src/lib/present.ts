/**
 * Presentation mode (演示模式): one target per slide. This file holds its pure parts — which key
 * moves where, and the drafted sentence of a slide, e.g.
 *   按基准情景测算，2026年金盛兰精品钢产值预计达到635.2亿元，距目标差64.8亿元，需年均增长22.6%。
 * The sentence follows the briefing pack's wording (scenarios/briefing/sentences.ts, which the
 * renderer may not import) but is written here with the renderer's own format helpers.
 * Pure: no DOM, no i18next (the language is a parameter); unit-tested in Node.
 */
import type { Target } from '../../../models/schema';
import type { TargetEvaluation } from '../../../models/types';
import { stripUndefined, type Figure } from './figure';
import { formatGap, formatJudged, formatNumber, formatRate, formatTarget, formatValue, isPercentUnit, isZh } from './format';
import { ytdLabel } from './nowcast';

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

export type SlideAction = 'next' | 'prev' | 'first' | 'last' | 'exit';

/** What a key does in presentation mode; null for keys it leaves alone. */
export function slideKeyAction(key: string, shift = false): SlideAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'Enter':
    case 'n':
    case 'N':
      return 'next';
    case ' ':
    case 'Spacebar':
      return shift ? 'prev' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
    case 'p':
    case 'P':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
    case 'Esc':
      return 'exit';
    default:
      return null;
  }
}

/** The slide shown after `action` (stays within 0..total-1; 'exit' leaves the index as is). */
export function stepSlide(index: number, total: number, action: SlideAction): number {
  if (total <= 0) return 0;
  const i = Math.min(Math.max(0, index), total - 1);
  switch (action) {
    case 'next':
      return Math.min(total - 1, i + 1);
    case 'prev':
      return Math.max(0, i - 1);
    case 'first':
      return 0;
    case 'last':
      return total - 1;
    default:
      return i;
  }
}

/** "12 / 62" */
export function slideCounter(index: number, total: number): string {
  if (total <= 0) return '0 / 0';
  return `${Math.min(total, Math.max(1, index + 1))} / ${total}`;
}

/** A chart made for the wall: larger type, thicker lines, the legend under the plot. */
export function presentationFigure(fig: Figure, fontSize = 20): Figure {
  const layout = fig.layout as Record<string, unknown>;
  const font = (layout.font as Record<string, unknown> | undefined) ?? {};
  const legend = (layout.legend as Record<string, unknown> | undefined) ?? {};
  const yaxis = (layout.yaxis as Record<string, unknown> | undefined) ?? {};
  const xaxis = (layout.xaxis as Record<string, unknown> | undefined) ?? {};
  const yTitle = yaxis.title as { text?: string; font?: Record<string, unknown> } | undefined;
  // Plotly reads `key in obj`: keys holding undefined must not be there at all
  return {
    data: fig.data.map((tr) => stripUndefined({
      ...tr,
      line: tr.line ? { ...tr.line, width: (tr.line.width ?? 2) * 1.4 } : tr.line,
      marker: tr.marker ? { ...tr.marker, size: scaleSize(tr.marker.size, 1.5) } : tr.marker,
    })),
    layout: stripUndefined({
      ...layout,
      font: { ...font, size: fontSize },
      legend: { ...legend, font: { size: Math.round(fontSize * 0.8) }, y: -0.12 },
      margin: { l: 90, r: 40, t: 40, b: 60 },
      xaxis: { ...xaxis, tickfont: { size: fontSize } },
      yaxis: { ...yaxis, tickfont: { size: Math.round(fontSize * 0.9) }, title: yTitle ? { ...yTitle, font: { ...(yTitle.font ?? {}), size: Math.round(fontSize * 0.8) } } : yTitle },
      hoverlabel: { ...((layout.hoverlabel as Record<string, unknown>) ?? {}), font: { size: Math.round(fontSize * 0.8) } },
      annotations: ((layout.annotations as Record<string, unknown>[] | undefined) ?? []).map((a) => ({ ...a, font: { ...((a.font as Record<string, unknown>) ?? {}), size: Math.round(fontSize * 0.7) } })),
    }),
  };
}

function scaleSize(size: number | number[] | undefined, k: number): number | number[] | undefined {
  if (size === undefined) return undefined;
  return Array.isArray(size) ? size.map((s) => Math.round(s * k)) : Math.round(size * k);
}

// ---------------------------------------------------------------------------------------------
// The drafted sentence
// ---------------------------------------------------------------------------------------------

export interface SentenceOptions {
  /** the value of this year rests on a year-to-date nowcast through this month. */
  nowcast?: { year: number; month: number } | null;
}

/** "按基准情景测算" / "under the Baseline scenario". */
export function scenarioPhrase(name: string, lang: string): string {
  const n = name.trim();
  if (isZh(lang)) return n.endsWith('情景') ? `按${n}测算` : `按“${n}”情景测算`;
  return /scenario$/i.test(n) ? `under the ${n}` : `under the ${n} scenario`;
}

/** The indicator without the words of its kind: 单位地区生产总值能耗下降 -> 单位地区生产总值能耗. */
function stemZh(t: Target): string {
  if (t.kind === 'reduction') return t.name_zh.replace(/(累计降幅|累计下降|下降|降幅)$/, '');
  if (t.kind === 'growth_rate') return t.name_zh.replace(/(年均增速|年均增长|增速|增长)$/, '');
  return t.name_zh;
}

/** "（2026年数值按1-9月累计推算）" / " (the 2026 value is a nowcast from January–September)". */
export function nowcastClause(n: { year: number; month: number } | null | undefined, lang: string): string {
  if (!n) return '';
  if (isZh(lang)) return `（${n.year}年数值按${ytdLabel(n.month, lang)}累计推算）`;
  return ` (the ${n.year} value is a nowcast from ${ytdLabel(n.month, lang)})`;
}

/**
 * The sentence of a target under a scenario, in the planner's language. `evaluation` null (no
 * projection) reads as "no data".
 */
export function draftSentence(target: Target, evaluation: TargetEvaluation | null, scenarioName: string, lang: string, opts: SentenceOptions = {}): string {
  return isZh(lang) ? draftZh(target, evaluation, scenarioName, opts) : draftEn(target, evaluation, scenarioName, opts);
}

function required(ev: TargetEvaluation, zh: boolean, t: Target, lang: string): string {
  const r = ev.required_growth;
  const from = ev.growth_from_year ?? ev.base_year;
  const T = ev.target_year;
  if (r === null || !Number.isFinite(r) || from >= T) return '';
  if (t.kind === 'level' && r > 0) {
    if (from === T - 1) return zh ? `，${T}年需增长${formatRate(r, lang)}` : `; it needs growth of ${formatRate(r, lang)} in ${T}`;
    return zh ? `，需年均增长${formatRate(r, lang)}` : `; it needs average annual growth of ${formatRate(r, lang)}`;
  }
  if (t.kind === 'reduction' && r < 0) return zh ? `，需年均下降${formatRate(-r, lang)}` : `; it needs to fall ${formatRate(-r, lang)} a year`;
  return '';
}

function draftZh(t: Target, ev: TargetEvaluation | null, scenarioName: string, opts: SentenceOptions): string {
  const lang = 'zh-CN';
  const P = `${scenarioPhrase(scenarioName, lang)}，`;
  const A = ev?.assumed ? '（含假设数据）' : '';
  const N = nowcastClause(opts.nowcast, lang);
  const tp = formatTarget(t, lang);
  if (!ev || ev.status === 'no_data' || (ev.projected === null && ev.yearly.length === 0)) {
    return `${P}${t.name_zh}暂无可用数据，无法判断进展${A}。`;
  }
  const T = ev.target_year;
  const b = ev.base_year;
  const unit = t.unit;

  if (t.kind === 'annual_flow') {
    const ys = ev.yearly;
    const first = ys[0]?.year ?? T;
    const last = ys[ys.length - 1]?.year ?? T;
    const span = first === last ? `${first}年` : `${first}—${last}年`;
    const vals = ys.map((y) => formatValue(y.value, unit, lang)).join('、');
    const failed = ys.filter((y) => !y.met).map((y) => `${y.year}年`);
    const word = t.comparator === '<=' || t.comparator === '<' ? '超出' : t.comparator === '~' || t.comparator === '=' ? '偏离' : '低于';
    const verdict =
      ev.status === 'achieved_early' ? `，已提前实现目标（${tp}）` : failed.length === 0 ? `，各年均达到目标（${tp}）` : `，${failed.join('、')}${word}目标（${tp}）`;
    const head = ys.length > 1 ? `${span}${t.name_zh}预计分别为${vals}` : `${span}${t.name_zh}预计为${vals}`;
    return `${P}${head}${verdict}${N}${A}。`;
  }

  const x = ev.projected as number;
  const val = formatJudged(t, x, lang);
  let measure: string;
  switch (t.kind) {
    case 'reduction':
      measure = x >= 0 ? `${T}年${stemZh(t)}较${b}年累计下降${formatNumber(x, lang, 1)}%` : `${T}年${stemZh(t)}较${b}年累计上升${formatNumber(-x, lang, 1)}%`;
      break;
    case 'growth_rate':
      measure = x >= 0 ? `${b + 1}—${T}年${stemZh(t)}年均增长${formatNumber(x, lang, 1)}%` : `${b + 1}—${T}年${stemZh(t)}年均下降${formatNumber(-x, lang, 1)}%`;
      break;
    case 'cumulative':
      measure = `${t.start_year ?? b + 1}—${T}年${t.name_zh}预计累计${val}`;
      break;
    case 'share':
    case 'range':
      measure = `${T}年${t.name_zh}预计为${val}`;
      break;
    default:
      measure = `${T}年${t.name_zh}预计达到${val}`;
  }
  if (ev.status === 'achieved_early') return `${P}${t.name_zh}已提前实现目标（${tp}），${measure.replace(t.name_zh, '')}${N}${A}。`;

  const gap = ev.gap;
  let clause = '';
  if (t.kind === 'range') {
    clause = ev.met ? `，处于目标区间（${tp}）内` : gap !== null ? `，偏离目标区间（${tp}）${formatGap(t, Math.abs(gap), lang).replace(/^差/, '')}` : '';
  } else if (ev.met === true) {
    if (t.comparator === '~' || t.comparator === '=') clause = `，与目标（${tp}）基本相当`;
    else if (gap !== null && gap < -1e-9 * Math.max(1, Math.abs(x))) clause = `，可实现目标（${tp}），${formatGap(t, gap, lang)}`;
    else clause = `，可实现目标（${tp}）`;
  } else if (ev.met === false) {
    const down = t.comparator === '<=' || t.comparator === '<';
    if (gap === null || Math.abs(gap) < 1e-12) clause = `，未达到目标（${tp}）`;
    else if (down) clause = `，超出目标上限${formatGap(t, -Math.abs(gap), lang).replace(/^超出/, '')}`;
    else if (gap > 0) clause = `，距目标${formatGap(t, gap, lang)}`;
    else clause = `，未达到目标（${tp}）`;
    clause += required(ev, true, t, lang);
  }
  return `${P}${measure}${clause}${N}${A}。`;
}

function draftEn(t: Target, ev: TargetEvaluation | null, scenarioName: string, opts: SentenceOptions): string {
  const lang = 'en';
  const S = scenarioPhrase(scenarioName, lang);
  const A = ev?.assumed ? ' (includes assumed data)' : '';
  const N = nowcastClause(opts.nowcast, lang);
  const tp = formatTarget(t, lang);
  const name = t.name_en;
  if (!ev || ev.status === 'no_data' || (ev.projected === null && ev.yearly.length === 0)) {
    return `${name}: ${S}, there are not enough data to judge progress${A}.`;
  }
  const T = ev.target_year;
  const b = ev.base_year;

  if (t.kind === 'annual_flow') {
    const ys = ev.yearly;
    const vals = ys.map((y) => `${y.year} ${formatValue(y.value, t.unit, lang)}`).join(', ');
    const failed = ys.filter((y) => !y.met).map((y) => `${y.year}`);
    const word = t.comparator === '<=' || t.comparator === '<' ? 'above' : t.comparator === '~' || t.comparator === '=' ? 'off' : 'below';
    const verdict =
      ev.status === 'achieved_early'
        ? `; the target (${tp}) has already been met ahead of schedule`
        : failed.length === 0
          ? `; every year meets the target (${tp})`
          : `; ${word} the target (${tp}) in ${failed.join(', ')}`;
    return `${name}: ${S}, projected ${vals}${verdict}${N}${A}.`;
  }

  const x = ev.projected as number;
  const val = formatJudged(t, x, lang);
  let measure: string;
  switch (t.kind) {
    case 'reduction':
      measure = x >= 0 ? `a cumulative fall of ${formatNumber(x, lang, 1)}% from ${b} to ${T}` : `a cumulative rise of ${formatNumber(-x, lang, 1)}% from ${b} to ${T}`;
      break;
    case 'growth_rate':
      measure = x >= 0 ? `average growth of ${formatNumber(x, lang, 1)}% a year over ${b + 1}–${T}` : `an average fall of ${formatNumber(-x, lang, 1)}% a year over ${b + 1}–${T}`;
      break;
    case 'cumulative':
      measure = `projected to total ${val} over ${t.start_year ?? b + 1}–${T}`;
      break;
    default:
      measure = `projected at ${val} in ${T}`;
  }
  if (ev.status === 'achieved_early') return `${name}: ${S}, the target (${tp}) has already been met ahead of schedule; ${measure}${N}${A}.`;

  const gap = ev.gap;
  let clause = '';
  if (t.kind === 'range') {
    clause = ev.met ? `, within the target range (${tp})` : `, outside the target range (${tp})`;
  } else if (ev.met === true) {
    if (t.comparator === '~' || t.comparator === '=') clause = `, in line with the target (${tp})`;
    else if (gap !== null && gap < -1e-9 * Math.max(1, Math.abs(x))) clause = `, meeting the target (${tp}) with ${formatGap(t, gap, lang).replace(/ over$/, '')} to spare`;
    else clause = `, meeting the target (${tp})`;
  } else if (ev.met === false) {
    const down = t.comparator === '<=' || t.comparator === '<';
    if (gap === null || Math.abs(gap) < 1e-12) clause = `, not meeting the target (${tp})`;
    else if (down) clause = `, ${formatGap(t, -Math.abs(gap), lang)} the ceiling (${tp})`;
    else if (gap > 0) clause = `, ${formatGap(t, gap, lang)} of the target (${tp})`;
    else clause = `, not meeting the target (${tp})`;
    clause += required(ev, false, t, lang);
  }
  return `${name}: ${S}, ${measure}${clause}${N}${A}.`;
}

/** Whether the unit of a judged quantity is percent (the slide shows "个百分点" gaps). */
export function judgedInPercent(t: Pick<Target, 'kind' | 'unit'>): boolean {
  return t.kind === 'reduction' || t.kind === 'growth_rate' || isPercentUnit(t.unit);
}
