/**
 * Base ranges through the API (simulation:run with base_ranges): a target whose only uncertain
 * input is an assumed base value has a probability strictly between 0 and 1 when on, and none
 * (未设区间: the one rule, models/probability targetsWithRange) when off; off is the default and
 * answers exactly as before; a bad value is refused by the contract. And `cli simulate --base-ranges`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../contract';
import { targetsWithRange } from '../../../models/probability';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('baseranges');
const call = fx.call;
let baseline: string;

beforeAll(async () => {
  baseline = (await call('scenarios:list', {})).find((s) => s.preset_id === 'baseline')!.id;
});

const ONLY_BASE = 'tech_renovation_projects'; // 技改项目: an assumed base of 95 and a path, no range

describe('simulation:run with base_ranges', () => {
  it('off (the default): no probability for a target with only an assumed base; on: strictly between 0 and 1', async () => {
    const resolved = await call('scenarios:resolve', { id: baseline });
    const input = { plan: fx.api().plan, assumptions: resolved.assumptions };
    const def = await call('simulation:run', { id: baseline, draws: 2000, seed: 7 });
    const off = await call('simulation:run', { id: baseline, draws: 2000, seed: 7, base_ranges: 'off' });
    expect(off).toEqual(def);
    expect(def.base_ranges).toBeUndefined();
    expect(def.no_range).toBeUndefined();
    expect(targetsWithRange(input).has(ONLY_BASE)).toBe(false); // reads 未设区间

    const on = await call('simulation:run', { id: baseline, draws: 2000, seed: 7, base_ranges: 'on' });
    expect(on.base_ranges).toBe('on');
    const t = on.targets.find((x) => x.id === ONLY_BASE)!;
    expect(t.p_meet).toBeGreaterThan(0);
    expect(t.p_meet).toBeLessThan(1);
    expect(on.no_range).not.toContain(ONLY_BASE);
    expect(on.no_range!.length).toBeLessThan(fx.api().plan.targets.length - targetsWithRange(input).size);
    const b = on.base_inputs!.find((x) => x.key === 'base:tech_renovation_projects')!;
    expect(b).toMatchObject({ kind: 'assumed_base', value: 95, reliability: 'assumed', width: 0.1, distribution: 'normal' });
    expect(b.low).toBeCloseTo(85.5, 9);
    expect(b.high).toBeCloseTo(104.5, 9);
    // the same seed, the same answer
    expect(await call('simulation:run', { id: baseline, draws: 2000, seed: 7, base_ranges: 'on' })).toEqual(on);
  }, 120_000);

  it('refuses a value other than off or on', async () => {
    const env = await dispatch(fx.api().handlers, 'simulation:run', { id: baseline, draws: 200, base_ranges: 'yes' } as never, {
      host: 'cli',
    });
    expect(env.ok).toBe(false);
  });

  it('cli simulate --base-ranges prints the probability where off prints 未设区间', () => {
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'cli/main.ts',
          'simulate',
          '--scenario',
          '基准情景',
          '--draws',
          '500',
          '--seed',
          '7',
          ...args,
          '--db',
          path.join(fx.dir(), 'cli.sqlite'),
        ],
        {
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
    const off = run();
    expect(off.status, off.stderr).toBe(0);
    const on = run('--base-ranges');
    expect(on.status, on.stderr).toBe(0);
    const line = (out: string) => out.split('\n').find((l) => l.startsWith('每年实施重点技术改造项目')) ?? '';
    expect(line(off.stdout)).toContain('未设区间');
    expect(line(on.stdout)).not.toContain('未设区间');
    expect(line(on.stdout)).toMatch(/达标概率 (<1%|>99%|\d+%)/);
    expect(on.stdout.split('未设区间').length).toBeLessThan(off.stdout.split('未设区间').length);
    expect(on.stdout).toContain('已计入基期假设值与下限类实际值的不确定性');
    const json = JSON.parse(run('--base-ranges', '--json').stdout);
    expect(json.base_ranges).toBe('on');
    expect(json.base_inputs.length).toBeGreaterThan(50);
  }, 120_000);
});
