/**
 * A pack that goes straight into the meeting (issue 18, item 1): through the real API with a
 * planner's figures (an entered 1950.3亿元, 1-10月 figures, a later vintage), the PDF's text and the
 * workbook's visible cells carry no JSON, file paths, internal markers or the other language's
 * words; entered figures are printed as entered; dates are local; the cover names the latest data.
 */
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdf } from '../../../api/chromium-pdf';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('clean-pack', { renderPdf: chromiumPdf });
const call = fx.call;
let baseline: string;

const src = (title: string, date: string) => ({ title, url: null, date, reliability: 'official' as const });

beforeAll(async () => {
  await call('settings:set', { user_name: '规划科 张三' });
  await call('actuals:add', {
    actuals: [
      {
        series: 'gdp_nominal',
        period: '2025',
        value: 1950.3,
        value_kind: 'actual',
        source: src('2025年咸宁市国民经济和社会发展统计公报', '2026-03-25'),
        vintage: '2026-03-25',
        note: '',
        entered_by: '规划科 张三',
      },
    ],
  });
  const lines = ['指标,年份,月份,累计值,累计增速,来源,发布日期'];
  for (const [y, m, v] of [
    [2024, 10, 380.7],
    [2024, 12, 470],
    [2025, 10, 453.6],
    [2025, 12, 560],
    [2026, 10, 518.4],
  ] as const) {
    lines.push(`fine_steel_output,${y},${m},${v},${y === 2026 ? '14.3' : ''},市统计局月报,${y}-${String(m).padStart(2, '0')}-20`);
  }
  const imported = await call('nowcast:import', { kind: 'csv', content_base64: Buffer.from(lines.join('\n'), 'utf8').toString('base64') });
  expect(imported.stored).toBeGreaterThan(0);
  baseline = (await call('scenarios:list', {})).find((s) => s.preset_id === 'baseline')!.id;
});

/** What nobody in a meeting should read. */
const INTERNALS = [
  /[{}]/,
  /"[a-z_]+"\s*:/,
  /scripts\//,
  /\.ts\b/,
  /\.csv\b/,
  /ytd import/,
  /\d{4}-\d{2}-\d{2}T\d{2}:/,
  /fine_steel_output|gdp_nominal/,
];

async function visibleCells(base64: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) =>
      row.eachCell((cell, c) => {
        if (ws.getColumn(c).hidden) return;
        const v = cell.value;
        if (typeof v === 'string') out.push(v);
      }),
    );
  });
  return out;
}

describe('a clean briefing pack', () => {
  it('the Chinese PDF has no internals or English source notes, prints 1950.3 as entered, and names 2026年1-10月', async () => {
    const file = await call('briefing:export', { ids: [baseline], format: 'pdf', language: 'zh-CN' });
    const pdf = path.join(fx.dir(), 'zh.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.content_base64, 'base64'));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const re of INTERNALS) expect(text, String(re)).not.toMatch(re);
    expect(text).not.toMatch(/source note|nowcast|January/);
    expect(text.replace(/\s+/g, '')).toContain('1,950.3亿元');
    expect(text.replace(/\s+/g, '')).toContain('2026年1-10月');
    expect(text).toContain('系统导入');
  }, 120_000);

  it('the English PDF has no Chinese source notes or Chinese verdict words', async () => {
    const file = await call('briefing:export', { ids: [baseline], format: 'pdf', language: 'en' });
    const pdf = path.join(fx.dir(), 'en.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.content_base64, 'base64'));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const re of INTERNALS) expect(text, String(re)).not.toMatch(re);
    for (const zh of ['来源说明', '累计推算', '汇报材料', '提前实现', '滞后', '基本符合预期']) expect(text).not.toContain(zh);
    expect(text).toContain('1,950.3');
  }, 120_000);

  it('the workbook shows no internals in any visible cell, and local times', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const file = await call('briefing:export', { ids: [baseline], format: 'xlsx', language });
      const cells = await visibleCells(file.content_base64);
      for (const c of cells) for (const re of INTERNALS) expect(c, `${language}: ${c.slice(0, 80)}`).not.toMatch(re);
      if (language === 'zh-CN') {
        expect(cells.some((c) => c.includes('source note'))).toBe(false);
        expect(cells.some((c) => /^生成时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/.test(c))).toBe(true);
      } else {
        expect(cells.some((c) => /来源说明|累计推算|系统导入/.test(c))).toBe(false);
      }
    }
  }, 120_000);
});

