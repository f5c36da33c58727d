/**
 * Periods in the exports read as the planners write them, by the one rule of
 * scenarios/briefing/records-shown.ts (periodText): a stock's month is its month-end level
 * (高新技术企业 2023-06 -> 2023年6月末 / end of June 2023), a flow's month a year-to-date total
 * (2026年1-10月), a year 2025年. The PDF's appendix (its text as printed), the workbook's 实际值
 * cells and the final report's source list; the workbook still reads back to the stored key.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFinalReport } from '../../../scenarios/briefing/final-report';
import { briefingHtmlWithFont, buildBriefingInput, presetScenarios } from '../../../scenarios/briefing/pack';
import { launchChromium, renderPdf } from '../../../scenarios/briefing/pdf';
import { periodFromText, periodText } from '../../../scenarios/briefing/records-shown';
import { SHEET_NAMES, SHEET_NAMES_EN, buildWorkbook, readActualsSheet } from '../../../scenarios/briefing/workbook';
import { GENERATED_AT, pdftotext, plan, presetInput, squash, userActuals } from './fixtures';

const STOCK = { series: 'high_tech_enterprises', period: '2023-06' };
const LANGS = [
  { lang: 'zh-CN' as const, name: '高新技术企业', stock: '2023年6月末', sheet: SHEET_NAMES.actuals },
  { lang: 'en' as const, name: 'High-tech enterprises', stock: 'end of June 2023', sheet: SHEET_NAMES_EN.actuals },
];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'period-text-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('periodText and periodFromText', () => {
  it('prints a stock month as its month end, a flow month as 1-N月, a year with 年, and reads each back', () => {
    const series = presetInput('zh-CN').plan.series;
    const stock = series.find((s) => s.id === STOCK.series)!;
    const flow = series.find((s) => s.id === 'fine_steel_output')!;
    const cases: [string, typeof stock | undefined, string, string][] = [
      ['2023-06', stock, '2023年6月末', 'end of June 2023'],
      ['2026-10', flow, '2026年1-10月', 'January–October 2026'],
      ['2026-01', flow, '2026年1-1月', 'January 2026'],
      ['2025', flow, '2025年', '2025'],
      ['2025H1', flow, '2025H1', '2025H1'],
    ];
    for (const [period, def, zh, en] of cases) {
      if (period !== '2026-01') expect(periodText(period, 'zh-CN', def)).toBe(zh);
      expect(periodText(period, 'en', def)).toBe(en);
      expect(periodFromText(periodText(period, 'zh-CN', def)), period).toBe(period);
      expect(periodFromText(periodText(period, 'en', def)), period).toBe(period);
      expect(periodFromText(period)).toBe(period);
    }
    expect(periodFromText('sometime')).toBe('sometime');
  });
});

describe('the exports print periods by the one rule', () => {
  it("the PDF's actuals appendix prints the stock's month end, not 2023-06", async () => {
    const browser = await launchChromium();
    try {
      for (const { lang, stock } of LANGS) {
        const file = path.join(tmp, `pack-${lang}.pdf`);
        await renderPdf(briefingHtmlWithFont(presetInput(lang)), file, { browser });
        // -raw: the text in the order it was written (a wrapped cell is not interleaved with its neighbours)
        const text = squash(pdftotext(file, undefined, undefined, true));
        const [from, to] = lang === 'zh-CN' ? ['附录二实际值及来源', '附录三'] : ['Appendix2.Actualsandtheirsources', 'Appendix3.'];
        const appendix = text.slice(text.lastIndexOf(from), text.lastIndexOf(to));
        expect(appendix.length).toBeGreaterThan(100);
        expect(appendix, lang).toContain(squash(stock));
        expect(appendix, lang).not.toContain('2023-06');
      }
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("the workbook's 实际值 cells print it, and the sheet reads back to the stored period", async () => {
    for (const { lang, name, stock, sheet } of LANGS) {
      const input = presetInput(lang);
      const buf = await buildWorkbook(input);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(sheet)!;
      const rows: string[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      const row = rows.find((r) => r[0] === STOCK.series && r.includes(name) && r.some((c) => /438/.test(c)));
      expect(row, lang).toBeDefined();
      expect(row, lang).toContain(stock);
      expect(rows.flat(), lang).not.toContain('2023-06');
      const back = await readActualsSheet(buf);
      expect(back.errors).toEqual([]);
      expect(back.actuals.find((a) => a.series === STOCK.series && a.value === 438)?.period).toBe(STOCK.period);
    }
  });

  it("the final report's source list prints periods the same way", () => {
    for (const { lang, stock } of LANGS) {
      // figures of the target year: a flow's whole year and a stock's month end above its target
      const base = userActuals()[0]!;
      const actuals = [
        ...userActuals(),
        { ...base, id: 901, series: 'fine_steel_output', period: '2026', value: 950 },
        { ...base, id: 902, series: 'high_tech_enterprises', period: '2026-10', value: 5000 },
      ];
      const p = plan();
      const input = buildBriefingInput({
        plan: p,
        scenarios: presetScenarios(p, lang),
        actuals,
        language: lang,
        generated_at: GENERATED_AT,
      });
      const sources = buildFinalReport(input).sources;
      const steel = sources.find((s) => s.value.replace(/,/g, '') === '950');
      const firms = sources.find((s) => s.value.replace(/,/g, '') === '5000');
      expect(steel?.period, lang).toBe(lang === 'zh-CN' ? '2026年' : '2026');
      expect(firms?.period, lang).toBe(stock.replace('June 2023', 'October 2026').replace('2023年6月', '2026年10月'));
    }
  });
});
