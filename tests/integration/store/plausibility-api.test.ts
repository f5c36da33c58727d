/**
 * Issue 16, item 1, through the real API (dispatch + handlers + SQLite): every number that enters
 * is checked. Hard violations are refused naming the indicator, the field and the allowed range,
 * and nothing is stored; values far from what is known answer needs_confirmation, store nothing,
 * and are stored when the request comes again with confirm: true.
 */
import { describe, expect, it } from 'vitest';
import type { Channel, Req } from '../../../contract';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('plausibility');
const call = fx.call;
const env = fx.env;

async function refusal<C extends Channel>(channel: C, req: Req<C>) {
  const e = await env(channel, req);
  if (e.ok) throw new Error(`${channel} was accepted`);
  return e.error;
}

const source = { title: '市统计局', url: null, date: null, reliability: 'official' as const };
const actual = (series: string, period: string, value: number) => ({ series, period, value, source });
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('actuals:add', () => {
  it('refuses 金盛兰精品钢产值 2025 = −590亿元 and stores nothing of the batch', async () => {
    const before = (await call('actuals:list', {})).length;
    const e = await refusal('actuals:add', {
      actuals: [actual('fine_steel_output', '2024', 560), actual('fine_steel_output', '2025', -590)],
    });
    expect(e.code).toBe('implausible');
    expect(e.path).toBe('actuals[1].value');
    expect(e.message_zh).toContain('金盛兰精品钢产值');
    expect(e.message_zh).toContain('金盛兰精品钢产值（第2条 数值）');
    expect(e.message_zh).toContain('不小于 0亿元');
    expect(e.message_en).toContain('(record 2, value)');
    expect(e.message_en).toContain('at least 0 亿元');
    expect((await call('actuals:list', {})).length).toBe(before);
  });

  it('refuses an actual for 2031', async () => {
    const e = await refusal('actuals:add', { actuals: [actual('fine_steel_output', '2031', 590)] });
    expect(e.code).toBe('implausible');
    expect(e.message_zh).toContain('2031');
    expect(e.message_zh).toContain('2009–2026');
  });

  it('refuses 行政村5G通达率 130%', async () => {
    const e = await refusal('actuals:add', { actuals: [actual('village_5g_coverage', '2025', 130)] });
    expect(e.code).toBe('implausible');
    expect(e.message_zh).toContain('行政村5G通达率');
    expect(e.message_zh).toContain('0–100%');
    expect((await call('actuals:list', { series: 'village_5g_coverage' })).length).toBe(0);
  });

  it('asks to confirm a value 100× the stored record, stores nothing, then stores it with confirm: true', async () => {
    await call('actuals:add', { actuals: [actual('health_output', '2024', 900)] });
    const before = (await call('actuals:list', {})).length;
    const e = await refusal('actuals:add', { actuals: [actual('health_output', '2025', 100000)] });
    expect(e.code).toBe('needs_confirmation');
    const warnings = (e.details as { warnings: { rule: string; compared: number }[] }).warnings;
    expect(warnings.map((w) => [w.rule, w.compared])).toEqual([
      ['far_from_record', 1000],
      ['far_from_previous', 900],
    ]);
    expect(e.message_zh).toContain('请确认');
    expect((await call('actuals:list', {})).length).toBe(before);
    const stored = await call('actuals:add', { actuals: [actual('health_output', '2025', 100000)], confirm: true });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.value).toBe(100000);
  });
});

describe('actuals:enter (the entry form)', () => {
  it('refuses −590亿元 as actuals:add does, naming the indicator and the field, and stores nothing', async () => {
    const before = (await call('actuals:list', {})).length;
    const e = await refusal('actuals:enter', { actual: actual('fine_steel_output', '2025', -590) });
    expect(e.code).toBe('implausible');
    expect(e.message_zh).toContain('金盛兰精品钢产值（数值）');
    expect(e.message_zh).toContain('不小于 0亿元');
    expect((await call('actuals:list', {})).length).toBe(before);
  });

  it('asks to confirm a far-off value and stores it only with confirm: true', async () => {
    await call('actuals:enter', { actual: actual('trade_total', '2024', 100) });
    const before = (await call('actuals:list', {})).length;
    const e = await refusal('actuals:enter', { actual: actual('trade_total', '2025', 100000) });
    expect(e.code).toBe('needs_confirmation');
    expect((await call('actuals:list', {})).length).toBe(before);
    const r = await call('actuals:enter', { actual: actual('trade_total', '2025', 100000), confirm: true });
    expect(r.stored.value).toBe(100000);
  });
});

