/**
 * 口径 per target: the base year and end year a target is judged on, as the plan reads and as the
 * planners set it (settings.target_bases), whether it is still to be confirmed (口径待核实: the plan
 * ships `basis_check` on targets that most likely restate a 十四五 figure on a 2020 base), and what a
 * count counts (a stock, or new additions). One rule for the scoreboard, the workbench, the briefing
 * pack and the final evaluation report. Pure.
 *
 * @example basisOf(plan, t, {}).unconfirmed // true for 单位工业增加值能耗累计降幅14% until confirmed
 * @example basisLabel(basisOf(plan, t, {}), 'zh-CN') // '基期2023年，终期2026年'
 */
import type { Plan, Target, TargetBasis, TargetBases } from './schema';

/** What is wrong with a 口径 the planners set, naming the target (empty: it can be stored). */
export interface BasisProblem {
  id: string;
  field: 'base_year' | 'end_year' | 'target';
  message_zh: string;
  message_en: string;
}

export type KoujingLanguage = 'zh-CN' | 'en';

export interface BasisInForce {
  id: string;
  /** the base and end year the verdict uses. */
  base_year: number;
  end_year: number;
  /** the plan's own reading (the target's base year, or the plan's / settings' base year). */
  plan_base_year: number;
  plan_end_year: number;
  /** true where the planners changed the base or end year. */
  changed: boolean;
  /** the planners' note ('' when none). */
  note: string;
  /** the planners marked it confirmed. */
  confirmed: boolean;
  /** the plan ships it 口径待核实 and nobody has confirmed it. */
  unconfirmed: boolean;
  /** the plan's reason for the check, in both languages, and the other reading (null: none shipped). */
  check: Target['basis_check'] | null;
}

/** The 口径 a target is judged on. `defaultBase` is the settings' base year (else the plan's). */
export function basisOf(plan: Plan, t: Target, bases: TargetBases | undefined, defaultBase?: number | null): BasisInForce {
  const set: TargetBasis | undefined = bases?.[t.id];
  const planBase = t.base_year ?? defaultBase ?? plan.base_year;
  const planEnd = t.target_year;
  const base = set?.base_year ?? planBase;
  const end = set?.end_year ?? planEnd;
  const check = t.basis_check ?? null;
  const confirmed = set?.confirmed ?? false;
  return {
    id: t.id,
    base_year: base,
    end_year: end,
    plan_base_year: planBase,
    plan_end_year: planEnd,
    changed: base !== planBase || end !== planEnd,
    note: set?.note ?? '',
    confirmed,
    unconfirmed: check !== null && !confirmed,
    check,
  };
}

/** "基期2023年，终期2026年" / "base 2023, end 2026". */
export function basisLabel(b: Pick<BasisInForce, 'base_year' | 'end_year'>, lang: KoujingLanguage): string {
  return lang === 'zh-CN' ? `基期${b.base_year}年，终期${b.end_year}年` : `base ${b.base_year}, end ${b.end_year}`;
}

/** The mark beside a verdict: "口径待核实" while unconfirmed, "口径已调整" where the planners changed it, else ''. */
export function basisMark(b: BasisInForce, lang: KoujingLanguage): string {
  const zh = lang === 'zh-CN';
  if (b.unconfirmed) return zh ? '口径待核实' : 'basis to confirm';
  if (b.changed) return zh ? '口径已调整' : 'basis changed';
  return '';
}

/** The other reading of a target shipped 口径待核实, as a stored basis (one click away). */
export function alternativeBasis(t: Target, confirmed = false): TargetBasis | null {
  const alt = t.basis_check?.alternative;
  if (!alt) return null;
  return { base_year: alt.base_year, end_year: alt.end_year, note: '', confirmed };
}

const COUNT_UNITS = new Set(['家', '个', '项', '人', '名', '件', '座', '条', '支', '所']);
const ADDING_VERBS = /打造|培育|建成|创建|引进|新建|认定|建设|选派|实施|转化/;

/**
 * What a count counts, as a note: a stock (the number held at year end) or new additions (each
 * year's, or summed from the first counted year). Null for a target that is not a count.
 */
