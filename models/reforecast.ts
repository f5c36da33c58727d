/**
 * Using year-to-date statistics in projections: nowcast actuals for the plan's last year, and a
 * reforecast scenario that keeps each series' model but continues from the latest actual or
 * nowcast. Pure (no SQLite, no clock): the API and the UI wire the store around these.
 * See docs/nowcast.md.
 */
import type { Actual, Assumption, GrowthModel, Plan, Series } from './schema';
import type { ResolvedAssumption } from './types';
import {
  estimateFullYear,
  fmtNum,
  NowcastError,
  ytdLabelEn,
  ytdLabelZh,
  type NowcastInput,
  type NowcastPrice,
  type NowcastResult,
} from './nowcast';
import {
  formatNowcastNote,
  historyBySeries,
  isNowcast,
  parseYtdNote,
  parseYtdPeriod,
  recordInForce,
  type ActualLike,
  type SeriesHistory,
} from './records';
import type { NowcastActuals, ReforecastAction, ReforecastNote } from './reforecast-types';

export type { NowcastActuals, NowcastSkip, ReforecastAction, ReforecastNote } from './reforecast-types';

/** Source title of a nowcast: "1-9月累计推算 / nowcast from January–September". */
export function nowcastSourceTitle(month: number): string {
  return `${ytdLabelZh(month)}累计推算 / nowcast from ${ytdLabelEn(month)}`;
}

const METHOD_ZH: Record<NowcastResult['method_used'], string> = {
  blend: '季节占比法与增速推算法加权',
  seasonal_share: '季节占比法',
  growth_applied: '增速推算法',
};
const METHOD_EN: Record<NowcastResult['method_used'], string> = {
  blend: 'blend of seasonal share and growth applied',
  seasonal_share: 'seasonal share',
  growth_applied: 'growth applied',
};

/** The Actual written for a nowcast result. */
export function nowcastToActual(r: NowcastResult): Actual {
  const text =
    `按${r.year}年${ytdLabelZh(r.as_of_month)}累计推算（${METHOD_ZH[r.method_used]}），区间 ${fmtNum(r.low)}–${fmtNum(r.high)} / ` +
    `nowcast from ${ytdLabelEn(r.as_of_month)} ${r.year} (${METHOD_EN[r.method_used]}), range ${fmtNum(r.low)}–${fmtNum(r.high)}`;
  return {
    series: r.series,
    period: String(r.year),
    value: r.estimate,
    value_kind: 'estimate',
    source: { title: nowcastSourceTitle(r.as_of_month), url: null, date: null, reliability: 'internal' },
    vintage: null,
    note: formatNowcastNote(
      {
        as_of: `${r.year}-${String(r.as_of_month).padStart(2, '0')}`,
        method: r.method_used,
        low: r.low,
        high: r.high,
        band: r.error_band_source,
      },
      text,
    ),
    entered_by: 'nowcast',
  };
}

/** What the nowcast reads of the plan: its series, actuals and (for the deflators) its presets. */
export type NowcastPlan = Pick<Plan, 'series' | 'actuals'> & { presets?: Plan['presets'] };

/** The comparable-price companion of a series: the plan series that deflates it (gdp_real for gdp_nominal). */
function deflatedCompanion(plan: Pick<Plan, 'series'>, seriesId: string): { series: Series; deflator: Series | undefined } | null {
  for (const s of plan.series) {
    const d = s.derived;
    if (d && d.type === 'deflate' && d.nominal === seriesId) return { series: s, deflator: plan.series.find((x) => x.id === d.deflator) };
  }
  return null;
}

/** The growth a model gives in `year` when it is a rate (path, cagr, flat); undefined otherwise. */
function modelRate(m: GrowthModel, year: number): number | undefined {
  if (m.type === 'path') return m.rates[String(year)] ?? m.default_rate ?? 0;
  if (m.type === 'cagr') return m.rate;
  if (m.type === 'flat') return 0;
  return undefined;
}

/**
 * The price basis of a series' reported 累计增速. A current-price series that the plan deflates
 * (地区生产总值(现价) has 地区生产总值(2023年可比价) = 现价 ÷ 地区生产总值平减指数) is one whose growth
 * the statistics bureau publishes at comparable prices (地区生产总值, 规上工业增加值): growth applied
 * then scales it by the deflator's change. The change of year y is P(y) / P(y-1) - 1 from the
 * deflator's annual actuals when both years have one, else the growth of the deflator's assumption
 * in the plan's baseline preset (a path, cagr or flat model); a year with neither is left out (the
 * nowcast then takes prices as unchanged and says so). Undefined for any other series.
 */
