import { describe, expect, it } from 'vitest';
import { catalogJson } from '../../../scenarios/plan/catalog';
import { loadDefaultPlan } from '../../../scenarios/plan/load';

const plan = loadDefaultPlan();

describe('catalogJson', () => {
  it('lists every target in plan order with the fields the CLI prints', () => {
    const cat = catalogJson(plan);
    expect(cat.map((c) => c.id)).toEqual(plan.targets.map((t) => t.id));
    const keys = [
      'id',
      'name',
      'name_en',
      'section',
      'item',
      'unit',
      'kind',
      'comparator',
      'target',
      'target_year',
      'base_year',
      'responsible',
      'enterprises',
      'source_text',
      'series',
      'headline',
    ];
    for (const c of cat) for (const k of keys) expect(c, `${c.id}.${k}`).toHaveProperty(k);
    const steel = cat.find((c) => c.id === 'fine_steel_output')!;
    expect(steel).toMatchObject({
      name: '金盛兰精品钢产值',
      section: 's1',
      section_code: '一',
      item: 'i01',
      item_code: '(一)',
      unit: '亿元',
      kind: 'level',
      comparator: '>=',
      target: 700,
      target_year: 2026,
      base_year: 2023,
      start_year: 2024,
      enterprises: ['湖北金盛兰'],
      headline: false,
    });
    expect(steel.responsible).toEqual(['市发改委', '市经信局', '各县市区人民政府', '咸宁高新区管委会']);
    expect(cat.find((c) => c.id === 'county_research_institutes')!.target).toEqual([1, 2]);
    expect(cat.filter((c) => c.headline).map((c) => c.id)).toEqual(['sei_va_share_gdp', 'mfg_va_share_gdp', 'energy_intensity_reduction']);
    expect(cat.find((c) => c.id === 'sei_va_share_gdp')!.item_code).toBeNull();
  });

  it('applies the base-year setting unless a target sets its own', () => {
    expect(new Set(catalogJson(plan).map((c) => c.base_year))).toEqual(new Set([2023]));
    expect(new Set(catalogJson(plan, 2022).map((c) => c.base_year))).toEqual(new Set([2022]));
    expect(catalogJson(plan, null)[0]!.base_year).toBe(2023);
    const own = structuredClone(plan);
    own.targets[4]!.base_year = 2021;
    const cat = catalogJson(own, 2022);
    expect(cat[4]!.base_year).toBe(2021);
    expect(cat[4]!.start_year).toBe(2022);
    expect(cat[3]!.base_year).toBe(2022);
  });

  it('is plain JSON and does not share arrays with the plan', () => {
    const cat = catalogJson(plan);
    expect(JSON.parse(JSON.stringify(cat))).toEqual(cat);
    cat[0]!.responsible.push('x');
    (cat.find((c) => c.id === 'county_research_institutes')!.target as number[])[0] = 9;
    expect(plan.targets[0]!.responsible).not.toContain('x');
    expect(plan.targets.find((t) => t.id === 'county_research_institutes')!.target).toEqual([1, 2]);
  });
});
