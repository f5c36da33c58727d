/**
 * One verdict line per target (issue 15 item 2), written once for every surface: the Scoreboard
 * row, the Workbench card, presentation mode, the PDF, the workbook and the CLI. E.g.
 *   预计未完成：2026年按1-10月推算628.6亿元，距目标差71.4亿元；11-12月还需完成171.4亿元，需同比增长12.3%
 *   未完成：2026年实际4,800人，距目标差200人
 *   基本符合预期：2026年预计10家，超出2家（按序时进度：基期2023年为假设值5家）
 * Parts: the verdict (models/status.ts); the target year's figure and its basis (实际 / 按1-N月推算 /
 * N月末已达, a stock's published month-end level that floors the year / 预计); the gap in the target's units (counts whole: 差1家, never 差0.1家); what remains this year,
 * per kind (11-12月还需完成…、还需新增2家、还需提高1.2个百分点、2026年需下降4.3%; none once met); and
 * the reason whenever the pieces look contradictory. Pure: no Node, no DOM, no clock.
 */
import { kindOf } from './kinds';
import { ytdLabelEn, ytdLabelZh } from './nowcast';
import { isWholeCountTarget, wholeCountText, wholeDifference } from './counts';
import { judgedFigure } from './sentences';
import { remainderTargetValue, restMonthsEn, restMonthsZh, yearRemainder } from './ytd-progress';
import type { Status, Target } from './schema';
import { STATUS_TABLE, statusWord, type StatusTone } from './status';
import type { TargetEvaluation } from './types';
import { missingDataText } from './missing-data';
import { formatFigure, formatNumber, isPercentUnit, percentDecimals, type Locale } from './units';

export interface VerdictLine {
  status: Status;
  tone: StatusTone;
  /** 预计未完成（按1-10月推算） */
  verdict: string;
  /** 2026年按1-10月推算628.6亿元 */
  figure: string | null;
  /** 距目标差71.4亿元 / 超出2家 / 达到目标 */
  gap: string | null;
  /** 11-12月还需完成171.4亿元，需同比增长12.3% / 还需新增2家 / 2026年需下降4.3% */
  remaining: string | null;
  /** why the pieces look contradictory, or why no verdict can be given */
  reason: string | null;
  /** the whole line */
  text: string;
}

const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Fmt {
  lang: Locale;
  zh: boolean;
  unit: string;
  /** a count with whole targets: every difference whole */
  whole: boolean;
  /** the judged quantity is in percent: differences in 个百分点 */
  percent: boolean;
}

function fmtOf(t: Target, lang: Locale): Fmt {
  return {
    lang,
    zh: lang === 'zh-CN',
    unit: t.unit,
    whole: isWholeCountTarget(t),
    percent: isPercentUnit(t.unit) || kindOf(t.kind).percentJudged,
  };
}

function pct(x: number, lang: Locale): string {
  return `${formatNumber(x, percentDecimals(x), lang, true)}%`;
}

function points(a: number, f: Fmt): string {
  const n = formatNumber(a, percentDecimals(a), f.lang, true);
  return f.zh ? `${n}个百分点` : `${n} percentage point${n === '1.0' ? '' : 's'}`;
}

function wholeCount(n: number, f: Fmt): string {
  return wholeCountText(n, f.unit, f.lang);
}

/** A difference a ≥ 0 in the target's units; a shortfall of a count rounds up (差1家, never 差0.1家). */
function diff(a: number, f: Fmt, shortfall: boolean): string | null {
  if (f.whole) {
    const n = wholeDifference(a, shortfall);
    return n >= 1 ? wholeCount(n, f) : null;
  }
  if (f.percent) return a >= 0.005 || shortfall ? points(a, f) : null;
  return a > 0 || shortfall ? formatFigure(a, f.unit, f.lang) : null;
}

