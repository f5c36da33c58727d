/**
 * 数据征集 in Chromium through the web host: create a round, download the workbooks, import a
 * unit's filled workbook with a bad value (refused, the cell named), then the corrected one (stored
 * with a conflict), decide the conflict, and see the unit returned and the round's effect.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECT_COLUMNS } from '../../../models/collect';
import { settle, startStudio, type Studio } from '../harness';

let s: Studio;
const col = (key: string) => COLLECT_COLUMNS.findIndex((c) => c.key === key) + 1;
const SCI = '市科技局';
let sciWorkbook: Buffer;

beforeAll(async () => {
  s = await startStudio();
  s.api.store.addActuals(
    [
      {
        series: 'high_tech_enterprises',
        period: '2024',
        value: 520,
        source: { title: '市科技局年报', url: null, date: '2025-02-01', reliability: 'official' },
      },
    ],
    { author: '规划科' },
  );
  await s.open();
  await s.page.click('.rail-item[title="数据征集"]');
  await s.page.waitForSelector('.screen-collect');
});
afterAll(async () => {
  await s?.close();
});

async function filled(values: Record<string, unknown>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(sciWorkbook as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('填报')!;
  ws.getCell(3, 7).value = '李四';
  ws.getCell(4, 7).value = '2026-11-20';
  ws.eachRow((row, r) => {
    if (r <= 6) return;
    const key = `${String(row.getCell(col('series')).value)}@${String(row.getCell(col('period')).value)}`;
    if (key in values) {
      row.getCell(col('value')).value = values[key] as ExcelJS.CellValue;
      row.getCell(col('source')).value = '科技局台账';
      row.getCell(col('release_date')).value = '2026-11-15';
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('数据征集', () => {
  it('creates a round and downloads one workbook per unit', async () => {
    await s.page.click('[data-testid="collect-new"]');
    await s.page.waitForSelector('[data-testid="collect-new-form"]');
    await s.page.fill('[data-testid="collect-name"]', '2026年11月征集');
    await s.page.fill('[data-testid="collect-contact"]', '王五');
    await s.page.fill('[data-testid="collect-return-date"]', '2026-11-30');
    await s.page.fill('[data-testid="collect-month"]', '10');
    await s.shoot('collect-new');
    await s.page.click('[data-testid="collect-create"]');
    await s.page.waitForSelector('[data-testid="collect-units"]');
    const rows = s.page.locator('[data-testid="collect-unit-row"]');
    expect(await rows.count()).toBeGreaterThan(2);
    expect(await s.page.locator('[data-testid="collect-unit-row"][data-state="outstanding"]').count()).toBe(await rows.count());
    const downloads: { name: string; path: string }[] = [];
    s.page.on('download', (d) => {
      void d.path().then((p) => downloads.push({ name: d.suggestedFilename(), path: p }));
    });
    // 下载全部填报表: one zip holding one workbook per unit, named in Chinese
    await s.page.click('[data-testid="collect-download-all"]');
    await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(1);
    expect(downloads[0]!.name).toBe('数据征集-2026年11月征集.zip');
    const zip = await JSZip.loadAsync(fs.readFileSync(downloads[0]!.path));
    const names = Object.keys(zip.files);
    expect(names.length).toBe(await rows.count());
    expect(names).toContain(`数据征集-2026年11月征集-${SCI}.xlsx`);
    sciWorkbook = await zip.file(`数据征集-2026年11月征集-${SCI}.xlsx`)!.async('nodebuffer');
    // one unit's own button still downloads its workbook alone
    await s.page.locator('[data-testid="collect-unit-row"]', { hasText: SCI }).locator('button', { hasText: '下载' }).first().click();
    await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(2);
    expect(downloads[1]!.name).toBe(`数据征集-2026年11月征集-${SCI}.xlsx`);
    await s.shoot('collect-round');
  });

  it('refuses a workbook with a bad value and names the cell; stores the corrected one with a conflict', async () => {
    const before = s.api.store.listActuals().length;
    await s.page.setInputFiles('[data-testid="collect-import-input"]', [
      {
        name: '科技局-第一版.xlsx',
        mimeType: 'application/octet-stream',
        buffer: await filled({ 'high_tech_enterprises@2025': 600, 'little_giants@2025': -3 }),
      },
    ]);
    await s.page.waitForSelector('[data-testid="collect-report"].refused');
    expect(await s.page.textContent('[data-testid="collect-report"].refused')).toMatch(
      /国家级专精特新“小巨人”企业（2025年，填报!J\d+）：-3家 不能为负数/,
    );
    expect(s.api.store.listActuals().length).toBe(before);
    await s.page.waitForSelector(`[data-testid="collect-unit-row"][data-state="problems"]`);
    await s.shoot('collect-refused');

    await s.page.setInputFiles('[data-testid="collect-import-input"]', [
      {
        name: '科技局-更正.xlsx',
        mimeType: 'application/octet-stream',
        buffer: await filled({
          'high_tech_enterprises@2024': 530,
          'high_tech_enterprises@2025': 600,
          'high_tech_enterprises@2026-10': 655,
        }),
      },
    ]);
    await s.page.waitForSelector('[data-testid="collect-report"].stored');
    await s.page.waitForSelector('[data-testid="collect-conflict"]');
    expect(await s.page.textContent('[data-testid="collect-conflict"]')).toContain('520');
    const ytd = s.api.store.listActuals({ series: 'high_tech_enterprises' }).find((a) => a.period === '2026-10')!;
    expect(ytd).toMatchObject({ value: 655, entered_by: '李四' });
    expect(ytd.note).toContain('文件：科技局-更正.xlsx');
    await s.shoot('collect-conflict');
  });

  it('takes the returned figure, shows the unit returned and what the round changed', async () => {
    await s.page.click('[data-testid="collect-take"]');
    await s.page.waitForSelector('[data-testid="collect-conflict"]', { state: 'detached' });
    const row = s.page.locator('[data-testid="collect-unit-row"]', { hasText: SCI });
    await expect.poll(() => row.getAttribute('data-state')).toBe('returned');
    expect(s.api.store.latestActuals({ series: 'high_tech_enterprises' }).find((a) => a.period === '2024')?.value).toBe(530);
    expect(await s.page.textContent('[data-testid="collect-effect"]')).toMatch(/依赖假设的指标 \d+ → \d+ 个（共 62 个）/);
    await settle(s.page);
    await s.shoot('collect-returned');
    await s.assertClean();
  });
});
