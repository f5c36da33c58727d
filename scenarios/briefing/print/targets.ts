/** One section of the plan in the printed briefing: per target its trajectory chart, the drafted sentences, the latest actual, the plan's words. */
import type { Target } from '../../../models/schema';
import { kindOf } from '../../../models/kinds';
import { draftSentence, targetPhrase } from '../../../models/sentences';
import { enteredValue, sourceTitleText } from '../../../models/provenance';
import { formatValue, unitName } from '../../../models/units';
import { replacedNotes } from '../records-shown';
import { trajectorySvg, type ChartSeries } from '../chart';
import { RELIABILITY_WORDS, VALUE_KIND_WORDS, formatDate, itemTitle, scenarioColor, sectionTitle } from '../terms';
import { judgedPath, uncertaintyBand } from '../trajectory';
import { type BriefingInput, type BriefingLanguage } from '../types';
import { words } from './words';
import { esc, unitSuffix, chip, probabilityOf } from './markup';
import { rollupBlock } from './overview';

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

export function planSection(input: BriefingInput, sectionId: string): string {
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
