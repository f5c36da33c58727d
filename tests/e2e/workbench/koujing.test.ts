/**
 * 口径 per target on the workbench (issue 15.6), in Chromium through the web host: a 累计降幅 target
 * the plan ships 口径待核实 says so beside its verdict on the workbench and the scoreboard; the other
 * reading (基期2020年，终期2025年) is one click away and moves the verdict, its 无数据 saying which 2020
 * actuals are missing (issue 15.6); a base year after the end
 * year is refused beside the field and nothing is stored; 恢复规划口径 brings the plan's reading back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
const TARGET = 'co2_intensity_reduction';

async function openTarget() {
  await s.go('workbench');
  await s.page.fill('[data-testid="wb-search"]', '二氧化碳');
  await s.page.click(`[data-testid="wb-item"][data-target="${TARGET}"]`);
  await waitForChart(s.page);
}
const bases = async () =>
  ((await s.api.handlers['settings:get']({}, { host: 'web' } as never)) as { target_bases: Record<string, unknown> }).target_bases;

beforeAll(async () => {
  s = await startStudio();
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

describe('口径 on the workbench', () => {
  it('shows the basis in force and 口径待核实 with the reason, beside the verdict too', async () => {
    await openTarget();
    expect(await s.page.textContent('[data-testid="koujing-basis"]')).toBe('基期2023年，终期2026年');
    expect(await s.page.getAttribute('[data-testid="koujing"]', 'data-unconfirmed')).toBe('true');
    expect(await s.page.textContent('[data-testid="koujing"]')).toContain('口径待核实');
    expect(await s.page.textContent('[data-testid="wb-verdict"] [data-testid="verdict-basis"]')).toBe('【口径待核实】');
    await s.shoot('koujing-unconfirmed');
    await s.assertClean();
  });

  it('refuses a base year after the end year beside the field and stores nothing', async () => {
    await s.page.click('[data-testid="koujing-edit"]');
    await s.page.fill('[data-testid="koujing-base"]', '2027');
    await s.page.click('[data-testid="koujing-save"]');
    const form = await s.page.textContent('[data-testid="koujing-form"]');
    expect(form).toContain('（口径基期）：2027年不可用，允许 2013–2025 年');
    // only the base is at fault: no message about the end year the planner did not touch
    expect(form).not.toContain('口径终期');
    expect(await bases()).toEqual({});
    await s.shoot('koujing-refused');
    await s.page.click('[data-testid="koujing-form"] button:has-text("取消")');
  });

  it('takes the other reading in one click, and the verdict is judged on it', async () => {
    const before = await s.page.textContent('[data-testid="wb-verdict"]');
    await s.page.click('[data-testid="koujing-alt"]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="koujing-basis"]')?.textContent === '基期2020年，终期2025年');
    await settle(s.page);
    expect(await bases()).toMatchObject({ [TARGET]: { base_year: 2020, end_year: 2025 } });
    // the plan holds no 2020 figures for it: judged on that reading there is no verdict, never a silent one
    await s.page.waitForFunction((b) => document.querySelector('[data-testid="wb-verdict"]')?.textContent !== b, before);
    expect(await s.page.getAttribute('[data-testid="wb-verdict"] [data-testid="verdict-line"]', 'data-status')).toBe('no_data');
    // and it says why, and what to enter (issue 15.6), on the workbench and the scoreboard
    const why =
      '基期2020年无单位地区生产总值二氧化碳排放数值：缺少2020年的二氧化碳排放量、地区生产总值(现价)、地区生产总值平减指数(2023年=100)实际值，在“数据”页录入后即可按此口径评价';
    expect(await s.page.textContent('[data-testid="wb-verdict"] .verdict-reason')).toBe(`（${why}）`);
    await s.shoot('koujing-alternative');
    await s.go('scoreboard');
    const row = s.page.locator(`[data-testid="score-row"][data-target="${TARGET}"]`);
    await row.waitFor();
    expect(await row.locator('.verdict-reason').textContent()).toBe(`（${why}）`);
    await row.scrollIntoViewIfNeeded();
    await s.shoot('koujing-alternative-scoreboard');
    await openTarget();
  });

  it('marks it confirmed with a note, and the scoreboard verdict loses the flag', async () => {
    await s.page.click('[data-testid="koujing-edit"]');
    await s.page.fill('[data-testid="koujing-note"]', '市生态环境局确认按十四五口径');
    await s.page.check('[data-testid="koujing-confirmed"]');
    await s.page.click('[data-testid="koujing-save"]');
    await s.page.waitForSelector('[data-testid="koujing-form"]', { state: 'detached' });
    expect(await s.page.textContent('[data-testid="koujing"]')).toContain('市生态环境局确认按十四五口径');
    expect(await s.page.getAttribute('[data-testid="koujing"]', 'data-unconfirmed')).toBe('false');
    await s.go('scoreboard');
    const row = s.page.locator(`[data-testid="score-row"][data-target="${TARGET}"]`);
    await row.waitFor();
    expect(await row.locator('[data-testid="verdict-basis"]').textContent()).toBe('【口径已调整】');
    await s.assertClean();
  });

  it('goes back to the plan basis', async () => {
    await openTarget();
    await s.page.click('[data-testid="koujing-edit"]');
    await s.page.click('[data-testid="koujing-reset"]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="koujing-basis"]')?.textContent === '基期2023年，终期2026年');
    expect(await bases()).toEqual({});
    await s.assertClean();
  });
});
