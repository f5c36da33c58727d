/**
 * The page's simulation input and keys: the actuals in force as the store picks them, nowcasts
 * appended, the same numbers as the API's `simulation:run` (so the CLI's `simulate`) for the same
 * seed and draws; keys that ignore what the engine does not read; the view helpers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../api/handlers';
import type { Channel, Req, Res } from '../../../contract';
import { dispatch } from '../../../contract';
import { simulatePlan } from '../../../models/montecarlo';
import type { Actual } from '../../../models/schema';
import {
  assumptionsText,
  evalSettings,
  fanActuals,
  fanHasWidth,
  hashText,
  headlineIds,
  isHeadlineSet,
  jointSet,
  movedTargets,
  nextProbabilitySort,
  simulationKeys,
  sortByProbability,
  stableStringify,
  sumLeftToRight,
} from '../../../renderer/src/lib/uncertainty-sim';
import { latestActuals, projectionActuals, type StoredActualLike } from '../../../renderer/src/lib/actuals';
import { baseline, plan } from './fixtures';

const A = (series: string, period: string, value: number, extra: Partial<StoredActualLike> = {}): StoredActualLike =>
  ({
    series,
    period,
    value,
    value_kind: 'actual',
    source: 's',
    vintage: null,
    note: '',
    entered_by: '',
    ...extra,
  }) as StoredActualLike;

describe('latestActuals', () => {
  it('keeps the latest vintage per series and period (none is oldest), the latest entered on a tie', () => {
    const list = [
      A('gdp', '2024', 1, { id: 1, vintage: null }),
      A('gdp', '2024', 2, { id: 2, vintage: '2025-01' }),
      A('gdp', '2024', 3, { id: 3, vintage: '2025-06' }),
      A('gdp', '2024', 4, { id: 4, vintage: '2025-06' }),
      A('gdp', '2024', 9, { id: 9, vintage: '2025-03' }),
      A('abc', '2023', 5, { id: 5 }),
      A('abc', '2023', 6, { id: 6 }),
      A('gdp', '2023', 7, { id: 7, deleted_at: '2025-01-01' }),
    ];
    const out = latestActuals(list);
    expect(out.map((a) => [a.series, a.period, a.value])).toEqual([
      ['abc', '2023', 6],
      ['gdp', '2024', 4],
    ]);
    // the engine's shape: no row id or deletion mark
    expect(Object.keys(out[0]).sort()).toEqual(['entered_by', 'note', 'period', 'series', 'source', 'value', 'value_kind', 'vintage']);
  });
  it('appends the nowcasts', () => {
    const now = [A('gdp', '2026', 8, { value_kind: 'estimate' })] as Actual[];
    expect(projectionActuals([A('gdp', '2025', 1, { id: 1 })], now).map((a) => a.period)).toEqual(['2025', '2026']);
    expect(projectionActuals(undefined, undefined)).toEqual([]);
  });
  it('the settings the API projects with', () => {
    expect(evalSettings({ base_year: null, tolerance: 0.05, as_of_year: 2025 })).toEqual({
      base_year: null,
      tolerance: 0.05,
      as_of_year: 2025,
    });
    // every evaluation setting the app holds reaches the engine, 口径 per target included; other keys do not
    const bases = { co2_intensity_reduction: { base_year: 2020, end_year: 2025, note: '', confirmed: false } };
    const app = {
      base_year: 2023,
      tolerance: 0.05,
      as_of_year: 2025,
      near_tolerance: { x: 1 },
      yardstick: 'compound' as const,
      target_bases: bases,
      language: 'en',
      user_name: 'a',
    };
    expect(evalSettings(app)).toEqual({
      base_year: 2023,
      tolerance: 0.05,
      as_of_year: 2025,
      near_tolerance: { x: 1 },
      yardstick: 'compound',
      target_bases: bases,
    });
  });
});

describe('keys', () => {
  const input = { assumptions: baseline, actuals: [] as Actual[], settings: { as_of_year: 2025 } };
  const args = { planId: plan.id, scenarioId: 's1', seed: 7, draws: 10000, joint: ['b', 'a'], input };
  it('stable text and hash', () => {
    expect(stableStringify({ b: 1, a: [1, { d: undefined, c: 2 }] })).toBe('{"a":[1,{"c":2}],"b":1}');
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
    expect(hashText('')).toMatch(/^[0-9a-f]{16}$/);
  });
  it('ignore what the engine does not read (where an assumption came from, its author, its rationale)', () => {
    const edited = Object.fromEntries(
      Object.entries(baseline).map(([k, a]) => [k, { ...a, from: 'x', author: 'someone', rationale: 'why', updated_at: 'now' }]),
    );
    expect(assumptionsText(edited)).toBe(assumptionsText(baseline));
    expect(simulationKeys({ ...args, input: { ...input, assumptions: edited } })).toEqual(simulationKeys(args));
  });
  it('change with the inputs, the scenario, the seed, the draws and the joint set (not its order)', () => {
    const k = simulationKeys(args);
    const moved = {
      ...baseline,
      gdp_nominal: { ...baseline.gdp_nominal, uncertainty: { ...baseline.gdp_nominal.uncertainty!, high: 0.07 } },
    };
    expect(simulationKeys({ ...args, input: { ...input, assumptions: moved } }).base).not.toBe(k.base);
    expect(simulationKeys({ ...args, scenarioId: 's2' }).base).not.toBe(k.base);
    expect(simulationKeys({ ...args, seed: 8 }).base).not.toBe(k.base);
    expect(simulationKeys({ ...args, draws: 1000 }).base).not.toBe(k.base);
    expect(simulationKeys({ ...args, input: { ...input, settings: { as_of_year: 2024 } } }).base).not.toBe(k.base);
    const j = simulationKeys({ ...args, joint: ['a'] });
    expect(j.base).toBe(k.base);
    expect(j.full).not.toBe(k.full);
    expect(simulationKeys({ ...args, joint: ['a', 'b'] }).full).toBe(k.full);
  });
});

describe('joint set', () => {
  it('the headline targets by default, in plan order, unknown ids dropped', () => {
    expect(headlineIds(plan)).toEqual(['sei_va_share_gdp', 'mfg_va_share_gdp', 'energy_intensity_reduction']);
    expect(jointSet(plan, null)).toEqual(headlineIds(plan));
    expect(jointSet(plan, ['energy_intensity_reduction', 'nope', 'sei_va_share_gdp'])).toEqual([
      'sei_va_share_gdp',
      'energy_intensity_reduction',
    ]);
    expect(isHeadlineSet(plan, ['energy_intensity_reduction', 'mfg_va_share_gdp', 'sei_va_share_gdp'])).toBe(true);
    expect(isHeadlineSet(plan, ['sei_va_share_gdp'])).toBe(false);
  });
});

describe('view helpers', () => {
  const pc = (lo: number, mid: number, hi: number) => ({ p5: lo, p25: mid, p50: mid, p75: mid, p95: hi });
  it('fan actuals: the actual years where every draw agrees', () => {
    const p = { 2023: pc(5, 5, 5), 2024: pc(6, 6, 6), 2025: pc(6, 7, 8), 2026: pc(6, 8, 10) };
    expect(fanActuals(p, [2023, 2024, 2025])).toEqual({ 2023: 5, 2024: 6 });
    expect(fanActuals(p, [])).toEqual({});
    expect(fanHasWidth(p)).toBe(true);
    expect(fanHasWidth({ 2023: pc(5, 5, 5) })).toBe(false);
  });
  it('sorts by probability, rows without one last, stable', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'e' }];
    const probs = new Map([
      ['a', 0.5],
      ['b', 0.1],
      ['d', 0.5],
      ['e', 0.9],
    ]);
    expect(sortByProbability(rows, probs, 'asc').map((r) => r.id)).toEqual(['b', 'a', 'd', 'e', 'c']);
    expect(sortByProbability(rows, probs, 'desc').map((r) => r.id)).toEqual(['e', 'a', 'd', 'b', 'c']);
    expect(sortByProbability(rows, null, 'asc').map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(nextProbabilitySort(null)).toBe('asc');
    expect(nextProbabilitySort('asc')).toBe('desc');
    expect(nextProbabilitySort('desc')).toBe('asc');
  });
  it('the targets worth a waterfall: moved beyond rounding, headline first, then by relative change', () => {
    const T = (id: string, from: number, total: number) =>
      ({ id, from, to: from + total, total, bars: [{ value: total }] }) as unknown as Parameters<typeof movedTargets>[0][number];
    const list = [T('a', 100, 1), T('b', 10, 5), T('h', 50, 0.5), T('noise', 10, 1e-14), T('zero', 10, 0)];
    expect(movedTargets(list, new Set(['h'])).map((x) => x.id)).toEqual(['h', 'b', 'a']);
  });
  it('adds left to right', () => {
    expect(sumLeftToRight([0.1, 0.2, -0.3])).toBe(0.1 + 0.2 - 0.3);
  });
});

// -- the page's input gives the API's numbers -----------------------------------------------------

let dir: string;
let api: Api;
async function call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
  const env = await dispatch(api.handlers, channel, req, { host: 'cli' });
  if (!env.ok) throw new Error(`${channel}: ${env.error.message_en}`);
  return env.value as Res<C>;
}
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-unc-'));
  api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'cli' });
});
afterAll(() => {
  api.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the page’s simulation is the API’s', () => {
  it('with several vintages and a nowcast of the year under way, same seed and draws: the same result', async () => {
    // year-to-date figures of fine steel output (a nowcast of 2026) and two vintages of GDP 2024
    const lines = ['指标,年份,月份,累计值,来源,发布日期'];
    for (const [year, total] of [
      [2024, 400],
      [2025, 500],
    ] as const)
      for (const m of [3, 6, 9, 12])
        lines.push(
          `fine_steel_output,${year},${m},${total * (m === 12 ? 1 : m === 9 ? 0.72 : m === 6 ? 0.48 : 0.22)},市统计局月报,${year}-${String(m).padStart(2, '0')}-20`,
        );
    lines.push('fine_steel_output,2026,3,132,市统计局月报,2026-03-20', 'fine_steel_output,2026,6,288,市统计局月报,2026-06-20');
    const imported = await call('nowcast:import', {
      kind: 'csv',
      content_base64: Buffer.from(lines.join('\n'), 'utf8').toString('base64'),
    });
    expect(imported.errors).toEqual([]);
    await call('actuals:add', {
      actuals: [
        {
          series: 'gdp_nominal',
          period: '2024',
          value: 1350,
          value_kind: 'actual',
          source: { title: '初步核算', url: null, date: '2025-01', reliability: 'official' },
          vintage: '2025-01',
          note: '',
          entered_by: 'test',
        },
        {
          series: 'gdp_nominal',
          period: '2024',
          value: 1362,
          value_kind: 'actual',
          source: { title: '最终核实', url: null, date: '2025-09', reliability: 'official' },
          vintage: '2025-09',
          note: '',
          entered_by: 'test',
        },
      ] as Actual[],
    });
    const nowcast = await call('nowcast:list', {});
    expect(nowcast.actuals.length).toBeGreaterThan(0);
    const stored = await call('actuals:list', {});
    const settings = await call('settings:get', {});
    const resolved = await call('scenarios:resolve', { id: 'baseline' });
    const seed = api.store.get('baseline').seed;
    const joint = headlineIds(plan);
    const page = simulatePlan({
      plan: await call('plan:get', {}),
      assumptions: resolved.assumptions,
      actuals: projectionActuals(stored, nowcast.actuals),
      settings: evalSettings(settings),
      draws: 2000,
      seed,
      joint,
    });
    const cli = await call('simulation:run', { id: 'baseline', draws: 2000, joint });
    expect(page.seed).toBe(cli.seed);
    expect(page.p_joint).toBe(cli.p_joint);
    expect(page.targets).toEqual(cli.targets);
    // and the nowcast and the later vintage are in force
    expect(page.series.fine_steel_output[2026]).toEqual(cli.series.fine_steel_output[2026]);
  });
});
