/**
 * The Data screen's words at 1366×768 (issue 16): the grid is in the order of the indicators'
 * Chinese names (pinyin), a stock's mid-year record reads "2023年6月末 438家", the reliability is the
 * exports' word, and the delete confirmation names the indicator, period, value and unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from '../harness';
import { RELIABILITY_WORDS } from '../../../models/reliability';

let s: Studio;
beforeAll(async () => {
  s = await startStudio({ viewport: { width: 1366, height: 768 } });
  s.api.store.addActuals(
    [
      {
        series: 'high_tech_enterprises',
        period: '2024',
        value: 700,
        source: { title: '市科技局年报', url: null, date: '2025-02-01', reliability: 'secondary' },
      },
    ],
    { author: '规划科' },
  );
  await s.open();
  await s.go('data');
  await s.page.waitForSelector('[data-testid="actuals-table"]');
});
afterAll(async () => {
  await s?.close();
});

const row = (series: string, period: string) => `[data-testid="actual-row"][data-series="${series}"][data-period="${period}"]`;

describe('data words', () => {
  it('lists the rows by the Chinese name in pinyin order', async () => {
    const names = await s.page.$$eval('[data-testid="actual-row"] .cell-name', (els) =>
      els.map((e) => (e.firstChild?.textContent ?? '').trim()),
    );
    const distinct = names.filter((n, i) => n !== names[i - 1]);
    expect(distinct.length).toBeGreaterThan(3);
    const collator = new Intl.Collator(['zh-CN-u-co-pinyin', 'en'], { numeric: true });
    expect(distinct).toEqual([...distinct].sort((a, b) => collator.compare(a, b)));
    expect(new Set(distinct).size).toBe(distinct.length);
  });

  it('reads a stock’s mid-year record as the month-end level, with the exports’ reliability word', async () => {
    const text = await s.page.textContent(row('high_tech_enterprises', '2023-06'));
    expect(text).toContain('2023年6月末');
    expect(text).not.toContain('1-6月');
    expect(text).toContain('438家');
    expect(text).toContain(RELIABILITY_WORDS['zh-CN'].mirror);
    expect(await s.page.textContent(row('high_tech_enterprises', '2024'))).toContain(RELIABILITY_WORDS['zh-CN'].secondary);
    expect(await s.page.textContent('[data-testid="actuals-table"] thead')).toContain('可信度');
  });

  it('the delete confirmation names the indicator, period, value and unit', async () => {
    await s.page.click(`${row('high_tech_enterprises', '2024')}:not(.superseded) button.danger`);
    const warn = s.page.locator('[data-testid="delete-warn"]');
    await warn.waitFor();
    expect(await warn.textContent()).toBe('将删除“高新技术企业”2024年的数值 700家。');
    await s.shoot('laptop-data-delete');
    await s.page.keyboard.press('Escape');
    await warn.waitFor({ state: 'detached' });
    await s.assertClean();
  });
});
