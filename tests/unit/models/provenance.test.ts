import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enteredByText, enteredValue, languageSide, noteText, sourceTitleText } from '../../../models/provenance';

describe('provenance as a planner writes it', () => {
  it('drops the JSON head of a note and keeps the human part', () => {
    expect(noteText('{"ytd_growth":0.098}\n市统计局月报', 'zh-CN')).toBe('市统计局月报');
    expect(noteText('{"nowcast":{"as_of":"2026-10","low":637.023}}', 'zh-CN')).toBe('');
    // a note that only looks like JSON stays as it is
    expect(noteText('{见附件}', 'zh-CN')).toBe('{见附件}');
    expect(noteText('', 'en')).toBe('');
    expect(noteText(null, 'en')).toBe('');
  });

  it('gives one language of a bilingual note or title', () => {
    const note = '2026年1月讲话称“接近千亿”。 来源说明 / source note: Described as close to 100 billion yuan';
    expect(noteText(note, 'zh-CN')).toBe('2026年1月讲话称“接近千亿”。');
    expect(noteText(note, 'en')).toBe('Described as close to 100 billion yuan');
    expect(sourceTitleText('1-10月累计推算 / nowcast from January–October', 'zh-CN')).toBe('1-10月累计推算');
    expect(sourceTitleText('1-10月累计推算 / nowcast from January–October', 'en')).toBe('nowcast from January–October');
    // not a pair: kept whole
    expect(languageSide('咸宁 / 武汉', 'en')).toBe('咸宁 / 武汉');
    expect(languageSide('A / B / C', 'zh-CN')).toBe('A / B / C');
  });

  it("names the system's own entries in words and keeps people's names", () => {
    expect(enteredByText('ytd import', 'zh-CN')).toBe('系统导入：1-N月统计数据');
    expect(enteredByText('scripts/build-plan-actuals.ts (xianning-public-figures.csv)', 'zh-CN')).toBe('系统导入：公开数据整理');
    expect(enteredByText('nowcast', 'en')).toBe('system estimate');
    expect(enteredByText('规划科 张三', 'en')).toBe('规划科 张三');
    expect(enteredByText('', 'zh-CN')).toBe('');
  });

  it('prints an entered value with every decimal it has', () => {
    expect(enteredValue(1950.3)).toBe('1,950.3');
    expect(enteredValue(2036.8)).toBe('2,036.8');
    expect(enteredValue(-3.5)).toBe('-3.5');
    expect(enteredValue(610)).toBe('610');
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        expect(Number(enteredValue(x).replace(/,/g, ''))).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});
