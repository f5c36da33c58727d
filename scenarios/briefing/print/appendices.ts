/** The appendices of the printed briefing: 附录一 assumptions, 附录二 actuals and their sources, 附录三 method, 口径说明. */
import type { Plan } from '../../../models/schema';
import type { ResolvedAssumption } from '../../../models/types';
import { enteredByText, enteredValue, noteText, sourceTitleText } from '../../../models/provenance';
import { staleRationaleText } from '../../../models/rationale';
import { formatValue } from '../../../models/units';
import { koujingSection } from '../koujing-notes';
import { periodText, replacedNote, shownActuals } from '../records-shown';
import { EXAMPLE_LABEL, methodText, methodologySections } from '../../../models/methodology';
import {
  MODEL_WORDS,
  RELIABILITY_WORDS,
  VALUE_KIND_WORDS,
  formatDate,
  modelParameters,
  scenarioColor,
  seriesName,
  seriesUnit,
  uncertaintyText,
} from '../terms';
import { type BriefingInput, type BriefingLanguage } from '../types';
import { words } from './words';
import { esc, unitSuffix, scenarioLabel } from './markup';

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
function modelSummary(a: ResolvedAssumption, unit: string, plan: Plan, lang: BriefingLanguage): string {
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

export function assumptionsAppendix(input: BriefingInput): string {
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

export function actualsAppendix(input: BriefingInput): string {
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

export function methodAppendix(input: BriefingInput): string {
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
export function koujingAppendix(input: BriefingInput): string {
  const k = koujingSection(input);
  return `<section class="appendix koujing" id="appendix-koujing"><h2>${esc(k.heading)}</h2><p class="lead">${esc(k.lead)}</p>${
    k.items.length > 0 ? `<ol>${k.items.map((x) => `<li>${esc(x)}</li>`).join('')}</ol>` : ''
  }</section>`;
}
