/**
 * The print layout of the briefing pack (汇报材料): one standalone HTML document (no scripts, no
 * external references; fonts come in `fontCss` as data: URLs) that Chromium prints to PDF here and
 * Electron's printToPDF prints in the desktop app.
 *
 *   cover  plan title, 汇报材料, scenarios, date, the note on assumed values
 *   总览   the roll-up by status per scenario (coloured chips) and the scoreboard of every target
 *   一..四 one section per part of the plan (总体目标 first): per target a trajectory chart (inline
 *          SVG), the drafted sentence per scenario, the latest actual, the plan's words, the
 *          responsible units
 *   附录   assumptions (rationale, sources), actuals and their sources, how the status is judged
 *
 * A4 with margins, page numbers in the page margin (CSS margin boxes), a page break before each
 * section. Pure: no Node APIs.
 */
import type { Plan, Status, Target } from '../../models/schema';
import { kindOf } from '../../models/kinds';
import { emptyCounts, okCount, presentStatuses, statusWord } from '../../models/status';
import { draftSentence, judgedFigure, targetPhrase } from '../../models/sentences';
import type { ResolvedAssumption, TargetEvaluation } from '../../models/types';
import { enteredByText, enteredValue, noteText, sourceTitleText } from '../../models/provenance';
import { staleRationaleText } from '../../models/rationale';
import { formatValue, unitLabel, unitName } from '../../models/units';
import { dataAsOfText, generatedDate } from './data-as-of';
import { assumptionRollupText, koujingSection } from './koujing-notes';
import { periodText, replacedNote, replacedNotes, shownActuals } from './records-shown';
import { CHART_FONT_STACK, escapeXml, trajectorySvg, type ChartSeries } from './chart';
import { formatProbability } from '../../models/probability';
import { EXAMPLE_LABEL, methodText, methodologySections } from '../../models/methodology';
import {
  MODEL_WORDS,
  RELIABILITY_HEADING,
  RELIABILITY_WORDS,
  STATUS_COLORS,
  STATUS_WORDS,
  VALUE_KIND_WORDS,
  formatDate,
  itemTitle,
  modelParameters,
  scenarioColor,
  sectionTitle,
  seriesName,
  seriesUnit,
  uncertaintyText,
} from './terms';
import { judgedPath, uncertaintyBand } from './trajectory';
import { checkInput, type BriefingInput, type BriefingLanguage, type BriefingScenario } from './types';

/** The policy of every printed document: no scripts, nothing but inline styles and data: fonts and images. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

export interface BriefingHtmlOptions {
  /** @font-face rules (url()s or data: URLs) for the family 'BriefingSans'; '' for system fonts. */
  fontCss: string;
}

const esc = escapeXml;

interface Words {
  pack: string;
  cover_note: string;
  scenarios: string;
  date: string;
  base_year: string;
  as_of: string;
  author: string;
  issuer: string;
  overview: string;
  overview_lead: (tol: number) => string;
  legend_assumed: string;
  indicator: string;
  target: string;
  projected: string;
  status: string;
  probability: string;
  on_track_or_better: (n: number, total: number) => string;
  assumed_tag: string;
  section_summary: (n: number) => string;
  latest_actual: string;
  no_actual: string;
  plan_words: string;
  responsible: string;
  not_named: string;
  appendix_assumptions: string;
  appendix_assumptions_lead: string;
  same_as: (n: number, ref: string) => string;
  all_in_force: string;
  series: string;
  model: string;
  base_value: string;
  rationale: string;
  source: string;
  set_in: string;
  appendix_actuals: string;
  appendix_actuals_lead: string;
  period: string;
  value: string;
  kind: string;
  reliability: string;
  note: string;
  appendix_method: string;
  method: (tol: number, asOf: number, base: number) => string[];
  page: string;
  contents: string;
  none: string;
  target_year: (y: number) => string;
  chart_label: (name: string) => string;
  quantity_reduction: string;
  quantity_growth: string;
}