function basisWords(ev: TargetEvaluation, f: Fmt): string {
  const T = ev.target_year;
  const m = ev.basis_month ?? null;
  if (ev.basis === 'actual') return f.zh ? `${T}年实际` : `${T} actual`;
  if (ev.basis === 'nowcast' && m !== null) return f.zh ? `${T}年按${ytdLabelZh(m)}推算` : `${T} estimated from ${ytdLabelEn(m)}`;
  return f.zh ? `${T}年预计` : `${T} projected`;
}

function figureOf(t: Target, ev: TargetEvaluation, f: Fmt): string | null {
  if (ev.projected === null) return null;
  const mod = kindOf(t.kind);
  const x = ev.projected;
  const val = judgedFigure(t, x, f.lang);
  if (ev.basis === 'month_end' && ev.basis_month) {
    // the figure is a level already reached that year (a published month-end stock, models/anchors.ts)
    const T = ev.target_year;
    const m = ev.basis_month;
    return f.zh ? `${T}年${m}月末已达${val}` : `${val} reached by the end of ${MONTH_EN[m - 1]} ${T}`;
  }
  const head = basisWords(ev, f);
  const words = mod.words.figureWords?.(x, f.lang, ev.base_year) ?? null;
  if (words !== null) return f.zh ? `${head}${words}` : `${head}: ${words}`;
  return f.zh ? `${head}${val}` : `${head} ${val}`;
}

function gapOf(t: Target, ev: TargetEvaluation, f: Fmt): string | null {
  if (ev.gap === null || ev.met === null) return null;
  const yr = ev.gap_year !== null && ev.gap_year !== undefined && ev.gap_year !== ev.target_year ? ev.gap_year : null;
  if (ev.met) {
    if (Array.isArray(t.target) && ev.projected !== null) {
      const hi = Math.max(t.target[0], t.target[1]);
      if (ev.projected < hi) {
        const d = diff(hi - ev.projected, f, true);
        return f.zh ? `达到下限，距力争目标差${d}` : `the floor is met; ${d} short of the aim`;
      }
      return f.zh ? '达到目标' : 'target met';
    }
    const over = t.comparator === '~' || t.comparator === '=' ? null : diff(-ev.gap, f, false);
    return over ? (f.zh ? `超出${over}` : `${over} above the target`) : f.zh ? '达到目标' : 'target met';
  }
  const d = diff(ev.gap, f, true);
  if (f.zh) return `${yr ? `${yr}年` : ''}距目标差${d}`;
  return `${d} short of the target${yr ? ` in ${yr}` : ''}`;
}

