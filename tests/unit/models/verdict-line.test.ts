/**
 * One verdict line per target (issue 15 item 2): verdict, the target year's figure and its basis,
 * the gap in the target's units (counts whole), what remains this year per kind, and the reason
 * when the pieces look contradictory. Closed-form cases per kind, then the real plan.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { formatNowcastNote, formatYtdNote } from '../../../models/records';
import { verdictLine } from '../../../models/verdict';
import { act, asm, inputActual, makePlan, run, ser, tgt } from './fixtures';

function line(
  plan: Plan,
  assumptions: Parameters<typeof run>[1],
  settings: Parameters<typeof run>[2] = {},
  actuals: Parameters<typeof run>[3] = [],
  lang: 'zh-CN' | 'en' = 'zh-CN',
) {
  const r = run(plan, assumptions, settings, actuals);
  return verdictLine(plan.targets[0], r.targets[0], lang);
}

describe('verdict line, closed form', () => {
  it('a flow with its 1-10月 figure: what the last two months must bring, and the growth on last year', () => {
    const plan = makePlan({
      series: [ser('out', { nature: 'flow' })],
      targets: [tgt('out_level', 'out', 'level', '>=', 800, { unit: '亿元' })],
      actuals: [act('out', 2023, 600), act('out', 2024, 650), act('out', 2025, 700), act('out', '2025-10', 560)],
    });
    // 1-10月 628.6; nowcast 2026 = 740 (1-10月 figures mark the year as a nowcast)
    const ytd = inputActual('out', '2026-10', 628.6, { note: formatYtdNote({ growth: 0.1225 }) });
    const nowcast = inputActual('out', 2026, 740, {
      value_kind: 'estimate',
      note: formatNowcastNote({ as_of: '2026-10', method: 'blend', low: 730, high: 750 }, '推算'),
    });
    const l = line(plan, [asm('out', { type: 'cagr', rate: 0.05 })], {}, [ytd, nowcast]);
    expect(l.status).toBe('expected_not_complete');
    expect(l.verdict).toBe('预计未完成（按1-10月推算）');
    expect(l.figure).toBe('2026年按1-10月推算740亿元');
    expect(l.gap).toBe('距目标差60亿元');
    // 800 − 628.6 = 171.4; the same months of 2025: 700 − 560 = 140 → +22.4%
    expect(l.remaining).toBe('11-12月还需完成171.4亿元，需同比增长22.4%');
    expect(l.text).toBe('预计未完成（按1-10月推算）：2026年按1-10月推算740亿元，距目标差60亿元；11-12月还需完成171.4亿元，需同比增长22.4%');
  });

  it('counts are whole: 还需新增2家, 差2家, never 差0.1家 or 超出3.2家', () => {
    const plan = makePlan({
      series: [ser('firms', { unit: '家' })],
      targets: [tgt('firms_n', 'firms', 'level', '>=', 10, { unit: '家' })],
      actuals: [act('firms', 2023, 5), act('firms', 2024, 6), act('firms', 2025, 7)],
    });
    const short = line(plan, [asm('firms', { type: 'cagr', rate: 0.2 })]); // 8.4
    expect(short.gap).toBe('距目标差2家');
    expect(short.remaining).toBe('还需新增2家');
    const tiny = line(plan, [asm('firms', { type: 'cagr', rate: 0.4143 })]); // 9.9
    expect(tiny.gap).toBe('距目标差1家');
    const over = line(plan, [asm('firms', { type: 'cagr', rate: 0.89 })]); // 13.2
    expect(over.gap).toBe('超出3家');
    expect(over.remaining).toBeNull();
  });

  it('a share: the requirement in 百分点; met targets show no requirement', () => {
    const plan = makePlan({
      series: [ser('cov', { unit: '%' })],
      targets: [tgt('cov_t', 'cov', 'share', '>=', 90, { unit: '%' })],
      actuals: [act('cov', 2023, 70), act('cov', 2024, 80), act('cov', 2025, 85)],
    });
    const l = line(plan, [asm('cov', { type: 'path', rates: { 2026: 0.04 }, default_rate: 0 })]); // 88.4
    expect(l.remaining).toBe('还需提高1.6个百分点');
    expect(l.text).not.toMatch(/所需增速|年均增长/);
    const met = line(plan, [asm('cov', { type: 'path', rates: { 2026: 0.1 }, default_rate: 0 })]); // 93.5
    expect(met.remaining).toBeNull();
    expect(met.text).not.toMatch(/-\d/);
  });

  it('a reduction: the fall required in the target year, from the latest known intensity', () => {
    const plan = makePlan({
      series: [ser('int', { unit: '吨标煤/万元' })],
      targets: [tgt('int_red', 'int', 'reduction', '>=', 10, { unit: '%' })],
      actuals: [act('int', 2023, 1), act('int', 2024, 0.97), act('int', 2025, 0.94)],
    });
    const l = line(plan, [asm('int', { type: 'flat' })]);
    // 0.9 / 0.94 − 1 = −4.26%
    expect(l.remaining).toBe('2026年需下降4.3%');
    expect(l.figure).toBe('2026年预计较2023年累计下降6.0%');
  });

  it('a final-year actual that misses: 未完成, nothing remains; in English too', () => {
    const plan = makePlan({
      series: [ser('tal', { unit: '人' })],
      targets: [tgt('tal_n', 'tal', 'level', '>=', 5000, { unit: '人' })],
      actuals: [act('tal', 2023, 4000), act('tal', 2025, 4500)],
    });
    const a = [inputActual('tal', 2026, 4800)];
    const zh = line(plan, [asm('tal', { type: 'flat' })], {}, a);
    expect(zh.text).toBe('未完成：2026年实际4,800人，距目标差200人');
    const en = line(plan, [asm('tal', { type: 'flat' })], {}, a, 'en');
    expect(en.text).toMatch(/^missed: 2026 actual 4,800/);
  });

  it('contradictions carry their reason: lagging on an assumed base; met earlier, falling back', () => {
    const lag = makePlan({
      series: [ser('ht', { unit: '家' })],
      targets: [tgt('ht_n', 'ht', 'level', '>=', 680, { unit: '家' })],
      actuals: [act('ht', 2025, 600)],
    });
    // base 580 assumed; 2025 600 → progress 20/100 against 2/3 elapsed; 2026 flat+ → 683
    const l = line(lag, [asm('ht', { type: 'path', rates: { 2026: 0.14 }, default_rate: 0 }, 580)]);
    expect(l.status).toBe('lagging');
    expect(l.reason).toBe('按序时进度滞后：基期2023年为假设值580家');
    const back = makePlan({
      series: [ser('x')],
      targets: [tgt('x_level', 'x', 'level', '>=', 300, { unit: '亿元' })],
      actuals: [act('x', 2023, 250), act('x', 2024, 280), act('x', 2025, 305)],
    });
    const b = line(back, [asm('x', { type: 'cagr', rate: 279 / 305 - 1 })]);
    expect(b.status).not.toBe('achieved_early');
    expect(b.reason).toBe('2025年已达到（305亿元），2026年预计回落至279亿元');
    expect(b.text).not.toContain('提前实现');
  });

  it('a growth target on a zero or negative base is refused with the reason, in both languages', () => {
    const plan = makePlan({
      series: [ser('p')],
      targets: [tgt('p_g', 'p', 'growth_rate', '>=', 8, { unit: '%' })],
      actuals: [act('p', 2023, -50), act('p', 2024, -54), act('p', 2025, -58)],
    });
    const r = run(plan, [asm('p', { type: 'flat' })]);
    expect(r.targets[0].projected).toBeNull(); // not "+8%" for a falling value
    expect(r.targets[0].status).toBe('no_data');
    expect(verdictLine(plan.targets[0], r.targets[0], 'zh-CN').reason).toBe('基期2023年数值为负数，无法计算年均增速，请核实基期值');
    const zero = makePlan({
      series: [ser('p')],
      targets: [tgt('p_g', 'p', 'growth_rate', '>=', 8, { unit: '%' })],
      actuals: [act('p', 2023, 0), act('p', 2025, 5)],
    });
    const z = run(zero, [asm('p', { type: 'flat' })]).targets[0];
    expect(verdictLine(zero.targets[0], z, 'en').reason).toMatch(/base value is zero/);
  });
});

describe('the real plan, latest statistical year 2026', () => {
  const file = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
  const plan = Plan.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const r = projectPlan({ plan, assumptions: resolvePresetAssumptions(plan, 'baseline'), settings: { as_of_year: 2026 } });
  const lines = plan.targets.map((t) => verdictLine(t, r.targets.find((e) => e.id === t.id) ?? null, 'zh-CN'));

  it('every target has a line; counts whole; no 提前实现; no negative requirement', () => {
    expect(lines).toHaveLength(62);
    for (const l of lines) {
      expect(l.text.length).toBeGreaterThan(4);
      expect(l.text).not.toMatch(/差0\.\d+(?:[家项名人]|个(?!百分点))/);
      expect(l.text).not.toMatch(/超出\d+\.\d+(?:[家项名人]|个(?!百分点))/);
      expect(l.text).not.toContain('提前实现');
      expect(l.remaining ?? '').not.toMatch(/-\d/);
    }
  });

  it('单位GDP能耗 and 高技能人才 read 预计未完成 with their gaps', () => {
    const at = (id: string) => lines[plan.targets.findIndex((t) => t.id === id)];
    expect(at('energy_intensity_reduction').text).toMatch(/^预计未完成：2026年预计较2023年累计下降9\.6%，距目标差0\.4个百分点/);
    expect(at('high_skill_talents').text).toBe('预计未完成：2026年预计4,800人，距目标差200人；还需新增200人');
  });
});