const ZH: Words = {
  pack: '汇报材料',
  cover_note: '本材料由规划情景工作室生成；标注“假设”的数值无公开来源',
  scenarios: '情景',
  date: '日期',
  base_year: '基期年',
  as_of: '数据截至',
  author: '编制',
  issuer: '发文单位',
  overview: '总览：目标进展',
  overview_lead: (tol) =>
    `目标年以前按“时间过半、任务过半”的序时进度判断：在目标年以前已达到目标且目标年不回落为${statusWord('achieved_early', 'zh-CN')}；进度快于序时进度${tol}个百分点以上为${statusWord('ahead', 'zh-CN')}；与序时进度相差不超过${tol}个百分点为${statusWord('on_track', 'zh-CN')}；其余为${statusWord('lagging', 'zh-CN')}。` +
    `目标年按结果判断：实际值达到目标为${statusWord('completed', 'zh-CN')}，差距在容差以内为${statusWord('near_complete', 'zh-CN')}，其余为${statusWord('not_completed', 'zh-CN')}；按1-N月推算或测算的为${statusWord('expected_complete', 'zh-CN')}或${statusWord('expected_not_complete', 'zh-CN')}。`,
  legend_assumed: '斜体灰字为假设值（无公开数据来源）',
  indicator: '指标',
  target: '目标',
  projected: '测算值',
  status: '状态',
  probability: '达标概率',
  on_track_or_better: (n, total) => `${total}项指标中${n}项达标或快于序时`,
  assumed_tag: '假设',
  section_summary: (n) => `本部分共${n}项指标。`,
  latest_actual: '最新实际值',
  no_actual: '暂无公开实际值，测算起点为假设值',
  plan_words: '方案原文',
  responsible: '责任单位',
  not_named: '方案未单列',
  appendix_assumptions: '附录一\u3000情景假设',
  appendix_assumptions_lead: '各情景采用的增长模型、参数、基期值及理由和来源。基期值无公开数据的，均为假设值，须由规划人员核实或补录。',
  same_as: (n, ref) => `其余${n}项假设与${ref}相同。`,
  all_in_force: '全部生效假设',
  series: '序列',
  model: '模型与参数',
  base_value: '基期值',
  rationale: '理由',
  source: '来源',
  set_in: '设定于',
  appendix_actuals: '附录二\u3000实际值及来源',
  appendix_actuals_lead: '测算所用的公开实际值及其来源、发布日期和可信度。下限、接近值等非确切数值已注明。',
  period: '期间',
  value: '数值',
  kind: '性质',
  reliability: RELIABILITY_HEADING['zh-CN'],
  note: '备注',
  appendix_method: '附录三\u3000测算与判断方法',
  method: (tol, asOf, base) => [
    `基期年为${base}年；最近完整统计年度为${asOf}年，无实际值的年份按各情景的增长模型测算。`,
    `状态按“时间过半、任务过半”判断：进度 = 已完成任务占全部任务的比例，与已过时间占规划期的比例相比较，容差${tol}个百分点。`,
    '需年均增长（倒推所需增速）指从最新实际值（无实际值时从基期值）起，每年按不变增速增长、到目标年恰好达标所需的增速。',
    '占比类指标的差距以“个百分点”表示；累计下降类指标以较基期年的累计降幅表示；年均增长类指标以较基期年的年均增速表示；每年类指标逐年判断。',
    '测算依赖假设值（无公开来源的基期值或其派生值）的，数值以斜体灰字显示并标注“假设”，语句后注明“含假设数据”。',
  ],
  page: '页',
  contents: '内容',
  none: '无',
  target_year: (y) => `${y}年`,
  chart_label: (name) => `${name}测算轨迹`,
  quantity_reduction: '累计下降（%）',
  quantity_growth: '年均增长（%）',
};

const EN: Words = {
  pack: 'Briefing pack',
  cover_note: 'Generated by the plan scenario studio; figures marked “assumed” have no public source',
  scenarios: 'Scenarios',
  date: 'Date',
  base_year: 'Base year',
  as_of: 'Data',
  author: 'Prepared by',
  issuer: 'Issued by',
  overview: 'Overview: progress towards the targets',
  overview_lead: (tol) =>
    `Before the target year, progress is compared with time-proportional progress: a target met before the target year and still met in it is achieved early; progress more than ${tol} percentage points ahead of the time elapsed is ahead of schedule; within ${tol} points is on track; otherwise lagging. ` +
    `In the target year a target is judged on its outcome: met, nearly met (within the target's tolerance) or missed on an actual; expected to be met or missed on a year-to-date nowcast or a projection.`,
  legend_assumed: 'Values in grey italics are assumptions (no public source)',
  indicator: 'Indicator',
  target: 'Target',
  projected: 'Projected',
  status: 'Status',
  probability: 'Probability',
  on_track_or_better: (n, total) => `${n} of ${total} targets on track or better`,
  assumed_tag: 'assumed',
  section_summary: (n) => `${n} targets in this part.`,
  latest_actual: 'Latest actual',
  no_actual: 'No public actual yet; the starting value is an assumption',
  plan_words: 'Plan text',
  responsible: 'Responsible units',
  not_named: 'not named in the plan',
  appendix_assumptions: 'Appendix 1. Scenario assumptions',
  appendix_assumptions_lead:
    'Growth models, parameters, base-year values, rationale and sources of each scenario. Base-year values without public data are assumptions for planners to check or replace.',
  same_as: (n, ref) => `The other ${n} assumptions are the same as in ${ref}.`,
  all_in_force: 'all assumptions in force',
  series: 'Series',
  model: 'Model and parameters',
  base_value: 'Base value',
  rationale: 'Rationale',
  source: 'Source',
  set_in: 'Set in',
  appendix_actuals: 'Appendix 2. Actuals and their sources',
  appendix_actuals_lead: 'Public actuals used, with their source, date and reliability. Lower bounds and approximate values are marked.',
  period: 'Period',
  value: 'Value',
  kind: 'Kind',
  reliability: RELIABILITY_HEADING.en,
  note: 'Note',
  appendix_method: 'Appendix 3. Method',
  method: (tol, asOf, base) => [
    `Base year ${base}; the last complete statistical year is ${asOf}; years without actuals are projected with each scenario's growth models.`,
    `Status compares progress (the share of the task done) with the share of the period elapsed, with a tolerance of ${tol} percentage points.`,
    'Required growth is the constant annual growth from the latest actual (or the base-year value) that just meets the target in the target year.',
    'Gaps of shares are in percentage points; reductions are cumulative since the base year; growth targets are average annual growth since the base year; annual targets are judged every year.',
    'Figures that rest on assumptions (base values without a public source, or values derived from them) are in grey italics, marked “assumed”, and their sentences say “includes assumed data”.',
  ],
  page: 'Page',
  contents: 'Contents',
  none: 'none',
  target_year: (y) => `${y}`,
  chart_label: (name) => `${name}: trajectory`,
  quantity_reduction: 'cumulative reduction (%)',
  quantity_growth: 'average annual growth (%)',
};

