/**
 * Uncertainty (issue 7): a range typed on a lever is saved and survives a reload, a bad one names
 * the field and saves nothing; the scoreboard's simulation fills the 达标概率 column and the joint
 * probability of the headline targets with the CLI's numbers (same seed and draws), a 100k run can
 * be cancelled; the workbench draws the fan chart and the tornado; the drivers matrix; the compare
 * waterfall's bars add up exactly to the total change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../contract';
import type { SimulationResult } from '../../../models/montecarlo';
import { dragSlider, pickValue, settle, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
let scenarioId = '';
const card = '[data-testid="asm-fine_steel_output"]';
const range = '[data-testid="asm-fine_steel_output-unc-range"]';
const HEADLINE = ['sei_va_share_gdp', 'mfg_va_share_gdp', 'energy_intensity_reduction'];

async function openTarget(id: string, search: string) {
  await s.go('workbench');
  await s.page.fill('[data-testid="wb-search"]', search);
  await s.page.click(`[data-testid="wb-item"][data-target="${id}"]`);
  await waitForChart(s.page);
}
const headRev = () => s.api.store.get(scenarioId).head_rev;
const own = (series: string) => s.api.store.get(scenarioId).assumptions.find((a) => a.series === series);

async function apiSimulation(joint: string[], draws = 10_000): Promise<SimulationResult> {
  return (await s.api.handlers['simulation:run']({ id: scenarioId, draws, joint }, { host: 'web' } as HandlerContext)) as SimulationResult;
}

/** The traces Plotly drew in a chart: type, role, name, x, y. */
async function traces(testId: string) {
  return s.page.evaluate((id) => {
    const gd = document.querySelector(`[data-testid="${id}"] .plot-surface`) as HTMLElement & {
      data: { type: string; name: string; meta?: { role: string }; x: unknown[]; y: unknown[]; z?: unknown[][] }[];
    };
    return gd.data.map((d) => ({ type: d.type, name: d.name, role: d.meta?.role ?? '', x: d.x, y: d.y, rows: d.z?.length ?? 0 }));
  }, testId);
}

/**
 * Arms a page-side action that runs the moment a run's progress bar appears: click its Cancel, or
 * retype a range field. A 100,000-draw run can end within a few hundred ms, less than a few round
 * trips to the browser on a loaded machine, so acting from the test would race the run; acting in
 * the page when the bar appears is what a planner's click mid-run amounts to. Returns a function
 * that waits for the action and gives the key of the run it interrupted.
 */
async function whenRunStarts(action: { cancel: true } | { field: string; value: string }): Promise<() => Promise<string>> {
  await s.page.evaluate((act) => {
    const w = window as unknown as { __onRun?: Promise<string> };
    w.__onRun = new Promise<string>((resolve) => {
      const obs = new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="sim-progress"]');
        if (!bar) return;
        obs.disconnect();
        const key = bar.getAttribute('data-key') ?? '';
        if ('cancel' in act) {
          (bar.querySelector('[data-testid="sim-cancel"]') as HTMLButtonElement).click();
        } else {
          const input = document.querySelector(act.field) as HTMLInputElement;
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, act.value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        }
        resolve(key);
      });
      obs.observe(document.body, { childList: true, subtree: true });
    });
  }, action);
  return async () => (await s.page.evaluate(() => (window as unknown as { __onRun: Promise<string> }).__onRun)) as string;
}

/** Marks Plotly actually drew (an unregistered trace type leaves its layer empty). */
async function drawnMarks(testId: string, selector: string) {
  return s.page.locator(`[data-testid="${testId}"] .plot-surface ${selector}`).count();
}

async function waitDrawn(testId: string) {
  await s.page.waitForFunction(
    (id) =>
      !!document.querySelector(`[data-testid="${id}"] .plot-surface .main-svg`) &&
      Number((document.querySelector(`[data-testid="${id}"] .plot-surface`) as HTMLElement).dataset.rev ?? 0) > 0,
    testId,
    { timeout: 30_000 },
  );
}

