/**
 * The required effort of a target (所需增速), once for every surface: the scoreboard's column, the
 * workbench's KPI and assumption card, the slides, the workbook's column, the CLI's table and JSON.
 *
 * - reached (已达到): the judged quantity in the year the required growth runs from (the latest
 *   actual, evaluation.growth_from_year) already meets the target, and the required change lies on
 *   the easy side; the headroom is how far the lever could move the other way a year and still meet
 *   it ("可年均下降26.1%仍达标"), never a bare negative rate beside 提前实现;
 * - needed: the required change a year, with `behind` when the scenario's assumed change falls short
 *   of it in the direction of the effort (a falling target behind its required fall is behind too);
 * - none: no rate (no years left, a range, no data).
 *
 * Which sign is effort is the kind's (KindModule.effortSign: a reduction's intensity must fall).
 * A share's rates are its numerator's growth (the denominator on its projection): labelled 分子.
 */
// the registry first: common.ts reaches the kinds through evaluate.ts, so loading it first would
// hand the kind modules a half-loaded common.ts
import { kindOf } from './index';
import { effortByComparator } from './common';
import type { Comparator } from '../schema';
import type { TargetEvaluation } from '../types';
import { formatNumber } from '../units';
import type { KindLanguage } from './types';

export type EffortState = 'reached' | 'needed' | 'none';

export interface RequiredEffort {
  state: EffortState;
  /** the required change a year (fraction, signed), on the lever; null: none */
  rate: number | null;
  /** the scenario's own change a year over the same years, on the lever */
  assumed: number | null;
  /** reached: the change a year the other way that still meets the target (fraction ≥ 0); null: not known */
  headroom: number | null;
  /** +1: the effort is a rise; -1: a fall; 0: no direction (约, 区间) */
  direction: 1 | -1 | 0;
  /** needed, and the assumed change falls short of the required one in the direction of the effort */
  behind: boolean;
  /** what the rates are the growth of */
  lever: 'own' | 'numerator' | 'flow';
  /** the series id of the lever */
  leverSeries: string;
  /** the years the rates run over */
  from: number;
  to: number;
}

type EffortInput = Pick<
  TargetEvaluation,
  'kind' | 'comparator' | 'series' | 'target_year' | 'base_year' | 'required_growth' | 'assumed_growth'
> &
  Partial<Pick<TargetEvaluation, 'growth_from_year' | 'growth_from_met' | 'growth_lever' | 'growth_series'>>;

const EPS = 1e-12;

/** The sign of a required change that is effort, for a kind and comparator. */
export function effortSignOf(kind: string, cmp: Comparator): 1 | -1 | 0 {
  const mod = kindOf(kind);
  return mod.effortSign ? mod.effortSign(cmp) : effortByComparator(cmp);
}

export function requiredEffort(ev: EffortInput): RequiredEffort {
  const from = ev.growth_from_year ?? ev.base_year;
  const to = ev.target_year;
  const direction = effortSignOf(ev.kind, ev.comparator);
  const r = ev.required_growth !== null && Number.isFinite(ev.required_growth) ? ev.required_growth : null;
  const assumed = ev.assumed_growth !== null && Number.isFinite(ev.assumed_growth) ? ev.assumed_growth : null;
  const lever = ev.growth_lever ?? (ev.growth_series && ev.growth_series !== ev.series && ev.kind === 'share' ? 'numerator' : 'own');
  const out: RequiredEffort = {
    state: 'none',
    rate: r,
    assumed,
    headroom: null,
    direction,
    behind: false,
    lever,
    leverSeries: ev.growth_series ?? ev.series,
    from,
    to,
  };
  if (from >= to) {
    out.rate = null;
    return out;
  }
  const easy = r !== null && direction !== 0 && direction * r <= EPS;
  // evaluations without the field (older results, synthetic ones): the rate's side tells
  const metAtFrom = ev.growth_from_met === undefined ? easy : ev.growth_from_met === true;
  if (direction !== 0 && metAtFrom && (r === null || easy)) {
    out.state = 'reached';
    out.headroom = r === null ? null : Math.max(0, -direction * r);
    return out;
  }
  if (r === null) return out;
  out.state = 'needed';
  out.behind = assumed !== null && direction !== 0 && direction * (assumed - r) < -1e-9;
  return out;
}

const pct = (v: number, lang: KindLanguage): string => `${formatNumber(v * 100, 1, lang, true)}%`;

/** What the column shows: 已达到 / reached, the rate, or —. */
export function effortCellText(e: RequiredEffort, lang: KindLanguage): string {
  if (e.state === 'reached') return lang === 'zh-CN' ? '已达到' : 'reached';
  if (e.state === 'needed' && e.rate !== null) return pct(e.rate, lang);
  return '—';
}

/** The headroom of a reached target: 可年均下降26.1%仍达标 / could fall 26.1% a year and still meet it. */
export function effortHeadroomText(e: RequiredEffort, lang: KindLanguage): string | null {
  if (e.state !== 'reached') return null;
  const zh = lang === 'zh-CN';
  if (e.headroom === null) return zh ? `${e.from}年已达到目标` : `met already in ${e.from}`;
  if (e.headroom < 5e-4) return zh ? `保持${e.from}年水平即可达标` : `holding the ${e.from} level meets it`;
  const p = pct(e.headroom, lang);
  const oneYear = e.to - e.from === 1;
  // the allowed move is against the effort: a rising target may fall, a falling one may rise
  const fall = e.direction > 0;
  if (zh) {
    const verb = fall ? '下降' : '上升';
    return oneYear ? `${e.to}年可${verb}${p}仍达标` : `可年均${verb}${p}仍达标`;
  }
  const verb = fall ? 'fall' : 'rise';
  return oneYear ? `could ${verb} ${p} in ${e.to} and still meet it` : `could ${verb} ${p} a year and still meet it`;
}

/** The label of the required rate: 所需增速, or 分子所需增速 for a share's numerator. */
export function effortLabel(e: Pick<RequiredEffort, 'lever'>, lang: KindLanguage): string {
  if (e.lever === 'numerator') return lang === 'zh-CN' ? '分子所需增速' : 'required growth (numerator)';
  return lang === 'zh-CN' ? '所需增速' : 'required growth';
}

/** The note naming a share's numerator: 所需、假设增速均为分子（规上工业企业研发机构数）的增速。 */
export function effortLeverNote(e: Pick<RequiredEffort, 'lever'>, leverName: string, lang: KindLanguage): string | null {
  if (e.lever !== 'numerator') return null;
  return lang === 'zh-CN'
    ? `所需、假设增速均为分子（${leverName}）的年均增速，分母按其测算值`
    : `both rates are the growth of the numerator (${leverName}), the denominator on its projection`;
}