/** A unit written after an entered figure: 亿元 / billion yuan as formatValue writes it. */
function unitSuffix(unit: string, lang: BriefingLanguage): string {
  const label = unitLabel(unit, lang);
  if (!label) return '';
  return lang === 'zh-CN' || label === '%' ? label : ` ${label}`;
}

/** A title whose bracketed parts never break across lines: (2024—2026年) stays whole. */
function keepBrackets(title: string): string {
  return esc(title).replace(/([（(][^（）()]{1,24}[）)])/g, '<span class="nobreak">$1</span>');
}

function words(lang: BriefingLanguage): Words {
  return lang === 'zh-CN' ? ZH : EN;
}

function chip(status: Status, lang: BriefingLanguage, count?: number): string {
  const c = STATUS_COLORS[status];
  const label = STATUS_WORDS[lang][status] + (count !== undefined ? ` ${count}` : '');
  return `<span class="chip" style="color:${c.fg};background:${c.bg};border-color:${c.fg}33">${esc(label)}</span>`;
}

function assumedValue(text: string, assumed: boolean, lang: BriefingLanguage, tag = true): string {
  if (!assumed) return esc(text);
  return `<span class="assumed">${esc(text)}${tag ? `<span class="tag">${esc(words(lang).assumed_tag)}</span>` : ''}</span>`;
}

function scenarioLabel(s: BriefingScenario): string {
  return s.frozen_label ? `${s.name}（${s.frozen_label}）` : s.name;
}

function yLabelFor(t: Target, lang: BriefingLanguage): string {
  if (t.kind === 'reduction') return words(lang).quantity_reduction;
  if (t.kind === 'growth_rate') return words(lang).quantity_growth;
  return unitName(t.unit, lang); // the y axis: the unit as planners write it (English names in English)
}

/** The trajectory chart of one target across the scenarios of the pack. */
export function targetChartSvg(input: BriefingInput, t: Target, opts: { width?: number; height?: number; legend?: boolean } = {}): string {
  const lang = input.language;
  const series: ChartSeries[] = input.scenarios.map((s, i) => {
    const e = s.projection.targets.find((x) => x.id === t.id) ?? null;
    const points = judgedPath(input.plan, t, s.projection, e);
    const sim = s.simulation?.targets.find((x) => x.id === t.id);
    return { name: s.name, color: scenarioColor(i), points, band: uncertaintyBand(sim, points, t.target_year) };
  });
  const e0 = input.scenarios[0].projection.targets.find((x) => x.id === t.id);
  const b = e0?.base_year ?? t.base_year ?? input.scenarios[0].projection.base_year;
  return trajectorySvg({
    language: lang,
    yLabel: yLabelFor(t, lang),
    unit: kindOf(t.kind).percentJudged ? '%' : t.unit,
    years: [Math.min(b, t.target_year - 1), t.target_year],
    series,
    target: { year: t.target_year, value: t.target, comparator: t.comparator, kind: t.kind, startYear: t.start_year ?? b + 1, baseYear: b },
    width: opts.width ?? 300,
    height: opts.height ?? 172,
    legend: opts.legend ?? true,
    title: words(lang).chart_label(lang === 'zh-CN' ? t.name_zh : t.name_en),
  });
}

function latestActualLine(input: BriefingInput, t: Target): string {
  const lang = input.language;
  const W = words(lang);
  const p = input.scenarios[0].projection.series[t.series];
  if (!p || p.latest_actual_year === null || p.actual_years.length === 0) {
    return `<p class="meta"><b>${esc(W.latest_actual)}${lang === 'zh-CN' ? '：' : ': '}</b>${esc(W.no_actual)}</p>`;
  }
  const y = p.latest_actual_year;
  const v = p.values[y];
  const rec = p.provenance[y];
  const parts: string[] = [];
  // an entered figure exactly as entered (1950.3亿元, not 1950亿元); a computed one in the unit's decimals
  const shown =
    rec && rec.value === v && rec.value_kind !== 'estimate'
      ? `${enteredValue(v)}${unitSuffix(p.unit, lang)}`
      : formatValue(v, p.unit, lang);
  parts.push(`${lang === 'zh-CN' ? `${y}年` : `${y}:`} ${shown}`);
  if (rec) {
    const kind = rec.value_kind && rec.value_kind !== 'actual' ? VALUE_KIND_WORDS[lang][rec.value_kind] : null;
    const rel = RELIABILITY_WORDS[lang][rec.source.reliability];
    const title = sourceTitleText(rec.source.title, lang);
    if (lang === 'zh-CN') {
      parts.push(
        `（${kind ? `${kind}；` : ''}${W.source}：${title}${rec.source.date ? `，${formatDate(rec.source.date, lang)}` : ''}，${rel}）`,
      );
    } else {
      parts.push(
        ` (${kind ? `${kind}; ` : ''}${W.source}: ${title}${rec.source.date ? `, ${formatDate(rec.source.date, lang)}` : ''}, ${rel})`,
      );
    }
    const replaced = replacedNotes(input).get(`${rec.series}|${rec.period}`);
    if (replaced && rec.value === v) parts.push(lang === 'zh-CN' ? `。${replaced}` : `. ${replaced}`);
  }
  return `<p class="meta"><b>${esc(W.latest_actual)}${lang === 'zh-CN' ? '：' : ': '}</b>${esc(parts.join(''))}</p>`;
}

function probabilityOf(s: BriefingScenario, id: string): number | null {
  const p = s.simulation?.targets.find((x) => x.id === id)?.p_meet;
  return typeof p === 'number' && Number.isFinite(p) ? p : null;
}

