/**
 * A small valid plan for the store's tests and its benchmark (no dependency on the real plan file
 * or the engine): tests/integration/store/fixtures.ts, tests/fixtures/store-writer.ts and
 * bench/store.bench.ts import it. Test and bench support, never imported by the product.
 */
import { Plan, type PlanInput } from '../models/schema';

const source = { title: '测试来源', url: null, date: '2025-01-01', reliability: 'official' as const };

export function planInput(): PlanInput {
  return {
    schema_version: 1,
    id: 'test_plan',
    title_zh: '测试规划',
    title_en: 'Test plan',
    issuer_zh: '测试',
    issued_date: '2024-10-21',
    source_document: 'seed/test.txt',
    period_start: 2024,
    period_end: 2026,
    base_year: 2023,
    sections: [{ id: 's1', code: '一', title_zh: '第一部分', title_en: 'Part one', items: [] }],
    series: [
      { id: 'gdp', name_zh: '地区生产总值', name_en: 'GDP', unit: '亿元', driver: true, price_basis: 'current' },
      { id: 'steel', name_zh: '精品钢产值', name_en: 'Steel output', unit: '亿元' },
      { id: 'exports', name_zh: '进出口总额', name_en: 'Trade', unit: '亿元' },
      { id: 'mfg', name_zh: '制造业增加值', name_en: 'Manufacturing VA', unit: '亿元' },
      { id: 'energy', name_zh: '能源消费量', name_en: 'Energy use', unit: '万吨标准煤' },
      { id: 'projects', name_zh: '技改项目', name_en: 'Upgrade projects', unit: '项', nature: 'flow' },
      {
        id: 'mfg_share',
        name_zh: '制造业占比',
        name_en: 'Manufacturing share',
        unit: '%',
        nature: 'rate',
        derived: { type: 'ratio', numerator: 'mfg', denominator: 'gdp', scale: 100 },
      },
    ],
    targets: [
      {
        id: 't_steel',
        name_zh: '精品钢产值达700亿元',
        name_en: 'Steel output reaches 70 bn yuan',
        section: 's1',
        item: null,
        source_text: '金盛兰精品钢产值达700亿元',
        unit: '亿元',
        kind: 'level',
        comparator: '>=',
        comparator_zh: '达',
        target: 700,
        target_year: 2026,
        series: 'steel',
        responsible: ['市经信局'],
      },
      {
        id: 't_share',
        name_zh: '制造业占比达28%',
        name_en: 'Manufacturing share 28%',
        section: 's1',
        item: null,
        source_text: '制造业增加值占GDP比重达28%以上',
        unit: '%',
        kind: 'share',
        comparator: '>=',
        comparator_zh: '以上',
        target: 28,
        target_year: 2026,
        series: 'mfg_share',
        responsible: ['市统计局'],
      },
    ],
    milestones: [
      { id: 'm01', section: 's1', item: null, text_zh: '建成研究院', text_en: 'Institute built', responsible: ['市科技局'] },
      { id: 'm02', section: 's1', item: null, text_zh: '完成改造', text_en: 'Upgrade done', responsible: ['市经信局'] },
    ],
    actuals: [],
    presets: [
      {
        id: 'baseline',
        name_zh: '基准情景',
        name_en: 'Baseline',
        description_zh: '按当前趋势',
        description_en: 'Current trend',
        parent: null,
        assumptions: [
          { series: 'gdp', base_value: 1800, model: { type: 'cagr', rate: 0.06 }, rationale: '近年平均' },
          { series: 'steel', base_value: 400, model: { type: 'cagr', rate: 0.08 } },
          { series: 'exports', base_value: 200, model: { type: 'cagr', rate: 0.1 } },
          { series: 'mfg', base_value: 450, model: { type: 'cagr', rate: 0.07 } },
          { series: 'energy', base_value: 900, model: { type: 'intensity_decay', driver: 'gdp', rate: 0.03 } },
          { series: 'projects', base_value: 90, model: { type: 'flat' } },
        ],
      },
      {
        id: 'stretch',
        name_zh: '乐观情景',
        name_en: 'Stretch',
        description_zh: '增长较快',
        description_en: 'Faster growth',
        parent: 'baseline',
        assumptions: [{ series: 'gdp', model: { type: 'cagr', rate: 0.075 }, rationale: '乐观' }],
      },
      {
        id: 'cautious',
        name_zh: '保守情景',
        name_en: 'Cautious',
        description_zh: '增长较慢',
        description_en: 'Slower growth',
        parent: 'baseline',
        assumptions: [{ series: 'gdp', model: { type: 'cagr', rate: 0.045 } }],
      },
    ],
  };
}

export function makePlan(): Plan {
  return Plan.parse(planInput());
}

/** A plan with `n` extra plain series (for benchmarks: about the size of the real plan). */
export function makeBigPlan(n = 62): Plan {
  const input = planInput();
  for (let i = 0; i < n; i++) {
    input.series.push({ id: `s${i}`, name_zh: `序列${i}`, name_en: `Series ${i}`, unit: '亿元' });
    input.presets![0]!.assumptions.push({ series: `s${i}`, base_value: 100 + i, model: { type: 'cagr', rate: 0.05 } });
  }
  return Plan.parse(input);
}

export const actualSource = source;