describe('actuals:import', () => {
  const csv = (rows: string[]) => b64(['指标,期间,数值', ...rows].join('\n'));
  const req = (rows: string[], extra: { dry_run?: boolean; confirm?: boolean } = {}) => ({
    content_base64: csv(rows),
    file_name: 'actuals.csv',
    data_from_line: 2,
    mapping: {
      series: 0,
      period: 1,
      value: 2,
      value_kind: -1,
      source_title: -1,
      source_url: -1,
      source_date: -1,
      reliability: -1,
      vintage: -1,
      note: -1,
    },
    source_title: '市统计局',
    reliability: 'official' as const,
    ...extra,
  });

  it('refuses a sheet with 130% coverage as a rejected row naming the line and column, and stores nothing', async () => {
    const before = (await call('actuals:list', {})).length;
    const r = await call('actuals:import', req(['fine_steel_output,2024,560', 'village_5g_coverage,2025,130']));
    expect(r).toMatchObject({ stored: 0, valid: 1, rejected_count: 1 });
    expect(r.rejected[0]!.line).toBe(3);
    expect(r.rejected[0]!.reasons).toEqual([
      {
        code: 'implausible',
        field: 'value',
        column: 'C',
        rule: 'bounds',
        message_zh: '行政村5G通达率（第3行 C列“数值”）：130% 超出允许范围，允许 0–100%',
        message_en: 'Administrative villages reached by 5G (line 3, column C "value"): 130 % is outside the allowed range, allowed 0–100 %',
      },
    ]);
    expect((await call('actuals:list', {})).length).toBe(before);
  });

  it('reads "590亿元" in the series’ unit, shows the far-off warning on a dry run, and needs confirm to store', async () => {
    const dry = await call('actuals:import', req(['provincial_specialised_smes,2026,31'], { dry_run: true }));
    expect(dry.warnings?.map((w) => w.rule)).toEqual(['far_from_previous']);
    const e = await refusal('actuals:import', req(['provincial_specialised_smes,2026,31']));
    expect(e.code).toBe('needs_confirmation');
    const ok = await call('actuals:import', req(['provincial_specialised_smes,2026,31'], { confirm: true }));
    expect(ok.stored).toBe(1);
    const steel = await call('actuals:import', req(['fine_steel_output,2024,590亿元']));
    expect(steel.stored).toBe(1);
    const rows = await call('actuals:list', { series: 'fine_steel_output' });
    expect(rows.some((r) => r.period === '2024' && r.value === 590)).toBe(true);
  });
});

describe('nowcast:import (year-to-date records)', () => {
  it('refuses a negative year-to-date figure and a year after the plan', async () => {
    const sheet = (rows: string[]) => b64(['指标,年份,月份,累计值,来源,发布日期', ...rows].join('\n'));
    const neg = await refusal('nowcast:import', {
      kind: 'csv',
      content_base64: sheet(['fine_steel_output,2026,3,-120,市统计局月报,2026-04-20']),
    });
    expect(neg.code).toBe('implausible');
    expect(neg.message_zh).toContain('金盛兰精品钢产值');
    // the row and the column to fix, as every other import error names them (issue 16.4)
    expect(neg.message_zh).toContain('第2行 D列“累计值”');
    expect(neg.message_en).toContain('row 2, column D ("累计值")');
    const late = await refusal('nowcast:import', {
      kind: 'csv',
      content_base64: sheet(['fine_steel_output,2031,3,120,市统计局月报,2031-04-20']),
    });
    expect(late.code).toBe('implausible');
    expect(late.message_zh).toContain('2031');
  });
});

