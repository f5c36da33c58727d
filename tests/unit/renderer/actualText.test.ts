/**
 * The Data screen's words for one actual: a stock's month is a month-end level (2023年6月末, not
 * 1-6月), the grid sorts by the indicator's Chinese name in pinyin order, and the delete
 * confirmation names the indicator, the period, the value and the unit. Real i18n resources.
 */
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n';
import { deleteWarnText, periodLabel, recordPeriodLabel, sortActualRows } from '../../../renderer/src/lib/actualText';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Plan } from '../../../models/schema';

const zh = createI18n('zh-CN');
const en = createI18n('en');

const plan = Plan.parse(
  JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url)), 'utf8')),
);

describe('actual words', () => {
  const def = (id: string) => plan.series.find((s) => s.id === id)!;

  it('a stock reads its month as the month-end level, a flow as the months so far', () => {
    const hte = def('high_tech_enterprises');
    expect(recordPeriodLabel('2023-06', hte, 'zh-CN', zh.t)).toBe('2023年6月末');
    expect(recordPeriodLabel('2023-06', hte, 'en', en.t)).toBe('end of Jun 2023');
    expect(recordPeriodLabel('2025', hte, 'zh-CN', zh.t)).toBe('2025年');
    const flow = plan.series.find((s) => s.nature === 'flow' && !s.derived)!;
    expect(recordPeriodLabel('2026-10', flow, 'zh-CN', zh.t)).toBe('2026年1-10月');
    expect(periodLabel('2026-10', 'zh-CN')).toBe('2026年1-10月');
    expect(periodLabel('2025H1', 'zh-CN')).toBe('2025年上半年');
  });

  it('the delete confirmation names the indicator, period, value and unit', () => {
    const text = deleteWarnText(
      { series: 'high_tech_enterprises', period: '2023-06', value: 438 },
      def('high_tech_enterprises'),
      'zh-CN',
      zh.t,
    );
    expect(text).toBe('将删除“高新技术企业”2023年6月末的数值 438家。');
    const textEn = deleteWarnText(
      { series: 'high_tech_enterprises', period: '2023-06', value: 438 },
      def('high_tech_enterprises'),
      'en',
      en.t,
    );
    expect(textEn).toContain(def('high_tech_enterprises').name_en);
    expect(textEn).toContain('end of Jun 2023');
    expect(textEn).toContain('438');
  });

  it('sorts by the Chinese name in pinyin order, then the newest period first, the record in force first', () => {
    const names: Record<string, string> = { gdp: '地区生产总值', hte: '高新技术企业', ind: '规上工业企业数' };
    const row = (series: string, period: string, superseded = false) => ({ actual: { series, period }, superseded });
    // code-point order would put 规 (U+89C4) before 高 (U+9AD8); pinyin puts gao before gui
    const sorted = sortActualRows(
      [row('ind', '2024'), row('hte', '2024'), row('gdp', '2023'), row('hte', '2025', true), row('hte', '2025'), row('gdp', '2024')],
      (id) => names[id],
    );
    expect(sorted.map((r) => `${names[r.actual.series]} ${r.actual.period}${r.superseded ? '*' : ''}`)).toEqual([
      '地区生产总值 2024',
      '地区生产总值 2023',
      '高新技术企业 2025',
      '高新技术企业 2025*',
      '高新技术企业 2024',
      '规上工业企业数 2024',
    ]);
  });
});
