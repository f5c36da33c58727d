/** Compare: two scenarios, the table of target-year values with status, small multiples, the diff. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

describe('compare', () => {
  it('compares baseline and stretch: values, status, small multiples, assumption diff with effects', async () => {
    const page = s.page;
    await s.go('compare');
    await page.waitForSelector('[data-testid="compare-table"]', { timeout: 30_000 });
    const on = await page.locator('[data-testid="compare-pill"][aria-pressed="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(on).toEqual(['基准情景', '乐观情景']);
    const rows = await page.locator('[data-testid="compare-row"]').count();
    expect(rows).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="compare-row"]').first().locator('.chip').count()).toBe(2);
    // the diff lists the assumptions that differ and what each one moves
    await page.waitForSelector('[data-testid="diff-row"]');
    const diffRows = await page.locator('[data-testid="diff-row"]').count();
    expect(diffRows).toBe(15);
    expect(await page.textContent('[data-testid="diff"]')).toContain('地区生产总值(现价)');
    expect(await page.locator('[data-testid="diff"] .effects li').count()).toBeGreaterThan(0);
    // small multiples draw as they scroll into view
    await page.locator('[data-testid="multiple"]').first().scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid="multiple"] .main-svg');
    await page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0));
    await settle(page);
    await s.shoot('compare');
    await page.locator('[data-testid="multiples"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="multiple"] .main-svg').length >= 3);
    await s.shoot('compare-multiples');
    await s.assertClean();
  });

  it('shows every indicator or only the headline ones, and needs two scenarios', async () => {
    const page = s.page;
    await page.click('[data-testid="compare-only-all"]');
    expect(await page.locator('[data-testid="compare-row"]').count()).toBe(62);
    await page.click('[data-testid="compare-only-headline"]');
    expect(await page.locator('[data-testid="compare-row"]').count()).toBe(3);
    await page.click('[data-testid="compare-pill"][data-name="保守情景"]');
    await page.waitForFunction(() => document.querySelectorAll('.compare-table thead th').length === 5);
    expect(await page.locator('[data-testid="diff"]').count()).toBe(2);
    await page.click('[data-testid="compare-pill"][data-name="乐观情景"]');
    await page.click('[data-testid="compare-pill"][data-name="保守情景"]');
    expect(await page.textContent('.empty')).toContain('请至少选择两个情景');
    await s.assertClean();
  });
});
