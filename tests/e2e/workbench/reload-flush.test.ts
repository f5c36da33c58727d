/**
 * Nothing dragged is lost on reload (issue 16 item 5): a reload 150 ms after a slider drag,
 * well inside the autosave's 600 ms debounce, keeps the change, because the workbench flushes
 * on pagehide with a keepalive request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragSlider, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
let scenarioId = '';
const card = '[data-testid="asm-fine_steel_output"]';
const slider = '[data-testid="asm-fine_steel_output-underlying_rate-slider"]';

async function openTarget() {
  await s.go('workbench');
  await s.page.fill('[data-testid="wb-search"]', '金盛兰精品钢');
  await s.page.click('[data-testid="wb-item"][data-target="fine_steel_output"]');
  await waitForChart(s.page);
}

beforeAll(async () => {
  s = await startStudio();
  scenarioId = s.api.store.create({ name: '刷新测试', parent_id: 'baseline' }).id;
  await s.open();
  await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
  await openTarget();
});
afterAll(async () => {
  await s?.close();
});

describe('leaving the page during the autosave debounce', () => {
  it('a reload 150 ms after a slider drag keeps the change', async () => {
    const rev0 = s.api.store.get(scenarioId).head_rev;
    await dragSlider(s.page, slider, 7);
    await s.page.waitForTimeout(150);
    // the debounce (600 ms) has not run: nothing saved yet
    expect(s.api.store.get(scenarioId).head_rev).toBe(rev0);
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    const own = s.api.store.get(scenarioId).assumptions.find((a) => a.series === 'fine_steel_output');
    expect(own?.model).toMatchObject({ underlying_rate: 0.07 });
    await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
    await openTarget();
    expect(await s.page.getAttribute(card, 'data-overridden')).toBe('true');
    expect(await s.page.inputValue('[data-testid="asm-fine_steel_output-underlying_rate-input"]')).toBe('7');
    await s.shoot('workbench-reload-kept');
  });
});