beforeAll(async () => {
  s = await startStudio();
  scenarioId = s.api.store.create({ name: '不确定性测试', parent_id: 'baseline' }).id;
  await s.open();
  await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
});
afterAll(async () => {
  await s?.close();
});

describe('uncertainty ranges on a lever', () => {
  it('reads "5% to 9%" as a 90% interval on the named parameter, saves it, and keeps it after a reload', async () => {
    await openTarget('fine_steel_output', '金盛兰精品钢');
    expect(await s.page.textContent('[data-testid="asm-fine_steel_output-unc-param"]')).toContain('基础增速');
    await s.page.fill(range, '5% to 9%');
    await s.page.press(range, 'Enter');
    await s.page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
    await expect
      .poll(() => own('fine_steel_output')?.uncertainty ?? null)
      .toMatchObject({ low: 0.05, high: 0.09, confidence: 0.9, distribution: 'normal', correlation: 0 });
    expect(await s.page.textContent('[data-testid="asm-fine_steel_output-unc-reading"]')).toContain('5.0% 至 9.0%');
    // the distribution and the correlation with the macro shock
    await s.page.selectOption('[data-testid="asm-fine_steel_output-unc-dist"]', 'triangular');
    await dragSlider(s.page, '[data-testid="asm-fine_steel_output-unc-corr"]', 0.5);
    await expect
      .poll(() => own('fine_steel_output')?.uncertainty ?? null, { timeout: 10_000 })
      .toMatchObject({ low: 0.05, high: 0.09, distribution: 'triangular', correlation: 0.5 });
    await s.page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
    await s.page.locator(card).locator('[data-testid="asm-fine_steel_output-unc"]').scrollIntoViewIfNeeded();
    await s.shoot('uncertainty-range');

    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    await openTarget('fine_steel_output', '金盛兰精品钢');
    expect(await s.page.inputValue(range)).toBe('5%～9%');
    expect(await s.page.inputValue('[data-testid="asm-fine_steel_output-unc-dist"]')).toBe('triangular');
    expect(await s.page.getAttribute(card, 'data-overridden')).toBe('true');
    await s.assertClean();
  });

  it('refuses a bad range or confidence with a message naming the field, and saves nothing', async () => {
    const rev = headRev();
    const error = '[data-testid="asm-fine_steel_output-unc-error"]';
    await s.page.fill(range, '9% to 5%');
    await s.page.press(range, 'Enter');
    await s.page.waitForSelector(error);
    expect(await s.page.textContent(error)).toMatch(/^不确定区间：.*下限 9% 高于上限 5%/);
    await s.page.fill(range, '五到九');
    await s.page.press(range, 'Enter');
    await s.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('无法'), error);
    expect(await s.page.textContent(error)).toMatch(/^不确定区间：无法将“五到九”识别为区间/);
    await s.page.fill(range, '-150% to 9%');
    await s.page.press(range, 'Enter');
    await s.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('有效范围'), error);
    await s.page.fill(range, '5%～9%');
    const conf = '[data-testid="asm-fine_steel_output-unc-confidence"]';
    await s.page.fill(conf, '150%');
    await s.page.press(conf, 'Enter');
    await s.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.startsWith('置信水平：'), error);
    expect(await s.page.textContent(error)).toContain('须在 0 与 1 之间');
    expect(await s.page.getAttribute(conf, 'aria-invalid')).toBe('true');
    await s.page.locator('[data-testid="asm-fine_steel_output-unc"]').scrollIntoViewIfNeeded();
    await s.shoot('uncertainty-range-invalid');
    await s.page.waitForTimeout(1000);
    expect(headRev()).toBe(rev);
    expect(own('fine_steel_output')?.uncertainty).toMatchObject({ low: 0.05, high: 0.09, distribution: 'triangular' });
    expect(await s.page.getAttribute('[data-testid="save-state"]', 'data-state')).not.toBe('pending');
    await s.page.press(conf, 'Escape');
    await s.page.waitForSelector(error, { state: 'detached' });
    expect(await s.page.inputValue(conf)).toBe('90%');
    await s.assertClean();
  });
});

