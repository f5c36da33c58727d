/**
 * A small valid plan and helpers for the store tests (no dependency on the real plan file or
 * the engine). Also used by tests/fixtures/store-writer.ts and bench/store.bench.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Plan, type PlanInput } from '../../../models/schema';
import { openStore, type OpenStoreOptions, type ScenarioStore } from '../../../scenarios/store/store';

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

/** A fresh temporary folder (removed by `cleanupTmp`). */
const made: string[] = [];
export function tmpDir(prefix = 'store-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

export function cleanupTmp(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** A clock that starts at `start` and moves one second per call (distinct, ordered times). */
export function fakeClock(start = '2025-03-01T08:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export function openTmp(opts: Partial<OpenStoreOptions> = {}, file = 'studio.db'): { store: ScenarioStore; dir: string; dbPath: string } {
  const dir = tmpDir();
  const dbPath = path.join(dir, file);
  const store = openStore(dbPath, { plan: makePlan(), now: fakeClock(), ...opts });
  return { store, dir, dbPath };
}

/** Counts rows the way an outside observer would (its own read-only connection). */
export function revisionCount(store: ScenarioStore, id?: string): number {
  const row = (
    id === undefined
      ? store.db.prepare('SELECT count(*) AS n FROM revisions').get()
      : store.db.prepare('SELECT count(*) AS n FROM revisions WHERE scenario_id = ?').get(id)
  ) as { n: number };
  return row.n;
}

export function rowOf(store: ScenarioStore, id: string): unknown {
  return store.db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id);
}

export function totalChanges(store: ScenarioStore): number {
  return (store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

export const cagr = (series: string, rate: number, extra: Record<string, unknown> = {}) => ({
  series,
  model: { type: 'cagr' as const, rate },
  ...extra,
});