export function nowcastPriceFor(plan: NowcastPlan, seriesId: string, hist: Map<string, SeriesHistory>): NowcastPrice | undefined {
  const series = plan.series.find((s) => s.id === seriesId);
  if (!series || series.price_basis !== 'current') return undefined;
  const comp = deflatedCompanion(plan, seriesId);
  if (!comp || !comp.deflator) return undefined;
  const defId = comp.deflator.id;
  const levels = new Map((hist.get(defId)?.annual ?? []).map((a) => [a.year, a.value]));
  const presets = plan.presets ?? [];
  const ordered = [...presets.filter((p) => p.id === 'baseline'), ...presets.filter((p) => p.id !== 'baseline')];
  const asm = ordered.map((p) => p.assumptions.find((a) => a.series === defId)).find((a) => a !== undefined);
  const years = new Set((hist.get(seriesId)?.ytd ?? []).map((p) => p.year));
  const change: Record<number, number> = {};
  for (const y of years) {
    const p1 = levels.get(y);
    const p0 = levels.get(y - 1);
    if (p1 !== undefined && p0 !== undefined && p0 > 0 && p1 > 0) change[y] = p1 / p0 - 1;
    else if (asm) {
      const r = modelRate(asm.model, y);
      if (r !== undefined && Number.isFinite(r) && r > -1) change[y] = r;
    }
  }
  return {
    growth_basis: 'comparable',
    deflator_change: change,
    deflator_name_zh: comp.deflator.name_zh,
    deflator_name_en: comp.deflator.name_en,
  };
}

/** The nowcast input of a plan series from the histories of the records in force. */
export function nowcastInputFor(plan: NowcastPlan, seriesId: string, hist: Map<string, SeriesHistory>, year: number): NowcastInput {
  const h = hist.get(seriesId);
  const s = plan.series.find((x) => x.id === seriesId);
  const price = nowcastPriceFor(plan, seriesId, hist);
  return {
    series: seriesId,
    year,
    ytd: h?.ytd ?? [],
    annual: h?.annual ?? [],
    flow: s?.nature === 'flow',
    name_zh: s?.name_zh,
    name_en: s?.name_en,
    ...(price ? { price } : {}),
  };
}

/**
 * A full-year estimate of `year` for every series of the plan with year-to-date data in that
 * year and no published annual value for it. `actuals` are the stored actuals (deleted ones are
 * ignored) and may include the plan's; the record in force per period is used (latest vintage).
 * Earlier nowcasts among them are never read as annual totals.
 */
export function nowcastActuals(plan: NowcastPlan, actuals: readonly ActualLike[], year: number): NowcastActuals {
  const all: ActualLike[] = [...(plan.actuals ?? []), ...actuals];
  const hist = historyBySeries(all);
  const full = fullYearActuals(all, hist, year);
  const out: NowcastActuals = { actuals: [...full], results: [], skipped: [] };
  for (const s of plan.series) {
    const h = hist.get(s.id);
    if (!h || !h.ytd.some((p) => p.year === year)) continue;
    if (h.annual.some((a) => a.year === year)) {
      out.skipped.push({
        series: s.id,
        reason: 'annual_published',
        message_zh: `${s.name_zh}：${year}年全年值已录入，不再推算`,
        message_en: `${s.name_en}: the ${year} annual value is already entered; no nowcast`,
      });
      continue;
    }
    if (full.some((a) => a.series === s.id && a.period === String(year))) {
      out.skipped.push({
        series: s.id,
        reason: 'full_year_ytd',
        message_zh: `${s.name_zh}：${year}年1-12月累计已录入，作为全年值，不再推算`,
        message_en: `${s.name_en}: the ${year} January–December figure is entered and taken as the year's; no nowcast`,
      });
      continue;
    }
    try {
      const r = estimateFullYear(nowcastInputFor(plan, s.id, hist, year));
      out.results.push(r);
      out.actuals.push(nowcastToActual(r));
    } catch (e) {
      if (!(e instanceof NowcastError)) throw e;
      out.skipped.push({ series: s.id, reason: e.code, message_zh: e.message_zh, message_en: e.message_en });
    }
  }
  return out;
}

/**
 * A January–December figure (1-12月累计: the year's total of a flow, the year-end level of a
 * stock) is the year's figure: for every year up to `year` with one and no annual record, the
 * yearly actual the projection and the charts use, with the cumulative's source, value kind and
 * vintage, and a note saying where it came from. A cumulative implied from last year (no figure
 * was given) is not one.
 */
