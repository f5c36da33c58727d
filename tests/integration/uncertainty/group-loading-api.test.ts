/**
 * A scenario's correlation-group loading through the API (issue 17.4): scenarios:setGroupLoading
 * writes it on every member with a range in one revision (one undo step), the simulation draws
 * with it and reports the plan's beside it, joint_sweep gives the joint probability at other
 * loadings, and a loading outside [0, 1) is refused naming the group in both languages.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../contract';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('grouploading');
const GREEN = ['energy_consumption', 'industrial_energy', 'co2_emissions'];
const JOINT = ['energy_intensity_reduction', 'industrial_energy_intensity_reduction', 'co2_intensity_reduction'];

describe('scenarios:setGroupLoading', () => {
  it('sets, simulates with, sweeps and undoes a group’s loading', async () => {
    const baseline = (await fx.call('scenarios:list', {})).find((s) => s.preset_id === 'baseline')!.id;
    const child = await fx.call('scenarios:create', { name: '载荷试算', parent_id: baseline });
    const before = await fx.call('simulation:run', { id: child.id, draws: 4000, seed: 11, joint: JOINT });
    expect(before.correlation_groups.find((g) => g.id === 'green_decay')).toMatchObject({ loading: 0.8 });

    await fx.call('scenarios:setGroupLoading', { id: child.id, group: 'green_decay', loading: 0.2 });
    const resolved = await fx.call('scenarios:resolve', { id: child.id });
    for (const m of GREEN) expect(resolved.assumptions[m].uncertainty!.group_loading).toBe(0.2);
    // the parent keeps the plan's loading
    const parent = await fx.call('scenarios:resolve', { id: baseline });
    for (const m of GREEN) expect(parent.assumptions[m].uncertainty!.group_loading).toBeUndefined();

    const after = await fx.call('simulation:run', { id: child.id, draws: 4000, seed: 11, joint: JOINT, joint_sweep: [0, 0.8] });
    const g = after.correlation_groups.find((x) => x.id === 'green_decay')!;
    expect(g).toMatchObject({ loading: 0.2, plan_loading: 0.8 });
    expect(after.p_joint!).toBeLessThan(before.p_joint!);
    expect(g.joint_by_loading!.map((x) => x.loading)).toEqual([0, 0.2, 0.8]);
    // the point at the plan's loading is the run before the change (same seed and draws)
    expect(g.joint_by_loading![2].p_joint).toBe(before.p_joint);

    // one undo step takes the loading back off every member
    await fx.call('scenarios:undo', { id: child.id });
    const undone = await fx.call('scenarios:resolve', { id: child.id });
    for (const m of GREEN) expect(undone.assumptions[m].uncertainty!.group_loading).toBeUndefined();

    // null: back to the plan's
    await fx.call('scenarios:setGroupLoading', { id: child.id, group: 'green_decay', loading: 0.5 });
    await fx.call('scenarios:setGroupLoading', { id: child.id, group: 'green_decay', loading: null });
    const reset = await fx.call('simulation:run', { id: child.id, draws: 4000, seed: 11, joint: JOINT });
    expect(reset.p_joint).toBe(before.p_joint);
  });

  it('refuses a loading of 1, naming the group and the allowed range', async () => {
    const baseline = (await fx.call('scenarios:list', {})).find((s) => s.preset_id === 'baseline')!.id;
    const env = await dispatch(
      fx.api().handlers,
      'scenarios:setGroupLoading',
      { id: baseline, group: 'green_decay', loading: 1 },
      { host: 'cli' },
    );
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.message_zh).toContain('能耗与碳排放降幅');
    expect(env.error.message_zh).toContain('0（含）至 1（不含）');
    expect(env.error.message_en).toContain('Energy and carbon decay rates');
  });
});
