import { describe, expect, it } from 'vitest';
import { formatGap, formatJudged, formatNumber, formatPoints, formatRate, formatTarget, formatValue, gapYear, unitLabel } from '../../../renderer/src/lib/format';
import { plan, target } from './fixtures';

describe('numbers as planners write them', () => {
  it('uses thousands separators and the plan units', () => {
    expect(formatValue(6000, '个', 'zh-CN')).toBe('6,000个');
    expect(formatValue(635.236, '亿元', 'zh-CN')).toBe('635.2亿元');
    expect(formatValue(12345.6, '亿元', 'zh-CN')).toBe('12,346亿元');
    expect(formatValue(28, '%', 'zh-CN')).toBe('28.0%');
    expect(formatNumber(1234567.891, 'en', 2)).toBe('1,234,567.89');
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
    expect(formatGap(target('tech_renovation_projects'), -6.86, 'zh-CN')).toBe('超出6.9项');
    expect(formatGap(target('fine_steel_output'), 64.76, 'en')).toBe('64.8 (100 million yuan) short');
  });
  it('names the year of an annual flow\'s gap when it is not the target year', () => {
    expect(formatGap(target('tech_renovation_projects'), 1.2, 'zh-CN', true, 2024)).toBe('2024年差1.2项');
    expect(formatGap(target('tech_renovation_projects'), 1.2, 'en', false, 2024)).toBe('1.2 items short in 2024');
    expect(gapYear({ gap_year: 2024, target_year: 2026 })).toBe(2024);
    expect(gapYear({ gap_year: 2026, target_year: 2026 })).toBeNull();
    expect(gapYear({ target_year: 2026 })).toBeNull();
    expect(gapYear(null)).toBeNull();
  });
  it('renders units in English from the glossary', () => {
    expect(unitLabel('亿元', 'en')).toBe('100 million yuan');
    expect(unitLabel('亿元', 'zh-CN')).toBe('亿元');
    expect(formatValue(3, '家', 'en')).toBe('3 firms');
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
