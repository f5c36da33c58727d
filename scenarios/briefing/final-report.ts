/**
 * The final evaluation of the plan (终期评估报告), as content: the same verdicts, figures and words
 * as the briefing pack, arranged as the office drafts the report early in the year after the plan
 * ends. Two writers read it: final-report-docx.ts (an editable Word/WPS document) and
 * final-report-html.ts (the print layout Chromium or Electron turn into a PDF).
 *
 *   一、总体完成情况   the verdicts rolled up, overall and by section of the plan
 *   二、完成情况表     every target: 目标值, 2026年实际或预计值及其依据, 完成情况, 差距, 责任单位, 数据来源
 *   三、分领域完成情况 a drafted paragraph per section
 *   四、存在的主要问题 the unmet targets with their gaps and the assumptions they rest on
 *   五、口径说明       each target's base year and definition notes
 *   附件               the sources of the figures used
 *
 * Pure: no Node APIs.
 */
import { requiredEffort } from '../../models/kinds/effort';
import type { Plan, Status, Target } from '../../models/schema';
import { formatProbability, noRangeText } from '../../models/probability';
import { gapAmount, judgedFigure, targetPhrase } from '../../models/sentences';
import type { TargetEvaluation } from '../../models/types';
import { formatNumber } from '../../models/units';
import { isNowcast } from '../../models/records';
import { periodText, replacedNotes } from './records-shown';
import { STATUS_ORDER, STATUS_WORDS, formatDate, sectionTitle } from './terms';
import { assumptionRollupText, koujingSection } from './koujing-notes';
import { basisOf as targetBasisOf, countingNote } from '../../models/koujing';
import { checkInput, type BriefingActual, type BriefingInput, type BriefingLanguage, type BriefingScenario } from './types';

/** Where the figure of the target year comes from. */
export type FigureBasis = 'actual' | 'nowcast' | 'month_end' | 'projection' | 'none';

export interface ReportRow {
  no: number;
  target_id: string;
  section_id: string;
  indicator: string;
  target: string;
  figure: string;
  basis: FigureBasis;
  /** the basis in words: 统计实际值 / 按1-10月推算 / 按10月末存量 / 情景测算. */
  basis_text: string;
  status: Status;
  status_text: string;
  /** 差53亿元 / 超出3家 / —. */
  gap: string;
  responsible: string;
  source: string;
  /** the verdict rests on an assumed value somewhere upstream. */
  assumed: boolean;
  /** probability of meeting the target from a simulation of this scenario, when one ran. */
  p_meet: number | null;
  /** the probability as printed: 18%, <1%, 未设区间, or — when no simulation ran. */
  p_text: string;
  met: boolean | null;
}

export interface ReportSection {
  id: string;
  title: string;
  rows: ReportRow[];
  counts: Partial<Record<Status, number>>;
  paragraph: string;
}

export interface ReportProblem {
  indicator: string;
  text: string;
}

export interface ReportSource {
  indicator: string;
  period: string;
  value: string;
  source: string;
  /** where this record replaced an earlier figure: 2025年值已由610家更新为≥920家（来源…）. */
  revision?: string;
}

/** The other scenarios of the export beside the reported one: status and figure per target. */
export interface ReportComparison {
  scenarios: string[];
  rows: { indicator: string; cells: string[] }[];
}

export interface FinalReport {
  language: BriefingLanguage;
  title: string;
  subtitle: string;
  scenario: string;
  /** when the report was drafted, in local words. */
  date: string;
  /** the latest figures used: 2025年统计数据及2026年1-10月数据. */
  data_as_of: string;
  lead: string;
  counts: Partial<Record<Status, number>>;
  assumed_count: number;
  sections: ReportSection[];
  problems: ReportProblem[];
  definitions: string[];
  /** (added) the 口径 still to confirm, one paragraph each (also at the head of `definitions`). */
  unconfirmed: string[];
  sources: ReportSource[];
  /** present when the export compared several scenarios. */
  comparison: ReportComparison | null;
  headings: Record<'overall' | 'table' | 'sections' | 'problems' | 'definitions' | 'compare' | 'annex' | 'toc', string>;
  columns: string[];
  notes: string[];
}

