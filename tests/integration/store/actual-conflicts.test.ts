/**
 * Conflicting actuals through the API with a real SQLite store (issue 16 item 6): 610家 entered
 * for 2025 against the plan's "≥920家" is answered with the conflict at entry, listed, and the
 * planner's choice of the record in force is kept (across a reopening of the database), shown,
 * and used by the projection; a figure entered later opens the conflict again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Req } from '../../../contract';
import { dispatch } from '../../../contract';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('conflicts');
const call = fx.call;
let baseline: string;

async function refused<C extends Channel>(channel: C, req: Req<C>): Promise<{ code: string; message_zh: string }> {
  const env = await dispatch(fx.api().handlers, channel, req, { host: 'cli' });
  if (env.ok) throw new Error(`${channel} was accepted`);
  return env.error;
}

const src = (title: string, date: string) => ({ title, url: null, date, reliability: 'internal' as const });
const hte2025 = async () => (await call('projection:run', { id: baseline })).series.high_tech_enterprises!.values[2025];

beforeAll(async () => {
  baseline = (await call('scenarios:list', {})).find((s) => s.preset_id === 'baseline')!.id;
});

describe('conflicting actuals', () => {
  let entered = 0;
  it("a figure far from the plan's from another source is answered with the conflict at entry", async () => {
    expect(await call('actuals:conflicts', {})).toEqual([]);
    expect(await hte2025()).toBe(920);
    const r = await call('actuals:enter', {
      actual: {
        series: 'high_tech_enterprises',
        period: '2025',
        value: 610,
        source: src('市科技局半年报', '2025-07-10'),
        vintage: '2025-07-10',
        entered_by: '李四',
      },
    });
    entered = r.stored.id;
    expect(r.conflict).not.toBeNull();
    expect(r.conflict!.series).toBe('high_tech_enterprises');
    expect(r.conflict!.period).toBe('2025');
    expect(r.conflict!.decided).toBeNull();
    const keys = r.conflict!.records.map((x) => [x.key, x.value, x.value_kind, x.in_force]);
    const planIndex = fx.api().plan.actuals.findIndex((a) => a.series === 'high_tech_enterprises' && a.period === '2025');
    // the plan's ≥920 (2026-01-25) is the later vintage: in force until the planner chooses
    expect(keys).toEqual([
      [`plan:${planIndex}`, 920, 'lower_bound', true],
      [`entered:${entered}`, 610, 'actual', false],
    ]);
    expect(await call('actuals:conflicts', {})).toEqual([r.conflict]);
  });

  it('a figure close to a stored one, or from the same source, raises nothing', async () => {
    const r = await call('actuals:enter', {
      actual: {
        series: 'gdp_nominal',
        period: '2025',
        value: 2010,
        source: src('市统计局快报', '2026-02-01'),
        vintage: '2026-02-01',
        entered_by: '张三',
      },
    });
    expect(r.conflict).toBeNull();
    expect((await call('actuals:conflicts', {})).map((c) => c.series)).toEqual(['high_tech_enterprises']);
  });

  it('choosing the entered 610 puts it in force for the projection; the choice is kept and shown after reopening', async () => {
    const planIndex = fx.api().plan.actuals.findIndex((a) => a.series === 'high_tech_enterprises' && a.period === '2025');
    const after = await call('actuals:choose', { series: 'high_tech_enterprises', period: '2025', record: `entered:${entered}` });
    const c = after.find((x) => x.series === 'high_tech_enterprises')!;
    expect(c.decided).not.toBeNull();
    expect(c.records.map((x) => [x.key, x.in_force])).toEqual([
      [`plan:${planIndex}`, false],
      [`entered:${entered}`, true],
    ]);
    expect(await hte2025()).toBe(610);

    fx.close();
    fx.reopen();
    const again = (await call('actuals:conflicts', {})).find((x) => x.series === 'high_tech_enterprises')!;
    expect(again.records.find((x) => x.in_force)!.key).toBe(`entered:${entered}`);
    expect(again.decided).not.toBeNull();
    expect(await hte2025()).toBe(610);
  });

  it("choosing the plan's record sets the entered one aside (kept, shown as set aside); a later figure opens it again", async () => {
    const planIndex = fx.api().plan.actuals.findIndex((a) => a.series === 'high_tech_enterprises' && a.period === '2025');
    const after = await call('actuals:choose', { series: 'high_tech_enterprises', period: '2025', record: `plan:${planIndex}` });
    const c = after.find((x) => x.series === 'high_tech_enterprises')!;
    expect(c.records.map((x) => [x.key, x.in_force, x.set_aside])).toEqual([
      [`plan:${planIndex}`, true, false],
      [`entered:${entered}`, false, true],
    ]);
    expect(c.decided).not.toBeNull();
    expect(await hte2025()).toBe(920);
    // the set-aside record is kept in the store, marked deleted
    const all = (await call('actuals:list', { series: 'high_tech_enterprises' })).map((a) => a.id);
    expect(all).not.toContain(entered);

    // choosing it again restores it
    await call('actuals:choose', { series: 'high_tech_enterprises', period: '2025', record: `entered:${entered}` });
    expect((await call('actuals:list', { series: 'high_tech_enterprises' })).map((a) => a.id)).toContain(entered);
    expect(await hte2025()).toBe(610);

    const later = await call('actuals:enter', {
      actual: {
        series: 'high_tech_enterprises',
        period: '2025',
        value: 700,
        source: src('部门报送', '2026-02-10'),
        vintage: '2026-02-10',
        entered_by: '王五',
      },
    });
    expect(later.conflict).not.toBeNull();
    expect(later.conflict!.decided).toBeNull();
    expect(later.conflict!.records.map((x) => x.value)).toEqual([920, 610, 700]);
  });

  it("an import that stores figures contradicting the plan's says how many conflicts it opened", async () => {
    const csv = '指标,期间,数值\n规上工业企业数,2025,500\n规上工业企业数,2024,480\n';
    const req = {
      content_base64: Buffer.from(csv).toString('base64'),
      file_name: '补录.csv',
      data_from_line: 2,
      mapping: {
        series: 0,
        period: 1,
        value: 2,
        value_kind: -1,
        source_title: -1,
        source_url: -1,
        source_date: -1,
        reliability: -1,
        vintage: -1,
        note: -1,
      },
      source_title: '部门报送表',
      reliability: 'internal' as const,
    };
    const dry = await call('actuals:import', { ...req, dry_run: true });
    expect(dry.stored).toBe(0);
    expect(dry.conflicts).toBeUndefined();
    const r = await call('actuals:import', req);
    expect(r.stored).toBe(2);
    // 500 against the plan's 1,037 for 2025 is a conflict; 2024 has no other record
    expect(r.conflicts).toBe(1);
    const seriesId = fx.api().plan.series.find((x) => x.name_zh === '规上工业企业数')!.id;
    expect((await call('actuals:conflicts', {})).filter((c) => !c.decided).map((c) => [c.series, c.period])).toContainEqual([
      seriesId,
      '2025',
    ]);
  });

  it('a choice that names no record of that series and period is refused with a clear message', async () => {
    const e = await refused('actuals:choose', { series: 'high_tech_enterprises', period: '2025', record: 'plan:0' });
    expect(e.code).toBe('not_found');
    expect(e.message_zh).toContain('规划文件中没有');
    const e2 = await refused('actuals:choose', { series: 'high_tech_enterprises', period: '2025', record: 'entered:999999' });
    expect(e2.code).toBe('not_found');
  });
});
