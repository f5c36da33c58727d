/* eslint-disable @typescript-eslint/no-explicit-any -- these tests build deliberately malformed plans field by field */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineColumn, loadPlanFile, parsePlan, parsePlanText, type PlanResult } from '../../../scenarios/plan/load';
import { planJson } from './helpers';

/** A small valid plan, built fresh for each test so mutations do not leak. */
function mini(): any {
  return {
    schema_version: 1,
    id: 'mini',
    title_zh: '测试规划',
    title_en: 'Test plan',
    issuer_zh: '',
    issued_date: '',
    source_document: '',
    period_start: 2024,
    period_end: 2026,
    base_year: 2023,
    sections: [
      {
        id: 'preamble',
        code: '总体目标',
        title_zh: '总体目标',
        title_en: 'Goals',
        items: [{ id: 'i01', code: '(一)', title_zh: '条目', title_en: 'Item' }],
      },
    ],
    series: [
      { id: 'gdp', name_zh: '地区生产总值', name_en: 'GDP', unit: '亿元', nature: 'flow', driver: true },
      { id: 'energy', name_zh: '能耗', name_en: 'Energy', unit: '万吨标准煤', nature: 'flow', driver: true },
      {
        id: 'intensity',
        name_zh: '能耗强度',
        name_en: 'Energy intensity',
        unit: '吨/万元',
        derived: { type: 'ratio', numerator: 'energy', denominator: 'gdp' },
      },
      { id: 'firms', name_zh: '企业数', name_en: 'Firms', unit: '家' },
    ],
    targets: [
      {
        id: 'firms',
        name_zh: '企业数',
        name_en: 'Firms',
        section: 'preamble',
        item: 'i01',
        source_text: '企业达10家',
        unit: '家',
        kind: 'level',
        comparator: '>=',
        comparator_zh: '达',
        target: 10,
        target_year: 2026,
        series: 'firms',
        responsible: [],
      },
      {
        id: 'range_t',
        name_zh: '研究院',
        name_en: 'Institutes',
        section: 'preamble',
        item: null,
        source_text: '1—2家',
        unit: '家',
        kind: 'range',
        comparator: 'range',
        comparator_zh: '1—2',
        target: [1, 2],
        target_year: 2026,
        series: 'firms',
        responsible: [],
      },
      {
        id: 'cut',
        name_zh: '能耗下降',
        name_en: 'Energy cut',
        section: 'preamble',
        item: null,
        source_text: '下降10%',
        unit: '%',
        kind: 'reduction',
        comparator: '>=',
        comparator_zh: '下降',
        target: 10,
        target_year: 2026,
        series: 'intensity',
        responsible: [],
      },
      {
        id: 'growth',
        name_zh: '增长',
        name_en: 'Growth',
        section: 'preamble',
        item: null,
        source_text: '年均增长7%',
        unit: '%',
        kind: 'growth_rate',
        comparator: '>=',
        comparator_zh: '年均增长',
        target: 7,
        target_year: 2026,
        series: 'gdp',
        responsible: [],
      },
    ],
    actuals: [{ series: 'gdp', period: '2023', value: 100, source: { title: 't', reliability: 'internal' } }],
    presets: [
      {
        id: 'baseline',
        name_zh: '基准情景',
        name_en: 'Baseline',
        description_zh: '',
        description_en: '',
        assumptions: [
          { series: 'gdp', model: { type: 'cagr', rate: 0.05 } },
          { series: 'energy', base_value: 50, model: { type: 'intensity_decay', driver: 'gdp', rate: 0.03 }, rationale: '假设' },
          { series: 'firms', base_value: 5, model: { type: 'flat' }, rationale: '假设' },
        ],
      },
      {
        id: 'stretch',
        name_zh: '乐观情景',
        name_en: 'Stretch',
        description_zh: '',
        description_en: '',
        parent: 'baseline',
        assumptions: [],
      },
    ],
  };
}

function errorsOf(r: PlanResult) {
  expect(r.ok).toBe(false);
  expect(r).not.toHaveProperty('plan');
  return r.ok ? [] : r.errors;
}

