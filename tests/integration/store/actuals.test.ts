import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../../scenarios/store/store';
import { actualSource, cleanupTmp, makePlan, openTmp, totalChanges } from './fixtures';

afterEach(cleanupTmp);

const actual = (over: Record<string, unknown>) => ({ series: 'steel', period: '2024', value: 500, source: actualSource, ...over });

function err(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

describe('actuals', () => {
  it('keeps every vintage; latestActuals gives the latest vintage per series and period', () => {
    const { store, dbPath } = openTmp();
    store.addActuals([
      actual({ value: 500, vintage: '2025-02-10' }), // preliminary
      actual({ period: '2023', value: 450 }),
      actual({ series: 'exports', period: '2026-09', value: 180, value_kind: 'estimate', note: '1-9月累计' }),
      actual({ series: 'gdp', period: '2025H1', value: 1000, vintage: '2025-07-20' }),
    ]);
    store.addActuals([actual({ value: 512, vintage: '2025-06-30', note: '年报修订' })], { author: '统计员' });

    const all = store.listActuals({ series: 'steel' });
    expect(all.map((a) => [a.period, a.value, a.vintage])).toEqual([
      ['2023', 450, null],
      ['2024', 500, '2025-02-10'],
      ['2024', 512, '2025-06-30'],
    ]);
    expect(all[2]).toMatchObject({ entered_by: '统计员', note: '年报修订', value_kind: 'actual', deleted_at: null });
    expect(all[2]!.source).toEqual(actualSource);

    const latest = store.latestActuals();
    expect(latest.map((a) => [a.series, a.period, a.value])).toEqual([
      ['exports', '2026-09', 180],
      ['gdp', '2025H1', 1000],
      ['steel', '2023', 450],
      ['steel', '2024', 512],
    ]);
    expect(store.latestActuals({ series: 'gdp' })).toHaveLength(1);

    // an older vintage entered later does not displace the newer one
    store.addActuals([actual({ value: 499, vintage: '2025-01-15' })]);
    expect(store.latestActuals({ series: 'steel' }).find((a) => a.period === '2024')!.value).toBe(512);

    // soft delete: the entry stays, marked, and the previous vintage is in force again
    const newest = all[2]!;
    const del = store.deleteActual(newest.id, { author: '统计员' });
    expect(del.deleted_at).not.toBeNull();
    expect(store.latestActuals({ series: 'steel' }).find((a) => a.period === '2024')!.value).toBe(500);
    expect(store.listActuals({ series: 'steel' })).toHaveLength(3);
    expect(store.listActuals({ series: 'steel', includeDeleted: true })).toHaveLength(4);
    expect(err(() => store.deleteActual(99999)).code).toBe('not_found');
    store.close();

    const again = openStore(dbPath, { plan: makePlan() });
    expect(again.listActuals({ includeDeleted: true })).toHaveLength(6);
    again.close();
  });

  it('adds all or nothing: one bad entry refuses the whole batch, naming it', () => {
    const { store } = openTmp();
    const before = totalChanges(store);
    const e = err(() => store.addActuals([actual({}), actual({ period: '2024Q3' }), actual({ series: 'nope' })]));
    expect(e.code).toBe('invalid');
    expect(e.details?.field).toBe('actuals[1].period');
    expect(e.message_zh).toContain('actuals[1].period');
    expect(e.message_en).toContain('actuals[1].period');
    expect(err(() => store.addActuals([actual({ series: 'nope' })])).message_en).toContain('unknown series "nope"');
    expect(err(() => store.addActuals([actual({ vintage: '25/3/1' })])).details?.field).toBe('actuals[0].vintage');
    expect(err(() => store.addActuals([actual({ value: Number.NaN })])).code).toBe('invalid');
    expect(store.listActuals({ includeDeleted: true })).toEqual([]);
    expect(totalChanges(store)).toBe(before);
    store.close();
  });
});

describe('milestones and settings', () => {
  it('ticks milestones of the plan, refusing unknown ids', () => {
    const { store } = openTmp();
    store.setMilestone('m01', { done: true, note: '已挂牌' }, { author: '赵六' });
    store.setMilestone('m02', { done: false });
    store.setMilestone('m01', { done: false, note: '撤回' });
    expect(store.listMilestones()).toMatchObject([
      { id: 'm01', done: false, note: '撤回' },
      { id: 'm02', done: false, note: '' },
    ]);
    expect(err(() => store.setMilestone('m99', { done: true })).code).toBe('invalid');
    store.close();
  });

  it('stores settings as JSON, validating the known ones', () => {
    const { store } = openTmp();
    store.setSetting('language', 'zh-CN');
    store.setSetting('base_year', 2022);
    store.setSetting('tolerance', 0.05);
    store.setSetting('user_name', '张三');
    store.setSetting('ui.columns', { a: [1, 2] });
    expect(store.getSettings()).toEqual({
      language: 'zh-CN',
      base_year: 2022,
      tolerance: 0.05,
      user_name: '张三',
      'ui.columns': { a: [1, 2] },
    });
    expect(err(() => store.setSetting('tolerance', 0.9)).code).toBe('invalid');
    expect(err(() => store.setSetting('base_year', 'x')).message_en).toContain('base_year');
    expect(err(() => store.setSetting('Bad Key', 1)).code).toBe('invalid');
    expect(err(() => store.setSetting('big', 'x'.repeat(70_000))).code).toBe('invalid');
    store.setSetting('base_year', null);
    expect(store.getSettings().base_year).toBeUndefined();
    store.close();
  });
});
