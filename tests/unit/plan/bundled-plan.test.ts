import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GrowthModel, TARGET_KINDS, type Plan } from '../../../models/schema';
import { loadDefaultPlan, loadPlanFile, parsePlan } from '../../../scenarios/plan/load';
import { PLAN_FILE, SEED_COPY, planJson, seedText, sharedFile } from './helpers';

const plan: Plan = loadDefaultPlan();
const seed = seedText();

/** Targets per section / item, counted by hand from the plan text. */
const EXPECTED_COUNTS: Record<string, number> = {
  preamble: 3,
  i01: 6,
  i02: 14,
  i03: 0,
  i04: 8,
  i05: 5,
  i06: 7,
  i07: 0,
  i08: 11,
  i09: 1,
  i10: 0,
  i11: 6,
  i12: 1,
};

const seriesById = new Map(plan.series.map((s) => [s.id, s]));

describe('the bundled plan file', () => {
  it('parses with the schema and the integrity checks, from disk and as the bundled module', async () => {
    const fromDisk = await loadPlanFile(PLAN_FILE);
    expect(fromDisk.ok).toBe(true);
    expect(parsePlan(planJson()).ok).toBe(true);
    expect(plan.id).toBe('xianning_nqpf_2024_2026');
    expect(plan.schema_version).toBe(1);
    expect([plan.base_year, plan.period_start, plan.period_end]).toEqual([2023, 2024, 2026]);
    if (fromDisk.ok) expect(fromDisk.plan).toEqual(plan);
  });

  it('returns an independent copy each time', () => {
    const a = loadDefaultPlan();
    a.targets[0]!.target = 999;
    expect(loadDefaultPlan().targets[0]!.target).toBe(10);
  });

  it('has the preamble and the four parts with items (一)..(十二) and their responsible units', () => {
    expect(plan.sections.map((s) => s.id)).toEqual(['preamble', 's1', 's2', 's3', 's4']);
    expect(plan.sections[0]!.code).toBe('总体目标');
    const items = plan.sections.flatMap((s) => s.items);
    expect(items.map((i) => i.id)).toEqual(['i01', 'i02', 'i03', 'i04', 'i05', 'i06', 'i07', 'i08', 'i09', 'i10', 'i11', 'i12']);
    const codes = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
    items.forEach((it, k) => {
      expect(it.code).toBe(`(${codes[k]})`);
      // The title follows the code in the text, and the bracket after it lists the units exactly.
      const start = seed.indexOf(`(${codes[k]})${it.title_zh}。`);
      expect(start, it.id).toBeGreaterThan(0);
      const from = seed.indexOf('责任单位:', start) + '责任单位:'.length;
      // (十一) uses 〔…〕 because its units contain (集团); (一) continues after ';' with a note.
      const closers = seed[from - '责任单位:'.length - 1] === '〔' ? ['〕'] : [';', ')'];
      const end = Math.min(...closers.map((c) => seed.indexOf(c, from)).filter((x) => x > 0));
      const units = seed.slice(from, end).split(/[、,]/);
      expect(it.responsible, it.id).toEqual(units);
      expect(it.title_en.length).toBeGreaterThan(3);
    });
    expect(items[0]!.responsible).toEqual(['市发改委', '市经信局', '各县市区人民政府', '咸宁高新区管委会']);
  });

  it('has every quantitative target of the text: 62, with unique snake_case ids', () => {
    expect(plan.targets).toHaveLength(62);
    const ids = plan.targets.map((t) => t.id);
    expect(new Set(ids).size).toBe(62);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
    const counts: Record<string, number> = Object.fromEntries(Object.keys(EXPECTED_COUNTS).map((k) => [k, 0]));
    for (const t of plan.targets) counts[t.item ?? 'preamble']! += 1;
    expect(counts).toEqual(EXPECTED_COUNTS);
  });

  it('uses the shared seed text unchanged', () => {
    const original = sharedFile('seed/000_def521a37dc9a4fe.txt');
    if (original) expect(readFileSync(SEED_COPY, 'utf8')).toBe(readFileSync(original, 'utf8'));
    expect(seed).toContain('咸宁市发展新质生产力三年行动方案(2024—2026年)');
    expect(seed.length).toBeGreaterThan(5000);
  });

  it('quotes every source_text verbatim from the plan text', () => {
    for (const t of plan.targets) expect(seed.includes(t.source_text), `${t.id}: ${t.source_text}`).toBe(true);
  });

  it('finds each target number in its source_text', () => {
    const has = (text: string, n: number) => new RegExp(`(?<![\\d.])${String(n).replace('.', '\\.')}(?![\\d.])`).test(text);
    for (const t of plan.targets) {
      if (Array.isArray(t.target)) {
        expect(t.source_text, t.id).toContain(`${t.target[0]}—${t.target[1]}`);
      } else if (t.comparator_zh === '全部') {
        // 省级及以上园区全部实现循环化改造: "all" is 100%.
        expect(t.target).toBe(100);
        expect(t.source_text).toContain('全部');
      } else {
        expect(has(t.source_text, t.target), `${t.id}: ${t.target} in ${t.source_text}`).toBe(true);
      }
      if (t.comparator_zh) {
        for (const word of t.comparator_zh.split('…')) expect(t.source_text, t.id).toContain(word);
      }
    }
  });

  it('uses every target kind, with the comparators the words set', () => {
    const kinds = new Set(plan.targets.map((t) => t.kind));
    for (const k of TARGET_KINDS) expect(kinds.has(k), k).toBe(true);
    const byId = new Map(plan.targets.map((t) => [t.id, t]));
    expect(byId.get('provincial_specialised_smes')).toMatchObject({ comparator: '>', comparator_zh: '突破', target: 300 });
    expect(byId.get('tech_vice_presidents_annual')).toMatchObject({
      comparator: '~',
      comparator_zh: '左右',
      kind: 'annual_flow',
      target: 20,
    });
    expect(byId.get('county_research_institutes')).toMatchObject({ comparator: 'range', kind: 'range', target: [1, 2] });
    expect(byId.get('mfg_va_share_gdp')).toMatchObject({ comparator: '>=', kind: 'share', target: 28 });
    expect(byId.get('offshore_park_new_firms')).toMatchObject({
      comparator: '>=',
      comparator_zh: '不少于',
      kind: 'cumulative',
      target: 100,
    });
    expect(byId.get('energy_intensity_reduction')).toMatchObject({ kind: 'reduction', comparator_zh: '下降', target: 10 });
    expect(byId.get('trade_growth')).toMatchObject({ kind: 'growth_rate', target: 10, series: 'trade_total' });
    for (const t of plan.targets) {
      expect(t.target_year).toBe(2026);
      if (t.comparator === 'range') expect(Array.isArray(t.target)).toBe(true);
      if (/以上|不少于|达/.test(t.comparator_zh) && t.kind !== 'reduction') expect(t.comparator, t.id).toBe('>=');
    }
    expect(plan.targets.filter((t) => t.kind === 'annual_flow').every((t) => t.source_text.includes('每年'))).toBe(true);
    expect(plan.targets.filter((t) => t.kind === 'growth_rate').every((t) => /年均增/.test(t.source_text))).toBe(true);
  });

  it('marks the three preamble targets, and only those, as headline', () => {
    const headline = plan.targets.filter((t) => t.headline);
    expect(headline.map((t) => t.id)).toEqual(['sei_va_share_gdp', 'mfg_va_share_gdp', 'energy_intensity_reduction']);
    for (const t of headline) expect(t.section).toBe('preamble');
    for (const t of plan.targets) expect(t.headline).toBe(t.section === 'preamble');
  });

  it("gives each target its item's responsible units and names only companies of its sentence", () => {
    const items = new Map(plan.sections.flatMap((s) => s.items.map((i) => [i.id, i])));
    for (const t of plan.targets) {
      if (t.item) expect(t.responsible, t.id).toEqual(items.get(t.item)!.responsible);
      for (const e of t.enterprises) expect(t.source_text, `${t.id}: ${e}`).toContain(e);
    }
    expect(plan.targets.find((t) => t.id === 'textile_output')!.enterprises).toEqual(['精华纺织', '汉麻生物', '嘉麟杰纺织']);
  });

  it('points each kind at the right sort of series', () => {
    for (const t of plan.targets) {
      const s = seriesById.get(t.series)!;
      expect(s, t.id).toBeDefined();
      switch (t.kind) {
        case 'share':
          if (s.derived) expect(s.derived).toMatchObject({ type: 'ratio', scale: 100 });
          else expect(s).toMatchObject({ nature: 'rate', bounds: [0, 100] });
          break;
        case 'reduction':
          expect(s.derived?.type, t.id).toBe('ratio');
          break;
        case 'cumulative':
          expect(s.derived, t.id).toMatchObject({ type: 'cumsum', from_year: 2024 });
          break;
        case 'growth_rate':
        case 'annual_flow':
          expect(s.derived, t.id).toBeNull();
          expect(s.nature).toBe('flow');
          break;
        default:
          break;
      }
    }
    // intensities are over real (comparable-price) drivers
    expect(seriesById.get('energy_intensity')!.derived).toMatchObject({ numerator: 'energy_consumption', denominator: 'gdp_real' });
    expect(seriesById.get('co2_intensity')!.derived).toMatchObject({ numerator: 'co2_emissions', denominator: 'gdp_real' });
    expect(seriesById.get('industrial_energy_intensity')!.derived).toMatchObject({ denominator: 'industrial_va_real' });
    expect(seriesById.get('industrial_water_intensity')!.derived).toMatchObject({ denominator: 'industrial_va_real' });
    expect(seriesById.get('gdp_real')!.derived).toEqual({ type: 'deflate', nominal: 'gdp_nominal', deflator: 'gdp_deflator' });
    expect(seriesById.get('gdp_real')!.price_basis).toBe('comparable');
    expect(seriesById.get('gdp_nominal')!.price_basis).toBe('current');
  });

  it('marks as drivers exactly the series no target judges (directly or through a running sum)', () => {
    const judged = new Set<string>();
    for (const t of plan.targets) {
      judged.add(t.series);
      const d = seriesById.get(t.series)!.derived;
      if (d?.type === 'cumsum') judged.add(d.of);
    }
    for (const s of plan.series) expect(s.driver, s.id).toBe(!judged.has(s.id));
    for (const id of [
      'gdp_nominal',
      'gdp_deflator',
      'energy_consumption',
      'resident_population',
      'hubei_steel_capacity',
      'rd_expenditure',
    ]) {
      expect(seriesById.has(id), id).toBe(true);
    }
  });

  it('lists 3 to 8 milestones for every item, with its responsible units', () => {
    const items = plan.sections.flatMap((s) => s.items);
    for (const it of items) {
      const ms = plan.milestones.filter((m) => m.item === it.id);
      expect(ms.length, it.id).toBeGreaterThanOrEqual(3);
      expect(ms.length, it.id).toBeLessThanOrEqual(8);
      for (const m of ms) expect(m.responsible).toEqual(it.responsible);
    }
    const texts = plan.milestones.map((m) => m.text_zh);
    for (const must of [
      '创建国家级创新型县(咸安区)',
      '积极创建国家“以竹代塑”应用推广基地',
      '积极申报建设保税物流中心',
      '建立“以电算碳”分析模型',
    ]) {
      expect(texts).toContain(must);
    }
  });
});

