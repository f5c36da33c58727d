/**
 * Year-to-date figures through the real API (handlers + SQLite): import all-or-nothing, the
 * nowcast with its backtest, 2026 status from the nowcast, and a reforecast scenario that leaves
 * its source unchanged; then the CLI's `nowcast --indicator ID --json`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('nowcast');
const call = fx.call;

/** 1-N月累计 of fine steel output: each year's months reach 0.6 of the total by September. */
function ytdCsv(rows: [number, number, number][]): string {
  const lines = ['指标,年份,月份,累计值,来源,发布日期'];
  for (const [year, month, value] of rows)
    lines.push(`fine_steel_output,${year},${month},${value},市统计局月报,${year}-${String(month).padStart(2, '0')}-20`);
  return lines.join('\n');
}
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('nowcast through the API', () => {
  it('refuses a sheet with a bad month or a falling cumulative, naming the row, and stores nothing', async () => {
    const before = (await call('actuals:list', {})).length;
    const bad = await call('nowcast:import', {
      kind: 'csv',
      content_base64: b64(
        ytdCsv([
          [2025, 3, 100],
          [2025, 13, 200],
          [2025, 6, 90],
        ]),
      ),
    });
    expect(bad.stored).toBe(0);
    expect(bad.errors.some((e) => e.row === 3 && e.field === 'month')).toBe(true);
    expect(bad.errors.some((e) => e.field === 'cumulative')).toBe(true);
    for (const e of bad.errors) expect(e.message_zh.length).toBeGreaterThan(0);
    expect((await call('actuals:list', {})).length).toBe(before);
  });

  it('imports year-to-date figures and nowcasts 2026 from the seasonal share and last year', async () => {
    const rows: [number, number, number][] = [];
    for (const [year, total] of [
      [2024, 400],
      [2025, 500],
    ] as const) {
      for (const m of [3, 6, 9, 12]) rows.push([year, m, total * (m === 12 ? 1 : m === 9 ? 0.72 : m === 6 ? 0.48 : 0.22)]);
    }
    rows.push([2026, 3, 600 * 0.22], [2026, 6, 600 * 0.48], [2026, 9, 600 * 0.72]);
    const ok = await call('nowcast:import', { kind: 'csv', content_base64: b64(ytdCsv(rows)) });
    expect(ok.errors).toEqual([]);
    expect(ok.stored).toBe(rows.length);

    const r = await call('nowcast:estimate', { indicator: 'fine_steel_output' });
    expect(r.year).toBe(2026);
    expect(r.as_of_month).toBe(9);
    // the seasonal share is 0.72 in both earlier years: 432 / 0.72 = 600 exactly
    const share = r.methods.find((m) => m.method === 'seasonal_share')!;
    expect(share.estimate).toBeCloseTo(600, 6);
    expect(r.low).toBeLessThanOrEqual(r.estimate);
    expect(r.high).toBeGreaterThanOrEqual(r.estimate);
  });

  it('uses the nowcast as the 2026 value in projections, and says so in the provenance', async () => {
    const nowcast = await call('nowcast:estimate', { indicator: 'fine_steel_output' });
    const p = await call('projection:run', { id: 'baseline' });
    const s = p.series.fine_steel_output;
    expect(s.values[2026]).toBeCloseTo(nowcast.estimate, 6);
    expect(s.provenance[2026].value_kind).toBe('estimate');
    expect(s.provenance[2026].source.title).toContain('1-9月累计推算');
    const ev = p.targets.find((t) => t.id === 'fine_steel_output')!;
    expect(ev.status_year).toBe(2026);
  });

  it('reforecasts into a new child scenario and leaves the source unchanged', async () => {
    const before = await call('scenarios:get', { id: 'baseline' });
    const history = (await call('scenarios:history', { id: 'baseline' })).length;
    const r = await call('scenarios:reforecast', { id: 'baseline' });
    expect(r.scenario.parent_id).toBe('baseline');
    expect(r.scenario.name).toContain('重新预测');
    expect(r.nowcast_series).toContain('fine_steel_output');
    const after = await call('scenarios:get', { id: 'baseline' });
    expect(after.assumptions).toEqual(before.assumptions);
    expect((await call('scenarios:history', { id: 'baseline' })).length).toBe(history);
  });

  it('cli nowcast --indicator ID --json prints the estimate, its range and the method', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'cli/main.ts',
        'nowcast',
        '--indicator',
        'fine_steel_output',
        '--json',
        '--db',
        path.join(fx.dir(), 'studio.sqlite'),
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ indicator: 'fine_steel_output', year: 2026, as_of_month: 9 });
    expect(out.low).toBeLessThanOrEqual(out.estimate);
    expect(out.high).toBeGreaterThanOrEqual(out.estimate);
    expect(['blend', 'seasonal_share', 'growth_applied']).toContain(out.method);
    const unknown = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'nowcast', '--indicator', 'nope', '--db', path.join(fx.dir(), 'studio.sqlite')],
      {
        encoding: 'utf8',
      },
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('找不到指标');
  });
});
