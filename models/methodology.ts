/**
 * 方法说明 / Methodology (issue 15 item 7): every rule of how a target is judged, as data: sections
 * with zh-CN and en paragraphs and worked examples. The one text read by the app's help view
 * (rendered as React elements), the PDF's method appendix (escaped) and checked against
 * docs/methodology.md. Every worked example's numbers are computed here by the real functions
 * (the engine on a small plan, the verdict line, the count rules), never typed in. Pure: no Node,
 * no DOM, no clock; computed once and kept.
 */
import { projectPlan } from './engine';
import { APPROX_TOLERANCE, DEFAULT_TOLERANCE, NEAR_TOLERANCE_DEFAULT } from './evaluate';
import { BASE_SHIFTS, baseShiftVerdicts } from './base-shift';
import { assumptionRollup, assumptionRollupSentence } from './provenance';
import { wholeDifference, wholeFigure } from './counts';
import { basisLabel, countingNote } from './koujing';
import { Plan, type Actual, type Assumption, type EvalSettings, type GrowthModel, type PlanInput, type Target } from './schema';
import { statusWord } from './status';
import type { TargetEvaluation } from './types';
import { verdictLine } from './verdict';
import { effortCellText, effortHeadroomText, requiredEffort } from './kinds/effort';
import { formatNumber } from './units';

export type MethodLanguage = 'zh-CN' | 'en';

export interface Bilingual {
  zh: string;
  en: string;
}

/** A worked example: its text in both languages and the computed figures it states (for the tests). */
export interface MethodExample extends Bilingual {
  id: string;
  values: Readonly<Record<string, number | string | boolean | null>>;
}

export interface MethodSection {
  id: string;
  heading: Bilingual;
  paragraphs: readonly Bilingual[];
  examples: readonly MethodExample[];
}

type SeriesIn = PlanInput['series'][number];
type TargetIn = PlanInput['targets'][number];
type ActualIn = NonNullable<PlanInput['actuals']>[number];

interface Case {
  unit?: string;
  kind: TargetIn['kind'];
  comparator: TargetIn['comparator'];
  target: TargetIn['target'];
  /** year → actual */
  actuals: Record<number, number>;
  model?: GrowthModel;
  /** an assumed base-year value (no actual in the base year) */
  assumedBase?: number;
  settings?: Partial<EvalSettings>;
  /** published month-end levels: 'YYYY-MM' → value */
  monthEnd?: Record<string, number>;
}

const NAME = { zh: '示例指标', en: 'example indicator' };

function casePlan(c: Case): Plan {
  const unit = c.unit ?? '亿元';
  const series: SeriesIn = { id: 'x', name_zh: NAME.zh, name_en: NAME.en, unit };
  const target: TargetIn = {
    id: 'x_target',
    name_zh: NAME.zh,
    name_en: NAME.en,
    section: 's1',
    item: null,
    source_text: NAME.zh,
    unit: c.kind === 'growth_rate' ? '%' : unit,
    kind: c.kind,
    comparator: c.comparator,
    comparator_zh: '',
    target: c.target,
    target_year: 2026,
    series: 'x',
    responsible: ['示例单位'],
  };
  const actuals: ActualIn[] = Object.entries(c.actuals).map(([y, v]) => ({
    series: 'x',
    period: y,
    value: v,
    source: { title: 'example', reliability: 'internal' },
  }));
  return Plan.parse({
    schema_version: 1,
    id: 'methodology_example',
    title_zh: '示例',
    title_en: 'Example',
    issuer_zh: '示例',
    issued_date: '2024-01-01',
    source_document: 'example',
    period_start: 2024,
    period_end: 2026,
    base_year: 2023,
    sections: [{ id: 's1', code: '一', title_zh: '一', title_en: 'One' }],
    series: [series],
    targets: [target],
    actuals,
    presets: [],
  });
}

function caseInput(c: Case) {
  const plan = casePlan(c);
  const a: Assumption = {
    series: 'x',
    base_value: c.assumedBase ?? null,
    model: c.model ?? { type: 'flat' },
    uncertainty: null,
    rationale: '',
    source: '',
    author: '',
    updated_at: '',
  };
  const monthly: Actual[] = Object.entries(c.monthEnd ?? {}).map(([period, value]) => ({
    series: 'x',
    period,
    value,
    value_kind: 'actual',
    source: { title: 'example', url: null, date: null, reliability: 'internal' },
    vintage: null,
    note: '',
    entered_by: 'example',
  }));
  return { plan, assumptions: { x: a }, settings: c.settings ?? {}, actuals: monthly };
}

interface Outcome {
  t: Target;
  ev: TargetEvaluation;
  zh: string;
  en: string;
}

function evaluateCase(c: Case): Outcome {
  const input = caseInput(c);
  const ev = projectPlan(input).targets[0];
  const t = input.plan.targets[0];
  return { t, ev, zh: verdictLine(t, ev, 'zh-CN').text, en: verdictLine(t, ev, 'en').text };
}

function r3(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1000) / 1000;
}

