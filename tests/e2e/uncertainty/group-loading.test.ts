/**
 * A scenario sets a correlation group's loading (issue 17.4): the slider on a member's range card
 * writes the loading on every member with a range in one revision (undone in one step), the card
 * says it is the scenario's with the plan's beside it, and the scoreboard's joint note shows how the
 * joint probability moves with the loading (0, the scenario's, 0.8), with the API's numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../contract';
import type { SimulationResult } from '../../../models/montecarlo';
import { probabilityText } from '../../../renderer/src/lib/uncertainty-format';
import { dragSlider, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
let scenarioId = '';
const GREEN = ['energy_consumption', 'industrial_energy', 'co2_emissions'];
const JOINT = ['energy_intensity_reduction', 'industrial_energy_intensity_reduction', 'co2_intensity_reduction'];
const slider = '[data-testid="asm-co2_emissions-unc-group-slider"]';
const source = '[data-testid="asm-co2_emissions-unc-group-source"]';

beforeAll(async () => {
  s = await startStudio();
  const baseline = s.api.store.list().find((x) => x.preset_id === 'baseline')!.id;
  scenarioId = s.api.store.create({ name: '载荷试算', parent_id: baseline }).id;
  await s.open();
  await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
});
afterAll(async () => {
  await s?.close();
});

const loadings = () => GREEN.map((m) => s.api.store.resolve(scenarioId).assumptions[m].uncertainty?.group_loading ?? null);

describe('a correlation group’s loading set by the scenario', () => {
  it('the card’s slider writes every member in one revision; undo takes it back', async () => {
    await s.go('workbench');
    await s.page.fill('[data-testid="wb-search"]', '二氧化碳排放');
    await s.page.click('[data-testid="wb-item"][data-target="co2_intensity_reduction"]');
    await waitForChart(s.page);
    await s.page.waitForSelector(slider, { timeout: 30_000 });
    expect(await s.page.inputValue(slider)).toBe('0.8');
    expect(await s.page.textContent(source)).toContain('按规划设定');
    const rev0 = s.api.store.get(scenarioId).head_rev;

    await dragSlider(s.page, slider, 0.3);
    await expect.poll(loadings, { timeout: 30_000 }).toEqual([0.3, 0.3, 0.3]);
    expect(s.api.store.get(scenarioId).head_rev).toBe(rev0 + 1);
    await s.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('本情景设定，规划设定为 0.8'), source);
    expect(await s.page.textContent('[data-testid="asm-co2_emissions-unc-group"]')).toContain('载荷 0.3，两两相关约 0.09');
    expect(await s.page.textContent('[data-testid="asm-co2_emissions-unc-group-value"]')).toBe('0.3');
    await s.page.waitForSelector('[data-testid="asm-co2_emissions-unc-group-reset"]');
    // the group's loading is not what a member's rationale explains: no 依据说明未更新
    expect(await s.page.locator('[data-testid="asm-co2_emissions-rationale-stale"]').count()).toBe(0);
    for (const m of GREEN) expect(s.api.store.resolve(scenarioId).assumptions[m].rationale_stale).toBeFalsy();
    await s.page.locator('[data-testid="asm-co2_emissions-unc-group-loading"]').scrollIntoViewIfNeeded();
    await s.shoot('uncertainty-group-loading');

    // one undo step: every member back to the plan's loading
    await s.api.handlers['scenarios:undo']({ id: scenarioId }, { host: 'web' } as HandlerContext);
    expect(loadings()).toEqual([null, null, null]);
    // set again for the scoreboard
    await s.api.handlers['scenarios:setGroupLoading']({ id: scenarioId, group: 'green_decay', loading: 0.3 }, {
      host: 'web',
    } as HandlerContext);
    expect(loadings()).toEqual([0.3, 0.3, 0.3]);
    await s.assertClean();
  });

  it('the scoreboard’s joint note: the joint probability at loading 0, the scenario’s 0.3 and 0.8, as the API gives them', async () => {
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    await s.go('scoreboard');
    await s.page.waitForSelector('[data-testid="sim-panel"]');
    await s.page.selectOption('[data-testid="sim-draws"]', '10000');
    // the three green targets: the two headline shares out, the other two green targets in
    await s.page.click('[data-testid="joint-picker"] summary');
    await s.page.click('[data-testid="joint-check"][data-target="sei_va_share_gdp"]');
    await s.page.click('[data-testid="joint-check"][data-target="mfg_va_share_gdp"]');
    await s.page.click('[data-testid="joint-check"][data-target="industrial_energy_intensity_reduction"]');
    await s.page.click('[data-testid="joint-check"][data-target="co2_intensity_reduction"]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="joint-label"]')?.textContent === '所选三项指标同时实现的概率');
    await s.page.keyboard.press('Escape');
    await s.page.click('[data-testid="sim-run"]');
    const note = '[data-testid="joint-sweep"][data-group="green_decay"]';
    await s.page.waitForSelector(note, { timeout: 120_000 });
    const api = (await s.api.handlers['simulation:run']({ id: scenarioId, draws: 10_000, joint: JOINT, joint_sweep: [0, 0.8] }, {
      host: 'web',
    } as HandlerContext)) as SimulationResult;
    expect(Number(await s.page.getAttribute('[data-testid="joint-probability"]', 'data-value'))).toBe(api.p_joint);
    const g = api.correlation_groups.find((x) => x.id === 'green_decay')!;
    expect(g.loading).toBe(0.3);
    const [p0, p3, p8] = g.joint_by_loading!.map((x) => x.p_joint);
    expect(p3).toBe(api.p_joint);
    expect(p0).toBeLessThan(p3);
    expect(p3).toBeLessThan(p8);
    expect(await s.page.textContent(note)).toBe(
      `能耗与碳排放降幅：载荷 0 时 ${probabilityText(p0)}，本情景 0.3 时 ${probabilityText(p3)}，0.8 时 ${probabilityText(p8)}`,
    );
    expect(await s.page.textContent('[data-testid="joint-correlation"]')).toContain('能耗与碳排放降幅（载荷 0.3，两两相关约 0.09）');
    await s.page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0));
    await s.shoot('uncertainty-joint-sweep');
    await s.assertClean();
  });
});
