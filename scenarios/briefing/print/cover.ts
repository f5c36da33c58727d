/** The cover of the printed briefing: plan title, 汇报材料, scenarios, date, the headline, contents. */
import { okCount } from '../../../models/status';
import { dataAsOfText, generatedDate } from '../data-as-of';
import { koujingSection } from '../koujing-notes';
import { formatDate, sectionTitle } from '../terms';
import { type BriefingInput } from '../types';
import { words } from './words';
import { esc, keepBrackets, scenarioLabel } from './markup';

export function cover(input: BriefingInput): string {
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
