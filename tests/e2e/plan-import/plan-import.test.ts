/**
 * Another plan from an Excel indicator table (issue 3): Settings shows the active plan; an .xlsx
 * built here (headers renamed and reordered, one bad row) is read, its columns matched (the guess
 * checked, one field changed by hand) with the preview highlighting them; 生成 lists the targets
 * and the rejected row with its reason; the plan file downloads; 启用 switches the app (reload)
 * and the scoreboard lists the new plan's targets; restoring the bundled plan brings the 62
 * targets back. The scoreboard row shows the plan's sentence and the search finds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, type Studio } from '../harness';

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

  it('生成: the targets recognised and the rejected row with its reason', async () => {
    await s.page.click('[data-testid="plan-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="plan-result"]');
    expect(await s.page.getAttribute('[data-testid="plan-recognised"]', 'data-n')).toBe('3');
    expect(await s.page.locator('[data-testid="plan-target-row"]').count()).toBe(3);
    expect(await s.page.textContent('[data-testid="plan-targets"]')).toContain('数字经济占比');
    const bad = s.page.locator('[data-testid="plan-rejected-row"]');
    expect(await bad.count()).toBe(1);
    expect(await bad.getAttribute('data-row')).toBe('4');
    expect(await bad.textContent()).toMatch(/目标值/);
    await s.shoot('plan-result');
  });

  it('downloads the plan file (JSON)', async () => {
    const [d] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid="plan-download"]')]);
    expect(d.suggestedFilename()).toBe('other_city_2026_2028.plan.json');
    const out = path.join(s.dir, d.suggestedFilename());
    await d.saveAs(out);
    const plan = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(plan.id).toBe('other_city_2026_2028');
    expect(plan.targets).toHaveLength(3);
  });

  it('启用: asks first, then the app works on the new plan with its own database', async () => {
    await s.page.click('[data-testid="plan-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="plan-activate-confirm"]');
    expect(await s.page.textContent('[data-testid="plan-activate-confirm"]')).toContain('other_city_2026_2028.sqlite');
    expect(await s.page.textContent('[data-testid="plan-activate-confirm"]')).toContain('情景会保留');
    await s.shoot('plan-activate-confirm');
    await Promise.all([waitForReload(), s.page.click('[data-testid="plan-activate-confirm"] button[type="submit"]')]);
    expect(await rows()).toBe(3);
    const names = await s.page.$$eval('[data-testid="score-row"] .name-text', (els) => els.map((e) => e.textContent));
    expect(names).toEqual(['地区生产总值', '数字经济占比', '高新技术企业']);
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
