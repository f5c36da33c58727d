/** 总览: the roll-up by status per scenario and the scoreboard of every target. */
import { emptyCounts, okCount, presentStatuses } from '../../../models/status';
import { judgedFigure, targetPhrase } from '../../../models/sentences';
import type { TargetEvaluation } from '../../../models/types';
import { assumptionRollupText } from '../koujing-notes';
import { formatProbability } from '../../../models/probability';
import { scenarioColor, sectionTitle } from '../terms';
import { type BriefingInput, type BriefingScenario } from '../types';
import { words } from './words';
import { esc, chip, assumedValue, scenarioLabel, probabilityOf } from './markup';

export function rollupBlock(input: BriefingInput, evalsOf: (s: BriefingScenario) => TargetEvaluation[]): string {
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

export function overview(input: BriefingInput): string {
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