function targetCard(input: BriefingInput, t: Target): string {
  const lang = input.language;
  const zh = lang === 'zh-CN';
  const W = words(lang);
  const name = zh ? t.name_zh : t.name_en;
  const goal = zh
    ? `${W.target}：${targetPhrase(t, lang)}（${W.target_year(t.target_year)}）`
    : `${W.target}: ${targetPhrase(t, lang)} (${t.target_year})`;
  const drafts = input.scenarios
    .map((s, i) => {
      const e = s.projection.targets.find((x) => x.id === t.id);
      if (!e) return '';
      // a target the simulation reports without a probability has no uncertain input (未设区间)
      const simulated = s.simulation?.targets.find((x) => x.id === t.id);
      const sentence = draftSentence(t, e, s.name, lang, {
        p_meet: probabilityOf(s, t.id),
        no_range: simulated !== undefined && simulated.p_meet === null,
      });
      const swatch = `<span class="swatch" style="background:${scenarioColor(i)}"></span>`;
      const cls = e.assumed ? ' class="has-assumed"' : '';
      return `<li${cls}>${swatch}${chip(e.status, lang)} ${esc(sentence)}</li>`;
    })
    .join('');
  const responsible = t.responsible.length > 0 ? t.responsible.join('、') : W.not_named;
  const colon = zh ? '：' : ': ';
  return `<article class="target" id="t-${esc(t.id)}">
<header><h4>${esc(name)}${t.headline ? `<span class="headline">${zh ? '总体目标' : 'headline'}</span>` : ''}</h4><span class="goal">${esc(goal)}</span></header>
<div class="body"><div class="chart">${targetChartSvg(input, t)}</div>
<div class="text"><ul class="drafts">${drafts}</ul>
${latestActualLine(input, t)}
<p class="meta"><b>${esc(W.plan_words)}${colon}</b>${esc(t.source_text)}</p>
<p class="meta"><b>${esc(W.responsible)}${colon}</b>${esc(responsible)}</p></div></div>
</article>`;
}

function rollupBlock(input: BriefingInput, evalsOf: (s: BriefingScenario) => TargetEvaluation[]): string {
  const lang = input.language;
  const W = words(lang);
  return input.scenarios
    .map((s, i) => {
      const evs = evalsOf(s);
      const counts = emptyCounts();
      for (const e of evs) counts[e.status]++;
      const ok = okCount(counts);
      const chips = presentStatuses(counts)
        .map((st) => chip(st, lang, counts[st]))
        .join(' ');
      return `<div class="rollup"><span class="swatch" style="background:${scenarioColor(i)}"></span><span class="rollup-name">${esc(scenarioLabel(s))}</span>${chips}<span class="rollup-sum">${esc(W.on_track_or_better(ok, evs.length))}</span></div><div class="rollup-assumed">${esc(assumptionRollupText(evs, lang))}</div>`;
    })
    .join('');
}

function overview(input: BriefingInput): string {
  const { plan, language: lang, scenarios } = input;
  const zh = lang === 'zh-CN';
  const W = words(lang);
  const tol = Math.round((input.settings?.tolerance ?? 0.05) * 100);
  const wide = scenarios.length > 3 || (!zh && scenarios.length > 2);
  const nameW = 27;
  const goalW = 12;
  const group = (100 - nameW - goalW) / Math.max(1, scenarios.length);
  const valW = Math.round(group * (zh ? 0.4 : 0.48) * 10) / 10;
  const stW = Math.round((group - valW) * 10) / 10;
  const head = scenarios
    .map(
      (s, i) =>
        `<th colspan="2" class="scn"><span class="swatch" style="background:${scenarioColor(i)}"></span>${esc(scenarioLabel(s))}</th>`,
    )
    .join('');
  const sub = scenarios.map(() => `<th class="num">${esc(W.projected)}</th><th>${esc(W.status)}</th>`).join('');
  const rows: string[] = [];
  const evals = scenarios.map((s) => new Map(s.projection.targets.map((e) => [e.id, e])));
  for (const sec of plan.sections) {
    const ts = plan.targets.filter((t) => t.section === sec.id);
    if (ts.length === 0) continue;
    rows.push(`<tr class="sec"><td colspan="${2 + 2 * scenarios.length}">${esc(sectionTitle(plan, sec.id, lang))}</td></tr>`);
    for (const t of ts) {
      const cells = scenarios
        .map((s, k) => {
          const e = evals[k].get(t.id);
          if (!e) return '<td></td><td></td>';
          const p = probabilityOf(s, t.id);
          const v = assumedValue(judgedFigure(t, e.projected, lang), e.assumed, lang, false);
          // the one probability format (models/probability.ts): <1%, >99%, else a whole percent
          const prob = p !== null ? `<span class="prob">P ${esc(formatProbability(p))}</span>` : '';
          return `<td class="num">${v}${prob}</td><td>${chip(e.status, lang)}</td>`;
        })
        .join('');
      rows.push(
        `<tr><td class="name">${esc(zh ? t.name_zh : t.name_en)}</td><td class="goal">${esc(targetPhrase(t, lang))}</td>${cells}</tr>`,
      );
    }
  }
  return `<section class="overview${wide ? ' wide' : ''}">
<h2>${esc(W.overview)}</h2>
<p class="lead">${esc(W.overview_lead(tol))}</p>
<div class="rollups">${rollupBlock(input, (s) => s.projection.targets)}</div>
<p class="legend"><span class="assumed">${esc(W.legend_assumed)}</span>${zh ? '；' : '; '}${zh ? '测算值为目标年的测算结果（下降类为累计降幅，增速类为年均增速）。' : 'projected values are for the target year (reductions cumulative, growth average a year).'}</p>
<table class="scoreboard"><colgroup><col style="width:${nameW}%"><col style="width:${goalW}%">${scenarios.map(() => `<col style="width:${valW}%"><col style="width:${stW}%">`).join('')}</colgroup>
<thead><tr><th rowspan="2">${esc(W.indicator)}</th><th rowspan="2">${esc(W.target)}</th>${head}</tr><tr>${sub}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</section>`;
}

