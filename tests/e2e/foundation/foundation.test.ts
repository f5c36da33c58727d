/**
 * Foundation: the app opens in Chinese with the target list, a scenario is created and saved,
 * survives a reload, and the workbench draws a Plotly chart with the trajectory and a target marker.
 * The renderer's own Plotly bundle (renderer/src/lib/plotly-partial.ts), as built and as Chromium
 * loads it: exactly the trace types the studio draws are registered, nothing else ships (no map
 * styles, no WebGL traces), and it loads under the app's CSP without a console error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLOTLY_TRACE_TYPES } from '../../../renderer/src/lib/plotly-traces';
import { STATIC_DIR, startStudio, waitForChart, type Studio } from '../harness';

const ASSETS = path.join(STATIC_DIR, 'assets');
const assets = () => fs.readdirSync(ASSETS);

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

describe('foundation', () => {
  it('opens in Chinese with every target listed', async () => {
    const page = s.page;
    await page.waitForSelector('[data-testid="score-row"]');
    expect(await page.locator('[data-testid="score-row"]').count()).toBe(62);
    expect(await page.textContent('[data-testid="nav-scoreboard"]')).toContain('总览');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.textContent('[data-testid="score-table"]')).toContain('战略性新兴产业增加值占地区生产总值比重');
    expect(await page.textContent('[data-testid="rollup-sentence"]')).toMatch(/62项指标中\d+项符合或快于序时进度/);
    await s.shoot('foundation-scoreboard');
    await s.assertClean();
  });

  it('creates a scenario that is saved and still there after a reload', async () => {
    const page = s.page;
    await s.go('scenarios');
    await page.click('[data-testid="sm-create"]');
    await page.fill('[data-testid="cd-name"]', '基础测试情景');
    await page.selectOption('[data-testid="cd-parent"]', 'baseline');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="tree-item"][data-name="基础测试情景"]');
    const stored = s.api.store.list({ state: 'live' }).find((x) => x.name === '基础测试情景');
    expect(stored?.parent_id).toBe('baseline');
    expect(await page.$eval('[data-testid="scenario-select"]', (el) => (el as HTMLSelectElement).value)).toBe(stored!.id);

    await page.reload();
    await page.waitForSelector('[data-testid="nav-scoreboard"]');
    await s.go('scenarios');
    await page.waitForSelector('[data-testid="tree-item"][data-name="基础测试情景"]');
    expect(await page.$eval('[data-testid="scenario-select"]', (el) => (el as HTMLSelectElement).value)).toBe(stored!.id);
    await s.assertClean();
  });

  it('draws the workbench chart: actuals, projection and the target marker in the Plotly SVG', async () => {
    const page = s.page;
    await s.go('workbench');
    await waitForChart(page);
    const traces = await page.locator('[data-testid="trajectory-chart"] .scatterlayer .trace').count();
    expect(traces).toBeGreaterThanOrEqual(3);
    const points = await page.locator('[data-testid="trajectory-chart"] .scatterlayer .trace .points path.point').count();
    expect(points).toBeGreaterThan(0);
    const legend = await page.locator('[data-testid="trajectory-chart"] .legendtext').allTextContents();
    expect(legend.some((x) => x.includes('目标值') && x.includes('达10%'))).toBe(true);
    expect(legend.some((x) => x.includes('序时进度线'))).toBe(true);
    // the target star is drawn at the target year: its marker path exists in the last trace group
    const starPath = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="trajectory-chart"] .plot-surface') as HTMLElement & {
        data?: { meta?: { role: string }; marker?: { symbol: string } }[];
      };
      return el.data?.find((d) => d.meta?.role === 'target')?.marker?.symbol ?? null;
    });
    expect(starPath).toBe('star');
    await s.shoot('foundation-workbench');
    await s.assertClean();
  });
});

describe('the Plotly bundle', () => {
  it('is one lazily loaded chunk, not part of the start bundle', () => {
    const chunks = assets().filter((f) => /^plotly-partial-.*\.js$/.test(f));
    expect(chunks).toHaveLength(1);
    const html = fs.readFileSync(path.join(STATIC_DIR, 'index.html'), 'utf8');
    expect(html).not.toContain(chunks[0]);
  });

  it('registers exactly scatter, bar and heatmap in Chromium', async () => {
    const chunk = assets().find((f) => /^plotly-partial-.*\.js$/.test(f))!;
    // a string, so the test runner does not rewrite the dynamic import
    const registered = (await s.page.evaluate(
      `import('./assets/${chunk}').then((m) => Object.keys(m.default.PlotSchema.get().traces).sort())`,
    )) as string[];
    expect(registered).toEqual([...PLOTLY_TRACE_TYPES].sort());
    await s.assertClean();
  });

  it('ships no map stylesheet and no WebGL trace code', () => {
    const chunk = assets().find((f) => /^plotly-partial-.*\.js$/.test(f))!;
    const js = fs.readFileSync(path.join(ASSETS, chunk), 'utf8');
    expect(js).not.toContain('maplibregl');
    // WebGL shaders (scattergl, 3-D, maps) are GLSL strings; none may be in the chunk
    expect(js).not.toMatch(/precision (highp|mediump) float/);
    for (const css of assets().filter((f) => f.endsWith('.css'))) {
      expect(fs.readFileSync(path.join(ASSETS, css), 'utf8'), css).not.toContain('maplibregl');
    }
  });
});