describe('simulation on the scoreboard', () => {
  it('cancels a 100,000-draw run: the bar goes and no result is kept', async () => {
    await s.go('scoreboard');
    await s.page.waitForSelector('[data-testid="sim-panel"]');
    await s.page.selectOption('[data-testid="sim-draws"]', '100000');
    const cancelled = await whenRunStarts({ cancel: true });
    await s.page.click('[data-testid="sim-run"]');
    expect(await cancelled()).toContain('|100000|');
    await s.page.waitForSelector('[data-testid="sim-progress"]', { state: 'detached' });
    await s.page.waitForTimeout(1500);
    expect(await s.page.locator('[data-testid="sim-progress"]').count()).toBe(0);
    expect(await s.page.getAttribute('[data-testid="joint-probability"]', 'data-value')).toBe('');
    const filled = await s.page
      .locator('[data-testid="cell-prob"]')
      .evaluateAll((els) => els.filter((e) => e.getAttribute('data-value') !== '').length);
    expect(filled).toBe(0);
    await s.assertClean();
  });

  it('fills the probability column and the joint probability of the three headline targets, as the CLI does', async () => {
    await s.page.selectOption('[data-testid="sim-draws"]', '10000');
    await s.page.click('[data-testid="sim-run"]');
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid="joint-probability"]')?.getAttribute('data-value') !== '',
      undefined,
      { timeout: 60_000 },
    );
    expect(await s.page.textContent('[data-testid="joint-label"]')).toBe('三项总体目标同时实现的概率');
    const api = await apiSimulation(HEADLINE);
    expect(Number(await s.page.getAttribute('[data-testid="joint-probability"]', 'data-value'))).toBe(api.p_joint);
    const cells = await s.page.locator('[data-testid="score-row"]').evaluateAll((rows) =>
      rows.map((r) => {
        const cell = r.querySelector('[data-testid="cell-prob"]');
        return {
          id: r.getAttribute('data-target'),
          p: cell?.getAttribute('data-value') ?? '',
          noRange: cell?.getAttribute('data-norange') === 'true',
          text: cell?.textContent ?? '',
        };
      }),
    );
    expect(cells.length).toBe(62);
    const byId = new Map(api.targets.map((t) => [t.id, t.p_meet]));
    // a target with an uncertain input upstream shows the API's probability; one without reads 未设区间,
    // never the 0% or 100% its fixed inputs give in every draw
    const ranged = cells.filter((c) => !c.noRange);
    expect(ranged.length).toBeGreaterThan(10);
    for (const c of ranged) expect(Number(c.p), c.id!).toBe(byId.get(c.id!));
    const fixed = cells.filter((c) => c.noRange);
    expect(fixed.length).toBeGreaterThan(10);
    for (const c of fixed) {
      expect(c.text, c.id!).toBe('未设区间');
      expect([0, 1], c.id!).toContain(byId.get(c.id!));
    }
    expect(await s.page.textContent('[data-testid="sim-note"]')).toContain('10,000 次模拟');
    // sorted by probability: lowest first, then highest first
    await s.page.click('[data-testid="sort-probability"]');
    // 未设区间 cells carry no probability and sort after every probability either way
    const probs = (els: Element[]) =>
      els
        .map((e) => e.getAttribute('data-value') ?? '')
        .filter((v) => v !== '')
        .map(Number);
    const asc = await s.page.locator('[data-testid="cell-prob"]').evaluateAll(probs);
    expect(asc.length).toBe(ranged.length);
    for (let i = 1; i < asc.length; i++) expect(asc[i - 1]).toBeLessThanOrEqual(asc[i]);
    await s.page.click('[data-testid="sort-probability"]');
    const desc = await s.page.locator('[data-testid="cell-prob"]').evaluateAll(probs);
    for (let i = 1; i < desc.length; i++) expect(desc[i - 1]).toBeGreaterThanOrEqual(desc[i]);
    expect(await s.page.getAttribute('th:has([data-testid="sort-probability"])', 'aria-sort')).toBe('descending');
    await s.page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0));
    await s.shoot('uncertainty-scoreboard');
    await s.assertClean();
  });

  it('computes the joint probability of a chosen set of targets', async () => {
    await s.page.click('[data-testid="joint-picker"] summary');
    await s.page.click('[data-testid="joint-check"][data-target="energy_intensity_reduction"]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="joint-label"]')?.textContent === '所选两项指标同时实现的概率');
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid="joint-probability"]')?.getAttribute('data-value') !== '',
      undefined,
      { timeout: 60_000 },
    );
    const api = await apiSimulation(['sei_va_share_gdp', 'mfg_va_share_gdp']);
    expect(Number(await s.page.getAttribute('[data-testid="joint-probability"]', 'data-value'))).toBe(api.p_joint);
    await s.shoot('uncertainty-joint-picker');
    // no correlation group couples two inputs of these two: no note
    expect(await s.page.locator('[data-testid="joint-correlation"]').count()).toBe(0);
    // with the two energy targets, the green-decay group is behind the joint probability, and the sector group (制造业增加值 and, through
    // 规上工业增加值, the industrial energy intensity): both named
    await s.page.click('[data-testid="joint-check"][data-target="energy_intensity_reduction"]');
    await s.page.click('[data-testid="joint-check"][data-target="industrial_energy_intensity_reduction"]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="joint-label"]')?.textContent === '所选四项指标同时实现的概率');
    await s.page.waitForSelector('[data-testid="joint-correlation"]', { timeout: 60_000 });
    expect(await s.page.textContent('[data-testid="joint-correlation"]')).toBe(
      '已计入相关性：能耗与碳排放降幅（载荷 0.8，两两相关约 0.64）；工业行业弹性（载荷 0.6，两两相关约 0.36）',
    );
    const four = await apiSimulation([
      'sei_va_share_gdp',
      'mfg_va_share_gdp',
      'energy_intensity_reduction',
      'industrial_energy_intensity_reduction',
    ]);
    await s.page.waitForFunction(
      (v) => document.querySelector('[data-testid="joint-probability"]')?.getAttribute('data-value') === String(v),
      four.p_joint,
      { timeout: 60_000 },
    );
    await s.shoot('uncertainty-joint-correlation');
    await s.page.click('[data-testid="joint-reset"]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="joint-label"]')?.textContent === '三项总体目标同时实现的概率');
    await s.page.click('[data-testid="joint-picker"] summary');
    await s.assertClean();
  });

  it('shows which assumption drives which targets', async () => {
    await s.page.click('[data-testid="sim-panel"] [data-testid="open-matrix"]');
    await waitDrawn('heatmap-chart');
    const [heat] = await traces('heatmap-chart');
    expect(heat.type).toBe('heatmap');
    expect(heat.rows).toBeGreaterThan(10);
    expect(await drawnMarks('heatmap-chart', '.heatmaplayer image')).toBe(1);
    expect((heat.y as string[]).some((y) => y.includes('精品钢产值'))).toBe(true);
    await s.shoot('uncertainty-matrix');
    await s.page.waitForFunction(() => !!document.activeElement?.closest('[role="dialog"]'));
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="drivers-dialog"]', { state: 'detached' });
    await s.assertClean();
  });
});

