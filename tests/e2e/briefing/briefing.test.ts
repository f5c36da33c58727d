/**
 * Briefing pack and chart export (issue 8): Ctrl+E (the menu's 导出汇报材料) opens the dialog with
 * the current scenario ticked; the Excel workbook downloads and opens with its 情景汇总 sheet; the
 * PDF downloads and its text says 汇报材料; Cancel abandons a running export and the dialog stays
 * usable; the workbench chart downloads as PNG and SVG without breaking the CSP.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdf } from '../../../api/chromium-pdf';
import { settle, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
/** While set, the PDF renderer (the real Chromium one) waits for it: the Cancel test holds the export. */
let pdfHold: Promise<void> | null = null;
beforeAll(async () => {
  s = await startStudio({
    renderPdf: async (html) => {
      if (pdfHold) await pdfHold;
      return chromiumPdf(html);
    },
  });
  // five scenarios: the plan's presets and two of the planners'
  s.api.store.create({ name: '汇报测试甲', parent_id: 'baseline' });
  s.api.store.create({ name: '汇报测试乙', parent_id: 'baseline' });
  await s.open();
  await s.page.waitForSelector('[data-testid="score-row"]');
});
afterAll(async () => {
  await s?.close();
});

const dialog = '[data-testid="briefing-dialog"]';

async function download(trigger: () => Promise<void>, timeout = 60_000): Promise<{ name: string; file: string }> {
  const [d] = await Promise.all([s.page.waitForEvent('download', { timeout }), trigger()]);
  const file = path.join(s.dir, d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file };
}

