/**
 * A month-end level as the floor of its year (issues 15.3, 16.2), in Chromium through the web host:
 * the planner enters 清洁能源装机容量 2,510兆瓦 at the end of October 2026 on the data screen; the
 * record reads 2026年10月末 and is marked as setting 2026; the workbench's 2026 value rises from the
 * scenario's 2,393.5兆瓦 to it, with the badge 按10月末存量 and the verdict 2026年10月末已达2,510兆瓦.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickValue, settle, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
const TARGET = 'clean_energy_capacity';
const row = `[data-testid="actual-row"][data-series="${TARGET}"][data-period="2026-10"]`;

async function openTarget() {
  await s.go('workbench');
  await s.page.fill('[data-testid="wb-search"]', '清洁能源');
  await s.page.click(`[data-testid="wb-item"][data-target="${TARGET}"]`);
  await waitForChart(s.page);
}
const projected = async () => Number(await s.page.getAttribute('[data-testid="wb-projected"]', 'data-value'));

beforeAll(async () => {
  s = await startStudio();
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

describe('a month-end level lifts the year to it', () => {
  it('before: the scenario projects 2026 below the level reached', async () => {
    await openTarget();
    expect(await projected()).toBeCloseTo(2393.45, 1);
    expect(await s.page.locator('[data-testid="month-end-badge"]').count()).toBe(0);
  });

  it('the planner enters the October level on the data screen; it reads 2026年10月末 and sets 2026', async () => {
    await s.go('data');
    await s.page.waitForSelector('[data-testid="actuals-table"]');
    await s.page.click('[data-testid="data-add"]');
    await pickValue(s.page, 'af-series', TARGET);
    await s.page.fill('[data-testid="af-period"]', '2026年10月末');
    await s.page.fill('[data-testid="af-value"]', '2510');
    await s.page.fill('[data-testid="af-title"]', '市能源局10月装机统计');
    await s.page.fill('[data-testid="af-date"]', '2026-11-12');
    await s.page.selectOption('[data-testid="af-reliability"]', 'official');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector(row);
    expect(s.api.store.listActuals().find((a) => a.series === TARGET)).toMatchObject({ period: '2026-10', value: 2510 });
    await s.page.waitForSelector(`${row} [data-testid="actual-floors"]`);
    const text = (await s.page.textContent(row)) ?? '';
    expect(text).toContain('2026年10月末');
    expect(text).toContain('2026年取此值');
    expect(text).toContain('2,510兆瓦');
    await s.page.fill('[data-testid="data-search"]', '清洁能源');
    await settle(s.page);
    await s.shoot('month-end-data');
    await s.assertClean();
  });

  it('the workbench shows 2026 at the level, with its basis', async () => {
    await openTarget();
    await s.page.waitForSelector('[data-testid="month-end-badge"]');
    expect(await projected()).toBe(2510);
    expect(await s.page.textContent('[data-testid="month-end-badge"]')).toContain('按10月末存量');
    const tip = (await s.page.getAttribute('[data-testid="month-end-badge"]', 'title')) ?? '';
    expect(tip).toContain('2026年10月末已达2,510兆瓦');
    expect(tip).toContain('市能源局10月装机统计');
    expect(await s.page.textContent('[data-testid="wb-verdict"]')).toContain('2026年10月末已达2,510兆瓦，距目标差490兆瓦');
    await s.shoot('month-end-workbench');
    await s.assertClean();
  });
});
