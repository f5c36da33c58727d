/**
 * Which actuals a pack or report shows: only the record in force per series and period (the one
 * rule, models/records.ts), and, where a later vintage replaced an earlier record with another
 * figure, a note saying so in the pack's language:
 *   2025年值已由610家更新为≥920家（来源：网页 lonnews.com，2026年1月25日）
 *   The 2025 value was updated from 610 to at least 920 (source: …, 25 January 2026)
 */
import { enteredValue, sourceTitleText } from '../../models/provenance';
import { isNowcast, recordsInForceWithReplaced } from '../../models/records';
import type { Plan } from '../../models/schema';
import { periodText } from '../../models/period-text';
import { normalizePeriod } from '../../models/actuals-import';
import { formatValue, unitLabel } from '../../models/units';
import { formatDate, seriesUnit } from './terms';
import type { BriefingActual, BriefingInput, BriefingLanguage } from './types';

export interface ShownActual {
  record: BriefingActual;
  /** live records of the same series and period it replaced, newest first. */
  replaced: BriefingActual[];
}

/** The live records in force of a pack, each with the records it replaced (input order). */
export function shownActuals(input: Pick<BriefingInput, 'actuals'>): ShownActual[] {
  return recordsInForceWithReplaced(input.actuals, { separateNowcasts: true });
}

/** A record's figure as entered, with its kind: 610家, ≥920家, 接近1000亿元 / 610, at least 920. */
function figureText(a: Pick<BriefingActual, 'value' | 'value_kind'>, unit: string, lang: BriefingLanguage): string {
  const label = unitLabel(unit, lang);
  const zh = lang === 'zh-CN';
  // in English a Chinese-scaled unit (亿元, 万吨) is read in millions or billions of the base unit,
  // with every decimal the entry has (1950.3亿元 -> 195.03 billion yuan)
  const num =
    !zh && /[\u3400-\u9fff]/.test(label)
      ? formatValue(a.value, unit, lang, { decimals: decimalsOf(a.value) + 4 })
      : `${enteredValue(a.value)}${label ? (zh || label === '%' ? label : ` ${label}`) : ''}`;
  switch (a.value_kind) {
    case 'lower_bound':
      return zh ? `≥${num}` : `at least ${num}`;
    case 'approx_below':
      return zh ? `接近${num}` : `just under ${num}`;
    case 'estimate':
      return zh ? `约${num}` : `about ${num}`;
    case 'yoy':
      return zh ? `同比增长${enteredValue(a.value)}%` : `${enteredValue(a.value)}% year on year`;
    default:
      return num;
  }
}

function decimalsOf(x: number): number {
  const t = String(x);
  return /e/i.test(t) ? 6 : (t.split('.')[1] ?? '').length;
}

/** The one period rule (models/period-text.ts), re-exported for the exports that import it from here. */
export { periodText };

/**
 * The stored period back from what periodText printed (a workbook read back): 2023年6月末,
 * 2026年1-10月, 2025年 and their English forms, by the one period reader (models/actuals-import.ts
 * normalizePeriod); anything it does not read, unchanged, for the schema to judge.
 */
export function periodFromText(text: string): string {
  return normalizePeriod(text) ?? text.trim();
}

/**
 * The note of a record in force that replaced an earlier one with another figure, or '' (none
 * replaced, or only records of the same figure and kind: a re-entry, not an update).
 */
export function replacedNote(shown: ShownActual, plan: Pick<Plan, 'series'>, lang: BriefingLanguage): string {
  const { record } = shown;
  const unit = seriesUnit(plan, record.series);
  const now = figureText(record, unit, lang);
  const earlier = shown.replaced.find((r) => figureText(r, unit, lang) !== now);
  if (!earlier) return '';
  const title = sourceTitleText(record.source.title, lang);
  const date = record.source.date ? formatDate(record.source.date, lang) : '';
  const was = figureText(earlier, unit, lang);
  const def = plan.series.find((x) => x.id === record.series);
  if (lang === 'zh-CN')
    return `${periodText(record.period, lang, def)}值已由${was}更新为${now}（来源：${title}${date ? `，${date}` : ''}）`;
  return `The ${periodText(record.period, lang, def)} value was updated from ${was} to ${now} (source: ${title}${date ? `, ${date}` : ''})`;
}

const notesCache = new WeakMap<object, Map<string, string>>();

/** series|period -> the replacement note, for the figures a pack or report cites (computed once per input). */
export function replacedNotes(input: Pick<BriefingInput, 'actuals' | 'plan' | 'language'>): Map<string, string> {
  const hit = notesCache.get(input);
  if (hit) return hit;
  const out = new Map<string, string>();
  for (const s of shownActuals(input)) {
    if (isNowcast(s.record)) continue;
    const note = replacedNote(s, input.plan, input.language);
    if (note) out.set(`${s.record.series}|${s.record.period}`, note);
  }
  notesCache.set(input, out);
  return out;
}