function expectIssue(r: PlanResult, path: string, zh: RegExp, en: RegExp) {
  const errs = errorsOf(r);
  const hit = errs.find((e) => e.path === path);
  expect(hit, `${path} in ${JSON.stringify(errs.map((e) => e.path))}`).toBeDefined();
  expect(hit!.message_zh.startsWith(`${path}: `)).toBe(true);
  expect(hit!.message_en.startsWith(`${path}: `)).toBe(true);
  expect(hit!.message_zh).toMatch(zh);
  expect(hit!.message_en).toMatch(en);
}

describe('parsePlan', () => {
  it('accepts the small plan and fills schema defaults', () => {
    const r = parsePlan(mini());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.plan.targets[0]!.headline).toBe(false);
      expect(r.plan.milestones).toEqual([]);
      expect(r.plan.series[3]!.nature).toBe('stock');
    }
  });

  it('reports wrong types with the path, in Chinese and English', () => {
    const p = mini();
    p.targets[3].target_year = 2026.5;
    expectIssue(parsePlan(p), 'targets[3].target_year', /应为整数年份/, /must be a whole year/);
    const q = mini();
    q.targets[0].target_year = '2026';
    expectIssue(parsePlan(q), 'targets[0].target_year', /整数年份.*文本 "2026"/, /whole year, got text "2026"/);
    const s = mini();
    s.targets[0].target = 'ten';
    expectIssue(parsePlan(s), 'targets[0].target', /不符合任何允许的形式/, /matches none/);
    const k = mini();
    k.targets[0].kind = 'ratio';
    expectIssue(parsePlan(k), 'targets[0].kind', /可选.*"level"/, /expected one of.*"level"/);
    const m = mini();
    delete m.series[0].unit;
    expectIssue(parsePlan(m), 'series[0].unit', /缺少必填字段/, /required/);
    const id = mini();
    id.targets[0].id = 'Bad-Id';
    expectIssue(parsePlan(id), 'targets[0].id', /标识格式不对/, /malformed id/);
    const model = mini();
    model.presets[0].assumptions[0].model = { type: 'magic' };
    expectIssue(parsePlan(model), 'presets[0].assumptions[0].model.type', /类型/, /type/);
    expect(errorsOf(parsePlan('not a plan'))[0]!.path).toBe('');
    expect(errorsOf(parsePlan(null))[0]!.message_en).toMatch(/must be an object/);
  });

  it('reports an unknown series, driver, parent or section', () => {
    const p = mini();
    p.targets[0].series = 'nope';
    expectIssue(parsePlan(p), 'targets[0].series', /序列 "nope" 不存在/, /series "nope", which does not exist/);
    const d = mini();
    d.series[2].derived.denominator = 'gdp_missing';
    expectIssue(parsePlan(d), 'series[2].derived.denominator', /不存在/, /does not exist/);
    const a = mini();
    a.actuals[0].series = 'ghost';
    expectIssue(parsePlan(a), 'actuals[0].series', /不存在/, /does not exist/);
    const dr = mini();
    dr.presets[0].assumptions[1].model.driver = 'ghost';
    expectIssue(parsePlan(dr), 'presets[0].assumptions[1].model.driver', /驱动.*不存在/, /driver refers to series "ghost"/);
    const pa = mini();
    pa.presets[1].parent = 'ghost';
    expectIssue(parsePlan(pa), 'presets[1].parent', /上级情景 "ghost" 不存在/, /parent preset "ghost" does not exist/);
    const se = mini();
    se.targets[0].item = 'i99';
    expectIssue(parsePlan(se), 'targets[0].item', /条目 "i99" 不存在/, /item "i99" does not exist/);
    const de = mini();
    de.presets[0].assumptions.push({ series: 'intensity', model: { type: 'flat' } });
    expectIssue(parsePlan(de), 'presets[0].assumptions[3].series', /派生序列/, /derived series/);
  });

  it('reports duplicate ids', () => {
    const p = mini();
    p.targets[1].id = 'firms';
    expectIssue(parsePlan(p), 'targets[1].id', /重复.*targets\[0\]/, /duplicate target id "firms" \(same as targets\[0\]\)/);
    const s = mini();
    s.series.push({ ...s.series[0] });
    expectIssue(parsePlan(s), 'series[4].id', /重复/, /duplicate series id/);
    const pr = mini();
    pr.presets[1].id = 'baseline';
    expectIssue(parsePlan(pr), 'presets[1].id', /重复/, /duplicate preset id/);
  });

  it('reports derivation and inheritance cycles', () => {
    const p = mini();
    p.series[0].derived = { type: 'ratio', numerator: 'intensity', denominator: 'firms' };
    p.presets[0].assumptions.shift();
    const errs = errorsOf(parsePlan(p));
    const c = errs.find((e) => /成环/.test(e.message_zh))!;
    expect(c).toBeDefined();
    expect(c.path).toMatch(/^series\[\d\]\.derived$/);
    expect(c.message_en).toMatch(/derivation cycle: .*gdp.*intensity/);
    const q = mini();
    q.presets[0].parent = 'stretch';
    expectIssue(parsePlan(q), 'presets[0].parent', /继承成环/, /inheritance cycle/);
    const m = mini();
    // energy is driven by gdp; gdp driven by energy -> a cycle through the models
    m.presets[0].assumptions[0].model = { type: 'elasticity', driver: 'energy', elasticity: 1 };
    expectIssue(parsePlan(m), 'presets[0].assumptions', /驱动与派生关系成环/, /cycle in preset "baseline"/);
  });

  it('reports bad ranges, years and reduction series', () => {
    const p = mini();
    p.targets[1].target = [3, 1];
    expectIssue(parsePlan(p), 'targets[1].target', /下限 3 大于上限 1/, /minimum 3 is above its maximum 1/);
    const c = mini();
    c.targets[1].comparator = '>=';
    expectIssue(parsePlan(c), 'targets[1].comparator', /"range"/, /needs comparator "range"/);
    const n = mini();
    n.targets[1].target = 2;
    expectIssue(parsePlan(n), 'targets[1].target', /\[最小值, 最大值\]/, /\[min, max\]/);
    const y = mini();
    y.targets[0].target_year = 2020;
    expectIssue(parsePlan(y), 'targets[0].target_year', /早于规划期起始年/, /before the plan period starts/);
    const r = mini();
    r.targets[2].series = 'firms';
    expectIssue(parsePlan(r), 'targets[2].series', /强度序列/, /intensity/);
    const rate = mini();
    rate.series[3].nature = 'rate';
    rate.targets[2].series = 'firms';
    expect(parsePlan(rate).ok).toBe(true);
  });

  it('reports every problem at once, and returns no plan', () => {
    const p = mini();
    p.targets[0].series = 'nope';
    p.targets[1].target = [5, 1];
    p.presets[1].parent = 'ghost';
    const errs = errorsOf(parsePlan(p));
    expect(errs.map((e) => e.path).sort()).toEqual(['presets[1].parent', 'targets[0].series', 'targets[1].target']);
  });

  it('catches a broken reference in the bundled plan', () => {
    const p = planJson() as any;
    p.targets[5].series = 'no_such_series';
    expectIssue(parsePlan(p), 'targets[5].series', /no_such_series/, /no_such_series/);
  });
});

