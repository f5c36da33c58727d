import { describe, expect, it } from 'vitest';
import { act, asm, makePlan, run, ser, tgt } from './fixtures';
import { ModelError } from '../../../models/types';
import type { Assumption } from '../../../models/schema';

function thrown(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error('expected a ModelError');
}

const plain = makePlan({ series: [ser('steel'), ser('gdp')], actuals: [act('steel', 2023, 500), act('gdp', 2023, 1000)] });

describe('ModelError: bad parameters name the subject and parameter, in English and Chinese', () => {
  it('growth below -100%', () => {
    const e = thrown(() => run(plain, [asm('steel', { type: 'cagr', rate: -1.5 })]));
    expect([e.code, e.subject, e.parameter]).toEqual(['bad_parameter', 'steel', 'rate']);
    expect(e.message).toContain('steel');
    expect(e.message).toContain('-150.0%');
    expect(e.message_zh).toContain('低于 -100%');
  });

  it('NaN parameters', () => {
    const e = thrown(() => run(plain, [asm('steel', { type: 'cagr', rate: Number.NaN })]));
    expect([e.code, e.subject, e.parameter]).toEqual(['bad_parameter', 'steel', 'rate']);
    const e2 = thrown(() => run(plain, [asm('steel', { type: 'path', rates: { '2025': Number.NaN }, default_rate: 0 })]));
    expect(e2.parameter).toBe('rates.2025');
    const e3 = thrown(() => run(plain, [asm('steel', { type: 'flat' }, Number.POSITIVE_INFINITY)]));
    expect(e3.parameter).toBe('base_value');
    const e4 = thrown(() =>
      run(plain, [
        asm('steel', {
          type: 'pipeline',
          underlying_rate: 0,
          projects: [{ name: 'p', start_year: 2025, capacity: Number.NaN, ramp_years: 1 }],
        }),
      ]),
    );
    expect(e4.parameter).toBe('projects[0].capacity');
    expect(e4.message_zh).toContain('有限数值');
  });

  it('a logistic ceiling below the current value', () => {
    const e = thrown(() => run(plain, [asm('steel', { type: 'logistic', ceiling: 400, rate: 0.3 })]));
    expect([e.code, e.subject, e.parameter]).toEqual(['bad_parameter', 'steel', 'ceiling']);
    expect(e.message_zh).toContain('饱和上限');
  });

  it('a missing driver (model) and a missing input (derivation)', () => {
    const e = thrown(() => run(plain, [asm('steel', { type: 'elasticity', driver: 'nope', elasticity: 1 })]));
    expect([e.code, e.subject, e.parameter]).toEqual(['missing_driver', 'steel', 'driver']);
    expect(e.message).toContain('nope');
    const p = makePlan({
      series: [ser('share', { derived: { type: 'ratio', numerator: 'steel', denominator: 'gdp_x', scale: 100 } }), ser('steel')],
    });
    const e2 = thrown(() => run(p));
    expect([e2.code, e2.subject, e2.parameter]).toEqual(['missing_driver', 'share', 'denominator']);
  });

  it('a circular derivation names the series and the cycle', () => {
    const p = makePlan({
      series: [
        ser('a', { derived: { type: 'ratio', numerator: 'b', denominator: 'c', scale: 1 } }),
        ser('b', { derived: { type: 'cumsum', of: 'a', from_year: 2024 } }),
        ser('c'),
      ],
    });
    const e = thrown(() => run(p));
    expect(e.code).toBe('circular_driver');
    expect(e.subject).toBe('b');
    expect(e.parameter).toBe('of');
    expect(e.message).toContain('a → b → a');
    expect(e.message_zh).toContain('循环');
  });

  it('a circular model driver (elasticity on each other)', () => {
    const asms: Assumption[] = [
      asm('steel', { type: 'elasticity', driver: 'gdp', elasticity: 1 }),
      asm('gdp', { type: 'intensity_decay', driver: 'steel', rate: 0.01 }),
    ];
    const e = thrown(() => run(plain, asms));
    expect(e.code).toBe('circular_driver');
    expect(['steel', 'gdp']).toContain(e.subject);
    expect(e.parameter).toBe('driver');
  });

  it('an elasticity that turns the driver growth into growth below -100%', () => {
    const asms = [asm('steel', { type: 'elasticity', driver: 'gdp', elasticity: 5 }), asm('gdp', { type: 'cagr', rate: -0.3 })];
    const e = thrown(() => run(plain, asms));
    expect([e.code, e.subject, e.parameter]).toEqual(['bad_parameter', 'steel', 'elasticity']);
  });

  it('a target on a series the plan does not have', () => {
    const p = makePlan({ series: [ser('x')], targets: [tgt('t_bad', 'y', 'level', '>=', 1)] });
    const e = thrown(() => run(p));
    expect([e.code, e.subject, e.parameter]).toEqual(['unknown_series', 't_bad', 'series']);
  });
});