function fx(x: number | null | undefined, d = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}`;

function lineExample(
  id: string,
  zhHead: string,
  enHead: string,
  o: Outcome,
  extra: Record<string, number | string | boolean | null> = {},
): MethodExample {
  return {
    id,
    zh: `${zhHead} → ${o.zh}`,
    en: `${enHead} → ${o.en}`,
    values: {
      status: o.ev.status,
      progress: r3(o.ev.progress),
      time_elapsed: r3(o.ev.time_elapsed),
      gap: r3(o.ev.gap),
      assumed: o.ev.assumed,
      ...extra,
    },
  };
}

const FINAL_YEAR = { as_of_year: 2026 } as const;

function finalSection(): MethodSection {
  const near = evaluateCase({ kind: 'level', comparator: '>=', target: 100, actuals: { 2023: 90, 2026: 99 }, settings: FINAL_YEAR });
  const missed = evaluateCase({ kind: 'level', comparator: '>=', target: 100, actuals: { 2023: 90, 2026: 97 }, settings: FINAL_YEAR });
  const expected = evaluateCase({
    kind: 'level',
    comparator: '>=',
    target: 100,
    actuals: { 2023: 90, 2025: 96 },
    model: { type: 'cagr', rate: 0.05 },
    settings: FINAL_YEAR,
  });
  const w = (s: Parameters<typeof statusWord>[0]) => statusWord(s, 'zh-CN');
  const e = (s: Parameters<typeof statusWord>[0]) => statusWord(s, 'en');
  return {
    id: 'final',
    heading: { zh: '目标年的结论', en: 'Final-year verdicts' },
    paragraphs: [
      {
        zh: `目标年（一般为2026年）的数据一旦有实际值或1-N月推算值，或最近统计年度已到目标年，就按结果判断，不再按序时进度：实际值达到目标为${w('completed')}；未达到但差距不超过该指标的容差为${w('near_complete')}；其余为${w('not_completed')}。`,
        en: `Once the target year (usually 2026) has an actual or a year-to-date nowcast, or the latest statistical year reaches it, a target is judged on its outcome, not on the schedule: ${e('completed')} when the actual meets the target; ${e('near_complete')} when it falls short by no more than the target's tolerance; otherwise ${e('not_completed')}.`,
      },
      {
        zh: `容差以指标自身单位计（百分比指标及按降幅、年均增速评价的指标为个百分点，计数指标为整数）：在指标工作台该指标的口径下方逐项设定，不能为负，不超过目标值本身；未设定时为目标值的${pct(NEAR_TOLERANCE_DEFAULT)}%（区间目标为其下限的${pct(NEAR_TOLERANCE_DEFAULT)}%）。“左右”目标在目标值±${pct(APPROX_TOLERANCE)}%以内即为达到。`,
        en: `The tolerance is in the target's own units (percentage points for a percent target and for targets judged as a reduction or an average growth, whole numbers for counts): set per target on the workbench, under its basis, never negative nor larger than the target itself; otherwise ${pct(NEAR_TOLERANCE_DEFAULT)}% of the target (of a range's floor). An "about X" target is met within ±${pct(APPROX_TOLERANCE)}% of X.`,
      },
      {
        zh: `目标年的数值若是按1-N月推算或按情景测算的，结论为${w('expected_complete')}或${w('expected_not_complete')}，并注明“按1-N月推算”；按月末存量的注明“按N月末存量”。`,
        en: `When the target-year figure is a year-to-date nowcast or a projection, the verdict is ${e('expected_complete')} or ${e('expected_not_complete')}, with "estimated from Jan–N"; on a month-end level, "on the month-end level".`,
      },
    ],
    examples: [
      lineExample(
        'final_near',
        '目标“2026年达到100亿元以上”，2026年实际99亿元，容差为目标值的2%即2亿元',
        'Target "at least 100亿元 (10 billion yuan) in 2026", 2026 actual 99亿元, tolerance 2% of the target (2亿元)',
        near,
        { near_tolerance: r3(near.ev.near_tolerance) },
      ),
      lineExample(
        'final_missed',
        '同一目标，2026年实际97亿元，差3亿元超过容差',
        'The same target, 2026 actual 97亿元: 3亿元 short, beyond the tolerance',
        missed,
      ),
      lineExample(
        'final_expected',
        '同一目标，2025年实际96亿元，2026年无实际值、按年增长5%测算',
        'The same target, 2025 actual 96亿元, no 2026 actual, projected at 5% a year',
        expected,
        { projected: r3(expected.ev.projected) },
      ),
    ],
  };
}

