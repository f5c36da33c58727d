/**
 * The annual import at 1366×768 (issue 16): a file whose column headers are long sentences (as
 * statistical tables have) keeps the column-mapping grid inside its dialog, nothing scrolls sideways.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio({ viewport: { width: 1366, height: 768 } });
  await s.open();
  await s.go('data');
  await s.page.waitForSelector('[data-testid="actuals-table"]');
});
afterAll(async () => {
  await s?.close();
});

describe('annual import at 1366×768', () => {
  it('keeps the mapping grid inside the dialog with long column headers', async () => {
    const long = (w: string) => `${w}（按咸宁市统计局2024年统计年鉴口径，含市直及各县市区合计，计量单位见表头说明）`;
    const headers = ['指标', '期间', '数值', long('来源'), long('来源网址'), long('发布日期'), '可靠性', long('备注')];
    const csv = `\ufeff${headers.join(',')}\r\n地区生产总值(现价),2024,1950.5,2024年统计公报,,2025-03-01,官方,\r\n`;
    const file = path.join(s.dir, '长表头.csv');
    fs.writeFileSync(file, csv);
    await s.page.click('[data-testid="data-import"]');
    await s.page.setInputFiles('[data-testid="import-file"]', file);
    await s.page.waitForSelector('[data-testid="import-mapping"]');
    const report = await s.page.evaluate(() => {
      const dialog = document.querySelector('[data-testid="import-dialog"]')!.getBoundingClientRect();
      const body = document.querySelector('[data-testid="import-dialog"] .dialog-body') as HTMLElement;
      const grid = document.querySelector('[data-testid="import-mapping"]') as HTMLElement;
      const out: string[] = [];
      if (dialog.right > document.documentElement.clientWidth || dialog.left < 0)
        out.push(`dialog outside the viewport ${JSON.stringify(dialog)} ${document.documentElement.clientWidth}`);
      if (body.scrollWidth > body.clientWidth + 1) out.push(`dialog body scrolls sideways (${body.scrollWidth} > ${body.clientWidth})`);
      if (grid.scrollWidth > grid.clientWidth + 1) out.push(`mapping grid overflows (${grid.scrollWidth} > ${grid.clientWidth})`);
      const gridBox = grid.getBoundingClientRect();
      for (const sel of grid.querySelectorAll('select')) {
        const r = sel.getBoundingClientRect();
        if (r.right > gridBox.right + 0.5 || r.left < gridBox.left - 0.5) out.push(`${sel.getAttribute('data-testid')} past the grid`);
      }
      return out;
    });
    expect(report).toEqual([]);
    // the long header is still the one chosen for its field
    expect(await s.page.$eval('[data-testid="map-source_title"]', (e) => (e as HTMLSelectElement).value)).toBe('3');
    await s.shoot('laptop-import-mapping');
    await s.assertClean();
  });
});