describe('the workbench', () => {
  it('draws the fan chart of the selected target with its probability beside the projection', async () => {
    await openTarget('fine_steel_output', '金盛兰精品钢');
    // the scoreboard's result is for the same inputs: the probability is there at once
    await s.page.waitForFunction(() => document.querySelector('[data-testid="wb-probability"]')?.getAttribute('data-value') !== '');
    const p = Number(await s.page.getAttribute('[data-testid="wb-probability"]', 'data-value'));
    const api = await apiSimulation(HEADLINE);
    expect(p).toBe(api.targets.find((t) => t.id === 'fine_steel_output')!.p_meet);
    await s.page.click('[data-testid="wb-view-fan"]');
    await waitDrawn('fan-chart');
    const fan = await traces('fan-chart');
    const roles = fan.map((t) => t.role);
    expect(roles).toEqual(expect.arrayContaining(['band90_high', 'band90_low', 'band50_high', 'band50_low', 'median', 'target']));
    expect(fan.find((t) => t.role === 'band90_low')!.name).toBe('90% 的情形落在此区间');
    const years = fan.find((t) => t.role === 'median')!.x as number[];
    expect(years.at(-1)).toBe(2026);
    const lo = fan.find((t) => t.role === 'band90_low')!.y as number[];
    const hi = fan.find((t) => t.role === 'band90_high')!.y as number[];
    expect(hi.at(-1)! - lo.at(-1)!).toBeGreaterThan(1);
    expect(await s.page.textContent('[data-testid="wb-probability"]')).toMatch(/达标概率\s*[\d.<>]+%/);
    await s.shoot('uncertainty-fan');
    await s.assertClean();
  });

  it('cancels a run whose inputs changed and runs again on the new ones', async () => {
    const before = await s.page.getAttribute('[data-testid="wb-probability"]', 'data-value');
    // the planner retypes the range while the 100,000-draw run is under way
    const retyped = await whenRunStarts({ field: range, value: '8% to 12%' });
    await s.page.selectOption('[data-testid="fan-panel"] [data-testid="sim-draws"]', '100000');
    const key = await retyped();
    expect(key).toContain('|100000|');
    // the stale run stops at once (its bar goes or a new run for the new inputs takes its place)
    await s.page.waitForFunction((k) => document.querySelector('[data-testid="sim-progress"]')?.getAttribute('data-key') !== k, key, {
      timeout: 5_000,
    });
    // committed and shown the Chinese way
    expect(await s.page.inputValue(range)).toBe('8%～12%');
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid="wb-probability"]')?.getAttribute('data-value') !== '',
      undefined,
      { timeout: 60_000 },
    );
    await s.page.waitForSelector('[data-testid="sim-progress"]', { state: 'detached', timeout: 60_000 });
    const after = await s.page.getAttribute('[data-testid="wb-probability"]', 'data-value');
    expect(Number(after)).toBeGreaterThan(Number(before));
    await s.page.selectOption('[data-testid="fan-panel"] [data-testid="sim-draws"]', '10000');
    await s.page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: 10_000 });
    await s.assertClean();
  });

  it('draws the tornado of the target and reaches the drivers matrix', async () => {
    await s.page.click('[data-testid="wb-view-sensitivity"]');
    await waitDrawn('tornado-chart');
    const bars = await traces('tornado-chart');
    expect(bars.map((b) => b.type)).toEqual(['bar', 'bar']);
    expect(bars.map((b) => b.role)).toEqual(['tornado_low', 'tornado_high']);
    expect(await drawnMarks('tornado-chart', '.barlayer .point')).toBe((bars[0].y as string[]).length + (bars[1].y as string[]).length);
    expect((bars[0].y as string[])[0]).toContain('精品钢产值');
    await s.shoot('uncertainty-tornado');
    await s.page.click('[data-testid="sensitivity-panel"] [data-testid="open-matrix"]');
    await waitDrawn('heatmap-chart');
    await s.page.waitForFunction(() => !!document.activeElement?.closest('[role="dialog"]'));
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="drivers-dialog"]', { state: 'detached' });
    // a headline target moved by several assumptions
    await s.page.fill('[data-testid="wb-search"]', '战略性新兴产业增加值占');
    await s.page.click('[data-testid="wb-item"][data-target="sei_va_share_gdp"]');
    await s.page.waitForFunction(
      () =>
        ((document.querySelector('[data-testid="tornado-chart"] .plot-surface') as unknown as { data?: { y: string[] }[] })?.data?.[0]?.y
          .length ?? 0) > 1,
    );
    await waitDrawn('tornado-chart');
    const headline = await traces('tornado-chart');
    expect((headline[0].y as string[]).some((y) => y.includes('地区生产总值'))).toBe(true);
    await s.shoot('uncertainty-tornado-headline');
    await s.page.click('[data-testid="wb-view-trajectory"]');
    await waitForChart(s.page);
    await s.assertClean();
  });

  it('says so when no assumption carries a range', async () => {
    const bare = s.api.store.create({ name: '无区间情景', parent_id: 'baseline' }).id;
    const resolved = s.api.store.resolve(bare).assumptions;
    s.api.store.setAssumptions(
      bare,
      Object.values(resolved)
        .filter((a) => a.uncertainty)
        .map(({ from: _from, ...a }) => ({ ...a, uncertainty: null })),
    );
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    await s.page.selectOption('[data-testid="scenario-select"]', bare);
    await openTarget('fine_steel_output', '金盛兰精品钢');
    await s.page.click('[data-testid="wb-view-sensitivity"]');
    await s.page.waitForSelector('[data-testid="sensitivity-panel"] .empty');
    expect(await s.page.textContent('[data-testid="sensitivity-panel"] .empty')).toContain('尚未为任何假设设置不确定区间');
    await s.shoot('uncertainty-empty');
    await s.page.click('[data-testid="sensitivity-panel"] [data-testid="open-matrix"]');
    await s.page.waitForSelector('[data-testid="drivers-dialog"] .empty');
    expect(await s.page.textContent('[data-testid="drivers-dialog"]')).toContain('尚未为任何假设设置不确定区间');
    await s.page.click('[data-testid="drivers-dialog"] .dialog-head button');
    await s.page.waitForSelector('[data-testid="drivers-dialog"]', { state: 'detached' });
    await s.page.click('[data-testid="wb-view-trajectory"]');
    await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
    await s.assertClean();
  });
});