function midtermSection(): MethodSection {
  const sched = evaluateCase({
    kind: 'level',
    comparator: '>=',
    target: 130,
    actuals: { 2023: 100, 2024: 110 },
    model: { type: 'cagr', rate: 0.1 },
    settings: { tolerance: 0 },
  });
  const early = evaluateCase({ kind: 'level', comparator: '>=', target: 130, actuals: { 2023: 100, 2024: 120, 2025: 135 } });
  const back = evaluateCase({
    kind: 'level',
    comparator: '>=',
    target: 130,
    actuals: { 2023: 100, 2024: 120, 2025: 135 },
    model: { type: 'cagr', rate: -0.1 },
  });
  const w = (s: Parameters<typeof statusWord>[0]) => statusWord(s, 'zh-CN');
  const e = (s: Parameters<typeof statusWord>[0]) => statusWord(s, 'en');
  const tol = pct(DEFAULT_TOLERANCE);
  return {
    id: 'midterm',
    heading: { zh: '目标年以前的状态（时间过半、任务过半）', en: 'Before the target year: progress against time' },
    paragraphs: [
      {
        zh: '已过时间 =（S − b）/（T − b），S为状态年（最近有实际值的年份），b为基期年，T为目标年；进度为到S年已完成任务的比例。',
        en: 'Time elapsed is (S − b) / (T − b): S the status year (the latest year with an actual), b the base year, T the target year. Progress is the share of the task done by S.',
      },
      {
        zh: `容差tol默认为${tol}个百分点：进度严格高于“已过时间 + tol”为${w('ahead')}；在“已过时间 ± tol”之内为${w('on_track')}（恰好按序时进度，无论容差多少，包括0，都是${w('on_track')}）；低于此为${w('lagging')}。`,
        en: `The tolerance tol is ${tol} points by default: ${e('ahead')} when progress is strictly above elapsed + tol; ${e('on_track')} within elapsed ± tol (exactly on schedule is on track whatever the tolerance, 0 included); ${e('lagging')} below.`,
      },
      {
        zh: `${w('achieved_early')}：在目标年以前的某一年已达到目标，且目标年的数值仍达到目标；目标年预计回落到目标以下的，不称${w('achieved_early')}，结论句注明哪一年已达到、目标年预计回落至多少。`,
        en: `${e('achieved_early')}: met in a year before the target year and still met in it. When the target-year figure falls back below the target it is never called ${e('achieved_early')}; the verdict line says which year met it and where the target year falls back to.`,
      },
    ],
    examples: [
      lineExample(
        'on_schedule',
        '目标130，基期2023年100，2024年实际110，容差0：进度（110 − 100）/（130 − 100）= 1/3 = 已过时间',
        'Target 130 from 100 in 2023, 2024 actual 110, tolerance 0: progress (110 − 100) / (130 − 100) = 1/3 = time elapsed',
        sched,
      ),
      lineExample('achieved_early', '目标130，2025年实际135，此后持平', 'Target 130, 2025 actual 135, held flat', early),
      lineExample('falls_back', '目标130，2025年实际135，此后每年下降10%', 'Target 130, 2025 actual 135, then falling 10% a year', back, {
        projected: r3(back.ev.projected),
      }),
    ],
  };
}

function yardstickSection(): MethodSection {
  const growth = evaluateCase({
    kind: 'growth_rate',
    comparator: '>=',
    target: 20,
    actuals: { 2023: 100, 2024: 120, 2025: 144 },
    model: { type: 'cagr', rate: 0.2 },
  });
  const lv = { 2023: 100, 2024: 100 * 2 ** (1 / 3), 2025: 100 * 2 ** (2 / 3) };
  const linear = evaluateCase({
    kind: 'level',
    comparator: '>=',
    target: 200,
    actuals: lv,
    model: { type: 'cagr', rate: 2 ** (1 / 3) - 1 },
  });
  const compound = evaluateCase({
    kind: 'level',
    comparator: '>=',
    target: 200,
    actuals: lv,
    model: { type: 'cagr', rate: 2 ** (1 / 3) - 1 },
    settings: { yardstick: 'compound' },
  });
  const range = evaluateCase({
    unit: '家',
    kind: 'level',
    comparator: 'range',
    target: [1, 2],
    actuals: { 2023: 0, 2026: 1 },
    settings: FINAL_YEAR,
  });
  const zero = evaluateCase({ kind: 'growth_rate', comparator: '>=', target: 10, actuals: { 2023: 0, 2024: 5, 2025: 8 } });
  const yearly = evaluateCase({
    kind: 'annual_flow',
    comparator: '>=',
    target: 100,
    actuals: { 2023: 90, 2024: 105, 2025: 95 },
    model: { type: 'cagr', rate: 0.1 },
  });
  return {
    id: 'yardsticks',
    heading: { zh: '序时进度的尺子', en: 'Yardsticks' },
    paragraphs: [
      {
        zh: '年均增长类目标按几何路径衡量：进度 = ln(V_S / V_b) / ln(目标水平 / V_b)，目标水平 = V_b ×（1 + r）^(T − b)，即图中序时进度线；恰好按目标增速增长就是恰好按序时进度。',
        en: 'Growth targets are measured on the geometric path the chart draws: progress = ln(V_S / V_b) / ln(goal / V_b), goal = V_b · (1 + r)^(T − b); growing at exactly the target rate is exactly on schedule.',
      },
      {
        zh: '水平、占比、累计类目标默认按线性尺子：进度 =（x_S − x_b）/（目标 − x_b）；设置中可改为复合尺子，按ln(x_S / x_b) / ln(目标 / x_b)衡量（基期值、数值和目标均为正时）。',
        en: 'Level, share and cumulative targets use the linear yardstick by default: progress = (x_S − x_b) / (target − x_b); the settings can choose the compound yardstick, ln(x_S / x_b) / ln(target / x_b) (where base, figure and target are positive).',
      },
      {
        zh: '“1—2家”这类区间目标为下限1家、力争2家：达到下限即为达到目标（超过上限也算达到），结论句注明距力争目标还差多少。',
        en: 'A range such as 1—2家 is a floor of 1 with an aim of 2: meeting the floor meets the target (above the aim too), and the verdict line says how far the aim still is.',
      },
      {
        zh: '“每年”和“累计”类目标的计算期由规划固定（2024—2026年），不随基期年设置移动；“每年”类逐年判断，进度为已达标年数占计数年数的比例。',
        en: 'The windows of 每年 (every year) and 累计 (cumulative) targets are fixed by the plan (2024–2026), not moved by the base-year setting; 每年 targets are judged year by year, progress being the share of counted years met.',
      },
      {
        zh: '基期值为0或负数的年均增长类目标无法计算增速，不作判断（无数据），并提示核实基期值。',
        en: 'A growth target on a zero or negative base value has no growth rate: it is refused (no data) with a message to check the base value.',
      },
    ],
    examples: [
      lineExample(
        'growth_geometric',
        '年均增长20%的目标，2023—2025年实际每年增长20%：进度 = 2 ln 1.2 /（3 ln 1.2）',
        'A 20% growth target met at exactly 20% a year over 2023–2025: progress = 2 ln 1.2 / (3 ln 1.2)',
        growth,
      ),
      {
        id: 'compound_vs_linear',
        zh: `目标200，基期100，2025年实际${fx(lv[2025], 1)}（每年按同一倍数增长）：线性尺子进度${fx(linear.ev.progress)}，为${statusWord(linear.ev.status, 'zh-CN')}；复合尺子进度${fx(compound.ev.progress)}，为${statusWord(compound.ev.status, 'zh-CN')}`,
        en: `Target 200 from 100, 2025 actual ${fx(lv[2025], 1)} (the same factor every year): linear progress ${fx(linear.ev.progress)}, ${statusWord(linear.ev.status, 'en')}; compound progress ${fx(compound.ev.progress)}, ${statusWord(compound.ev.status, 'en')}`,
        values: {
          linear_progress: r3(linear.ev.progress),
          linear_status: linear.ev.status,
          compound_progress: r3(compound.ev.progress),
          compound_status: compound.ev.status,
        },
      },
      lineExample('range_floor', '目标“1—2家”，2026年实际1家', 'Target 1—2家, 2026 actual 1', range),
      lineExample('zero_base', '年均增长10%的目标，基期2023年数值为0', 'A 10% growth target on a 2023 base of 0', zero),
      lineExample(
        'every_year',
        '目标“每年100亿元以上”，2024年实际105亿元、2025年实际95亿元',
        'Target "at least 100亿元 every year", 2024 actual 105亿元, 2025 actual 95亿元',
        yearly,
        { gap_year: yearly.ev.gap_year ?? null },
      ),
    ],
  };
}

