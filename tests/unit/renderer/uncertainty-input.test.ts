/**
 * The 不确定区间 field: typed ranges in the parameter's units, the confidence, the whole form,
 * problems naming the field in both languages, and the text put back for a saved range.
 */
import { describe, expect, it } from 'vitest';
import type { GrowthModel, Uncertainty } from '../../../models/schema';
import {
  formatBound,
  formatConfidenceText,
  formatRangeText,
  formOf,
  keepsRange,
  rangeUnit,
  readConfidence,
  readCorrelation,
  readRange,
  readUncertainty,
  sameUncertainty,
} from '../../../renderer/src/lib/uncertainty-input';

const cagr: GrowthModel = { type: 'cagr', rate: 0.07 };
const path: GrowthModel = { type: 'path', rates: { '2025': 0.05 }, default_rate: 0.05 };
const elasticity: GrowthModel = { type: 'elasticity', driver: 'gdp_real', elasticity: 1.5 };
const logistic: GrowthModel = { type: 'logistic', ceiling: 100, rate: 0.4 };
const pipeline: GrowthModel = { type: 'pipeline', underlying_rate: 0.03, projects: [] };
const decay: GrowthModel = { type: 'intensity_decay', driver: 'gdp_real', rate: 0.03 };
const flat: GrowthModel = { type: 'flat' };

const ok = <T>(r: { ok: true; value: T } | { ok: false }) => {
  if (!r.ok) throw new Error(`not ok: ${JSON.stringify(r)}`);
  return r.value;
};

describe('rangeUnit', () => {
  it('growth rates are in percent, elasticities, speeds and multipliers are plain numbers', () => {
    expect([cagr, path, pipeline, decay].map((m) => rangeUnit(m))).toEqual(['percent', 'percent', 'percent', 'percent']);
    expect([elasticity, logistic, flat].map((m) => rangeUnit(m))).toEqual(['number', 'number', 'number']);
  });
});

describe('readRange', () => {
  it('reads the ways planners type a growth range, as fractions', () => {
    for (const text of ['5% to 9%', '5%-9%', '5%至9%', '5%～9%', '5 到 9 %', '５％～９％', '5-9', '5 ~ 9', '7%±2%', '7±2']) {
      expect(ok(readRange(text, cagr)), text).toEqual({ low: 0.05, high: 0.09 });
    }
    expect(ok(readRange('7.1%-9.3%', pipeline))).toEqual({ low: 0.071, high: 0.093 });
    expect(ok(readRange('-1% to 1%', path))).toEqual({ low: -0.01, high: 0.01 });
  });
  it('reads plain numbers for an elasticity or a multiplier; a % there is a fraction', () => {
    expect(ok(readRange('1.2-2.4', elasticity))).toEqual({ low: 1.2, high: 2.4 });
    expect(ok(readRange('0.9～1.1', flat))).toEqual({ low: 0.9, high: 1.1 });
    expect(ok(readRange('90%-110%', flat))).toEqual({ low: 0.9, high: 1.1 });
  });
  it('an empty box is no range', () => {
    expect(readRange('', cagr)).toEqual({ ok: true, value: null });
    expect(readRange('   ', cagr)).toEqual({ ok: true, value: null });
  });
  it('refuses unreadable text, a low end above the high end, a bound outside the parameter’s values', () => {
    const bad = readRange('五到九', cagr);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problem.field).toBe('range');
      expect(bad.problem.message_zh).toContain('无法将“五到九”识别为区间');
      expect(bad.problem.message_en).toContain('Could not read');
    }
    const reversed = readRange('9% to 5%', cagr);
    expect(!reversed.ok && reversed.problem.message_zh).toContain('下限 9% 高于上限 5%');
    const below = readRange('-150% to 9%', cagr);
    expect(below.ok).toBe(false);
    if (!below.ok) {
      expect(below.problem.field).toBe('range');
      expect(below.problem.message_zh).toContain('超出年均增速的有效范围');
      // the "subject：参数 x：" prefix of the model's message is gone
      expect(below.problem.message_zh).not.toContain('参数');
      expect(below.problem.message_en).not.toMatch(/^uncertainty/);
    }
    const speed = readRange('-0.2-0.5', logistic);
    expect(!speed.ok && speed.problem.message_en).toContain('outside the valid values');
  });
});

describe('readConfidence', () => {
  it('"90%", "90" and "0.9" are 90%; empty is the default', () => {
    for (const t of ['90%', '90', '0.9', ' 90 % ', '９０％', '']) expect(ok(readConfidence(t)), t).toBe(0.9);
    expect(ok(readConfidence('80'))).toBe(0.8);
    expect(ok(readConfidence('99.5%'))).toBe(0.995);
  });
  it('refuses a confidence outside 0..1 and text it cannot read, naming the field', () => {
    for (const t of ['150%', '100', '1', '0', '-0.2', '0%']) {
      const r = readConfidence(t);
      expect(r.ok, t).toBe(false);
      if (!r.ok) {
        expect(r.problem.field).toBe('confidence');
        expect(r.problem.message_zh).toContain('须在 0 与 1 之间');
        expect(r.problem.message_en).toContain('between 0 and 1');
      }
    }
    const r = readConfidence('most');
    expect(!r.ok && r.problem.message_zh).toContain('无法识别');
  });
});