describe('probabilities in the pack', () => {
  it("the workbook carries each scenario's own 达标概率 beside its verdict, and 未设区间 where no input has a range", async () => {
    const file = await call('briefing:export', { ids: [baseline], format: 'xlsx', language: 'zh-CN' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.content_base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('情景汇总')!;
    // the header row is the one naming 指标名称 (below the roll-up by status)
    let header = 0;
    for (let r = 1; r <= ws.rowCount && header === 0; r++) if (ws.getCell(r, 2).value === '指标名称') header = r;
    expect(header).toBeGreaterThan(3);
    let col = 0;
    ws.getRow(header).eachCell((c, i) => {
      if (c.value === '达标概率' && col === 0) col = i;
    });
    expect(col).toBeGreaterThan(0);
    const sim = await call('simulation:run', { id: baseline, draws: 10_000 });
    const numbers: number[] = [];
    let noRange = 0;
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const v = ws.getCell(r, col).value;
      if (typeof v === 'number') numbers.push(v);
      else if (v === '未设区间') noRange++;
    }
    expect(numbers.length).toBeGreaterThan(0);
    expect(noRange).toBeGreaterThan(0);
    expect(numbers.length + noRange).toBe(62);
    // the same numbers as a run of the same inputs on the workbench (same seed and draws)
    const simulated = new Set(sim.targets.map((t) => Math.round(t.p_meet * 1e9)));
    for (const p of numbers) expect(simulated.has(Math.round(p * 1e9))).toBe(true);
  }, 120_000);

  it("a pack of several scenarios simulates each with the reference scenario's seed (common random numbers)", async () => {
    const list = await call('scenarios:list', {});
    const ref = list.find((s) => s.id === baseline)!;
    const stretch = list.find((s) => s.preset_id === 'stretch')!;
    expect(stretch.seed).not.toBe(ref.seed);
    const file = await call('briefing:export', { ids: [baseline, stretch.id], format: 'xlsx', language: 'zh-CN' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.content_base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('情景汇总')!;
    let header = 0;
    for (let r = 1; r <= ws.rowCount && header === 0; r++) if (ws.getCell(r, 2).value === '指标名称') header = r;
    const cols: number[] = [];
    ws.getRow(header).eachCell((c, i) => {
      if (c.value === '达标概率') cols.push(i);
    });
    expect(cols.length).toBe(2);
    const printed = (col: number) => {
      const out = new Map<string, number>();
      for (let r = header + 1; r <= ws.rowCount; r++) {
        const id = ws.getCell(r, 3).value;
        const v = ws.getCell(r, col).value;
        if (typeof id === 'string' && typeof v === 'number') out.set(id, v);
      }
      return out;
    };
    const common = await call('simulation:run', { id: stretch.id, draws: 10_000, seed: ref.seed });
    const own = await call('simulation:run', { id: stretch.id, draws: 10_000 });
    const second = printed(cols[1]);
    expect(second.size).toBeGreaterThan(10);
    let differsFromOwn = 0;
    for (const [id, p] of second) {
      const t = common.targets.find((x) => x.id === id)!;
      expect(p, id).toBe(t.p_meet);
      if (own.targets.find((x) => x.id === id)!.p_meet !== p) differsFromOwn++;
    }
    expect(differsFromOwn).toBeGreaterThan(0);
    // the reference prints its own run's numbers
    const refRun = await call('simulation:run', { id: baseline, draws: 10_000 });
    for (const [id, p] of printed(cols[0])) expect(p, id).toBe(refRun.targets.find((x) => x.id === id)!.p_meet);
  }, 120_000);
});