function verdictLineSection(): MethodSection {
  const count = evaluateCase({
    unit: '家',
    kind: 'level',
    comparator: '>=',
    target: 10,
    actuals: { 2023: 6, 2024: 7, 2025: 8 },
    model: { type: 'cagr', rate: 0.15 },
  });
  const fig = wholeFigure({ comparator: '>=', target: 100 }, 98.8);
  const d = wholeDifference(1.2, true);
  return {
    id: 'verdict_line',
    heading: { zh: '结论句', en: 'The verdict line' },
    paragraphs: [
      {
        zh: '每项指标一句结论，各处（总览、工作台、演示、PDF、工作簿、命令行）相同：结论；目标年的数值及其依据（实际、按1-N月推算、N月末已达、预计）；以指标自身单位表示的差距；今年还需完成多少（按类型：11-12月还需完成…、还需新增…家、还需提高…个百分点、需下降…%，已达到的不写）；各部分看似矛盾时注明原因。',
        en: "One verdict line per target, the same everywhere (overview, workbench, presentation, PDF, workbook, CLI): the verdict; the target-year figure and its basis (actual, estimated from Jan–N, reached by a month-end, projected); the gap in the target's units; what remains this year, per kind (still needed in Nov–Dec, N more needed, needs to rise N points, needs to fall N%; none once met); and the reason whenever the pieces look contradictory.",
      },
      {
        zh: '以整数计的指标（家、项、个等，目标为整数）数值和差距都写整数：数值向未达标一侧取整（目标100项以上时98.8项写98项，不写99项或100项），差距向上取整（差1.2项写差2项），数值与差距相加正好等于目标。',
        en: 'Counts against whole targets (家, 项, …) are written whole: the figure cut toward the miss (98.8 against at least 100 reads 98, never 99 nor 100), the shortfall rounded up (1.2 short reads 2 short), so figure and shortfall add up to the target.',
      },
    ],
    examples: [
      {
        id: 'whole_counts',
        zh: `目标100项以上，数值98.8项写作${fig}项；差1.2项写作差${d}项`,
        en: `Against at least 100, a figure of 98.8 is written ${fig}; a shortfall of 1.2 is written ${d}`,
        values: { figure: fig, shortfall: d },
      },
      lineExample(
        'count_line',
        '目标10家，2025年实际8家，按年增长15%测算2026年为9.2家',
        'Target 10家, 2025 actual 8, projected at 15% a year to 9.2 in 2026',
        count,
        { projected: r3(count.ev.projected) },
      ),
    ],
  };
}