function planSection(input: BriefingInput, sectionId: string): string {
  const { plan, language: lang } = input;
  const W = words(lang);
  const ts = plan.targets.filter((t) => t.section === sectionId);
  if (ts.length === 0) return '';
  const parts: string[] = [];
  let lastItem: string | null | undefined;
  for (const t of ts) {
    if (t.item !== lastItem) {
      const it = itemTitle(plan, t.item, lang);
      if (it) parts.push(`<h3>${esc(it)}</h3>`);
      lastItem = t.item;
    }
    parts.push(targetCard(input, t));
  }
  const ids = new Set(ts.map((t) => t.id));
  return `<section class="plan-section" id="sec-${esc(sectionId)}">
<h2>${esc(sectionTitle(plan, sectionId, lang))}</h2>
<p class="lead">${esc(W.section_summary(ts.length))}</p>
<div class="rollups">${rollupBlock(input, (s) => s.projection.targets.filter((e) => ids.has(e.id)))}</div>
${parts.join('\n')}
</section>`;
}

function sameAssumption(a: ResolvedAssumption | undefined, b: ResolvedAssumption | undefined): boolean {
  if (!a || !b) return false;
  return (
    JSON.stringify([a.model, a.base_value ?? null, a.uncertainty ?? null, a.rationale ?? '', a.source ?? '']) ===
    JSON.stringify([b.model, b.base_value ?? null, b.uncertainty ?? null, b.rationale ?? '', b.source ?? ''])
  );
}

function assumptionRows(input: BriefingInput, list: ResolvedAssumption[]): string {
  const { plan, language: lang, scenarios } = input;
  return list
    .map((a) => {
      const unit = seriesUnit(plan, a.series);
      const model = modelSummary(a, unit, plan, lang);
      const unc = uncertaintyText(a, lang);
      const base =
        a.base_value !== null && a.base_value !== undefined
          ? `<span class="assumed"><span class="v">${esc(formatValue(a.base_value, unit, lang))}</span><span class="tag">${esc(words(lang).assumed_tag)}</span></span>`
          : '—';
      const from = scenarios.find((s) => s.id === a.from)?.name ?? fromPreset(plan, a.from, lang);
      return `<tr><td class="name">${esc(seriesName(plan, a.series, lang))}</td><td>${esc(model)}${unc ? `<div class="sub">${esc(unc)}</div>` : ''}</td><td class="num">${base}</td><td class="long">${a.rationale_stale ? `<span class="stale">${esc(staleRationaleText(lang))}</span>` : esc(a.rationale || '—')}</td><td class="long">${esc(a.source || '—')}</td><td>${esc(from)}${a.author ? `<div class="sub">${esc(a.author)}</div>` : ''}</td></tr>`;
    })
    .join('\n');
}

/** 模型：参数, without repeating the model's name when the parameters start with it. */
export function modelSummary(a: ResolvedAssumption, unit: string, plan: Plan, lang: BriefingLanguage): string {
  const name = MODEL_WORDS[lang][a.model.type] ?? a.model.type;
  const params = modelParameters(a.model, unit, plan, lang);
  if (params.toLowerCase().startsWith(name.toLowerCase())) return params;
  return `${name}${lang === 'zh-CN' ? '：' : ': '}${params}`;
}

function fromPreset(plan: Plan, from: string, lang: BriefingLanguage): string {
  const id = /^plan:(.+)$/.exec(from)?.[1] ?? from;
  const p = plan.presets.find((x) => x.id === id);
  if (!p) return from;
  return lang === 'zh-CN' ? p.name_zh : p.name_en;
}

function orderAssumptions(plan: Plan, rec: Record<string, ResolvedAssumption>): ResolvedAssumption[] {
  const order = new Map(plan.series.map((s, i) => [s.id, i]));
  return Object.values(rec)
    .filter(Boolean)
    .sort((a, b) => (order.get(a.series) ?? 1e9) - (order.get(b.series) ?? 1e9) || a.series.localeCompare(b.series));
}

function assumptionsAppendix(input: BriefingInput): string {
  const { plan, language: lang, scenarios } = input;
  const W = words(lang);
  const head = `<thead><tr><th>${esc(W.series)}</th><th>${esc(W.model)}</th><th class="num">${esc(W.base_value)}</th><th>${esc(W.rationale)}</th><th>${esc(W.source)}</th><th>${esc(W.set_in)}</th></tr></thead>`;
  const ref = scenarios[0];
  const blocks = scenarios.map((s, i) => {
    const all = orderAssumptions(plan, s.assumptions);
    const shown = i === 0 ? all : all.filter((a) => !sameAssumption(a, ref.assumptions[a.series]));
    const rest = all.length - shown.length;
    const note = i === 0 ? `（${W.all_in_force}，${all.length}）` : '';
    const restNote = i > 0 && rest > 0 ? `<p class="lead">${esc(W.same_as(rest, ref.name))}</p>` : '';
    const table =
      shown.length > 0
        ? `<table class="appendix"><colgroup><col style="width:15%"><col style="width:21%"><col style="width:11%"><col style="width:29%"><col style="width:14%"><col style="width:10%"></colgroup>${head}<tbody>${assumptionRows(input, shown)}</tbody></table>`
        : '';
    return `<div class="keep"><h3><span class="swatch" style="background:${scenarioColor(i)}"></span>${esc(scenarioLabel(s))}${esc(note)}</h3>${s.description ? `<p class="lead">${esc(s.description)}</p>` : ''}${restNote}</div>${table}`;
  });
  return `<section class="appendix" id="appendix-assumptions"><h2>${esc(W.appendix_assumptions)}</h2><p class="lead">${esc(W.appendix_assumptions_lead)}</p>
<p class="legend"><span class="assumed">${esc(W.legend_assumed)}</span></p>
${blocks.join('\n')}</section>`;
}

