/**
 * The required effort on the real plan through the real API (dispatch + handlers + SQLite), issue 15:
 * 高新技术企业 read 提前实现 beside "-26.1% / 12.0%"; 规上工业企业研发机构覆盖率 after 73.54% for 2025
 * read 提前实现 beside a bare negative numerator rate; the intensity reductions, each assuming a fall
 * smaller than the one required, were never behind. The workbook's 需年均增长 column, read back with
 * exceljs, says the same, and the CLI's report too.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { effortHeadroomText, requiredEffort } from '../../../models/kinds/effort';
import type { TargetEvaluation } from '../../../models/types';
import { formatProjectionTable, projectionReport } from '../../../cli/report';
import { loadDefaultPlan } from '../../../scenarios/plan/load';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('required-effort');
const source = { title: '咸宁市统计公报', url: null, date: '2026-03-20', reliability: 'official' as const };

async function baselineId(): Promise<string> {
  return (await fx.call('scenarios:list', {})).find((x) => x.preset_id === 'baseline')!.id;
}
async function evals(): Promise<Map<string, TargetEvaluation>> {
  const r = await fx.call('projection:run', { id: await baselineId() });
  return new Map(r.targets.map((t) => [t.id, t]));
}

/** The 情景汇总 sheet's row of a target and the column of a header. */
async function summaryCell(language: 'zh-CN' | 'en', targetId: string, header: string): Promise<ExcelJS.Cell> {
  const file = await fx.call('briefing:export', { ids: [await baselineId()], format: 'xlsx', language });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.content_base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(language === 'zh-CN' ? '情景汇总' : 'Scenario summary')!;
  let head = 0;
  for (let r = 1; r <= ws.rowCount && head === 0; r++)
    if (ws.getCell(r, 2).value === (language === 'zh-CN' ? '指标名称' : 'indicator')) head = r;
  let col = 0;
  for (let r = head; r <= head + 1 && col === 0; r++)
    ws.getRow(r).eachCell((c, i) => {
      if (c.value === header && col === 0) col = i;
    });
  expect(head).toBeGreaterThan(0);
  expect(col).toBeGreaterThan(0);
  let row = 0;
  for (let r = head + 1; r <= ws.rowCount && row === 0; r++) if (ws.getCell(r, 3).value === targetId) row = r;
  expect(row).toBeGreaterThan(0);
  return ws.getCell(row, col);
}

describe('the required effort on the real plan (baseline)', () => {
  it('高新技术企业 (提前实现): reached, 2026年可下降26.1%仍达标, not −26.1%', async () => {
    const e = (await evals()).get('high_tech_enterprises')!;
    expect(e.status).toBe('achieved_early');
    expect(e.required_growth!).toBeCloseTo(-0.261, 3); // the figure the issue quotes, still computed
    expect(e.growth_from_met).toBe(true);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(r.headroom!).toBeCloseTo(0.261, 3);
    expect(effortHeadroomText(r, 'zh-CN')).toBe('2026年可下降26.1%仍达标');
    expect(effortHeadroomText(r, 'en')).toBe('could fall 26.1% in 2026 and still meet it');
  });

  it('the intensity reductions assuming a smaller fall than required are behind (were never red)', async () => {
    const m = await evals();
    for (const id of ['energy_intensity_reduction', 'industrial_water_intensity_reduction', 'co2_intensity_reduction']) {
      const e = m.get(id)!;
      expect(e.required_growth!).toBeLessThan(0);
      expect(e.assumed_growth!).toBeGreaterThan(e.required_growth!);
      const r = requiredEffort(e);
      expect(r.direction).toBe(-1);
      expect(r.state).toBe('needed');
      expect(r.behind).toBe(true);
    }
  });

  it("a share's rates are its numerator's: labelled, the numerator named", async () => {
    const e = (await evals()).get('digital_economy_share_gdp')!;
    expect(e.growth_lever).toBe('numerator');
    expect(e.growth_series).not.toBe(e.series);
    const plan = loadDefaultPlan();
    const rep = projectionReport(plan, 'baseline', { targets: [e], series: {}, rollup: {}, base_year: 2023 } as never);
    const i = rep.indicators[0];
    expect(i.required_effort.lever).toBe('numerator');
    expect(i.required_effort.label_zh).toBe('分子所需增速');
    const num = plan.series.find((s) => s.id === e.growth_series)!;
    expect(i.required_effort.text_zh).toContain(`分子（${num.name_zh}）`);
    expect(formatProjectionTable(plan, rep)).toContain('分子所需增速');
    expect(formatProjectionTable(plan, rep)).toContain('分子假设增速');
  });

  it('the workbook: 高新技术企业 reads 已达到 with the headroom in the note; a lagging target keeps its rate', async () => {
    const c = await summaryCell('zh-CN', 'high_tech_enterprises', '需年均增长');
    expect(c.value).toBe('已达到');
    expect(String(c.note)).toContain('2026年可下降26.1%仍达标');
    const en = await summaryCell('en', 'high_tech_enterprises', 'required growth');
    expect(en.value).toBe('reached');
    const lag = await summaryCell('zh-CN', 'fine_steel_output', '需年均增长');
    expect(typeof lag.value).toBe('number');
    expect(lag.value as number).toBeGreaterThan(0.2);
    const share = await summaryCell('zh-CN', 'digital_economy_share_gdp', '需年均增长');
    expect(String(share.note)).toContain('分子所需增速');
  }, 120_000);

  it("the final evaluation: a reduction needs a fall (not 需年均增长-3.5%), a share its numerator's growth, named", async () => {
    const file = await fx.call('briefing:export', { ids: [await baselineId()], format: 'docx', language: 'zh-CN' });
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'effort-docx-')), 'r.docx');
    fs.writeFileSync(tmp, Buffer.from(file.content_base64, 'base64'));
    const xml = execFileSync('unzip', ['-p', tmp, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
    expect(text).not.toMatch(/需年均增长-/);
    expect(text).toMatch(/单位地区生产总值能耗下降[^。]*。按现有趋势需年均下降3\.5%方可实现/);
    expect(text).toMatch(/数字经济增加值占地区生产总值比重[^。]*。按现有趋势分子（数字经济增加值）需年均增长\d+\.\d%方可实现/);
  }, 120_000);

  it('规上工业企业研发机构覆盖率 73.54% for 2025: reached, on its numerator, not a bare negative rate', async () => {
    await fx.call('actuals:enter', { actual: { series: 'rd_institution_coverage', period: '2025', value: 73.54, source }, confirm: true });
    const e = (await evals()).get('rd_institution_coverage')!;
    expect(e.status).toBe('achieved_early');
    expect(e.growth_from_year).toBe(2025);
    expect(e.required_growth!).toBeLessThan(0);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(r.lever).toBe('numerator');
    expect(r.headroom!).toBeCloseTo(-e.required_growth!, 12);
    const c = await summaryCell('zh-CN', 'rd_institution_coverage', '需年均增长');
    expect(c.value).toBe('已达到');
    expect(String(c.note)).toMatch(/^2026年可下降\d+\.\d%仍达标；分子所需增速：/);
  }, 120_000);
});