function provenanceSection(): MethodSection {
  const c: Case = { unit: '家', kind: 'level', comparator: '>=', target: 30, actuals: { 2024: 20, 2025: 26 }, assumedBase: 15 };
  const o = evaluateCase(c);
  const shifts = baseShiftVerdicts(caseInput(c))[0];
  const plus10 = shifts?.shifted.find((s) => s.shift === 0.1)?.status ?? null;
  const ahead = statusWord('ahead', 'zh-CN');
  const rollup = assumptionRollup([
    { status: 'ahead', assumed: true },
    { status: 'ahead', assumed: false },
    { status: 'ahead', assumed: true },
    { status: 'on_track', assumed: false },
  ]);
  const rollupZh = assumptionRollupSentence(rollup, (s) => statusWord(s, 'zh-CN'), 'zh-CN');
  const rollupEn = assumptionRollupSentence(rollup, (s) => statusWord(s, 'en'), 'en');
  const shiftWords = BASE_SHIFTS.map((s) => `${s > 0 ? '+' : '−'}${pct(Math.abs(s))}%`).join(' / ');
  return {
    id: 'provenance',
    heading: { zh: '假设数据的标注与基期敏感性', en: 'Assumptions and base shifts' },
    paragraphs: [
      {
        zh: '结论所依据的任一输入是假设值（包括假设的基期值）时，结论带“假设”标注：依据包括目标年和状态年的数值、计算进度或判断量所用的基期值、倒推增速所用的序列；派生序列追溯到其原始序列。汇总写作“N项……，其中M项依赖假设数据”。',
        en: 'A verdict carries the 假设 (assumed) mark when any input it rests on is an assumption, assumed base values included: the judged series in the status and target years, the base year wherever progress or the judged quantity is measured from it, and the series the required growth runs on; derived series are followed down to their plain series. The roll-up says how many verdicts rest on assumptions.',
      },
      {
        zh: `基期敏感性：将结论所依据的假设基期值分别变动${shiftWords}后重新测算，列出结论会改变的指标。`,
        en: `Base shifts: the assumed base values a verdict rests on are moved by ${shiftWords} in turn and the scenario re-evaluated; the targets whose verdict changes are listed.`,
      },
    ],
    examples: [
      lineExample(
        'assumed_base',
        '目标30家，2023年无实际值、基期假设为15家，2025年实际26家',
        'Target 30家, no 2023 actual, an assumed base of 15, 2025 actual 26',
        o,
      ),
      {
        id: 'base_shift',
        zh: `同一指标，假设基期上调10%（16.5家）时进度为（26 − 16.5）/（30 − 16.5）= ${fx((26 - 16.5) / (30 - 16.5))}，结论变为${plus10 ? statusWord(plus10, 'zh-CN') : '—'}`,
        en: `The same target with the assumed base 10% higher (16.5): progress (26 − 16.5) / (30 − 16.5) = ${fx((26 - 16.5) / (30 - 16.5))}, the verdict becomes ${plus10 ? statusWord(plus10, 'en') : '—'}`,
        values: { status: shifts?.status ?? null, plus10, flips: shifts?.flips ?? null },
      },
      {
        id: 'rollup',
        zh: `3项${ahead}（其中2项依赖假设基期值）和1项${statusWord('on_track', 'zh-CN')}，汇总写作：${rollupZh}`,
        en: `3 ${statusWord('ahead', 'en')} (2 on assumed bases) and 1 ${statusWord('on_track', 'en')} are rolled up as: ${rollupEn}`,
        values: { ahead: rollup.ahead.count, ahead_assumed: rollup.ahead.assumed, on_track: rollup.on_track.count },
      },
    ],
  };
}

function koujingSection(): MethodSection {
  const sample = casePlan({ unit: '家', kind: 'level', comparator: '>=', target: 10, actuals: {} }).targets[0];
  const cumulative = { ...sample, kind: 'cumulative' as const };
  return {
    id: 'koujing',
    heading: { zh: '口径', en: 'Basis (口径) per target' },
    paragraphs: [
      {
        zh: '每项目标的基期年和终期年可在指标工作台该指标的“口径”处单独设定（附说明和是否已核实）。单位工业增加值能耗累计降幅14%、用水量累计降幅16%和单位GDP二氧化碳排放下降19%三项默认按基期2023年、终期2026年计算并标注“口径待核实”，可一键改按2020—2025年口径；改按此口径而未录入2020年数值时为无数据，并写明缺少哪些2020年实际值（强度类指标为其分子、分母所需的录入序列），在“数据”页录入后即可评价。',
        en: "Each target's base year and end year can be set on the workbench, under the target's basis (with a note and a confirmed flag). The three cumulative reductions (energy per unit of industrial value added 14%, water 16%, CO₂ per unit of GDP 19%) are computed on a 2023 base and 2026 end by default, marked 口径待核实 (basis to confirm), with the 2020–2025 reading one click away; on that reading, until 2020 values are entered, they read no data and say which 2020 actuals are missing (for an intensity, the entered series behind its numerator and denominator) and that they are entered on the Data screen.",
      },
      {
        zh: '单位工业增加值用水量以全部工业用水量除以规模以上工业增加值。计数类指标注明按存量（年末拥有数）还是按新增数计。未核实的口径在PDF和期末评估报告的“口径说明”中逐项列出。',
        en: 'Water per unit of industrial value added divides all-industry water use by above-scale value added. Counts say whether they count the stock held or new additions. Every unconfirmed basis is listed in 口径说明 of the PDF and the final evaluation report.',
      },
    ],
    examples: [
      {
        id: 'koujing_label',
        zh: `2020—2025年口径写作“${basisLabel({ base_year: 2020, end_year: 2025 }, 'zh-CN')}”；计数的水平目标：${countingNote(sample, 'zh-CN') ?? ''}累计目标：${countingNote(cumulative, 'zh-CN', 2024) ?? ''}`,
        en: `The 2020–2025 reading is written "${basisLabel({ base_year: 2020, end_year: 2025 }, 'en')}"; a count level target: ${countingNote(sample, 'en') ?? ''} A cumulative target: ${countingNote(cumulative, 'en', 2024) ?? ''}`,
        values: { label: basisLabel({ base_year: 2020, end_year: 2025 }, 'zh-CN') },
      },
    ],
  };
}