/** What remains to be done in the target year, per kind; null once met or once the year's actual is in. */
function remainingOf(t: Target, ev: TargetEvaluation, f: Fmt): string | null {
  if (ev.met !== false || ev.gap === null || Array.isArray(t.target)) return null;
  if (ev.final && ev.basis === 'actual') return null;
  const T = ev.target_year;
  // an annual flow missed in an earlier counted year: nothing this year can make that year up
  if (ev.gap_year !== null && ev.gap_year !== undefined && ev.gap_year !== T) return null;
  const mod = kindOf(t.kind);
  const up = t.comparator === '>=' || t.comparator === '>';
  // a flow with this year's 1-N月 figure: what the remaining months must bring
  const aim = remainderTargetValue(t);
  if (ev.ytd && aim !== null) {
    const yr = yearRemainder(ev.ytd, aim);
    const rem = yr.remaining ?? 0;
    if (rem > 0) {
      const m = yr.month;
      const months = f.zh ? restMonthsZh(m) : restMonthsEn(m);
      const amt = f.whole ? wholeCount(Math.ceil(rem - 1e-9), f) : formatFigure(rem, f.unit, f.lang);
      const g = yr.yoy;
      const yoy =
        g === null
          ? ''
          : g > 0
            ? f.zh
              ? `，需同比增长${pct(g * 100, f.lang)}`
              : `, up ${pct(g * 100, f.lang)} on the same months of ${T - 1}`
            : '';
      return f.zh ? `${months}还需完成${amt}${yoy}` : `${amt} still needed in ${months}${yoy}`;
    }
  }
  const r = ev.required_growth;
  const from = ev.growth_from_year ?? ev.base_year;
  if (mod.percentJudged) {
    if (r === null || !Number.isFinite(r) || from >= T) return null;
    if (t.kind === 'reduction') {
      if (!(r < 0)) return null;
      const a = pct(-r * 100, f.lang);
      if (from === T - 1) return f.zh ? `${T}年需下降${a}` : `it needs to fall ${a} in ${T}`;
      return f.zh ? `${from + 1}—${T}年需年均下降${a}` : `it needs to fall ${a} a year over ${from + 1}–${T}`;
    }
    if (!(r > 0)) return null;
    const a = pct(r * 100, f.lang);
    if (from === T - 1) return f.zh ? `${T}年需增长${a}` : `it needs growth of ${a} in ${T}`;
    return f.zh ? `${from + 1}—${T}年需年均增长${a}` : `it needs average growth of ${a} a year over ${from + 1}–${T}`;
  }
  if (f.whole) {
    const n = wholeCount(wholeDifference(ev.gap, true), f);
    if (up) return f.zh ? `还需新增${n}` : `${n} more needed`;
    return f.zh ? `还需减少${n}` : `${n} fewer needed`;
  }
  if (isPercentUnit(t.unit)) {
    const p = points(ev.gap, f);
    if (up) return f.zh ? `还需提高${p}` : `it needs to rise ${p}`;
    return f.zh ? `还需降低${p}` : `it needs to fall ${p}`;
  }
  if (r === null || !Number.isFinite(r) || from >= T) return null;
  if (up && r > 0) {
    const a = pct(r * 100, f.lang);
    if (from === T - 1) return f.zh ? `${T}年需增长${a}` : `it needs growth of ${a} in ${T}`;
    return f.zh ? `${from + 1}—${T}年需年均增长${a}` : `it needs average growth of ${a} a year over ${from + 1}–${T}`;
  }
  if (!up && r < 0) {
    const a = pct(-r * 100, f.lang);
    return f.zh ? `${T}年前需年均下降${a}` : `it needs to fall ${a} a year to ${T}`;
  }
  return null;
}

/** The reason a reader needs when status, figure and gap seem to disagree. */
function reasonOf(t: Target, ev: TargetEvaluation, f: Fmt): string | null {
  if (ev.refusal) return f.zh ? ev.refusal.zh : ev.refusal.en;
  const T = ev.target_year;
  const b = ev.base_year;
  const baseNote =
    ev.base_assumed && ev.base_value !== null && ev.base_value !== undefined
      ? f.zh
        ? `基期${b}年为假设值${judgedBase(t, ev.base_value, f)}`
        : `the ${b} base is an assumed ${judgedBase(t, ev.base_value, f)}`
      : null;
  if (ev.met_before && ev.projected !== null) {
    const was = judgedFigure(t, ev.met_before.value, f.lang);
    const now = judgedFigure(t, ev.projected, f.lang);
    return f.zh
      ? `${ev.met_before.year}年已达到（${was}），${T}年预计回落至${now}`
      : `met in ${ev.met_before.year} (${was}), projected to fall back to ${now} in ${T}`;
  }
  if (ev.final) return null;
  if (ev.status === 'lagging' && ev.met === true) {
    if (f.zh) return baseNote ? `按序时进度滞后：${baseNote}` : `按序时进度滞后，${T}年预计可达到目标`;
    return baseNote ? `lagging the schedule: ${baseNote}` : `lagging the schedule, though projected to meet the target in ${T}`;
  }
  if (ev.status === 'ahead' && ev.met === false) {
    const w = statusWord(ev.status, f.lang);
    if (f.zh) return `按序时进度${w}${baseNote ? `（${baseNote}）` : ''}，但按当前测算${T}年未达到目标`;
    // 'ahead of schedule' already names the schedule
    return `${w}${baseNote ? ` (${baseNote})` : ''}, but projected to miss the target in ${T}`;
  }
  if ((ev.status === 'ahead' || ev.status === 'achieved_early') && baseNote)
    return f.zh ? `按序时进度：${baseNote}` : `by the schedule: ${baseNote}`;
  return null;
}