describe('loading files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a valid file', async () => {
    const f = path.join(dir, 'ok.json');
    writeFileSync(f, JSON.stringify(mini(), null, 2));
    const r = await loadPlanFile(f);
    expect(r.ok).toBe(true);
  });

  it('reports a JSON syntax error with line and column', async () => {
    const f = path.join(dir, 'bad.json');
    writeFileSync(f, '{\n  "id": "x",\n  "title_zh": ,\n}');
    const r = await loadPlanFile(f);
    const [e] = errorsOf(r);
    expect(e!.path).toBe('');
    expect(e!.message_zh).toMatch(/第 3 行第 15 列/);
    expect(e!.message_en).toMatch(/line 3, column 15 \(position 29\)/);
  });

  it('reports a missing file', async () => {
    const [e] = errorsOf(await loadPlanFile(path.join(dir, 'absent.json')));
    expect(e!.message_zh).toMatch(/文件不存在/);
    expect(e!.message_en).toMatch(/does not exist/);
  });

  it('reports a truncated file at its end', () => {
    const text = '{"a": [1, 2';
    const [e] = errorsOf(parsePlanText(text));
    expect(e!.message_en).toMatch(/position 11/);
  });

  it('locates syntax errors', () => {
    expect(jsonErrorOffset('{"a": 1}')).toBe(-1);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{"a": "x\\q"}')).toBe(9);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