function floorsSection(): MethodSection {
  const floor = evaluateCase({
    unit: '家',
    kind: 'level',
    comparator: '>=',
    target: 10,
    actuals: { 2023: 6, 2025: 8 },
    monthEnd: { '2026-06': 10 },
    settings: FINAL_YEAR,
  });
  return {
    id: 'floors',
    heading: { zh: '月末存量作为下限，按1-N月推算及其区间', en: 'Month-end levels as floors; the nowcast and its band' },
    paragraphs: [
      {
        zh: '存量指标（如企业数、装机容量）公布了某年的月末数时，该数是当年数值的下限：当年数值取测算值与当年最近月末数中的较大者；下限起作用时结论注明“按N月末存量”，数值写作“N月末已达……”。',
        en: 'A stock (firms, capacity) with a published month-end level of a year: that level is a floor of the year\'s value, which is the larger of the projection and the latest month-end level; where the floor binds, the verdict says "on the month-end level" and the figure "reached by the end of the month".',
      },
      {
        zh: '流量指标有当年1-N月累计数时，按季节占比法和同比增速法推算全年，结论注明“按1-N月推算”；推算区间按历年回测误差给出（回测年份少时按t分布放宽，使90%区间确能覆盖约九成结果）。推算值和区间随新的月度数据更新。',
        en: 'A flow with this year\'s Jan–N cumulative is estimated for the full year by the seasonal-share and year-on-year methods, and the verdict says "estimated from Jan–N"; the band comes from the back-tested errors of earlier years (widened by Student\'s t when the years are few, so that the 90% band covers about nine outcomes in ten) and moves with each new month.',
      },
    ],
    examples: [
      lineExample(
        'month_end_floor',
        '目标10家，2025年实际8家、此后持平，2026年6月末已公布10家',
        'Target 10家, 2025 actual 8 held flat, 10 published at the end of June 2026',
        floor,
        { basis: floor.ev.basis ?? null, basis_month: floor.ev.basis_month ?? null },
      ),
    ],
  };
}

/** A share x = num / den × 100 (num 20 growing 10% a year from 2023, den 100 growing 5%), with published shares. */
function shareInput(published: Record<number, number>) {
  const ser = (id: string, extra: Partial<SeriesIn> = {}): SeriesIn => ({ id, name_zh: id, name_en: id, unit: '亿元', ...extra });
  const plan = Plan.parse({
    schema_version: 1,
    id: 'methodology_share',
    title_zh: '示例',
    title_en: 'Example',
    issuer_zh: '示例',
    issued_date: '2024-01-01',
    source_document: 'example',
    period_start: 2024,
    period_end: 2026,
    base_year: 2023,
    sections: [{ id: 's1', code: '一', title_zh: '一', title_en: 'One' }],
    series: [
      ser('num'),
      ser('den'),
      {
        ...ser('x', { unit: '%', nature: 'rate' }),
        name_zh: NAME.zh,
        name_en: NAME.en,
        derived: { type: 'ratio', numerator: 'num', denominator: 'den', scale: 100 },
      },
    ],
    targets: [
      {
        id: 'x_target',
        name_zh: NAME.zh,
        name_en: NAME.en,
        section: 's1',
        item: null,
        source_text: NAME.zh,
        unit: '%',
        kind: 'share',
        comparator: '>=',
        comparator_zh: '',
        target: 25,
        target_year: 2026,
        series: 'x',
        responsible: ['示例单位'],
      },
    ],
    actuals: Object.entries(published).map(([y, v]) => ({
      series: 'x',
      period: y,
      value: v,
      source: { title: 'example', reliability: 'internal' },
    })),
    presets: [],
  });
  const a = (series: string, base: number, rate: number): Assumption => ({
    series,
    base_value: base,
    model: { type: 'cagr', rate },
    uncertainty: null,
    rationale: '',
    source: '',
    author: '',
    updated_at: '',
  });
  return { plan, assumptions: { num: a('num', 20, 0.1), den: a('den', 100, 0.05) } };
}

/** 单位GDP能耗 on a small plan: GDP +5.8% and +5.5% at comparable prices, energy use +2% and +2.5%, target −10% by 2026. */
function yoyExample(): MethodExample {
  const ser = (id: string, extra: Partial<SeriesIn> = {}): SeriesIn => ({ id, name_zh: id, name_en: id, unit: '亿元', ...extra });
  const published: [string, string, number][] = [
    ['gdp', '2024', 5.8],
    ['gdp', '2025', 5.5],
    ['energy', '2024', 2],
    ['energy', '2025', 2.5],
  ];
  const plan = Plan.parse({
    schema_version: 1,
    id: 'methodology_yoy',
    title_zh: '示例',
    title_en: 'Example',
    issuer_zh: '示例',
    issued_date: '2024-01-01',
    source_document: 'example',
    period_start: 2024,
    period_end: 2026,
    base_year: 2023,
    sections: [{ id: 's1', code: '一', title_zh: '一', title_en: 'One' }],
    series: [
      ser('gdp', { price_basis: 'current' }),
      ser('deflator', { unit: '2023年=100', nature: 'index' }),
      ser('real', { price_basis: 'comparable', derived: { type: 'deflate', nominal: 'gdp', deflator: 'deflator' } }),
      ser('energy', { unit: '万吨标准煤' }),
      {
        ...ser('x', { unit: '吨标准煤/万元', nature: 'rate' }),
        name_zh: NAME.zh,
        name_en: NAME.en,
        derived: { type: 'ratio', numerator: 'energy', denominator: 'real', scale: 1 },
      },
    ],
    targets: [
      {
        id: 'x_target',
        name_zh: `${NAME.zh}下降`,
        name_en: NAME.en,
        section: 's1',
        item: null,
        source_text: NAME.zh,
        unit: '%',
        kind: 'reduction',
        comparator: '>=',
        comparator_zh: '',
        target: 10,
        target_year: 2026,
        series: 'x',
        responsible: ['示例单位'],
      },
    ],
    actuals: published.map(([series, period, value]) => ({
      series,
      period,
      value,
      value_kind: 'yoy',
      source: { title: 'example', reliability: 'internal' },
    })),
    presets: [],
  });
  const a = (series: string, base: number, rate: number): Assumption => ({
    series,
    base_value: base,
    model: { type: 'cagr', rate },
    uncertainty: null,
    rationale: '',
    source: '',
    author: '',
    updated_at: '',
  });
  const r = projectPlan({
    plan,
    assumptions: { gdp: a('gdp', 1900, 0.05), deflator: a('deflator', 100, 0), energy: a('energy', 1000, 0.01) },
  });
  const ev = r.targets[0];
  const t = plan.targets[0];
  const o: Outcome = { t, ev, zh: verdictLine(t, ev, 'zh-CN').text, en: verdictLine(t, ev, 'en').text };
  const I = r.series.x.values;
  const fall = fx((1 - I[2025] / I[2023]) * 100, 1);
  return lineExample(
    'published_yoy',
    `地区生产总值2024、2025年按可比价增长5.8%、5.5%，能源消费总量增长2%、2.5%，目标2026年较2023年下降10%：强度2025年已下降${fall}%，从2025年判断`,
    `GDP +5.8% and +5.5% at comparable prices in 2024 and 2025, energy use +2% and +2.5%, target a 10% fall from 2023 by 2026: the intensity is ${fall}% down by 2025 and judged from 2025`,
    o,
    { growth_from_year: ev.growth_from_year ?? null, required_growth: r3(ev.required_growth), status_year: ev.status_year ?? null },
  );
}