const H = {
  'zh-CN': {
    overall: '一、总体完成情况',
    table: '二、主要指标完成情况表',
    sections: '三、分领域完成情况',
    problems: '四、存在的主要问题',
    definitions: '五、口径说明',
    compare: '六、情景对比',
    annex: '附件：数据来源',
    toc: '目录',
  },
  en: {
    overall: '1. Overall completion',
    table: '2. Completion table',
    sections: '3. Completion by area',
    problems: '4. Main problems',
    definitions: '5. Definitions',
    compare: '6. Scenarios compared',
    annex: 'Annex: sources of the figures',
    toc: 'Contents',
  },
} as const;

const COLUMNS = {
  'zh-CN': ['序号', '指标', '目标值', '2026年实际或预计', '依据', '完成情况', '达标概率', '差距', '责任单位', '数据来源'],
  en: ['No.', 'Indicator', 'Target', '2026 actual or expected', 'Basis', 'Status', 'Probability', 'Gap', 'Responsible units', 'Source'],
} as const;

const BASIS_WORDS: Record<BriefingLanguage, Record<FigureBasis, string>> = {
  'zh-CN': { actual: '统计实际值', nowcast: '按1-{m}月推算', month_end: '按{m}月末存量', projection: '情景测算', none: '暂无数据' },
  en: {
    actual: 'statistical actual',
    nowcast: 'estimated from January–{m}',
    month_end: 'level reached at the end of {m}',
    projection: 'scenario projection',
    none: 'no data',
  },
};

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

function nowcastMonth(a: BriefingActual | undefined): number | null {
  if (!a) return null;
  const m = /"as_of"\s*:\s*"\d{4}-(\d{2})"/.exec(a.note ?? '');
  return m ? Number(m[1]) : null;
}

/** The record behind the target year's figure of the judged series, if it is an actual or a nowcast. */
function basisOf(
  s: BriefingScenario,
  ev: TargetEvaluation,
  lang: BriefingLanguage,
): { basis: FigureBasis; text: string; record?: BriefingActual } {
  if (ev.projected === null) return { basis: 'none', text: BASIS_WORDS[lang].none };
  const series = s.projection.series[ev.series];
  const year = ev.target_year;
  const record = series?.provenance?.[year] as BriefingActual | undefined;
  // a stock's projection raised to the month-end level already reached (models/anchors.ts)
  const level = ev.basis === 'month_end' ? series?.month_end?.[year] : undefined;
  if (level) {
    const month = lang === 'zh-CN' ? String(level.month) : MONTHS_EN[level.month - 1];
    return {
      basis: 'month_end',
      text: BASIS_WORDS[lang].month_end.replace('{m}', month),
      record: (level.record ?? undefined) as BriefingActual | undefined,
    };
  }
  if (series && series.actual_years.includes(year) && record) {
    if (isNowcast(record)) {
      const m = nowcastMonth(record);
      const month = m === null ? '' : lang === 'zh-CN' ? String(m) : MONTHS_EN[m - 1];
      return { basis: 'nowcast', text: BASIS_WORDS[lang].nowcast.replace('{m}', month), record };
    }
    return { basis: 'actual', text: BASIS_WORDS[lang].actual, record };
  }
  return { basis: 'projection', text: BASIS_WORDS[lang].projection };
}

/** The gap in the target's own words: 差53亿元 / 超出3家 / 持平 / —. */
function gapText(t: Target, ev: TargetEvaluation, lang: BriefingLanguage): string {
  if (ev.gap === null || !Number.isFinite(ev.gap) || ev.projected === null) return '—';
  const size = gapAmount(t, ev.gap, lang);
  if (size === null) return lang === 'zh-CN' ? '持平' : 'level';
  const year = ev.gap_year && ev.gap_year !== ev.target_year ? (lang === 'zh-CN' ? `${ev.gap_year}年` : ` in ${ev.gap_year}`) : '';
  if (ev.gap > 0) return lang === 'zh-CN' ? `${year}差${size}` : `short by ${size}${year}`;
  return lang === 'zh-CN' ? `超出${size}` : `exceeds by ${size}`;
}