describe('compare', () => {
  it('splits a target’s change between two scenarios into bars that add up exactly to the total', async () => {
    await s.go('compare');
    // baseline against the stretch scenario (the test scenario differs from its parent in ranges only)
    await s.page.waitForSelector('[data-testid="compare-pill"][aria-pressed="true"][data-name="不确定性测试"]');
    await s.page.click('[data-testid="compare-pill"][data-name="不确定性测试"]');
    await s.page.click('[data-testid="compare-pill"][data-name="乐观情景"]');
    await s.page.waitForSelector('[data-testid="waterfall"]', { timeout: 30_000 });
    await s.page.locator('[data-testid="attribution"]').scrollIntoViewIfNeeded();
    // the target picker is searchable (components/SearchSelect.tsx): opened, it lists every moved target
    await s.page.click('[data-testid="attribution-target-input"]');
    const options = await s.page
      .locator('[data-testid="attribution-target-list"] [role="option"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-value') ?? ''));
    await s.page.keyboard.press('Escape');
    expect(options.length).toBeGreaterThan(3);
    for (const id of options.slice(0, 6)) {
      await pickValue(s.page, 'attribution-target', id);
      await s.page.waitForFunction((t) => document.querySelector('[data-testid="waterfall"]')?.getAttribute('data-target') === t, id);
      await waitDrawn('waterfall-chart');
      const w = await s.page.$eval('[data-testid="waterfall"]', (e) => ({
        from: Number(e.getAttribute('data-from')),
        to: Number(e.getAttribute('data-to')),
        total: Number(e.getAttribute('data-total')),
        bars: JSON.parse(e.getAttribute('data-bars') ?? '[]') as number[],
        omitted: JSON.parse(e.getAttribute('data-omitted') ?? '[]') as number[],
      }));
      let sum = 0;
      for (const b of w.bars) sum += b;
      expect(sum, id).toBe(w.total);
      expect(w.from + w.total).toBeCloseTo(w.to, 9);
      // the drawn bars: the step bars between the two totals, left to right
      const drawn = await traces('waterfall-chart');
      const up = drawn.find((d) => d.role === 'waterfall_increase')!.y as (number | null)[];
      const down = drawn.find((d) => d.role === 'waterfall_decrease')!.y as (number | null)[];
      const steps: number[] = [];
      for (let i = 1; i < up.length - 1; i++) steps.push((up[i] ?? down[i]) as number);
      // a step below the display precision (it would read ±0.00个百分点) has no bar and is named in the note
      const shown = w.bars.filter((_, i) => !w.omitted.includes(i));
      expect(steps).toEqual(shown);
      for (const i of w.omitted) expect(Math.abs(w.bars[i]!)).toBeLessThan(0.01);
      if (w.omitted.length > 0) expect(await s.page.textContent('[data-testid="waterfall-omitted"]')).toMatch(/^影响不足/);
      else expect(await s.page.locator('[data-testid="waterfall-omitted"]').count()).toBe(0);
      const labels = await s.page.$$eval('[data-testid="waterfall-chart"] .bartext', (els) => els.map((e) => e.textContent ?? ''));
      for (const l of labels) expect(l).not.toMatch(/^[+−-]?0\.00/);
      let drawnSum = 0;
      for (const v of steps) drawnSum += v;
      if (w.omitted.length === 0) expect(drawnSum, id).toBe(w.total);
      else expect(drawnSum).toBeCloseTo(w.total, 1);
    }
    await pickValue(s.page, 'attribution-target', options[0]!);
    // the list closes once a target is chosen (the picker sits in a <label>)
    expect(await s.page.locator('[data-testid="attribution-target-list"]').count()).toBe(0);
    await waitDrawn('waterfall-chart');
    await settle(s.page);
    await s.page.locator('[data-testid="attribution"]').scrollIntoViewIfNeeded();
    await s.shoot('uncertainty-waterfall');
    await s.assertClean();
  });
});