function publishedSection(): MethodSection {
  const input = shareInput({ 2024: 23 });
  const r = projectPlan(input);
  const computed = projectPlan(shareInput({})).series.x.values;
  const v = r.series.x.values;
  const ev = r.targets[0];
  const t = input.plan.targets[0];
  const o: Outcome = { t, ev, zh: verdictLine(t, ev, 'zh-CN').text, en: verdictLine(t, ev, 'en').text };
  return {
    id: 'published',
    heading: { zh: '按公报口径录入的数值', en: 'Figures entered as published' },
    paragraphs: [
      {
        zh: '占比、比率、覆盖率和强度类指标（派生序列）可直接录入公报公布的数值，它就是该年的实际值，并作为此后测算的锚点：此后各年 = 锚点年公布值 ×（分子 ÷ 分母的测算值自锚点年以来的变化倍数），即分子、分母仍按各自的假设增长，只把水平对齐到公布值；有更晚的公布值时从更晚的一年接续。锚点年以前各年仍按分子 ÷ 分母计算（不倒推）。判断值、状态和倒推所需增速都以此为准：占比类目标倒推的是分子自锚点年起所需的年均增速（分母按其测算值），强度类目标倒推的是强度自最近一个已知年份起所需的降幅。',
        en: "A share, ratio, coverage rate or intensity (a derived series) can be entered as the bulletin prints it: it is that year's actual and anchors the later projection. Each later year = the published value of the anchor year × the growth of the computed numerator ÷ denominator since the anchor year, so numerator and denominator keep their own assumptions and only the level follows the published figure; a later published figure takes over from its year. Years before the first published figure keep the computed ratio (no back-casting). The judged value, the status and the required effort use it: for a share, the numerator's required growth runs from the anchor year (the denominator on its projection); for an intensity, the required fall runs from the latest year in which the intensity is known.",
      },
      {
        zh: '同比增长率也可作为实际值录入（数值类型“同比增长”，单位%）：该年数值 = 上年数值 ×（1 + 增长率）。录在现价地区生产总值或规上工业增加值上的同比增长，按公报惯例视为可比价增长，据此推出可比价序列，平减指数随之为现价 ÷ 可比价 × 100；能耗、碳排放等强度的分母因此有了实际值，强度类目标从强度已知的最近一年判断、倒推所需降幅（只剩一年时写作“2026年需下降X%”，而非年均）。增速类目标（年均增长）直接采用公布的逐年同比增长。同一年同时有水平值和增长率时以水平值为准；普通序列的增长率须有上年已知值（实际值、基期值或更早的增长率）才能使用。',
        en: 'A year-on-year growth rate can be entered as an actual too (value kind "year-on-year growth", in %): the year\'s figure = the previous year\'s × (1 + rate). Growth entered on current-price GDP or industrial value added is read as the bulletin means it, at comparable prices: it builds the comparable-price series, and the deflator shown follows as nominal ÷ real × 100. Intensities (energy, CO2 per unit of GDP) so get a known denominator, and a reduction is judged, and its required fall computed, from the latest year in which the intensity is known (with one year left: "2026年需下降X%", not a yearly average). Growth-rate targets take the published year-on-year rates as their years\' figures. A level of the same year wins over its growth rate; on a plain series a rate needs the previous year known (an actual, the base value or an earlier rate).',
      },
    ],
    examples: [
      yoyExample(),
      lineExample(
        'published_share',
        `占比 = 分子 ÷ 分母 × 100，分子年增10%、分母年增5%（测算2024年${fx(computed[2024], 1)}%），2024年公布${fx(v[2024], 1)}%，目标2026年达25%：2026年测算${fx(v[2026], 2)}%（= 23 × (1.1 ÷ 1.05)²）`,
        `share = numerator ÷ denominator × 100, numerator +10% a year, denominator +5% (computed 2024: ${fx(computed[2024], 1)}%), 23% published for 2024, target 25% in 2026: 2026 projected at ${fx(v[2026], 2)}% (= 23 × (1.1 ÷ 1.05)²)`,
        o,
        { projected: r3(ev.projected), computed_2024: r3(computed[2024]) },
      ),
    ],
  };
}

