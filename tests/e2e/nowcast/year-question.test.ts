/**
 * December's question (issue 17 item 6): once 1-10月 figures of 2026 are in, the Workbench card of
 * 金盛兰精品钢产值 says what 1-10月 has done and what 11-12月 still needs, and its sliders say
 * they no longer change 2026 (the nowcast fixes it) instead of silently doing nothing; the
 * required / assumed growth reads as a sentence; the nowcast screen says the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.go('data');
});
afterAll(async () => {
  await s?.close();
});

const HEADER = '指标,年份,月份,累计值,累计增速,来源,发布日期';
const line = (year: number, month: number, value: number, growth = '') =>
  `金盛兰精品钢产值,${year},${month},${value},${growth},市统计局月报,${year}-${String(month).padStart(2, '0')}-20`;

describe('1-10月 in December', () => {
  it('imports the 1-10月 figure of 2026 (with 2024 and 2025 to compare)', async () => {
    await s.page.click('[data-testid="data-tab-ytd"]');
    await s.page.click('[data-testid="ytd-import-open"]');
    await s.page.waitForSelector('[data-testid="ytd-import"]');
    const file = path.join(s.dir, '1-10月月报.csv');
    // 2025: 1-10月 400, full year 500 → the same two months of 2025 came to 100
    const rows = [HEADER, line(2024, 10, 320), line(2024, 12, 400), line(2025, 10, 400), line(2025, 12, 500), line(2026, 10, 440, '10')];
    fs.writeFileSync(file, `\ufeff${rows.join('\r\n')}\r\n`);
    await s.page.setInputFiles('[data-testid="ytd-file"]', file);
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="true"]');
    await s.page.click('[data-testid="ytd-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="ytd-import"]', { state: 'detached' });
    const card = '[data-testid="nowcast-card"][data-series="fine_steel_output"]';
    await s.page.waitForSelector(`${card} [data-testid="nowcast-year"]`);
    // 700 − 440 = 260 in 11-12月, against 100 in the same months of 2025: +160%
    expect(await s.page.textContent(`${card} [data-testid="nowcast-year"][data-target="fine_steel_output"]`)).toBe(
      '1-10月已完成440亿元（同比增长10.0%），11-12月需完成260亿元（同比需增长160.0%）',
    );
    await settle(s.page);
    await s.shoot('year-question-nowcast');
  });

  it('the workbench card says the same, and its sliders say what they still change', async () => {
    await s.go('workbench');
    await s.page.fill('[data-testid="wb-search"]', '金盛兰精品钢');
    await s.page.click('[data-testid="wb-item"][data-target="fine_steel_output"]');
    await waitForChart(s.page);
    const card = '[data-testid="asm-fine_steel_output"]';
    await s.page.waitForSelector(`${card} [data-testid="asm-fine_steel_output-year"]`);
    expect(await s.page.textContent(`${card} [data-testid="asm-fine_steel_output-year"]`)).toBe(
      '1-10月已完成440亿元（同比增长10.0%），11-12月需完成260亿元（同比需增长160.0%）',
    );
    // the plan ends in 2026, which the nowcast fixes: the sliders change nothing within it, and say so
    expect(await s.page.textContent(`${card} [data-testid="asm-fine_steel_output-fixed"]`)).toBe(
      '2026年按1-10月推算，此滑块在本规划期（至2026年）内不改变任何数值',
    );
    // no "— / —" and no "自2026年至2026年": a sentence instead
    expect(await s.page.textContent('[data-testid="wb-judged-on"]')).toBe('2026年已有1-10月数据，按推算值评价');
    expect(await s.page.textContent(`${card} [data-testid="asm-fine_steel_output-judged-on"]`)).toBe('2026年已有1-10月数据，按推算值评价');
    expect(await s.page.textContent(card)).not.toContain('自2026年至2026年');
    expect(await s.page.textContent('.kpis')).not.toContain('— / —');
    // the verdict line says the same numbers
    expect(await s.page.textContent('[data-testid="wb-verdict"]')).toContain('11-12月还需完成260亿元，需同比增长160.0%');
    // indeed: moving a slider leaves the 2026 figure where it is
    const before = await s.page.getAttribute('[data-testid="wb-projected"]', 'data-value');
    const slider = s.page.locator(`${card} input[type="range"]`).first();
    expect(await slider.count()).toBe(1);
    const was = await slider.inputValue();
    await slider.focus();
    await s.page.keyboard.press('ArrowRight');
    // the baseline is a preset: say yes to editing it for this session
    await s.page.waitForSelector('[data-testid="preset-guard"]');
    await s.page.click('[data-testid="preset-guard-edit"]');
    await s.page.waitForSelector('[data-testid="preset-guard"]', { state: 'detached' });
    await slider.focus();
    await s.page.keyboard.press('ArrowRight');
    await s.page.keyboard.press('ArrowRight');
    await settle(s.page);
    expect(await slider.inputValue()).not.toBe(was);
    expect(await s.page.getAttribute('[data-testid="wb-projected"]', 'data-value')).toBe(before);
    expect(await s.page.textContent(`${card} [data-testid="asm-fine_steel_output-fixed"]`)).toContain('不改变任何数值');
    await s.page.locator(card).scrollIntoViewIfNeeded();
    await settle(s.page);
    await s.shoot('year-question-workbench');
    await s.assertClean();
  });

  it('speaks English in English', async () => {
    await s.go('settings');
    await s.page.click('[data-testid="lang-en"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'en');
    await s.go('workbench');
    await s.page.fill('[data-testid="wb-search"]', 'Jinshenglan');
    await s.page.click('[data-testid="wb-item"][data-target="fine_steel_output"]');
    await waitForChart(s.page);
    const card = '[data-testid="asm-fine_steel_output"]';
    await s.page.waitForSelector(`${card} [data-testid="asm-fine_steel_output-year"]`);
    const year = (await s.page.textContent(`${card} [data-testid="asm-fine_steel_output-year"]`)) ?? '';
    expect(year).toMatch(
      /^January–October: 44 billion yuan done \(up 10\.0% year on year\); Nov–Dec needs 26 billion yuan \(up 160\.0% on the same months of last year\)$/,
    );
    expect(await s.page.textContent(`${card} [data-testid="asm-fine_steel_output-fixed"]`)).toBe(
      "2026 is estimated from January–October: this slider changes nothing up to 2026 (the plan's horizon)",
    );
    expect(await s.page.textContent('[data-testid="wb-judged-on"]')).toBe('2026 has January–October figures: judged on the estimate');
    await settle(s.page);
    await s.shoot('year-question-workbench-en');
    await s.go('settings');
    await s.page.click('[data-testid="lang-zh-CN"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await s.assertClean();
  });
});
