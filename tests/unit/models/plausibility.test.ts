/**
 * The plausibility rules (issue 16, item 1): the figures the issue found saved without a word are
 * refused, naming the indicator (Chinese name), the field and the allowed range in both languages;
 * values far from what is known come back as warnings to confirm.
 */
import { describe, expect, it } from 'vitest';
import { GROWTH_MODEL_KINDS, GROWTH_MODELS } from '../../../models/growth/index';
import {
  asOfYears,
  checkAssumption,
  checkRecord,
  checkSettings,
  confirmationError,
  figureWarnings,
  implausibleError,
  previousPeriod,
  recordYears,
} from '../../../models/plausibility';
import { Series, type Assumption } from '../../../models/schema';
import { loadDefaultPlan } from '../../../scenarios/plan/load';

const plan = loadDefaultPlan();
const series = (id: string) => {
  const s = plan.series.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id}`);
  return s;
};
const fineSteel = series('fine_steel_output');
const village5g = series('village_5g_coverage');
const capacity = series('jsl_steel_capacity');
const industrialVa = series('industrial_va');
const asm = (model: Assumption['model'], base_value: number | null = null) => ({ model, base_value });

describe('hard rules on a statistical record', () => {
  it('refuses 金盛兰精品钢产值 2025 = −590亿元 (a value within the year is never negative)', () => {
    const issues = checkRecord(plan, fineSteel, { series: fineSteel.id, period: '2025', value: -590 }, 'actuals[0].value');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.rule).toBe('sign');
    expect(issues[0]!.message_zh).toContain('金盛兰精品钢产值');
    expect(issues[0]!.message_zh).toContain('actuals[0].value');
    expect(issues[0]!.message_zh).toContain('不小于 0亿元');
    expect(issues[0]!.message_en).toContain('at least 0 亿元');
  });

  it('refuses an actual for 2031 (after the plan’s last year), and accepts history back to 2011', () => {
    const issues = checkRecord(plan, fineSteel, { series: fineSteel.id, period: '2031', value: 590 });
    expect(issues.map((i) => i.rule)).toEqual(['horizon']);
    expect(issues[0]!.message_zh).toMatch(/2031.*允许 2009–2026 年/);
    expect(issues[0]!.message_en).toMatch(/2031.*allowed 2009–2026/);
    expect(checkRecord(plan, series('gdp_nominal'), { series: 'gdp_nominal', period: '2011', value: 652.01 })).toEqual([]);
    expect(recordYears(plan)).toEqual([2009, 2026]);
  });

  it('allows the next plan’s years when the plan says so (next_plan_end)', () => {
    const next = { ...plan, next_plan_end: 2030 };
    expect(checkRecord(next, fineSteel, { series: fineSteel.id, period: '2028', value: 700 })).toEqual([]);
    expect(checkRecord(next, fineSteel, { series: fineSteel.id, period: '2031', value: 700 })[0]!.message_en).toContain('2009–2030');
  });

  it('refuses 行政村5G通达率 130% (the series is bounded 0–100)', () => {
    const issues = checkRecord(plan, village5g, { series: village5g.id, period: '2025', value: 130 });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message_zh).toContain('行政村5G通达率');
    expect(issues[0]!.message_zh).toContain('0–100%');
    expect(issues[0]!.message_en).toContain('0–100 %');
    expect(checkRecord(plan, village5g, { series: village5g.id, period: '2025', value: 100 })).toEqual([]);
  });
});

describe('hard rules on assumptions: each growth model’s declared ranges', () => {
  it('refuses an elasticity of 999 (the projection gave 9,392,269亿元), naming the field and range', () => {
    const issues = checkAssumption(industrialVa, asm({ type: 'elasticity', driver: 'gdp_nominal', elasticity: 999 }), 'assumptions[0]');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('assumptions[0].model.elasticity');
    expect(issues[0]!.message_zh).toContain(industrialVa.name_zh);
    expect(issues[0]!.message_zh).toContain('弹性系数 999');
    expect(issues[0]!.message_zh).toContain('允许 -5–5');
    expect(issues[0]!.message_en).toContain('allowed -5 to 5');
    expect(checkAssumption(industrialVa, asm({ type: 'elasticity', driver: 'gdp_nominal', elasticity: 1.1 }))).toEqual([]);
  });

  it('refuses a negative capacity step (it gave 产能占全省比重 −17.1%)', () => {
    const issues = checkAssumption(
      capacity,
      asm({
        type: 'step',
        steps: [
          { year: 2025, value: 750 },
          { year: 2026, value: -200 },
        ],
      }),
    );
    expect(issues.map((i) => i.field)).toEqual(['model.steps[1].value']);
    expect(issues[0]!.message_zh).toContain('金盛兰钢铁产能');
    expect(issues[0]!.message_zh).toContain('不小于 0万吨');
    // the message names which step in words, not by its path
    expect(issues[0]!.message_zh).toContain('（第2项）');
    expect(issues[0]!.message_zh).not.toContain('steps[');
  });

  it('refuses rates outside −50%..100% a year, in percent', () => {
    const cagr = checkAssumption(fineSteel, asm({ type: 'cagr', rate: 1.5 }));
    expect(cagr[0]!.message_zh).toContain('年均增速 150% 超出允许范围，允许 -50%–100%');
    const path = checkAssumption(fineSteel, asm({ type: 'path', rates: { '2025': 0.05, '2026': -0.8 }, default_rate: 0 }));
    expect(path.map((i) => i.field)).toEqual(['model.rates.2026']);
    expect(path[0]!.message_zh).toContain('各年增速（2026年） -80% 超出允许范围');
    expect(path[0]!.message_en).toContain('yearly growth rate (2026) -80%');
  });

  it('refuses a base value outside the series’ range, and a share ceiling over 100', () => {
    expect(checkAssumption(fineSteel, asm({ type: 'flat' }, -1))[0]!.field).toBe('base_value');
    const share = series('public_infra_coverage');
    expect(checkAssumption(share, asm({ type: 'logistic', ceiling: 120, rate: 0.4 }))[0]!.field).toBe('model.ceiling');
  });

  it('accepts every assumption of the bundled presets', () => {
    for (const p of plan.presets) for (const a of p.assumptions) expect(checkAssumption(series(a.series), a)).toEqual([]);
  });

  it('every growth model declares its ranges next to the model, each with labels in both languages', () => {
    for (const kind of GROWTH_MODEL_KINDS) {
      for (const r of GROWTH_MODELS[kind].ranges) {
        expect(r.label_zh).toMatch(/[\u4e00-\u9fff]/);
        expect(r.label_en.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('settings', () => {
  it('refuses 最近完整统计年度 2031 and accepts 2025', () => {
    const issues = checkSettings(plan, { as_of_year: 2031 });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message_zh).toBe('最近完整统计年度：2031 年不在规划期内，允许 2023–2026 年');
    expect(issues[0]!.message_en).toContain('allowed 2023–2026');
    expect(checkSettings(plan, { as_of_year: 2025 })).toEqual([]);
    expect(asOfYears({ ...plan, next_plan_end: 2030 })).toEqual([2023, 2030]);
  });
  it('refuses a base year after the plan’s end', () => {
    expect(checkSettings(plan, { base_year: 2030 })[0]!.field).toBe('base_year');
  });
});

describe('soft rules: far from the stored record or the year before', () => {
  const known = (values: Record<string, number>) => (id: string, period: string) => values[`${id}:${period}`] ?? null;

  it('warns when a value is more than 3× or under 1/3 of the stored record for the same period', () => {
    const w = figureWarnings(fineSteel, { series: fineSteel.id, period: '2025', value: 59000 }, known({ 'fine_steel_output:2025': 590 }));
    expect(w.map((x) => x.rule)).toEqual(['far_from_record']);
    expect(w[0]!.message_zh).toContain('金盛兰精品钢产值');
    expect(w[0]!.message_zh).toContain('590亿元');
    expect(
      figureWarnings(fineSteel, { series: fineSteel.id, period: '2025', value: 150 }, known({ 'fine_steel_output:2025': 590 })),
    ).toHaveLength(1);
    expect(
      figureWarnings(fineSteel, { series: fineSteel.id, period: '2025', value: 650 }, known({ 'fine_steel_output:2025': 590 })),
    ).toEqual([]);
  });

  it('compares year-to-date figures with the same months a year earlier', () => {
    expect(previousPeriod('2025-10')).toBe('2024-10');
    expect(previousPeriod('2025H1')).toBe('2024H1');
    expect(previousPeriod('2020-2025')).toBeNull();
    const w = figureWarnings(
      fineSteel,
      { series: fineSteel.id, period: '2025-10', value: 4000 },
      known({ 'fine_steel_output:2024-10': 400 }),
    );
    expect(w.map((x) => [x.rule, x.compared_period])).toEqual([['far_from_previous', '2024-10']]);
  });

  it('does not compare growth rates by ratio', () => {
    const rate = Series.parse({ id: 'g', name_zh: '增速', name_en: 'growth', unit: '%', nature: 'rate' });
    expect(figureWarnings(rate, { series: 'g', period: '2025', value: 9 }, known({ 'g:2024': 1 }))).toEqual([]);
  });
});

describe('errors', () => {
  it('a refusal is a StudioError naming every issue; a warning asks for confirmation', () => {
    const issues = checkRecord(plan, village5g, { series: village5g.id, period: '2025', value: 130 }, 'line 3');
    const e = implausibleError(issues);
    expect(e.code).toBe('implausible');
    expect(e.path).toBe('line 3');
    expect(e.message_zh).toMatch(/^数值不合理，未保存：行政村5G通达率/);
    expect(e.message_en).toMatch(/^Implausible value, nothing saved:/);
    const w = figureWarnings(fineSteel, { series: fineSteel.id, period: '2025', value: 5900 }, () => 590);
    const c = confirmationError(w);
    expect(c.code).toBe('needs_confirmation');
    expect((c.details as { warnings: unknown[] }).warnings).toHaveLength(2);
  });
});
