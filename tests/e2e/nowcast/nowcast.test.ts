/**
 * Year-to-date figures and the nowcast (issue 9): the 1-N月累计 tab starts empty and says how to
 * import; a CSV with a bad row (month 13) is checked without storing anything and the rejected
 * row is listed with its row, field and reason; a good CSV (fine steel output, months 3, 6, 9, 12
 * of 2024 and 2025 and 3, 6, 9 of 2026) imports after confirming; the nowcast shows its method
 * and backtest; the workbench badges the projection and marks the point; the scoreboard marks the
 * status; one-click reforecast makes a new scenario and leaves the original unchanged.
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

const HEADER = '指标,年份,月份,累计值,来源,发布日期';
const line = (series: string, year: number, month: number, value: number) =>
  `${series},${year},${month},${value},市统计局月报,${year}-${String(month).padStart(2, '0')}-20`;
const SHARE: Record<number, number> = { 3: 0.22, 6: 0.48, 9: 0.72, 12: 1 };

function goodRows(): string[] {
  const rows: string[] = [];
  for (const [year, total] of [
    [2024, 400],
    [2025, 500],
  ] as const)
    for (const m of [3, 6, 9, 12]) rows.push(line('金盛兰精品钢产值', year, m, Math.round(total * SHARE[m] * 10) / 10));
  for (const m of [3, 6, 9]) rows.push(line('fine_steel_output', 2026, m, Math.round(600 * SHARE[m] * 10) / 10));
  return rows;
}

async function chooseFile(name: string, text: string) {
  const file = path.join(s.dir, name);
  fs.writeFileSync(file, `\ufeff${text}\r\n`);
  await s.page.setInputFiles('[data-testid="ytd-file"]', file);
}

describe('year to date', () => {
  it('starts empty and says how to import', async () => {
    await s.page.click('[data-testid="data-tab-ytd"]');
    await s.page.waitForSelector('[data-testid="ytd-panel"] .empty');
    expect(await s.page.textContent('[data-testid="ytd-panel"]')).toContain('尚无1-N月累计数据');
    expect(await s.page.textContent('[data-testid="ytd-panel"]')).toContain('从统计月报导入');
    await s.shoot('ytd-empty');
  });

  it('a CSV with a bad row (month 13) is refused whole: the row is listed and nothing is stored', async () => {
    const before = s.api.store.listActuals().length;
    await s.page.click('[data-testid="ytd-import-open"]');
    await s.page.waitForSelector('[data-testid="ytd-import"]');
    await chooseFile(
      '月报-有误.csv',
      [
        HEADER,
        line('fine_steel_output', 2025, 3, 110),
        line('fine_steel_output', 2025, 13, 200),
        line('fine_steel_output', 2025, 6, 240),
      ].join('\r\n'),
    );
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="false"]');
    const bad = s.page.locator('[data-testid="ytd-rejected-row"][data-field="month"]');
    expect(await bad.count()).toBe(1);
    expect(await bad.getAttribute('data-row')).toBe('3');
    expect(await bad.textContent()).toContain('第 3 行');
    expect(await bad.textContent()).toContain('月份');
    expect(await s.page.$eval('[data-testid="ytd-map-month"]', (e) => (e as HTMLSelectElement).value)).toBe('2');
    // the dialog offers no import, and nothing was written
    expect(await s.page.locator('[data-testid="ytd-import"] button[type="submit"]').count()).toBe(0);
    expect(s.api.store.listActuals().length).toBe(before);
    await s.shoot('ytd-rejected');
  });

  it('a good CSV: the dry run says how many rows, nothing is stored until 确认导入', async () => {
    await s.page.click('[data-testid="ytd-again"]');
    await chooseFile('月报.csv', [HEADER, ...goodRows()].join('\r\n'));
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="true"]');
    expect(await s.page.textContent('[data-testid="ytd-verdict"]')).toContain('可导入 11 条');
    expect(s.api.store.listActuals().length).toBe(0);
    await s.shoot('ytd-dry-run');
    await s.page.click('[data-testid="ytd-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="ytd-import"]', { state: 'detached' });
    expect(s.api.store.listActuals().filter((a) => /^\d{4}-\d{2}$/.test(a.period))).toHaveLength(11);
  });

  it('lists the figures and the nowcast with its method and backtest', async () => {
    await s.page.waitForSelector('[data-testid="ytd-row"][data-series="fine_steel_output"][data-year="2026"]');
    expect(await s.page.locator('[data-testid="ytd-row"]').count()).toBe(3);
    const card = '[data-testid="nowcast-card"][data-series="fine_steel_output"]';
    await s.page.waitForSelector(card);
    const estimate = Number(await s.page.getAttribute(`${card} [data-testid="nowcast-estimate"]`, 'data-value'));
    expect(estimate).toBeGreaterThan(560);
    expect(estimate).toBeLessThan(640);
    expect(await s.page.textContent(`${card} [data-testid="nowcast-range"]`)).toMatch(/区间 [\d,.]+–[\d,.]+亿元/);
    expect(['blend', 'seasonal_share', 'growth_applied']).toContain(
      await s.page.getAttribute(`${card} [data-testid="nowcast-method"]`, 'data-method'),
    );
    expect(await s.page.locator(`${card} [data-testid="nowcast-method-row"]`).count()).toBe(2);
    expect(await s.page.textContent(`${card} [data-testid="nowcast-method-row"][data-method="seasonal_share"]`)).toContain('季节占比法');
    expect(await s.page.locator(`${card} [data-testid="backtest-row"][data-year="2025"]`).count()).toBe(1);
    expect(await s.page.textContent(`${card} [data-testid="backtest-sentence"]`)).toMatch(/回测：按.+，往年同期（1-9月）推算误差为2025年/);
    await settle(s.page);
    await s.shoot('ytd-nowcast');
  });

  it('the workbench badges the projection of 金盛兰精品钢产值 and marks the nowcast point', async () => {
    await s.go('workbench');
    await s.page.fill('[data-testid="wb-search"]', '金盛兰精品钢');
    await s.page.click('[data-testid="wb-item"][data-target="fine_steel_output"]');
    await waitForChart(s.page);
    expect(await s.page.textContent('[data-testid="nowcast-badge"]')).toBe('2026年按1-9月累计推算');
    const point = await s.page.evaluate(() => {
      const gd = document.querySelector('[data-testid="trajectory-chart"] .plot-surface') as HTMLElement & {
        data: { meta?: { role: string }; x: number[]; y: number[]; text?: string[] }[];
      };
      const t = gd.data.find((d) => d.meta?.role === 'nowcast');
      return t ? { x: t.x[0], y: t.y[0], text: t.text?.[0] ?? '' } : null;
    });
    expect(point?.x).toBe(2026);
    expect(point?.text).toContain('推算方法');
    expect(point?.text).toContain('区间');
    // the projected value is the nowcast (the workbench projects with it, as the scoreboard does)
    const nowcast = (await s.api.handlers['nowcast:list']({}, { host: 'web' })) as { results: { series: string; estimate: number }[] };
    const est = nowcast.results.find((r) => r.series === 'fine_steel_output')!.estimate;
    expect(Number(await s.page.getAttribute('[data-testid="wb-projected"]', 'data-value'))).toBeCloseTo(est, 6);
    // 2024 and 2025 were imported month by month up to 1-12月, with no annual record: those
    // figures are the years' actuals on the chart, their source saying so
    const actual = await s.page.evaluate(() => {
      const gd = document.querySelector('[data-testid="trajectory-chart"] .plot-surface') as HTMLElement & {
        data: { meta?: { role: string }; x: number[]; y: number[]; text?: string[] }[];
      };
      const t = gd.data.find((d) => d.meta?.role === 'actual');
      return t ? { x: t.x, y: t.y, text: t.text ?? [] } : null;
    });
    // (2026 follows: the nowcast, drawn on the actual line and marked apart)
    expect(actual?.x.slice(0, 2)).toEqual([2024, 2025]);
    expect(actual?.y.slice(0, 2)).toEqual([400, 500]);
    expect(actual?.text[1]).toContain('市统计局月报（2025年1-12月累计）');
    await s.shoot('workbench-nowcast');
    // the slide of the presentation says so too
    await s.page.keyboard.press('F5');
    await s.page.waitForSelector('[data-testid="presentation"]');
    await waitForChart(s.page, '[data-testid="present-chart"] .plot-surface');
    expect(await s.page.textContent('[data-testid="slide-sentence"]')).toContain('（2026年数值按1-9月累计推算）');
    await s.shoot('present-nowcast');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="presentation"]', { state: 'detached' });
  });

  it('the scoreboard marks the status judged on the nowcast', async () => {
    await s.go('scoreboard');
    const row = '[data-testid="score-row"][data-target="fine_steel_output"]';
    await s.page.waitForSelector(`${row} [data-testid="nowcast-mark"]`);
    expect(await s.page.textContent(`${row} [data-testid="nowcast-mark"]`)).toBe('推算');
    expect(await s.page.getAttribute(`${row} [data-testid="nowcast-mark"]`, 'title')).toContain('1-9月');
    // a target without year-to-date figures has no mark
    expect(await s.page.locator('[data-testid="score-row"][data-target="textile_output"] [data-testid="nowcast-mark"]').count()).toBe(0);
    await s.shoot('scoreboard-nowcast');
    await s.assertClean();
  });

  it('the compare diff says what each assumption moves on the same figures: 2026 rests on the nowcast', async () => {
    await s.go('compare');
    await s.page.waitForSelector('[data-testid="diff-row"]', { timeout: 30_000 });
    const steelRow = s.page.locator('[data-testid="diff-row"]', { hasText: '金盛兰精品钢产值' });
    expect(await steelRow.count()).toBe(1);
    // the API's diff: with the nowcast, the two scenarios' 2026 fine steel value is the same
    const diff = (await s.api.handlers['scenarios:diff']({ a: { id: 'baseline' }, b: { id: 'stretch' } }, { host: 'web' })) as {
      effects: { target: string; change: number | null }[];
    };
    expect(diff.effects.find((e) => e.target === 'fine_steel_output')!.change).toBe(0);
    // so swapping the fine steel assumption moves no target, as the page says
    await s.page.waitForFunction(() => !document.querySelector('[data-testid="diff"] .spinner'));
    expect(await steelRow.locator('td').nth(3).textContent()).toBe('对指标无影响');
    await s.assertClean();
  });

  it('speaks English in English', async () => {
    await s.go('settings');
    await s.page.click('[data-testid="lang-en"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'en');
    await s.go('data');
    await s.page.click('[data-testid="data-tab-ytd"]');
    const card = '[data-testid="nowcast-card"][data-series="fine_steel_output"]';
    await s.page.waitForSelector(card);
    const text = (await s.page.textContent('[data-testid="ytd-panel"]')) ?? '';
    expect(text).toContain('2026 nowcast from January–September');
    expect(text).toContain('Backtest: with');
    expect(await s.page.textContent(`${card} [data-testid="backtest-sentence"]`)).not.toMatch(/[\u4e00-\u9fff]/);
    await s.shoot('ytd-nowcast-en');
    await s.go('settings');
    await s.page.click('[data-testid="lang-zh-CN"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  });
});

describe('reforecast', () => {
  it('makes a new scenario from the latest figures, switches to it and leaves the original unchanged', async () => {
    const original = s.api.store.get('baseline');
    const history = s.api.store.history('baseline').length;
    await s.page.selectOption('[data-testid="scenario-select"]', 'baseline');
    await s.go('scenarios');
    await s.page.click('[data-testid="sm-reforecast"]');
    await s.page.waitForSelector('[data-testid="reforecast-ask"]');
    expect(await s.page.textContent('[data-testid="reforecast-ask"]')).toContain('原情景「基准情景」保持不变');
    await s.page.click('[data-testid="reforecast-ask"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="reforecast-notes"]');
    const created = s.api.store.list().find((x) => x.parent_id === 'baseline' && x.name.includes('重新预测'));
    expect(created).toBeTruthy();
    await s.page.waitForFunction(
      (id) => (document.querySelector('[data-testid="scenario-select"]') as HTMLSelectElement).value === id,
      created!.id,
    );
    expect(await s.page.textContent('[data-testid="reforecast-unchanged"]')).toContain('原情景「基准情景」保持不变');
    expect(await s.page.textContent('[data-testid="reforecast-notes"]')).toContain('金盛兰精品钢产值');
    await s.shoot('reforecast-notes');
    await s.page.click('[data-testid="reforecast-notes"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="reforecast-notes"]', { state: 'detached' });
    const after = s.api.store.get('baseline');
    expect(after.assumptions).toEqual(original.assumptions);
    expect(after.head_rev).toBe(original.head_rev);
    expect(s.api.store.history('baseline').length).toBe(history);
    expect(await s.page.textContent('[data-testid="scenario-details"]')).toContain('重新预测');
    await s.assertClean();
  });
});