describe('readCorrelation', () => {
  it('accepts -1..1 only', () => {
    expect(readCorrelation(-1).ok).toBe(true);
    expect(readCorrelation(0.5).ok).toBe(true);
    expect(readCorrelation(1.2).ok).toBe(false);
    expect(readCorrelation(Number.NaN).ok).toBe(false);
  });
});

describe('readUncertainty', () => {
  it('reads the whole form into an Assumption.uncertainty', () => {
    expect(ok(readUncertainty({ range: '5% to 9%', confidence: '90%', distribution: 'triangular', correlation: 0.5 }, cagr))).toEqual({
      low: 0.05,
      high: 0.09,
      confidence: 0.9,
      distribution: 'triangular',
      correlation: 0.5,
    });
    expect(ok(readUncertainty({ range: '', confidence: 'junk', distribution: 'normal', correlation: 0 }, cagr))).toBeNull();
  });
  it('checks what the simulation checks: a lognormal range needs positive bounds', () => {
    const r = readUncertainty({ range: '-1% to 3%', confidence: '90%', distribution: 'lognormal', correlation: 0 }, cagr);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.field).toBe('range');
      expect(r.problem.message_zh).toContain('对数正态分布');
    }
  });
  it('reports the first problem: the range, then the confidence', () => {
    const r = readUncertainty({ range: '9%-5%', confidence: '150%', distribution: 'normal', correlation: 0 }, cagr);
    expect(!r.ok && r.problem.field).toBe('range');
    const c = readUncertainty({ range: '5%-9%', confidence: '150%', distribution: 'normal', correlation: 0 }, cagr);
    expect(!c.ok && c.problem.field).toBe('confidence');
  });
});

describe('the text of a saved range', () => {
  const u: Uncertainty = { low: 0.05, high: 0.09, confidence: 0.9, distribution: 'normal', correlation: 0 };
  it('writes growth ranges in percent and reads back to the same numbers', () => {
    expect(formatRangeText(u, cagr, 'zh-CN')).toBe('5%～9%');
    expect(formatRangeText(u, cagr, 'en')).toBe('5% to 9%');
    for (const lang of ['zh-CN', 'en']) {
      for (const x of [u, { ...u, low: -0.012, high: 0.031 }, { ...u, low: 0.071, high: 0.093 }]) {
        expect(ok(readRange(formatRangeText(x, cagr, lang), cagr))).toEqual({ low: x.low, high: x.high });
      }
    }
    const e = { ...u, low: 1.2, high: 2.4 };
    expect(formatRangeText(e, elasticity, 'zh-CN')).toBe('1.2～2.4');
    expect(ok(readRange(formatRangeText(e, elasticity, 'en'), elasticity))).toEqual({ low: 1.2, high: 2.4 });
    expect(formatRangeText(null, cagr, 'zh-CN')).toBe('');
  });
  it('the form of a saved range, and of none', () => {
    expect(formOf({ ...u, distribution: 'uniform', correlation: -0.25, confidence: 0.8 }, cagr, 'zh-CN')).toEqual({
      range: '5%～9%',
      confidence: '80%',
      distribution: 'uniform',
      correlation: -0.25,
    });
    expect(formOf(null, cagr, 'zh-CN')).toEqual({ range: '', confidence: '90%', distribution: 'normal', correlation: 0 });
    expect(formatConfidenceText(undefined)).toBe('90%');
  });
  it('bounds for reading', () => {
    expect(formatBound(0.05, 'percent', 'zh-CN')).toBe('5.0%');
    expect(formatBound(0.0725, 'percent', 'zh-CN')).toBe('7.25%');
    expect(formatBound(1.2, 'number', 'en')).toBe('1.2');
  });
  it('sameUncertainty compares what the simulation reads', () => {
    expect(sameUncertainty(u, { ...u })).toBe(true);
    expect(sameUncertainty(u, { ...u, correlation: 0.1 })).toBe(false);
    expect(sameUncertainty(null, undefined)).toBe(true);
    expect(sameUncertainty(u, null)).toBe(false);
  });
});

describe('keepsRange', () => {
  it('keeps a range when the model keeps its meaning, drops it otherwise', () => {
    expect(keepsRange(cagr, { type: 'cagr', rate: 0.1 })).toBe(true);
    expect(keepsRange(cagr, pipeline)).toBe(true);
    expect(keepsRange(pipeline, cagr)).toBe(true);
    expect(keepsRange(cagr, flat)).toBe(false);
    expect(keepsRange(cagr, path)).toBe(false);
    expect(keepsRange(cagr, decay)).toBe(false);
    expect(keepsRange(elasticity, logistic)).toBe(false);
  });
});
