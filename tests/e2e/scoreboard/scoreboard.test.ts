/** Scoreboard: roll-up chips filter by status, search (Ctrl+F), sort by gap, open a row, milestones. */
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

const rows = () => s.page.locator('[data-testid="score-row"]');

describe('scoreboard', () => {
  it('rolls up the statuses in the plan language', async () => {
    const sentence = await s.page.textContent('[data-testid="rollup-sentence"]');
    const m = /62项指标中(\d+)项符合或快于序时进度/.exec(sentence ?? '');
    expect(m).not.toBeNull();
    const counts = await Promise.all(
      ['achieved_early', 'ahead', 'on_track', 'lagging', 'no_data'].map(async (st) =>
        Number(await s.page.textContent(`[data-testid="rollup-${st}"] .rollup-count`)),
      ),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(62);
    expect(Number(m![1])).toBe(counts[0] + counts[1] + counts[2]);
    expect(await s.page.textContent('[data-testid="rollup-lagging"]')).toContain('滞后');
    await s.shoot('scoreboard');
    await s.assertClean();
  });

  it('filters by status with the roll-up chip', async () => {
    const n = Number(await s.page.textContent('[data-testid="rollup-lagging"] .rollup-count'));
    await s.page.click('[data-testid="rollup-lagging"]');
    expect(await rows().count()).toBe(n);
    const statuses = await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['lagging']));
    expect(await s.page.getAttribute('[data-testid="rollup-lagging"]', 'aria-pressed')).toBe('true');
    await s.shoot('scoreboard-filtered');
    await s.page.click('[data-testid="rollup-lagging"]');
    expect(await rows().count()).toBe(62);
  });

  it('searches with Ctrl+F and shows an empty state when nothing matches', async () => {
    await s.page.click('h1');
    await s.page.keyboard.press('Control+f');
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('scoreboard-search');
    await s.page.keyboard.type('金盛兰');
    await settle(s.page);
    expect(await rows().count()).toBe(2);
    await s.page.fill('[data-testid="scoreboard-search"]', '没有这个指标');
    expect(await rows().count()).toBe(0);
    expect(await s.page.textContent('.empty')).toContain('没有符合条件的指标');
    await s.page.fill('[data-testid="scoreboard-search"]', '');
    expect(await rows().count()).toBe(62);
  });

  it("shows an annual flow that misses an earlier year as lagging by that year's shortfall, not its 2026 surplus", async () => {
    const base = await s.api.handlers['projection:run']({ id: 'baseline' }, { host: 'web' } as never);
    const ev = (
      base as {
        targets: {
          id: string;
          gap: number;
          gap_year: number;
          target_year: number;
          yearly: { year: number; value: number; met: boolean }[];
        }[];
      }
    ).targets.find((t) => t.id === 'tech_renovation_projects')!;
    const missed = ev.yearly.find((y) => !y.met)!;
    expect(ev.gap_year).toBe(missed.year);
    const row = s.page.locator('[data-testid="score-row"][data-target="tech_renovation_projects"]');
    expect(await row.getAttribute('data-status')).toBe('lagging');
    const cell = row.locator('[data-testid="cell-gap"]');
    // projects are counted whole, as the verdict line counts them: a shortfall of 1.2 projects is 差2项
    expect(await cell.textContent()).toBe(`${missed.year}年差${Math.ceil(100 - missed.value - 1e-9)}项`);
    expect(await row.locator('[data-testid="verdict-line"]').textContent()).toContain(
      `${missed.year}年距目标差${Math.ceil(100 - missed.value - 1e-9)}项`,
    );
    expect(await cell.getAttribute('class')).toContain('short');
    await s.assertClean();
  });

  it('sorts by gap, biggest shortfall first, and back', async () => {
    await s.page.click('[data-testid="sort-gap"]');
    const gaps = (
      await rows().evaluateAll((els) => els.map((e) => e.querySelector('[data-testid="cell-gap"]')?.getAttribute('data-gap-rel') ?? ''))
    )
      .filter((g) => g !== '')
      .map(Number);
    expect(gaps.length).toBeGreaterThan(10);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i - 1]).toBeGreaterThanOrEqual(gaps[i]);
    await s.page.click('[data-testid="sort-gap"]');
    const asc = (
      await rows().evaluateAll((els) => els.map((e) => e.querySelector('[data-testid="cell-gap"]')?.getAttribute('data-gap-rel') ?? ''))
    )
      .filter((g) => g !== '')
      .map(Number);
    for (let i = 1; i < asc.length; i++) expect(asc[i - 1]).toBeLessThanOrEqual(asc[i]);
    expect(await s.page.getAttribute('th:has([data-testid="sort-gap"])', 'aria-sort')).toBe('ascending');
  });

  it('filters by section, kind and responsible unit', async () => {
    await s.page.selectOption('[data-testid="filter-kind"]', 'share');
    const kinds = await rows().count();
    expect(kinds).toBe(12);
    await s.page.selectOption('[data-testid="filter-section"]', 's3');
    expect(await rows().count()).toBeLessThan(kinds);
    await s.page.selectOption('[data-testid="filter-kind"]', '');
    await s.page.selectOption('[data-testid="filter-section"]', '');
    const unit = await s.page.$eval('[data-testid="filter-unit"] option:nth-child(2)', (o) => (o as HTMLOptionElement).value);
    await s.page.selectOption('[data-testid="filter-unit"]', unit);
    expect(await rows().count()).toBeGreaterThan(0);
    await s.page.selectOption('[data-testid="filter-unit"]', '');
    expect(await rows().count()).toBe(62);
  });

  it('opens the workbench on the clicked target', async () => {
    await s.page.click('[data-testid="score-row"][data-target="fine_steel_output"]');
    await s.page.waitForSelector('[data-testid="nav-workbench"][aria-current="page"]');
    expect(await s.page.textContent('[data-testid="wb-target-name"]')).toContain('金盛兰精品钢产值');
    await s.go('scoreboard');
  });

  it('ticks a milestone and keeps it', async () => {
    await s.page.click('[data-testid="tab-milestones"]');
    const box = s.page.locator('[data-testid^="milestone-"]').first();
    const id = (await box.getAttribute('data-testid'))!.slice('milestone-'.length);
    await box.check();
    await s.page.waitForFunction(
      (mid) =>
        (document.querySelector(`[data-testid="milestone-${mid}"]`) as HTMLInputElement)?.checked &&
        !(document.querySelector(`[data-testid="milestone-${mid}"]`) as HTMLInputElement).disabled,
      id,
    );
    expect(s.api.store.listMilestones().find((m) => m.id === id)?.done).toBe(true);
    await s.shoot('scoreboard-milestones');
    await s.assertClean();
  });
});
