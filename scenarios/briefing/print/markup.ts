/** Small pieces of markup the printed briefing's sections share: escaping, status chips, assumed values, labels. */
import type { Status } from '../../../models/schema';
import { unitLabel } from '../../../models/units';
import { escapeXml } from '../chart';
import { STATUS_COLORS, STATUS_WORDS } from '../terms';
import { type BriefingLanguage, type BriefingScenario } from '../types';
import { words } from './words';

export const esc = escapeXml;

/** A unit written after an entered figure: 亿元 / billion yuan as formatValue writes it. */
export function unitSuffix(unit: string, lang: BriefingLanguage): string {
  const label = unitLabel(unit, lang);
  if (!label) return '';
  return lang === 'zh-CN' || label === '%' ? label : ` ${label}`;
}

/** A title whose bracketed parts never break across lines: (2024—2026年) stays whole. */
export function keepBrackets(title: string): string {
  return esc(title).replace(/([（(][^（）()]{1,24}[）)])/g, '<span class="nobreak">$1</span>');
}

export function chip(status: Status, lang: BriefingLanguage, count?: number): string {
  const c = STATUS_COLORS[status];
  const label = STATUS_WORDS[lang][status] + (count !== undefined ? ` ${count}` : '');
  return `<span class="chip" style="color:${c.fg};background:${c.bg};border-color:${c.fg}33">${esc(label)}</span>`;
}

export function assumedValue(text: string, assumed: boolean, lang: BriefingLanguage, tag = true): string {
  if (!assumed) return esc(text);
  return `<span class="assumed">${esc(text)}${tag ? `<span class="tag">${esc(words(lang).assumed_tag)}</span>` : ''}</span>`;
}

export function scenarioLabel(s: BriefingScenario): string {
  return s.frozen_label ? `${s.name}（${s.frozen_label}）` : s.name;
}

export function probabilityOf(s: BriefingScenario, id: string): number | null {
  const p = s.simulation?.targets.find((x) => x.id === id)?.p_meet;
  return typeof p === 'number' && Number.isFinite(p) ? p : null;
}
