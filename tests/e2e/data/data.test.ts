/**
 * Data: enter an actual with its source, correct it (a new vintage), and import a CSV with bad
 * rows. Policy under test: the server reads the file (CSV in any encoding Excel writes, or xlsx);
 * the rejected rows are listed with their reasons and a file with any rejected row stores nothing
 * (all or nothing); nothing is written until the planner confirms.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, settle, startStudio, type Studio } from '../harness';
import { encodeGbk } from '../../integration/sheets/gbk';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.go('data');
  await s.page.waitForSelector('[data-testid="actuals-table"]');
});
afterAll(async () => {
  await s?.close();
});

const row = (series: string, period: string) => `[data-testid="actual-row"][data-series="${series}"][data-period="${period}"]`;

describe('data', () => {
  it('lists the plan file actuals with their sources', async () => {
    expect(await s.page.locator('[data-testid="actual-row"]').count()).toBeGreaterThan(10);
    expect(await s.page.textContent(row('high_tech_enterprises', '2025'))).toContain('≥ 920家');
    await s.shoot('data');
  });

  it('enters an actual with its source; a bad period names the field', async () => {
    await s.page.click('[data-testid="data-add"]');
    await pick(s.page, 'af-series', '高新技术', 'high_tech_enterprises');
    await s.page.fill('[data-testid="af-period"]', '明年');
    await s.page.fill('[data-testid="af-value"]', '850');
    await s.page.fill('[data-testid="af-title"]', '咸宁市科技局2024年工作总结');
    await s.page.fill('[data-testid="af-url"]', 'http://kjj.xianning.gov.cn/example');
    await s.page.fill('[data-testid="af-date"]', '2025/3/1');
    await s.page.selectOption('[data-testid="af-reliability"]', 'official');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="actual-form"] .inline-error');
    expect(await s.page.textContent('[data-testid="actual-form"]')).toContain('期间：格式应为');
    await s.shoot('data-form');
    expect(s.api.store.listActuals().length).toBe(0);
    await s.page.fill('[data-testid="af-period"]', '2024年');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector(row('high_tech_enterprises', '2024'));
    const stored = s.api.store.listActuals();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      series: 'high_tech_enterprises',
      period: '2024',
      value: 850,
      source: { title: '咸宁市科技局2024年工作总结', date: '2025-03-01', reliability: 'official' },
    });
  });

  it('corrects it as a new vintage, the old one kept and marked', async () => {
    await s.page.click(`${row('high_tech_enterprises', '2024')} [data-testid="actual-correct"]`);
    await s.page.fill('[data-testid="af-value"]', '862');
    await s.page.fill('[data-testid="af-note"]', '按认定名单更正');
    // Enter in the note starts a new line; Ctrl+Enter submits the dialog from there
    await s.page.keyboard.press('Control+Enter');
    await s.page.waitForSelector(`${row('high_tech_enterprises', '2024')}.superseded`);
    expect(
      s.api.store
        .listActuals()
        .map((a) => a.value)
        .sort(),
    ).toEqual([850, 862]);
    expect(await s.page.locator(row('high_tech_enterprises', '2024')).count()).toBe(2);
    await s.assertClean();
  });

  it('imports a CSV all or nothing: previews, maps columns, lists rejected rows with reasons and stores nothing until the file is fixed', async () => {
    const good =
      '\ufeff指标,期间,数值,来源,可靠性\r\n' +
      '地区生产总值(现价),2024,"1,950.5",2024年统计公报,官方\r\n' +
      '"规上工业企业数",2024,921,"企业名录, 2024年",内部\r\n';
    const bad =
      good +
      '不存在的序列,2024,12,某来源,官方\r\n' +
      '高新技术企业,2023,abc,某来源,官方\r\n' +
      '行政村5G通达率,2024,130,某来源,官方\r\n' +
      '地区生产总值(现价),2024,1950,某来源,官方\r\n';
    const file = path.join(s.dir, '补录数据.csv');
    fs.writeFileSync(file, bad);
    const before = s.api.store.listActuals().length;
    await s.page.click('[data-testid="data-import"]');
    await s.page.setInputFiles('[data-testid="import-file"]', file);
    await s.page.waitForSelector('[data-testid="import-mapping"]');
    expect(await s.page.$eval('[data-testid="map-series"]', (e) => (e as HTMLSelectElement).value)).toBe('0');
    expect(await s.page.$eval('[data-testid="map-source_title"]', (e) => (e as HTMLSelectElement).value)).toBe('3');
    expect(await s.page.textContent('[data-testid="import-preview"]')).toContain('企业名录, 2024年');
    await s.shoot('data-import-mapping');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="import-summary"]');
    expect(await s.page.textContent('[data-testid="import-summary"]')).toContain('2 行可导入');
    const rejected = await s.page.locator('[data-testid="rejected-row"]').allTextContents();
    // every reason names the column to fix (issue 16): the indicator, the value, the range, the duplicate
    expect(rejected).toHaveLength(4);
    expect(rejected[0]).toContain('序列（A 列）：找不到序列“不存在的序列”');
    expect(rejected[1]).toContain('数值（C 列）：“abc”不是数字');
    expect(rejected[2]).toContain('行政村5G通达率（第6行 C列“数值”）：130% 超出允许范围，允许 0–100%');
    expect(rejected[3]).toContain('与第 2 行的序列（A 列）和期间（B 列）重复');
    expect(await s.page.textContent('[data-testid="import-policy"]')).toContain('整份文件都不导入');
    expect(await s.page.isDisabled('[data-testid="import-dialog"] button[type="submit"]')).toBe(true);
    await s.shoot('data-import-rejected');
    expect(s.api.store.listActuals().length).toBe(before);

    // the planner fixes the file and chooses it again: the whole file is stored
    fs.writeFileSync(file, good);
    await s.page.click('[data-testid="import-again"]');
    await s.page.setInputFiles('[data-testid="import-file"]', file);
    await s.page.waitForSelector('[data-testid="import-mapping"]');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="import-summary"]');
    expect(await s.page.textContent('[data-testid="import-summary"]')).toContain('2 行可导入');
    expect(await s.page.textContent('[data-testid="import-policy"]')).toContain('整份文件一起导入');
    await s.page.click('[data-testid="import-dialog"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    const after = s.api.store.listActuals();
    expect(after.length).toBe(before + 2);
    expect(after.find((a) => a.series === 'gdp_nominal')).toMatchObject({
      period: '2024',
      value: 1950.5,
      source: { reliability: 'official' },
    });
    await settle(s.page);
    expect(await s.page.locator(row('gdp_nominal', '2024')).count()).toBe(1);
    await s.assertClean();
  });

  it('imports a GBK CSV as Excel in China saves it, with a title row above the header', async () => {
    const file = path.join(s.dir, '统计月报.csv');
    fs.writeFileSync(file, encodeGbk('咸宁市主要经济指标\r\n指标,期间,数值,来源,可靠性\r\n高新技术企业,2025,655,市科技局名单,官方\r\n'));
    await s.page.click('[data-testid="data-import"]');
    await s.page.setInputFiles('[data-testid="import-file"]', file);
    await s.page.waitForSelector('[data-testid="import-mapping"]');
    expect(await s.page.textContent('[data-testid="import-preview"]')).toContain('市科技局名单');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="import-summary"]');
    await s.page.click('[data-testid="import-dialog"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    expect(s.api.store.listActuals().find((a) => a.series === 'high_tech_enterprises' && a.period === '2025')).toMatchObject({
      value: 655,
      source: { title: '市科技局名单' },
    });
    await s.assertClean();
  });

  it("names a damaged workbook in the planner's words, not the zip library's", async () => {
    const file = path.join(s.dir, '损坏.xlsx');
    fs.writeFileSync(file, Buffer.from('PK\u0003\u0004 not really a workbook'));
    await s.page.click('[data-testid="data-import"]');
    await s.page.setInputFiles('[data-testid="import-file"]', file);
    const msg = await s.page.waitForSelector('[data-testid="import-dialog"] .inline-error, [data-testid="import-dialog"] [role="alert"]');
    const text = (await msg.textContent()) ?? '';
    expect(text).toMatch(/损坏|无法读取|不是/);
    expect(text).not.toMatch(/central directory|Corrupted zip/i);
    await s.shoot('data-import-damaged');
    await s.page.click('[data-testid="import-dialog"] .dialog-head button');
    await s.page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    await s.assertClean();
  });

  it('reads an Excel workbook on the server (the bundle carries no exceljs)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('实际值');
    ws.addRow(['序列', '期间', '数值', '来源', '可靠性']);
    ws.addRow(['省级专精特新企业', '2024年', 271, '市经信局名单', '官方']);
    ws.addRow(['省级专精特新企业', '2025', '≥300', '新闻发布会', '转载']);
    const file = path.join(s.dir, '专精特新.xlsx');
    await wb.xlsx.writeFile(file);
    await s.page.click('[data-testid="data-import"]');
    await s.page.setInputFiles('[data-testid="import-file"]', file);
    await s.page.waitForSelector('[data-testid="import-mapping"]');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="import-summary"]');
    expect(await s.page.textContent('[data-testid="import-summary"]')).toContain('2 行可导入');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    const rows = s.api.store.listActuals().filter((a) => a.series === 'provincial_specialised_smes');
    expect(rows.map((a) => [a.period, a.value, a.value_kind]).sort()).toEqual([
      ['2024', 271, 'actual'],
      ['2025', 300, 'lower_bound'],
    ]);
    await s.assertClean();
  });
});