describe('briefing export', () => {
  it('Ctrl+E opens the dialog with the current scenario ticked', async () => {
    await s.page.keyboard.press('Control+e');
    await s.page.waitForSelector(dialog);
    const checked = await s.page.$$eval('[data-testid="bf-scenario"]:checked', (els) => els.map((e) => (e as HTMLInputElement).dataset.id));
    const current = await s.page.$eval('[data-testid="scenario-select"]', (e) => (e as HTMLSelectElement).value);
    expect(checked).toEqual([current]);
    expect(await s.page.textContent('[data-testid="bf-count"]')).toContain('1 / 4');
    await s.shoot('briefing-dialog');
  });

  it('refuses a fifth scenario and an export without a file type', async () => {
    const boxes = s.page.locator('[data-testid="bf-scenario"]');
    const n = await boxes.count();
    expect(n).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < n && (await s.page.locator('[data-testid="bf-scenario"]:checked').count()) < 4; i++) {
      if (!(await boxes.nth(i).isChecked())) await boxes.nth(i).check();
    }
    expect(await s.page.locator('[data-testid="bf-scenario"]:checked').count()).toBe(4);
    expect(await s.page.locator('[data-testid="bf-scenario"]:not(:checked)').first().isDisabled()).toBe(true);
    await s.page.uncheck('[data-testid="bf-xlsx"]');
    await s.page.uncheck('[data-testid="bf-pdf"]');
    expect(await s.page.textContent(dialog)).toContain('请至少选择一种文件');
    expect(await s.page.isDisabled(`${dialog} button[type="submit"]`)).toBe(true);
    // back to the current scenario only
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector(dialog, { state: 'detached' });
  });

  it('exports the Excel workbook: it downloads and opens with the 情景汇总 sheet', async () => {
    await s.page.click('[data-testid="briefing-open"]');
    await s.page.waitForSelector(dialog);
    await s.page.uncheck('[data-testid="bf-pdf"]');
    const { name, file } = await download(() => s.page.click(`${dialog} button[type="submit"]`));
    expect(name).toMatch(/^汇报材料-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toContain('情景汇总');
    await s.page.waitForSelector(dialog, { state: 'detached' });
    await s.page.waitForSelector('[data-testid="toast"]:has-text("已导出")');
  });

  it('exports the PDF with progress shown: its text says 汇报材料', async () => {
    await s.page.keyboard.press('Control+e');
    await s.page.waitForSelector(dialog);
    await s.page.uncheck('[data-testid="bf-xlsx"]');
    const { name, file } = await download(async () => {
      await s.page.click(`${dialog} button[type="submit"]`);
      await s.page.waitForSelector('[data-testid="bf-progress"] [data-format="pdf"][data-state="running"]');
      await s.shoot('briefing-running');
    }, 90_000);
    expect(name).toMatch(/\.pdf$/);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('汇报材料');
  });

  it('exports the final evaluation report as Word: it downloads and LibreOffice-readable XML holds the completion table', async () => {
    await s.page.keyboard.press('Control+e');
    await s.page.waitForSelector(dialog);
    await s.page.uncheck('[data-testid="bf-xlsx"]');
    await s.page.uncheck('[data-testid="bf-pdf"]');
    await s.page.check('[data-testid="bf-docx"]');
    await s.shoot('briefing-final-report');
    const { name, file } = await download(() => s.page.click(`${dialog} button[type="submit"]`));
    expect(name).toMatch(/^终期评估报告-.*\.docx$/);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(xml).toContain('主要指标完成情况表');
    expect(xml).toContain('金盛兰精品钢产值');
    await s.page.waitForSelector(dialog, { state: 'detached' });
  });

  it('Cancel abandons a running PDF export; the dialog stays usable', async () => {
    await s.page.keyboard.press('Control+e');
    await s.page.waitForSelector(dialog);
    await s.page.uncheck('[data-testid="bf-xlsx"]');
    // the PDF is held until the planner has cancelled, so the export is surely still running
    let release = (): void => undefined;
    pdfHold = new Promise<void>((resolve) => (release = resolve));
    await s.page.click(`${dialog} button[type="submit"]`);
    await s.page.waitForSelector('[data-testid="bf-progress"] [data-state="running"]');
    // the dialog answers while the PDF is being made
    await s.page.click(`${dialog} .dialog-foot button:not([type="submit"])`);
    await s.page.waitForSelector(`${dialog} .notice:has-text("已取消")`);
    pdfHold = null;
    release();
    expect(await s.page.isEnabled('[data-testid="bf-pdf"]')).toBe(true);
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector(dialog, { state: 'detached' });
    // the abandoned file is never offered: no download for a few seconds
    const late = await s.page.waitForEvent('download', { timeout: 8000 }).then(
      () => true,
      () => false,
    );
    expect(late).toBe(false);
  });

  it('in English the dialog speaks English', async () => {
    await s.go('settings');
    await s.page.click('[data-testid="lang-en"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'en');
    await s.page.keyboard.press('Control+e');
    await s.page.waitForSelector(dialog);
    expect(await s.page.textContent(dialog)).toContain('Export briefing');
    expect(await s.page.getAttribute('[data-testid="bf-lang-en"]', 'aria-checked')).toBe('true');
    await s.shoot('briefing-dialog-en');
    await s.page.keyboard.press('Escape');
    await s.page.click('[data-testid="lang-zh-CN"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  });
});

describe('chart export', () => {
  it('downloads the workbench chart as PNG and SVG', async () => {
    await s.go('workbench');
    await waitForChart(s.page);
    await settle(s.page);
    const png = await download(() => s.page.click('[data-testid="chart-export-png"]'));
    expect(png.name).toMatch(/\.png$/);
    const head = fs.readFileSync(png.file).subarray(0, 8);
    expect([...head]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(fs.statSync(png.file).size).toBeGreaterThan(10_000);
    const svg = await download(() => s.page.click('[data-testid="chart-export-svg"]'));
    expect(svg.name).toMatch(/\.svg$/);
    const text = fs.readFileSync(svg.file, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('</svg>');
    await s.shoot('workbench-chart-export');
    await s.assertClean();
  });

  it('downloads a small multiple of the compare screen as PNG (buttons shown on hover)', async () => {
    await s.go('compare');
    const first = s.page.locator('[data-testid="multiple"]').first();
    // the small multiples draw when they scroll into view
    await first.scrollIntoViewIfNeeded();
    await first.locator('.plot-surface .main-svg').first().waitFor({ timeout: 30_000 });
    await first.hover();
    const png = await download(() => first.locator('[data-testid="multiple-export-png"]').click());
    expect(png.name).toMatch(/-情景对比\.png$/);
    expect([...fs.readFileSync(png.file).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await s.shoot('compare-multiple-export');
    await s.assertClean();
  });
});
