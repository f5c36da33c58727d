/**
 * A published share entered on the Data screen (issue 15 item 3): the entry form lists every
 * target's own figure, derived series included (规上工业企业研发机构覆盖率, unit shown); 73.54% for
 * 2025 is stored on the share itself and the scoreboard's verdict moves from 滞后 to 提前实现. A
 * published growth rate (同比增长, GDP at comparable prices) is entered in percent whatever the
 * series' unit, listed as 同比 5.8%, and builds the comparable-price GDP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, settle, startStudio, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.page.waitForSelector('[data-testid="score-row"]');
});
afterAll(async () => {
  await s?.close();
});

const row = '[data-testid="score-row"][data-target="rd_institution_coverage"]';

describe('a published share on the Data screen', () => {
  it('规上工业企业研发机构覆盖率 73.54% for 2025 turns the scoreboard verdict from 滞后 to 提前实现', async () => {
    expect(await s.page.getAttribute(row, 'data-status')).toBe('lagging');
    await s.go('data');
    await s.page.waitForSelector('[data-testid="actuals-table"]');
    await s.page.click('[data-testid="data-add"]');
    await s.page.fill('[data-testid="af-series-input"]', '研发机构覆盖率');
    const option = s.page.locator('[data-testid="af-series-list"] [role="option"][data-value="rd_institution_coverage"]');
    expect(await option.textContent()).toContain('规上工业企业研发机构覆盖率（%）');
    await pick(s.page, 'af-series', '研发机构覆盖率', 'rd_institution_coverage');
    await s.page.fill('[data-testid="af-period"]', '2025');
    await s.page.fill('[data-testid="af-value"]', '73.54%');
    await s.page.fill('[data-testid="af-title"]', '2025年咸宁市国民经济和社会发展统计公报');
    await s.page.selectOption('[data-testid="af-reliability"]', 'official');
    await s.shoot('data-published-share-form');
    await s.page.keyboard.press('Enter');
    // a figure far from the computed share may ask to be confirmed before it is stored
    const asked = await Promise.race([
      s.page.waitForSelector('[data-testid="confirm-values"]').then(() => true),
      s.page.waitForSelector('[data-testid="actual-form"]', { state: 'detached' }).then(() => false),
    ]);
    if (asked) await s.page.click('[data-testid="confirm-values"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="actual-form"]', { state: 'detached' });
    const stored = s.api.store.listActuals().find((a) => a.series === 'rd_institution_coverage');
    expect(stored?.value).toBe(73.54);
    expect(stored?.period).toBe('2025');
    await s.page.waitForSelector('[data-testid="actual-row"][data-series="rd_institution_coverage"][data-period="2025"]');
    await s.go('scoreboard');
    await s.page.waitForSelector(`${row}[data-status="achieved_early"]`);
    const line = (await s.page.locator(`${row} [data-testid="verdict-line"]`).textContent()) ?? '';
    expect(line).toContain('提前实现');
    await s.page.locator(row).scrollIntoViewIfNeeded();
    await settle(s.page);
    await s.shoot('scoreboard-published-share');
    await s.assertClean();
  });

  it('地区生产总值同比增长 5.8% for 2024 is entered in percent, listed as 同比 5.8% and builds real GDP', async () => {
    await s.go('data');
    await s.page.waitForSelector('[data-testid="actuals-table"]');
    await s.page.click('[data-testid="data-add"]');
    await pick(s.page, 'af-series', '地区生产总值', 'gdp_nominal');
    await s.page.fill('[data-testid="af-period"]', '2024');
    await s.page.selectOption('[data-testid="af-kind"]', 'yoy');
    await s.page.fill('[data-testid="af-value"]', '5.8%');
    expect(await s.page.textContent('[data-testid="af-yoy-help"]')).toContain('可比价');
    await s.shoot('data-published-yoy-form');
    await s.page.fill('[data-testid="af-title"]', '2024年咸宁市国民经济和社会发展统计公报');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="actual-form"]', { state: 'detached' });
    const stored = s.api.store.listActuals().find((a) => a.series === 'gdp_nominal' && a.value_kind === 'yoy');
    expect(stored?.value).toBe(5.8);
    const cell = s.page.locator('[data-testid="actual-row"][data-series="gdp_nominal"][data-period="2024"] td.num');
    await expect.poll(async () => (await cell.allTextContents()).join('|')).toContain('同比 5.8%');
    const r = (await s.api.handlers['projection:run']({ id: 'baseline' }, { host: 'web' } as never)) as {
      series: Record<string, { values: Record<number, number> }>;
    };
    expect(r.series.gdp_real.values[2024]).toBeCloseTo(r.series.gdp_nominal.values[2023] * 1.058, 9);
    await s.page.locator('[data-testid="actual-row"][data-series="gdp_nominal"][data-period="2024"]').first().scrollIntoViewIfNeeded();
    await s.shoot('data-published-yoy');
    await s.assertClean();
  });
});
