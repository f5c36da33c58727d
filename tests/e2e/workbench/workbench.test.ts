/**
 * Workbench: dragging a slider re-projects while dragging and, after autosave and a reload,
 * stays; goal seek solves the model's own parameter (the pipeline's capacity, the elasticity of
 * 纺织服装产值) and keeps the model and its range; reset to parent; bad input names the field and
 * saves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragSlider, settle, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
let scenarioId = '';
const card = '[data-testid="asm-fine_steel_output"]';

async function openTarget(id: string, search = '金盛兰精品钢') {
  await s.go('workbench');
  await s.page.fill('[data-testid="wb-search"]', search);
  await s.page.click(`[data-testid="wb-item"][data-target="${id}"]`);
  await waitForChart(s.page);
}
const projected = async () => Number(await s.page.getAttribute('[data-testid="wb-projected"]', 'data-value'));
const chartRev = async () => Number(await s.page.getAttribute('[data-testid="trajectory-chart"] .plot-surface', 'data-rev'));
const headRev = () => s.api.store.get(scenarioId).head_rev;

beforeAll(async () => {
  s = await startStudio();
  scenarioId = s.api.store.create({ name: '工作台测试', parent_id: 'baseline' }).id;
  await s.open();
  await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
  await openTarget('fine_steel_output');
});
afterAll(async () => {
  await s?.close();
});

describe('workbench', () => {
  it('shows the assumption inherited from the parent, with its source', async () => {
    expect(await s.page.getAttribute(card, 'data-overridden')).toBe('false');
    expect(await s.page.textContent(`[data-testid="asm-fine_steel_output-from"]`)).toContain('继承自');
    expect(await s.page.$eval('[data-testid="asm-fine_steel_output-model"]', (e) => (e as HTMLSelectElement).value)).toBe('pipeline');
    await s.shoot('workbench');
  });

  it('re-projects while the slider moves and redraws the chart with Plotly.react', async () => {
    const before = await projected();
    const rev0 = await chartRev();
    const slider = '[data-testid="asm-fine_steel_output-underlying_rate-slider"]';
    const seen: number[] = [];
    for (const v of [4, 6, 8, 10]) {
      await dragSlider(s.page, slider, v);
      await waitForChart(s.page, undefined, await chartRev());
      seen.push(await projected());
    }
    expect(await chartRev()).toBeGreaterThan(rev0);
    // the chart itself shows the new projection: the last point of the projection trace
    const drawn = await s.page.evaluate(() => {
      const gd = document.querySelector('[data-testid="trajectory-chart"] .plot-surface') as HTMLElement & {
        data: { meta?: { role: string }; y: number[] }[];
      };
      return gd.data.find((d) => d.meta?.role === 'projection')!.y.at(-1);
    });
    expect(drawn).toBeCloseTo(seen[seen.length - 1], 6);
    await s.shoot('workbench-dragged');
    // every step of the drag moved the projection up, before any save
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    expect(seen[0]).toBeGreaterThan(before);
    expect(await s.page.getAttribute(card, 'data-overridden')).toBe('true');
    expect(await s.page.textContent(card)).toContain('已覆盖');
    // the parent's rationale explained other numbers: the card asks for a new one
    expect(await s.page.isVisible('[data-testid="asm-fine_steel_output-rationale-stale"]')).toBe(true);
  });

  it('autosaves ~600 ms after the last change and keeps the value after a reload', async () => {
    await s.page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
    const own = s.api.store.get(scenarioId).assumptions.find((a) => a.series === 'fine_steel_output');
    expect(own?.model).toMatchObject({ type: 'pipeline', underlying_rate: 0.1 });
    expect(own?.rationale_stale).toBe(true);
    const value = await projected();
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    await openTarget('fine_steel_output');
    expect(await projected()).toBeCloseTo(value, 6);
    expect(await s.page.getAttribute(card, 'data-overridden')).toBe('true');
    expect(await s.page.inputValue('[data-testid="asm-fine_steel_output-underlying_rate-input"]')).toBe('10');
    expect(await s.page.isVisible('[data-testid="asm-fine_steel_output-rationale-stale"]')).toBe(true);
    await s.shoot('workbench-overridden');
    await s.assertClean();
  });

  it('goal seek keeps the pipeline and solves its projects’ capacity; the target is just met', async () => {
    const button = '[data-testid="asm-fine_steel_output-goalseek"]';
    expect(await s.page.textContent(button)).toBe('按目标反推项目达产产出');
    const capacity = '[data-testid="asm-fine_steel_output-project-0-capacity"]';
    const before = Number(await s.page.inputValue(capacity));
    await s.page.click(button);
    await s.page.waitForFunction(([sel, v]) => Number((document.querySelector(sel) as HTMLInputElement | null)?.value) !== v, [
      capacity,
      before,
    ] as const);
    await settle(s.page);
    expect(await s.page.$eval('[data-testid="asm-fine_steel_output-model"]', (e) => (e as HTMLSelectElement).value)).toBe('pipeline');
    expect(await s.page.inputValue('[data-testid="asm-fine_steel_output-underlying_rate-input"]')).toBe('10');
    expect(await projected()).toBeCloseTo(700, 0);
    expect(await s.page.textContent('[data-testid="wb-gap"]')).toMatch(/持平|超出(不足)?0\.0\d?亿元|差(不足)?0\.0\d?亿元/);
    expect(await s.page.locator('[data-testid="toast"]', { hasText: '已按目标反推' }).last().textContent()).toMatch(
      /^已按目标反推项目达产产出：[\d.,]+亿元（原为 220亿元）$/,
    );
    await s.page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
    const saved = s.api.store.get(scenarioId).assumptions.find((a) => a.series === 'fine_steel_output');
    expect(saved?.model.type).toBe('pipeline');
    expect(saved?.uncertainty).toMatchObject({ low: 0, high: 0.06 });
  });

  it('resets to the parent scenario', async () => {
    await s.page.click('[data-testid="asm-fine_steel_output-reset"]');
    await s.page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-overridden') === 'false', card);
    expect(await s.page.$eval('[data-testid="asm-fine_steel_output-model"]', (e) => (e as HTMLSelectElement).value)).toBe('pipeline');
    expect(s.api.store.get(scenarioId).assumptions.find((a) => a.series === 'fine_steel_output')).toBeUndefined();
    await s.assertClean();
  });

  it('refuses bad numbers, naming the field, and saves nothing', async () => {
    const rev = headRev();
    const input = '[data-testid="asm-fine_steel_output-underlying_rate-input"]';
    await s.page.fill(input, 'abc');
    await s.page.press(input, 'Enter');
    await s.page.waitForSelector(`${card} .inline-error`);
    expect(await s.page.textContent(`${card} .inline-error`)).toContain('基础年增速：请输入数字');
    // the plausible range the growth model declares (models/growth/pipeline.ts), as the API refuses
    await s.page.fill(input, '-150');
    await s.page.press(input, 'Enter');
    await s.page.waitForFunction((sel) => document.querySelector(`${sel} .inline-error`)?.textContent?.includes('-50%'), card);
    expect(await s.page.textContent(`${card} .inline-error`)).toContain('基础年增速：不能小于 -50%');
    expect(await s.page.getAttribute(input, 'aria-invalid')).toBe('true');
    await s.shoot('workbench-invalid');
    await s.page.press(input, 'Escape');
    // a project's capacity is a value of the series: never negative (models/plausibility.ts)
    const capacity = '[data-testid="asm-fine_steel_output-project-0-capacity"]';
    await s.page.fill(capacity, '-200');
    await s.page.press(capacity, 'Enter');
    await s.page.waitForFunction((sel) => document.querySelector(`${sel} .inline-error`)?.textContent?.includes('达产产出'), card);
    expect(await s.page.textContent(`${card} .inline-error`)).toContain('达产产出：不能小于 0');
    await s.page.press(capacity, 'Escape');
    await s.page.waitForTimeout(1000);
    expect(headRev()).toBe(rev);
    expect(await s.page.getAttribute('[data-testid="save-state"]', 'data-state')).not.toBe('pending');
    await s.assertClean();
  });
});

describe('goal seek on 纺织服装产值 (an elasticity model)', () => {
  const tcard = '[data-testid="asm-textile_output"]';
  it('solves the elasticity, keeps the model and keeps the range an elasticity range; the band stays near the target', async () => {
    await openTarget('textile_output', '纺织服装');
    const button = '[data-testid="asm-textile_output-goalseek"]';
    expect(await s.page.textContent(button)).toBe('按目标反推弹性系数');
    const input = '[data-testid="asm-textile_output-elasticity-input"]';
    expect(Number(await s.page.inputValue(input))).toBeCloseTo(1.3, 6);
    await s.page.click(button);
    await s.page.waitForFunction((sel) => Number((document.querySelector(sel) as HTMLInputElement | null)?.value) > 1.3, input);
    await settle(s.page);
    expect(await s.page.$eval('[data-testid="asm-textile_output-model"]', (e) => (e as HTMLSelectElement).value)).toBe('elasticity');
    const e = Number(await s.page.inputValue(input));
    expect(e).toBeGreaterThan(1.3);
    expect(e).toBeLessThan(5);
    expect(await projected()).toBeCloseTo(300, 0);
    expect(await s.page.locator('[data-testid="toast"]', { hasText: '已按目标反推弹性系数' }).last().textContent()).toMatch(
      /^已按目标反推弹性系数：[\d.]+（原为 1\.3）$/,
    );
    // the range is still on the elasticity (0.8～1.8 moved onto the new value), never 80%～180% a year
    expect(await s.page.textContent('[data-testid="asm-textile_output-unc-param"]')).toContain('弹性系数');
    const recentred = await s.page.textContent('[data-testid="asm-textile_output-unc-recentred"]');
    expect(recentred).not.toContain('%');
    expect(recentred).toContain('0.8～1.8');
    // the chart's band in 2026 stays around the target (the band was about 1,200–4,600亿元)
    const band = await s.page.evaluate(() => {
      const gd = document.querySelector('[data-testid="trajectory-chart"] .plot-surface') as HTMLElement & {
        data: { meta?: { role: string }; x: unknown[]; y: number[] }[];
      };
      const hi = gd.data.find((d) => d.meta?.role === 'band_high');
      const lo = gd.data.find((d) => d.meta?.role === 'band_low');
      return hi && lo ? { hi: hi.y.at(-1)!, lo: lo.y.at(-1)! } : null;
    });
    expect(band).not.toBeNull();
    expect(band!.lo).toBeLessThan(300);
    expect(band!.hi).toBeGreaterThan(300);
    expect(band!.hi).toBeLessThan(450);
    expect(band!.lo).toBeGreaterThan(200);
    await s.page.locator(tcard).scrollIntoViewIfNeeded();
    await s.shoot('workbench-goalseek-textile');
    await s.page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
    const saved = s.api.store.get(scenarioId).assumptions.find((a) => a.series === 'textile_output');
    expect(saved?.model).toMatchObject({ type: 'elasticity', driver: 'gdp_nominal' });
    expect(saved?.uncertainty).toMatchObject({ low: 0.8, high: 1.8 });
    await s.assertClean();
  });
});
