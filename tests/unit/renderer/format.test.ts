import { describe, expect, it } from 'vitest';
import {
  formatGap,
  formatJudged,
  formatPoints,
  formatRate,
  formatTarget,
  gapYear,
  showNumber,
  showUnit,
  showValue,
} from '../../../renderer/src/lib/format';
import { formatFigure } from '../../../models/units';
import { judgedFigure } from '../../../models/sentences';
import { plan, target } from './fixtures';

describe('numbers as planners write them', () => {
  it('uses thousands separators and the plan units', () => {
    expect(showValue(6000, '个', 'zh-CN')).toBe('6,000个');
    expect(showValue(635.236, '亿元', 'zh-CN')).toBe('635.2亿元');
    expect(showValue(12345.6, '亿元', 'zh-CN')).toBe('12,346亿元');
    expect(showValue(28, '%', 'zh-CN')).toBe('28.0%');
    expect(showNumber(1234567.891, 'en', 2)).toBe('1,234,567.89');
  });
  it('writes a projected figure as the briefing does: no trailing .0 after a level (700亿元, not 700.0亿元)', () => {
    expect(showValue(700, '亿元', 'zh-CN')).toBe('700亿元');
    expect(showValue(700.04, '亿元', 'zh-CN')).toBe('700亿元');
    expect(showValue(6.86, '项', 'zh-CN')).toBe('6.9项');
    expect(showValue(0.05, '%', 'zh-CN')).toBe('0.05%');
    // the screens and the briefing's overview and sentences share one rule (models/units.ts formatFigure)
    for (const id of ['fine_steel_output', 'mfg_va_share_gdp', 'offshore_park_new_firms']) {
      const t = target(id);
      for (const v of [700, 723.46, 28, 12345.6, 0.4]) {
        for (const lang of ['zh-CN', 'en'] as const) {
          if (t.unit.trim() === '家') continue; // counts: the sentences round them whole
          expect(formatJudged(t, v, lang)).toBe(judgedFigure(t, v, lang));
          expect(formatJudged(t, v, lang)).toBe(formatFigure(v, t.unit, lang));
        }
      }
    }
  });
  it('shows growth rates stored as fractions with one decimal', () => {
    expect(formatRate(0.07, 'zh-CN')).toBe('7.0%');
    expect(formatRate(-0.0345, 'en')).toBe('-3.5%');
    expect(formatRate(null, 'zh-CN')).toBe('—');
  });
  it('writes a change of a share in percentage points, never %', () => {
    expect(formatPoints(1.234, 'zh-CN')).toBe('1.2个百分点');
    expect(formatPoints(1.25, 'en')).toBe('1.3 percentage points');
    expect(formatGap(target('sei_va_share_gdp'), 1.38, 'zh-CN')).toBe('差1.4个百分点');
    expect(formatGap(target('energy_intensity_reduction'), -0.5, 'zh-CN')).toBe('超出0.5个百分点');
  });
  it('says 差 / 超出 for level gaps in the unit', () => {
    expect(formatGap(target('fine_steel_output'), 64.76, 'zh-CN')).toBe('差64.8亿元');
    expect(formatGap(target('fine_steel_output'), -6.86, 'zh-CN')).toBe('超出6.9亿元');
    expect(formatGap(target('fine_steel_output'), 64.76, 'en')).toBe('6.5 billion yuan short');
  });
  it('never writes a gap the precision rounds to zero as 差0 (goal seek leaves 0.02亿元)', () => {
    for (const gap of [0.02, 0.004, -0.003]) {
      for (const lang of ['zh-CN', 'en']) expect(formatGap(target('fine_steel_output'), gap, lang)).toMatch(/[1-9]/);
    }
    expect(formatGap(target('fine_steel_output'), 0.02, 'zh-CN')).toBe('差0.02亿元');
    expect(formatGap(target('fine_steel_output'), 0.004, 'zh-CN')).toBe('差不足0.01亿元');
    expect(formatGap(target('sei_va_share_gdp'), 0.02, 'zh-CN')).toBe('差0.02个百分点');
    expect(formatGap(target('fine_steel_output'), 0, 'zh-CN')).toBe('持平');
  });
  it("names the year of an annual flow's gap when it is not the target year", () => {
    expect(formatGap(target('tech_renovation_projects'), 1.2, 'zh-CN', true, 2024)).toBe('2024年差2项');
    expect(formatGap(target('tech_renovation_projects'), 1.2, 'en', false, 2024)).toBe('2 items short in 2024');
    expect(gapYear({ gap_year: 2024, target_year: 2026 })).toBe(2024);
    expect(gapYear({ gap_year: 2026, target_year: 2026 })).toBeNull();
    expect(gapYear({ target_year: 2026 })).toBeNull();
    expect(gapYear(null)).toBeNull();
  });
  it('writes a count against a whole target whole, as the verdict line does (106项, 差2项, never 106.9项 nor 差1.2项)', () => {
    const t = target('tech_renovation_projects');
    // cut toward the miss (models/counts.ts): 106.9 projects hold 106 whole ones, 98.8 reads 98 beside 差2项
    expect(formatJudged(t, 106.9, 'zh-CN')).toBe('106项');
    expect(formatJudged(t, 106.9, 'zh-CN', true)).toBe('106项');
    expect(formatJudged(t, 98.8, 'zh-CN')).toBe('98项');
    // a shortfall rounds up, a surplus down; one under a whole thing is level with the target
    expect(formatGap(t, 1.2, 'zh-CN')).toBe('差2项');
    expect(formatGap(t, 0.3, 'zh-CN')).toBe('差1项');
    expect(formatGap(t, -6.86, 'zh-CN')).toBe('超出6项');
    expect(formatGap(t, -0.4, 'zh-CN')).toBe('持平');
    expect(formatGap(target('high_tech_enterprises'), 12.5, 'en')).toBe('13 firms short');
    // a share or an amount keeps its decimals
    expect(formatGap(target('fine_steel_output'), 1.2, 'zh-CN')).toBe('差1.2亿元');
  });
  it('renders units in English from the glossary', () => {
    expect(showUnit('亿元', 'en')).toBe('100 million yuan');
    expect(showUnit('亿元', 'zh-CN')).toBe('亿元');
    expect(showValue(3, '家', 'en')).toBe('3 firms');
  });
  it('shows a reduction as 下降x%', () => {
    expect(formatJudged(target('energy_intensity_reduction'), 9.58, 'zh-CN')).toBe('下降9.6%');
    expect(formatJudged(target('energy_intensity_reduction'), 9.58, 'en')).toBe('down 9.6%');
  });
});

