/**
 * The required effort in Chromium through the web host (issue 15): on the real plan's baseline,
 * 高新技术企业 (提前实现) reads 已达到 in the 所需 / 假设增速 column with its headroom in the tooltip, not
 * "-26.1% / 12.0%"; the intensity reductions assuming a smaller fall than required are red like a
 * rising target behind; a share's pair is marked 分子 with the numerator named. The workbench's KPI
 * and assumption card say the same. Screenshots at 1366x768 and 1920x1080.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
const row = (id: string) => s.page.locator(`[data-testid="score-row"][data-target="${id}"]`);

beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.page.waitForSelector('[data-testid="score-row"]');
});
afterAll(async () => {
  await s?.close();
});

describe('the required effort on the scoreboard', () => {
  it('高新技术企业 reads 已达到, the headroom in the tooltip, no bare negative rate', async () => {
    await s.page.fill('[data-testid="scoreboard-search"]', '高新技术企业');
    const cell = row('high_tech_enterprises').locator('[data-testid="cell-growth"]');
    await cell.waitFor();
    expect(await cell.getAttribute('data-effort')).toBe('reached');
    const req = cell.locator('[data-testid="growth-req"]');
    expect(await req.textContent()).toBe('已达到');
    expect(await req.getAttribute('title')).toContain('2026年可下降26.1%仍达标');
    expect(await cell.textContent()).not.toContain('-26.1%');
    expect(await cell.locator('.growth-reached').count()).toBe(1);
    await s.shoot('required-effort-reached');
  });

  it('a falling target behind its required fall is red; a share is marked 分子, the numerator named', async () => {
    await s.page.fill('[data-testid="scoreboard-search"]', '');
    for (const id of ['energy_intensity_reduction', 'co2_intensity_reduction']) {
      const cell = row(id).locator('[data-testid="cell-growth"]');
      expect(await cell.getAttribute('data-effort')).toBe('needed');
      expect(await cell.locator('.growth-behind').count()).toBe(1);
    }
    const share = row('digital_economy_share_gdp').locator('[data-testid="cell-growth"]');
    expect(await share.locator('.growth-tag').textContent()).toBe('分子');
    expect(await share.locator('[data-testid="growth-req"]').getAttribute('title')).toContain('所需、假设增速均为分子（');
    await s.page.fill('[data-testid="scoreboard-search"]', '降幅');
    await row('industrial_water_intensity_reduction').waitFor();
    expect(await row('industrial_water_intensity_reduction').locator('.growth-behind').count()).toBe(1);
    await s.shoot('required-effort-falling');
    await s.page.fill('[data-testid="scoreboard-search"]', '占');
    await row('digital_economy_share_gdp').waitFor();
    await s.shoot('required-effort-numerator');
  });
});

describe('the required effort on a slide', () => {
  it('高新技术企业 reads 已达到 with the headroom in presentation mode', async () => {
    await s.page.fill('[data-testid="scoreboard-search"]', '高新技术企业');
    await row('high_tech_enterprises').waitFor();
    await s.page.click('[data-testid="present-start"]');
    await s.page.waitForSelector('[data-testid="presentation"]');
    await waitForChart(s.page, '[data-testid="present-chart"] .plot-surface');
    const fact = s.page.locator('[data-testid="slide-effort"]');
    expect(await fact.getAttribute('data-effort')).toBe('reached');
    expect(await fact.textContent()).toMatch(/^已达到 \/ \d+\.\d%2026年可下降26\.1%仍达标$/);
    await s.shoot('required-effort-slide');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="presentation"]', { state: 'detached' });
  });
});

describe('the required effort on the workbench', () => {
  it('高新技术企业: 已达到 in the KPI with the headroom below, and on the assumption card', async () => {
    await s.go('workbench');
    await s.page.fill('[data-testid="wb-search"]', '高新技术企业');
    await s.page.click('[data-testid="wb-item"][data-target="high_tech_enterprises"]');
    await waitForChart(s.page);
    const kpi = s.page.locator('[data-testid="wb-effort"]');
    expect(await kpi.getAttribute('data-effort')).toBe('reached');
    expect(await s.page.textContent('[data-testid="wb-required"]')).toMatch(/^已达到 \/ \d+\.\d%$/);
    expect(await s.page.textContent('[data-testid="wb-headroom"]')).toBe('2026年可下降26.1%仍达标');
    const card = s.page.locator('[data-testid="asm-high_tech_enterprises-required"]');
    expect(await card.getAttribute('data-effort')).toBe('reached');
    expect(await s.page.textContent('[data-testid="asm-high_tech_enterprises-required-rate"]')).toBe('已达到');
    expect(await s.page.textContent('[data-testid="asm-high_tech_enterprises-headroom"]')).toBe('2026年可下降26.1%仍达标');
    await s.shoot('required-effort-workbench-reached');
  });

  it('数字经济占比: the pair labelled 分子所需 / 假设年均增速, the numerator named on its card', async () => {
    await s.page.fill('[data-testid="wb-search"]', '数字经济');
    await s.page.click('[data-testid="wb-item"][data-target="digital_economy_share_gdp"]');
    await waitForChart(s.page);
    expect(await s.page.textContent('[data-testid="wb-effort"] .kpi-label')).toBe('分子所需 / 假设年均增速');
    const note = s.page.locator('[data-testid$="-numerator-note"]');
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toMatch(/^所需、假设增速均为分子（.+）的年均增速，分母按其测算值$/);
    await note.scrollIntoViewIfNeeded();
    await s.shoot('required-effort-workbench-numerator');
    await s.assertClean();
  });
});