function actualsAppendix(input: BriefingInput): string {
  const { plan, language: lang } = input;
  const W = words(lang);
  const order = new Map(plan.series.map((s, i) => [s.id, i]));
  // only the record in force of each series and period, with a note where it replaced another figure
  const list = shownActuals(input)
    .slice()
    .sort(
      (a, b) => (order.get(a.record.series) ?? 1e9) - (order.get(b.record.series) ?? 1e9) || a.record.period.localeCompare(b.record.period),
    );
  const rows = list
    .map((shownRec) => {
      const a = shownRec.record;
      const replaced = replacedNote(shownRec, plan, lang);
      const unit = seriesUnit(plan, a.series);
      const kind = VALUE_KIND_WORDS[lang][a.value_kind ?? 'actual'];
      const src = [sourceTitleText(a.source.title, lang), a.source.date ? formatDate(a.source.date, lang) : '', a.source.url ?? ''].filter(
        Boolean,
      );
      const by = enteredByText(a.entered_by, lang);
      const shown = a.value_kind === 'estimate' ? formatValue(a.value, unit, lang) : `${enteredValue(a.value)}${unitSuffix(unit, lang)}`;
      return `<tr><td class="name">${esc(seriesName(plan, a.series, lang))}</td><td${lang === 'zh-CN' ? ' class="nobreak"' : ''}>${esc(
        periodText(
          a.period,
          lang,
          plan.series.find((x) => x.id === a.series),
        ),
      )}</td><td class="num">${esc(shown)}</td><td>${esc(kind)}</td><td class="long url">${src.map((x) => esc(x)).join('<br>')}</td><td>${esc(RELIABILITY_WORDS[lang][a.source.reliability])}</td><td class="long">${esc(noteText(a.note, lang))}${replaced ? `<div class="sub replaced">${esc(replaced)}</div>` : ''}${by ? `<div class="sub">${esc(lang === 'zh-CN' ? `录入：${by}` : `entered by: ${by}`)}</div>` : ''}</td></tr>`;
    })
    .join('\n');
  const table =
    list.length > 0
      ? `<table class="appendix"><colgroup><col style="width:14%"><col style="width:11%"><col style="width:10%"><col style="width:7%"><col style="width:24%"><col style="width:8%"><col style="width:26%"></colgroup><thead><tr><th>${esc(W.series)}</th><th>${esc(W.period)}</th><th class="num">${esc(W.value)}</th><th>${esc(W.kind)}</th><th>${esc(W.source)}</th><th>${esc(W.reliability)}</th><th>${esc(W.note)}</th></tr></thead><tbody>${rows}</tbody></table>`
      : `<p>${esc(W.none)}</p>`;
  return `<section class="appendix" id="appendix-actuals"><h2>${esc(W.appendix_actuals)}</h2><p class="lead">${esc(W.appendix_actuals_lead)}</p>${table}</section>`;
}

function methodAppendix(input: BriefingInput): string {
  const W = words(input.language);
  const tol = Math.round((input.settings?.tolerance ?? 0.05) * 100);
  const asOf = input.settings?.as_of_year ?? 2025;
  const base = input.scenarios[0].projection.base_year;
  const lang = input.language;
  // the rules themselves: the one methodology text (models/methodology.ts), as in the app's help and docs/methodology.md
  const rules = methodologySections()
    .map(
      (s) =>
        `<div class="method-rule" id="method-${esc(s.id)}"><h3>${esc(methodText(s.heading, lang))}</h3>${s.paragraphs.map((p) => `<p>${esc(methodText(p, lang))}</p>`).join('')}${
          s.examples.length > 0
            ? `<div class="method-examples"><h4>${esc(methodText(EXAMPLE_LABEL, lang))}</h4><ul>${s.examples.map((e) => `<li>${esc(methodText(e, lang))}</li>`).join('')}</ul></div>`
            : ''
        }</div>`,
    )
    .join('');
  return `<section class="appendix method" id="appendix-method"><h2>${esc(W.appendix_method)}</h2><ol>${W.method(tol, asOf, base)
    .map((p) => `<li>${esc(p)}</li>`)
    .join('')}</ol>${rules}</section>`;
}

/** 口径说明: every 口径 still to confirm (models/koujing.ts). */
function koujingAppendix(input: BriefingInput): string {
  const k = koujingSection(input);
  return `<section class="appendix koujing" id="appendix-koujing"><h2>${esc(k.heading)}</h2><p class="lead">${esc(k.lead)}</p>${
    k.items.length > 0 ? `<ol>${k.items.map((x) => `<li>${esc(x)}</li>`).join('')}</ol>` : ''
  }</section>`;
}

