/**
 * Plausibility in the Data screen (issue 16.1, renderer side): an implausible value is refused
 * with the message naming the indicator, the field and the allowed range, shown beside the value
 * field, and nothing is stored; a value far from the year before opens the confirm dialog naming
 * the value and why, and is stored only on 确认保存 (取消 stores nothing); the same for an actuals
 * CSV import and a 1-N月 import; 最近完整统计年度 2031 is refused beside its field in the settings.
 * What is stored is checked through the API's store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickValue, settle, startStudio, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.go('data');
  await s.page.waitForSelector('[data-testid="actuals-table"]');
});
afterAll(async () => {
  await s?.close();
});

const fineSteel = async () => s.api.store.listActuals({ series: 'fine_steel_output' });

async function fillForm(period: string, value: string) {
  await s.page.click('[data-testid="data-add"]');
  await pickValue(s.page, 'af-series', 'fine_steel_output');
  await s.page.fill('[data-testid="af-period"]', period);
  await s.page.fill('[data-testid="af-value"]', value);
  await s.page.fill('[data-testid="af-title"]', '金盛兰2025年经营快报');
}

describe('plausibility in the Data screen', () => {
  it('refuses −590 for 金盛兰精品钢产值 2025 beside the value field and stores nothing', async () => {
    await fillForm('2025', '−590');
    await s.page.keyboard.press('Enter');
    const msg = await s.page.waitForSelector('[data-testid="af-value"] ~ .inline-error');
    const text = (await msg.textContent()) ?? '';
    expect(text).toContain('金盛兰精品钢产值');
    expect(text).toContain('-590');
    expect(text).toContain('不能为负数');
    expect(text).toContain('金盛兰精品钢产值（数值）');
    expect(text).toContain('不小于 0亿元');
    expect(text).not.toContain('actuals[');
    await s.shoot('data-implausible');
    expect(await s.page.isVisible('[data-testid="actual-form"]')).toBe(true);
    expect(await fineSteel()).toEqual([]);
    await s.page.click('[data-testid="actual-form"] .dialog-head button');
    await s.page.waitForSelector('[data-testid="actual-form"]', { state: 'detached' });
    await s.assertClean();
  });

  it('asks before storing a value far from the year before; 取消 stores nothing, 确认保存 stores it', async () => {
    s.api.store.addActuals(
      [
        {
          series: 'fine_steel_output',
          period: '2024',
          value: 520,
          value_kind: 'actual',
          source: { title: '金盛兰2024年经营快报', url: null, date: null, reliability: 'internal' },
          vintage: '2025-02-01',
          note: '',
          entered_by: '',
        },
      ],
      { author: 'e2e' },
    );

    // 5900 typed for 590: more than three times 2024's 520
    await fillForm('2025', '5900亿元');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="confirm-values"]');
    const list = (await s.page.textContent('[data-testid="confirm-values-list"]')) ?? '';
    expect(list).toContain('金盛兰精品钢产值');
    expect(list).toContain('5900亿元');
    expect(list).toContain('520亿元');
    expect(list).toContain('相差 3 倍以上');
    expect(list).not.toContain('actuals[');
    expect(await s.page.textContent('[data-testid="confirm-values"] button[type="submit"]')).toContain('确认保存');
    await s.shoot('data-confirm-values');
    expect((await fineSteel()).map((a) => a.period)).toEqual(['2024']);

    // 取消: back to the form, nothing stored
    await s.page.click('[data-testid="confirm-values"] .dialog-foot button:not([type="submit"])');
    await s.page.waitForSelector('[data-testid="confirm-values"]', { state: 'detached' });
    expect(await s.page.isVisible('[data-testid="actual-form"]')).toBe(true);
    expect((await fineSteel()).map((a) => a.period)).toEqual(['2024']);

    // again, then 确认保存: stored
    await s.page.click('[data-testid="actual-form"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="confirm-values"]');
    await s.page.click('[data-testid="confirm-values"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="actual-form"]', { state: 'detached' });
    await settle(s.page);
    const stored = await fineSteel();
    expect(stored.map((a) => [a.period, a.value]).sort()).toEqual([
      ['2024', 520],
      ['2025', 5900],
    ]);
    await s.assertClean();
  });

  it('a CSV import with a value far from the year before names it and stores only on 确认保存', async () => {
    const file = path.join(s.dir, '精品钢补录.csv');
    fs.writeFileSync(file, '指标,期间,数值,来源,可靠性\r\n金盛兰精品钢产值,2023,48,金盛兰2023年快报,内部\r\n');
    const before = (await fineSteel()).length;
    await s.page.click('[data-testid="data-import"]');
    await s.page.setInputFiles('[data-testid="import-file"]', file);
    await s.page.waitForSelector('[data-testid="import-mapping"]');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="import-summary"]');
    // 48 for 2023 against 520 stored for 2024: the year after is not compared, so this is plain
    expect(await s.page.locator('[data-testid="import-warnings"]').count()).toBe(0);
    await s.page.click('[data-testid="import-dialog"] .dialog-head button');
    await s.page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });

    fs.writeFileSync(file, '指标,期间,数值,来源,可靠性\r\n金盛兰精品钢产值,2025,1500,金盛兰2025年快报,内部\r\n');
    await s.page.click('[data-testid="data-import"]');
    await s.page.setInputFiles('[data-testid="import-file"]', file);
    await s.page.waitForSelector('[data-testid="import-mapping"]');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="import-warnings"]');
    await s.page.click('[data-testid="import-dialog"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="confirm-values"]');
    const list = (await s.page.textContent('[data-testid="confirm-values-list"]')) ?? '';
    expect(list).toContain('金盛兰精品钢产值（第2行）');
    expect(list).toContain('1500亿元');
    expect(list).toContain('5900亿元');
    await s.shoot('data-import-confirm-values');
    await s.page.click('[data-testid="confirm-values"] .dialog-foot button:not([type="submit"])');
    await s.page.waitForSelector('[data-testid="confirm-values"]', { state: 'detached' });
    expect((await fineSteel()).length).toBe(before);
    await s.page.click('[data-testid="import-dialog"] button[type="submit"]');
    await s.page.click('[data-testid="confirm-values"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
    const stored = (await fineSteel()).filter((a) => a.period === '2025');
    expect(stored.map((a) => a.value).sort((x, y) => x - y)).toEqual([1500, 5900]);
    await s.assertClean();
  });

  it('refuses 最近完整统计年度 2031 beside the field, in the settings', async () => {
    await s.go('settings');
    await s.page.fill('[data-testid="st-asof"]', '2031');
    await s.page.click('[data-testid="st-save"]');
    const msg = await s.page.waitForSelector('[data-testid="st-asof"] ~ .inline-error');
    const text = (await msg.textContent()) ?? '';
    expect(text).toContain('最近完整统计年度');
    expect(text).toContain('2031');
    expect(text).toContain('2023–2026');
    expect(text).not.toContain('as_of_year');
    await s.shoot('settings-implausible-year');
    expect((await s.api.handlers['settings:get']({}, { host: 'web' })).as_of_year).not.toBe(2031);
    await s.assertClean();
  });

  it('a 1-N月 import with a cumulative ten times last year’s same months asks; 确认保存 stores the file', async () => {
    await s.go('data');
    await s.page.click('[data-testid="data-tab-ytd"]');
    await s.page.click('[data-testid="ytd-import-open"]');
    await s.page.waitForSelector('[data-testid="ytd-import"]');
    const file = path.join(s.dir, '月报.csv');
    const rows = [
      '指标,年份,月份,累计值,来源,发布日期',
      '金盛兰精品钢产值,2024,3,88,市统计局月报,2024-04-20',
      '金盛兰精品钢产值,2025,3,880,市统计局月报,2025-04-20',
    ];
    fs.writeFileSync(file, `\ufeff${rows.join('\r\n')}\r\n`);
    await s.page.setInputFiles('[data-testid="ytd-file"]', file);
    await s.page.waitForSelector('[data-testid="ytd-verdict"][data-ok="true"]');
    expect(await s.page.textContent('[data-testid="ytd-warnings"]')).toContain('1 个数值与已有数据相差较大');
    const ytd = () => s.api.store.listActuals({ series: 'fine_steel_output' }).filter((a) => /^\d{4}-\d{2}$/.test(a.period));
    expect(ytd()).toHaveLength(0);
    await s.page.click('[data-testid="ytd-import"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="confirm-values"]');
    const list = (await s.page.textContent('[data-testid="confirm-values-list"]')) ?? '';
    expect(list).toContain('金盛兰精品钢产值（第3行 D列“累计值”，2025年1-3月累计值）');
    expect(list).toContain('880亿元');
    expect(list).toContain('上年同期（2024年1-3月）88亿元');
    await s.shoot('ytd-confirm-values');
    await s.page.click('[data-testid="confirm-values"] .dialog-foot button:not([type="submit"])');
    await s.page.waitForSelector('[data-testid="confirm-values"]', { state: 'detached' });
    expect(ytd()).toHaveLength(0);
    await s.page.click('[data-testid="ytd-import"] button[type="submit"]');
    await s.page.click('[data-testid="confirm-values"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="ytd-import"]', { state: 'detached' });
    expect(
      ytd()
        .map((a) => [a.period, a.value])
        .sort(),
    ).toEqual([
      ['2024-03', 88],
      ['2025-03', 880],
    ]);
    await s.assertClean();
  });
});