/** The required effort (所需增速): 已达到 with the headroom, the rate needed, behind per direction (models/kinds/effort.ts). */
function requiredSection(): MethodSection {
  const cell = (o: Outcome, lang: MethodLanguage): string => {
    const ef = requiredEffort(o.ev);
    const head = effortHeadroomText(ef, lang);
    const c = effortCellText(ef, lang);
    return head ? (lang === 'zh-CN' ? `${c}（${head}）` : `${c} (${head})`) : c;
  };
  const asm = (o: Outcome, lang: MethodLanguage): string => {
    const a = requiredEffort(o.ev).assumed;
    return a === null ? '—' : `${formatNumber(a * 100, 1, lang, true)}%`;
  };
  const example = (id: string, zhHead: string, enHead: string, o: Outcome): MethodExample => {
    const ef = requiredEffort(o.ev);
    const behindZh = ef.behind ? '，标红' : '';
    const behindEn = ef.behind ? ', in red' : '';
    return {
      id,
      zh: `${zhHead} → 所需 / 假设增速：${cell(o, 'zh-CN')} / ${asm(o, 'zh-CN')}${behindZh}`,
      en: `${enHead} → required / assumed growth: ${cell(o, 'en')} / ${asm(o, 'en')}${behindEn}`,
      values: { state: ef.state, rate: r3(ef.rate), assumed: r3(ef.assumed), headroom: r3(ef.headroom), behind: ef.behind },
    };
  };
  const reached = evaluateCase({
    unit: '家',
    kind: 'level',
    comparator: '>=',
    target: 680,
    actuals: { 2023: 580, 2025: 920 },
    model: { type: 'cagr', rate: 0.12 },
  });
  const needed = evaluateCase({
    kind: 'level',
    comparator: '>=',
    target: 100,
    actuals: { 2023: 80, 2025: 90 },
    model: { type: 'cagr', rate: 0.05 },
  });
  const falling = evaluateCase({
    unit: '%',
    kind: 'reduction',
    comparator: '>=',
    target: 10,
    actuals: { 2023: 1, 2025: 0.94 },
    model: { type: 'cagr', rate: -0.02 },
  });
  return {
    id: 'required',
    heading: { zh: '所需增速', en: 'The required effort' },
    paragraphs: [
      {
        zh: '倒推所需增速指从最新实际值所在年份（无实际值时从基期年）起，每年按不变增速变化、到目标年恰好达标所需的年增速；假设增速是本情景在同一年份间的年均增速。达到、不低于类目标所需的是增长；不高于类目标和累计下降类目标所需的是下降（累计下降类按强度本身计算）。',
        en: "The required growth is the constant yearly change from the year of the latest actual (the base year when there is none) that just meets the target in the target year; the assumed growth is the scenario's own average over the same years. A target to reach or exceed needs a rise; a ceiling and a cumulative reduction need a fall (a reduction on the intensity itself).",
      },
      {
        zh: '最新实际值已达到目标时，所需增速一栏显示“已达到”，并写明仍可变化的幅度：增长类写作“可年均下降X%仍达标”（只剩一年时写作“2026年可下降X%仍达标”），下降类写作“可年均上升X%仍达标”，不再把负的所需增速与“提前实现”并列。',
        en: 'Where the latest actual already meets the target, the column reads "reached" with the room left: a rising target "could fall X% a year and still meet it" ("could fall X% in 2026 …" with one year left), a falling one "could rise X% a year …"; a negative required rate is no longer shown beside "met early".',
      },
      {
        zh: '假设增速落后于所需增速时标红：增长类为假设增速低于所需增速，下降类为假设降幅小于所需降幅。',
        en: 'The assumed growth is shown in red when it falls short of the required effort: below the required growth for a rising target, a smaller fall than the required fall for a falling one.',
      },
      {
        zh: '占比、比率类指标的所需增速和假设增速都是分子的年均增速（分母按其测算值），标为“分子所需增速”，并注明分子的名称。',
        en: 'For a share or ratio both rates are the growth of its numerator (the denominator on its projection): labelled "required growth (numerator)", with the numerator named.',
      },
    ],
    examples: [
      example(
        'required_reached',
        '目标达680家，2025年实际920家，假设年均增长12%',
        'Target 680家, 2025 actual 920, 12% a year assumed',
        reached,
      ),
      example(
        'required_needed',
        '目标达100亿元，2025年实际90亿元，假设年均增长5%',
        'Target 100亿元, 2025 actual 90, 5% a year assumed',
        needed,
      ),
      example(
        'required_falling',
        '累计下降10%，强度2023年1.00、2025年0.94，假设每年下降2%',
        'A fall of 10%, intensity 1.00 in 2023 and 0.94 in 2025, falling 2% a year assumed',
        falling,
      ),
    ],
  };
}

let cached: readonly MethodSection[] | null = null;

/** The methodology, every section with its computed examples (computed once). */
export function methodologySections(): readonly MethodSection[] {
  if (cached === null)
    cached = [
      finalSection(),
      midtermSection(),
      yardstickSection(),
      requiredSection(),
      verdictLineSection(),
      provenanceSection(),
      koujingSection(),
      publishedSection(),
      floorsSection(),
    ];
  return cached;
}

/** A bilingual text in one language. */
export function methodText(b: Bilingual, lang: MethodLanguage | string): string {
  return lang === 'en' ? b.en : b.zh;
}

/** The label of the worked examples. */
export const EXAMPLE_LABEL: Bilingual = { zh: '示例', en: 'Example' };