describe('in English', () => {
  it('shows the simulation strip, the range field and the views in English', async () => {
    await s.api.handlers['settings:set']({ language: 'en' }, { host: 'web' } as HandlerContext);
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="sim-panel"]');
    await s.page.click('[data-testid="sim-run"]');
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid="joint-probability"]')?.getAttribute('data-value') !== '',
      undefined,
      { timeout: 60_000 },
    );
    expect(await s.page.textContent('[data-testid="joint-label"]')).toBe('Probability that all 3 headline targets are met');
    expect(await s.page.textContent('th:has([data-testid="sort-probability"])')).toContain('Probability');
    await s.shoot('uncertainty-scoreboard-en');
    await openTarget('fine_steel_output', 'fine steel');
    expect(await s.page.inputValue(range)).toBe('8% to 12%');
    expect(await s.page.textContent('[data-testid="asm-fine_steel_output-unc-param"]')).toContain('underlying growth rate');
    await s.page.click('[data-testid="wb-view-fan"]');
    await waitDrawn('fan-chart');
    expect((await traces('fan-chart')).find((t) => t.role === 'band90_low')!.name).toBe('90% of outcomes fall in this band');
    await s.shoot('uncertainty-fan-en');
    await s.page.click('[data-testid="wb-view-sensitivity"]');
    await waitDrawn('tornado-chart');
    await s.page.locator('[data-testid="asm-fine_steel_output-unc"]').scrollIntoViewIfNeeded();
    await s.shoot('uncertainty-tornado-en');
    await s.api.handlers['settings:set']({ language: 'zh-CN' }, { host: 'web' } as HandlerContext);
    await s.assertClean();
  });
});

describe('correlation groups on the range card', () => {
  it('names the group, its loading and the other members on a member’s range card, not on others', async () => {
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    await openTarget('co2_intensity_reduction', '二氧化碳排放');
    const note = '[data-testid="asm-co2_emissions-unc-group"]';
    await s.page.waitForSelector(note, { timeout: 30_000 });
    expect(await s.page.textContent(note)).toBe(
      '属于相关组“能耗与碳排放降幅”（载荷 0.8，两两相关约 0.64）：与能源消费总量、规上工业能源消费量共用一个随机因子抽样，各自区间不变。',
    );
    await s.page.locator(note).scrollIntoViewIfNeeded();
    await s.shoot('uncertainty-group-note');
    await openTarget('fine_steel_output', '金盛兰精品钢');
    expect(await s.page.locator('[data-testid="asm-fine_steel_output-unc-group"]').count()).toBe(0);
    await s.assertClean();
  });
});
