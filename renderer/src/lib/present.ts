/**
 * Presentation mode (演示模式): one target per slide. This file holds its pure parts — which key
 * moves where, the slide chart, and the drafted sentence of a slide, e.g.
 *   按基准情景测算，2026年金盛兰精品钢产值预计达到635.2亿元，距目标差64.8亿元，需年均增长22.6%。
 * The sentence is the briefing pack's (models/sentences.ts, one implementation for both), plus
 * the nowcast clause when the value rests on year-to-date figures.
 * Pure: no DOM, no i18next (the language is a parameter); unit-tested in Node.
 */
import type { Target } from '../../../models/schema';
import type { TargetEvaluation } from '../../../models/types';
import {
  draftSentence as sharedDraftSentence,
  nowcastClause as sharedNowcastClause,
  scenarioPhrase as sharedScenarioPhrase,
  type SentenceLanguage,
  type SentenceNowcast,
} from '../../../models/sentences';
import { stripUndefined, type Figure } from './figure';
import { isZh } from './format';

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

export type SlideAction = 'next' | 'prev' | 'first' | 'last' | 'exit';

/** What a key does in presentation mode; null for keys it leaves alone. */
export function slideKeyAction(key: string, shift = false): SlideAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'Enter':
    case 'n':
    case 'N':
      return 'next';
    case ' ':
    case 'Spacebar':
      return shift ? 'prev' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
    case 'p':
    case 'P':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
    case 'Esc':
      return 'exit';
    default:
      return null;
  }
}

/** The slide shown after `action` (stays within 0..total-1; 'exit' leaves the index as is). */
export function stepSlide(index: number, total: number, action: SlideAction): number {
  if (total <= 0) return 0;
  const i = Math.min(Math.max(0, index), total - 1);
  switch (action) {
    case 'next':
      return Math.min(total - 1, i + 1);
    case 'prev':
      return Math.max(0, i - 1);
    case 'first':
      return 0;
    case 'last':
      return total - 1;
    default:
      return i;
  }
}

/** "12 / 62" */
export function slideCounter(index: number, total: number): string {
  if (total <= 0) return '0 / 0';
  return `${Math.min(total, Math.max(1, index + 1))} / ${total}`;
}

/** A chart made for the wall: larger type, thicker lines, the legend under the plot. */
export function presentationFigure(fig: Figure, fontSize = 20): Figure {
  const layout = fig.layout as Record<string, unknown>;
  const font = (layout.font as Record<string, unknown> | undefined) ?? {};
  const legend = (layout.legend as Record<string, unknown> | undefined) ?? {};
  const yaxis = (layout.yaxis as Record<string, unknown> | undefined) ?? {};
  const xaxis = (layout.xaxis as Record<string, unknown> | undefined) ?? {};
  const yTitle = yaxis.title as { text?: string; font?: Record<string, unknown> } | undefined;
  // Plotly reads `key in obj`: keys holding undefined must not be there at all
  return {
    data: fig.data.map((tr) =>
      stripUndefined({
        ...tr,
        line: tr.line ? { ...tr.line, width: (tr.line.width ?? 2) * 1.4 } : tr.line,
        marker: tr.marker ? { ...tr.marker, size: scaleSize(tr.marker.size, 1.5) } : tr.marker,
      }),
    ),
    layout: stripUndefined({
      ...layout,
      font: { ...font, size: fontSize },
      legend: { ...legend, font: { size: Math.round(fontSize * 0.8) }, y: -0.12 },
      margin: { l: 90, r: 40, t: 40, b: 60 },
      xaxis: { ...xaxis, tickfont: { size: fontSize } },
      yaxis: {
        ...yaxis,
        tickfont: { size: Math.round(fontSize * 0.9) },
        title: yTitle ? { ...yTitle, font: { ...(yTitle.font ?? {}), size: Math.round(fontSize * 0.8) } } : yTitle,
      },
      hoverlabel: { ...((layout.hoverlabel as Record<string, unknown>) ?? {}), font: { size: Math.round(fontSize * 0.8) } },
      annotations: ((layout.annotations as Record<string, unknown>[] | undefined) ?? []).map((a) => ({
        ...a,
        font: { ...((a.font as Record<string, unknown>) ?? {}), size: Math.round(fontSize * 0.7) },
      })),
    }),
  };
}

function scaleSize(size: number | number[] | undefined, k: number): number | number[] | undefined {
  if (size === undefined) return undefined;
  return Array.isArray(size) ? size.map((s) => Math.round(s * k)) : Math.round(size * k);
}

// ---------------------------------------------------------------------------------------------
// The drafted sentence: models/sentences.ts, shared with the briefing pack's PDF
// ---------------------------------------------------------------------------------------------

export interface SentenceOptions {
  /** the value of this year rests on a year-to-date nowcast through this month. */
  nowcast?: SentenceNowcast | null;
}

/** The sentences' language for an i18next language ('zh', 'zh-CN' -> 'zh-CN'; others -> 'en'). */
export function sentenceLanguage(lang: string): SentenceLanguage {
  return isZh(lang) ? 'zh-CN' : 'en';
}

/** "按基准情景测算" / "under the Baseline scenario". */
export function scenarioPhrase(name: string, lang: string): string {
  return sharedScenarioPhrase(name, sentenceLanguage(lang));
}

/** "（2026年数值按1-9月累计推算）" / " (the 2026 value is a nowcast from January–September)". */
export function nowcastClause(n: SentenceNowcast | null | undefined, lang: string): string {
  return sharedNowcastClause(n, sentenceLanguage(lang));
}

/**
 * The sentence of a target under a scenario, in the planner's language: the briefing's sentence
 * (without its probability clause), with the nowcast clause when the value rests on one.
 * `evaluation` null (no projection) reads as "no data".
 */
export function draftSentence(
  target: Target,
  evaluation: TargetEvaluation | null,
  scenarioName: string,
  lang: string,
  opts: SentenceOptions = {},
): string {
  return sharedDraftSentence(target, evaluation, scenarioName, sentenceLanguage(lang), { nowcast: opts.nowcast ?? null });
}