function cover(input: BriefingInput): string {
  const { plan, language: lang, scenarios } = input;
  const zh = lang === 'zh-CN';
  const W = words(lang);
  const colon = zh ? '：' : ': ';
  const rows: [string, string][] = [
    [W.scenarios, scenarios.map(scenarioLabel).join(zh ? '、' : ', ')],
    [W.date, formatDate(generatedDate(input), lang)],
    [W.base_year, zh ? `${scenarios[0].projection.base_year}年` : String(scenarios[0].projection.base_year)],
    [W.as_of, dataAsOfText(input, lang)],
  ];
  if (input.author) rows.push([W.author, input.author]);
  const contents = [
    W.overview,
    ...plan.sections.filter((s) => plan.targets.some((t) => t.section === s.id)).map((s) => sectionTitle(plan, s.id, lang)),
    W.appendix_assumptions,
    W.appendix_actuals,
    W.appendix_method,
    koujingSection(input).heading,
  ];
  const s0 = scenarios[0];
  const r = s0.projection.rollup;
  const ok = okCount(r);
  const headline = zh
    ? `按${s0.name.endsWith('情景') ? s0.name : `“${s0.name}”情景`}测算，${W.on_track_or_better(ok, plan.targets.length)}。`
    : `Under the ${s0.name}${/scenario$/i.test(s0.name) ? '' : ' scenario'}, ${W.on_track_or_better(ok, plan.targets.length)}.`;
  return `<section class="cover">
<div class="cover-top">${zh && plan.issuer_zh ? `<div class="issuer">${esc(plan.issuer_zh)}</div>` : ''}</div>
<h1>${keepBrackets(zh ? plan.title_zh : plan.title_en)}</h1>
<div class="pack${zh ? ' zh' : ''}">${esc(W.pack)}</div>
<table class="cover-meta">${rows.map(([k, v]) => `<tr><th>${esc(k)}${esc(colon)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
<p class="cover-headline">${esc(headline)}</p>
<div class="contents"><div class="contents-title">${esc(W.contents)}</div><ol>${contents.map((c) => `<li>${esc(c)}</li>`).join('')}</ol></div>
<p class="cover-note">${esc(W.cover_note)}</p>
</section>`;
}

/** A CSS string literal's content: quotes, backslashes, '<' and newlines escaped. */
function cssString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/</g, '\\3c ').replace(/\n/g, '\\a ');
}

function css(input: BriefingInput, fontCss: string): string {
  const zh = input.language === 'zh-CN';
  const running = cssString(zh ? `${input.plan.title_zh}\u3000汇报材料` : `${input.plan.title_en} — briefing pack`);
  const pageNo = zh ? '"第 " counter(page) " 页，共 " counter(pages) " 页"' : '"Page " counter(page) " of " counter(pages)';
  const font = CHART_FONT_STACK;
  return `${fontCss.replace(/<\/style/gi, '<\\/style')}
@page { size: A4; margin: 16mm 14mm 17mm 14mm;
  @top-right { content: "${running}"; font-family: ${font}; font-size: 7.5pt; color: #6e7781; }
  @bottom-center { content: ${pageNo}; font-family: ${font}; font-size: 8pt; color: #6e7781; } }
@page :first { @top-right { content: none; } @bottom-center { content: none; } }
@page wide { size: A4 landscape; }
* { box-sizing: border-box; }
html { font-family: ${font}; font-size: 9.5pt; line-height: 1.5; color: #1f2328; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
h1, h2, h3, h4 { font-weight: 700; margin: 0; break-after: avoid; }
h2 { font-size: 15pt; color: #0b3d7a; border-bottom: 2px solid #0b3d7a; padding-bottom: 2mm; margin-bottom: 3mm; }
h3 { font-size: 11pt; color: #1f2328; margin: 4mm 0 2mm; }
h4 { font-size: 10.5pt; display: inline; }
p { margin: 0 0 2mm; }
section { break-before: page; }
section.cover { break-before: auto; min-height: 255mm; display: flex; flex-direction: column; padding: 18mm 6mm 0; }
.cover .issuer { font-size: 11pt; color: #57606a; letter-spacing: 0.1em; }
.cover h1 { font-size: 24pt; line-height: 1.35; color: #0b3d7a; margin-top: 24mm; }
.nobreak { white-space: nowrap; }
.stale { color: #a3191f; font-weight: 700; }
.cover .subtitle-zh { font-size: 12pt; color: #57606a; margin-top: 3mm; }
.cover .pack { font-size: 30pt; font-weight: 700; margin: 10mm 0 12mm; color: #1f2328; border-top: 3px solid #cf222e; padding-top: 6mm; width: 100%; }
.cover .pack.zh { letter-spacing: 0.3em; }
.cover .pack .pack-zh { font-size: 14pt; font-weight: 400; color: #57606a; margin-left: 3mm; }
.cover-meta { border-collapse: collapse; font-size: 11pt; width: auto; align-self: flex-start; }
.cover-meta th { text-align: left; font-weight: 400; color: #57606a; padding: 1mm 4mm 1mm 0; white-space: nowrap; vertical-align: top; }
.cover-meta td { padding: 1mm 0; }
.cover-headline { font-size: 12pt; font-weight: 700; margin-top: 8mm; }
.contents { margin-top: 6mm; font-size: 10pt; color: #424a53; }
.contents-title { font-weight: 700; }
.contents ol { margin: 1mm 0 0; padding-left: 6mm; }
.cover-note { margin-top: auto; font-size: 9.5pt; color: #57606a; border-top: 1px solid #d0d7de; padding-top: 3mm; }
.lead { color: #424a53; }
.legend { font-size: 8.5pt; color: #57606a; }
.chip { display: inline-block; border: 0.5px solid; border-radius: 7px; padding: 0 1.6mm; font-size: 7.5pt; line-height: 1.55; white-space: nowrap; font-weight: 700; }
.swatch { display: inline-block; width: 3mm; height: 3mm; border-radius: 1px; margin-right: 1.2mm; vertical-align: -0.3mm; }
.assumed { font-style: italic; color: #6e7781; }
.assumed .tag { font-style: normal; font-size: 6.5pt; border: 0.5px solid #8c959f; border-radius: 2px; padding: 0 0.6mm; margin-left: 0.8mm; vertical-align: 0.4mm; }
.rollups { margin: 2mm 0 3mm; }
.rollup { margin: 1mm 0; display: flex; flex-wrap: wrap; align-items: center; gap: 1.2mm; }
.rollup-name { font-weight: 700; min-width: 20mm; }
.rollup-sum { color: #424a53; margin-left: 2mm; font-size: 8.5pt; }
.rollup-assumed { flex-basis: 100%; color: #424a53; font-size: 8pt; margin-left: 4mm; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.scoreboard { font-size: 8pt; table-layout: fixed; }
.scoreboard th { background: #eef1f4; padding: 1mm; font-size: 7.5pt; border-bottom: 1px solid #afb8c1; }
.scoreboard th.scn { text-align: center; border-left: 1px solid #d0d7de; }
.scoreboard td { padding: 0.35mm 1mm; border-bottom: 0.5px solid #e1e4e8; line-height: 1.35; }
.scoreboard .chip { line-height: 1.4; font-size: 7pt; }
.scoreboard td.num, .scoreboard th.num { text-align: right; }
.scoreboard tr.sec td { background: #f6f8fa; font-weight: 700; color: #0b3d7a; padding-top: 1mm; }
.scoreboard .prob { display: block; font-size: 6.5pt; color: #57606a; }
.overview.wide { page: wide; }
article.target { break-inside: avoid; border-top: 1px solid #d0d7de; padding: 2.5mm 0 2mm; }
article.target header { display: flex; justify-content: space-between; align-items: baseline; gap: 4mm; margin-bottom: 1.5mm; }
article.target .goal { color: #cf222e; font-weight: 700; font-size: 9pt; white-space: nowrap; }
.headline { font-size: 7pt; font-weight: 400; color: #57606a; border: 0.5px solid #8c959f; border-radius: 2px; padding: 0 1mm; margin-left: 2mm; vertical-align: 0.5mm; }
article.target .body { display: flex; gap: 4mm; }
article.target .chart { flex: 0 0 76mm; }
article.target .chart svg { width: 76mm; height: auto; display: block; }
article.target .text { flex: 1 1 auto; min-width: 0; }
ul.drafts { list-style: none; margin: 0 0 1.5mm; padding: 0; }
ul.drafts li { margin: 0 0 1.2mm; font-size: 9pt; }
.meta { font-size: 7.8pt; color: #57606a; margin: 0 0 0.8mm; }
.meta b { color: #424a53; }
table.appendix { font-size: 7.5pt; table-layout: fixed; margin-bottom: 3mm; }
table.appendix th { background: #eef1f4; padding: 1mm; border-bottom: 1px solid #afb8c1; }
table.appendix td { padding: 1mm; border-bottom: 0.5px solid #e1e4e8; overflow-wrap: anywhere; }
table.appendix td.num, table.appendix th.num { text-align: right; }
table.appendix .sub { color: #6e7781; font-size: 6.8pt; }
table.appendix td.url { word-break: break-all; }
table.appendix .assumed .v { display: block; }
table.appendix .assumed .tag { margin-left: 0; }
.keep { break-inside: avoid; break-after: avoid; }
section.appendix h3 { break-after: avoid; }
section.appendix + section.appendix { break-before: page; }
.method ol { padding-left: 6mm; }
.method li { margin-bottom: 2mm; }
.method-rule h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
.method-rule p { margin: 0 0 1.5mm; }
.method-examples { border-left: 0.6mm solid #1d4f91; padding: 1mm 3mm; margin: 1.5mm 0 3mm; background: #f5f7fa; break-inside: avoid; }
.method-examples h4 { font-size: 9pt; margin: 0 0 1mm; color: #57606a; }
.method-examples ul { margin: 0; padding-left: 5mm; }
.method-examples li { margin-bottom: 1mm; }
`;
}

/** The complete standalone HTML document of the briefing (汇报材料). */
export function buildBriefingHtml(input: BriefingInput, opts: BriefingHtmlOptions): string {
  checkInput(input);
  const { plan, language: lang } = input;
  const zh = lang === 'zh-CN';
  const sections = plan.sections.filter((s) => plan.targets.some((t) => t.section === s.id)).map((s) => planSection(input, s.id));
  // targets in sections the plan does not list still appear, last
  const known = new Set(plan.sections.map((s) => s.id));
  const orphans = [...new Set(plan.targets.filter((t) => !known.has(t.section)).map((t) => t.section))];
  for (const id of orphans) sections.push(planSection(input, id));
  const title = zh ? `${plan.title_zh} 汇报材料` : `${plan.title_en} — briefing pack`;
  return `<!DOCTYPE html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<title>${esc(title)}</title>
<style>
${css(input, opts.fontCss)}
</style>
</head>
<body>
${cover(input)}
${overview(input)}
${sections.join('\n')}
${assumptionsAppendix(input)}
${actualsAppendix(input)}
${methodAppendix(input)}
${koujingAppendix(input)}
</body>
</html>
`;
}
