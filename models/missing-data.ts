/**
 * Why a target has no verdict (issue 15.6): when its judged series has no value in the base year
 * (or the year judged), which of the series it is computed from lack that year's actual, so the
 * screens can say what to enter instead of a bare 无数据. The 2020 reading of the three 累计降幅
 * targets is the case in point: the plan holds no 2020 figures, and the engine never back-casts,
 * so 单位地区生产总值二氧化碳排放 2020 needs 二氧化碳排放量, 地区生产总值(现价) and its 平减指数 for
 * 2020. Derived series are followed to the series a planner enters (a ratio's numerator and
 * denominator, a comparable-price series' current-price series and price index, a running sum's
 * flow). Pure.
 */
import { valueAt, type Ctx } from './context';
import { derivationInputs } from './derive';
import type { Locale } from './units';

export interface MissingData {
  /** the year without a value */
  year: number;
  /** that year is the base year of the reading (else the year judged) */
  base: boolean;
  /** the judged series */
  series: { id: string; name_zh: string; name_en: string };
  /** the entered series that lack the year's actual (the judged series itself when it is entered) */
  inputs: { id: string; name_zh: string; name_en: string }[];
}

/** The entered series behind series index `s` that have no value in `year`. */
function missingInputs(ctx: Ctx, s: number, year: number, seen = new Set<number>()): number[] {
  if (seen.has(s)) return [];
  seen.add(s);
  if (!Number.isNaN(valueAt(ctx, s, year))) return [];
  const d = ctx.derived[s];
  if (!d) return [s];
  const out: number[] = [];
  for (const [, id] of derivationInputs(d)) {
    const i = ctx.index.get(id);
    if (i !== undefined) for (const m of missingInputs(ctx, i, year, seen)) if (!out.includes(m)) out.push(m);
  }
  // every input has the year yet the derived value is missing (a zero denominator …): the series itself
  return out.length > 0 ? out : [s];
}

const named = (ctx: Ctx, s: number) => {
  const def = ctx.defs[s]!;
  return { id: def.id, name_zh: def.name_zh, name_en: def.name_en };
};

/** What is missing for a verdict on series `s` from base year `b` judged in `judged`, or null when both years have a value. */
export function missingDataOf(ctx: Ctx, s: number, b: number, judged: number): MissingData | null {
  const base = Number.isNaN(valueAt(ctx, s, b));
  const year = base ? b : judged;
  if (!base && !Number.isNaN(valueAt(ctx, s, judged))) return null;
  return { year, base, series: named(ctx, s), inputs: missingInputs(ctx, s, year).map((i) => named(ctx, i)) };
}

/** The reason in words: "基期2020年无单位地区生产总值二氧化碳排放数值：缺少2020年的二氧化碳排放量、…实际值，在“数据”页录入后即可评价". */
export function missingDataText(m: MissingData, lang: Locale): string {
  const y = m.year;
  const self = m.inputs.length === 1 && m.inputs[0]!.id === m.series.id;
  if (lang === 'zh-CN') {
    const when = m.base ? `基期${y}年` : `${y}年`;
    const what = self ? `${m.series.name_zh}的${y}年实际值` : `${y}年的${m.inputs.map((x) => x.name_zh).join('、')}实际值`;
    return `${when}无${m.series.name_zh}数值：缺少${what}，在“数据”页录入后即可按此口径评价`;
  }
  const when = m.base ? `the ${y} base` : `${y}`;
  const names = m.inputs.map((x) => x.name_en);
  const list = names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const what = self ? `the ${y} actual of ${m.series.name_en}` : `the ${y} actuals of ${list}`;
  return `no value of ${m.series.name_en} for ${when}: ${what} ${self ? 'is' : 'are'} missing; enter ${self ? 'it' : 'them'} on the Data screen to judge it on this basis`;
}
