/**
 * The drivers matrix at 1366×768 (issue 16): the dialog opens with the targets' names on screen
 * (above the grid), not below the fold where the planner had to scroll to learn what a column is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio({ viewport: { width: 1366, height: 768 } });
  await s.open();
  await s.go('workbench');
  await waitForChart(s.page);
});
afterAll(async () => {
  await s?.close();
});

describe('drivers matrix at 1366×768', () => {
  it('shows every target label when it opens', async () => {
    await s.page.click('[data-testid="wb-view-sensitivity"]');
    await s.page.click('[data-testid="sensitivity-panel"] [data-testid="open-matrix"]');
    await s.page.waitForFunction(
      () =>
        !!document.querySelector('[data-testid="heatmap-chart"] .plot-surface .main-svg') &&
        Number((document.querySelector('[data-testid="heatmap-chart"] .plot-surface') as HTMLElement).dataset.rev ?? 0) > 0,
      undefined,
      { timeout: 30_000 },
    );
    const report = await s.page.evaluate(() => {
      const body = document.querySelector('[data-testid="drivers-dialog"] .dialog-body') as HTMLElement;
      const box = body.getBoundingClientRect();
      const labels = [...document.querySelectorAll('[data-testid="heatmap-chart"] .xtick text')];
      const hidden = labels.filter((l) => {
        const r = l.getBoundingClientRect();
        return r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5 || r.left < box.left - 0.5 || r.right > box.right + 0.5;
      });
      return { scrollTop: body.scrollTop, count: labels.length, hidden: hidden.map((l) => l.textContent) };
    });
    expect(report.scrollTop).toBe(0);
    expect(report.count).toBeGreaterThan(10);
    expect(report.hidden).toEqual([]);
    await s.shoot('laptop-drivers-matrix');
    await s.assertClean();
  });
});
