/**
 * The workbench at 1366×768, the laptops the planning offices use (issue 16): on every target the
 * 演示模式 button is fully on screen and not under the assumptions panel, and no KPI card cuts
 * its figure short ("-23.1% / -23…", "差42.1个百…"). The rate sliders span 20 points around the
 * value inside the model's declared range, and an arrow key moves them by 0.1 point.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
let scenarioId = '';
beforeAll(async () => {
  s = await startStudio({ viewport: { width: 1366, height: 768 } });
  scenarioId = s.api.store.create({ name: '笔记本测试', parent_id: 'baseline' }).id;
  await s.open();
  await s.go('workbench');
  await waitForChart(s.page);
});
afterAll(async () => {
  await s?.close();
});

interface Problem {
  target: string;
  what: string;
}

/** What is clipped on the current target: the present button, and any KPI text cut short. */
async function problems(target: string): Promise<Problem[]> {
  const found = await s.page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const btn = document.querySelector('[data-testid="present-start"]');
    if (!btn) out.push('no present button');
    else {
      const r = btn.getBoundingClientRect();
      if (r.left < 0 || r.top < 0 || r.right > vw || r.bottom > vh) out.push(`present button outside the viewport ${JSON.stringify(r)}`);
      const centre = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const corner = document.elementFromPoint(r.right - 2, r.top + r.height / 2);
      if (!centre || !btn.contains(centre)) out.push(`present button covered at its centre by ${centre?.className}`);
      if (!corner || !btn.contains(corner)) out.push(`present button covered at its right end by ${corner?.className}`);
      const centreBox = document.querySelector('.wb-centre')?.getBoundingClientRect();
      if (centreBox && r.right > centreBox.right + 0.5) out.push('present button past the centre column');
    }
    for (const el of document.querySelectorAll('.kpis .kpi-value, .kpis .kpi-sentence, .kpis .kpi-label')) {
      const h = el as HTMLElement;
      if (h.scrollWidth > h.clientWidth + 1) out.push(`KPI cut short: "${h.textContent}" (${h.scrollWidth} > ${h.clientWidth})`);
      const card = h.closest('.kpi')!.getBoundingClientRect();
      const box = h.getBoundingClientRect();
      if (box.right > card.right + 0.5) out.push(`KPI past its card: "${h.textContent}"`);
    }
    return out;
  });
  return found.map((what) => ({ target, what }));
}

describe('workbench at 1366×768', () => {
  it('shows the 演示模式 button and whole KPI figures on every target', async () => {
    const ids = await s.page.$$eval('[data-testid="wb-item"]', (els) => els.map((e) => e.getAttribute('data-target') ?? ''));
    expect(ids.length).toBeGreaterThan(40);
    const all: Problem[] = [];
    for (const id of ids) {
      await s.page.click(`[data-testid="wb-item"][data-target="${id}"]`);
      await s.page.waitForSelector(`[data-testid="wb-item"][data-target="${id}"].active`);
      await s.page.waitForSelector('[data-testid="wb-projected"]');
      await settle(s.page);
      all.push(...(await problems(id)));
      if (id === 'key_digital_platforms' || id === 'high_tech_enterprises') await s.shoot(`laptop-workbench-${id}`);
    }
    expect(all).toEqual([]);
  }, 240_000);

  it('a rate slider spans 20 points around its value; an arrow key moves it by 0.1 point', async () => {
    await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
    await s.page.fill('[data-testid="wb-search"]', '高新技术企业');
    await s.page.click('[data-testid="wb-item"][data-target="high_tech_enterprises"]');
    await waitForChart(s.page);
    const slider = s.page.locator('[data-testid="asm-high_tech_enterprises-rate-slider"]');
    const input = '[data-testid="asm-high_tech_enterprises-rate-input"]';
    expect(await s.page.inputValue(input)).toBe('12');
    // cagr's declared range is −50%…100%: the slider spans 2%…22%, not the old −20%…+50%
    expect(await slider.getAttribute('min')).toBe('2');
    expect(await slider.getAttribute('max')).toBe('22');
    expect(await slider.getAttribute('step')).toBe('0.1');
    const box = (await slider.boundingBox())!;
    expect(20 / box.width).toBeLessThan(0.2); // percentage points a pixel
    await slider.focus();
    await s.page.keyboard.press('ArrowRight');
    await s.page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement).value === '12.1', input);
    await s.page.keyboard.press('ArrowLeft');
    await s.page.keyboard.press('ArrowLeft');
    await s.page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement).value === '11.9', input);
    // the window holds while the slider moves
    expect(await slider.getAttribute('min')).toBe('2');
    // a value typed beyond it recentres the slider on it
    await s.page.fill(input, '40');
    await s.page.keyboard.press('Enter');
    await s.page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('min') === '30',
      '[data-testid="asm-high_tech_enterprises-rate-slider"]',
    );
    expect(await slider.getAttribute('max')).toBe('50');
    await s.shoot('laptop-workbench-slider');
    await s.assertClean();
  });
});