export function countingNote(t: Target, lang: KoujingLanguage, start?: number): string | null {
  if (!COUNT_UNITS.has(t.unit)) return null;
  const zh = lang === 'zh-CN';
  const from = start ?? t.start_year ?? (t.base_year ?? 2023) + 1;
  if (t.kind === 'annual_flow') return zh ? '按当年新增数计，每年分别判断。' : 'Counts new additions within each year; every year judged.';
  if (t.kind === 'cumulative')
    return zh
      ? `按${from}年起累计新增数计（不含此前已有的存量）。`
      : `Counts new additions summed from ${from} (not the stock held before).`;
  const verb = ADDING_VERBS.exec(t.source_text)?.[0] ?? null;
  if (verb)
    return zh
      ? `按存量（年末累计拥有数）计；原文“${verb}”也可读作新增，如按新增计请调整口径。`
      : `Counts the stock held at year end; the plan's “${verb}” could also mean new additions: change the basis if so.`;
  return zh ? '按存量（年末累计拥有数）计。' : 'Counts the stock held at year end.';
}

export interface UnconfirmedBasis {
  id: string;
  name: string;
  basis: BasisInForce;
  /** one paragraph for the 口径说明 section. */
  text: string;
}

/**
 * Every 口径 still to confirm, for the 口径说明 section of the briefing pack and the final evaluation
 * report: the targets shipped 口径待核实 and not confirmed, and every target whose base or end year
 * the planners changed without confirming it.
 */
export function unconfirmedBases(
  plan: Plan,
  bases: TargetBases | undefined,
  lang: KoujingLanguage,
  defaultBase?: number | null,
): UnconfirmedBasis[] {
  const zh = lang === 'zh-CN';
  const out: UnconfirmedBasis[] = [];
  for (const t of plan.targets) {
    const b = basisOf(plan, t, bases, defaultBase);
    if (!b.unconfirmed && !(b.changed && !b.confirmed)) continue;
    const name = zh ? t.name_zh : t.name_en;
    const parts: string[] = [];
    parts.push(zh ? `现按${basisLabel(b, lang)}计算。` : `Now computed on ${basisLabel(b, lang)}.`);
    if (b.changed)
      parts.push(
        zh
          ? `规划默认口径为${basisLabel({ base_year: b.plan_base_year, end_year: b.plan_end_year }, lang)}。`
          : `The plan's default is ${basisLabel({ base_year: b.plan_base_year, end_year: b.plan_end_year }, lang)}.`,
      );
    if (b.check) {
      parts.push(zh ? b.check.note_zh : b.check.note_en);
      const alt = b.check.alternative;
      if (alt.base_year !== b.base_year || alt.end_year !== b.end_year)
        parts.push(zh ? `另一种口径：${basisLabel(alt, lang)}。` : `The other reading: ${basisLabel(alt, lang)}.`);
    }
    if (b.note) parts.push(zh ? `备注：${b.note}` : `Note: ${b.note}`);
    parts.push(zh ? '请责任单位核实口径。' : 'To be confirmed by the responsible units.');
    out.push({ id: t.id, name, basis: b, text: zh ? `${name}：${parts.join('')}` : `${name}: ${parts.join(' ')}` });
  }
  return out;
}

/**
 * The 口径 the planners may set: a target of the plan; a base year from ten years before the plan's
 * base year up to the year before the end year; an end year after the base year and no later than
 * the target year (a target restating a 十四五 figure ends in 2025). One rule for the API and the form.
 */
export function checkBases(plan: Plan, bases: TargetBases): BasisProblem[] {
  const out: BasisProblem[] = [];
  const byId = new Map(plan.targets.map((t) => [t.id, t]));
  for (const id of Object.keys(bases)) {
    const t = byId.get(id);
    if (!t) {
      out.push({ id, field: 'target', message_zh: `口径：规划中没有指标“${id}”`, message_en: `basis: the plan has no target "${id}"` });
      continue;
    }
    const b = basisOf(plan, t, bases);
    const lo = plan.base_year - 10;
    if (b.base_year < lo || b.base_year >= b.end_year) {
      out.push({
        id,
        field: 'base_year',
        message_zh: `${t.name_zh}（口径基期）：${b.base_year}年不可用，允许 ${lo}–${b.end_year - 1} 年（早于终期${b.end_year}年）`,
        message_en: `${t.name_en} (basis base year): ${b.base_year} is not allowed, use ${lo}–${b.end_year - 1} (before the end year ${b.end_year})`,
      });
    }
    // an end year no base can precede, or after the target year (a base not before it is the base's fault)
    if (b.end_year > t.target_year || b.end_year <= lo) {
      out.push({
        id,
        field: 'end_year',
        message_zh: `${t.name_zh}（口径终期）：${b.end_year}年不可用，允许 ${lo + 1}–${t.target_year} 年`,
        message_en: `${t.name_en} (basis end year): ${b.end_year} is not allowed, use ${lo + 1}–${t.target_year}`,
      });
    }
  }
  return out;
}
