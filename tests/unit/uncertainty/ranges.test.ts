/**
 * Ranges as distributions, their validation (typed, bilingual errors naming the assumption and
 * the field), the parameter each model carries, and typed range input (parseRange).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PARAMETER_TABLE,
  distributionOf,
  fromStandardNormal,
  parseRange,
  parseRangeOrThrow,
  quantileOf,
  rangeFromMeanSd,
  uncertainParameter,
  validateUncertainty,
} from '../../../models/uncertainty';
import { ModelError } from '../../../models/types';
import { GrowthModel, type Uncertainty } from '../../../models/schema';

const Z95 = 1.6448536269514722;
const U = (low: number, high: number, extra: Partial<Uncertainty> = {}): Uncertainty => ({
  low,
  high,
  confidence: 0.9,
  distribution: 'normal',
  correlation: 0,
  ...extra,
});

function thrown(f: () => unknown): ModelError {
  try {
    f();
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  }
  throw new Error('expected a ModelError');
}

describe('range -> distribution', () => {
  it('normal 5%..9% (90%) -> mean 7%, sd 0.04 / (2 z95) = 0.012159...', () => {
    const d = distributionOf(U(0.05, 0.09), 'gdp');
    expect(d.distribution).toBe('normal');
    if (d.distribution !== 'normal') return;
    expect(d.mean).toBeCloseTo(0.07, 15);
    expect(d.sd).toBeCloseTo(0.04 / (2 * Z95), 13);
    expect(d.sd).toBeCloseTo(0.012159, 6);
    expect(d.median).toBeCloseTo(0.07, 15);
    // its 5th and 95th percentiles are the ends of the range
    expect(quantileOf(d, 0.05)).toBeCloseTo(0.05, 12);
    expect(quantileOf(d, 0.95)).toBeCloseTo(0.09, 12);
  });

  it('another confidence: 80% -> z = Φ⁻¹(0.9)', () => {
    const d = distributionOf(U(1, 3, { confidence: 0.8 }), 'x');
    if (d.distribution !== 'normal') throw new Error();
    expect(d.sd).toBeCloseTo(1 / 1.2815515655446004, 12);
    expect(quantileOf(d, 0.1)).toBeCloseTo(1, 12);
  });

  it.each(['uniform', 'triangular', 'normal'] as const)('%s: the central 90%% interval is [low, high]', (dist) => {
    const d = distributionOf(U(0.8, 1.4, { distribution: dist }), 'x');
    expect(quantileOf(d, 0.05)).toBeCloseTo(0.8, 12);
    expect(quantileOf(d, 0.95)).toBeCloseTo(1.4, 12);
    expect(quantileOf(d, 0.5)).toBeCloseTo(1.1, 12);
    expect(d.median).toBeCloseTo(1.1, 14);
  });

  it('uniform: width (h - l) / confidence; triangular: half-width δ / (1 - sqrt(1 - c))', () => {
    const u = distributionOf(U(0, 0.9, { distribution: 'uniform' }), 'x');
    if (u.distribution !== 'uniform') throw new Error();
    expect(u.min).toBeCloseTo(-0.05, 14);
    expect(u.max).toBeCloseTo(0.95, 14);
    const t = distributionOf(U(-1, 1, { distribution: 'triangular' }), 'x');
    if (t.distribution !== 'triangular') throw new Error();
    expect(t.max).toBeCloseTo(1 / (1 - Math.sqrt(0.1)), 12);
    expect(t.mode).toBe(0);
  });

  it('lognormal on the log scale: median sqrt(l h); 5th/95th percentiles l and h', () => {
    const d = distributionOf(U(600, 800, { distribution: 'lognormal' }), 'steel');
    if (d.distribution !== 'lognormal') throw new Error();
    expect(d.mu).toBeCloseTo((Math.log(600) + Math.log(800)) / 2, 14);
    expect(d.sigma).toBeCloseTo(Math.log(800 / 600) / (2 * Z95), 12);
    expect(d.median).toBeCloseTo(Math.sqrt(600 * 800), 9);
    expect(quantileOf(d, 0.05)).toBeCloseTo(600, 8);
    expect(quantileOf(d, 0.95)).toBeCloseTo(800, 8);
  });

  it('fromStandardNormal: z = ±z95 maps to the ends for every distribution', () => {
    for (const dist of ['normal', 'uniform', 'triangular', 'lognormal'] as const) {
      const d = distributionOf(U(2, 5, { distribution: dist }), 'x');
      expect(fromStandardNormal(d, -Z95)).toBeCloseTo(2, 10);
      expect(fromStandardNormal(d, Z95)).toBeCloseTo(5, 10);
      expect(fromStandardNormal(d, 0)).toBeCloseTo(d.median, 10);
    }
  });

  it('a zero-width range is a point', () => {
    const d = distributionOf(U(0.07, 0.07), 'x');
    if (d.distribution !== 'normal') throw new Error();
    expect(d.sd).toBe(0);
    expect(d.mean).toBe(0.07);
  });

  it('mean ± sd form: refuses a negative standard deviation, names the assumption', () => {
    const r = rangeFromMeanSd(700, 50, 'fine_steel_output');
    expect(r.low).toBeCloseTo(700 - 50 * Z95, 10);
    expect(r.high).toBeCloseTo(700 + 50 * Z95, 10);
    const e = thrown(() => rangeFromMeanSd(700, -5, 'fine_steel_output'));
    expect(e.subject).toBe('fine_steel_output');
    expect(e.parameter).toBe('uncertainty.sd');
    expect(e.message_zh).toContain('标准差');
  });
});

describe('validation', () => {
  const cases: [string, Uncertainty, string, RegExp, RegExp][] = [
    ['low above high', U(0.09, 0.05), 'uncertainty.low', /above the high/, /下限高于上限/],
    ['a non-positive lognormal bound', U(0, 5, { distribution: 'lognormal' }), 'uncertainty.low', /positive/, /正数/],
    ['confidence 1', U(0, 1, { confidence: 1 }), 'uncertainty.confidence', /between 0 and 1/, /0 与 1 之间/],
    ['confidence 0', U(0, 1, { confidence: 0 }), 'uncertainty.confidence', /between 0 and 1/, /置信水平/],
    ['correlation 1.5', U(0, 1, { correlation: 1.5 }), 'uncertainty.correlation', /between -1 and 1/, /相关系数/],
    ['a non-finite bound', U(Number.NaN, 1), 'uncertainty.low', /finite/, /有限数值/],
  ];
  it.each(cases)('%s is refused, naming the series and the field, in both languages', (_name, u, field, en, zh) => {
    const e = thrown(() => distributionOf(u, 'gdp_nominal'));
    expect(e.code).toBe('bad_parameter');
    expect(e.subject).toBe('gdp_nominal');
    expect(e.parameter).toBe(field);
    expect(e.message).toMatch(en);
    expect(e.message).toContain('gdp_nominal');
    expect(e.message_zh).toMatch(zh);
    expect(e.message_zh).toContain('gdp_nominal');
  });

  it('a range outside the parameter’s valid values: growth at -100%, logistic speed at 0', () => {
    const cagr = uncertainParameter({ type: 'cagr', rate: 0.05 });
    const e = thrown(() => validateUncertainty(U(-1.2, 0.05), 'trade_total', cagr));
    expect(e.parameter).toBe('uncertainty.low');
    expect(e.message).toMatch(/rate/);
    expect(e.message_zh).toContain('年均增速');
    const logi = uncertainParameter({ type: 'logistic', ceiling: 100, rate: 0.3 });
    expect(() => validateUncertainty(U(0, 0.5), 'coverage', logi)).toThrow(ModelError);
    expect(() => validateUncertainty(U(0.1, 0.5), 'coverage', logi)).not.toThrow();
    const mult = uncertainParameter({ type: 'flat' });
    expect(() => validateUncertainty(U(-0.1, 1.1), 'x', mult)).toThrow(/multiplier/);
  });
});

describe('the parameter of each model', () => {
  const models: [GrowthModel, string, string, number][] = [
    [{ type: 'cagr', rate: 0.05 }, 'rate', 'replace', 0.05],
    [{ type: 'path', rates: { '2025': 0.1 }, default_rate: 0.02 }, 'shift', 'shift', 0],
    [{ type: 'elasticity', driver: 'gdp', elasticity: 1.2 }, 'elasticity', 'replace', 1.2],
    [{ type: 'intensity_decay', driver: 'gdp', rate: 0.03 }, 'rate', 'replace', 0.03],
    [{ type: 'logistic', ceiling: 100, rate: 0.4 }, 'rate', 'replace', 0.4],
    [{ type: 'pipeline', underlying_rate: 0.03, projects: [] }, 'underlying_rate', 'replace', 0.03],
    [{ type: 'interp', points: [{ year: 2026, value: 9 }] }, 'multiplier', 'multiply', 1],
    [{ type: 'step', steps: [{ year: 2026, value: 9 }] }, 'multiplier', 'multiply', 1],
    [{ type: 'flat' }, 'multiplier', 'multiply', 1],
    [{ type: 'trend', form: 'linear' }, 'multiplier', 'multiply', 1],
  ];
  it.each(models)('%o -> %s (%s), own value %s', (m, parameter, how, value) => {
    const info = uncertainParameter(GrowthModel.parse(m));
    expect(info.parameter).toBe(parameter);
    expect(info.how).toBe(how);
    expect(info.value).toBe(value);
    expect(info.label_zh.length).toBeGreaterThan(0);
  });

  it('the documented table covers every model type', () => {
    const types = ['cagr', 'path', 'elasticity', 'intensity_decay', 'logistic', 'pipeline', 'interp', 'step', 'flat', 'trend'];
    expect(PARAMETER_TABLE.map((r) => r.model).sort()).toEqual(types.sort());
  });
});

describe('parseRange', () => {
  const ok: [string, number, number, boolean][] = [
    ['5% to 9%', 0.05, 0.09, true],
    ['5%-9%', 0.05, 0.09, true],
    ['5%～9%', 0.05, 0.09, true],
    ['5%~9%', 0.05, 0.09, true],
    ['5%〜9%', 0.05, 0.09, true],
    ['5%至9%', 0.05, 0.09, true],
    ['5 到 9 %', 0.05, 0.09, true],
    ['５％～９％', 0.05, 0.09, true],
    ['5% TO 9%', 0.05, 0.09, true],
    ['5%—9%', 0.05, 0.09, true],
    ['7.5%-12.25%', 0.075, 0.1225, true],
    ['-2%~3%', -0.02, 0.03, true],
    ['-5%--2%', -0.05, -0.02, true],
    ['−3% to 1%', -0.03, 0.01, true],
    ['0.05..0.09', 0.05, 0.09, false],
    ['0.8~1.4', 0.8, 1.4, false],
    ['1,200~1,500', 1200, 1500, false],
    ['700±50', 650, 750, false],
    ['700 ± 50', 650, 750, false],
    ['700+/-50', 650, 750, false],
    ['7%±1%', 0.06, 0.08, true],
    ['7±1%', 0.06, 0.08, true],
    ['5%~9%之间', 0.05, 0.09, true],
    ['  4 - 7  ', 4, 7, false],
  ];
  it.each(ok)('%s -> [%s, %s]', (text, low, high, percent) => {
    const r = parseRange(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.low).toBeCloseTo(low, 15);
    expect(r.high).toBeCloseTo(high, 15);
    expect(r.percent).toBe(percent);
  });

  it('percentages are exact decimal fractions (5% is 0.05, 7.5% is 0.075)', () => {
    const r = parseRange('5%～9%');
    expect(r.ok && r.low === 0.05 && r.high === 0.09).toBe(true);
    const s = parseRange('7.5% to 12.25%');
    expect(s.ok && s.low === 0.075 && s.high === 0.1225).toBe(true);
  });

  const bad: [string, RegExp, RegExp][] = [
    ['', /empty/, /为空/],
    ['abc', /cannot read "abc"/, /无法识别“abc”/],
    ['5%到9元', /cannot read "元"/, /无法识别“元”/],
    ['7%', /two numbers/, /两个数/],
    ['5% 9%', /joined/, /连接/],
    ['5 9', /joined/, /连接/],
    ['5%~', /second number/, /第二个数/],
    ['9%~5%', /above the high end/, /高于上限/],
    ['700±-50', /negative/, /为负/],
    ['1~2~3', /more than/, /多余/],
  ];
  it.each(bad)('%j is refused with a bilingual message naming what could not be read', (text, en, zh) => {
    const r = parseRange(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message_en).toMatch(en);
    expect(r.message_zh).toMatch(zh);
    expect(r.message_en).toContain(text);
  });

  it('parseRangeOrThrow names the assumption', () => {
    const e = thrown(() => parseRangeOrThrow('abc', 'trade_total'));
    expect(e.subject).toBe('trade_total');
    expect(e.message_zh).toContain('trade_total');
    expect(parseRangeOrThrow('1~2', 'x')).toMatchObject({ low: 1, high: 2 });
  });

  it('property: any two ordered percentages written "a%~b%" read back as a/100, b/100', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (a, w) => {
        const lo = a / 100;
        const hi = (a + w) / 100;
        const r = parseRange(`${lo}%～${hi}%`);
        return r.ok && Math.abs(r.low - lo / 100) < 1e-15 && Math.abs(r.high - hi / 100) < 1e-15;
      }),
    );
  });
});
