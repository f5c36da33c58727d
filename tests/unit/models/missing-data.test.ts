/**
 * The 2020 口径 reading of the three 累计降幅 targets (issue 15.6) read 无数据 without a word: the
 * verdict now says which 2020 actuals are missing and where to enter them, in both languages; with
 * those entered, the reading has a verdict.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { Plan, type Actual } from '../../../models/schema';
import { verdictLine } from '../../../models/verdict';
import { draftSentence } from '../../../models/sentences';

const planFile = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const plan = Plan.parse(JSON.parse(fs.readFileSync(planFile, 'utf8')));
const CUTS = ['industrial_energy_intensity_reduction', 'industrial_water_intensity_reduction', 'co2_intensity_reduction'];
const reading2020 = Object.fromEntries(CUTS.map((id) => [id, { base_year: 2020, end_year: 2025, note: '', confirmed: false }]));
const target = (id: string) => plan.targets.find((t) => t.id === id)!;
const source = { title: '市统计年鉴', url: null, date: null, reliability: 'official' as const };
const act = (series: string, value: number): Actual => ({
  series,
  period: '2020',
  value,
  value_kind: 'actual',
  source,
  vintage: null,
  note: '',
  entered_by: 'test',
});

function run(actuals: Actual[] = []) {
  const r = projectPlan({
    plan,
    assumptions: resolvePresetAssumptions(plan, 'baseline'),
    actuals,
    settings: { target_bases: reading2020 },
  });
  return new Map(r.targets.map((e) => [e.id, e]));
}

describe('无数据 on the 2020 reading says why', () => {
  const evs = run();

  it('names the missing 2020 actuals of the intensity inputs, in Chinese and English', () => {
    const co2 = evs.get('co2_intensity_reduction')!;
    expect(co2.status).toBe('no_data');
    expect(co2.missing).toMatchObject({ year: 2020, base: true, series: { id: 'co2_intensity' } });
    expect(co2.missing!.inputs.map((x) => x.id)).toEqual(['co2_emissions', 'gdp_nominal', 'gdp_deflator']);
    const zh = verdictLine(target('co2_intensity_reduction'), co2, 'zh-CN');
    expect(zh.reason).toBe(
      '基期2020年无单位地区生产总值二氧化碳排放数值：缺少2020年的二氧化碳排放量、地区生产总值(现价)、地区生产总值平减指数(2023年=100)实际值，在“数据”页录入后即可按此口径评价',
    );
    expect(zh.text).toBe(`无数据（${zh.reason}）`);
    const en = verdictLine(target('co2_intensity_reduction'), co2, 'en');
    expect(en.reason).toContain('no value of CO2 emissions per unit of GDP for the 2020 base');
    expect(en.reason).toContain('enter them on the Data screen');
  });

  it('the drafted sentence of the briefing says it too', () => {
    const t = target('co2_intensity_reduction');
    const ev = evs.get('co2_intensity_reduction')!;
    expect(draftSentence(t, ev, '基准情景', 'zh-CN')).toBe(
      `按基准情景测算，单位地区生产总值二氧化碳排放下降暂无可用数据（${verdictLine(t, ev, 'zh-CN').reason}）（含假设数据）。`,
    );
    expect(draftSentence(t, ev, 'Baseline', 'en')).toContain('(no value of CO2 emissions per unit of GDP for the 2020 base');
  });

  it('for each of the three targets', () => {
    for (const id of CUTS) {
      const line = verdictLine(target(id), evs.get(id)!, 'zh-CN');
      expect(line.status).toBe('no_data');
      expect(line.reason, id).toMatch(/^基期2020年无.+数值：缺少2020年的.+实际值，在“数据”页录入后即可按此口径评价$/);
    }
    expect(evs.get('industrial_water_intensity_reduction')!.missing!.inputs.map((x) => x.id)).toContain('industrial_water');
  });

  it('lists only what is still missing, and gives a verdict once all is entered', () => {
    const some = run([act('co2_emissions', 2700)]).get('co2_intensity_reduction')!;
    expect(some.missing!.inputs.map((x) => x.id)).toEqual(['gdp_nominal', 'gdp_deflator']);
    const all = run([act('co2_emissions', 2700), act('gdp_nominal', 1500), act('gdp_deflator', 95)]).get('co2_intensity_reduction')!;
    expect(all.status).not.toBe('no_data');
    expect(all.missing).toBeUndefined();
  });

  it('leaves verdicts with data alone, and the plan reading (2023) has none of it', () => {
    const plain = projectPlan({ plan, assumptions: resolvePresetAssumptions(plan, 'baseline') });
    for (const e of plain.targets) if (e.status !== 'no_data') expect(e.missing, e.id).toBeUndefined();
  });
});