function sourceText(record: BriefingActual | undefined, lang: BriefingLanguage): string {
  if (!record) return lang === 'zh-CN' ? '情景假设' : 'scenario assumption';
  const date = record.source.date ? `（${formatDate(record.source.date, lang)}）` : '';
  return lang === 'zh-CN' ? `${record.source.title}${date}` : `${record.source.title}${date.replace('（', ' (').replace('）', ')')}`;
}

function countsOf(rows: readonly ReportRow[]): Partial<Record<Status, number>> {
  const counts: Partial<Record<Status, number>> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

function countPhrase(counts: Partial<Record<Status, number>>, lang: BriefingLanguage): string {
  const parts = STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) =>
    lang === 'zh-CN' ? `${STATUS_WORDS[lang][s]}${counts[s]}项` : `${counts[s]} ${STATUS_WORDS[lang][s]}`,
  );
  return parts.join(lang === 'zh-CN' ? '、' : ', ');
}

function sectionParagraph(title: string, rows: readonly ReportRow[], lang: BriefingLanguage): string {
  const counts = countPhrase(countsOf(rows), lang);
  const unmet = rows.filter((r) => r.met === false);
  const strong = rows.filter((r) => r.met === true).slice(0, 3);
  if (lang === 'zh-CN') {
    let p = `${title.replace(/^[一二三四五六七八九十]+、/, '')}方面，共有量化指标${rows.length}项，其中${counts}。`;
    if (strong.length > 0)
      p += `${strong.map((r) => `${r.indicator}${r.basis === 'projection' ? '预计' : ''}达到${r.figure}`).join('，')}。`;
    if (unmet.length > 0) p += `尚未达到目标的有：${unmet.map((r) => `${r.indicator}（${r.gap}）`).join('；')}。`;
    else p += '各项指标均达到或预计达到目标。';
    return p;
  }
  let p = `${title}: ${rows.length} quantitative targets, ${counts}.`;
  if (strong.length > 0)
    p += ` ${strong.map((r) => `${r.indicator} ${r.basis === 'projection' ? 'is expected to reach' : 'reached'} ${r.figure}`).join('; ')}.`;
  if (unmet.length > 0) p += ` Not yet met: ${unmet.map((r) => `${r.indicator} (${r.gap})`).join('; ')}.`;
  else p += ' Every target is met or expected to be met.';
  return p;
}

/**
 * The report for the first scenario of the input (the reference); the others are compared in the
 * completion table's probability column only when the caller passes one scenario per report.
 */
