/**
 * Target kinds as a registry: a new kind is one module (plus its words in i18n). A TEST-ONLY kind,
 * `base_multiple` (the target year's value as a multiple of the base year's, 2026年达到基期的1.3倍),
 * is registered and run through projection, evaluation, sentences, the Monte Carlo, the briefing's
 * judged path, the workbook and the chart data, without any other code knowing of it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueAt } from '../../../models/context';
import {
  KINDS,
  exhaustiveSwitchError,
  kindOf,
  registerKind,
  unregisterKind,
  type JudgeKernel,
  type KindModule,
} from '../../../models/kinds';
import * as common from '../../../models/kinds/common';
import { simulatePlan } from '../../../models/montecarlo';
import { TARGET_KINDS, type Plan, type Target, type TargetKind } from '../../../models/schema';
import { draftSentence, targetPhrase } from '../../../models/sentences';
import { cagrBetween } from '../../../models/stats';
import { buildBriefingInput } from '../../../scenarios/briefing/pack';
import { judgedPath, quantityLabel } from '../../../scenarios/briefing/trajectory';
import { SHEET_NAMES, buildWorkbook } from '../../../scenarios/briefing/workbook';
import { buildTrajectoryFigure, chartValues, targetLevel, timePath, type FigureText } from '../../../renderer/src/lib/figure';
import { act, asm, makePlan, run, ser, tgt } from './fixtures';

const kernel: JudgeKernel = (sb, tb, j, W0, N, lo, hi) => {
  const ob = (j.b - W0) * N;
  for (let y = j.b; y <= j.T; y++) {
    const o = (y - j.b) * N;
    const oy = (y - W0) * N;
    for (let d = lo; d < hi; d++) {
      const vb = sb[ob + d];
      tb[o + d] = vb > 0 ? sb[oy + d] / vb : Number.NaN;
    }
  }
};

const multipleTarget = (t: Target, values: Record<number, number>, base: number): number | null => {
  const vb = values[t.base_year ?? base];
  return vb === undefined || Array.isArray(t.target) ? null : vb * t.target;
};

/** The test-only kind: everything it decides, in one object. */
const baseMultiple: KindModule = {
  id: 'base_multiple',
  percentJudged: false,
  everyYear: false,
  usesBase: true,
  runningSum: false,
  requiredOnOwnSeries: true,
  judge(ctx, j, year) {
    const vb = valueAt(ctx, j.s, j.b);
    return vb > 0 ? valueAt(ctx, j.s, year) / vb : Number.NaN;
  },
  judgeLevel(ctx, j, v) {
    const vb = valueAt(ctx, j.s, j.b);
    return vb > 0 ? v / vb : Number.NaN;
  },
  closedRequired(ctx, j, vL, _L, n, tv) {
    return cagrBetween(vL, valueAt(ctx, j.s, j.b) * tv, n);
  },
  progress: (ctx, j, tv, cmp, S, xS) => common.linearProgress(baseMultiple)(ctx, j, tv, cmp, S, xS),
  metAtStatusYear: common.metPlain,
  kernel: () => kernel,
  chart: { values: common.identityValues, targetLevel: multipleTarget, timePath: common.linearPath(multipleTarget), lineOverYears: false },
  judgedPath(_t, v, b, T) {
    const vb = v(b);
    const out: [number, number, number[]][] = [];
    for (let y = b; y <= T; y++) {
      const vy = v(y);
      if (vb !== undefined && vy !== undefined && vb > 0) out.push([y, vy / vb, [b, y]]);
    }
    return out;
  },
  words: {
    quantity: (lang) => (lang === 'zh-CN' ? '为基期的倍数' : 'multiple of the base year'),
    targetEn: (w, val) => `${w}${val} the base year`,
    targetZhPrefix: () => '基期的',
    defaultComparatorZh: () => '达到基期的',
    stemZh: (name) => name,
    measureZh: (m) => `${m.T}年${m.name}预计为${m.b}年的${m.val}`,
    measureEn: (m) => `projected at ${m.val} the ${m.b} level in ${m.T}`,
    achievedKeepsName: false,
    requiredZh: ({ r, pct }) => (r > 0 ? `，需年均增长${pct(r * 100)}` : ''),
    requiredEn: ({ r, pct }) => (r > 0 ? `; it needs average annual growth of ${pct(r * 100)}` : ''),
  },
};

const NEW_KIND = 'base_multiple' as TargetKind;
let plan: Plan;

function testPlan(target: number): Plan {
  const p = makePlan({
    series: [ser('output')],
    targets: [
      tgt('output_multiple', 'output', 'level', '>=', target, {
        unit: '倍',
        name_zh: '产值规模',
        name_en: 'Output',
        comparator_zh: '以上',
      }),
    ],
    actuals: [act('output', 2023, 100), act('output', 2024, 110)],
  });
  // the schema knows only the built-in kinds: the test plan carries the new one as a file would
  p.targets[0].kind = NEW_KIND;
  return p;
}

const assumptions = { output: asm('output', { type: 'cagr', rate: 0.1 }) };

beforeAll(() => {
  registerKind(baseMultiple);
  plan = testPlan(1.3);
});
afterAll(() => unregisterKind('base_multiple'));

describe('the kind registry', () => {
  it('has a module for every kind of the schema, under its own id', () => {
    expect(Object.keys(KINDS).sort()).toEqual([...TARGET_KINDS].sort());
    for (const k of TARGET_KINDS) expect(kindOf(k).id).toBe(k);
  });

  it('refuses an unknown kind and a replacement of a built-in one', () => {
    expect(() => kindOf('no_such_kind')).toThrow(/unknown target kind/);
    expect(() => registerKind({ ...baseMultiple, id: 'level' })).toThrow(/built in/);
  });

  it('exhaustiveSwitchError names the value a switch did not handle', () => {
    expect(() => exhaustiveSwitchError('odd' as never)).toThrow(/odd/);
  });
});