describe('targets with the plan comparator words', () => {
  const cases: [string, string, string][] = [
    ['fine_steel_output', '达700亿元', '≥ 700 (100 million yuan)'],
    ['mfg_va_share_gdp', '达28%以上', '≥ 28%'],
    ['offshore_park_new_firms', '不少于100家', '≥ 100 firms'],
    ['provincial_specialised_smes', '突破300家', '> 300 firms'],
    ['tech_vice_presidents_annual', '20名左右', 'about 20 people'],
    ['energy_intensity_reduction', '下降10%', 'down ≥ 10%'],
    ['industrial_energy_intensity_reduction', '累计降幅达14%', 'down ≥ 14%'],
    ['tech_renovation_investment_growth', '年均增长10%以上', '≥ 10% a year'],
    ['county_research_institutes', '1—2家', '1–2 firms'],
    ['park_circular_transformation', '全部（100%）', '≥ 100%'],
    ['base_stations_5g', '6,000个', '≥ 6,000'],
  ];
  for (const [id, zh, en] of cases) {
    it(`${id}: ${zh}`, () => {
      expect(formatTarget(target(id), 'zh-CN')).toBe(zh);
      expect(formatTarget(target(id), 'en')).toBe(en);
    });
  }
  it('formats every target of the plan without a leftover placeholder', () => {
    for (const t of plan.targets) {
      const zh = formatTarget(t, 'zh-CN');
      expect(zh).not.toContain('…');
      expect(zh).not.toMatch(/undefined|NaN/);
      expect(formatTarget(t, 'en')).not.toMatch(/[\u4e00-\u9fff]|undefined|NaN/);
    }
  });
});
