import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { readerFrom } from '../../../renderer/src/lib/pinyin';
import { buildRows, filterRows, nextSort, responsibleUnits, rollup, searchTerms, sortRows } from '../../../renderer/src/lib/scoreboard';
import { baselineResult, plan } from './fixtures';

const rows = buildRows(plan, baselineResult, 'zh-CN');

describe('scoreboard rows', () => {
  it('has one row per target joined with its evaluation', () => {
    expect(rows).toHaveLength(plan.targets.length);
    const r = rows.find((x) => x.id === 'fine_steel_output')!;
    expect(r.name).toBe('金盛兰精品钢产值');
    expect(r.projected).toBeCloseTo(baselineResult.targets.find((e) => e.id === 'fine_steel_output')!.projected!, 9);
    expect(r.sectionCode).toBe('一');
  });
  it('rows without a projection are no_data', () => {
    const empty = buildRows(plan, null, 'en');
    expect(empty.every((r) => r.status === 'no_data' && r.projected === null)).toBe(true);
    expect(empty[0].name).toBe(plan.targets[0].name_en);
  });
  it('rolls up the statuses (on track or better = early + ahead + on track)', () => {
    const r = rollup(rows);
    expect(r.total).toBe(62);
    expect(r.counts).toEqual(baselineResult.rollup);
    expect(r.onTrackOrBetter).toBe(r.counts.achieved_early + r.counts.ahead + r.counts.on_track);
  });
});

describe('filters', () => {
  it('filters by status, section, kind and responsible unit', () => {
    const lagging = filterRows(rows, { statuses: new Set(['lagging']) });
    expect(lagging.length).toBe(baselineResult.rollup.lagging);
    expect(lagging.every((r) => r.status === 'lagging')).toBe(true);
    const two = filterRows(rows, { statuses: new Set(['lagging', 'on_track']) });
    expect(two.length).toBe(baselineResult.rollup.lagging + baselineResult.rollup.on_track);
    const s3 = filterRows(rows, { sections: new Set(['s3']) });
    expect(s3.length).toBeGreaterThan(0);
    expect(s3.every((r) => r.sectionId === 's3')).toBe(true);
    const shares = filterRows(rows, { kinds: new Set(['share']) });
    expect(shares.every((r) => r.kind === 'share')).toBe(true);
    const unit = responsibleUnits(plan)[0];
    expect(filterRows(rows, { responsible: unit }).every((r) => r.responsible.includes(unit))).toBe(true);
    expect(filterRows(rows, { headlineOnly: true }).map((r) => r.id)).toEqual(plan.targets.filter((t) => t.headline).map((t) => t.id));
  });
  it('searches names, ids and plan text; every term must match', () => {
    expect(searchTerms('  钢  产值 ')).toEqual(['钢', '产值']);
    const steel = filterRows(rows, { query: '金盛兰' });
    expect(steel.map((r) => r.id).sort()).toEqual(['fine_steel_capacity_share', 'fine_steel_output']);
    expect(filterRows(rows, { query: '金盛兰 产能' }).map((r) => r.id)).toEqual(['fine_steel_capacity_share']);
    expect(filterRows(rows, { query: 'FINE_STEEL_OUTPUT' }).map((r) => r.id)).toEqual(['fine_steel_output']);
    expect(filterRows(rows, { query: '不存在的指标xyz' })).toEqual([]);
  });
  it('with a pinyin reader, initials of the Chinese name match too (issue 16.6)', () => {
    const reader = readerFrom(pinyin);
    expect(filterRows(rows, { query: 'jsl' })).toEqual([]); // no reader: substrings only
    const steel = filterRows(rows, { query: 'jsl', reader });
    expect(steel.map((r) => r.id).sort()).toEqual(['fine_steel_capacity_share', 'fine_steel_output']);
    expect(filterRows(rows, { query: 'jsl cn', reader }).map((r) => r.id)).toEqual(['fine_steel_capacity_share']);
    const digital = filterRows(rows, { query: 'szjj', reader });
    expect(digital.length).toBeGreaterThan(0);
    for (const r of digital) expect(r.target.name_zh).toContain('数字经济');
    expect(filterRows(rows, { query: 'qqqq', reader })).toEqual([]);
  });
});

describe('sorting', () => {
  it('sorts by relative gap, biggest shortfall first, rows without a gap last', () => {
    const s = sortRows(rows, { key: 'gap', dir: 'desc' });
    const gaps = s.map((r) => r.gapRel).filter((g): g is number => g !== null);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i - 1]).toBeGreaterThanOrEqual(gaps[i]);
    const firstNull = s.findIndex((r) => r.gapRel === null);
    if (firstNull >= 0) expect(s.slice(firstNull).every((r) => r.gapRel === null && r.gap === null)).toBe(true);
    const asc = sortRows(rows, { key: 'gap', dir: 'asc' });
    expect(asc[0].gapRel).toBe(Math.min(...gaps));
  });
  it('is stable and keeps nulls last in both directions', () => {
    const withNull = [{ ...rows[0], projected: null }, ...rows.slice(1, 5)];
    expect(sortRows(withNull, { key: 'projected', dir: 'asc' }).at(-1)!.projected).toBeNull();
    expect(sortRows(withNull, { key: 'projected', dir: 'desc' }).at(-1)!.projected).toBeNull();
    const byOrder = sortRows(rows, { key: 'order', dir: 'asc' });
    expect(byOrder.map((r) => r.id)).toEqual(plan.targets.map((t) => t.id));
  });
  it('sorts by status with lagging first', () => {
    const s = sortRows(rows, { key: 'status', dir: 'asc' });
    expect(s[0].status).toBe('lagging');
  });
  it('clicking a header flips the same column, starts a gap column descending', () => {
    expect(nextSort({ key: 'order', dir: 'asc' }, 'gap')).toEqual({ key: 'gap', dir: 'desc' });
    expect(nextSort({ key: 'gap', dir: 'desc' }, 'gap')).toEqual({ key: 'gap', dir: 'asc' });
    expect(nextSort({ key: 'gap', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });
});