function judgedBase(t: Target, v: number, f: Fmt): string {
  if (f.whole) return wholeCount(Math.round(v), f);
  return formatFigure(v, kindOf(t.kind).percentJudged ? '' : t.unit, f.lang);
}

/** The verdict line of a target under an evaluation (null: no data). */
export function verdictLine(t: Target, ev: TargetEvaluation | null, lang: Locale): VerdictLine {
  const f = fmtOf(t, lang);
  const status: Status = ev?.status ?? 'no_data';
  const tone = STATUS_TABLE[status].tone;
  let verdict = statusWord(status, lang);
  if (ev && ev.final && ev.basis === 'nowcast' && ev.basis_month)
    verdict += f.zh ? `（按${ytdLabelZh(ev.basis_month)}推算）` : ` (estimated from ${ytdLabelEn(ev.basis_month)})`;
  if (ev && ev.final && ev.basis === 'month_end' && ev.basis_month)
    verdict += f.zh ? `（按${ev.basis_month}月末存量）` : ` (on the ${MONTH_EN[ev.basis_month - 1]} month-end level)`;
  if (!ev || (status === 'no_data' && !ev.refusal)) {
    // say what is missing and what to enter when it is known (models/missing-data.ts)
    const reason = ev?.missing ? missingDataText(ev.missing, lang) : null;
    const text = reason
      ? f.zh
        ? `${verdict}（${reason}）`
        : `${verdict} (${reason})`
      : f.zh
        ? `${verdict}：暂无可用数据`
        : `${verdict}: no usable data`;
    return { status, tone, verdict, figure: null, gap: null, remaining: null, reason, text };
  }
  const figure = ev.refusal ? null : figureOf(t, ev, f);
  const gap = ev.refusal ? null : gapOf(t, ev, f);
  const remaining = ev.refusal ? null : remainingOf(t, ev, f);
  const reason = reasonOf(t, ev, f);
  const sep = f.zh ? '，' : ', ';
  const head = [figure, gap].filter((x): x is string => !!x).join(sep);
  let text = f.zh ? `${verdict}：${head}` : `${verdict}: ${head}`;
  if (!head) text = verdict;
  if (remaining) text += f.zh ? `；${remaining}` : `; ${remaining}`;
  if (reason) text += f.zh ? `（${reason}）` : ` (${reason})`;
  return { status, tone, verdict, figure, gap, remaining, reason, text };
}

/**
 * The period the verdicts actually rest on, for a headline: 截至2026年1-10月 when target-year
 * figures are nowcasts, 截至2026年 on target-year actuals, 2026年预计 on projections alone, and
 * 截至2025年 (the latest status year) before the final year.
 */
export function judgedPeriod(
  evals: readonly TargetEvaluation[],
  lang: Locale,
): { final: boolean; year: number | null; month: number | null; text: string } {
  const zh = lang === 'zh-CN';
  const finals = evals.filter((e) => e.final && e.status !== 'no_data');
  if (finals.length > 0) {
    const T = Math.max(...finals.map((e) => e.target_year));
    const months = finals.filter((e) => e.basis === 'nowcast' && e.basis_month).map((e) => e.basis_month as number);
    if (months.length > 0) {
      const m = Math.max(...months);
      return { final: true, year: T, month: m, text: zh ? `截至${T}年${ytdLabelZh(m)}` : `as of ${ytdLabelEn(m)} ${T}` };
    }
    if (finals.some((e) => e.basis === 'actual')) return { final: true, year: T, month: null, text: zh ? `截至${T}年` : `as of ${T}` };
    return { final: true, year: T, month: null, text: zh ? `${T}年预计` : `${T} projected` };
  }
  const ys = evals.map((e) => e.status_year).filter((y): y is number => typeof y === 'number');
  if (ys.length === 0) return { final: false, year: null, month: null, text: '' };
  const y = Math.max(...ys);
  return { final: false, year: y, month: null, text: zh ? `截至${y}年` : `as of ${y}` };
}