export function buildFinalReport(input: BriefingInput, scenarioIndex = 0): FinalReport {
  checkInput(input);
  const lang = input.language;
  const zh = lang === 'zh-CN';
  const plan: Plan = input.plan;
  const s = input.scenarios[scenarioIndex] ?? input.scenarios[0];
  const evals = new Map(s.projection.targets.map((e) => [e.id, e]));
  const pmeet = new Map((s.simulation?.targets ?? []).map((x) => [x.id, x.p_meet]));
  const rows: ReportRow[] = [];
  const sourceRows: ReportSource[] = [];
  const seenSources = new Set<string>();
  const revisions = replacedNotes(input);
  for (const section of plan.sections) {
    for (const t of plan.targets.filter((x) => x.section === section.id)) {
      const ev = evals.get(t.id);
      if (!ev) continue;
      const b = basisOf(s, ev, lang);
      const indicator = zh ? t.name_zh : t.name_en;
      const row: ReportRow = {
        no: rows.length + 1,
        target_id: t.id,
        section_id: section.id,
        indicator,
        target: targetPhrase(t, lang),
        figure: judgedFigure(t, ev.projected, lang),
        basis: b.basis,
        basis_text: b.text,
        status: ev.status,
        status_text: STATUS_WORDS[lang][ev.status],
        gap: gapText(t, ev, lang),
        responsible: t.responsible.join(zh ? '、' : ', '),
        source: sourceText(b.record, lang),
        assumed: ev.assumed,
        p_meet: pmeet.get(t.id) ?? null,
        p_text: probabilityText(s, pmeet.get(t.id) ?? null, lang),
        met: ev.met,
      };
      rows.push(row);
      if (b.record) {
        const key = `${b.record.series}|${b.record.period}|${b.record.source.title}`;
        if (!seenSources.has(key)) {
          seenSources.add(key);
          sourceRows.push({
            indicator,
            period: periodText(
              b.record.period,
              lang,
              plan.series.find((x) => x.id === b.record!.series),
            ),
            value: formatNumber(b.record.value, 2, lang, true).replace(/\.?0+$/, ''),
            source: sourceText(b.record, lang),
            ...(revisions.has(`${b.record.series}|${b.record.period}`)
              ? { revision: revisions.get(`${b.record.series}|${b.record.period}`) }
              : {}),
          });
        }
      }
    }
  }
  const sections: ReportSection[] = plan.sections
    .map((sec) => {
      const title = sectionTitle(plan, sec.id, lang);
      const secRows = rows.filter((r) => r.section_id === sec.id);
      return { id: sec.id, title, rows: secRows, counts: countsOf(secRows), paragraph: sectionParagraph(title, secRows, lang) };
    })
    .filter((sec) => sec.rows.length > 0);

  const counts = countsOf(rows);
  const assumedCount = rows.filter((r) => r.assumed).length;
  const asOf = input.settings?.as_of_year ?? plan.base_year + 2;
  const nowcastMonths = rows.filter((r) => r.basis === 'nowcast').map((r) => Number(/(\d+)/.exec(r.basis_text)?.[1] ?? 0));
  const latestMonth = nowcastMonths.length > 0 ? Math.max(...nowcastMonths) : null;
  const finalYear = Math.max(...plan.targets.map((t) => t.target_year));
  const dataAsOf = zh
    ? `${asOf}年统计数据${latestMonth ? `及${finalYear}年1-${latestMonth}月数据` : ''}`
    : `statistics to ${asOf}${latestMonth ? ` and ${finalYear} January–${MONTHS_EN[latestMonth - 1]}` : ''}`;

  const problems: ReportProblem[] = rows
    .filter((r) => r.met === false)
    .map((r) => {
      const ev = evals.get(r.target_id) as TargetEvaluation;
      const rest = r.assumed
        ? zh
          ? '该判断依赖假设数据，需以统计部门正式数据核实。'
          : 'The verdict rests on assumed values and needs the official figure.'
        : '';
      // the required effort (models/kinds/effort.ts): a fall for a falling target, a share's on its numerator
      const ef = requiredEffort(ev);
      let need = '';
      if (ef.state === 'needed' && ef.rate !== null && ef.direction * ef.rate > 0 && r.basis === 'projection') {
        const fall = ef.rate < 0;
        const a = `${formatNumber(Math.abs(ef.rate) * 100, 1, lang, true)}%`;
        const lever = ef.lever === 'numerator' ? plan.series.find((x) => x.id === ef.leverSeries) : undefined;
        need = zh
          ? `按现有趋势${lever ? `分子（${lever.name_zh}）` : ''}需年均${fall ? '下降' : '增长'}${a}方可实现。`
          : `It would need ${lever ? `its numerator (${lever.name_en}) to ` : ''}${fall ? `fall ${a}` : `grow ${a}`} a year.`;
      }
      const text = zh
        ? `${r.indicator}：目标${r.target}，${finalYear}年${r.basis === 'projection' ? '预计' : ''}为${r.figure}（${r.basis_text}），${r.gap}。${need}${rest}责任单位：${r.responsible || '—'}。`
        : `${r.indicator}: target ${r.target}; ${finalYear} ${r.basis === 'projection' ? 'expected' : 'figure'} ${r.figure} (${r.basis_text}), ${r.gap}. ${need} ${rest} Responsible: ${r.responsible || '—'}.`;
      return { indicator: r.indicator, text: text.replace(/\s+/g, ' ').trim() };
    });

  // 口径说明: first every 口径 still to confirm, then each target's base year and what it counts
  const koujing = koujingSection(input);
  const definitions: string[] = [koujing.lead, ...koujing.items.map((x, i) => (zh ? `（${i + 1}）${x}` : `(${i + 1}) ${x}`))];
  for (const t of plan.targets) {
    const ev = evals.get(t.id);
    if (!ev) continue;
    const name = zh ? t.name_zh : t.name_en;
    const b = targetBasisOf(plan, t, input.settings?.target_bases, input.settings?.base_year);
    const base = zh
      ? `基期${ev.base_year}年${b.changed ? `，终期${ev.target_year}年（已按核定口径调整）` : ''}`
      : `base year ${ev.base_year}${b.changed ? `, end year ${ev.target_year} (as set by the planners)` : ''}`;
    const note = zh && t.note_zh ? `；${t.note_zh}` : '';
    const counting = countingNote(t, lang);
    const countText = counting ? (zh ? `；${counting.replace(/。$/, '')}` : `; ${counting.replace(/\.$/, '')}`) : '';
    if (t.kind === 'reduction' || t.kind === 'growth_rate' || t.kind === 'cumulative' || t.note_zh || counting || b.changed) {
      definitions.push(zh ? `${name}：${base}${note}${countText}。`.replace(/。。$/, '。') : `${name}: ${base}${countText}.`);
    }
  }

  const lead = zh
    ? `《${plan.title_zh}》共设定量化指标${rows.length}项。按${s.name}，截至${dataAsOf}，${countPhrase(counts, lang)}。其中${assumedCount}项的判断依赖假设数据，需以责任单位报送的正式数据核实（${assumptionRollupText(s.projection.targets, lang).replace(/。$/, '')}）。`
    : `The plan sets ${rows.length} quantitative targets. Under ${s.name}, with ${dataAsOf}: ${countPhrase(counts, lang)}. ${assumedCount} verdicts rest on assumed values and need the responsible units' official figures (${assumptionRollupText(s.projection.targets, lang).replace(/\.$/, '')}).`;

  const others = input.scenarios.filter((x) => x !== s);
  const comparison: ReportComparison | null =
    others.length === 0
      ? null
      : {
          scenarios: [s, ...others].map((x) => x.name),
          rows: plan.targets.map((t) => ({
            indicator: zh ? t.name_zh : t.name_en,
            cells: [s, ...others].map((x) => {
              const e = x.projection.targets.find((y) => y.id === t.id);
              if (!e) return '—';
              const verdict = `${STATUS_WORDS[lang][e.status]}${e.assumed ? '*' : ''}`;
              const figure = judgedFigure(t, e.projected, lang);
              return zh ? `${verdict}（${figure}）` : `${verdict} (${figure})`;
            }),
          })),
        };

  return {
    comparison,
    language: lang,
    title: zh ? `《${plan.title_zh}》终期评估报告` : `Final evaluation of the ${plan.title_en}`,
    subtitle: zh ? '（讨论稿）' : '(draft for discussion)',
    scenario: s.name,
    date: formatDate(localDate(input.generated_at), lang),
    data_as_of: dataAsOf,
    lead,
    counts,
    assumed_count: assumedCount,
    sections,
    problems,
    definitions,
    unconfirmed: koujing.items,
    sources: sourceRows,
    headings: { ...H[lang] },
    columns: [...COLUMNS[lang]],
    notes: [
      zh
        ? `标“*”的判断依赖假设数据。“${BASIS_WORDS[lang].projection}”为按${s.name}测算的预计值。`
        : `Verdicts marked "*" rest on assumed values. "${BASIS_WORDS[lang].projection}" is the expected value under ${s.name}.`,
    ],
  };
}

function probabilityText(s: BriefingScenario, p: number | null, lang: BriefingLanguage): string {
  if (!s.simulation) return '—';
  return p === null ? noRangeText(lang) : formatProbability(p);
}

/** YYYY-MM-DD of an ISO instant in the machine's time zone (the date a planner sees on the calendar). */
function localDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
