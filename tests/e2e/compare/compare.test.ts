/** Compare: two scenarios, the table of target-year values with status, small multiples, the diff. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, type Studio } from '../harness';
import type { HandlerContext } from '../../../contract';
import type { SimulationResult } from '../../../models/montecarlo';
import { formatProbability } from '../../../models/probability';

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
    const on = await page
      .locator('[data-testid="compare-pill"][aria-pressed="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
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
    // 达标概率 under each value, every scenario simulated with the reference's seed (common random numbers)
    await page.waitForSelector('[data-testid="compare-crn"]', { timeout: 60_000 });
    const list = (await s.api.handlers['scenarios:list']({}, { host: 'web' } as HandlerContext)) as {
      id: string;
      name: string;
      seed: number;
    }[];
    const ref = list.find((x) => x.name === '基准情景')!;
    const stretch = list.find((x) => x.name === '乐观情景')!;
    expect(await page.textContent('[data-testid="compare-crn"]')).toContain(`（${ref.seed}，参照情景的种子）`);
    const sim = (await s.api.handlers['simulation:run']({ id: stretch.id, draws: 10_000, seed: ref.seed }, {
      host: 'web',
    } as HandlerContext)) as SimulationResult;
    const shown = await page.locator('[data-testid="compare-row"]').evaluateAll((rows) =>
      rows.map((r) => ({
        name: (r.querySelector('.cell-name')?.textContent ?? '').replace('★', ''),
        probs: Array.from(r.querySelectorAll('[data-testid="cmp-prob"]')).map((e) => e.textContent ?? ''),
      })),
    );
    const plan = (await s.api.handlers['plan:get']({}, { host: 'web' } as HandlerContext)) as {
      targets: { id: string; name_zh: string }[];
    };
    const withProbs = shown.filter((r) => r.probs.length === 2);
    expect(withProbs.length).toBeGreaterThan(0);
    for (const r of withProbs) {
      const target = plan.targets.find((x) => x.name_zh === r.name)!;
      expect(r.probs[1], r.name).toBe(`达标概率 ${formatProbability(sim.targets.find((x) => x.id === target.id)!.p_meet)}`);
    }
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
