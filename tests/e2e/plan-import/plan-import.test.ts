/**
 * Another plan from an Excel indicator table (issue 3): Settings shows the active plan; an .xlsx
 * built here (headers renamed and reordered, one bad row) is read, its columns matched (the guess
 * checked, one field changed by hand) with the preview highlighting them; 生成 refuses the whole
 * table (all or nothing), listing the bad row with its indicator, column and reason, and offers
 * neither download nor 启用; the corrected file chosen again (a GBK CSV) builds every row; the plan file
 * downloads; 启用 switches the app (reload)
 * and the scoreboard lists the new plan's targets; restoring the bundled plan brings the 62
 * targets back. The scoreboard row shows the plan's sentence and the search finds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, type Studio } from '../harness';
import { encodeGbk } from '../../integration/sheets/gbk';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.page.waitForSelector('[data-testid="score-row"]');
});
afterAll(async () => {
  await s?.close();
});

async function indicatorTable(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标表');
  ws.addRow(['序号', '目标值', '指标', '计量单位', '2025年基数', '完成年限', '牵头单位', '备注']);
  ws.addRow([1, 5000, '地区生产总值', '亿元', 4200, 2028, '市发改委', '']);
  ws.addRow([2, '30%以上', '数字经济占比', '%', 22, 2028, '市经信局、市政数局', '']);
  ws.addRow([3, 'abc', '坏的一行', '家', 1, 2028, '市科技局', '目标值写错了']);
  ws.addRow([5, '60', '规上工业企业', '家', '四十', '明年', '市经信局', '']);
  ws.addRow([4, 120, '高新技术企业', '家', 80, 2028, '市科技局', '']);
  await wb.xlsx.writeFile(file);
}

const mapValue = (f: string) => s.page.$eval(`[data-testid="pi-map-${f}"]`, (e) => (e as HTMLSelectElement).value);
const rows = () => s.page.locator('[data-testid="score-row"]').count();

async function waitForReload(): Promise<void> {
  await s.page.waitForEvent('load', { timeout: 30_000 });
  await s.page.waitForSelector('[data-testid="nav-scoreboard"]', { timeout: 30_000 });
  await s.page.waitForSelector('[data-testid="score-row"]', { timeout: 30_000 });
}

describe('the plan in the scoreboard', () => {
  it('shows the plan sentence under a row when asked, and when the search matched it', async () => {
    expect(await s.page.locator('[data-testid="source-line"]').count()).toBe(0);
    const title = await s.page.getAttribute('[data-testid="score-row"][data-target="fine_steel_output"] .cell-name', 'title');
    expect(title).toContain('工业4.0数字智能工厂');
    // a word only the plan's sentence has
    await s.page.fill('[data-testid="scoreboard-search"]', '数字智能工厂');
    await s.page.waitForFunction(() => document.querySelectorAll('[data-testid="score-row"]').length === 2);
    expect(await s.page.$$eval('[data-testid="score-row"]', (els) => els.map((e) => (e as HTMLElement).dataset.target))).toEqual([
      'fine_steel_output',
      'fine_steel_capacity_share',
    ]);
    expect(await s.page.locator('[data-testid="score-row"] [data-testid="source-line"]').count()).toBe(2);
    expect(await s.page.textContent('[data-testid="score-row"] [data-testid="source-line"]')).toContain('建设工业4.0数字智能工厂');
    await s.shoot('scoreboard-source-search');
    await s.page.fill('[data-testid="scoreboard-search"]', '');
    await s.page.check('[data-testid="show-source"]');
    expect(await s.page.locator('[data-testid="source-line"]').count()).toBe(62);
    await s.shoot('scoreboard-source-lines');
    await s.page.uncheck('[data-testid="show-source"]');
  });
});

describe('plan import', () => {
  let file = '';

  it('shows the active (bundled) plan in Settings', async () => {
    await s.go('settings');
    await s.page.waitForSelector('[data-testid="plan-section"]');
    expect(await s.page.textContent('[data-testid="plan-id"]')).toBe('xianning_nqpf_2024_2026');
    expect(await s.page.textContent('[data-testid="plan-title"]')).toContain('咸宁');
    expect(await s.page.locator('[data-testid="plan-restore"]').count()).toBe(0);
    await s.shoot('settings-plan');
  });

  it('reads the table and shows the guessed mapping with the mapped columns highlighted', async () => {
    file = path.join(s.dir, '某市指标表.xlsx');
    await indicatorTable(file);
    await s.page.click('[data-testid="plan-import-open"]');
    await s.page.waitForSelector('[data-testid="plan-import"]');
    await s.page.setInputFiles('[data-testid="plan-file"]', file);
    await s.page.waitForSelector('[data-testid="plan-mapping"]');
    expect(await mapValue('name')).toBe('2');
    expect(await mapValue('target')).toBe('1');
    expect(await mapValue('unit')).toBe('3');
    expect(await mapValue('target_year')).toBe('5');
    expect(await mapValue('responsible')).toBe('6');
    // the highlighted preview columns follow the mapping
    expect(await s.page.getAttribute('[data-testid="pi-preview"] th[data-mapped="name"]', 'data-mapped')).toBe('name');
    expect(await s.page.textContent('[data-testid="pi-preview"] th[data-mapped="target"]')).toContain('目标值');
    // the base year comes from the header "2025年基数"
    expect(await s.page.inputValue('[data-testid="pi-base"]')).toBe('2025');
    expect(await s.page.inputValue('[data-testid="pi-target"]')).toBe('2028');
    // the planner corrects the base value column by hand
    await s.page.selectOption('[data-testid="pi-map-base_value"]', '');
    expect(await s.page.locator('[data-testid="pi-preview"] th[data-mapped="base_value"]').count()).toBe(0);
    await s.page.selectOption('[data-testid="pi-map-base_value"]', '4');
    expect(await s.page.locator('[data-testid="pi-preview"] th[data-mapped="base_value"]').count()).toBe(1);
    // a column mapped twice is refused before anything is built
    await s.page.selectOption('[data-testid="pi-map-unit"]', '2');
    await s.page.click('[data-testid="plan-import"] button[type="submit"]');
    expect(await s.page.textContent('[data-testid="plan-import"] .inline-error')).toContain('C 列同时对应了');
    await s.page.selectOption('[data-testid="pi-map-unit"]', '3');
    await s.page.fill('[data-testid="pi-id"]', 'Other City');
    await s.page.fill('[data-testid="pi-title"]', '某市三年行动方案(2026—2028年)');
    await s.page.click('[data-testid="plan-import"] button[type="submit"]');
    expect(await s.page.textContent('[data-testid="plan-import"]')).toContain('规划编号只能包含小写英文字母');
    await s.page.fill('[data-testid="pi-id"]', 'other_city_2026_2028');
    await settle(s.page);
    await s.shoot('plan-mapping');
  });

  it('生成 refuses a table with bad rows as a whole, listing every bad row with its indicator and reasons', async () => {
    await s.page.click('[data-testid="plan-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="plan-result"]');
    expect(await s.page.getAttribute('[data-testid="plan-result"]', 'data-ok')).toBe('false');
    expect(await s.page.locator('[data-testid="plan-recognised"]').count()).toBe(0);
    expect(await s.page.locator('[data-testid="plan-target-row"]').count()).toBe(0);
    expect(await s.page.textContent('[data-testid="plan-errors"]')).toContain('表中有 2 行有误，未生成规划（整张表全部导入或全部不导入）');
    const bad = s.page.locator('[data-testid="plan-rejected-row"]');
    expect(await bad.count()).toBe(2);
    expect(await bad.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.row))).toEqual(['4', '5']);
    expect(await bad.nth(0).textContent()).toContain('坏的一行');
    expect(await bad.nth(0).textContent()).toContain('第4行「目标值」列(B列):目标值“abc”不是数字');
    // every reason of a row on its own line, each naming its column
    const second = await bad.nth(1).locator('li').allTextContents();
    expect(second).toHaveLength(2);
    expect(second[0]).toMatch(/^第5行「目标年」列\(F列,表头“完成年限”\):“明年”不是年份/);
    expect(second[1]).toMatch(/^第5行「基期值」列\(E列,表头“2025年基数”\):基期值“四十”无法读取/);
    expect(await bad.nth(1).textContent()).toContain('规上工业企业');
    // nothing to download or activate
    expect(await s.page.locator('[data-testid="plan-download"]').count()).toBe(0);
    expect(await s.page.locator('[data-testid="plan-import"] button[type="submit"]').count()).toBe(0);
    await settle(s.page);
    await s.shoot('plan-refused');
  });

  it('the corrected file, chosen again, builds a plan of every row', async () => {
    await s.page.click('[data-testid="plan-again"]');
    // corrected and saved as CSV by Excel on Chinese Windows (GBK), which the dialog reads as the .xlsx
    const fixed = path.join(s.dir, '某市指标表（改正）.csv');
    fs.writeFileSync(
      fixed,
      encodeGbk(
        [
          '序号,目标值,指标,计量单位,2025年基数,完成年限,牵头单位,备注',
          '1,5000,地区生产总值,亿元,4200,2028,市发改委,',
          '2,30%以上,数字经济占比,%,22,2028,市经信局、市政数局,',
          '3,50,省级研发平台,家,30,2028,市科技局,',
          '5,60,规上工业企业,家,40,2028,市经信局,',
          '4,120,高新技术企业,家,80,2028,市科技局,',
        ].join('\r\n'),
      ),
    );
    await s.page.setInputFiles('[data-testid="plan-file"]', fixed);
    await s.page.waitForSelector('[data-testid="plan-mapping"]');
    expect(await s.page.inputValue('[data-testid="pi-id"]')).toBe('other_city_2026_2028');
    await s.page.click('[data-testid="plan-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="plan-recognised"]');
    expect(await s.page.getAttribute('[data-testid="plan-recognised"]', 'data-n')).toBe('5');
    expect(await s.page.locator('[data-testid="plan-target-row"]').count()).toBe(5);
    expect(await s.page.textContent('[data-testid="plan-targets"]')).toContain('省级研发平台');
    expect(await s.page.locator('[data-testid="plan-rejected-row"]').count()).toBe(0);
    await settle(s.page);
    await s.shoot('plan-result');
  });

  it('downloads the plan file (JSON)', async () => {
    const [d] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid="plan-download"]')]);
    expect(d.suggestedFilename()).toBe('other_city_2026_2028.plan.json');
    const out = path.join(s.dir, d.suggestedFilename());
    await d.saveAs(out);
    const plan = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(plan.id).toBe('other_city_2026_2028');
    expect(plan.targets).toHaveLength(5);
  });

  it('启用: asks first, then the app works on the new plan with its own database', async () => {
    await s.page.click('[data-testid="plan-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="plan-activate-confirm"]');
    expect(await s.page.textContent('[data-testid="plan-activate-confirm"]')).toContain('other_city_2026_2028.sqlite');
    expect(await s.page.textContent('[data-testid="plan-activate-confirm"]')).toContain('情景会保留');
    await s.shoot('plan-activate-confirm');
    await Promise.all([waitForReload(), s.page.click('[data-testid="plan-activate-confirm"] button[type="submit"]')]);
    expect(await rows()).toBe(5);
    const names = await s.page.$$eval('[data-testid="score-row"] .name-text', (els) => els.map((e) => e.textContent));
    expect(names).toEqual(['地区生产总值', '数字经济占比', '省级研发平台', '规上工业企业', '高新技术企业']);
    expect(s.api.plan.id).toBe('other_city_2026_2028');
    await settle(s.page);
    await s.shoot('scoreboard-imported-plan');
  });

  it('Settings shows the imported plan; restoring the bundled plan brings the 62 targets back', async () => {
    await s.go('settings');
    expect(await s.page.textContent('[data-testid="plan-id"]')).toBe('other_city_2026_2028');
    await s.page.click('[data-testid="plan-restore"]');
    await s.page.waitForSelector('[data-testid="plan-restore-confirm"]');
    await Promise.all([waitForReload(), s.page.click('[data-testid="plan-restore-confirm"] button[type="submit"]')]);
    expect(await rows()).toBe(62);
    expect(s.api.plan.id).toBe('xianning_nqpf_2024_2026');
    await s.assertClean();
  });
});
