/**
 * The year-to-date import of a sheet laid out as the statistics bureau prints it, in Chromium
 * through the web host (issue 16.2): the template downloads in the bulletin layout; a workbook
 * titled 2026年1-10月主要经济指标 with headers 指标名称 | 计量单位 | 1-10月累计 | 同比增长(%) shows
 * its column mapping (the guess preselected), the period read from it (editable), and the dry
 * run's preview by Chinese indicator name (规模以上工业增加值 as the plan's 规上工业增加值(现价));
 * a single quarter typed as the period is refused with the reason; a changed mapping is checked
 * again; 导入 stores the rows; a mapping the planner made is remembered for the next month's sheet.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinXlsx, type BulletinRow } from '../../fixtures/ytd/bulletin';
import { startStudio, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.go('data');
  await s.page.click('[data-testid="data-tab-ytd"]');
});
afterAll(async () => {
  await s?.close();
});

const TITLE = '2026年1-10月主要经济指标';
const ROWS: BulletinRow[] = [
  ['规模以上工业增加值', '亿元', 612.4, 7.2],
  ['进出口总额', '亿元', 95.3, 12.1],
  ['金盛兰精品钢产值', '亿元', 148.6, 5.5],
];
const stored = () => s.api.store.listActuals().filter((a) => /^\d{4}-\d{2}$/.test(a.period));
const value = (sel: string) => s.page.$eval(sel, (e) => (e as HTMLSelectElement).value);

async function choose(name: string, bytes: Buffer) {
  const file = path.join(s.dir, name);
  fs.writeFileSync(file, bytes);
  await s.page.setInputFiles('[data-testid="ytd-file"]', file);
  await s.page.waitForSelector('[data-testid="ytd-check"]');
}

async function openDialog() {
  await s.page.click('[data-testid="ytd-import-open"]');
  await s.page.waitForSelector('[data-testid="ytd-import"]');
}

describe('the bulletin layout in the year-to-date dialog', () => {
  it('下载模板 saves the template in the bulletin layout', async () => {
    await openDialog();
    expect(await s.page.textContent('[data-testid="ytd-import"]')).toContain('统计局公报的版式');
    await s.shoot('ytd-bulletin-choose');
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid="ytd-template"]')]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}年1-\d{1,2}月主要经济指标（导入模板）\.xlsx$/);
    const file = path.join(s.dir, 'template.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/^\d{4}年1-\d{1,2}月咸宁市主要经济指标$/);
    expect([1, 2, 4].map((c) => ws.getRow(2).getCell(c).value)).toEqual(['指标名称', '计量单位', '同比增长(%)']);
    expect(String(ws.getRow(2).getCell(3).value)).toMatch(/^1-\d{1,2}月累计$/);
  });

  it('shows the mapping guessed, the period from the header and what will be stored, by Chinese name', async () => {
    await choose('2026年1-10月主要经济指标.xlsx', await bulletinXlsx(ROWS, TITLE));
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="true"]');
    expect(await value('[data-testid="ytd-map-series"]')).toBe('0');
    expect(await value('[data-testid="ytd-map-unit"]')).toBe('1');
    expect(await value('[data-testid="ytd-map-cumulative"]')).toBe('2');
    expect(await value('[data-testid="ytd-map-growth"]')).toBe('3');
    expect(await value('[data-testid="ytd-map-month"]')).toBe('-1');
    expect(await s.page.inputValue('[data-testid="ytd-period"]')).toBe('2026年1-10月');
    expect(await s.page.getAttribute('[data-testid="ytd-period-from"]', 'data-from')).toBe('header');
    expect(await s.page.textContent('[data-testid="ytd-verdict"]')).toContain('可导入 3 条');
    const rows = s.page.locator('[data-testid="ytd-store-row"]');
    expect(await rows.count()).toBe(3);
    const first = rows.first();
    expect(await first.getAttribute('data-series')).toBe('industrial_va');
    expect(await first.getAttribute('data-period')).toBe('2026-10');
    const text = (await first.textContent()) ?? '';
    expect(text).toContain('规上工业增加值');
    expect(text).toContain('2026年1-10月');
    expect(text).toContain('612.4亿元');
    expect(text).toContain('7.2%');
    expect(text).not.toContain('industrial_va');
    expect(await s.page.textContent('[data-testid="ytd-import"] button[type="submit"]')).toContain('导入 3 条');
    expect(stored()).toEqual([]);
    await s.shoot('ytd-bulletin-dry-run');
  });

  it('a single quarter typed as the period is refused with the reason, nothing stored', async () => {
    await s.page.fill('[data-testid="ytd-period"]', '2026年三季度');
    // while the period is not checked, there is no import
    expect(await s.page.locator('[data-testid="ytd-import"] button[type="submit"]').count()).toBe(0);
    await s.page.click('[data-testid="ytd-recheck"]');
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="false"]');
    const bad = s.page.locator('[data-testid="ytd-rejected-row"]');
    expect(await bad.count()).toBe(1);
    expect(await bad.getAttribute('data-field')).toBe('period');
    expect(await bad.textContent()).toMatch(/三季度.*1-9月/);
    expect(await s.page.getAttribute('[data-testid="ytd-period-from"]', 'data-from')).toBe('refused');
    expect(await s.page.textContent('[data-testid="ytd-period-from"]')).toContain('2026年1-10月');
    expect(await s.page.locator('[data-testid="ytd-import"] button[type="submit"]').count()).toBe(0);
    expect(stored()).toEqual([]);
    await s.shoot('ytd-bulletin-quarter');
    // back to the sheet's own period: clearing the field and checking again reads it from the sheet
    await s.page.fill('[data-testid="ytd-period"]', '');
    await s.page.press('[data-testid="ytd-period"]', 'Enter');
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="true"]');
    expect(await s.page.inputValue('[data-testid="ytd-period"]')).toBe('2026年1-10月');
  });

  it('a changed mapping is checked again: growth mapped to no column leaves the growth out', async () => {
    await s.page.selectOption('[data-testid="ytd-map-growth"]', '-1');
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="true"]');
    expect(await s.page.locator('[data-testid="ytd-store-row"]').first().textContent()).not.toContain('7.2%');
    await s.page.selectOption('[data-testid="ytd-map-growth"]', '3');
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="true"]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="ytd-store-row"]')?.textContent?.includes('7.2%'));
  });

  it('导入 stores the three rows', async () => {
    await s.page.click('[data-testid="ytd-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="ytd-import"]', { state: 'detached' });
    const got = stored().map((a) => [a.series, a.period, a.value]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['industrial_va', '2026-10', 612.4],
        ['trade_total', '2026-10', 95.3],
        ['fine_steel_output', '2026-10', 148.6],
      ]),
    );
    expect(got).toHaveLength(3);
  });

  it("the planner's mapping is remembered for the next month's sheet with the same headers", async () => {
    // the growth header "±%" is not guessed: the planner maps it, and imports
    const layout = async (month: number, rows: BulletinRow[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('主要指标');
      ws.addRow([`2026年1-${month}月主要经济指标`]);
      ws.addRow(['指标名称', '计量单位', `1-${month}月`, '±%']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    await openDialog();
    await choose('1-11月.xlsx', await layout(11, [['进出口总额', '亿元', 104.9, 11.8]]));
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="true"]');
    expect(await value('[data-testid="ytd-map-growth"]')).toBe('-1');
    expect(await s.page.locator('[data-testid="ytd-remembered"]').count()).toBe(0);
    await s.page.selectOption('[data-testid="ytd-map-growth"]', '3');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="ytd-store-row"]')?.textContent?.includes('11.8%'));
    await s.page.click('[data-testid="ytd-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="ytd-import"]', { state: 'detached' });

    await openDialog();
    await choose('1-12月.xlsx', await layout(12, [['进出口总额', '亿元', 116.2, 11.5]]));
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="true"]');
    expect(await s.page.locator('[data-testid="ytd-remembered"]').count()).toBe(1);
    expect(await value('[data-testid="ytd-map-growth"]')).toBe('3');
    expect(await s.page.locator('[data-testid="ytd-store-row"]').first().textContent()).toContain('11.5%');
    expect(await s.page.inputValue('[data-testid="ytd-period"]')).toBe('2026年1-12月');
    await s.shoot('ytd-bulletin-remembered');
    await s.page.click('[data-testid="ytd-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="ytd-import"]', { state: 'detached' });
    expect(
      stored()
        .filter((a) => a.series === 'trade_total')
        .map((a) => a.period)
        .sort(),
    ).toEqual(['2026-10', '2026-11', '2026-12']);
    await s.assertClean();
  });

  it('speaks English in English: indicator names, periods and refusals', async () => {
    await s.go('settings');
    await s.page.click('[data-testid="lang-en"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'en');
    await s.go('data');
    await s.page.click('[data-testid="data-tab-ytd"]');
    await openDialog();
    // the 1-10月 figures are stored: an 1-9月 sheet above them is refused, named in English
    await choose('1-9月.xlsx', await bulletinXlsx([['规模以上工业增加值', '亿元', 640, 7.0]], '2026年1-9月主要经济指标', '1-9月累计'));
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="false"]');
    const refusal = (await s.page.textContent('[data-testid="ytd-rejected"]')) ?? '';
    expect(refusal).toContain('Value added of industry above designated size');
    expect(refusal).toContain('January–September 2026');
    expect(refusal).not.toContain('industrial_va');
    expect(await s.page.textContent('[data-testid="ytd-period-from"]')).toContain('January–September 2026');
    await s.shoot('ytd-bulletin-en-refused');
    await s.page.fill('[data-testid="ytd-period"]', '2026-08');
    await s.page.click('[data-testid="ytd-recheck"]');
    await s.page.waitForSelector('[data-testid="ytd-verdict"]:not([data-ok="stale"])');
    const labels = (await s.page.textContent('[data-testid="ytd-mapping"]')) ?? '';
    expect(labels).toContain('indicator');
    expect(labels).toContain('cumulative value');
    await s.page.click('[data-testid="ytd-import"] .dialog-foot button:not([type="submit"])');
    await s.go('settings');
    await s.page.click('[data-testid="lang-zh-CN"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  });
});
