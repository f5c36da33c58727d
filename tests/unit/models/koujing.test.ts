/**
 * 口径 per target (issue 15.6): base and end year per target as set in settings.target_bases, the
 * three 累计降幅 targets shipped 口径待核实 with the 2020 reading one click away, what a count counts,
 * and the 口径说明 list. Real plan, real engine.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { alternativeBasis, basisLabel, basisMark, basisOf, checkBases, countingNote, unconfirmedBases } from '../../../models/koujing';

const file = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const plan = Plan.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
const assumptions = resolvePresetAssumptions(plan, 'baseline');
const target = (id: string) => plan.targets.find((t) => t.id === id)!;
const FLAGGED = ['industrial_energy_intensity_reduction', 'industrial_water_intensity_reduction', 'co2_intensity_reduction'];

describe('口径 per target', () => {
  it('ships exactly the three 累计降幅 targets 口径待核实, with a 2020–2025 reading', () => {
    const flagged = plan.targets.filter((t) => basisOf(plan, t, {}).unconfirmed).map((t) => t.id);
    expect(flagged.sort()).toEqual([...FLAGGED].sort());
    for (const id of FLAGGED) {
      const b = basisOf(plan, target(id), {});
      expect(basisLabel(b, 'zh-CN')).toBe('基期2023年，终期2026年');
      expect(basisMark(b, 'zh-CN')).toBe('口径待核实');
      expect(alternativeBasis(target(id))).toEqual({ base_year: 2020, end_year: 2025, note: '', confirmed: false });
    }
    expect(target('industrial_water_intensity_reduction').basis_check!.note_zh).toContain('全部工业用水量除以规模以上工业增加值');
  });

  it('a confirmed 口径 loses the flag; a changed one reads 口径已调整', () => {
    const t = target('co2_intensity_reduction');
    expect(basisMark(basisOf(plan, t, { [t.id]: { base_year: null, end_year: null, note: '', confirmed: true } }), 'zh-CN')).toBe('');
    const hi = target('high_tech_enterprises');
    const b = basisOf(plan, hi, { [hi.id]: { base_year: 2024, end_year: null, note: '以2024年认定数为基期', confirmed: true } });
    expect(b).toMatchObject({ base_year: 2024, end_year: 2026, changed: true, confirmed: true, unconfirmed: false });
    expect(basisMark(b, 'zh-CN')).toBe('口径已调整');
  });

  it('the engine judges on the 口径 in force: base year and end year move the evaluation', () => {
    const id = 'little_giants';
    const plain = projectPlan({ plan, assumptions }).targets.find((t) => t.id === id)!;
    expect([plain.base_year, plain.target_year]).toEqual([2023, 2026]);
    // base 2024 (a projected 19.75), judged 2025 against 2026: time 1/2, progress (26 − 19.75)/(30 − 19.75)
    const r = projectPlan({
      plan,
      assumptions,
      settings: { target_bases: { [id]: { base_year: 2024, end_year: null, note: '', confirmed: false } } },
    });
    const ev = r.targets.find((t) => t.id === id)!;
    expect(ev.base_year).toBe(2024);
    expect(ev.time_elapsed).toBeCloseTo(0.5, 12);
    const v24 = r.series[id].values[2024];
    expect(ev.progress).toBeCloseTo((26 - v24) / (30 - v24), 12);
    // the 2020 reading of a 十四五 target: no 2020 values in the plan, so no verdict rather than a silent one
    const co2 = 'co2_intensity_reduction';
    const r20 = projectPlan({ plan, assumptions, settings: { target_bases: { [co2]: alternativeBasis(target(co2))! } } });
    const e20 = r20.targets.find((t) => t.id === co2)!;
    expect([e20.base_year, e20.target_year]).toEqual([2020, 2025]);
    expect(e20.status).toBe('no_data');
    // every other target is untouched
    const plainAll = projectPlan({ plan, assumptions }).targets;
    for (const t of r20.targets) if (t.id !== co2) expect(t.status).toBe(plainAll.find((p) => p.id === t.id)!.status);
  });

  it('refuses a 口径 whose base is not before its end, ends after the target year or names no target', () => {
    const id = 'co2_intensity_reduction';
    expect(checkBases(plan, { [id]: { base_year: 2020, end_year: 2025, note: '', confirmed: false } })).toEqual([]);
    const late = checkBases(plan, { [id]: { base_year: 2026, end_year: 2025, note: '', confirmed: false } });
    // the base is at fault, not the end year: one message, naming the years the base may take
    expect(late.map((p) => p.field)).toEqual(['base_year']);
    expect(late.find((p) => p.field === 'base_year')!.message_zh).toBe(
      `${target(id).name_zh}（口径基期）：2026年不可用，允许 2013–2024 年（早于终期2025年）`,
    );
    const past = checkBases(plan, { [id]: { base_year: 2023, end_year: 2027, note: '', confirmed: false } });
    expect(past.map((p) => p.field)).toEqual(['end_year']);
    expect(past[0]!.message_en).toContain('2027 is not allowed, use 2014–2026');
    expect(checkBases(plan, { [id]: { base_year: 2012, end_year: null, note: '', confirmed: false } }).map((p) => p.field)).toEqual([
      'base_year',
    ]);
    expect(checkBases(plan, { nowhere: { base_year: 2020, end_year: 2025, note: '', confirmed: false } })[0]!.message_zh).toContain(
      '规划中没有指标“nowhere”',
    );
  });

  it('says which counts are a stock and which new additions', () => {
    expect(countingNote(target('high_tech_enterprises'), 'zh-CN')).toBe('按存量（年末累计拥有数）计。');
    expect(countingNote(target('iim_certified_enterprises'), 'zh-CN')).toBe(
      '按存量（年末累计拥有数）计；原文“培育”也可读作新增，如按新增计请调整口径。',
    );
    expect(countingNote(target('base_stations_5g'), 'zh-CN')).toContain('“建成”');
    expect(countingNote(target('tech_renovation_projects'), 'zh-CN')).toBe('按当年新增数计，每年分别判断。');
    expect(countingNote(target('offshore_park_new_firms'), 'zh-CN')).toMatch(/^按\d{4}年起累计新增数计/);
    expect(countingNote(target('sei_va_share_gdp'), 'zh-CN')).toBeNull();
  });

  it('lists every 口径 still to confirm for the 口径说明', () => {
    const zh = unconfirmedBases(plan, {}, 'zh-CN');
    expect(zh.map((u) => u.id).sort()).toEqual([...FLAGGED].sort());
    const water = zh.find((u) => u.id === 'industrial_water_intensity_reduction')!;
    expect(water.text).toContain('单位工业增加值用水量累计降幅：现按基期2023年，终期2026年计算。');
    expect(water.text).toContain('另一种口径：基期2020年，终期2025年。');
    // confirmed drops out; a changed, unconfirmed base comes in with the plan's default named
    const bases = {
      co2_intensity_reduction: { base_year: null, end_year: null, note: '', confirmed: true },
      little_giants: { base_year: 2024, end_year: null, note: '按2024年底数', confirmed: false },
    };
    const list = unconfirmedBases(plan, bases, 'zh-CN');
    expect(list.map((u) => u.id)).not.toContain('co2_intensity_reduction');
    const lg = list.find((u) => u.id === 'little_giants')!;
    expect(lg.text).toContain('规划默认口径为基期2023年，终期2026年。');
    expect(lg.text).toContain('备注：按2024年底数');
    const en = unconfirmedBases(plan, {}, 'en');
    expect(en.map((u) => u.text).join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
