/**
 * The workbench's driver picker is searchable too (issue 16 item 6): an elasticity card's driver
 * series is chosen by typing part of its name and pressing Enter; the change is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
let scenarioId = '';
const picker = '[data-testid="asm-textile_output-driver"]';

beforeAll(async () => {
  s = await startStudio();
  scenarioId = s.api.store.create({ name: '驱动测试', parent_id: 'baseline' }).id;
  await s.open();
  await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
  await s.go('workbench');
  await s.page.fill('[data-testid="wb-search"]', '纺织服装');
  await s.page.click('[data-testid="wb-item"][data-target="textile_output"]');
  await waitForChart(s.page);
});
afterAll(async () => {
  await s?.close();
});

describe('driver picker', () => {
  it('shows the driver in force, filters as one types, and Enter saves the new driver', async () => {
    expect(await s.page.getAttribute(picker, 'data-value')).toBe('gdp_nominal');
    expect(await s.page.inputValue(`${picker} input`)).toBe('地区生产总值(现价)');
    await s.page.click(`${picker} input`);
    await s.page.keyboard.type('可比价');
    await s.page.waitForSelector(`${picker} [role="listbox"]`);
    const hits = await s.page.$$eval(`${picker} [role="option"]`, (els) => els.map((e) => e.getAttribute('data-value')));
    expect(hits).toContain('gdp_real');
    expect(hits).not.toContain('gdp_nominal');
    await s.shoot('workbench-driver-picker');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector(`${picker}[data-value="${hits[0]}"]`);
    await expect
      .poll(
        () =>
          (s.api.store.get(scenarioId).assumptions.find((a) => a.series === 'textile_output')?.model as { driver?: string } | undefined)
            ?.driver,
        { timeout: 5000 },
      )
      .toBe(hits[0]);
    await s.assertClean();
  });
});