describe('assumptions', () => {
  it('refuses an elasticity of 999 and a negative capacity step, and keeps the scenario as it was', async () => {
    const sc = await call('scenarios:create', { name: '合理性检查' });
    const before = (await call('scenarios:history', { id: sc.id })).length;
    const e = await refusal('scenarios:setAssumptions', {
      id: sc.id,
      assumptions: [{ series: 'industrial_va', model: { type: 'elasticity', driver: 'gdp_nominal', elasticity: 999 } }],
    });
    expect(e.code).toBe('implausible');
    expect(e.path).toBe('assumptions[0].model.elasticity');
    expect(e.message_zh).toContain('工业增加值');
    expect(e.message_zh).toContain('允许 -5–5');
    const step = await refusal('scenarios:setAssumptions', {
      id: sc.id,
      assumptions: [{ series: 'jsl_steel_capacity', model: { type: 'step', steps: [{ year: 2025, value: -200 }] } }],
    });
    expect(step.message_zh).toContain('金盛兰钢铁产能');
    expect(step.path).toBe('assumptions[0].model.steps[0].value');
    expect((await call('scenarios:history', { id: sc.id })).length).toBe(before);
    expect((await call('scenarios:get', { id: sc.id })).assumptions).toEqual([]);
    const created = await refusal('scenarios:create', {
      name: '弹性过大',
      assumptions: [{ series: 'industrial_va', model: { type: 'elasticity', driver: 'gdp_nominal', elasticity: 999 } }],
    });
    expect(created.code).toBe('implausible');
    expect((await call('scenarios:list', {})).some((s) => s.name === '弹性过大')).toBe(false);
  });
});

describe('settings:set', () => {
  it('refuses 最近完整统计年度 2031 and keeps the setting', async () => {
    const before = (await call('settings:get', {})).as_of_year;
    const e = await refusal('settings:set', { as_of_year: 2031, user_name: '张三' });
    expect(e.code).toBe('implausible');
    expect(e.path).toBe('as_of_year');
    expect(e.message_zh).toContain('最近完整统计年度');
    expect(e.message_zh).toContain('2023–2026');
    const after = await call('settings:get', {});
    expect(after.as_of_year).toBe(before);
    expect(after.user_name).not.toBe('张三');
  });
});

describe('scenarios:import', () => {
  it('refuses a scenario file whose assumption is implausible, importing none of it', async () => {
    const sc = await call('scenarios:create', {
      name: '导出再导入',
      assumptions: [{ series: 'industrial_va', model: { type: 'elasticity', driver: 'gdp_nominal', elasticity: 1.2 } }],
    });
    const exported = (await call('scenarios:export', { id: sc.id })).content as {
      scenarios: { assumptions: { model: { elasticity?: number } }[] }[];
    };
    const count = (await call('scenarios:list', {})).length;
    exported.scenarios[0]!.assumptions[0]!.model.elasticity = 999;
    const e = await refusal('scenarios:import', { content: JSON.stringify(exported) });
    expect(e.code).toBe('implausible');
    expect(e.path).toBe('scenarios[0].assumptions[0].model.elasticity');
    expect(e.message_zh).toContain('弹性系数 999');
    expect((await call('scenarios:list', {})).length).toBe(count);
    // the same file with a plausible elasticity imports
    exported.scenarios[0]!.assumptions[0]!.model.elasticity = 1.3;
    expect((await call('scenarios:import', { content: exported })).created).toHaveLength(1);
    expect((await call('scenarios:list', {})).length).toBe(count + 1);
  });

  it('refuses a workspace file with 金盛兰精品钢产值 2025 = −590亿元 or 最近完整统计年度 2031', async () => {
    const ws = (await call('scenarios:export', { workspace: true })).content as {
      actuals: { series: string; period: string; value: number }[];
      settings: Record<string, unknown>;
    };
    const before = (await call('actuals:list', {})).length;
    const bad = {
      ...ws,
      actuals: [
        ...ws.actuals,
        { ...actual('fine_steel_output', '2025', -590), value_kind: 'actual', vintage: null, note: '', entered_by: '' },
      ],
    };
    const e = await refusal('scenarios:import', { content: bad });
    expect(e.code).toBe('implausible');
    expect(e.message_zh).toContain('金盛兰精品钢产值');
    expect(e.message_zh).toContain('不小于 0亿元');
    expect((await call('actuals:list', {})).length).toBe(before);
    const late = await refusal('scenarios:import', { content: { ...ws, settings: { ...ws.settings, as_of_year: 2031 } } });
    expect(late.code).toBe('implausible');
    expect(late.message_zh).toContain('最近完整统计年度');
  });
});