describe('a test-only kind runs through every consumer', () => {
  it('projection and evaluation: judged value, met, progress, status and required growth', () => {
    const res = run(plan, Object.values(assumptions));
    const ev = res.targets[0];
    expect(ev.kind).toBe('base_multiple');
    expect(ev.projected).toBeCloseTo(1.331, 12); // 100 → 133.1
    expect(ev.met).toBe(true);
    expect(ev.gap).toBeCloseTo(1.3 - 1.331, 12);
    expect(ev.status_year).toBe(2024);
    expect(ev.progress).toBeCloseTo((1.1 - 1) / (1.3 - 1), 12);
    expect(ev.time_elapsed).toBeCloseTo(1 / 3, 12);
    expect(ev.status).toBe('on_track');
    expect(ev.required_growth).toBeCloseTo(Math.sqrt(130 / 110) - 1, 12);
    const missed = run(testPlan(1.5), Object.values(assumptions)).targets[0];
    expect(missed.met).toBe(false);
    expect(missed.status).toBe('lagging');
  });

  it('sentences use the words of the kind', () => {
    const ev = run(testPlan(1.5), Object.values(assumptions)).targets[0];
    const t = testPlan(1.5).targets[0];
    expect(targetPhrase(t, 'en')).toBe('at least 1.5 倍 the base year');
    const zh = draftSentence(t, ev, '基准情景', 'zh-CN');
    expect(zh).toContain('2026年产值规模预计为2023年的1.3倍，距目标差0.17倍，需年均增长16.8%');
    expect(zh).toContain('需年均增长');
    expect(draftSentence(t, ev, 'Baseline', 'en')).toContain('the 2023 level in 2026');
  });

  it('the Monte Carlo judges it with the kind kernel, as the per-draw path does', () => {
    const a = {
      output: {
        ...assumptions.output,
        uncertainty: { low: 0.05, high: 0.15, confidence: 0.9, distribution: 'normal' as const, correlation: 0 },
      },
    };
    const input = { plan, assumptions: a, draws: 400, seed: 7 };
    const fast = simulatePlan(input).targets[0];
    const slow = simulatePlan(input, { method: 'per_draw' }).targets[0];
    expect(fast.p_meet).toBeGreaterThan(0.3);
    expect(fast.p_meet).toBeLessThan(1);
    expect(fast.p_meet).toBe(slow.p_meet);
    expect(fast.percentiles[2026].p50).toBeCloseTo(slow.percentiles[2026].p50, 12);
  });

  it('the briefing path and the workbook carry its judged values and its quantity words', async () => {
    const res = run(plan, Object.values(assumptions));
    const t = plan.targets[0];
    expect(quantityLabel(t, 'zh-CN')).toBe('为基期的倍数');
    const path = judgedPath(plan, t, res, res.targets[0]);
    expect(path.map((p) => p.year)).toEqual([2023, 2024, 2025, 2026]);
    expect(path[3].value).toBeCloseTo(1.331, 12);
    expect(path.map((p) => p.kind)).toEqual(['actual', 'actual', 'projected', 'projected']);
    const input = buildBriefingInput({
      plan,
      scenarios: [{ id: 'b', name: '基准情景', assumptions: { output: { ...assumptions.output, from: 'b' } } }],
      generated_at: '2026-11-26T08:30:00.000Z',
      utc_offset_minutes: -480,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildWorkbook(input)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET_NAMES.trajectories)!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const mine = rows.filter((r) => r[0] === 'output_multiple');
    expect(mine.length).toBe(4);
    expect(mine.every((r) => r[2] === '为基期的倍数')).toBe(true);
    const v2026 = mine.find((r) => r[3] === 2026)!;
    expect(v2026.some((c) => typeof c === 'number' && Math.abs(c - 1.331) < 1e-9)).toBe(true);
  });

  it('chart data: values, target line and time path come from the kind', () => {
    const res = run(plan, Object.values(assumptions));
    const t = plan.targets[0];
    const vals = chartValues(t, res.series.output, 2023, plan.series[0]);
    expect(vals[2026]).toBeCloseTo(133.1, 9);
    expect(targetLevel(t, vals, 2023)).toBeCloseTo(130, 9);
    const p = timePath(t, vals, 2023)!;
    expect(p.x).toEqual([2023, 2024, 2025, 2026]);
    expect(p.y[3]).toBeCloseTo(130, 9);
    const text = {
      lang: 'zh-CN',
      actual: '实际',
      target: '目标',
      timePath: '序时进度',
      band: '区间',
      assumed: '假设',
      projected: '预测',
      source: '来源',
      date: '日期',
      reliability: (r: string) => r,
      valueKind: (k: string) => k,
      computed: '计算',
      actualsThenForecast: ['实际', '预测'],
      yearSuffix: (y: number) => `${y}年`,
    } as FigureText;
    const fig = buildTrajectoryFigure({
      target: t,
      scenarios: [{ id: 'b', name: '基准', result: res, primary: true }],
      text,
      series: plan.series[0],
    });
    const goal = fig.data.find((d) => d.meta?.role === 'target')!;
    expect(goal.y[goal.y.length - 1]).toBeCloseTo(130, 9);
    expect(fig.data.some((d) => d.meta?.role === 'path')).toBe(true);
  });
});
