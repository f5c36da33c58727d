/**
 * Searchable series pickers (issue 16 item 6): the Data screen's filter and the entry form's
 * series list (72 input series) filter as one types — Chinese name substring, id or English
 * name — and are driven by the keyboard alone (ArrowDown/ArrowUp, Enter, Escape).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from '../harness';

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

const options = () =>
  s.page.$$eval('[data-testid="data-filter-series-list"] [role="option"]', (els) => els.map((e) => e.getAttribute('data-value')));

describe('series pickers', () => {
  it('the filter lists every series (derived ones carry entered figures too) and narrows as one types a Chinese name', async () => {
    await s.page.click('[data-testid="data-filter-series-input"]');
    expect(await options()).toHaveLength(s.api.plan.series.length + 1); // + 全部序列
    await s.page.keyboard.type('高新技术');
    const hits = await options();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits).toContain('high_tech_enterprises');
    for (const id of hits) expect(s.api.plan.series.find((x) => x.id === id)!.name_zh).toContain('高新技术');
    await s.shoot('data-series-picker');
  });

  it('keyboard only: ArrowDown and Enter choose, the table shows that series only', async () => {
    await s.page.fill('[data-testid="data-filter-series-input"]', '地区生产总值(现价)');
    const first = (await options())[0]!;
    expect(first).toBe('gdp_nominal');
    // the first match is active; ArrowDown then ArrowUp comes back to it
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('ArrowUp');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="data-filter-series"][data-value="gdp_nominal"]');
    expect(await s.page.inputValue('[data-testid="data-filter-series-input"]')).toBe('地区生产总值(现价)');
    const rows = await s.page.$$eval('[data-testid="actual-row"]', (els) => [...new Set(els.map((e) => e.getAttribute('data-series')))]);
    expect(rows).toEqual(['gdp_nominal']);
  });

  it('an id or an English name finds the series too; no match says so; Escape keeps the choice', async () => {
    await s.page.fill('[data-testid="data-filter-series-input"]', 'high_tech_enter');
    expect(await options()).toEqual(['high_tech_enterprises']);
    await s.page.fill('[data-testid="data-filter-series-input"]', 'GDP');
    expect(await options()).toContain('gdp_nominal');
    await s.page.fill('[data-testid="data-filter-series-input"]', '不存在的指标');
    expect(await s.page.textContent('[data-testid="data-filter-series-list"]')).toContain('没有匹配项');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="data-filter-series-list"]', { state: 'detached' });
    expect(await s.page.getAttribute('[data-testid="data-filter-series"]', 'data-value')).toBe('gdp_nominal');
    expect(await s.page.inputValue('[data-testid="data-filter-series-input"]')).toBe('地区生产总值(现价)');
    // back to all series
    await s.page.fill('[data-testid="data-filter-series-input"]', '全部');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="data-filter-series"][data-value=""]');
  });

  it("the entry form's picker: typing and Enter choose the series without submitting the form", async () => {
    await s.page.click('[data-testid="data-add"]');
    await s.page.waitForSelector('[data-testid="actual-form"]');
    // the picker has the focus when the form opens
    await s.page.keyboard.type('精品钢');
    await s.page.waitForSelector('[data-testid="af-series-list"] [role="option"]');
    await s.shoot('data-form-series-picker');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="af-series"][data-value="fine_steel_output"]');
    // still open: Enter chose, it did not submit
    expect(await s.page.locator('[data-testid="actual-form"]').count()).toBe(1);
    expect(await s.page.locator('[data-testid="actual-form"] .inline-error').count()).toBe(0);
    expect(await s.page.inputValue('[data-testid="af-series-input"]')).toContain('金盛兰精品钢');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="actual-form"]', { state: 'detached' });
    await s.assertClean();
  });
});
