/**
 * Issue 17: the bulletin's 地区生产总值 / 规上工业增加值 累计增速 is at comparable prices; the plan's
 * level (地区生产总值(现价)) is at current prices. The nowcast applies the growth through the plan's
 * deflator (its actuals, else the baseline preset's assumption).
 */
import { describe, expect, it } from 'vitest';
import type { Plan, Preset } from '../../../models/schema';
import { historyBySeries } from '../../../models/records';
import { nowcastActuals, nowcastInputFor, nowcastPriceFor } from '../../../models/reforecast';
import { annualActual, asm, makePlan, ser, ytdActual } from './helpers';

function gdpPlan(extraActuals: Plan['actuals'] = []): Plan {
  const plan = makePlan(
    [
      ser('gdp_nominal', { name_zh: '地区生产总值(现价)', name_en: 'GDP (current prices)', price_basis: 'current' }),
      ser('gdp_deflator', {
        name_zh: '地区生产总值平减指数(2023年=100)',
        name_en: 'GDP deflator (2023 = 100)',
        unit: '2023年=100',
        nature: 'index',
        price_basis: null,
      }),
      ser('gdp_real', {
        name_zh: '地区生产总值(2023年可比价)',
        name_en: 'GDP (2023 comparable prices)',
        price_basis: 'comparable',
        derived: { type: 'deflate', nominal: 'gdp_nominal', deflator: 'gdp_deflator' },
      }),
      ser('fixed_investment', { name_zh: '固定资产投资', name_en: 'Fixed-asset investment', price_basis: 'current' }),
    ],
    [annualActual('gdp_nominal', 2025, 2000), annualActual('fixed_investment', 2025, 800), ...extraActuals],
  );
  const baseline: Preset = {
    id: 'baseline',
    name_zh: '基准',
    name_en: 'Baseline',
    description_zh: '',
    description_en: '',
    parent: null,
    assumptions: [asm('gdp_deflator', { type: 'path', rates: { '2024': -0.005, '2025': -0.005, '2026': 0.005 }, default_rate: 0 })],
  };
  return { ...plan, presets: [baseline] };
}

describe('comparable-price 累计增速 through the deflator', () => {
  const ytd = [ytdActual('gdp_nominal', 2026, 9, 1500, 0.05), ytdActual('fixed_investment', 2026, 9, 600, 0.05)];

  it('GDP: 2025 current-price total x (1 + 5% comparable growth) x (1 + 0.5% deflator change of the baseline)', () => {
    const out = nowcastActuals(gdpPlan(), ytd, 2026);
    const gdp = out.results.find((r) => r.series === 'gdp_nominal')!;
    const g = gdp.methods[1];
    expect(g.estimate).toBeCloseTo(2000 * 1.05 * 1.005, 10); // 2,110.5
    expect(g.growth_basis).toBe('comparable');
    expect(g.price_change).toBeCloseTo(0.005, 12);
    expect(g.detail_zh).toContain('地区生产总值平减指数(2023年=100)变动 0.5%');
    expect(gdp.estimate).toBeCloseTo(2110.5, 10);
  });

  it('a series the plan does not deflate (固定资产投资) keeps its growth as it is', () => {
    const out = nowcastActuals(gdpPlan(), ytd, 2026);
    const fi = out.results.find((r) => r.series === 'fixed_investment')!;
    expect(fi.methods[1].estimate).toBeCloseTo(840, 10);
    expect(fi.methods[1].growth_basis).toBe('current');
    expect(nowcastPriceFor(gdpPlan(), 'fixed_investment', historyBySeries(ytd))).toBeUndefined();
  });

  it('the deflator actuals win over the assumption, year by year', () => {
    const plan = gdpPlan([annualActual('gdp_deflator', 2024, 99.5), annualActual('gdp_deflator', 2025, 99)]);
    const all = [...plan.actuals, ytdActual('gdp_nominal', 2025, 9, 1400, 0.06), ...ytd];
    const price = nowcastPriceFor(plan, 'gdp_nominal', historyBySeries(all))!;
    expect(price.deflator_change[2025]).toBeCloseTo(99 / 99.5 - 1, 12); // from the actuals
    expect(price.deflator_change[2026]).toBeCloseTo(0.005, 12); // no 2026 actual: the baseline's path
    const input = nowcastInputFor(plan, 'gdp_nominal', historyBySeries(all), 2026);
    expect(input.price?.growth_basis).toBe('comparable');
    expect(input.flow).toBe(true);
  });
});