function fullYearActuals(all: readonly ActualLike[], hist: Map<string, SeriesHistory>, year: number): Actual[] {
  const out: Actual[] = [];
  for (const a of recordInForce(all, { separateNowcasts: true })) {
    const ym = parseYtdPeriod(a.period);
    if (!ym || ym.month !== 12 || ym.year > year) continue;
    if (parseYtdNote(a.note).implied !== undefined) continue;
    if (hist.get(a.series)?.annual.some((p) => p.year === ym.year)) continue;
    const label = `${ym.year}年1-12月累计`;
    const source = a.source
      ? { ...a.source, title: a.source.title.includes('1-12月') ? a.source.title : `${a.source.title}（${label}）`.slice(0, 300) }
      : { title: `${label} / January–December ${ym.year}`, url: null, date: null, reliability: 'official' as const };
    out.push({
      series: a.series,
      period: String(ym.year),
      value: a.value,
      value_kind: a.value_kind ?? 'actual',
      source,
      vintage: a.vintage ?? null,
      note: `${ym.year}年1-12月累计数，作为全年值 / the January–December ${ym.year} figure, taken as the year's`,
      entered_by: 'ytd 1-12',
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reforecast
// ---------------------------------------------------------------------------------------------

export interface ReforecastAnchor {
  year: number;
  kind: 'actual' | 'nowcast';
  value: number;
}

export interface ReforecastResult {
  /** assumptions to store in the reforecast scenario (only the series that changed). */
  overrides: Assumption[];
  notes: ReforecastNote[];
  /** series -> the year (and value) the projection continues from. */
  anchors: Record<string, ReforecastAnchor>;
  /** the nowcast estimates to pass to the projection as actuals (after the stored ones). */
  nowcast: NowcastActuals;
}

export interface ReforecastOptions {
  /** the year to nowcast (default: the latest year with year-to-date data). null: no nowcast. */
  nowcast_year?: number | null;
  /** author of the overrides (default ''). */
  author?: string;
}

function latestYtdYear(actuals: readonly ActualLike[]): number | null {
  let y: number | null = null;
  for (const a of actuals) {
    if (a.deleted_at) continue;
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(a.period);
    if (m && (y === null || Number(m[1]) > y)) y = Number(m[1]);
  }
  return y;
}

function strip(a: Assumption | ResolvedAssumption): Assumption {
  const { from: _from, ...rest } = a as ResolvedAssumption;
  // an assumption is JSON (validated by its schema): a JSON copy is a deep copy
  return JSON.parse(JSON.stringify(rest)) as Assumption;
}

/**
 * Reforecast: for every series with an assumption, the projection continues from the latest
 * actual or nowcast A (the engine always continues from the latest yearly actual; passing
 * `nowcast.actuals` makes a nowcast that anchor). Each model is kept; parameters anchored at or
 * before A are adjusted or dropped, and said so:
 *  - path: rates for years <= A dropped (they no longer apply);
 *  - interp / step: points or steps at or before A dropped; when none remain, 'flat';
 *  - pipeline: projects at full capacity by A dropped (their output is in the actual);
 *    a project still ramping up is kept (only its output after A is added) and noted;
 *  - logistic: a ceiling below the value at A raised to that value (else the engine refuses);
 *  - cagr, flat, trend, elasticity, intensity_decay: unchanged (noted as 'continues').
 */
export function reforecastAssumptions(
  plan: NowcastPlan,
  resolved: Readonly<Record<string, Assumption | ResolvedAssumption>>,
  actuals: readonly ActualLike[],
  options: ReforecastOptions = {},
): ReforecastResult {
  const all: ActualLike[] = [...(plan.actuals ?? []), ...actuals];
  const year = options.nowcast_year === undefined ? latestYtdYear(all) : options.nowcast_year;
  const nowcast: NowcastActuals = year === null ? { actuals: [], results: [], skipped: [] } : nowcastActuals(plan, actuals, year);
  const hist = historyBySeries([...all, ...nowcast.actuals]);
  const anchors: Record<string, ReforecastAnchor> = {};
  for (const [s, h] of hist) {
    let best: ReforecastAnchor | null = null;
    for (const [y, rec] of h.yearly) {
      if (best && y <= best.year) continue;
      const kind = isNowcast(rec) ? 'nowcast' : 'actual';
      best = { year: y, kind, value: rec.value };
    }
    if (best) anchors[s] = best;
  }

  const overrides: Assumption[] = [];
  const notes: ReforecastNote[] = [];
  const names = new Map(plan.series.map((s) => [s.id, s]));
  for (const s of plan.series) {
    if (s.derived) continue;
    const asm = resolved[s.id];
    const anc = anchors[s.id];
    if (!asm || !anc) continue;
    const A = anc.year;
    const nameZh = names.get(s.id)?.name_zh ?? s.id;
    const nameEn = names.get(s.id)?.name_en ?? s.id;
    const fromZh = anc.kind === 'nowcast' ? `${A}年累计推算值` : `${A}年实际值`;
    const fromEn = anc.kind === 'nowcast' ? `the ${A} nowcast` : `the ${A} actual`;
    const note = (action: ReforecastAction, zh: string, en: string): void => {
      notes.push({
        series: s.id,
        action,
        anchor_year: A,
        anchor_kind: anc.kind,
        message_zh: `${nameZh}：${zh}`,
        message_en: `${nameEn}: ${en}`,
      });
    };
    const m = asm.model;
    let model: GrowthModel | null = null; // the changed model, null when unchanged
    switch (m.type) {
      case 'path': {
        const kept: Record<string, number> = {};
        const dropped: string[] = [];
        for (const [k, r] of Object.entries(m.rates ?? {})) {
          if (Number(k) <= A) dropped.push(k);
          else kept[k] = r;
        }
        if (dropped.length > 0) {
          model = { ...m, rates: kept };
          dropped.sort();
          note(
            'dropped_rates',
            `从${fromZh}起预测，删除已过去年份的增速（${dropped.join('、')}年）`,
            `continues from ${fromEn}; growth rates of past years dropped (${dropped.join(', ')})`,
          );
        }
        break;
      }
      case 'interp':
      case 'step': {
        const pts = m.type === 'interp' ? m.points : m.steps;
        const past = pts.filter((p) => p.year <= A);
        if (past.length === 0) break;
        const future = pts.filter((p) => p.year > A);
        const list = past.map((p) => `${p.year}年 ${fmtNum(p.value)}`).join('、');
        const listEn = past.map((p) => `${p.year}: ${fmtNum(p.value)}`).join(', ');
        if (future.length === 0) {
          model = { type: 'flat' };
          note(
            'to_flat',
            `${m.type === 'interp' ? '插值点' : '阶跃'}均已过去（${list}），改为从${fromZh}起持平`,
            `every ${m.type === 'interp' ? 'point' : 'step'} is in the past (${listEn}): held flat from ${fromEn}`,
          );
        } else {
          model = m.type === 'interp' ? { type: 'interp', points: future } : { type: 'step', steps: future };
          note(
            m.type === 'interp' ? 'dropped_points' : 'dropped_steps',
            `从${fromZh}起预测，删除已过去的${m.type === 'interp' ? '插值点' : '阶跃'}（${list}）`,
            `continues from ${fromEn}; past ${m.type === 'interp' ? 'points' : 'steps'} dropped (${listEn})`,
          );
        }
        break;
      }
      case 'pipeline': {
        const projects = m.projects ?? [];
        const full = projects.filter((p) => p.start_year + (p.ramp_years ?? 1) - 1 <= A);
        const ramping = projects.filter((p) => p.start_year <= A && p.start_year + (p.ramp_years ?? 1) - 1 > A);
        if (full.length > 0) {
          model = { ...m, projects: projects.filter((p) => !full.includes(p)) };
          note(
            'dropped_projects',
            `已于${A}年前达产的项目视为已含在${fromZh}中，删除：${full.map((p) => `${p.name}（${p.start_year}年投产）`).join('、')}`,
            `projects at full capacity by ${A} are taken as included in ${fromEn} and dropped: ${full.map((p) => `${p.name} (on stream ${p.start_year})`).join('; ')}`,
          );
        }
        for (const p of ramping) {
          note(
            'project_ramping',
            `项目“${p.name}”${p.start_year}年投产、尚在爬坡：${A}年及以前的产出视为已含在${fromZh}中，此后只计新增产出`,
            `project "${p.name}" (on stream ${p.start_year}) is still ramping up: its output up to ${A} is taken as included in ${fromEn}; only later additions count`,
          );
        }
        break;
      }
      case 'logistic': {
        if (anc.value > m.ceiling) {
          model = { ...m, ceiling: anc.value };
          note(
            'ceiling_raised',
            `${fromZh} ${fmtNum(anc.value)} 已超过饱和上限 ${fmtNum(m.ceiling)}，上限提高到该值`,
            `${fromEn} (${fmtNum(anc.value)}) exceeds the ceiling ${fmtNum(m.ceiling)}; the ceiling is raised to it`,
          );
        }
        break;
      }
      default:
        break;
    }
    if (model) {
      const o = strip(asm);
      o.model = model;
      const why = `滚动预测：从${fromZh}起 / reforecast: continues from ${fromEn}`;
      o.rationale = (o.rationale ? `${why}\n${o.rationale}` : why).slice(0, 4000);
      if (options.author !== undefined) o.author = options.author;
      o.updated_at = '';
      overrides.push(o);
    } else if (!notes.some((n) => n.series === s.id)) {
      note('continues', `模型不变，从${fromZh}起预测`, `model unchanged, continues from ${fromEn}`);
    }
  }
  return { overrides, notes, anchors, nowcast };
}
