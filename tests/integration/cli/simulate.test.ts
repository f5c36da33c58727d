/** `cli simulate`: seeded, reproducible Monte Carlo over the whole plan, as documented. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'simulate', ...args, '--db', path.join(dir, 'studio.sqlite')], {
    encoding: 'utf8',
    timeout: 120_000,
  });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-sim-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli simulate', () => {
  it('prints percentiles per year and p_meet per indicator, and p_joint for the set given; same seed, same output', () => {
    const args = [
      '--scenario',
      '基准情景',
      '--draws',
      '2000',
      '--seed',
      '42',
      '--json',
      '--joint',
      'sei_va_share_gdp,mfg_va_share_gdp,energy_intensity_reduction',
    ];
    const a = run(...args);
    expect(a.status, a.stderr).toBe(0);
    const out = JSON.parse(a.stdout);
    expect(out).toMatchObject({ scenario: '基准情景', draws: 2000, seed: 42 });
    expect(out.indicators.length).toBeGreaterThanOrEqual(60);
    for (const i of out.indicators) {
      if (i.p_meet !== null) expect(i.p_meet).toBeGreaterThanOrEqual(0);
      if (i.p_meet !== null) expect(i.p_meet).toBeLessThanOrEqual(1);
      for (const p of Object.values(i.percentiles as Record<string, Record<string, number>>)) {
        expect(p.p5).toBeLessThanOrEqual(p.p25);
        expect(p.p25).toBeLessThanOrEqual(p.p50);
        expect(p.p50).toBeLessThanOrEqual(p.p75);
        expect(p.p75).toBeLessThanOrEqual(p.p95);
      }
    }
    const energy = out.indicators.find((i: { id: string }) => i.id === 'energy_intensity_reduction');
    expect(Object.keys(energy.percentiles)).toContain('2026');
    expect(energy.percentiles['2026'].p95).toBeGreaterThan(energy.percentiles['2026'].p5);
    expect(out.p_joint).toBeGreaterThanOrEqual(0);
    const each = out.indicators.filter((i: { id: string }) => out.joint.includes(i.id)).map((i: { p_meet: number }) => i.p_meet);
    expect(out.p_joint).toBeLessThanOrEqual(Math.min(...each));
    // the correlation groups drawn with a common factor, with their members in force
    expect(out.correlation_groups.map((g: { id: string; loading: number }) => [g.id, g.loading])).toEqual([
      ['green_decay', 0.8],
      ['sector_elasticities', 0.6],
    ]);

    const again = run(...args);
    expect(again.stdout).toBe(a.stdout);
    const other = run('--scenario', '基准情景', '--draws', '2000', '--seed', '43', '--json');
    expect(JSON.parse(other.stdout).indicators[2].percentiles).not.toEqual(out.indicators[2].percentiles);
  }, 120_000);

  it('names the correlation groups behind a joint probability in the text output', () => {
    const green = run(
      '--scenario',
      '基准情景',
      '--draws',
      '500',
      '--seed',
      '7',
      '--joint',
      'energy_intensity_reduction,industrial_energy_intensity_reduction,co2_intensity_reduction',
    );
    expect(green.status, green.stderr).toBe(0);
    expect(green.stdout).toContain('已计入相关性 / correlated draws: 能耗与碳排放降幅 (0.8)');
    const trade = run('--scenario', '基准情景', '--draws', '500', '--seed', '7', '--joint', 'trade_growth,high_value_patents_per_10k');
    expect(trade.status, trade.stderr).toBe(0);
    expect(trade.stdout).not.toContain('已计入相关性');
  }, 120_000);

  it('refuses bad draws, seeds and joint ids with a message naming them', () => {
    const draws = run('--scenario', '基准情景', '--draws', '5');
    expect(draws.status).toBe(2);
    expect(draws.stderr).toContain('--draws');
    const joint = run('--scenario', '基准情景', '--draws', '200', '--joint', 'nope');
    expect(joint.status).toBe(1);
    expect(joint.stderr).toContain('nope');
  }, 120_000);
});
