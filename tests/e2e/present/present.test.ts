/**
 * Presentation mode (issue 8): from the scoreboard with a filter on, one slide per target shown
 * (in the table's order), the slide counter follows ←/→, PageUp/PageDown, Space, Home/End; Esc
 * leaves; F5 in the workbench starts at the selected target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.page.waitForSelector('[data-testid="score-row"]');
});
afterAll(async () => {
  await s?.close();
});

const counter = () => s.page.textContent('[data-testid="slide-counter"]');
const slideTarget = () => s.page.getAttribute('[data-testid="slide"]', 'data-target');
const press = async (key: string) => {
  await s.page.keyboard.press(key);
  await s.page.waitForTimeout(50);
};

describe('presentation mode', () => {
  let shownIds: string[] = [];

  it('starts from the scoreboard with its filter: one slide per target shown', async () => {
    await s.page.click('[data-testid="rollup-lagging"]');
    await s.page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="score-row"]')].every((r) => (r as HTMLElement).dataset.status === 'lagging'),
    );
    shownIds = await s.page.$$eval('[data-testid="score-row"]', (rows) => rows.map((r) => (r as HTMLElement).dataset.target!));
    expect(shownIds.length).toBeGreaterThan(3);
    expect(shownIds.length).toBeLessThan(62);
    await s.page.click('[data-testid="present-start"]');
    await s.page.waitForSelector('[data-testid="presentation"]');
    await waitForChart(s.page, '[data-testid="present-chart"] .plot-surface');
    expect(await counter()).toBe(`1 / ${shownIds.length}`);
    expect(await slideTarget()).toBe(shownIds[0]);
    const sentence = await s.page.textContent('[data-testid="slide-sentence"]');
    expect(sentence).toMatch(/^按基准情景测算，/);
    expect(sentence).toMatch(/。$/);
    expect(await s.page.textContent('[data-testid="presentation"] .chip')).toContain('滞后');
    // the slide reads the verdict line of the scoreboard row it came from, word for word
    const slideVerdict = await s.page.textContent('[data-testid="slide-verdict"] [data-testid="verdict-line"]');
    expect(slideVerdict).toMatch(/^滞后：/);
    await s.shoot('present-slide');
    await press('Escape');
    await s.page.waitForSelector('[data-testid="presentation"]', { state: 'detached' });
    const rowVerdict = await s.page.textContent(`[data-testid="score-row"][data-target="${shownIds[0]}"] [data-testid="verdict-line"]`);
    expect(slideVerdict).toBe(rowVerdict);
    await s.page.click('[data-testid="present-start"]');
    await s.page.waitForSelector('[data-testid="presentation"]');
    await waitForChart(s.page, '[data-testid="present-chart"] .plot-surface');
  });

  it('steps with the arrow keys, PageUp / PageDown, Space, Home and End', async () => {
    const n = shownIds.length;
    await press('ArrowRight');
    expect(await counter()).toBe(`2 / ${n}`);
    expect(await slideTarget()).toBe(shownIds[1]);
    await press('PageDown');
    expect(await counter()).toBe(`3 / ${n}`);
    await press('ArrowLeft');
    expect(await counter()).toBe(`2 / ${n}`);
    await press('PageUp');
    expect(await counter()).toBe(`1 / ${n}`);
    await press('ArrowLeft');
    expect(await counter()).toBe(`1 / ${n}`);
    await press('Space');
    expect(await counter()).toBe(`2 / ${n}`);
    await press('End');
    expect(await counter()).toBe(`${n} / ${n}`);
    expect(await slideTarget()).toBe(shownIds[n - 1]);
    await press('ArrowRight');
    expect(await counter()).toBe(`${n} / ${n}`);
    await press('Home');
    expect(await counter()).toBe(`1 / ${n}`);
    // the app's own shortcuts do not act behind the slides
    await press('Control+2');
    expect(await s.page.getAttribute('[data-testid="nav-scoreboard"]', 'aria-current')).toBe('page');
  });

  it('Esc leaves and the scoreboard is as it was', async () => {
    await press('Escape');
    await s.page.waitForSelector('[data-testid="presentation"]', { state: 'detached' });
    expect(await s.page.locator('[data-testid="score-row"]').count()).toBe(shownIds.length);
    expect(await s.page.evaluate(() => document.fullscreenElement)).toBeNull();
  });

  it('F5 in the workbench starts at the selected target, over all targets', async () => {
    await s.go('workbench');
    await s.page.fill('[data-testid="wb-search"]', '金盛兰精品钢');
    await s.page.click('[data-testid="wb-item"][data-target="fine_steel_output"]');
    await waitForChart(s.page);
    await press('F5');
    await s.page.waitForSelector('[data-testid="presentation"]');
    expect(await slideTarget()).toBe('fine_steel_output');
    expect(await counter()).toMatch(/^\d+ \/ 62$/);
    await waitForChart(s.page, '[data-testid="present-chart"] .plot-surface');
    await settle(s.page);
    expect(await s.page.textContent('[data-testid="slide-sentence"]')).toContain('金盛兰精品钢产值');
    await s.shoot('present-workbench');
    await s.page.click('[data-testid="slide-next"]');
    expect(await slideTarget()).not.toBe('fine_steel_output');
    await press('Escape');
    await s.page.waitForSelector('[data-testid="presentation"]', { state: 'detached' });
    await s.assertClean();
  });

  it('speaks English in English', async () => {
    await s.go('settings');
    await s.page.click('[data-testid="lang-en"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'en');
    await s.go('scoreboard');
    await s.page.waitForSelector('[data-testid="score-row"]');
    await s.page.click('[data-testid="present-start"]');
    await s.page.waitForSelector('[data-testid="presentation"]');
    await waitForChart(s.page, '[data-testid="present-chart"] .plot-surface');
    const sentence = (await s.page.textContent('[data-testid="slide-sentence"]')) ?? '';
    expect(sentence).toMatch(/under the Baseline scenario/);
    expect(sentence).not.toMatch(/[\u4e00-\u9fff]/);
    await s.shoot('present-slide-en');
    await press('Escape');
    await s.page.waitForSelector('[data-testid="presentation"]', { state: 'detached' });
  });
});