describe('the presets', () => {
  const byId = new Map(plan.presets.map((p) => [p.id, p]));
  const baseline = byId.get('baseline')!;
  const baseA = new Map(baseline.assumptions.map((a) => [a.series, a]));
  const baseYearActual = new Set(plan.actuals.filter((a) => a.period === String(plan.base_year)).map((a) => a.series));

  it('are baseline, stretch and cautious, the last two inheriting from the baseline', () => {
    expect(plan.presets.map((p) => [p.id, p.name_zh, p.parent])).toEqual([
      ['baseline', '基准情景', null],
      ['stretch', '乐观情景', 'baseline'],
      ['cautious', '保守情景', 'baseline'],
    ]);
  });

  it('baseline assumes every non-derived series, and no derived one', () => {
    const nonDerived = plan.series
      .filter((s) => !s.derived)
      .map((s) => s.id)
      .sort();
    expect([...baseA.keys()].sort()).toEqual(nonDerived);
  });

  it('gives a base value and a rationale saying 假设 wherever no base-year actual exists', () => {
    for (const a of baseline.assumptions) {
      if (baseYearActual.has(a.series)) {
        expect(a.base_value, a.series).toBeNull();
      } else {
        expect(a.base_value, a.series).not.toBeNull();
        expect(a.rationale, a.series).toContain('假设');
        expect(a.source, a.series).toMatch(/假设值|定义值/);
      }
      expect(a.rationale.length).toBeGreaterThan(10);
    }
    expect(baseYearActual.has('resident_population')).toBe(true);
    expect(baseA.get('gdp_nominal')!.base_value).toBe(1900);
  });

  it('uses every growth model type somewhere', () => {
    const types = new Set(plan.presets.flatMap((p) => p.assumptions.map((a) => a.model.type)));
    for (const opt of GrowthModel.options) expect(types.has(opt.shape.type.value), opt.shape.type.value).toBe(true);
    expect(baseA.get('fine_steel_output')!.model.type).toBe('pipeline');
    expect(baseA.get('energy_consumption')!.model).toMatchObject({ type: 'intensity_decay', driver: 'gdp_real' });
    expect(baseA.get('mfg_va')!.model).toMatchObject({ type: 'elasticity', driver: 'gdp_nominal' });
  });

  it('children store only differences, and move the main levers up (stretch) or down (cautious)', () => {
    const lever = (a: Plan['presets'][number]['assumptions'][number]): number => {
      const m = a.model;
      if (m.type === 'cagr' || m.type === 'intensity_decay') return m.rate;
      if (m.type === 'elasticity') return m.elasticity;
      // a pipeline's lever: output its projects add by 2026, plus the underlying growth (scaled)
      if (m.type === 'pipeline') {
        const added = m.projects.reduce(
          (s, p) => s + (p.start_year > 2026 ? 0 : p.capacity * Math.min(1, (2026 - p.start_year + 1) / p.ramp_years)),
          0,
        );
        return added + m.underlying_rate * 1000;
      }
      return NaN;
    };
    for (const [id, sign, word] of [
      ['stretch', 1, '乐观'],
      ['cautious', -1, '保守'],
    ] as const) {
      const p = byId.get(id)!;
      expect(p.assumptions.length).toBeGreaterThanOrEqual(8);
      for (const a of p.assumptions) {
        const b = baseA.get(a.series)!;
        expect(a.model, `${id}.${a.series}`).not.toEqual(b.model);
        expect(a.base_value).toBe(b.base_value);
        expect(a.rationale).toContain(word);
        expect(a.rationale).toContain('假设');
        expect(Math.sign(lever(a) - lever(b)), `${id}.${a.series}`).toBe(sign);
      }
      for (const s of ['gdp_nominal', 'mfg_va', 'sei_va', 'energy_consumption', 'co2_emissions']) {
        expect(
          p.assumptions.some((a) => a.series === s),
          `${id} moves ${s}`,
        ).toBe(true);
      }
    }
  });
});
